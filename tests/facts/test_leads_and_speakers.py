"""Whose figure, from what stands around it: a paragraph opened by a project's label, a heading
that names projects in general, a project name with digits in it, and a parent body speaking
(我委) at the top of its unit's report. Synthetic reports written for these tests."""

from __future__ import annotations

from assistant.facts.vocabulary import other_body_words, self_words
from tests.facts.extracted import department, facts


def subjects(found, metric: str) -> dict[str, float]:
    return {f.subject: f.value for f in found if f.metric == metric and f.subject}


PROJECTS = """某市妇幼保健院2024年度单位整体支出绩效自评报告
一、单位收支情况
（一）预算及执行
2024年本院全年预算2,400.00万元，实际执行2,280.00万元，预算执行率95.00%。
（二）主要项目
孕产妇健康管理项目：预算310.00万元，执行300.70万元，执行率97.00%。
12320热线运行项目：预算64.00万元，执行60.16万元，执行率94.00%。
"""


def test_a_paragraph_opened_by_a_project_label_is_that_projects() -> None:
    found = facts(PROJECTS)
    assert department(found, "预算数") == [2400.0]
    assert department(found, "执行率") == [95.0]
    budgets = subjects(found, "预算数")
    assert budgets.get("孕产妇健康管理项目") == 310.0
    # a number that is part of a name is no figure in the lead
    assert budgets.get("12320热线运行项目") == 64.0
    # the heading names projects in general: it is no project of its own
    assert "主要项目" not in budgets


PARENT = """某市卫生健康委员会 预决算公开
关于公开某市急救中心2024年度单位整体支出绩效自评报告的说明
现将我委所属某市急救中心2024年度单位整体支出绩效自评报告予以公开。我委2024年度部门整体支出预算执行率为98.10%。
某市急救中心2024年度单位整体支出绩效自评报告
一、单位收支情况
2024年中心全年预算1,500.00万元，实际执行1,410.00万元，预算执行率94.00%。
"""


def test_a_parent_body_speaking_in_its_units_report_gives_no_unit_figure() -> None:
    assert department(facts(PARENT), "执行率") == [94.0]


def test_self_words_follow_the_kind_of_body() -> None:
    centre = ("某市急救中心",)
    assert "我中心" in self_words(centre) and "本单位" in self_words(centre)
    assert "我委" in other_body_words(centre) and "我委" not in self_words(centre)
    assert "我委" in self_words(("某市卫生健康委员会",))
    assert "我校" in self_words(("某县第一中学",))
    assert self_words(()) == self_words(("",))


def _score_table(total: str) -> str:
    rows = [("决策", "目标设定", 20, 18), ("过程", "资金管理", 20, 19), ("产出", "数量完成", 30, 27),
            ("效益", "群众满意", 30, 28)]
    lines = "\n".join(f"{a} | {b} | {w} | {s}" for a, b, w, s in rows)
    return ("某县气象局2024年度部门整体支出绩效自评报告\n一、自评得分\n"
            "一级指标 | 三级指标 | 分值 | 得分\n" + lines + f"\n合计 | | 100 | {total}\n")


def test_a_score_table_total_is_the_sum_of_its_scores() -> None:
    from types import SimpleNamespace

    from assistant.facts.checks import check_facts

    def messages(text: str) -> list[str]:
        rows = [SimpleNamespace(**f.to_dict(), report_id="r") for f in facts(text)]
        return [f.message for f in check_facts(rows)]

    assert not any("得分之和" in m for m in messages(_score_table("92")))
    assert any("得分之和为 92分" in m for m in messages(_score_table("93")))


def test_a_lead_that_counts_or_introduces_projects_is_a_scope_not_a_subject() -> None:
    from assistant.facts.discourse import is_list_scope
    from tests.facts.extracted import facts

    text = ("某镇农业服务中心2024年度部门整体支出绩效自评报告\n二、预算执行\n"
            "全年实施的两个项目中：农机推广项目预算30.00万元，支出28.00万元；"
            "土壤改良项目预算12.00万元，支出11.50万元。\n")
    found = {(f.metric, f.scope, f.subject, f.value) for f in facts(text)}
    assert ("预算数", "project", "农机推广项目", 30.0) in found
    assert ("支出", "project", "土壤改良项目", 11.5) in found
    assert not [f for f in found if "两个项目" in f[2]]
    assert is_list_scope("本年度实施的三个项目中") and is_list_scope("主要项目如下")
    assert is_list_scope("以下5个项目")
    assert not is_list_scope("其中") and not is_list_scope("森林防火项目")


def test_under_a_list_lead_a_clause_opening_with_a_funds_name_is_that_funds() -> None:
    from tests.facts.extracted import facts

    text = ("某镇农业服务中心2024年度部门整体支出绩效自评报告\n二、预算执行\n"
            "本年度实施的两个项目中：耕地地力保护补贴资金预算52,000元，已全额兑付；"
            "农机推广项目预算30.00万元，支出28.00万元。\n")
    found = {(f.metric, f.scope, f.subject, f.value) for f in facts(text)}
    assert ("预算数", "project", "耕地地力保护补贴资金", 5.2) in found
    assert ("预算数", "project", "农机推广项目", 30.0) in found
