"""The budget not spent, named in other words (没花完的钱), is 预算数 − 支出 computed, and an
agreement check sets it against the stated figure."""

from __future__ import annotations

import pytest

from assistant.answer.understand.operands import UNSPENT, agreed
from tests.answer import library

PARK = """壬县公园管理所2023年度部门整体支出绩效自评报告
一、基本情况
2023年全年预算数120.00万元，全年支出112.50万元，预算执行率93.75%。
年末结转结余7.50万元，主要是绿化养护尾款。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield library.ingested(tmp_path_factory.mktemp("unspent"), monkeypatch, {"park.txt": PARK})


def test_an_operand_named_as_the_unspent_budget() -> None:
    assert agreed("没花完的钱和年末结转结余对得上吗")[0] == ("没花完的钱", UNSPENT)


def test_the_unspent_budget_against_the_stated_carry_over(assistant) -> None:
    text = assistant.ask("壬县公园管理所2023年没花完的钱和年末结转结余对得上吗？").text
    assert "120.00万元 − 支出112.50万元 = 7.50万元" in text and "两者一致" in text
