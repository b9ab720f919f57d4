"""How a report lists the points its self-evaluation lost: "扣1.5分", "扣减二分", "扣一点五分",
"扣分0.5分", and a stated total of them ("合计扣7分", "共扣减8.5分"). After 扣 a lone 一 is a
figure (扣一分), which in other prose it is not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.text.numbers import cn_number, parse_decimal

_CN = "零〇一二两三四五六七八九十百点"
DEDUCTION = re.compile(
    rf"扣(?:除|减|去)?了?(?:分\s*[:：]?)?\s*(?P<num>[\d０-９]+(?:[.．][\d０-９]+)?|[{_CN}]+)\s*分(?![之值别钟])")
# the words that make a deduction the sum of the others: 合计扣7分, 共扣减8.5分, 以上累计扣
TOTAL_BEFORE = re.compile(r"(?:共|合计|累计|总计|一共|总共|共计)\s*$")
TOTAL_REACH = 4  # characters before 扣 where a total's word stands


@dataclass(frozen=True)
class Deduction:
    """One "扣…分" of a text: its points, as written, where it stands, whether it totals."""

    value: Decimal
    raw: str  # the words as written: 扣一点五分
    start: int
    end: int
    total: bool = False


def deductions_in(text: str, offset: int = 0) -> list[Deduction]:
    """Every deduction a text states, in reading order; `offset` is added to the positions
    (the text's start in its report)."""
    out = []
    for m in DEDUCTION.finditer(text):
        value = _value(m.group("num"))
        if value is None:
            continue
        before = text[max(0, m.start() - TOTAL_REACH):m.start()]
        out.append(Deduction(value, m.group(0), offset + m.start(), offset + m.end(),
                             bool(TOTAL_BEFORE.search(before))))
    return out


def _value(num: str) -> Decimal | None:
    if num[0].isdigit():
        return parse_decimal(num.replace("．", "."))
    return cn_number(num)
