"""Every number an answer shows is traceable: quoted by a cited span, or computed in code by
`answer.arithmetic`, which records it (value, text, calc with its operands as the report
writes them) once for all skills. Unit tests per kind of computed figure, the tracing step the
skills share, and the contract over every skill on reports of our own."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from assistant.answer import arithmetic as ar
from assistant.answer.evidence.binding import inconsistency_notes
from assistant.answer.evidence.verify import untraced_numbers
from assistant.answer.lookup import caption_line
from assistant.answer.skills import SKILLS
from assistant.answer.skills.traced import trace
from assistant.answer.types import Answer, Citation
from assistant.answer.understand import resolve
from assistant.eval.score import score_item
from assistant.facts.checks import Finding, Source
from tests.answer import library


def op(label: str, value: str, unit: str = "万元", source=None, digits=None) -> ar.Operand:
    return ar.Operand(label, Decimal(value), unit, digits, source=source)


# each kind of computed figure is recorded, with its operands' sources -------------------------
def test_a_figure_computed_outside_a_ledger_is_not_recorded_anywhere() -> None:
    with ar.recording() as ledger:
        pass
    ar.total([op("甲", "1.00"), op("乙", "2.00")])
    assert ledger == []


@pytest.mark.parametrize(("compute", "text", "calc_start"), [
    (lambda: ar.convert("368,412.50元", Decimal("36.84125"), "万元", 2, "row"), "36.84万元",
     "368,412.50元 = "),
    (lambda: ar.total([op("甲", "1.25", source="a"), op("乙", "2.50", source="b")]), "3.75万元", "甲1.25万元 + 乙2.50万元"),
    (lambda: ar.difference(op("预算", "10.00", source="a"), op("支出", "7.50", source="b")), "2.50万元",
     "预算10.00万元 − 支出7.50万元"),
    (lambda: ar.ratio(op("支出", "7.50", source="a"), op("预算", "10.00", source="b")), "75.00%", "支出7.50万元 ÷ 预算10.00万元"),
    (lambda: ar.points(op("计算", "96.00", "%"), op("所写", "96.80", "%", source="b")), "-0.80个百分点",
     "计算96.00% − 所写96.80%"),
    (lambda: ar.change_rate(op("今年", "110.00", source="a"), op("上年", "100.00", source="b")), "10.00%",
     "(今年110.00万元 − 上年100.00万元) ÷ 上年100.00万元"),
    (lambda: ar.mean([op("甲", "1.0", "分", "a"), op("乙", "2.0", "分", "b")]), "1.50分", "(甲1.0分 + 乙2.0分) ÷ 2"),
    (lambda: ar.count(["河道保洁", "管网清疏"], "个", ["a", "b"]), "2个", "河道保洁、管网清疏"),
])
def test_each_kind_of_computed_figure_is_recorded(compute, text, calc_start) -> None:
    with ar.recording() as ledger:
        result = compute()
    assert ledger == [result] and result.text == text
    derived = result.derived()
    assert derived["text"] == text and derived["calc"].startswith(calc_start)
    assert "=" in derived["calc"] or "共" in derived["calc"]
    assert result.sources  # where its operands were read: cited by the answer that shows it


def test_a_count_names_what_it_counts() -> None:
    counted = ar.count(["河道保洁", "管网清疏", "节水宣传"], "项")
    assert counted.derived()["items"] == ["河道保洁", "管网清疏", "节水宣传"]
    assert counted.derived()["value"] == 3.0


def test_an_amount_computed_in_yuan_is_also_shown_in_wan_and_recorded() -> None:
    with ar.recording() as ledger:
        gap = ar.difference(op("预算数", "286000.00", "元"), op("支出", "241385.60", "元"))
        shown, derived = ar.in_wan(gap)
    assert shown == "（约4.46万元）" and len(ledger) == 2 and ledger[1].text == "4.46万元"
    assert derived == [ledger[1].derived()]


# the tracing step the skills share -------------------------------------------------------------
@dataclass(frozen=True)
class Fact:
    report_id: str
    subject: str
    start: int


@dataclass(frozen=True)
class Stub:
    """What `trace` reads of a figure's source (a `found.Found`)."""

    fact: object
    facts: tuple
    others: tuple = ()

    @property
    def report(self):
        return type("R", (), {"file": "own.txt"})()


@dataclass(frozen=True)
class Row:
    report_id: str
    section: str
    quote: str
    start: int
    end: int
    subject: str = ""


REPORT = ("二、收支情况\n表1 2024年度预算执行情况（单位：万元）\n资金来源\t预算\t支出\n"
          "财政拨款\t100.00\t90.00\n上级补助\t20.00\t15.00\n"
          "三、重点项目\n2.12345热线运维。全年预算30.00万元，执行27.00万元。\n")


