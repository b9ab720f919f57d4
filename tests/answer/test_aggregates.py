"""Aggregates across departments and within one report: each figure once, a department
without the figure named beside the sum of the others."""

from __future__ import annotations

from assistant.answer.skills.figures import Figures
from assistant.answer.skills.sum import Sum
from assistant.answer.understand.types import Cue, Intent, Query
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


# the listed projects taken together ------------------------------------------------------------
LIB = stub.report("lib", "某县图书馆", 2025)
PROJECTS = (("古籍修复", "40", "36.5", "90"), ("少儿阅读推广", "25", "25", "96"),
            ("数字资源采购", "60", "52.25", "85"))


def _project_facts():
    out, n = [], 10
    for name, budget, spent, score in PROJECTS:
        for metric, value, unit in (("预算数", budget, "万元"), ("支出", spent, "万元"), ("自评得分", score, "分")):
            out.append(stub.fact(n, LIB, metric, value, unit, scope="project", subject=name, section="三、项目"))
            n += 1
    out += [stub.fact(n, LIB, "支出", "113.75", scope="project", subject="合计", section="三、项目"),
            stub.fact(n + 1, LIB, "项目支出", "113.75")]
    return out


def _rows_q(text: str, metrics, intent=Intent.FIGURE) -> Query:
    from assistant.answer.understand.intent import cues_of, row_count

    return Query(text=text, report_ids=(LIB.id,), departments=(LIB.department,), metrics=metrics,
                 intent=intent, cues=cues_of(text), row_count=row_count(text))


def test_the_listed_projects_are_counted_summed_and_checked_against_the_total_row() -> None:
    from assistant.answer.skills.rows import ProjectRows

    ctx = stub.context([LIB], _project_facts())
    q = _rows_q("图书馆几个项目一共花了多少，还剩多少没用", ("支出",), Intent.REMAINING)
    answer = ProjectRows().answer(q, ctx)
    assert "列出3个项目" in answer.text
    assert "3个项目支出合计113.75万元" in answer.text and "预算数合计125万元" in answer.text
    assert "表中合计行为113.75万元，两者一致" in answer.text
    assert "报告所写项目支出为113.75万元" in answer.text
    assert "尚未执行11.25万元" in answer.text


def test_the_projects_scores_are_averaged() -> None:
    from assistant.answer.skills.rows import ProjectRows

    ctx = stub.context([LIB], _project_facts())
    q = _rows_q("图书馆五个项目的自评得分平均多少", ("自评得分",))
    answer = ProjectRows().answer(q, ctx)
    assert "合计271分" in answer.text and "平均90.33分" in answer.text
    assert "问题所说为五个" in answer.text  # the report lists three; the question's count in words


def test_a_count_of_projects_is_no_projects_name() -> None:
    from assistant.answer.understand.subjects import named_subject

    assert named_subject("图书馆几个项目一共执行了多少", ()) == ""
    assert named_subject("图书馆这四个重点项目的预算", ()) == ""
    assert named_subject("图书馆古籍修复项目的预算", ((0, 3),)) == "古籍修复项目"


# two funds of one report compared ----------------------------------------------------------------
def test_two_funds_of_one_report_are_compared_by_their_own_names() -> None:
    from assistant.answer.understand.resolve import resolve
    from assistant.answer.understand.types import Catalog
    from assistant.ingest.aliases import department_aliases

    office = stub.report("o", "某县水务局", 2025)
    office = type(office)(**{**office.__dict__, "aliases": tuple(department_aliases(office.department)[1:])})
    general, fund = "一般公共预算财政拨款", "政府性基金预算财政拨款"
    facts = [stub.fact(1, office, "执行率", "97.5", "%", scope="source", subject=general),
             stub.fact(2, office, "执行率", "88.25", "%", scope="source", subject=fund)]
    ctx = stub.context([office], facts)
    catalog = Catalog([office], {"o": [("source", general), ("source", fund)]})
    q = resolve("某县水务局政府性基金和一般公共预算哪个执行率高？", catalog)
    answer = Figures().answer(q, ctx)
    assert "“一般公共预算财政拨款”更高" in answer.text
    assert "88.25%" in answer.text and "9.25个百分点" in answer.text


def test_a_rate_worked_out_by_the_asker_asks_for_the_check() -> None:
    from assistant.answer.understand.intent import intent_of

    assert intent_of("执行率自己算算对不对", ("执行率",))[0] == Intent.RATE_CHECK
    assert intent_of("拿支出和预算核算一下执行率，和报告写的一致吗", ("支出", "预算数", "执行率"))[0] == Intent.RATE_CHECK


