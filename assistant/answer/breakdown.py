"""A total's items, when the question asks what it is made of ("重点任务项目支出有哪些？各花了
多少钱？"): the facts of named subjects that the report states in the total's own section,
from the total's sentence on, in the total's unit. The items are the ones whose figures add
up to the total (the metric whose sum matches is the one listed); when no metric's items add
up, they are listed with their sum set against the total, so nothing is passed off as whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from assistant.answer import arithmetic as ar
from assistant.answer.found import report_name
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.types import Query
from assistant.index.records import FactRecord, ReportRecord
from assistant.text.numbers import unit_kind

MIN_ITEMS = 2
TOLERANCE = Decimal("0.011")  # two-decimal rounding of each item, in the total's unit


def itemised(query: Query, store) -> Answer | None:
    """The total with its items for each asked report, or None (no report itemises it)."""
    if len(query.metrics) != 1 or query.subjects or not query.report_ids:
        return None
    lines: list[str] = []
    rows: list[dict] = []
    cites: list[Citation] = []
    derived: list[dict] = []
    for rid in query.report_ids:
        report = store.report(rid)
        facts = store.facts(rid) if report is not None else []
        total = next((f for f in facts if f.metric == query.metrics[0] and not f.subject
                      and f.value is not None and not f.period), None)
        if total is None:
            continue
        items = _items(total, facts)
        if len(items) < MIN_ITEMS:
            continue
        lines += _lines(report, total, items, cites)
        derived.append(summed(items, total.unit))
        rows += [{"报告": report_name(report), "名称": f.subject, "指标": f.metric,
                  "数值": f.text_value, "原文": " ".join(f.quote.split())} for f in items]
    if not rows:
        return None
    return Answer(question=query.text, text="\n".join(lines), abstained=False, route="facts",
                  citations=cites, table=rows, derived=derived)


def _items(total: FactRecord, facts: Sequence[FactRecord]) -> list[FactRecord]:
    """The subjects' figures in the total's section from its sentence on, in its unit: of the
    metric whose first figure per subject adds up to the total, else of the most common one."""
    kind = unit_kind(total.unit)
    near = [f for f in facts if f.subject and f.section == total.section and f.start >= total.start
            and f.value is not None and unit_kind(f.unit) == kind and f.value < total.value
            and not f.period]
    by_metric: dict[str, dict[str, FactRecord]] = {}
    for f in sorted(near, key=lambda f: f.start):
        by_metric.setdefault(f.metric, {}).setdefault(f.subject, f)
    if not by_metric:
        return []
    for items in by_metric.values():
        if abs(sum(f.value for f in items.values()) - total.value) <= TOLERANCE * len(items):
            return list(items.values())
    return list(max(by_metric.values(), key=len).values())


def _lines(report: ReportRecord, total: FactRecord, items: Sequence[FactRecord],
           cites: list[Citation]) -> list[str]:
    lines = [f"{report_name(report)}{total.metric}{total.text_value} [{_cite(report, total, cites)}]，"
             f"报告列出的各项："]
    for n, f in enumerate(items, 1):
        lines.append(f"{n}. {f.subject}：{f.metric}{f.text_value} [{_cite(report, f, cites)}]")
    added = sum(f.value for f in items)
    if abs(added - total.value) <= TOLERANCE * len(items):
        lines.append(f"（以上各项合计{_plain(added)}{total.unit}，与总数一致。）")
    else:
        lines.append(f"（以上各项合计{_plain(added)}{total.unit}，与总数"
                     f"{_plain(total.value)}{total.unit}不一致，报告可能未逐项列全。）")
    return lines


def summed(items: Sequence[FactRecord], unit: str) -> dict:
    """The items' sum as a figure computed in code (shown with its calculation)."""
    return ar.total([ar.Operand("", f.value, unit) for f in items]).derived()


def _plain(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")).normalize(), "f")


def _cite(report: ReportRecord, f: FactRecord, cites: list[Citation]) -> int:
    for i, c in enumerate(cites, 1):
        if c.report_id == f.report_id and c.start == f.start and c.end == f.end:
            return i
    cites.append(Citation(f.report_id, report.file, f.section, f.quote, f.start, f.end))
    return len(cites)
