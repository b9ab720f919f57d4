"""A spending item (“三公”经费 and its parts) is asked of as a figure of its own: its budget and
spending are found whether the report files them under the item or as the item's figure, the
quote marks of its spelling name no subject, one item is added up across reports, and a second
department named in short after 和 is read. Two reports written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.understand import resolve
from assistant.facts.vocabulary import subject_key
from tests.answer.library import ingested

# the item's budget and spending in one sentence (filed under the item)
WATER = """青石县水务局2024年度部门整体支出绩效自评报告
一、部门收支情况
2024年全年预算数4,800.00万元，全年支出4,560.00万元，预算执行率95.00%。
二、“三公”经费支出情况
2024年“三公”经费预算30.00万元，实际支出24.50万元，其中公务接待费4.50万元。
"""
# the item's spending as its own figure, no budget for it
CLINIC = """青石县中心医院2024年度单位整体支出绩效自评报告
一、单位收支情况
2024年全年预算数9,100.00万元，全年支出8,800.00万元，预算执行率96.70%。
二、“三公”经费支出情况
2024年三公经费支出185,000.00元。
"""


# the item's budget given only as the year's first (年初) budget
PARK = """青石县园林局2024年度部门整体支出绩效自评报告
一、部门收支情况
2024年全年预算数1,600.00万元，全年支出1,520.00万元，预算执行率95.00%。
二、“三公”经费支出情况
“三公”经费年初预算8.00万元，全年实际支出7.20万元，其中公务接待费2.10万元。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    root: Path = tmp_path_factory.mktemp("items")
    mp = pytest.MonkeyPatch()
    yield ingested(root, mp, {"water.txt": WATER, "clinic.txt": CLINIC})
    mp.undo()


def test_a_numeral_that_opens_a_name_is_part_of_it() -> None:
    assert subject_key("“三公”经费") == subject_key("三公经费") == "三公经费"
    assert subject_key("一般公共预算") == "一般公共预算"
    assert subject_key("（一）危桥改造") == subject_key("2.危桥改造") == "危桥改造"


def test_quote_marks_of_a_term_name_no_subject_and_the_item_owns_the_figure(assistant) -> None:
    q = resolve("青石县水务局2024年“三公”经费实际支出多少？", assistant.qa.catalog())
    assert q.subjects == ("三公经费",) and q.metrics == ("支出",)
    budget = resolve("青石县水务局2024年“三公”经费预算是多少？", assistant.qa.catalog())
    assert budget.subjects == ("三公经费",) and budget.metrics == ("预算数",)


@pytest.mark.parametrize("question, value, absent", [
    ("青石县水务局2024年“三公”经费实际支出多少？", "24.50", "4,560.00"),
    ("青石县水务局2024年“三公”经费预算是多少？", "30.00", "4,800.00"),
    ("青石县水务局2024年三公经费是多少？", "24.50", "4,560.00"),
    # filed as the item's own figure, asked as its spending
    ("青石县中心医院2024年“三公”经费实际支出多少？", "185,000.00", "8,800.00"),
])
def test_an_item_figure_is_found_however_it_is_filed(assistant, question, value, absent) -> None:
    answer = assistant.ask(question)
    assert value in answer.text and absent not in answer.text
    assert not answer.abstained


def test_an_item_budget_the_report_does_not_give_is_not_its_spending(assistant) -> None:
    answer = assistant.ask("青石县中心医院2024年“三公”经费预算是多少？")
    assert "185,000.00元" not in answer.text.split("报告只给出")[0]
    assert "没有给出" in answer.text


def test_what_is_left_of_an_item_budget(assistant) -> None:
    answer = assistant.ask("青石县水务局2024年“三公”经费预算还剩多少没用？")
    assert "5.50" in answer.text


def test_one_item_added_up_across_reports(assistant) -> None:
    answer = assistant.ask("两家单位2024年“三公”经费实际支出加起来是多少万元？")
    assert "24.50" in answer.text and "43.00万元" in answer.text
    assert "4,560.00" not in answer.text


def test_a_second_department_named_in_short_after_he(assistant) -> None:
    q = resolve("2024年青石县水务局和县中心医院的“三公”经费哪个多？", assistant.qa.catalog())
    assert set(q.departments) == {"青石县水务局", "青石县中心医院"}


def test_a_figure_comes_with_what_it_is_read_beside(assistant) -> None:
    # an item's spending: its budget beside it, and the parts its 其中 lists
    answer = assistant.ask("青石县水务局2024年“三公”经费实际支出多少？")
    assert "24.50" in answer.text and "30.00" in answer.text and "4.50" in answer.text
    assert "4,560.00" not in answer.text
    # a comparison across reports stays a ranking of the asked figure, with 元 converted
    both = assistant.ask("2024年青石县水务局和县中心医院的“三公”经费实际支出哪个多？")
    assert "18.50万元" in both.text and "30.00" not in both.text


def test_an_item_given_only_its_first_budget_shows_it_beside_its_spending(tmp_path) -> None:
    mp = pytest.MonkeyPatch()
    try:
        park = ingested(tmp_path, mp, {"park.txt": PARK})
    finally:
        mp.undo()
    answer = park.ask("青石县园林局2024年“三公”经费花了多少？")
    assert "7.20" in answer.text and "8.00" in answer.text and "1,600.00" not in answer.text
