"""A year the library holds no report of, for a department it holds a later report of: the
figures that later report states for that year (its 上年 or 2023年 column or sentence) answer
for it ("2023年档案馆和文化馆谁的自评分高" when only 文化馆's 2024 report is indexed)."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.found import Found
from assistant.answer.skills.base import Context
from assistant.answer.understand.types import Cue, Query
from assistant.index.records import ReportRecord


def other_periods(ctx: Context, q: Query, reports: Sequence[ReportRecord]) -> list[Found]:
    """For each asked department and asked year that none of the asked reports is of: the
    asked figures the department's nearest later report states for that year ("两年" of one
    department asks its latest year and the one before)."""
    held = {(r.department, r.year) for r in reports}
    years = q.years
    if not years and Cue.SEVERAL_YEARS in q.cues and len(q.departments) == 1 and reports:
        # "两年的得分比较" of a department with one report: its year and the one before
        latest = max(r.year or 0 for r in reports)
        years = (latest, latest - 1) if latest else ()
    out: list[Found] = []
    for department in q.departments:
        for year in years:
            if (department, year) not in held:
                out += _stated_later(ctx, q, department, year)
    return out


def _stated_later(ctx: Context, q: Query, department: str, year: int) -> list[Found]:
    later = sorted((r for r in ctx.catalog.reports_of(department) if r.year and r.year > year),
                   key=lambda r: r.year or 0)
    for report in later:
        hits = [hit for metric in q.metrics for subject in (q.subjects or ("",))
                if (hit := ctx.facts.earlier(report, metric, year, subject)) is not None]
        if hits:
            return hits
    return []


def source_note(f: Found) -> str:
    """Where a figure of a year with no report comes from: "（资料库中没有该部门2023年的报告；
    …2023年的数字取自该部门2024年报告中所列的2023年数字）"."""
    return (f"（资料库中没有该部门{f.report.year}年的报告；{f.name}的数字取自该部门{f.fact.year}年"
            f"报告中所列的{f.report.year}年数字）")