class Facts:
    """The three reads `trace` makes of the facts (a `lookup.Lookup` in the chain)."""

    def __init__(self, rows) -> None:
        self.rows = rows

    def facts(self, report_id):
        return self.rows

    def report_text(self, report_id):
        return REPORT

    def caption_at(self, report_id, start):
        found = caption_line(REPORT, start)
        return None if found is None else (*found, REPORT[found[1]:found[2]])


def row_of(text: str, subject: str = "") -> Row:
    start = REPORT.index(text)
    return Row("r", "二、收支情况", text, start, start + len(text), subject)


def cite(row: Row) -> Citation:
    return Citation("r", "own.txt", row.section, row.quote, row.start, row.end)


def test_trace_keeps_the_shown_figures_cites_their_operands_and_drops_the_rest() -> None:
    a, b = row_of("财政拨款\t100.00\t90.00"), row_of("上级补助\t20.00\t15.00")
    answer = Answer("q", "", False, "facts", citations=[cite(a)])
    with ar.recording() as ledger:
        summed = ar.total([op("财政拨款", "90.00", source=Stub(a, (a,))),
                           op("上级补助", "15.00", source=Stub(b, (b,)))])
        ar.ratio(op("支出", "15.00"), op("预算", "20.00"))  # computed, never shown
    answer.text = f"两项合计{summed.text}（{summed.calc}）。"
    trace(answer, ledger, Facts([a, b]))
    assert [d["text"] for d in answer.derived] == ["105.00万元"]
    assert [c.quote for c in answer.citations] == [a.quote, b.quote]  # the second operand cited
    assert untraced_numbers(answer.text, [c.quote for c in answer.citations], answer.derived) == []


def test_a_table_an_answer_points_to_is_cited_by_its_caption() -> None:
    a = row_of("上级补助\t20.00\t15.00")
    answer = Answer("q", "上级补助支出为15.00万元，见表1。", False, "facts", citations=[cite(a)])
    assert untraced_numbers(answer.text, [a.quote]) == ["1"]
    trace(answer, [], Facts([a]))
    assert answer.citations[-1].quote.startswith("表1 2024年度预算执行情况")
    assert untraced_numbers(answer.text, [c.quote for c in answer.citations]) == []


def test_a_count_after_a_tables_name_is_no_reference_to_a_table() -> None:
    a = row_of("上级补助\t20.00\t15.00")
    answer = Answer("q", "自评得分表17项指标", False, "facts", citations=[cite(a)])
    trace(answer, [], Facts([a]))
    assert len(answer.citations) == 1


def test_a_subject_whose_name_holds_a_number_is_cited_where_the_report_names_it() -> None:
    sentence = row_of("全年预算30.00万元，执行27.00万元。", "12345热线运维")
    answer = Answer("q", "“12345热线运维”支出为27.00万元。", False, "facts", citations=[cite(sentence)])
    trace(answer, [], Facts([sentence]))
    assert answer.citations[0].quote == "12345热线运维。全年预算30.00万元，执行27.00万元。"
    assert REPORT[answer.citations[0].start:answer.citations[0].end] == answer.citations[0].quote
    assert untraced_numbers(answer.text, [c.quote for c in answer.citations]) == []


def test_an_abstention_is_left_alone() -> None:
    answer = Answer("q", "报告中未找到：表1。", True, "facts")
    with ar.recording() as ledger:
        ar.total([op("甲", "1.00"), op("乙", "2.00")])
    trace(answer, ledger, Facts([]))
    assert answer.derived == [] and answer.citations == []


# the strict check ---------------------------------------------------------------------------
def test_untraced_numbers_follows_a_chain_of_derivations_down_to_the_quotes() -> None:
    quotes = ["人员经费40.50万元", "公用经费9.25万元", "基本支出50.00万元"]
    summed = {"value": 49.75, "text": "49.75万元", "calc": "40.50万元 + 9.25万元 = 49.75万元"}
    gap = {"value": -0.25, "text": "-0.25万元", "calc": "合计49.75万元 − 基本支出50.00万元 = -0.25万元"}
    text = "比所写的50.00万元少0.25万元。"
    assert untraced_numbers(text, quotes, [gap, summed]) == []
    assert untraced_numbers(text, quotes, [gap]) == ["0.25"]
    rest = {"value": 49.75, "text": "49.75万元", "calc": "0.25万元 + 49.50万元 = 49.75万元"}
    assert untraced_numbers(text, quotes, [gap, rest]) == ["0.25"]  # resting on each other: no


def test_a_count_must_count_its_items_right_and_each_must_be_shown() -> None:
    count = {"value": 2, "text": "2个", "calc": "甲项目、乙项目：共2个", "items": ["甲项目", "乙项目"]}
    assert untraced_numbers("共2个项目：甲项目、乙项目。", [], [count]) == []
    assert untraced_numbers("共2个项目：甲项目。", [], [count]) == ["2"]
    assert untraced_numbers("共3个项目：甲项目、乙项目。", [], [{**count, "value": 3}]) == ["3"]


