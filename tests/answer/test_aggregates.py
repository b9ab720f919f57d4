"""Aggregates across departments and within one report: each figure once, a department
without the figure named beside the sum of the others."""

from __future__ import annotations

from assistant.answer.skills.figures import Figures
from assistant.answer.skills.sum import Sum
from assistant.answer.understand.types import Intent, Query
from tests.answer import stub_facts as stub

PARK = stub.report("p", "某区园林局", 2025)
POOL = stub.report("s", "某区体育中心", 2025)
ZOO = stub.report("z", "某区动物园", 2025)
FACTS = [stub.fact(1, PARK, "三公经费", "3.5"), stub.fact(2, POOL, "三公经费", "1.25"),
         stub.fact(3, ZOO, "支出", "800")]
CTX = stub.context([PARK, POOL, ZOO], FACTS)
ALL = (PARK, POOL, ZOO)


def _q(intent: Intent, subjects=(), metrics=("三公经费",)) -> Query:
    return Query(text="这几家的三公经费一共多少", report_ids=tuple(r.id for r in ALL),
                 departments=tuple(r.department for r in ALL), metrics=metrics, subjects=subjects,
                 intent=intent)


def test_a_sum_across_departments_adds_those_that_state_it_and_names_the_rest() -> None:
    answer = Sum().answer(_q(Intent.SUM), CTX)
    assert not answer.abstained
    assert "合计4.75万元" in answer.text
    assert "某区动物园" in answer.text and "未计入合计" in answer.text


def test_one_department_without_the_figure_of_two_is_still_no_sum() -> None:
    q = _q(Intent.SUM)
    q = Query(**{**q.__dict__, "report_ids": (PARK.id, ZOO.id), "departments": (PARK.department, ZOO.department)})
    assert Sum().answer(q, CTX).abstained


def test_one_item_named_three_ways_is_shown_once_per_department() -> None:
    q = _q(Intent.COMPARISON, subjects=("三公经费", "“三公”经费", "三公”经费"), metrics=("支出",))
    items = [stub.fact(n, r, "支出", v, scope="item", subject="“三公”经费")
             for n, r, v in ((1, PARK, "3.5"), (2, POOL, "1.25"), (4, ZOO, "2.25"))]
    ctx = stub.context(ALL, items)
    answer = Figures().answer(q, ctx)  # a ranking of three
    assert [answer.text.count(v) for v in ("3.5万元", "1.25万元", "2.25万元")] == [1, 1, 1]
