"""Scoring rules of assistant.eval.score, on hand-made items and results."""

from __future__ import annotations

import pytest

from assistant.eval.score import (
    abstained_by_text,
    clause_found,
    content_score,
    format_table,
    numbers_in,
    run_eval,
    score_item,
    summarise,
)


def values(text: str) -> list[tuple[float, str]]:
    return [(n.value, n.unit) for n in numbers_in(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年支出 4,144.86 万元", [(4144.86, "万元")]),
        ("全年支出4144.86万元", [(4144.86, "万元")]),
        ("共 41,448,600 元", [(41448600.0, "元")]),
        ("３２，６０１．５３万元", [(32.0, ""), (601.53, "万元")]),  # the Chinese comma is not a separator
        ("完成率为 98.05%，得分97.8分", [(98.05, "%"), (97.8, "分")]),
        ("完成率为９８．０５％", [(98.05, "%")]),
        ("2022年支出898.79万元[1]", [(898.79, "万元")]),
        ("项目支出898.79万元【2】【3】", [(898.79, "万元")]),
        ("2023 年度本部门收入总额 2180.24 万元", [(2180.24, "万元")]),
        ("截至2022年12月31日，在职50人", [(50.0, "人")]),
        ("2021-2023年共3项", [(3.0, "项")]),
        ("（1）收文处理率达95%；2.设置9个科室", [(95.0, "%"), (9.0, "个")]),
        ("1.5万元", [(1.5, "万元")]),
        ("于 2022年 5月\n\n30 日约谈\n— 4 —\n", []),
        ("3年内", [(3.0, "年")]),
        ("文件 000_fc6c4b.txt", []),
        ("资料中未提及。", []),
    ],
)
def test_numbers_in(text: str, expected: list[tuple[float, str]]) -> None:
    assert values(text) == expected


def test_numbers_in_keeps_years_when_asked() -> None:
    assert [n.value for n in numbers_in("2023 年 [1]", figures_only=False)] == [2023.0, 1.0]


def item(kind: str = "figure", answer: str = "4,144.86万元", quotes=("全年支出 4,144.86 万元，",)):
    return {"id": "t-1", "question": "?", "kind": kind, "answer": answer,
            "sources": [{"file": "a.txt", "quote": q} for q in quotes]}


def result(answer: str, quotes=("全年支出 4,144.86 万元，",), abstained=None, **extra):
    out = {"id": "t-1", "answer": answer, "route": "facts",
           "citations": [{"file": "a.txt", "section": "", "quote": q} for q in quotes],
           "retrieved": list(quotes), "seconds": 1.5, **extra}
    if abstained is not None:
        out["abstained"] = abstained
    return out


@pytest.mark.parametrize(
    ("answer", "correct"),
    [
        ("全年支出4144.86万元[1]。", True),
        ("全年支出 4,144.86 万元", True),
        ("全年支出41,448,600元", True),  # converted and shown in 元
        ("全年支出4144.86元", False),  # the same digits in the wrong unit
        ("全年支出0.414486亿元", True),
        ("全年支出4144.86", True),  # a bare number states the value
        ("全年支出4144.9万元", False),  # rounded: not the report's figure
        ("全年支出 4,227.15 万元", False),
        ("2022年全年有支出。", False),
    ],
)
def test_figure_correctness(answer: str, correct: bool) -> None:
    assert score_item(item(), result(answer, abstained=False))["correct"] is correct


def test_every_gold_number_is_needed() -> None:
    gold = item("comparison", "荔湾区政府办125.38万元，番禺区委办280.03万元，番禺区委办更多。")
    half = score_item(gold, result("番禺区委办280.03万元更多", abstained=False))
    assert not half["correct"] and half["missing"] == ["125.38万元"]
    both = score_item(gold, result("荔湾125.38万元；番禺280.03万元。", abstained=False))
    assert both["correct"]


