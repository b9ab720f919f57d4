"""The unit and role a nearest sentence must state, decided by the asked report's facts and
the metric the Query resolved (evidence.stated_units)."""

from __future__ import annotations

from collections import namedtuple

from assistant.answer.evidence.stated_units import metric_terms, report_fits, stated_unit, unit_of

F = namedtuple("F", "metric raw")


def test_the_unit_a_figure_is_written_with():
    assert unit_of("3,150.60万元") == "万元"
    assert unit_of("8650000.00元") == "元"
    assert unit_of("96.5%") == "%"
    assert unit_of("1,204.7") == ""


def test_an_amount_is_asked_in_the_unit_the_report_writes_that_metric_in():
    facts = [F("预算数", "31,506.0千元"), F("支出", "29,880.4千元"), F("在职人员", "41人")]
    unit = stated_unit(("预算数",), facts)
    assert unit("全年预算31,506.0千元") and not unit("全年预算3,150.60万元")
    # a metric the report states without a unit: the report's other amounts decide
    bare = [F("预算数", "31506.0"), F("支出", "29,880.4千元")]
    assert stated_unit(("预算数",), bare)("执行29,880.4千元")
    assert stated_unit(("预算数",), [F("预算数", "31506.0")]) is None
    assert stated_unit(("预算数", "在职人员"), facts) is None  # two kinds: the question decides


def test_the_role_is_the_resolved_metrics_terms():
    assert "预算安排" in metric_terms(("预算数",)) and "实际支出" in metric_terms(("支出",))
    assert metric_terms(("在职人员",)) == ()


def test_the_question_decides_where_the_report_cannot():
    facts = [F("预算数", "31,506.0千元")]
    unit, role = report_fits("图书馆外聘人员有多少人", ("预算数",), facts)
    assert unit("外聘人员12人") and not unit("预算31,506.0千元")  # 多少人 names its unit
    unit, role = report_fits("图书馆预算是多少", ("预算数",), facts)
    assert unit("预算31,506.0千元") and not unit("预算3,150.60万元") and "全年预算" in role
    unit, role = report_fits("图书馆购书花了多少钱", (), facts)
    assert unit("购书18.20万元") and role == ()
