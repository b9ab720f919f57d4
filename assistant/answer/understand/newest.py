"""A question that names no year, about one unit the library holds reports of several years
of: the newest year is answered, and the answer says so ("按最新年度2024年") — unless the
question asks about the change or about more than one year (两年, 历年, 比上年, 多了还是少了)."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.understand.types import Catalog, Cue, Intent, Query

# years set against each other: every year's report is read
ACROSS_YEARS = (Intent.GROWTH,)
# one figure compared with no second figure or subject to compare it with: its years are compared
ACROSS_YEARS_ALONE = (Intent.COMPARISON, Intent.DIFFERENCE)
EARLIER_CUES = (Cue.SEVERAL_YEARS, Cue.LAST_YEAR, Cue.CHANGE)


def newest_year(query: Query, catalog: Catalog) -> Query:
    """The query narrowed to the unit's newest report (`Query.newest` set), or as it is."""
    if query.years or len(query.departments) != 1 or len(query.report_ids) < 2:
        return query
    if query.intent in ACROSS_YEARS or any(c in query.cues for c in EARLIER_CUES):
        return query
    if query.intent in ACROSS_YEARS_ALONE and len(query.metrics) <= 1 and not query.subjects:
        return query
    reports = [r for r in catalog.reports_of(query.departments[0]) if r.id in query.report_ids]
    years = {r.year for r in reports if r.year}
    if len(years) < 2:
        return query
    latest = max(years)
    kept = tuple(rid for rid in query.report_ids
                 if any(r.id == rid and r.year == latest for r in reports))
    return replace(query, report_ids=kept, newest=latest)