def test_approximate_gold_accepts_a_rounding_answer() -> None:
    gold = item("aggregate", "约12.84%")
    assert score_item(gold, result("约为12.844%", abstained=False))["correct"]
    assert not score_item(gold, result("约为12.9%", abstained=False))["correct"]


def test_answerable_item_that_abstains_is_wrong() -> None:
    scored = score_item(item(), result("资料中未提及。"))
    assert scored["abstained"] and scored["wrong_abstain"] and not scored["correct"]


@pytest.mark.parametrize(
    ("answer", "correct"),
    [
        ("资料中未提及白云区政府办2023年的基本支出。", True),
        ("报告没有给出2023年的该项数据。", True),  # a year is not a figure
        ("资料中未提及，估计约为100万元。", False),
        ("基本支出为1000万元。", False),
    ],
)
def test_unanswerable(answer: str, correct: bool) -> None:
    gold = {"id": "u", "kind": "unanswerable", "answer": "unanswerable", "sources": []}
    scored = score_item(gold, result(answer, quotes=()))
    assert scored["correct"] is correct
    assert scored["hit_at_5"] is None and not scored["wrong_abstain"]


def test_abstained_by_text() -> None:
    assert abstained_by_text("资料中没有相关信息。")
    assert abstained_by_text("报告未披露该指标")
    assert not abstained_by_text("项目支出898.79万元。")
    assert not abstained_by_text("荔湾区125.38万元；白云区未披露项目支出总额。")


def test_citation_support() -> None:
    assert score_item(item(), result("支出4144.86万元"))["citation_support"]
    assert not score_item(item(), result("支出4144.86万元，余额5万元"))["citation_support"]
    assert score_item(item(), result("有支出。"))["citation_support"]  # nothing to support
    assert score_item(item(), result("4,144.86万元", quotes=("全年支出", "4,144.86 万",)))[
        "citation_support"]


def test_citation_support_of_a_derived_number() -> None:
    quotes = ("预算数 3181.27 万元，", "执行数 3168.61 万元")
    derived = [{"value": 12.66, "text": "12.66万元", "calc": "3181.27 - 3168.61 = 12.66（万元）"}]
    ok = result("预算数比执行数多12.66万元。", quotes=quotes, derived=derived)
    assert score_item(item("aggregate", "12.66万元"), ok)["citation_support"]
    bad = [{"value": 12.66, "text": "12.66万元", "calc": "3181.27 - 3168.00 = 12.66"}]
    unsupported = result("多12.66万元。", quotes=quotes, derived=bad)
    assert not score_item(item("aggregate", "12.66万元"), unsupported)["citation_support"]
    assert not score_item(item("aggregate", "12.66万元"), result("多12.66万元。", quotes=quotes))[
        "citation_support"]


def test_hit_at_5_ignores_whitespace_and_rank_beyond_5() -> None:
    gold = item(quotes=("支出 3246.07 万元，项目支出\n898.79 万元。",))
    chunk = "按支出分类：基本支出3246.07万元，项目支出 898.79万元。其余略"
    assert score_item(gold, result("x", quotes=(chunk,)))["hit_at_5"] is True
    far = result("x", quotes=())
    far["retrieved"] = ["无关"] * 5 + [chunk]
    assert score_item(gold, far)["hit_at_5"] is False


def test_list_answers_score_by_clauses() -> None:
    gold = "一是个别项目预算执行未达时序进度；二是年初预算编制仍需进一步细化。"
    assert content_score(gold, "主要问题：个别项目的预算执行没有达到时序进度；年初预算编制需要细化。") == 1.0
    assert content_score(gold, "个别项目预算执行未达时序进度。") == 0.5
    assert not score_item(item("list", gold), result("个别项目预算执行未达时序进度。"))["correct"]
    assert clause_found("加强培训", "我们要加强业务培训")
    assert not clause_found("加强培训", "加强" + "无关内容" * 20 + "培训")


