"""A figure answer shows, after the asked figure, what the report states with it: the same
figure of the year before (and its stated change), a rate's change in 个百分点, the 其中 rows
below a table row, a rate as the table writes it; never another subject's prior figure."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.skills.figures import Figures
from assistant.answer.understand.types import Query
from tests.answer import stub_facts as stub

LIB = stub.report("c", "某市图书馆", 2024)


def _q(metrics=("支出",), subjects=()) -> Query:
    return Query(text="图书馆花了多少", report_ids=(LIB.id,), departments=(LIB.department,),
                 metrics=metrics, subjects=subjects)


def _row(n: int, metric: str, value: str, label: str, *, start: int, end: int, period: str = "",
         scope: str = "item", subject: str = "", unit: str = "万元", raw: str = ""):
    f = stub.fact(n, LIB, metric, value, unit, period=period, scope=scope, subject=subject)
    return replace(f, quote=f"项目：{label}；本年数：…", start=start, end=end, raw=raw or value)


def test_the_same_figure_of_the_year_before_follows_the_asked_one() -> None:
    facts = [stub.fact(1, LIB, "三公经费", "21.37"),
             stub.fact(2, LIB, "上年三公经费", "24.90", period="上年"),
             stub.fact(3, LIB, "三公经费降幅", "14.18", "%"),
             stub.fact(4, LIB, "上年支出", "900", period="上年")]
    facts[2] = replace(facts[2], start=facts[1].start, quote="比上年的24.90万元下降14.18%")
    text = Figures().answer(_q(("三公经费",)), stub.context([LIB], facts)).text
    lines = text.splitlines()
    assert lines[0].startswith("某市图书馆2024年三公经费为21.37万元")
    assert "报告所列上年三公经费为24.90万元" in text
    assert "三公经费较上年下降14.18%" in text
    assert "900" not in text  # another metric's prior figure is not this one's


def test_a_named_years_figure_is_the_prior_one_of_the_next_years_report() -> None:
    facts = [stub.fact(1, LIB, "支出", "998.21"), stub.fact(2, LIB, "2023年支出", "951.37", period="2023年"),
             stub.fact(3, LIB, "2021年支出", "800", period="2021年")]
    text = Figures().answer(_q(), stub.context([LIB], facts)).text
    assert "报告所列2023年支出为951.37万元" in text
    assert "800" not in text  # two years back is not the year before


def test_another_subjects_prior_figure_is_never_shown() -> None:
    facts = [stub.fact(1, LIB, "支出", "46.5", scope="item", subject="“三公”经费"),
             stub.fact(2, LIB, "上年支出", "9.3", period="上年", scope="item", subject="公务接待费")]
    text = Figures().answer(_q(subjects=("三公经费",)), stub.context([LIB], facts)).text
    assert "46.5万元" in text and "9.3" not in text


def test_a_rates_change_against_the_year_before_is_in_percentage_points() -> None:
    facts = [stub.fact(1, LIB, "执行率", "95.23", "%"), stub.fact(2, LIB, "上年执行率", "96.51", "%", period="上年")]
    answer = Figures().answer(_q(("执行率",)), stub.context([LIB], facts))
    assert "较上年（96.51%）下降1.28个百分点" in answer.text
    assert any(d["text"] == "1.28个百分点" for d in answer.derived)


def test_a_rate_the_table_writes_as_a_fraction_is_shown_as_written() -> None:
    facts = [stub.fact(1, LIB, "执行率", "93.74", "%"), replace(stub.fact(2, LIB, "执行率", "93.74", "%"), raw="0.9374")]
    text = Figures().answer(_q(("执行率",)), stub.context([LIB], facts)).text
    assert "93.74%（表中写作0.9374）" in text
    plain = Figures().answer(_q(("执行率",)), stub.context([LIB], facts[:1])).text
    assert "写作" not in plain


def test_the_rows_below_a_table_row_that_open_with_qizhong_are_its_parts() -> None:
    facts = [_row(1, "支出", "46.5", "“三公”经费", start=100, end=120, subject="“三公”经费"),
             _row(2, "上年支出", "52.3", "“三公”经费", start=100, end=135, subject="“三公”经费", period="上年"),
             _row(3, "支出", "38.6", "其中：公务用车运行维护费", start=136, end=160, subject="公务用车运行维护费"),
             _row(4, "上年支出", "43.0", "其中：公务用车运行维护费", start=136, end=175,
                  subject="公务用车运行维护费", period="上年"),
             _row(5, "支出", "7.9", "其中：公务接待费", start=176, end=200, subject="公务接待费"),
             _row(6, "支出", "900", "项目支出", start=201, end=220, scope="department")]
    answer = Figures().answer(_q(subjects=("三公经费",)), stub.context([LIB], facts))
    lines = answer.text.splitlines()
    assert lines[0].startswith("某市图书馆2024年“三公”经费支出为46.5万元")  # the asked figure first, no ranking
    assert "“公务用车运行维护费”支出为38.6万元" in answer.text and "“公务接待费”支出为7.9万元" in answer.text
    assert "上年“三公”经费支出为52.3万元" in answer.text
    assert "43.0" not in answer.text and "900" not in answer.text


def test_two_rates_differ_by_percentage_points() -> None:
    from assistant.answer.skills.difference import Difference
    from assistant.answer.understand.types import Intent

    facts = [stub.fact(1, LIB, "执行率", "96.85", "%"), stub.fact(2, LIB, "2023年执行率", "95.12", "%", period="2023年")]
    q = Query(text="2024年执行率比2023年高多少", report_ids=(LIB.id,), departments=(LIB.department,),
              metrics=("执行率",), years=(2024, 2023), intent=Intent.DIFFERENCE)
    answer = Difference().answer(q, stub.context([LIB], facts))
    assert "高1.73个百分点" in answer.text and "多1.73%" not in answer.text


def test_a_class_rate_is_shown_with_the_amount_it_is_of() -> None:
    facts = [stub.fact(1, LIB, "项目支出执行率", "47.72", "%"), stub.fact(2, LIB, "项目支出", "171.94"),
             stub.fact(3, LIB, "基本支出", "596.71")]
    text = Figures().answer(_q(("项目支出执行率",)), stub.context([LIB], facts)).text
    assert text.splitlines()[0].startswith("某市图书馆2024年项目支出执行率为47.72%")
    assert "项目支出为171.94万元" in text and "596.71" not in text


def test_a_change_in_the_year_is_not_said_to_be_against_the_year_before() -> None:
    facts = [stub.fact(1, LIB, "预算数", "1183.55"), stub.fact(2, LIB, "上年预算数", "1000", period="上年"),
             replace(stub.fact(3, LIB, "预算数增加额", "137.35"), quote="年中调增137.35万元")]
    text = Figures().answer(_q(("预算数",)), stub.context([LIB], facts)).text
    assert "较上年增加" not in text
    facts[2] = replace(facts[2], quote="预算数较上年增加183.55万元")
    facts[2] = replace(facts[2], value=facts[2].value, text_value="183.55万元")
    text = Figures().answer(_q(("预算数",)), stub.context([LIB], facts)).text
    assert "预算数较上年增加183.55万元" in text


def test_the_year_before_is_found_by_either_of_its_names() -> None:
    from assistant.answer.lookup import Lookup

    facts = [stub.fact(1, LIB, "2023年自评得分", "92", "分", period="2023年"),
             stub.fact(2, LIB, "2023年支出", "7.31", period="2023年", scope="item", subject="“三公”经费"),
             stub.fact(3, LIB, "2022年执行率", "90", "%", period="2022年")]
    read = Lookup(stub.Store([LIB], facts))
    assert read.lookup(LIB, "上年自评得分").fact.id == 1
    assert read.lookup(LIB, "2023年三公经费").fact.id == 2
    assert read.lookup(LIB, "上年三公经费").fact.id == 2
    assert read.lookup(LIB, "2023年三公经费", "三公经费").fact.id == 2
    assert read.lookup(LIB, "上年执行率") is None  # 2022 is not the year before a 2024 report


def test_a_rates_growth_against_the_year_before_is_higher_or_lower_by_points() -> None:
    from assistant.answer.skills.growth import Growth
    from assistant.answer.understand.types import Intent

    facts = [stub.fact(1, LIB, "执行率", "97.42", "%"), stub.fact(2, LIB, "2023年执行率", "96.04", "%", period="2023年")]
    q = Query(text="执行率比上年高多少", report_ids=(LIB.id,), departments=(LIB.department,),
              metrics=("执行率",), intent=Intent.GROWTH)
    text = Growth().answer(q, stub.context([LIB], facts)).text
    assert "高1.38个百分点" in text and "多1.38" not in text


def test_the_unspent_amount_comes_with_the_rate_its_row_states() -> None:
    from assistant.answer.skills.remaining import Remaining
    from assistant.answer.understand.types import Intent

    row = [stub.fact(1, LIB, "预算数", "171.15", scope="source", subject="上级补助资金"),
           stub.fact(2, LIB, "支出", "148.43", scope="source", subject="上级补助资金"),
           stub.fact(3, LIB, "执行率", "86.72", "%", scope="source", subject="上级补助资金")]
    facts = [replace(f, start=100) for f in row]
    q = Query(text="上级补助资金还剩多少", report_ids=(LIB.id,), departments=(LIB.department,),
              metrics=("支出",), subjects=("上级补助资金",), intent=Intent.REMAINING)
    text = Remaining().answer(q, stub.context([LIB], facts)).text
    assert "尚未执行22.72万元" in text and "报告所写执行率为86.72%" in text
    apart = facts[:2] + [replace(row[2], start=300)]  # a rate stated elsewhere is not this row's
    assert "执行率" not in Remaining().answer(q, stub.context([LIB], apart)).text


def test_figures_shown_only_beside_the_asked_one_are_kept_from_notes() -> None:
    facts = [stub.fact(1, LIB, "三公经费", "21.37"), stub.fact(2, LIB, "上年三公经费", "24.90", period="上年")]
    answer = Figures().answer(_q(("三公经费",)), stub.context([LIB], facts))
    assert answer.unnoted == [(LIB.id, facts[1].start, facts[1].end, "上年三公经费")]


def test_the_chain_puts_no_note_after_a_figure_shown_beside() -> None:
    from types import SimpleNamespace

    from assistant.answer.chain import AnswerChain
    from assistant.answer.types import Answer, Citation

    finding = SimpleNamespace(report_id="c", kind="conflict", message="上年三公经费另有24.00万元",
                              sources=[SimpleNamespace(start=40, end=50, text_value="24.90万元", subject="",
                                                       quote="上年24.90万元", section="", metric="上年三公经费"),
                                       SimpleNamespace(start=90, end=99, text_value="24.00万元", subject="",
                                                       quote="上年24.00万元", section="", metric="上年三公经费")])
    chain = SimpleNamespace(_findings=lambda rid: [finding], _citations_of=lambda named, have: [],
                            _ocr_noted=lambda a: a)
    cites = [Citation("c", "c", "", "三公21.37万元", 20, 30), Citation("c", "c", "", "上年24.90万元", 40, 50)]
    answer = Answer("q", "三公经费为21.37万元。\n上年三公经费为24.90万元。", False, "facts", citations=cites)
    assert "⚠" in AnswerChain._noted(chain, replace(answer)).text
    quiet = replace(answer, unnoted=[("c", 40, 50, "上年三公经费")])
    assert "⚠" not in AnswerChain._noted(chain, quiet).text
    # the figure shown beside in the asked figure's own sentence: still no note after it
    cites = [Citation("c", "c", "", "三公21.37万元，上年24.90万元", 20, 60)]
    finding.sources[0].start, finding.sources[0].end = 20, 60
    one = replace(answer, citations=cites, unnoted=[("c", 20, 60, "上年三公经费")])
    assert "⚠" not in AnswerChain._noted(chain, one).text
    assert "⚠" in AnswerChain._noted(chain, replace(one, unnoted=[])).text
