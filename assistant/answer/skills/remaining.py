"""What is left of a budget (预算数 − 支出) for each asked report and subject."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, abstain, answer, operands, report_name, unnoted
from assistant.answer.lookup import Lookup
from assistant.answer.skills.base import (
    Context,
    Finder,
    Shape,
    computes,
    finder,
    item_subjects,
    reports_of,
    subject_budget,
)
from assistant.answer.skills.sum import distinct
from assistant.answer.types import Answer
from assistant.answer.understand.types import Intent, Query
from assistant.index.records import ReportRecord

CLASSES = ("基本支出", "项目支出")


# remaining -------------------------------------------------------------------------------------
def remaining(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    """预算数 − 支出 of the same subject and period, for each asked report and subject."""
    find = finder(read)
    # a spending item asked as a metric (三公经费省了多少) is the subject: its own budget and
    # spending, never the department's
    subjects = (distinct(q.subjects) or tuple(m for m in q.metrics if m in CLASSES)
                or item_subjects(q.metrics) or ("",))
    lines, used, derived, missing, beside = [], [], [], [], []
    for report in reports:
        for subject in subjects:
            (budget, budget_name), spent = subject_budget(find, report, subject), _spent(find, report, subject)
            label = report_name(report) + (f"“{subject}”" if subject else "")
            if budget is None or spent is None:
                gaps = [n for f, n in ((budget, "预算数"), (spent, "执行数（支出）")) if f is None]
                missing.append(f"{label}的{'、'.join(gaps)}")
                continue
            x, y = operands([budget, spent], [budget_name, "支出"])
            result = ar.difference(x, y)
            wan, wan_derived = ar.in_wan(result)
            state = "已全部执行" if result.value == 0 else f"尚未执行{result.text}{wan}"
            derived += wan_derived
            rate = _stated_rate(find, report, subject, spent)
            stated = f"；报告所写执行率为{rate.fact.text_value}" if rate is not None else ""
            lines.append(f"{label}{budget_name}{budget.fact.text_value}，支出（执行数）{spent.fact.text_value}，"
                         f"{state}（{result.calc}）{stated}。")
            used += [budget, spent, *([rate] if rate is not None else [])]
            beside += [unnoted(rate)] if rate is not None else []
            derived.append(result.derived())
    if not lines:
        return abstain(q, f"报告没有给出{'；'.join(missing)}，无法计算未执行的金额。")
    lines += [f"报告没有给出{m}，无法计算其未执行金额。" for m in missing]
    out = answer(q, "\n".join(lines), used, derived=derived)
    out.unnoted = beside  # the stated rate is shown for the reader, not asked: no note after it
    return out


def _stated_rate(find: Finder, report: ReportRecord, subject: str, spent: Found) -> Found | None:
    """The execution rate the report states for the same subject, in the spending's own
    sentence or row (what a reader checks the unspent amount against), or None."""
    if subject in CLASSES:
        return None
    hit = find(report, "执行率", subject)
    if hit is None or hit.fact.period or hit.fact.start != spent.fact.start:
        return None
    return hit


def _spent(find: Finder, report: ReportRecord, subject: str) -> Found | None:
    """What was spent: the subject's 支出, or a class's own figure (项目支出)."""
    hit = find(report, "支出", subject)
    if hit is None and subject in CLASSES:
        hit = find(report, subject, "")
    return hit



class Remaining(Shape):
    """The budget not yet spent (预算数 − 支出)."""

    name = "remaining"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.REMAINING)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return remaining(ctx.facts, query, reports_of(query, ctx))
