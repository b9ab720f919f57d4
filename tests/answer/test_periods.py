"""Periods in comparisons: one period per department, and a year a department has no report
of answered from the figures a later report of it states for that year."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.answer.skills.base import reports_of
from assistant.answer.understand.intent import cues_of, order_of
from assistant.answer.understand.types import Cue, Query
from assistant.index.records import ReportRecord


def _report(rid: str, department: str, year: int) -> ReportRecord:
    return ReportRecord(rid, rid, rid, "", "txt", "", department, year, (), "fake", 0.0)


REPORTS = {r.id: r for r in (_report("m25", "某市博物馆", 2025), _report("m24", "某市博物馆", 2024),
                             _report("t25", "某市图书馆", 2025))}
CTX = SimpleNamespace(facts=SimpleNamespace(report=REPORTS.get))


def _asked(text: str, years=()) -> Query:
    return Query(text=text, report_ids=("m25", "m24", "t25"), departments=("某市博物馆", "某市图书馆"),
                 years=years, cues=cues_of(text))


def test_several_departments_without_a_year_are_read_at_their_latest_period() -> None:
    assert [r.id for r in reports_of(_asked("博物馆和图书馆谁的预算多"), CTX)] == ["m25", "t25"]


def test_a_question_asking_several_years_keeps_them() -> None:
    q = _asked("博物馆和图书馆两年的预算加起来")
    assert Cue.SEVERAL_YEARS in q.cues
    assert [r.id for r in reports_of(q, CTX)] == ["m25", "m24", "t25"]


def test_one_department_keeps_its_years() -> None:
    q = Query(text="博物馆的预算", report_ids=("m25", "m24"), departments=("某市博物馆",))
    assert [r.id for r in reports_of(q, CTX)] == ["m25", "m24"]


def test_which_of_two_years_is_higher_asks_the_higher() -> None:
    assert order_of("满意度是去年高还是今年高") == "max"
    assert order_of("得分是升了还是降了") == ""
