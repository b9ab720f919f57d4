"""A subject's 执行率 the report does not state, computed from the subject's own 预算数 and
支出 (支出 ÷ 预算数), said to be computed: a fund or project row that gives both figures and
no rate."""

from __future__ import annotations

from assistant.answer import arithmetic as ar
from assistant.answer.found import answer, operands, report_name
from assistant.answer.skills.base import (
    Context,
    Shape,
    about_figures,
    finder,
    reports_of,
    subject_budget,
)
from assistant.answer.types import Answer
from assistant.answer.understand.types import Intent, Query

RATE = "执行率"


class UnstatedRate(Shape):
    """执行率 of a named subject whose report states its budget and spending but no rate."""

    name = "unstated_rate"

    def matches(self, query: Query) -> bool:
        return (about_figures(query) and query.intent == Intent.FIGURE and query.metrics == (RATE,)
                and len(query.subjects) == 1 and not query.named_subject)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        reports = reports_of(query, ctx)
        if len(reports) != 1:
            return None
        report, subject = reports[0], query.subjects[0]
        find = finder(ctx.facts)
        if find(report, RATE, subject) is not None:
            return None  # stated: the figures skill quotes it
        (budget, budget_name), spent = subject_budget(find, report, subject), find(report, "支出", subject)
        if budget is None or spent is None:
            return None
        x, y = operands([spent, budget], ["支出", budget_name])
        result = ar.ratio(x, y)
        if result is None:
            return None
        text = (f"报告没有直接写{report_name(report)}“{subject}”的执行率，按报告的数字计算约为{result.text}"
                f"（{result.calc}）。")
        return answer(query, text, [spent, budget], derived=[result.derived()])
