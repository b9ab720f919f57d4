"""The growth check: a change from another period that a report states (较上年增长 X%,
增加 Y万元) against the two levels it also states (this year's and that period's).

Like with like only: the change, this year's level and the earlier level are of one metric,
one scope and one subject, each stated with one value; the earlier level is of one period other
than this year's (上年, a named year — not the 年初 budget). When the report does not state both
levels, or states either with two values, there is nothing to check.

The adjustment check: a budget adjustment a report states (年中调增 N万元, 调减 N万元) against
the 年初 budget and the final budget it also states (预算数 − 年初预算数). Only when the report
states one adjustment of the department's budget (one value, one direction), in a sentence that
states one of the two budgets and a paragraph that states both, and not as a part of it (其中…).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from assistant.facts.vocabulary import same_value, subject_key

INITIAL = "年初"  # facts.model.INITIAL: the first budget, not another period
UNRESOLVED = "unresolved"
# the change metrics (facts.extract files a change under its base metric with one of these)
AMOUNT_UP, AMOUNT_DOWN, RATE_UP, RATE_DOWN = "增加额", "减少额", "增幅", "降幅"
CHANGE_ENDS = (AMOUNT_UP, AMOUNT_DOWN, RATE_UP, RATE_DOWN)
RATE_SLACK = 0.01  # percentage points beyond the stated rounding (levels are rounded too)


def growth_findings(report_id: str, rows: Sequence, make_finding, source) -> list:
    """Findings for each stated change that its two stated levels contradict.
    `make_finding(report_id, kind, message, sources)` and `source(fact)` build the checks'
    Finding and Source (passed in, so that this module does not import the checks)."""
    levels, changes = _levels_and_changes(rows)
    out = []
    for (scope, subject, base), stated in changes.items():
        now = _one(levels.get((scope, subject, base, "")))
        before = _earlier(levels, scope, subject, base)
        if now is None or before is None or not float(before.value):
            continue
        for change in stated:
            message = _contradiction(change, now, before)
            if message:
                out.append(make_finding(report_id, "growth", message,
                                        (source(before), source(now), source(change))))
    return out


BUDGET = "预算数"
PART = re.compile(r"其中[^，,；;。]*$")  # 其中 in the clause before a figure: a part of a change


def adjustment_findings(report_id: str, rows: Sequence, make_finding, source) -> list:
    """A finding when the department's stated budget adjustment is not its final budget minus
    its 年初 budget (each stated with one value)."""
    mine = [f for f in rows if f.scope == "department" and not f.subject and f.value is not None]
    changes = [f for f in mine if f.metric in (BUDGET + AMOUNT_UP, BUDGET + AMOUNT_DOWN)
               and not (getattr(f, "period", "") or "")]
    now = _one([f for f in mine if f.metric == BUDGET and not (getattr(f, "period", "") or "")])
    initial = _one([f for f in mine if f.metric == INITIAL + BUDGET])
    change = _one(changes)
    if change is None or now is None or initial is None \
            or len({f.metric for f in changes}) != 1 or not _beside(change, initial, now):
        return []
    message = _contradiction(change, now, initial)
    if not message:
        return []
    return [make_finding(report_id, "sum", message, (source(initial), source(now), source(change)))]


def _beside(change, initial, now) -> bool:
    """Whether the adjustment is stated with the budgets it bridges, as the whole of it."""
    before = str(change.quote)[: max(0, getattr(change, "num_start", change.start) - change.start)]
    return (change.para == initial.para == now.para and change.start in (initial.start, now.start)
            and not PART.search(before))


def _levels_and_changes(rows: Sequence) -> tuple[dict, dict]:
    levels: dict[tuple, list] = defaultdict(list)
    changes: dict[tuple, list] = defaultdict(list)
    for f in rows:
        if f.value is None or f.scope == UNRESOLVED:
            continue
        period = getattr(f, "period", "") or ""
        subject = subject_key(f.subject)
        end = next((e for e in CHANGE_ENDS if f.metric.endswith(e)), "")
        if end and not period:
            changes[(f.scope, subject, f.metric[:-len(end)])].append(f)
        elif not end and period != INITIAL:
            base = f.metric[len(period):] if period and f.metric.startswith(period) else f.metric
            levels[(f.scope, subject, base, period)].append(f)
    return levels, changes


def _one(stated: list | None):
    """The level when the report states it with one value, else None."""
    if not stated or not all(same_value(stated[0], f) for f in stated):
        return None
    return stated[0]


def _earlier(levels: dict, scope: str, subject: str, base: str):
    """The one earlier level of the metric (of one period other than this year's)."""
    periods = [p for (s, subj, b, p) in levels if (s, subj, b) == (scope, subject, base) and p]
    if len(periods) != 1:
        return None
    return _one(levels[(scope, subject, base, periods[0])])


def _contradiction(change, now, before) -> str:
    """The finding's message when the change disagrees with the levels, else ""."""
    a, b = float(before.value), float(now.value)
    end = next(e for e in CHANGE_ENDS if change.metric.endswith(e))
    stated = float(change.value)
    if end in (RATE_UP, RATE_DOWN):
        if change.unit != "%" or now.unit == "%" or before.unit == "%":
            return ""  # a rate's change in % may be points or relative: not a growth to check
        computed = (b - a) / a * 100
        signed = stated if end == RATE_UP else -stated
        if abs(computed - signed) <= _rate_tolerance(change.text_value):
            return ""
        return (f"{change.metric}写作 {change.text_value}，但（{now.text_value} − "
                f"{before.text_value}）÷ {before.text_value} = {computed:.2f}%")
    if change.unit != now.unit or now.unit != before.unit:
        return ""
    computed = b - a
    signed = stated if end == AMOUNT_UP else -stated
    if abs(computed - signed) <= _half(change) + _half(now) + _half(before) + 1e-9:
        return ""
    return (f"{change.metric}写作 {change.text_value}，但 {now.text_value} − "
            f"{before.text_value} = {computed:.2f}{now.unit}")


def _rate_tolerance(text_value: str) -> float:
    decimals = len(re.sub(r"[^\d.]", "", str(text_value)).partition(".")[2])
    return 0.5 * 10 ** -decimals + RATE_SLACK


def _half(f) -> float:
    """Half the last written digit of an amount, in its canonical unit."""
    digits = re.search(r"\d(?:[\d,，]|[ \u00a0\u2009\u202f](?=\d{3}))*(?:\.(\d+))?", str(f.text_value))
    decimals = len(digits.group(1) or "") if digits else 0
    scale = float(f.value) / _written(f) if _written(f) else 1.0
    return 0.5 * 10 ** -decimals * abs(scale)


def _written(f) -> float:
    m = re.search(r"\d(?:[\d,，]|[ \u00a0\u2009\u202f](?=\d{3}))*(?:\.\d+)?", str(f.text_value))
    try:
        return float(re.sub(r"[,，\s]", "", m.group())) if m else 0.0
    except ValueError:
        return 0.0
