"""Facts extraction: recall and zero wrong values on hand-made gold facts, plus other layouts."""

import json
from pathlib import Path

import pytest

from assistant.facts import extract_facts, extract_items
from assistant.facts.vocabulary import subject_key
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse
from tests.conftest import CORPUS, SAMPLES

GOLD = [json.loads(line) for line in (Path(__file__).parents[1] / "data" / "gold_facts.jsonl").open()]


def facts_of(text: str):
    norm = normalise(text)
    return extract_facts(norm, analyse(norm))


def _value(f) -> object:
    return f.value if f.value is not None else f.text_value


def _same_subject(a: str, b: str) -> bool:
    ka, kb = subject_key(a), subject_key(b)
    return ka == kb or (ka and kb and (ka in kb or kb in ka))


def _extracted() -> dict[str, list]:
    out = {}
    for path in SAMPLES:
        norm = normalise(path.read_text(encoding="utf-8"))
        out[path.name] = extract_facts(norm, analyse(norm))
    return out


def _matches(g: dict, f) -> bool:
    return (f.metric == g["metric"] and f.scope == g["scope"]
            and _same_subject(f.subject, g["subject"]))


def test_recall_of_headline_figures_is_at_least_95_percent() -> None:
    extracted = _extracted()
    missed = [g for g in GOLD
              if not any(_matches(g, f) and _value(f) == g["value"] for f in extracted[g["file"]])]
    recall = 1 - len(missed) / len(GOLD)
    assert recall >= 0.95, f"recall {recall:.1%}, missed: {missed}"


def test_no_extracted_figure_contradicts_the_gold() -> None:
    extracted = _extracted()
    wrong = []
    for file, facts in extracted.items():
        gold = [g for g in GOLD if g["file"] == file]
        for f in facts:
            same_item = [g for g in gold if _matches(g, f)]
            if same_item and _value(f) not in {g["value"] for g in same_item}:
                wrong.append((file, f.metric, f.subject, _value(f)))
    assert wrong == []


def test_every_fact_quotes_the_report_verbatim() -> None:
    for path in SAMPLES:
        original = path.read_text(encoding="utf-8")
        norm = normalise(original)
        for f in extract_facts(norm, analyse(norm)):
            assert original[f.start:f.end] == f.quote
            assert original[f.num_start:f.num_end] == f.raw
            assert f.start <= f.num_start < f.num_end <= f.end


def test_rate_budget_and_spending_in_one_sentence() -> None:
    facts = facts_of("全年预算数 3181.27万元，执行数 3168.61万元，完成预算\n的 99.6%。\n")
    got = {(f.metric, f.value) for f in facts}
    assert got == {("预算数", 3181.27), ("支出", 3168.61), ("执行率", 99.6)}


def test_amounts_in_yuan_are_converted_to_wan_yuan() -> None:
    [f] = facts_of("（一）收支情况\n本年度基本支出 12,345,600 元。\n")
    assert (f.metric, f.value, f.unit, f.raw) == ("基本支出", 1234.56, "万元", "12,345,600 元")


def test_project_paragraph_and_enumerated_projects() -> None:
    facts = facts_of(
        "机关饭堂工作：全年提供餐食465112人次，当年专项预算数为498万元，执行数为498万元，完成预算的100%。\n"
        "（三）重点任务项目支出完成情况\n"
        "2022 年我办重点任务项目经费支出 94.11 万元：一是城市运行指挥中心综合业务经费支出 33.98 万元。\n"
    )
    got = {(f.scope, f.subject, f.metric, f.value) for f in facts}
    assert ("project", "机关饭堂工作", "预算数", 498) in got
    assert ("project", "机关饭堂工作", "执行率", 100) in got
    assert ("department", "", "重点任务项目支出", 94.11) in got
    assert ("project", "城市运行指挥中心综合业务", "支出", 33.98) in got
    assert not any(f.value == 465112 for f in facts)  # 人次 is not a staff count


def test_indicator_paragraph_target_and_actual() -> None:
    facts = facts_of("（1）收文处理率：预期全年收文处理率达 95%，实际全年共办理公文 14884 份，年处理率 100%。\n")
    got = {(f.scope, f.subject, f.metric, f.value) for f in facts}
    assert got == {("indicator", "收文处理率", "目标值", 95), ("indicator", "收文处理率", "实际值", 100)}


