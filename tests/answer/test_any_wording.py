"""Questions worded as another writer would word them: names joined before a shared tail,
subjects contracted, a project the text names again beside its table row, a ratio asked as
倍 or 几成, a project's figure never stood in for by the department's. Reports, names and
figures here are made up for these tests."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from assistant.answer.skills.difference import Difference
from assistant.answer.skills.rows import ProjectRows
from assistant.answer.understand.intent import cues_of, row_count
from assistant.answer.understand.resolve import resolve
from assistant.answer.understand.subjects import _abridges
from assistant.answer.understand.types import Catalog, Cue, Intent, Query
from assistant.index.records import ReportRecord
from assistant.ingest.aliases import department_aliases
from tests.answer import stub_facts as stub


def _report(rid: str, department: str) -> ReportRecord:
    return ReportRecord(rid, rid, rid, "", "txt", "", department, 2025,
                        tuple(department_aliases(department)[1:]), "fake", 0.0)


# two names joined before the words they share ------------------------------------------------
EAST, WEST, FARM = "青溪县东坪乡卫生院", "青溪县西坪乡卫生院", "青溪县农业农村局"


def _towns() -> Catalog:
    return Catalog([_report("e.txt", EAST), _report("w.txt", WEST), _report("f.txt", FARM)])


@pytest.mark.parametrize("question", [
    "东坪和西坪卫生院哪个支出多？",
    "东坪与西坪乡卫生院的预算分别是多少",
    "东坪、西坪两个乡卫生院全年支出加起来多少？",
    "东坪西坪俩卫生院全年支出加起来多少？",  # no joining word before the count; 俩 for 两个
])
def test_two_names_joined_before_a_shared_tail_are_two_departments(question: str) -> None:
    q = resolve(question, _towns())
    assert set(q.departments) == {EAST, WEST}


def test_a_word_joined_to_a_name_is_no_department() -> None:
    q = resolve("预算和西坪卫生院的支出是多少？", _towns())
    assert q.departments == (WEST,)


def test_who_has_more_people_asks_the_staff() -> None:
    q = resolve("东坪和西坪卫生院哪个人多？", _towns())
    assert q.metrics == ("在职人员",)


# a subject contracted, its qualifiers in front left out -----------------------------------------
@pytest.mark.parametrize(("said", "name", "reads"), [
    ("管网运维项目", "城区供水管网运行维护项目", True),
    ("特困供养经费", "特困人员供养经费", True),
    ("管网改造项目", "城区供水管网运行维护项目", False),  # 改造 is not in the name
    ("运维项目", "城区供水管网运行维护项目", False),  # too little of the name it spans
])
def test_a_contracted_subject_keeps_order_head_word_and_most_of_its_stretch(said, name, reads) -> None:
    assert _abridges(said, name) is reads


def test_a_contracted_project_is_read_as_the_reports_project() -> None:
    water = _report("s.txt", "青溪县供水站")
    catalog = Catalog([water], {"s.txt": [("project", "城区供水管网运行维护项目"),
                                           ("project", "水质检测设备购置项目")]})
    q = resolve("青溪县供水站那个管网运维项目花了多少？", catalog)
    assert q.subjects == ("城区供水管网运行维护项目",) and not q.named_subject


# a project of the table named again in the text -------------------------------------------------
def test_a_project_the_text_names_again_is_no_row_lacking_its_budget() -> None:
    office = stub.report("o", "青溪县公安局", 2025)
    facts = [stub.fact(n, office, metric, value, scope="project", subject=name, section="二、项目")
             for n, (name, metric, value) in enumerate((
                 ("巡防车辆购置", "预算数", "300"), ("巡防车辆购置", "支出", "280"),
                 ("指挥平台升级", "预算数", "150"), ("指挥平台升级", "支出", "149"),
                 ("指挥平台升级项目", "支出", "149")), 1)]  # the text's sentence, no budget in it
    text = "公安局两个重点项目预算加起来多少"
    q = Query(text=text, report_ids=("o",), departments=(office.department,), metrics=("预算数",),
              cues=cues_of(text), row_count=row_count(text))
    answer = ProjectRows().answer(q, stub.context([office], facts))
    assert answer is not None and not answer.abstained
    assert "合计450万元" in answer.text and "没有给出" not in answer.text


# a project's figure asked of two departments ---------------------------------------------------
def test_a_projects_figure_is_never_the_departments() -> None:
    a, b = stub.report("a", "青溪县东坪乡卫生院", 2025), stub.report("b", "青溪县西坪乡卫生院", 2025)
    facts = [stub.fact(1, a, "支出", "900"), stub.fact(2, b, "支出", "800")]
    q = Query(text="两个卫生院的健康体检项目执行数差多少", report_ids=("a", "b"),
              departments=(a.department, b.department), metrics=("支出",),
              subjects=("健康体检项目",), intent=Intent.DIFFERENCE)
    answer = Difference().answer(q, stub.context([a, b], facts))
    assert answer.abstained and "100" not in answer.text


# one figure against another: 倍, 几成, 百分之几 -----------------------------------------------------
def _ratio_ctx():
    a, b = stub.report("a", "青溪县公安局", 2025), stub.report("b", "青溪县气象局", 2025)
    facts = [stub.fact(1, a, "预算数", "1.5", "亿元"), stub.fact(2, b, "预算数", "600", "万元"),
             stub.fact(3, b, "目标值", "8", "台", scope="indicator", subject="雷达维护"),
             stub.fact(4, b, "实际值", "6", "台", scope="indicator", subject="雷达维护"),
             stub.fact(5, b, "项目支出", "150"), stub.fact(6, b, "基本支出", "450")]
    # the store keeps money in 万元: 1.5亿元 is 15000万元
    facts[0] = type(facts[0])(**{**facts[0].__dict__, "value": Decimal("15000"), "unit": "万元",
                                  "text_value": "1.5亿元"})
    return a, b, stub.context([a, b], facts)


@pytest.mark.parametrize(("question", "reads"), [
    ("公安局的预算是气象局的多少倍", "ratio"), ("雷达维护完成了几成", "ratio"),
    ("雷达维护完成了百分之几", "ratio"), ("执行率是百分之多少", "figure"),
    ("项目支出占支出的百分之几", "share"),
])
def test_a_ratio_is_read_in_any_wording(question: str, reads: str) -> None:
    from assistant.answer.understand.intent import intent_of
    from assistant.answer.understand.metrics import metrics_of

    assert intent_of(question, metrics_of(question))[0] == reads


def test_a_multiple_of_two_departments_is_computed_with_both_figures_cited() -> None:
    from assistant.answer.skills.ratio import Ratio

    a, b, ctx = _ratio_ctx()
    q = Query(text="公安局的预算是气象局的多少倍", report_ids=("a", "b"), departments=(a.department, b.department),
              metrics=("预算数",), intent=Intent.RATIO, cues=cues_of("公安局的预算是气象局的多少倍"))
    answer = Ratio().answer(q, ctx)
    assert "25.00倍" in answer.text and "15000.00万元 ÷" in answer.text and "600万元" in answer.text
    assert len(answer.citations) == 2 and answer.derived[0]["text"] == "25.00倍"
    reversed_q = replace(q, report_ids=("b", "a"), departments=(b.department, a.department),
                         cues=q.cues | {Cue.WHOLE_FIRST})  # "气象局的预算，公安局是它的多少倍"
    assert "25.00倍" in Ratio().answer(reversed_q, ctx).text


def test_an_indicator_done_in_tenths_is_its_actual_against_its_target() -> None:
    from assistant.answer.skills.ratio import Ratio

    _, b, ctx = _ratio_ctx()
    q = Query(text="气象局雷达维护完成了几成", report_ids=("b",), departments=(b.department,),
              subjects=("雷达维护",), intent=Intent.RATIO, cues=cues_of("气象局雷达维护完成了几成"))
    answer = Ratio().answer(q, ctx)
    assert "75.00%" in answer.text and "6台 ÷" in answer.text


def test_the_whole_of_a_ratio_named_first_is_read_from_its_place() -> None:
    from assistant.answer.understand.operands import whole_named_first

    assert whole_named_first("气象局的预算，公安局是它的多少倍", ((0, 3), (7, 10)))
    assert whole_named_first("气象局的预算，公安局是气象局的几倍", ((0, 3), (7, 10), (11, 14)))
    assert not whole_named_first("公安局的预算是气象局的多少倍", ((0, 3), (7, 10)))


# a subject's name contracted inside (单站运维成本 of 单站年运维成本) ------------------------------------
def test_a_subject_with_characters_left_out_inside_is_that_subject() -> None:
    station = _report("g.txt", "青溪县水文站")
    catalog = Catalog([station], {"g.txt": [("indicator", "站点年平均维修费用"),
                                            ("indicator", "水情信息报送及时率")]})
    q = resolve("青溪县水文站站点维修费用是多少？", catalog)
    assert q.subjects == ("站点年平均维修费用",)


# the words of a subject's name never decide what shape of answer is asked ------------------------
def test_a_funds_name_with_carried_over_in_it_still_asks_what_is_left() -> None:
    office = _report("h.txt", "青溪县档案馆")
    catalog = Catalog([office], {"h.txt": [("source", "上年结转资金"), ("source", "财政拨款")]})
    q = resolve("青溪县档案馆上年结转资金还有多少没执行？", catalog)
    assert q.subjects == ("上年结转资金",) and q.intent == Intent.REMAINING
    assert resolve("青溪县档案馆结转结余是多少？", catalog).intent == Intent.FIGURE


def test_what_was_allocated_is_the_budget() -> None:
    from assistant.answer.understand.metrics import metrics_of

    assert metrics_of("档案数字化今年安排了多少，执行了多少") == ("预算数", "支出")


def test_a_budget_adjusted_in_the_year_is_shown_against_the_initial_budget() -> None:
    office = stub.report("k", "青溪县档案馆", 2025)
    facts = [stub.fact(1, office, "预算数", "460"), stub.fact(2, office, "年初预算数", "400", period="年初")]
    text = "档案馆年中调增了多少预算"
    q = Query(text=text, report_ids=("k",), departments=(office.department,), metrics=("预算数",),
              intent=Intent.DIFFERENCE, cues=cues_of(text))
    answer = Difference().answer(q, stub.context([office], facts))
    assert "多60万元" in answer.text and "占年初预算数的15.00%" in answer.text


def test_a_metric_word_run_on_from_a_projects_head_word_is_the_projects_figure() -> None:
    from assistant.answer.understand.metrics import metrics_of

    text = "气象局人工增雨作业项目支出多少"
    assert metrics_of(text, [(3, 11)]) == ("支出",)  # 人工增雨作业项目|支出, not 项目支出
    assert metrics_of("气象局项目支出多少") == ("项目支出",)


def test_a_list_asked_by_a_noun_a_subject_shares_stays_a_list() -> None:
    from assistant.answer.understand.intent import intent_of

    text = "档案馆数字化项目设置了哪些三级绩效指标？"
    assert intent_of(text, (), [(text.index("绩效指标"), text.index("绩效指标") + 4)])[0] == Intent.LIST


def test_a_name_shortened_and_mistyped_that_suggests_one_department_is_that_department() -> None:
    fire = _report("x.txt", "青溪县消防救援大队")
    q = resolve("青溪消仿大队的预算是多少？", Catalog([fire, _report("f.txt", FARM)]))
    assert q.departments == (fire.department,)


def test_another_number_or_place_mistyped_and_shortened_is_still_another_body() -> None:
    from assistant.answer.understand.departments import misspells_short

    assert misspells_short("青溪消仿大队", "青溪县消防救援大队")
    assert not misspells_short("青溪市第一中学", "青溪市第二中学")  # 一中 is no 二中
