"""The unit and role a sentence must state to answer, decided by the asked report where it can.

A question's word (多少钱, 预算) says only what kind of figure it asks; the report says how it
writes that figure. Once the Query has resolved the asked metric (`Query.metrics`), the unit
is the one the report's own facts of that metric are written in (an amount: 万元 in one
report, 元 or 千元 in another; a rate: %), and the role is the metric's own terms in the
library's vocabulary (预算数: 预算安排, 全年预算 …; 支出: 执行数, 实际支出 …). Only when no metric
was resolved, or the report states none of that kind, do the question's words decide
(`text.asking.asked_unit`, `asked_role`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from assistant.facts.vocabulary import TERMS
from assistant.text.asking import COUNT_ASKED, PEOPLE_ASKED, SHARE_ASKED, asked_role, asked_unit

KIND_OF = {t.metric: t.kind for t in TERMS}
UNIT_TAIL = re.compile(r"[^\d\s.,，]+$")  # the unit written after a figure (4,144.86万元: 万元)


def unit_of(raw: str) -> str:
    """The unit a figure is written with ("" when the figure stands bare, as in a table)."""
    m = UNIT_TAIL.search(raw.strip())
    return m.group(0) if m else ""


def stated_unit(metrics: Sequence[str], facts: Iterable) -> Callable[[str], bool] | None:
    """A test of a text stating a figure in a unit the report writes the asked metrics in (or,
    when it states none of them with a unit, the metrics' kind); None when the metrics are of
    several kinds or none, or the report writes no such figure with a unit."""
    kinds = {KIND_OF[m] for m in metrics if m in KIND_OF}
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    facts = list(facts)
    units = {unit_of(f.raw) for f in facts if f.metric in metrics} - {""}
    if not units:
        units = {unit_of(f.raw) for f in facts if KIND_OF.get(f.metric) == kind} - {""}
    if not units:
        return None
    written = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    pattern = re.compile(rf"\d\s*(?:{written})")
    return lambda text: bool(pattern.search(text))


def metric_terms(metrics: Sequence[str]) -> tuple[str, ...]:
    """The terms of the asked amounts' metrics (the words a sentence stating that role writes)."""
    return tuple(t.text for t in TERMS if t.metric in metrics and t.kind == "money")


def report_fits(question: str, metrics: Sequence[str], facts: Iterable
                ) -> tuple[Callable[[str], bool] | None, tuple[str, ...]]:
    """The unit test and role words for the asked report: the report's and the resolved
    metric's where they decide, the question's words otherwise."""
    # a measure word the question writes (多少人, 几套, 几成) names the unit itself
    named = COUNT_ASKED.search(question) or PEOPLE_ASKED.search(question) or SHARE_ASKED.search(question)
    unit = stated_unit(metrics, facts) if metrics and not named else None
    return unit or asked_unit(question), metric_terms(metrics) or asked_role(question)
