"""A stated execution rate against the one computed from 支出 and 预算数."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, abstain, answer, one_of_many, operands, report_name
from assistant.answer.lookup import Lookup
from assistant.answer.skills.base import Context, Shape, computes, finder, reports_of
from assistant.answer.types import Answer
from assistant.answer.understand.types import Intent, Query
from assistant.index.records import ReportRecord


# a stated rate against the computed one ---------------------------------------------------------
def rate_check(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    find = finder(read)
    lines, used, derived, missing = [], [], [], []
    for report in reports:
        for subject in _rate_subjects(read, report, q.subjects):
            label = report_name(report) + (f"“{subject}”" if subject else "")
            budget, spent = find(report, "预算数", subject), find(report, "支出", subject)
            if budget is None or spent is None:
                gaps = [n for f, n in ((budget, "预算数"), (spent, "执行数（支出）")) if f is None]
                missing.append(f"{label}的{'、'.join(gaps)}")
                continue
            line, result = _rate_line(label, budget, spent, find(report, "执行率", subject))
            if result is None:
                missing.append(f"{label}的非零预算数")
                continue
            lines.append(line)
            used += [f for f in (budget, spent, find(report, "执行率", subject)) if f]
            derived.append(result.derived())
    if not lines:
        return abstain(q, f"报告没有给出{'；'.join(missing)}，无法计算执行率。")
    lines += [f"报告没有给出{m}，无法计算其执行率。" for m in missing]
    return answer(q, "\n".join(lines), used, derived=derived)


def _rate_subjects(read: Lookup, report: ReportRecord, asked: Sequence[str]) -> list[str]:
    """The asked subjects whose budget the report states; a rate's own name (预算执行率, an
    indicator) asks the department's."""
    find = finder(read)
    held = [s for s in asked if find(report, "预算数", s) is not None]
    return held or [s for s in asked if not s.endswith("率")] or [""]


def _rate_line(label: str, budget: Found, spent: Found, stated: Found | None):
    x, y = operands([spent, budget], ["支出", "预算数"])
    result = ar.ratio(x, y)
    if result is None:
        return "", None
    exact = x.value / y.value * 100
    head = f"{label}按支出（执行数）{spent.fact.text_value}和预算数{budget.fact.text_value}计算，执行率为{result.text}（{result.calc}）"
    if stated is None:
        return f"{head}；报告没有写明执行率。", result
    if several := one_of_many([budget, spent, stated]):
        # one of several stated figures: the recomputed rate is shown, no verdict on the stated
        return f"{head}；报告中{several}，不能确定用哪一个核对，未作一致与否的判断。", result
    if ar.agrees(exact, stated.value):
        return f"{head}，与报告所写的{stated.fact.text_value}一致。", result
    gap = ar.points(ar.Operand("计算执行率", result.value, "%"),
                    ar.Operand("所写执行率", stated.value, "%", source=stated))
    return (f"{head}，与报告所写的{stated.fact.text_value}不一致，相差{ar.show(abs(gap.value))}个百分点。",
            result)



class RateCheck(Shape):
    """A stated execution rate against the one computed from 支出 and 预算数."""

    name = "rate_check"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.RATE_CHECK)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return rate_check(ctx.facts, query, reports_of(query, ctx))