# the note a sum finding puts after a stated total --------------------------------------------
def test_a_sum_findings_message_is_counted_and_added_up_from_its_parts() -> None:
    parts = [Source("得分", f"指标{n}", f"{v}分", f"指标{n}；分值：10；得分：{v}", 100 * n, 100 * n + 20)
             for n, v in enumerate(("9", "8.5", "10", "7", "9", "8"), 1)]
    total = Source("自评得分", "", "52.5分", "自评得分52.5分。", 900, 910)
    finding = Finding("r", "sum", "自评得分写作 52.5分，但评分表6项指标得分之和为 51.5分", (*parts, total))
    cited: list = []
    derived: list = []
    text, _ = inconsistency_notes("自评得分为52.5分。", ["r"], [finding], cited, derived)
    assert "6项" in text and "51.5分" in text
    assert [d["text"] for d in derived] == ["6项", "51.5分"]
    quotes = ["自评得分52.5分。", *(s.quote for _, s in cited)]
    assert untraced_numbers(text, quotes, derived) == []


# the contract over every skill ----------------------------------------------------------------
QINGLING = """青岭区水务局2024年度部门整体支出绩效自评报告

一、部门概况
青岭区水务局负责全区供水排水、河道管护和节水管理工作，内设股室4个。
全年新增节水器具安装2,860户，年度目标3,000户，余下部分因旧楼改造顺延。

二、部门整体支出情况
2024年年初预算数为8,200,000.00元，年中追加后全年预算数为9,350,000.00元，全年支出8,976,000.00元，预算执行率96.80%。
上年（2023年）支出为8,160,000.00元。
按经济性质划分：基本支出3,120,000.00元，项目支出5,856,000.00元。
表1 2024年度预算执行分资金来源情况（单位：元）
资金来源\t全年预算数\t实际支出数\t执行率
一般公共预算财政拨款\t7,150,000.00\t6,912,500.00\t96.68%
政府性基金预算财政拨款\t2,200,000.00\t2,063,500.00\t93.80%
合计\t9,350,000.00\t8,976,000.00\t96.80%
2024年“三公”经费支出126,480.00元。

三、重点项目情况
表2 2024年度重点项目执行情况（单位：万元）
项目名称\t全年预算\t实际支出\t执行率
城区排水管网清疏\t260.00\t251.30\t96.65%
河道保洁外包服务\t180.00\t172.80\t96.00%
96110节水热线运维\t42.00\t38.50\t91.67%
合计\t482.00\t462.60\t95.98%

四、自评结论
按自评指标体系打分，结果见表3。
表3 2024年度整体支出绩效自评得分表
一级指标\t二级指标\t三级指标\t分值\t得分
决策\t目标设定\t绩效目标合理性\t20\t19
过程\t资金管理\t预算执行率\t40\t37.5
产出\t数量指标\t管网清疏完成率\t30\t27
效益\t满意度指标\t群众满意度\t10\t9
2024年度部门整体支出绩效自评得分93.5分，等级为“优”。
"""
BAISHI = """白石镇人民政府2024年度部门整体支出绩效自评报告

一、部门整体支出情况
2024年全年预算数为1,860.40万元，全年支出1,772.15万元，预算执行率95.26%。
2024年“三公”经费支出9.36万元。
二、自评结论
2024年度部门整体支出绩效自评得分91分，等级为“优”。
"""
# (question, the skill that answers it): each computes or converts a figure, or points to a table
QUESTIONS = (
    ("青岭区水务局2024年政府性基金执行了多少？", "figures"),  # 元 -> 万元, 见表1
    ("青岭区水务局2024年的预算数是多少？", "figures"),  # 年中调整: a difference
    ("青岭区水务局2024年96110节水热线运维执行了多少？", "figures"),  # a number in a name
    ("青岭区水务局和白石镇政府2024年三公经费谁多？", "figures"),  # a gap of a converted amount
    ("青岭区水务局和白石镇政府2024年自评得分谁高？", "figures"),  # a gap, a recomputed sum
    ("青岭区水务局和白石镇政府2024年三公经费一共多少？", "sum"),  # a sum over a conversion
    ("青岭区水务局2024年5个重点项目支出加起来和合计行对得上吗？", "project_rows"),  # a count, a sum, the 合计 row
    ("青岭区水务局2024年自评表各项指标得分加起来和自评得分对得上吗？", "reconcile"),
    ("青岭区水务局2024年的执行率按支出除以预算计算对得上吗？", "rate_check"),  # percentage points
    ("青岭区水务局2024年全年预算比年初预算多多少？", "difference"),
    ("青岭区水务局2024年支出比上年增长了多少？", "growth"),  # a growth rate
    ("青岭区水务局2024年哪个项目支出最多？", "project_ranking"),  # a count
    ("青岭区水务局2024年还有多少预算没有执行？", "remaining"),
    ("青岭区水务局2024年项目支出占支出的比重是多少？", "share"),
    ("青岭区水务局2024年节水器具安装的目标完成了吗？", "target"),  # a shortfall
    ("青岭区水务局2024年管网清疏完成率这项指标得了几分？", "figures"),  # 见表3
)


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        return library.ingested(tmp_path_factory.mktemp("traced"), monkeypatch,
                                {"qingling.txt": QINGLING, "baishi.txt": BAISHI})


