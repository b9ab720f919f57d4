"""Whether named parts add up to their total, or two figures agree; the calculation is shown
and a missing figure is named."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer import arithmetic as ar
from assistant.answer.found import abstain, answer, one_of_many, operands, report_name
from assistant.answer.lookup import Lookup, stated_metric
from assistant.answer.skills.base import Context, Shape, computes, finder, reports_of
from assistant.answer.skills.sum import addend_metrics
from assistant.answer.skills.table_rows import (
    asks_project_rows,
    asks_score_rows,
    project_rows_sum,
    score_rows_sum,
)
from assistant.answer.types import Answer
from assistant.answer.understand.operands import UNSPENT
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.index.records import ReportRecord

TOTAL_OF = (("支出", "支出"), ("收入", "收入"), ("预算数", "预算数"))  # parts' ending -> total


# reconcile -------------------------------------------------------------------------------------
def reconcile(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    """Whether named parts add up to a total, or whether two figures agree."""
    if not reports:
        return None
    report, find = reports[0], finder(read)
    if asks_project_rows(read, q, report):  # the projects of a table against its 合计 row
        return project_rows_sum(read, q, report)
    if asks_score_rows(q):  # a score table's rows against the stated score
        return score_rows_sum(read, q, report)
    subject = q.subjects[0] if q.subjects else ""
    named = addend_metrics(q, read.stated(report)) if Cue.SUM_WORD in q.cues else []
    rest = [m for m in q.metrics if m not in named]
    if len(named) >= 2:
        total_metric = rest[-1] if rest else _implied_total(named)
        parts = [(m, m, subject) for m in named]
        return _parts_total(q, report, find, parts, total_metric, subject) if total_metric else None
    if len(q.subjects) >= 2 and len(q.metrics) == 1:
        # "各资金来源的年初预算数加起来等于合计数吗": each item's figure of the asked kind against
        # the department's; "人员经费和公用经费加起来…跟基本支出对得上吗": the items' spending
        metric = q.metrics[0]
        own = all(find(report, metric, s) is not None for s in q.subjects)
        parts = [(s, metric if own else "支出", s) for s in q.subjects]
        return _parts_total(q, report, find, parts, metric, "")
    if len(q.metrics) >= 3 and _implied_total(q.metrics[:-1]):
        # "基本支出加项目支出等于实际支出吗": the parts, then the total they should make
        parts = [(m, m, subject) for m in q.metrics[:-1]]
        return _parts_total(q, report, find, parts, q.metrics[-1], subject)
    pair = agreeing_metrics(q, read.stated(report)) or tuple(q.metrics[:2])
    if len(pair) == 2 and UNSPENT in pair:  # "没花完的钱和结转结余对得上吗": 预算数 − 支出 against it
        return _unspent_agrees(q, report, find, next(m for m in pair if m != UNSPENT), subject)
    if len(pair) == 2:
        return _two_agree(q, report, find, pair[0], pair[1], subject)
    return None


def agreeing_metrics(q: Query, report_metrics: Sequence[str]) -> tuple[str, ...]:
    """"项目支出与批复的项目金额一致吗": the two figures either side of 与/和 (`Query.agreed`),
    read with the report vocabulary or matched to metrics the report states; () unless both
    are found."""
    found = [named or stated_metric(piece, report_metrics) for piece, named in q.agreed]
    return tuple(found) if found and all(found) and found[0] != found[1] else ()


def _implied_total(parts: Sequence[str]) -> str:
    for ending, metric in TOTAL_OF:
        if all(p.endswith(ending) for p in parts):
            return metric
    return ""


def _parts_total(q, report, find, parts, total_metric, subject):
    """parts: (label, metric, subject) of each figure to add; the total is `total_metric`."""
    hits = [find(report, metric, of) for _, metric, of in parts]
    whole = find(report, total_metric, subject)
    labels = [label for label, _, _ in parts]
    missing = [m for m, h in zip([*labels, total_metric], [*hits, whole], strict=True) if h is None]
    if missing:
        return abstain(q, f"报告没有给出{'、'.join(missing)}，无法核对。")
    if several := one_of_many([*hits, whole]):
        return _no_verdict(q, report, [*hits, whole], several)
    ops = operands([*hits, whole], [*labels, total_metric])
    summed = ar.total(ops[:-1])
    gap = ar.difference(ar.Operand("合计", summed.value, summed.unit), ops[-1])
    name = report_name(report)
    listing = "，".join(f"{m}{h.fact.text_value}" for m, h in zip(labels, hits, strict=True))
    verdict = ("两者一致" if gap.value == 0 else
               f"两者不一致，相差{ar.show(abs(gap.value))}{gap.unit}（{gap.calc}）")
    text = (f"{name}{listing}，合计{summed.text}（{summed.calc}）；"
            f"报告所写{total_metric}为{whole.fact.text_value}，{verdict}。")
    derived = [summed.derived()] + ([] if gap.value == 0 else [gap.derived()])
    return answer(q, text, [*hits, whole], derived=derived)


def _two_agree(q, report, find, first, second, subject):
    a, b = find(report, first, subject), find(report, second, subject)
    missing = [m for m, h in ((first, a), (second, b)) if h is None]
    if missing:
        return abstain(q, f"报告没有给出{'、'.join(missing)}，无法核对。")
    if several := one_of_many([a, b]):
        return _no_verdict(q, report, [a, b], several)
    x, y = operands([a, b], [a.label, b.label])
    gap = ar.difference(x, y)
    verdict = ("两者一致" if gap.value == 0 else
               f"两者不一致，相差{ar.show(abs(gap.value))}{gap.unit}（{gap.calc}）")
    text = (f"{report_name(report)}{a.label}为{a.fact.text_value}，{b.label}为{b.fact.text_value}，"
            f"{verdict}。")
    return answer(q, text, [a, b], derived=[] if gap.value == 0 else [gap.derived()])


def _unspent_agrees(q, report, find, metric, subject):
    """The budget not spent (预算数 − 支出, computed) against a stated figure."""
    budget, spent, other = (find(report, m, subject) for m in ("预算数", "支出", metric))
    missing = [m for m, h in (("预算数", budget), ("支出", spent), (metric, other)) if h is None]
    if missing:
        return abstain(q, f"报告没有给出{'、'.join(missing)}，无法核对。")
    if several := one_of_many([budget, spent, other]):
        return _no_verdict(q, report, [budget, spent, other], several)
    x, y, z = operands([budget, spent, other], ["预算数", "支出", other.label])
    left = ar.difference(x, y)
    gap = ar.difference(ar.Operand(UNSPENT, left.value, left.unit), z)
    verdict = ("两者一致" if gap.value == 0 else
               f"两者不一致，相差{ar.show(abs(gap.value))}{gap.unit}（{gap.calc}）")
    text = (f"{report_name(report)}预算数{budget.fact.text_value}，支出{spent.fact.text_value}，"
            f"未执行{left.text}（{left.calc}）；报告所写{other.label}为{other.fact.text_value}，{verdict}。")
    return answer(q, text, [budget, spent, other],
                  derived=[left.derived()] + ([] if gap.value == 0 else [gap.derived()]))


def _no_verdict(q, report, found, several):
    """A figure the report states several times over, differently: what it states, no verdict
    (a check against one of them would answer for all)."""
    single = "；".join(f"{f.label}为{f.fact.text_value}" for f in found if len(f.stated_values) == 1)
    text = (f"{report_name(report)}报告中{several}，不能确定用哪一个核对，未作一致与否的判断"
            + (f"；{single}" if single else "") + "。")
    return answer(q, text, found)


class Reconcile(Shape):
    """Whether named parts add up to their total, or two figures agree."""

    name = "reconcile"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.RECONCILE)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return reconcile(ctx.facts, query, reports_of(query, ctx))
