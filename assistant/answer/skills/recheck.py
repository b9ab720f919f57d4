"""A compared figure checked against the figures of its own report: a stated execution rate
against 支出 ÷ 预算数, a stated 自评得分 against its score table's rows. Said only when they
disagree, with the recomputed figure, so a comparison never rests on a figure its own report
contradicts without the reader knowing."""

from __future__ import annotations

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, one_of_many, operands
from assistant.answer.lookup import Lookup
from assistant.answer.skills.table_rows import score_level


def recheck(read: Lookup, side: Found) -> tuple[str, list[dict]]:
    """(a note, its derivations) when the figure disagrees with its report's own figures."""
    if side.fact.scope != "department":
        return "", []
    if side.metric == "执行率":
        return _rate(read, side)
    if side.metric == "自评得分":
        return _score(read, side)
    return "", []


def _rate(read: Lookup, side: Found) -> tuple[str, list[dict]]:
    budget, spent = read.lookup(side.report, "预算数"), read.lookup(side.report, "支出")
    if budget is None or spent is None or one_of_many([budget, spent, side]):
        return "", []  # a figure stated several ways: a recomputation from one of them proves nothing
    x, y = operands([spent, budget], ["支出", "预算数"])
    result = ar.ratio(x, y)
    if result is None or ar.agrees(x.value / y.value * 100, side.value):
        return "", []
    return (f"注意：{side.name}按支出{spent.fact.text_value}÷预算数{budget.fact.text_value}计算，"
            f"执行率为{result.text}（{result.calc}），与所写的{side.fact.text_value}不一致。",
            [result.derived()])


def _score(read: Lookup, side: Found) -> tuple[str, list[dict]]:
    rows = score_level(read.facts(side.report.id))
    if not rows:
        return "", []
    summed = ar.total(operands([Found(side.report, "得分", (f,)) for f in rows],
                               [f.subject for f in rows]))
    if summed.value == side.value:
        return "", []
    return (f"注意：{side.name}得分表各项得分合计为{summed.text}，与所写的{side.fact.text_value}不一致。",
            [summed.derived()])