@pytest.fixture(scope="module")
def cases(own):
    chain = own.qa.chain
    return [(chain.context(), resolve(q, chain.catalog()), skill) for q, skill in QUESTIONS]


@pytest.mark.parametrize("skill", SKILLS, ids=lambda s: s.name)
def test_every_number_a_skill_shows_is_quoted_or_derived_from_quotes(skill, cases) -> None:
    for ctx, q, _ in cases:
        answer = skill.answer(q, ctx)
        if answer is None or answer.abstained:
            continue
        quotes = [c.quote for c in answer.citations]
        assert untraced_numbers(answer.text, quotes, answer.derived) == [], (skill.name, answer.text)


def test_each_question_is_answered_by_the_skill_that_computes_it(own) -> None:
    for question, skill in QUESTIONS:
        answer = own.ask(question)
        assert answer.skill == skill and not answer.abstained, (question, answer.text)


def test_every_answer_passes_the_eval_citation_support(own) -> None:
    """The whole chain (consistency notes included), rated as `jixiao eval` rates it."""
    for question, _ in QUESTIONS:
        result = own.ask(question).to_result()
        scored = score_item({"id": "x", "kind": "figure", "answer": ""}, result)
        assert scored["citation_support"], (question, result["answer"])


def test_the_contract_fails_on_a_computed_figure_left_untraced(cases) -> None:
    """Without its derivations an answer that computes shows numbers nobody can check."""
    ctx, q, _ = next(c for c in cases if c[2] == "growth")
    answer = next(s for s in SKILLS if s.name == "growth").answer(q, ctx)
    assert untraced_numbers(answer.text, [c.quote for c in answer.citations], []) != []


def test_a_totals_items_are_added_up_by_the_same_arithmetic() -> None:
    """The breakdown of a total ("重点任务项目支出有哪些") adds its items with `arithmetic`."""
    from types import SimpleNamespace

    from assistant.answer.breakdown import summed

    items = [SimpleNamespace(value=Decimal("498"), subject="甲"), SimpleNamespace(value=Decimal("164.79"), subject="乙")]
    with ar.recording() as ledger:
        derived = summed(items, "万元")
    assert derived == {"value": 662.79, "text": "662.79万元", "calc": "498万元 + 164.79万元 = 662.79万元"}
    assert len(ledger) == 1
    assert untraced_numbers("合计662.79万元", ["甲498万元", "乙164.79万元"], [derived]) == []


def test_a_shortened_list_says_how_many_items_there_are_and_cites_them_all() -> None:
    from types import SimpleNamespace

    from assistant.answer.skills.summary import MAX_ITEMS, _items
    from assistant.index.records import ItemRecord

    texts = [f"（{n}）台账登记第{n}处不够及时" for n in range(1, MAX_ITEMS + 3)]
    items = [ItemRecord("r", "problem", n, t[3:], t, t, 40 * n, 40 * n + len(t), "三、存在的问题")
             for n, t in enumerate(texts, 1)]
    cites: list = []
    with ar.recording() as ledger:
        lines = _items("存在的问题", items, SimpleNamespace(id="r", file="r.txt"), cites)
    derived = [r.derived() for r in ledger]
    assert [d["text"] for d in derived] == [f"{MAX_ITEMS + 2}项", f"{MAX_ITEMS}项"]
    assert untraced_numbers("\n".join(lines), [c.quote for c in cites], derived) == []
    assert untraced_numbers("\n".join(lines), [c.quote for c in cites[:MAX_ITEMS]], derived) != []


def test_a_conversion_the_text_route_shows_is_recorded_too() -> None:
    from assistant.answer.evidence.text_compare import shown

    with ar.recording() as ledger:
        text = shown("8,460.00元", Decimal("8460.00"), "元", money=True)
    assert text == "8,460.00元（折合约0.85万元）"
    derived = [r.derived() for r in ledger]
    assert derived == [{"value": 0.85, "text": "0.85万元", "calc": "8,460.00元 = 0.85万元"}]
    assert untraced_numbers(text, ["公务接待费8,460.00元"], derived) == []
    assert untraced_numbers(text, ["公务接待费8,460.00元"], []) == ["0.85"]