def test_indicator_table_rows_from_docx_or_pipe_tables() -> None:
    text = ("（二）绩效指标完成情况\n"
            "一级指标：产出指标；三级指标：公文处理及时率；年度指标值：≥95%；实际完成值：98.5%；分值：10；得分：9.5\n"
            "一级指标：效益指标；三级指标：群众满意度；年度指标值：90%；实际完成值：92%；分值：10；得分：12\n")
    facts = facts_of(text)
    got = {(f.subject, f.metric, f.value) for f in facts}
    assert {("公文处理及时率", "目标值", 95), ("公文处理及时率", "实际值", 98.5),
            ("公文处理及时率", "分值", 10), ("公文处理及时率", "得分", 9.5)} <= got
    assert all(f.scope == "indicator" for f in facts)


def test_project_table_with_unit_in_the_header() -> None:
    text = "项目名称：信息化运维；预算数（万元）：120.5；执行数（万元）：110；执行率：91.29%\n"
    got = {(f.scope, f.subject, f.metric, f.value, f.unit) for f in facts_of(text)}
    assert got == {("project", "信息化运维", "预算数", 120.5, "万元"),
                   ("project", "信息化运维", "支出", 110, "万元"),
                   ("project", "信息化运维", "执行率", 91.29, "%")}


def test_grade_and_score() -> None:
    facts = facts_of("2023 年部门整体支出绩效评价评分为 97.8 分，绩效评级为“优”。\n")
    assert {(f.metric, _value(f)) for f in facts} == {("自评得分", 97.8), ("绩效评级", "优")}


def test_numbers_without_a_metric_are_not_facts() -> None:
    assert facts_of("全年共办理公文 14884 份，建立共有 200 人的外语翻译人才库，深入 10 个单位调研。\n") == []


@pytest.mark.parametrize("prefix, kind, titles", [
    ("002", "problem", ["个别项目预算执行未达时序进度", "年初预算编制仍需进一步细化"]),
    ("004", "problem", ["预算执行进度不均衡需继续改善", "内部管理还需进一步完善",
                        "干部队伍的预算绩效管理素质有待优化提升"]),
    ("001", "measure", None),
])
def test_problem_and_measure_items(prefix: str, kind: str, titles) -> None:
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    original = path.read_text(encoding="utf-8")
    norm = normalise(original)
    items = [i for i in extract_items(norm, analyse(norm)) if i.kind == kind]
    if titles:
        assert [i.title for i in items] == titles
    else:
        assert len(items) == 2
    for i in items:
        assert original[i.start:i.end] == i.quote


def test_initial_and_adjusted_budgets_are_different_metrics() -> None:
    facts = facts_of("年初预算数 1000 万元，调整后预算数 1200 万元，决算数 1150 万元，预算执行率 95.83%。\n")
    got = {(f.metric, f.value) for f in facts}
    assert got == {("年初预算数", 1000), ("预算数", 1200), ("支出", 1150), ("执行率", 95.83)}


def test_three_public_expenses_items() -> None:
    facts = facts_of("“三公”经费支出 12.5 万元，其中因公出国（境）费 0 万元，公务接待费 2.3 万元，"
                     "公务用车购置及运行费 10.2 万元。\n")
    assert {(f.metric, f.value) for f in facts} == {
        ("三公经费", 12.5), ("因公出国费", 0), ("公务接待费", 2.3), ("公务用车费", 10.2)}


def test_a_bare_rate_after_an_expenditure_class_is_that_class_rate() -> None:
    facts = facts_of("某局2024年度支出合计500.00元,执行率为80.00%,其中:基本支出300.00元,"
                     "执行率达100.00%,项目支出200.00元,执行率达60.00%。\n")
    got = {(f.metric, f.scope, f.text_value) for f in facts if "率" in f.metric}
    assert got == {("执行率", "department", "80.00%"),
                   ("基本支出执行率", "department", "100.00%"),
                   ("项目支出执行率", "department", "60.00%")}


def test_total_budget_amount_is_the_budget() -> None:
    [f] = facts_of("部门预算总金额 803.74 万元。\n")
    assert (f.metric, f.value, f.scope) == ("预算数", 803.74, "department")