def test_summarise_and_table() -> None:
    scored = [
        score_item(item(), result("4144.86万元", abstained=False)),
        score_item(item(), result("4000万元", abstained=False, route="retrieval", seconds=3.5)),
        score_item({"id": "u", "kind": "unanswerable", "answer": "unanswerable"},
                   result("资料中未提及。", quotes=(), seconds=0.5)),
    ]
    s = summarise(scored)
    assert s["n"] == 3
    assert s["accuracy/figure"] == 0.5 and s["figures"] == 0.5
    assert s["abstention"] == 1.0 and s["wrong_abstention"] == 0.0
    assert s["citation_support"] == 0.5 and s["counts"]["citation_support"] == [1, 2]
    assert s["hit_at_5"] == 1.0
    assert s["latency_p50"] == 1.5 and s["latency_p95"] == pytest.approx(3.3)
    assert s["latency_p50/retrieval"] == 3.5 and s["latency_p50/facts"] == 1.0
    table = format_table({"a": s, "b": summarise(scored[:1])})
    assert table.splitlines()[0] == "| metric | a | b |"
    assert "| 50.0% (1/2) | 100.0% (1/1) |" in table


def test_run_eval_survives_a_failing_system() -> None:
    items = [item(), {"id": "u", "kind": "unanswerable", "answer": "unanswerable"}]

    def broken(_: dict) -> dict:
        raise RuntimeError("boom")

    out = run_eval(items, {"ok": lambda it: result("4144.86万元", abstained=False),
                           "broken": broken})
    assert out["systems"]["ok"]["accuracy/figure"] == 1.0
    assert out["items"]["broken"][0]["error"] == "RuntimeError: boom"
    assert out["systems"]["broken"]["figures"] == 0.0


def test_a_one_character_text_answer_is_scored() -> None:
    from assistant.eval.score import content_score

    assert content_score("优", "保山市卫健委2022年绩效评级为优。") == 1.0
    assert content_score("优", "绩效评级为良。") == 0.0


def test_inconsistency_notes_are_counted_on_answers_only() -> None:
    item = {"kind": "figure", "answer": "100万元"}
    noted = score_item(item, {"answer": "预算数100万元（⚠ 报告中该数字与执行数不一致）"})
    plain = score_item(item, {"answer": "预算数100万元"})
    refused = score_item({"kind": "unanswerable", "answer": "unanswerable"},
                         {"answer": "报告中未找到，与…不一致", "abstained": True})
    quoted = score_item(item, {"answer": "预算数100万元。原文：“部分科室业务习惯不一致”"})
    summary = summarise([noted, plain, refused, quoted])
    assert summary["counts"]["inconsistency_notes"] == [1, 3]


def test_an_answer_about_one_department_citing_another_report_is_counted() -> None:
    item = {"kind": "text", "answer": "设备到货延后", "department": "甲县档案馆",
            "sources": [{"file": "a.txt", "quote": "设备到货延后"}]}
    own = score_item(item, {"answer": "设备到货延后。", "citations": [{"file": "a.txt"}]})
    other = score_item(item, {"answer": "设备到货延后。",
                              "citations": [{"file": "a.txt"}, {"file": "b.txt"}]})
    across = score_item({**item, "department": ["甲县档案馆", "乙县档案馆"]},
                        {"answer": "x", "citations": [{"file": "b.txt"}]})
    assert (own["other_report"], other["other_report"], across["other_report"]) == (False, True, None)
    assert summarise([own, other, across])["counts"]["other_report_cited"] == [1, 2]


