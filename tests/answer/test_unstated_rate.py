"""A fund's 执行率 the report does not state is computed from that fund's own 预算数 and 支出."""

from __future__ import annotations

import pytest

from tests.answer import library

FARM = """癸县农机推广站2024年度单位整体支出绩效自评报告
一、预算执行情况
2024年全年预算500.00万元，全年支出480.00万元，预算执行率96.00%。
按来源分，一般公共预算拨款全年预算400.00万元，支出390.00万元；政府性基金全年预算100.00万元，支出90.00万元。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield library.ingested(tmp_path_factory.mktemp("rate"), monkeypatch, {"farm.txt": FARM})


def test_a_fund_rate_not_stated_is_computed_from_its_own_row(assistant) -> None:
    text = assistant.ask("癸县农机推广站2024年政府性基金的执行率是多少？").text
    assert "支出90.00万元 ÷ 预算数100.00万元 = 90.00%" in text and "96.00%" not in text


def test_a_stated_rate_is_quoted_not_computed(assistant) -> None:
    text = assistant.ask("癸县农机推广站2024年执行率是多少？").text
    assert "96.00%" in text and "÷" not in text
