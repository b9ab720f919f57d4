"""A difference or remainder about a subject (a spending item such as “三公”经费, a project)
takes both operands from that subject: its own budget (the 年初 one when it states only that)
and its own spending. When the subject states no budget the answer says so; the department's
budget never stands in for it."""

from __future__ import annotations

import pytest

from assistant.answer.understand.intent import intent_of
from assistant.answer.understand.types import Intent
from tests.answer.library import ingested

# the item states only a 年初 budget; the department's budget is much larger
WATER = """某区水务站2024年度部门整体支出绩效自评报告
一、部门整体支出情况
2024年全年预算数2,300.00万元，全年支出2,150.00万元，预算执行率93.48%。
二、“三公”经费情况
2024年“三公”经费年初预算50,000.00元，实际支出42,300.00元，其中公务接待费6,300.00元。
"""

# the item states its spending and nothing of its budget
SEED = """某乡种子站2024年度部门整体支出绩效自评报告
一、部门整体支出情况
2024年全年预算数860.00万元，全年支出820.00万元，预算执行率95.35%。
二、“三公”经费情况
2024年“三公”经费支出3.40万元，其中公务用车运行维护费2.90万元。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    yield ingested(tmp_path_factory.mktemp("subject_ops"), mp, {"water.txt": WATER, "seed.txt": SEED})
    mp.undo()


def test_saved_against_budget_is_a_remainder() -> None:
    assert intent_of("三公经费比预算省了多少", ("三公经费",))[0] == Intent.REMAINING


def test_item_remainder_uses_the_items_own_budget(assistant) -> None:
    a = assistant.ask("某区水务站“三公”经费比预算省了多少？")
    assert "7700.00元" in a.text and "2,300.00万元" not in a.text and "2300.00万元" not in a.text


def test_item_difference_uses_the_items_own_budget(assistant) -> None:
    a = assistant.ask("某区水务站“三公”经费比预算数少多少？")
    assert "7700.00元" in a.text and "2300.00万元" not in a.text and "调减" not in a.text


def test_item_without_budget_is_said_not_replaced(assistant) -> None:
    for question in ("某乡种子站“三公”经费比预算省了多少？", "某乡种子站“三公”经费比预算数少多少？"):
        a = assistant.ask(question)
        assert "860.00万元" not in a.text and "没有给出" in a.text, question


def test_item_ratio_uses_the_items_own_budget(assistant) -> None:
    a = assistant.ask("某区水务站“三公”经费支出是预算数的百分之几？")
    assert "84.60%" in a.text and "2300.00万元" not in a.text and "2,300.00万元" not in a.text