def test_each_source_is_added_by_the_figure_asked_of_the_total() -> None:
    from assistant.answer.skills.reconcile import Reconcile

    office = stub.report("w", "某县林场", 2025)
    facts = [stub.fact(1, office, "年初预算数", "300", period="年初"),
             stub.fact(2, office, "年初预算数", "250", period="年初", scope="source", subject="财政拨款"),
             stub.fact(3, office, "支出", "240", scope="source", subject="财政拨款"),
             stub.fact(4, office, "年初预算数", "40", period="年初", scope="source", subject="事业收入"),
             stub.fact(5, office, "支出", "38", scope="source", subject="事业收入")]
    q = Query(text="各资金来源的年初预算数加起来等于合计数吗", report_ids=("w",), departments=(office.department,),
              metrics=("年初预算数",), subjects=("财政拨款", "事业收入"), intent=Intent.RECONCILE)
    answer = Reconcile().answer(q, stub.context([office], facts))
    assert "合计290万元" in answer.text and "相差10万元" in answer.text


def test_an_ordering_asked_is_a_ranking_and_savings_are_what_is_left() -> None:
    from assistant.answer.understand.intent import intent_of, order_of

    assert intent_of("几家单位的执行率从低到高怎么排", ("执行率",))[0] == Intent.COMPARISON
    assert order_of("几家单位的执行率从低到高怎么排") == "min"
    assert order_of("这几家的得分排个队") == ""  # no direction said: listed, no verdict
    assert intent_of("培训经费预算节余多少", ())[0] == Intent.REMAINING
    assert intent_of("公务接待费省下多少", ())[0] == Intent.REMAINING


def test_fewer_projects_than_the_report_lists_are_not_all_of_them() -> None:
    from assistant.answer.skills.rows import ProjectRows

    ctx = stub.context([LIB], _project_facts())
    assert ProjectRows().answer(_rows_q("图书馆两个项目的预算加起来", ("预算数",), Intent.SUM), ctx) is None


def test_an_items_only_budget_its_initial_one_is_read_beside_its_spending() -> None:
    office = stub.report("k", "某县档案局", 2025)
    facts = [stub.fact(1, office, "支出", "4.5", scope="item", subject="培训费"),
             stub.fact(2, office, "年初预算数", "5", period="年初", scope="item", subject="培训费")]
    q = Query(text="档案局培训费花了多少", report_ids=("k",), departments=(office.department,),
              metrics=("支出",), subjects=("培训费",))
    answer = Figures().answer(q, stub.context([office], facts))
    assert "4.5万元" in answer.text and "年初预算数为5万元" in answer.text


def test_a_total_over_several_departments_is_a_sum() -> None:
    from assistant.answer.understand.intent import intent_of, row_count

    assert intent_of("这三家单位的培训费一共花了多少", ("支出",))[0] == Intent.SUM
    assert intent_of("五家的培训费一共多少", ("支出",))[0] == Intent.SUM
    assert (row_count("六个重点项目"), row_count("12个项目"), row_count("几个项目")) == (6, 12, 0)


def test_a_target_question_asked_first_names_its_indicator_after() -> None:
    from assistant.answer.understand.items import asked_items

    asked = asked_items("完成目标没有，某站新增培训班次？", "", ())
    assert [a.indicator for a in asked if a.indicator] == ["某站新增培训班次"]
    assert asked_items("新增培训班次完成目标了吗", "", ())[0].indicator == "新增培训班次"


def test_a_ranking_noun_in_an_indicators_name_asks_no_ranking() -> None:
    from assistant.answer.understand.intent import intent_of

    assert intent_of("考核排名的目标和实际各是什么", ())[0] != Intent.COMPARISON


def test_two_departments_compared_with_the_figure_of_one_leave_it_to_the_text() -> None:
    q = Query(text="园林局和动物园的三公经费谁花得多", report_ids=(PARK.id, ZOO.id),
              departments=(PARK.department, ZOO.department), metrics=("三公经费",),
              intent=Intent.COMPARISON, order="max")
    assert Figures().answer(q, CTX) is None  # the zoo states none: its report's text may


def test_an_item_named_twice_is_left_once() -> None:
    from assistant.answer.skills.remaining import Remaining

    office = stub.report("r", "某县气象局", 2025)
    facts = [stub.fact(1, office, "预算数", "8", scope="item", subject="“三公”经费"),
             stub.fact(2, office, "支出", "6.5", scope="item", subject="“三公”经费")]
    q = Query(text="三公经费还剩多少", report_ids=("r",), departments=(office.department,),
              subjects=("三公经费", "“三公”经费"), intent=Intent.REMAINING)
    answer = Remaining().answer(q, stub.context([office], facts))
    assert answer.text.count("尚未执行1.5万元") == 1


def test_the_projects_named_as_a_whole_are_the_listed_rows() -> None:
    from assistant.answer.understand.intent import cues_of, intent_of

    assert Cue.ROWS in cues_of("图书馆2024年项目一共花了多少，剩多少")
    assert Cue.ROWS not in cues_of("古籍修复项目一共花了多少")
    assert intent_of("项目一共花了多少，剩多少", ("支出",))[0] == Intent.REMAINING


def test_each_ones_figure_asked_is_answered_with_what_the_facts_hold() -> None:
    q = Query(text="园林局和动物园的三公经费各是多少", report_ids=(PARK.id, ZOO.id),
              departments=(PARK.department, ZOO.department), metrics=("三公经费",), intent=Intent.COMPARISON)
    answer = Figures().answer(q, CTX)
    assert "3.5万元" in answer.text and "某区动物园" in answer.text
