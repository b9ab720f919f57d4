"""Arithmetic on stated figures, with the calculation written out.

Every result here is computed with Decimal from figures a report states, and comes with the
calculation a reader can redo ("预算数2282.21万元 − 支出2180.24万元 = 101.97万元"). The
operands are shown as the report writes them (元 stays 元); figures stated in different
units are computed in the stored unit (万元), and the line says so. Percentages are computed
as a quotient shown with "÷" (no hidden constant such as ×100 enters the calculation).

Every figure computed here is also *recorded*: a `Result` made while `recording()` is open
joins its ledger, with the operands' sources (the facts they were read from). The skills'
common entry (`skills.base.Shape.answer`) opens the ledger around each skill, and the answer
then carries every computed figure it shows as a derivation (value, text, calc) and cites the
statement of every operand — so a conversion, sum, difference, rate, average or count a skill
shows is traceable without the skill listing it (see `traced`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

# how a target is written next to an indicator: ≥95%, 不低于95%, ≤30万元, =100 …
AT_LEAST = re.compile(r"≥|>=|＞=|不低于|不少于|不小于|以上|至少|大于等于|达到|达|(?<!不)高于|(?<!不)大于|(?<!不)多于")
AT_MOST = re.compile(r"≤|<=|＜=|不高于|不超过|不多于|不大于|以下|以内|控制在|小于等于|(?<!不)低于|(?<!不)小于|(?<!不)少于")
YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
EXACTLY = re.compile(r"(?<![<>≤≥])=|＝")


@dataclass(frozen=True)
class Operand:
    """One figure in a calculation: its name, value and unit as shown."""

    label: str  # what it is: 预算数, “办公费”支出, 2022年支出 …
    value: Decimal
    unit: str
    digits: int | None = None  # a converted figure (元 -> 万元): the places it is shown with
    # where the figure was read (a `found.Found`): cited by the answer that shows the result
    source: Any = field(default=None, compare=False, repr=False)

    def shown(self) -> str:
        """The operand in a calculation line; a year in its name is left out, so that
        every number left of "=" is a figure of the cited text (a converted one rounded to
        the places the report writes its unit with: 368,412.50元 -> 36.84万元)."""
        value = self.value if self.digits is None else _at(self.value, self.digits)
        return f"{YEAR.sub('', self.label)}{show(value)}{self.unit}"

    @property
    def places(self) -> int:
        return places(self.value) if self.digits is None else self.digits


@dataclass(frozen=True)
class Result:
    """A computed figure: its value, unit and the calculation that gives it. `sources` are
    where its operands were read; `items`, for a count, the things counted."""

    value: Decimal
    unit: str
    calc: str
    sources: tuple = field(default=(), compare=False, repr=False)
    items: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        ledger = _LEDGER.get()
        if ledger is not None:
            ledger.append(self)

    @property
    def text(self) -> str:
        return f"{show(self.value)}{self.unit}"

    def derived(self) -> dict:
        """The shape an Answer's `derived` list holds (the eval checks the operands; a
        count's operands are its `items`)."""
        out = {"value": float(self.value), "text": self.text, "calc": self.calc}
        if self.items:
            out["items"] = list(self.items)
        return out


_LEDGER: ContextVar[list[Result] | None] = ContextVar("computed_figures", default=None)


@contextmanager
def recording() -> Iterator[list[Result]]:
    """A ledger of every `Result` made inside the block (nested blocks each get their own)."""
    ledger: list[Result] = []
    token = _LEDGER.set(ledger)
    try:
        yield ledger
    finally:
        _LEDGER.reset(token)


def _sources(operands: Sequence[Operand]) -> tuple:
    return tuple(o.source for o in operands if o.source is not None)


def in_wan(result: Result) -> tuple[str, list[dict]]:
    """"（约4.46万元）" after an amount computed in 元 of ten thousand or more (a reader's unit),
    with its derivation from the same operands; ("", []) otherwise."""
    if result.unit != "元" or abs(result.value) < 10000:
        return "", []
    wan = _at(result.value / 10000, 2)
    exact = wan * 10000 == result.value
    text = f"{show(wan)}万元"
    calc = result.calc.rsplit("=", 1)[0] + f"= {text}"
    converted = Result(wan, "万元", calc, result.sources)
    return f"（{'' if exact else '约'}{text}）", [converted.derived()]


def show(value: Decimal) -> str:
    """A Decimal as plain digits (no exponent)."""
    return format(value, "f")


