"""A fund, project or funding source the question names in short is that subject, never the
department: a report written for these tests (a county civil-affairs bureau)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.answer.library import ingested

REPORT = """白溪县民政局2024年度部门整体支出绩效自评报告
一、部门整体收支情况
2024年我局全年预算数6,200.00万元，全年实际支出5,980.00万元，预算执行率96.45%。
资金来源 | 全年预算数 | 执行数 | 执行率
一般公共预算 | 5,600.00 | 5,432.00 | 97.00%
上年结转 | 600.00 | 548.00 | 91.33%
二、重点项目实施情况
1.城乡低保资金。全年预算3,100.00万元，执行3,050.20万元，执行率98.39%。
2.特困人员供养经费。全年预算820.00万元，执行770.80万元，执行率94.00%。
三、绩效目标完成情况
低保资金按月足额发放率100%，群众满意度94.1%。
"""
DEPARTMENT_FIGURES = ("6,200.00", "5,980.00", "96.45%")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    root: Path = tmp_path_factory.mktemp("subjects")
    mp = pytest.MonkeyPatch()
    yield ingested(root, mp, {"mz.txt": REPORT})
    mp.undo()


@pytest.mark.parametrize("question, value", [
    # the short name ends as the fund's name does (the indicator that also holds it does not)
    ("白溪县民政局低保资金执行了多少？", "3,050.20"),
    # characters left out, order, first character and head word kept; the metric word
    # 经费预算 shares the head word
    ("白溪县民政局特困供养经费预算多少", "820.00"),
    # a funding source named before a metric word that overlaps it (一般公共预算|预算执行率)
    ("白溪县民政局一般公共预算执行率是多少？", "97.00%"),
])
def test_a_subject_named_in_short_is_that_subject(assistant, question: str, value: str) -> None:
    answer = assistant.ask(question)
    assert value in answer.text
    assert not any(f in answer.text for f in DEPARTMENT_FIGURES)


def test_a_fund_the_report_does_not_hold_gets_no_department_figure(assistant) -> None:
    answer = assistant.ask("白溪县民政局维修资金执行了多少？")
    assert answer.abstained
    assert not any(f in answer.text for f in DEPARTMENT_FIGURES)
    # a name one character away from a subject but sharing too little of it is no typo of it
    other = assistant.ask("白溪县民政局城乡医疗资金执行了多少？")
    assert "3,050.20" not in other.text


def test_a_target_question_about_an_item_the_facts_lack_is_answered_from_its_sentence(
        assistant) -> None:
    answer = assistant.ask("白溪县民政局群众满意度达标了吗？")
    assert "94.1%" in answer.text
    report = assistant.ask("白溪县民政局新建儿童之家目标完成了吗？")
    # an item the report never names: declined, not answered with the budget's execution
    assert report.abstained and not any(f in report.text for f in DEPARTMENT_FIGURES)


def test_a_subject_shortened_and_typed_with_one_wrong_character_is_that_subject() -> None:
    from assistant.answer.understand.subjects import subjects_of
    from assistant.answer.understand.types import Catalog

    catalog = Catalog(reports=[], subjects={"r": [("project", "高山牧场草原生态修复项目"),
                                                  ("project", "牧区饮水安全工程")]})
    # 草原 typed 草圆, 修复 left out: the run with the typo holds most of the name
    assert subjects_of("高山牧场草圆生态项目花了多少", catalog, ("r",))[0] == ("高山牧场草原生态修复项目",)
    # one shared word with a typo beside it is no reading of a name
    assert subjects_of("高山草场项目花了多少", catalog, ("r",))[0] == ()


def test_a_demonstrative_before_a_named_project_is_no_part_of_its_name() -> None:
    from assistant.answer.understand.subjects import named_subject

    assert named_subject("那个站网运维项目花了多少", ()) == "站网运维项目"
    assert named_subject("这项河道疏浚工程完成了吗", ()) == "河道疏浚工程"


def test_another_reports_subject_is_never_this_reports() -> None:
    from assistant.answer.understand.subjects import subjects_of
    from assistant.answer.understand.types import Catalog

    catalog = Catalog(reports=[], subjects={"a": [("project", "城区路灯改造工程"), ("source", "项目支出")],
                                            "b": [("project", "乡村道路养护")]})
    # the question asks report b: a's project is none of b's
    assert subjects_of("城区路灯改造工程花了多少", catalog, ("b",))[0] == ()
    assert subjects_of("城区路灯改造工程花了多少", catalog, ("a",))[0] == ("城区路灯改造工程",)
    # nor does a subject that another report names like a metric (项目支出) stand for it here
    assert subjects_of("项目支出的执行率是多少", catalog, ("b",))[0] == ()


def test_a_part_asked_of_a_figure_just_named_is_what_is_asked() -> None:
    from assistant.answer.understand.subjects import named_subject

    assert named_subject("某局基本支出中人员经费是多少", ()) == "人员经费"
    assert named_subject("项目支出里的会议费有多少", ()) == "会议费"
    # a metric word after 中 is a metric, not a part to look for
    assert named_subject("支出中项目支出多少", ()) == ""
