"""The evidence stage: a decline of the facts is final only when the report's own text does
not hold the asked item either; departments named in ways no alias lists; a project named in
the question is never answered with the department's figure. Reports written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.understand.departments import abbreviates, candidates, find, misspells
from tests.answer.library import ingested

ORCHARD = """青石县果树技术推广站2023年度部门整体支出绩效自评报告
一、部门概况
本站核定编制18名，年末实有在职人员16人。
本站下设检测室和推广科，下属育苗基地1个。
二、部门收支情况
全年预算数 520.00万元，执行数 503.20万元，预算执行率 96.77%。
三、重点项目
1. 果树病虫害绿色防控示范经费。
全年预算80.00万元，执行76.40万元，执行率95.50%，建成示范园3个。
2. 新品种引进试种项目。
全年预算45.00万元，执行45.00万元，执行率100%。
四、其他
本年度共举办果农培训班14期，培训果农1260人次。
"""


def _assistant(tmp_path: Path, monkeypatch, files: dict[str, str]):
    return ingested(tmp_path, monkeypatch, files)


@pytest.fixture()
def orchard(tmp_path: Path, monkeypatch):
    return _assistant(tmp_path, monkeypatch, {"gs.txt": ORCHARD})


def test_a_figure_the_facts_lack_is_quoted_from_the_report(orchard) -> None:
    a = orchard.ask("青石县果树技术推广站2023年举办了多少期果农培训班？")
    assert not a.abstained and "14期" in a.text and a.citations


def test_a_project_named_in_the_question_gets_its_own_figure_with_its_lead(orchard) -> None:
    a = orchard.ask("青石县果树技术推广站2023年果树病虫害绿色防控示范经费执行了多少？")
    assert not a.abstained and "76.40万元" in a.text
    assert "503.20" not in a.text  # never the department's figure
    assert "绿色防控示范经费" in a.text  # the item's lead says whose figure it is


def test_an_item_the_report_never_names_is_declined_without_a_figure(orchard) -> None:
    a = orchard.ask("青石县果树技术推广站2023年有多少名博士研究生？")
    assert a.abstained and a.citations == []
    assert not any(ch.isdigit() for ch in a.text.replace("2023", ""))


def test_a_figure_must_stand_beside_the_asked_head_word(orchard) -> None:
    # 在职人员 is stated, but no figure of 离休人员: the sentence with 16人 does not answer it
    a = orchard.ask("青石县果树技术推广站2023年离休人员有多少人？")
    assert a.abstained


def test_the_matcher_reads_a_name_by_its_characters_in_order() -> None:
    assert abbreviates("广电体局", "云岭市广播电视体育局")
    assert abbreviates("人社厅", "滇南省人力资源和社会保障厅")
    assert abbreviates("市人民医院", "云岭市人民医院")
    assert not abbreviates("体育局", "云岭市教育局")
    assert misspells("云岭市教肓局", "云岭市教育局")


def test_generic_words_are_never_departments() -> None:
    names = [("云岭市教育局", "云岭市教育局"), ("石桥镇人民政府", "石桥镇人民政府")]
    assert candidates("项目", names) == () and candidates("单位", names) == ()
    # 石桥镇 may name the town's government; 石桥镇委 is never read (委 begins 委托)
    assert [m.said for m in find("石桥镇委托第三方开展评价了吗", names)] in ([], ["石桥镇"])
    assert find("文化服务项目执行了多少", names) == []


def test_a_name_after_another_place_is_not_read_as_this_places_body() -> None:
    names = [("云岭市东城区教育局", "云岭市东城区教育局")]
    assert find("云岭市西城区教育局的得分", names) == []
    assert [m.departments for m in find("东城教育局的得分", names)] == [("云岭市东城区教育局",)]


def test_an_abbreviation_no_alias_lists_is_answered_and_said_how_it_was_read(orchard) -> None:
    a = orchard.ask("果树推广站2023年执行数是多少？")
    assert "503.20万元" in a.text and "按“" in a.text


def test_a_code_is_no_amount_and_a_score_must_be_a_score(tmp_path: Path, monkeypatch) -> None:
    report = ORCHARD + "五、报告信息\n单位预算编码771204，报告日期2024年3月1日。\n" \
        "（1）果农满意度：目标90%，实际为93%。\n"
    a = _assistant(tmp_path, monkeypatch, {"gs.txt": report})
    code = a.ask("青石县果树技术推广站2023年的预算编码是多少？")
    assert not code.abstained and "771204" in code.text
    score = a.ask("青石县果树技术推广站2023年“果农满意度”这项指标得了多少分？")
    assert score.abstained  # 93% is no score


def test_a_year_without_a_report_is_read_from_a_later_reports_comparison(tmp_path: Path,
                                                                         monkeypatch) -> None:
    report = ORCHARD + "与上年相比，本年执行数较2022年的488.10万元增加15.10万元。\n"
    a = _assistant(tmp_path, monkeypatch, {"gs.txt": report})
    answer = a.ask("青石县果树技术推广站2022年的执行数是多少？")
    assert not answer.abstained and "488.10万元" in answer.text and "没有该部门2022年的报告" in answer.text
    none = a.ask("青石县果树技术推广站2021年的执行数是多少？")
    assert none.abstained


def test_a_project_named_by_a_long_run_of_its_name(tmp_path: Path, monkeypatch) -> None:
    table = ("青石县果树技术推广站2023年度部门整体支出绩效自评报告\n"
             "全年预算数 520.00万元，执行数 503.20万元。\n"
             "| 项目名称 | 预算数 | 执行数 | 执行率 |\n|---|---|---|---|\n"
             "| 全县果园数字化监测平台运行维护及扩容项目 | 30.00 | 27.60 | 92.00% |\n"
             "| 新品种引进试种项目 | 45.00 | 45.00 | 100% |\n")
    a = _assistant(tmp_path, monkeypatch, {"gs.txt": table})
    answer = a.ask("青石县果树技术推广站2023年那个数字化监测平台运行的项目执行了多少？")
    assert "27.60" in answer.text and "503.20" not in answer.text


def test_a_count_asked_with_the_general_classifier_may_be_written_with_another(orchard) -> None:
    a = orchard.ask("青石县果树技术推广站2023年下属有几个育苗基地？")
    assert not a.abstained and "育苗基地1个" in a.text.replace(" ", "")
    b = orchard.ask("青石县果树技术推广站2023年核定了多少个编制？")
    assert not b.abstained and "18名" in b.text


def test_a_metric_word_glued_to_a_projects_name_counts_by_its_own_part() -> None:
    from assistant.answer.evidence.search import item_words
    from assistant.answer.evidence.statements import Asked

    asked = Asked("监测平台扩容项目支出多少", ("监测", "平台", "扩容", "项目支出"), {}, "money")
    assert item_words(asked)[-1] == "支出"
    alone = Asked("项目支出多少", ("项目支出",), {}, "money")
    assert item_words(alone) == ("项目支出",)


def test_colloquial_words_of_the_question_are_no_part_of_the_item(orchard) -> None:
    a = orchard.ask("青石县果树技术推广站那边2023年核定了多少个编制？")
    assert not a.abstained and "18名" in a.text
