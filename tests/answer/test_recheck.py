"""A compared figure that its own report's figures contradict is said, with the recomputed
figure; a grade comes with the score it was given for."""

from __future__ import annotations

import pytest

from tests.answer import library

ONE = """甲县水务局2024年度部门整体支出绩效自评报告
一、部门整体支出情况
2024年全年预算数100.00万元，全年支出90.00万元，预算执行率95.00%。
年初预算数为88.00万元，年中追加防汛资金。
2024年“三公”经费预算15.00万元，实际支出12.50万元。
二、自评结论
本部门2024年度自评得分86分，评价等级为“良”。
"""
TWO = """乙县水务局2024年度部门整体支出绩效自评报告
一、部门整体支出情况
2024年全年预算数200.00万元，全年支出186.00万元，预算执行率93.00%。
“三公”经费支出8.30万元，比上年减少0.40万元。
二、自评结论
本部门2024年度自评得分92分，评价等级为“优”。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield library.ingested(tmp_path_factory.mktemp("recheck"), monkeypatch,
                               {"one.txt": ONE, "two.txt": TWO})


def test_a_stated_rate_its_own_figures_contradict_is_recomputed(assistant) -> None:
    text = assistant.ask("甲县水务局和乙县水务局2024年谁的执行率高？").text
    assert "甲县水务局2024年更高" in text and "高2.00个百分点" in text
    assert "注意：甲县水务局" in text and "90.00%" in text and "乙县水务局2024年按" not in text


def test_a_grade_comes_with_its_score(assistant) -> None:
    text = assistant.ask("甲县水务局2024年的评价等级是什么？").text
    assert "良" in text and "86分" in text


def test_one_item_across_reports_however_each_files_it(assistant) -> None:
    text = assistant.ask("甲县水务局跟乙县水务局2024年三公经费差多少？").text
    assert "多4.20万元" in text and "““" not in text


@pytest.mark.parametrize("question", ["食品抽检合格率够没够目标？", "满意度目标达到没有？"])
def test_a_target_asked_in_other_words(question) -> None:
    from assistant.answer.understand.intent import intent_of

    assert intent_of(question, ())[0] == "target"


def test_a_final_budget_comes_with_the_initial_one_and_the_adjustment(assistant) -> None:
    text = assistant.ask("甲县水务局2024年预算数是多少？").text
    assert "100.00万元" in text and "88.00万元" in text and "年中调整增加12.00万元" in text
