"""A store of a few hand-written reports and facts for skill tests (no ingest, no models)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from assistant.answer.lookup import Lookup
from assistant.answer.understand.types import Catalog
from assistant.index.records import FactRecord, ReportRecord


def report(rid: str, department: str, year: int) -> ReportRecord:
    return ReportRecord(rid, rid, rid, "", "txt", "", department, year, (), "fake", 0.0)


def fact(n: int, of: ReportRecord, metric: str, value: str, unit: str = "万元", *, period: str = "",
         scope: str = "department", subject: str = "", section: str = "") -> FactRecord:
    """The n-th figure of a report (each at its own place in the text)."""
    return FactRecord(id=n, report_id=of.id, department=of.department, year=of.year, metric=metric,
                      scope=scope, subject=subject, value=Decimal(value), unit=unit,
                      text_value=f"{value}{unit}", raw=value, quote=f"{subject}{metric}{value}{unit}",
                      start=n * 20, end=n * 20 + 10, num_start=n * 20 + 4, num_end=n * 20 + 8,
                      section=section, para=0, page=0, period=period)


class Store:
    def __init__(self, reports, facts) -> None:
        self._reports = {r.id: r for r in reports}
        self._facts = list(facts)

    def report(self, rid: str):
        return self._reports.get(rid)

    def facts(self, rid: str):
        return [f for f in self._facts if f.report_id == rid]

    def report_text(self, rid: str) -> str:
        return ""


def context(reports, facts) -> SimpleNamespace:
    """What a skill answers in (`skills.base.Context`), over these reports and facts."""
    return SimpleNamespace(facts=Lookup(Store(reports, facts)), catalog=Catalog(list(reports)))
