"""This year against an earlier one: the change, its percentage, and a stated percentage that
disagrees with the computed one."""

from __future__ import annotations

import pytest

from assistant.answer.understand.intent import intent_of
from tests.answer import library

REPORT = """某县林业局2024年度部门整体支出绩效自评报告
一、部门整体支出情况
2024年全年预算数500.00万元，全年支出460.00万元，预算执行率92.00%。
2023年全年支出400.00万元，2024年较上年增长16.5%，主要是森林防火投入增加。
二、自评结论
本部门2024年度自评得分91分，等级为优。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield library.ingested(tmp_path_factory.mktemp("growth"), monkeypatch, {"ly.txt": REPORT})


@pytest.mark.parametrize("question, intent", [
    ("比2023年多执行了多少？增长百分之几？", "growth"),
    ("支出较上年增长多少？报告里写的增长率对吗？", "growth"),
    ("今年支出同比变化多大", "growth"),
    ("与2023年比，执行数增加多少、增长几个百分点？", "growth"),
    ("今年比去年多花了多少，涨了百分之几？", "growth"),
    ("全年预算比年初预算多了多少？", "difference"),
    ("人员经费+公用经费等不等于基本支出？", "reconcile"),
    ("项目支出在支出总额中的比重是多少？", "share"),
    ("5个项目的执行合计跟项目支出一样吗？", "reconcile"),
])
def test_growth_is_asked_against_an_earlier_year(question, intent) -> None:
    assert intent_of(question, ("支出",))[0] == intent


def test_the_change_and_its_percentage_with_a_stated_one_that_disagrees(assistant) -> None:
    answer = assistant.ask("某县林业局2024年支出比上年增加了多少？增长百分之几？")
    assert answer.skill == "growth" and not answer.abstained
    assert "多60.00万元" in answer.text and "增长15.00%" in answer.text
    assert "16.5%" in answer.text and "不一致" in answer.text
    assert all(d["calc"] for d in answer.derived)
