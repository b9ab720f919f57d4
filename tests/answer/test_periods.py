"""Periods in comparisons: one period per department, and a year a department has no report
of answered from the figures a later report of it states for that year."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.answer.skills.base import reports_of
from assistant.answer.understand.intent import cues_of, order_of
from assistant.answer.understand.types import Cue, Query
from assistant.index.records import ReportRecord
from tests.answer import stub_facts as stub


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


# a year with no report of its own -------------------------------------------------------------
def _library():
    museum, library = stub.report("m25", "某市博物馆", 2025), stub.report("t24", "某市图书馆", 2024)
    facts = [stub.fact(1, museum, "自评得分", "88", "分"),
             stub.fact(2, museum, "2024年自评得分", "91", "分", period="2024年"),
             stub.fact(3, library, "自评得分", "90", "分"),
             stub.fact(4, museum, "上年支出", "120", period="上年")]
    return stub.context([museum, library], facts), museum, library


def test_a_later_report_states_the_figure_of_a_year_it_follows() -> None:
    ctx, museum, _ = _library()
    hit = ctx.facts.earlier(museum, "自评得分", 2024)
    assert (hit.report.year, hit.metric, hit.fact.text_value) == (2024, "自评得分", "91分")
    assert ctx.facts.earlier(museum, "支出", 2024).fact.text_value == "120万元"  # its 上年 column
    assert ctx.facts.earlier(museum, "自评得分", 2023) is None  # a year it states nothing of
    assert ctx.facts.earlier(museum, "自评得分", 2025) is None  # its own year is no earlier one


def test_two_departments_in_a_year_one_has_no_report_of_are_compared() -> None:
    from assistant.answer.skills.figures import Figures
    from assistant.answer.understand.types import Intent

    ctx, _, library = _library()
    q = Query(text="2024年博物馆和图书馆谁的得分高", report_ids=(library.id,),
              departments=("某市博物馆", "某市图书馆"), years=(2024,), metrics=("自评得分",),
              intent=Intent.COMPARISON, order="max", missing_years=("某市博物馆（2024年）",))
    answer = Figures().answer(q, ctx)
    assert "某市博物馆2024年更高" in answer.text and "91分" in answer.text and "高1分" in answer.text
    assert "2025年报告" in answer.text  # where the figure comes from
    assert "没有某市博物馆" not in answer.text


def test_two_years_of_a_department_with_one_report_are_compared() -> None:
    from assistant.answer.skills.figures import Figures
    from assistant.answer.understand.types import Intent

    ctx, museum, _ = _library()
    text = "博物馆两年的得分比较"
    q = Query(text=text, report_ids=(museum.id,), departments=(museum.department,),
              metrics=("自评得分",), intent=Intent.COMPARISON, cues=cues_of(text))
    answer = Figures().answer(q, ctx)
    assert "某市博物馆2024年更高" in answer.text and "91分" in answer.text and "88分" in answer.text


def test_two_years_of_a_department_are_added_up() -> None:
    from assistant.answer.skills.sum import Sum
    from assistant.answer.understand.types import Intent

    museum = stub.report("m25", "某市博物馆", 2025)
    facts = [stub.fact(1, museum, "支出", "6.5", scope="item", subject="“三公”经费"),
             stub.fact(2, museum, "上年三公经费", "7.25", period="上年")]
    text = "博物馆两年的三公经费加起来多少"
    q = Query(text=text, report_ids=(museum.id,), departments=(museum.department,), metrics=("三公经费",),
              subjects=("“三公”经费",), intent=Intent.SUM, cues=cues_of(text))
    answer = Sum().answer(q, stub.context([museum], facts))
    assert "合计13.75万元" in answer.text and "2024年7.25万元" in answer.text and "2025年6.5万元" in answer.text