def places(value: Decimal) -> int:
    """Decimal places a figure is written with."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 2


def _at(value: Decimal, n: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-n), ROUND_HALF_UP)


def difference(a: Operand, b: Operand) -> Result:
    """a − b, at the precision of the more precise operand."""
    n = max(a.places, b.places)
    value = _at(a.value - b.value, n)
    return Result(value, a.unit, f"{a.shown()} − {b.shown()} = {show(value)}{a.unit}", _sources((a, b)))


def total(parts: Sequence[Operand]) -> Result:
    """The sum of the parts, at the precision of the most precise part."""
    n = max(p.places for p in parts)
    value = _at(sum((p.value for p in parts), Decimal(0)), n)
    unit = parts[0].unit
    calc = " + ".join(p.shown() for p in parts) + f" = {show(value)}{unit}"
    return Result(value, unit, calc, _sources(parts))


def ratio(part: Operand, whole: Operand, n: int = 2) -> Result | None:
    """part ÷ whole as a percentage with n decimals; None when the whole is zero."""
    if whole.value == 0:
        return None
    value = _at(part.value / whole.value * 100, n)
    return Result(value, "%", f"{part.shown()} ÷ {whole.shown()} = {show(value)}%", _sources((part, whole)))


def times(a: Operand, b: Operand, n: int = 2) -> Result | None:
    """a ÷ b as a multiple ("23.60倍") with n decimals; None when b is zero."""
    if b.value == 0:
        return None
    value = _at(a.value / b.value, n)
    return Result(value, "倍", f"{a.shown()} ÷ {b.shown()} = {show(value)}倍", _sources((a, b)))


def points(a: Operand, b: Operand) -> Result:
    """The gap between two percentages, a − b, in 个百分点 (at the more precise one's places)."""
    n = max(a.places, b.places)
    value = _at(a.value - b.value, n)
    return Result(value, "个百分点", f"{a.shown()} − {b.shown()} = {show(value)}个百分点",
                  _sources((a, b)))


def change_rate(now: Operand, before: Operand, n: int = 2) -> Result | None:
    """(now − before) ÷ before as a percentage with n decimals; None when before is zero."""
    if before.value == 0:
        return None
    value = _at((now.value - before.value) / before.value * 100, n)
    calc = f"({now.shown()} − {before.shown()}) ÷ {before.shown()} = {show(value)}%"
    return Result(value, "%", calc, _sources((now, before)))


def mean(parts: Sequence[Operand], n: int | None = None) -> Result:
    """The average of the parts, at `n` places (default: the most precise part's, plus one)."""
    places_ = max(p.places for p in parts) + 1 if n is None else n
    value = _at(sum((p.value for p in parts), Decimal(0)) / len(parts), places_)
    unit = parts[0].unit
    calc = f"({' + '.join(p.shown() for p in parts)}) ÷ {len(parts)} = {show(value)}{unit}"
    return Result(value, unit, calc, _sources(parts))


def convert(stated: str, value: Decimal, unit: str, digits: int = 2, source: Any = None) -> Result:
    """A stated amount (`stated`, as the report writes it: "368,412.50元") in another unit
    (`value` in `unit`, e.g. 万元), at `digits` places."""
    shown = _at(value, digits)
    calc = f"{stated.strip()} = {show(shown)}{unit}"
    return Result(shown, unit, calc, () if source is None else (source,))


def count(items: Sequence[str], unit: str = "个", sources: Sequence[Any] = ()) -> Result:
    """How many items there are ("5个"), the items named in the calculation."""
    names = tuple(items)
    return Result(Decimal(len(names)), unit, f"{'、'.join(names)}：共{len(names)}{unit}",
                  tuple(sources), names)


def agrees(computed: Decimal, stated: Decimal) -> bool:
    """Whether a computed figure agrees with a stated one at the stated figure's precision
    (95.531…% agrees with a stated 95.53%; 2180.24 with 2180.24)."""
    return _at(computed, places(stated)) == stated


def comparator(quote: str, subject: str = "", value_text: str = "") -> str:
    """The relation a target is written with: ">=", "<=" or "=" ("" when the text gives
    none). Read from the words between the indicator's name and its target figure, else
    from the quote as a whole."""
    window = quote
    if value_text:
        end = quote.find(value_text.rstrip("%％"))
        start = quote.rfind(subject, 0, end) if subject and end > 0 else -1
        if end > 0:
            window = quote[start + len(subject) if start >= 0 else max(0, end - 12):end]
    marks = [(m.start(), rel) for pattern, rel in ((AT_LEAST, ">="), (AT_MOST, "<="), (EXACTLY, "="))
             for m in pattern.finditer(window)]
    return max(marks)[1] if marks else ""  # the word nearest the figure


def meets(actual: Decimal, target: Decimal, relation: str) -> bool:
    """Whether an actual figure meets its target; a bare target is a floor (≥), the
    common reading of 目标值 for completion rates and counts."""
    if relation == "<=":
        return actual <= target
    if relation == "=":
        return actual == target
    return actual >= target


RELATION_WORDS = {">=": "不低于", "<=": "不高于", "=": "等于", "": ""}