def test_a_derivation_may_build_on_another_that_ends_in_quotes() -> None:
    """A gap computed from a computed sum: the reader redoes one calculation after the other."""
    quotes = ("人员经费 40.50 万元", "公用经费 9.25 万元", "基本支出合计 50.00 万元")
    summed = {"value": 49.75, "text": "49.75万元", "calc": "40.50万元 + 9.25万元 = 49.75万元"}
    gap = {"value": -0.25, "text": "-0.25万元", "calc": "合计49.75万元 − 基本支出50.00万元 = -0.25万元"}
    text = "合计49.75万元，比所写的50.00万元少0.25万元。"
    assert score_item(item("aggregate", "0.25万元"), result(text, quotes=quotes, derived=[gap, summed]))[
        "citation_support"]
    gap_only = "比所写的50.00万元少0.25万元。"  # the sum is not shown, only built on
    assert score_item(item("aggregate", "0.25万元"), result(gap_only, quotes=quotes, derived=[gap, summed]))[
        "citation_support"]
    assert not score_item(item("aggregate", "0.25万元"), result(gap_only, quotes=quotes, derived=[gap]))[
        "citation_support"]  # the sum it builds on is nowhere: the chain does not end in quotes
    loop = {"value": 49.75, "text": "49.75万元", "calc": "0.25万元 + 49.50万元 = 49.75万元"}
    assert not score_item(item("aggregate", "0.25万元"), result(gap_only, quotes=quotes, derived=[gap, loop]))[
        "citation_support"]  # two derivations resting on each other support nothing


def test_a_conversion_gives_the_figure_right_of_its_equals_sign() -> None:
    quotes = ("三公经费支出 368,412.50 元",)
    conversion = {"value": 36.84, "text": "36.84万元", "calc": "368,412.50元 = 36.84万元"}
    assert score_item(item("figure", "36.84万元"), result("368,412.50元（折合约36.84万元）", quotes=quotes,
                                                          derived=[conversion]))["citation_support"]
    product = {"value": 1.2, "text": "1.2万元", "calc": "12人 × 1000元 = 12000元"}
    both = result("12000元，即1.2万元", quotes=("编制12人", "标准每人1000元"), derived=[product])
    assert score_item(item("figure", "1.2万元"), both)["citation_support"]


def test_a_count_is_supported_by_the_named_items_it_counts() -> None:
    quotes = ("项目名称：河道清淤；支出：10.00", "项目名称：堤防加固；支出：20.00")
    count = {"value": 2, "text": "2个", "calc": "河道清淤、堤防加固：共2个", "items": ["河道清淤", "堤防加固"]}
    text = "报告列出的2个项目：河道清淤10.00万元，堤防加固20.00万元。"
    assert score_item(item("aggregate", "2个"), result(text, quotes=quotes, derived=[count]))["citation_support"]
    wrong = {**count, "value": 3, "text": "3个"}
    assert not score_item(item("aggregate", "3个"), result(text.replace("2个", "3个"), quotes=quotes,
                                                           derived=[wrong]))["citation_support"]
    unseen = {**count, "items": ["河道清淤", "水闸维修"]}
    assert not score_item(item("aggregate", "2个"), result(text, quotes=quotes, derived=[unseen]))[
        "citation_support"]  # an item neither quoted nor shown


def test_a_table_reference_is_checked_against_the_cited_caption() -> None:
    """"见表1" is a number the reader checks: the caption line must be cited."""
    row = ("资金来源：上级补助；预算数（万元）：12.00",)
    text = "上级补助预算数为12.00万元，见表1。"
    assert not score_item(item("figure", "12.00万元"), result(text, quotes=row))["citation_support"]
    captioned = (*row, "表1 2024年度预算执行情况表（单位：万元）")
    assert score_item(item("figure", "12.00万元"), result(text, quotes=captioned))["citation_support"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("年初预算2 305.40万元", [(2305.4, "万元")]),
        ("合计12 860 300元", [(12860300.0, "元")]),
        ("0.00 204.60 182.43", [(0.0, ""), (204.6, ""), (182.43, "")]),
        ("2024 年 5 项", [(5.0, "项")]),
    ],
)
def test_numbers_in_joins_blank_grouped_thousands(text: str, expected: list) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("gold", "answer"),
    [("2 305.40万元", "年初预算2305.40万元"), ("2,305.40万元", "年初预算为2 305.40万元"),
     ("2305.40万元", "年初预算2 305.40万元")],
)
def test_blank_grouped_figures_match_both_ways(gold: str, answer: str) -> None:
    assert score_item(item(answer=gold), result(answer, quotes=(answer,)))["correct"]
