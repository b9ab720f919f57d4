"""This period against an earlier one ("比上年增加了多少，增长百分之几"): the current figure
less the earlier one the report states (a fact of that period), and the change as a
percentage of the earlier figure; a rate changes by 个百分点. When the report states its own
growth percentage and it disagrees with the computed one, the answer says so (only then).
When the report states no earlier figure but states the change itself (…增加额/减少额), that
figure answers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, abstain, answer, operands, report_name
from assistant.answer.lookup import Lookup, item_metric
from assistant.answer.skills.base import Context, Shape, computes, finder, reports_of
from assistant.answer.types import Answer
from assistant.answer.understand.types import Intent, Query
from assistant.index.records import ReportRecord

# a growth percentage a report states beside the figures: 较上年增长7.52%, 同比下降3.1%
STATED_GROWTH = re.compile(r"(增长|增加|上升|提高|下降|减少|降低)(?:了|幅度为|率为|率)?\s*(\d+(?:\.\d+)?)\s*[%％]")
FALLING = ("下降", "减少", "降低")
CHANGE_METRICS = ("增加额", "减少额")


def growth(read: Lookup, q: Query, reports: Sequence[ReportRecord]) -> Answer | None:
    if not reports:
        return None
    find = finder(read)
    report = max(reports, key=lambda r: r.year or 0)  # the later year's report
    metric = q.metrics[0] if q.metrics else "支出"
    subject = q.subjects[0] if q.subjects else ""
    earlier = _earlier_year(q, report)
    now = find(report, metric, subject)
    before = None
    if earlier:
        before = find(report, f"{earlier}年{metric}", subject) or find(report, f"{earlier}年度{metric}", subject)
    before = before or find(report, f"上年{metric}", subject)
    if before is None:  # the earlier year's own report of the department
        same = [r for r in reports if r.year == earlier and r.department == report.department]
        before = next((hit for r in same if (hit := find(r, metric, subject)) is not None), None)
    if before is None:
        stated = _stated_change(find, report, metric, subject)
        if stated is not None:
            return answer(q, f"{report_name(report)}{stated.label}为{stated.fact.text_value}。", [stated])
    if now is None or before is None:
        gaps = "、".join(n for f, n in ((now, f"本年{metric}"), (before, f"{earlier or '上'}年{metric}"))
                        if f is None)
        return abstain(q, f"{report_name(report)}的报告没有给出{gaps}，无法计算增减。")
    return answer(q, *_growth_text(report, metric, earlier, now, before))


def _earlier_year(q: Query, report: ReportRecord) -> int | None:
    """The earlier year: one the question names before the report's own, else the year before."""
    others = [y for y in q.years if report.year and y < report.year]
    if others:
        return others[0]
    return report.year - 1 if report.year else None


def _stated_change(find, report, metric, subject) -> Found | None:
    """The change the report states itself (三公经费减少额), of the metric or the asked item."""
    for name in dict.fromkeys(n for n in (metric, item_metric(subject)) if n):
        for ending in CHANGE_METRICS:
            hit = find(report, f"{name}{ending}", "")
            if hit is not None:
                return hit
    return None


def _growth_text(report, metric, earlier, now: Found, before: Found):
    x, y = operands([now, before], [f"{report.year or '本'}年{metric}", f"{earlier or '上'}年{metric}"])
    change = ar.difference(x, y)
    rate = now.fact.unit == "%"
    unit = "个百分点" if rate else change.unit
    word = ("高" if change.value >= 0 else "低") if rate else ("多" if change.value >= 0 else "少")
    head = (f"{report_name(report)}{metric}{now.fact.text_value}，{earlier or '上'}年{metric}"
            f"{before.fact.text_value}，比{earlier or '上'}年{word}{ar.show(abs(change.value))}{unit}（{change.calc}）")
    derived = [{**change.derived(), "value": float(abs(change.value)),
                "text": f"{ar.show(abs(change.value))}{unit}"}]
    change_rate = None if rate else ar.change_rate(x, y)
    if change_rate is None:  # a rate's change is in 个百分点 only; nothing grows from zero
        return head + "。", [now, before], None, derived
    exact = (x.value - y.value) / y.value * 100
    pct, calc = change_rate.value, change_rate.calc
    grew = "增长" if pct >= 0 else "下降"
    text = f"{head}，{grew}{ar.show(abs(pct))}%（{calc}）"
    derived.append({"value": float(abs(pct)), "text": f"{ar.show(abs(pct))}%", "calc": calc})
    stated = _stated_percent(now, before)
    if stated is not None and not ar.agrees(abs(exact), stated[1]):
        text += (f"。报告写的是{stated[0]}{ar.show(stated[1])}%，与按报告数字计算的"
                 f"{ar.show(abs(pct))}%不一致")
    return text + "。", [now, before], None, derived


def _stated_percent(*found: Found) -> tuple[str, Decimal] | None:
    """The growth percentage the sentences of the two figures state, if any."""
    for f in found:
        m = STATED_GROWTH.search(f.fact.quote or "")
        if m:
            return m.group(1), Decimal(m.group(2))
    return None


class Growth(Shape):
    """This period against an earlier one: the change and its percentage."""

    name = "growth"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.GROWTH)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return growth(ctx.facts, query, reports_of(query, ctx))
