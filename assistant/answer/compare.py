"""Compare departments on one metric: a row per report, 未披露 where a report lacks it,
each value with its verbatim source. Used by the 对比 tab and by comparison answers."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.lookup import Lookup
from assistant.answer.types import METRIC_CHOICES, NOT_DISCLOSED, CompareRow, to_csv
from assistant.index.store import Store
from assistant.ingest.aliases import short_name
from assistant.text.numbers import qualified_figure


def compare(store: Store, metric: str, report_ids: Sequence[str] = (),
            years: Sequence[int] = ()) -> list[CompareRow]:
    """One row per selected report (all when none given), sorted by value, missing last."""
    answerer = Lookup(store)
    rows = []
    for report in store.reports():
        if report_ids and report.id not in report_ids:
            continue
        if years and report.year not in years:
            continue
        hit = answerer.lookup(report, metric)
        if hit is None:
            rows.append(CompareRow(report.id, report.department, short_name(report.department),
                                   report.year, metric, None, NOT_DISCLOSED, "", report.file, ""))
            continue
        f = hit.fact
        approx = qualified_figure(f.quote, f.num_start - f.start, f.num_end - f.start)
        rows.append(CompareRow(report.id, report.department, short_name(report.department),
                               report.year, hit.metric, float(hit.value), f.text_value,
                               f.quote, report.file, f.section, f.unit, f.page, approx))
    return sorted(rows, key=lambda r: (r.value is None, -(r.value or 0)))


__all__ = ["METRIC_CHOICES", "NOT_DISCLOSED", "CompareRow", "compare", "to_csv"]
