"""Compare departments on one metric: a row per report, 未披露 where a report lacks it,
each value with its verbatim source. Used by the 对比 tab and by comparison answers."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from assistant.answer.facts_route import FactAnswerer
from assistant.index.store import Store
from assistant.ingest.aliases import short_name

METRIC_CHOICES = ("执行率", "预算数", "支出", "基本支出", "项目支出", "收入", "自评得分",
                  "在职人员", "内设机构数", "结转结余", "财政拨款支出")
NOT_DISCLOSED = "未披露"


@dataclass(frozen=True)
class CompareRow:
    report_id: str
    department: str
    short: str
    year: int | None
    metric: str  # the metric found (a related one, e.g. 收支比率, is named as such)
    value: float | None
    text_value: str  # as the report writes it, or 未披露
    quote: str
    file: str
    section: str

    def to_dict(self) -> dict:
        return asdict(self)


def compare(store: Store, metric: str, report_ids: Sequence[str] = (),
            years: Sequence[int] = ()) -> list[CompareRow]:
    """One row per selected report (all when none given), sorted by value, missing last."""
    answerer = FactAnswerer(store)
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
        rows.append(CompareRow(report.id, report.department, short_name(report.department),
                               report.year, hit.metric, float(hit.value), f.text_value,
                               f.quote, report.file, f.section))
    return sorted(rows, key=lambda r: (r.value is None, -(r.value or 0)))


def to_csv(rows: Sequence[CompareRow]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["部门", "年度", "指标", "数值", "原文", "文件"])
    for r in rows:
        writer.writerow([r.department, r.year or "", r.metric, r.text_value,
                         " ".join(r.quote.split()), r.file])
    return "\ufeff" + buf.getvalue()  # BOM: Excel opens UTF-8 CSV correctly
