"""A difference stated in prose checked against the item's facts: the pair of its figures that
differ by exactly the stated amount, none when no pair does. Figures invented for these tests."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.answer.evidence.stated_difference import agreeing_pair, stated_amount


@dataclass
class _Fact:
    metric: str
    value: Decimal | None
    unit: str = "万元"


def test_the_amount_written_after_the_head() -> None:
    assert stated_amount(["调增"], "某项目年中调增35.00万元，年初论证不足。") == ("35.00万元", Decimal("35.00"))
    assert stated_amount(["调增"], "某项目年中调增350,000.00元。")[1] == Decimal("35.0000")
    assert stated_amount(["调增"], "某项目年中有所调增。") is None


def test_the_pair_that_differs_by_it() -> None:
    facts = [_Fact("支出", Decimal("200.10")), _Fact("年初预算数", Decimal("180.00")),
             _Fact("预算数", Decimal("215.00")), _Fact("执行率", Decimal("93.07"), "%")]
    a, b = agreeing_pair(Decimal("35.00"), facts)
    assert (a.metric, b.metric) == ("预算数", "年初预算数")
    assert agreeing_pair(Decimal("36.00"), facts) is None
