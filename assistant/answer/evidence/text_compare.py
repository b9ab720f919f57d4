"""Comparisons answered from the reports' own sentences (the facts hold the item for none of
them): the figure beside the asked item's head in each quoted sentence, both in the larger
unit (万元), the verdict, and the conversion shown once and rounded to two decimals."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.answer import arithmetic as ar
from assistant.text.numbers import UNIT_FIGURE, parse_decimal

REACH = 40  # characters after the head in which its figure stands
TO_WAN = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1), "亿元": Decimal(10000)}
QUOTES = re.compile(r"[“”\"'‘’「」『』《》\s]")


def figure_beside(heads: Sequence[str], text: str) -> tuple[str, Decimal, str] | None:
    """(as written, value, unit) of the first figure after one of the head terms."""
    flat = QUOTES.sub("", text)
    best: tuple[int, re.Match] | None = None
    for head in heads:
        for h in re.finditer(re.escape(head), flat):
            m = UNIT_FIGURE.search(flat, h.end(), h.end() + REACH)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), m)
    if best is None:
        return None
    m = best[1]
    value = parse_decimal(m.group("num"))
    return (m.group(0), value, m.group("unit")) if value is not None else None


def verdict(order: str, rate: bool, named: Sequence[tuple[str, tuple[str, Decimal, str]]]) -> str:
    """"南湖区教育局更多（42.18万元）；江北区财政局368,412.50元（折合约36.84万元）。" for the
    figures of several reports, when the question asks which is higher or lower (`order`: max |
    min; `rate`: a rate is asked); "" when it does not, or the figures are not of one kind."""
    lower = order == "min"
    if len(named) < 2 or not order:
        return ""
    units = {u for _, (_, _, u) in named}
    money = units <= set(TO_WAN)
    if not money and len(units) != 1:
        return ""
    ordered = sorted(named, key=lambda x: x[1][1] * TO_WAN[x[1][2]] if money else x[1][1],
                     reverse=not lower)
    scale = [v * TO_WAN[u] if money else v for _, (_, v, u) in ordered]
    if scale[0] == scale[1]:
        return "两者相同：" + "；".join(f"{n}{shown(*f, money)}" for n, f in ordered) + "。"
    word = ("更低" if lower else "更高") if rate or not money else ("更少" if lower else "更多")
    top = ordered[0]
    rest = "；".join(f"{n}{shown(*f, money)}" for n, f in ordered[1:])
    return f"{top[0]}{word}（{shown(*top[1], money)}）；{rest}。"


def shown(raw: str, value: Decimal, unit: str, money: bool) -> str:
    """The figure as the report writes it (`value` in its own `unit`), with its conversion
    to 万元 (once, two decimals)."""
    if not money or unit == "万元":
        return raw
    value = value * TO_WAN[unit]
    rounded = ar.convert(raw, value, "万元", 2)  # recorded: the answer shows how it was got
    return f"{raw}（折合{'' if rounded.value == value else '约'}{rounded.text}）"
