"""Checks compare like with like: a label heading rows, an indicator row's weight, a rate's change."""

from types import SimpleNamespace

from assistant.facts.checks import check_facts

SECTION = "四、自评得分"


def fact(metric, value, unit, para, *, subject="", scope="indicator", start=None, num_start=0,
         period="", section=SECTION, quote="", text=None):
    start = para * 100 if start is None else start
    return SimpleNamespace(
        report_id="r.txt", metric=metric, scope=scope, subject=subject, value=value,
        text_value=text or f"{value:g}{unit}", quote=quote or f"第{para}行", start=start,
        end=start + 50, num_start=start + num_start, para=para, period=period, unit=unit,
        section=section)


def test_a_first_level_label_over_several_rows_is_not_one_indicator_with_several_scores() -> None:
    rows = [fact("分值", w, "分", p, subject="履职", num_start=1) for p, w in ((3, 10), (4, 20))]
    rows += [fact("得分", s, "分", p, subject="履职", num_start=2) for p, s in ((3, 9), (4, 18))]
    assert check_facts(rows) == []


def test_one_indicator_with_two_scores_in_two_places_is_still_a_conflict() -> None:
    rows = [fact("得分", 9, "分", 3, subject="巡查覆盖率"), fact("得分", 7, "分", 9, subject="巡查覆盖率")]
    assert [f.kind for f in check_facts(rows)] == ["conflict"]


def test_a_total_score_near_a_group_is_not_held_against_one_rows_weight() -> None:
    rows = [fact("得分", 93, "分", 5, subject="主要指标", start=500)]
    rows += [fact("分值", w, "分", 5, subject="主要指标", start=600, num_start=k * 10 + 5)
             for k, w in enumerate((30, 70))]
    rows += [fact("得分", s, "分", 5, subject="主要指标", start=600, num_start=k * 10)
             for k, s in enumerate((28, 65))]
    assert check_facts(rows) == []
    rows[-1] = fact("得分", 75, "分", 5, subject="主要指标", start=600, num_start=10)
    assert [f.kind for f in check_facts(rows)] == ["score"]


def test_the_rows_under_a_group_label_are_summed_one_by_one() -> None:
    rows = [fact("自评得分", 95, "分", 2, scope="department")]
    table = (("履职", 30, 28, 3), ("履职", 20, 20, 4), ("成效", 25, 22, 5), ("成效", 25, 23, 6))
    rows += [fact("分值", w, "分", p, subject=n) for n, w, _, p in table]
    rows += [fact("得分", s, "分", p, subject=n) for n, _, s, p in table]
    found = check_facts(rows)
    assert [f.kind for f in found] == ["sum"] and "4项指标得分之和为 93分" in found[0].message
    rows[0] = fact("自评得分", 93, "分", 2, scope="department")
    assert check_facts(rows) == []


def test_a_rate_needs_money_operands() -> None:
    rows = [fact("预算数", 400, "人", 7, subject="受益人数", scope="item"),
            fact("支出", 430, "人", 7, subject="受益人数", scope="item"),
            fact("执行率", 15, "%", 7, subject="受益人数", scope="item")]
    assert check_facts(rows) == []
    money = [fact("预算数", 400, "万元", 7, subject="培训经费", scope="project"),
             fact("支出", 300, "万元", 7, subject="培训经费", scope="project"),
             fact("执行率", 90, "%", 7, subject="培训经费", scope="project")]
    assert [f.kind for f in check_facts(money)] == ["rate"]


def test_a_rates_change_in_percent_is_not_checked_as_relative_growth() -> None:
    rows = [fact("执行率", 97.0, "%", 2, scope="department", section="二"),
            fact("上年执行率", 94.0, "%", 2, scope="department", period="上年", section="二"),
            fact("执行率增幅", 3.0, "%", 2, scope="department", section="二", text="3.00%")]
    assert check_facts(rows) == []
    spent = [fact("支出", 110.0, "万元", 2, scope="department", section="二"),
             fact("上年支出", 100.0, "万元", 2, scope="department", period="上年", section="二"),
             fact("支出增幅", 4.0, "%", 2, scope="department", section="二")]
    assert [f.kind for f in check_facts(spent)] == ["growth"]
