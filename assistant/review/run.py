"""The one entry point: review an indexed report (and the previous year's report)."""

from __future__ import annotations

from assistant.review.completeness import completeness
from assistant.review.conformity import conformity
from assistant.review.consistency import consistency
from assistant.review.previous import against_previous, find_previous
from assistant.review.reasonableness import reasonableness
from assistant.review.source import ReportView
from assistant.review.types import CATEGORIES, MUST, Review


def review(report: str | ReportView, store=None, previous: str | ReportView | None = None,
           auto_previous: bool = True) -> Review:
    """The 审核意见 of one report: `report` is a report id of `store` (or a ReportView);
    `previous` the previous year's report (an id of the same store, or a view of another);
    without one, the same department's report of the year before is used when indexed."""
    view = report if isinstance(report, ReportView) else ReportView(store, report)
    before = previous if isinstance(previous, ReportView) or previous is None \
        else ReportView(store, previous)
    if before is None and auto_previous:
        record = find_previous(view.store, view.record)
        before = ReportView(view.store, record.id, record) if record else None
    findings = completeness(view) + consistency(view) + reasonableness(view) + conformity(view)
    if before is not None:
        findings += against_previous(view, before)
    findings.sort(key=lambda f: (CATEGORIES.index(f.category), f.severity != MUST))
    return Review(report=view.file, department=view.record.department, year=view.record.year,
                  findings=tuple(findings), previous=before.file if before else "")
