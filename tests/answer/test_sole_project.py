"""A department's report whose facts name one project is still the department's: its every
sentence is not about that project (its 项目支出 is no figure of the project). Own wording."""

from __future__ import annotations

from assistant.text.doc_fields import project_report

KILN = """青瓦县文物保护中心2025年度部门整体支出绩效自评报告
一、基本情况
本中心负责全县不可移动文物的日常巡查、保护修缮和安全管理。
二、预算执行情况
全年支出386.20万元，其中基本支出241.70万元，项目支出144.50万元。
古窑址保护修缮项目安排60.00万元，护棚主体已完工。
三、绩效目标完成情况
全年巡查文物点126处，修缮古窑址护棚2座。
"""


def test_a_title_makes_a_project_report():
    assert project_report("某县农业局2024年项目支出绩效自评表")
    assert project_report("某委2023年度项目绩效自评报告(慰问经费项目)")
    assert not project_report("某县文物保护中心2025年度部门整体支出绩效自评报告")
    assert not project_report("某县文物保护中心2025年度工作总结")


def test_the_projects_own_figure_not_the_departments_project_spending(tmp_path, monkeypatch):
    from tests.answer.library import ingested

    assistant = ingested(tmp_path, monkeypatch, {"kiln.txt": KILN})
    a = assistant.ask("青瓦县文物保护中心古窑址保护修缮项目花了多少钱？")
    assert "144.50" not in a.text  # the department's 项目支出, not the project's


def test_a_name_the_report_writes_whole_is_never_a_common_word():
    from assistant.answer.evidence.passages import Sentence
    from assistant.answer.evidence.search import cover, written_name
    from assistant.answer.understand.items import Asked

    asked = Asked("古窑址保护修缮项目支出多少", ("古窑址", "保护", "修缮", "项目", "支出", "项目支出"),
                  {"项目": ("项目",), "支出": ("支出",), "项目支出": ("项目支出",)}, "money")
    whole = "古窑址保护修缮项目安排60.00万元。其中基本支出241.70万元，项目支出144.50万元。"
    assert written_name(asked, whole) == {"古窑址", "保护", "修缮"}
    assert written_name(asked, "古窑址的保护与修缮") == frozenset()  # never written together
    split = Sentence("r", "二、预算执行情况", "其中基本支出241.70万元，项目支出144.50万元。",
                     "", 0, 10, 0)
    common = {"古窑址": 0.3, "保护": 0.4, "修缮": 0.3, "项目": 0.5, "支出": 0.5, "\x00sentences": 40.0}
    assert cover([asked], split, "", common).lacking == ()  # each word common: left unsaid
    named = written_name(asked, whole)
    assert set(cover([asked], split, "", common, named=named).lacking) == {"古窑址", "保护", "修缮"}
