"""A difference the report states in its prose (某项目年中调增48.30万元), checked against the
facts of the same item: the two figures of the item that differ by exactly the stated amount
(年初预算数420.00万元, 预算数468.30万元) are shown beside the sentence, so the answer says what
the difference is between and that the table agrees. Nothing is shown when no pair does."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from assistant.answer.evidence.text_compare import TO_WAN, figure_beside

TOLERANCE = Decimal("0.006")  # 万元: two-decimal figures


def stated_amount(heads: Sequence[str], text: str) -> tuple[str, Decimal] | None:
    """The amount the sentence writes after one of the heads (调增48.30万元): as written, and
    in 万元."""
    figure = figure_beside(heads, text)
    if figure is None or figure[2] not in TO_WAN:
        return None
    return figure[0], figure[1] * TO_WAN[figure[2]]


def agreeing_pair(amount: Decimal, facts) -> tuple | None:
    """Two money facts of one item (one report, one subject) whose difference is the stated
    amount: (larger, smaller), the current-period figure first among equals; else None."""
    money = [f for f in facts if f.value is not None and f.unit in TO_WAN]
    for a in money:
        for b in money:
            if a is not b and a.metric != b.metric and abs((a.value - b.value) - amount) <= TOLERANCE:
                return a, b
    return None
