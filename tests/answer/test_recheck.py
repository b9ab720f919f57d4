"""A compared figure that its own report's figures contradict is said, with the recomputed
figure; a grade comes with the score it was given for."""

from __future__ import annotations

import pytest

from tests.answer import library

ONE = """甲县水务局2024年度部门整体支出绩效自评报告
一、部门整体支出情况
2024年全年预算数100.00万元，全年支出90.00万元，预算执行率95.00%。
二、自评结论
本部门2024年度自评得分86分，评价等级为“良”。
"""
TWO = """乙县水务局2024年度部门整体支出绩效自评报告
一、部门整体支出情况
2024年全年预算数200.00万元，全年支出186.00万元，预算执行率93.00%。
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
