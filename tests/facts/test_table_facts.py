"""Facts from rebuilt tables: cell values with their row's subject and their column's metric."""

from __future__ import annotations

from pathlib import Path

from assistant.index.pipeline import prepare
from tests.ingest.test_flat_tables import ONE_CELL_PER_LINE, PIPE_ROWS, RUN_ON


def _facts(text: str) -> list:
    return prepare(Path("report.txt"), text).facts


def _rows(facts) -> set[tuple]:
    return {(f.metric, f.scope, f.subject, f.value, f.unit) for f in facts}


def test_project_form_cells_belong_to_the_project_and_its_sources() -> None:
    text = "某县交通运输局2024年度项目支出绩效自评报告\n" + ONE_CELL_PER_LINE
    facts = _facts(text)
    rows = _rows(facts)
    assert {
        ("年初预算数", "project", "乡村道路养护", 120.5, "万元"),
        ("预算数", "project", "乡村道路养护", 130.0, "万元"),
        ("支出", "project", "乡村道路养护", 117.0, "万元"),
        ("执行率", "project", "乡村道路养护", 90.0, "%"),
        ("得分", "indicator", "预算执行情况", 9.0, "分"),
        ("支出", "source", "财政资金", 112.0, "万元"),
        ("执行率", "source", "单位资金", 100.0, "%"),
        ("分值", "indicator", "预算执行情况", 10.0, "分"),
        ("目标值", "indicator", "养护里程", 85.0, "公里"),
        ("实际值", "indicator", "群众满意度", 93.0, "%"),
        ("分值", "indicator", "群众满意度", 20.0, "分"),
        ("得分", "indicator", "群众满意度", 18.0, "分"),
    } <= rows
    # the budget row's weight and score are the budget execution's, filed under the project,
    # never the project's own score
    assert not [f for f in facts if f.scope == "project" and f.metric in ("分值", "得分")]
    assert {f.section for f in facts if f.subject == "预算执行情况"} == {"乡村道路养护"}
    # nothing from the form is the department's, and no figure comes from the 原因 text
    assert not [f for f in facts if f.scope == "department"]
    assert not [f for f in facts if f.value == 100.0 and f.metric == "执行率" and f.scope != "source"]
    for f in facts:
        assert text[f.num_start:f.num_end] == f.raw and f.raw in f.quote
        assert text[f.start:f.end] == f.quote


def test_funding_source_table_total_is_the_department() -> None:
    facts = _facts("某市档案馆2023年部门整体支出绩效自评报告\n单位：万元\n" + PIPE_ROWS)
    rows = _rows(facts)
    assert ("预算数", "department", "", 2150.0, "万元") in rows
    assert ("支出", "department", "", 2064.0, "万元") in rows
    assert ("年初预算数", "department", "", 2000.0, "万元") in rows
    assert ("支出", "source", "一般公共预算财政拨款", 1824.0, "万元") in rows
    assert ("预算数", "source", "上年结转", 250.0, "万元") in rows
    dept = [f for f in facts if f.scope == "department" and f.metric == "执行率"]
    assert [f.value for f in dept] == [96.0]


def test_amounts_in_yuan_from_the_caption() -> None:
    text = "\n".join(["单位：元", "资金来源 | 全年预算数 | 全年执行数 | 执行率 |",
                      "合计 | 1,250,000.00 | 1,187,500.00 | 95.00% |",
                      "财政拨款 | 1,000,000.00 | 950,000.00 | 95.00% |"])
    rows = _rows(_facts("某镇人民政府2024年度部门整体支出绩效自评报告\n" + text))
    assert ("预算数", "department", "", 125.0, "万元") in rows
    assert ("支出", "source", "财政拨款", 95.0, "万元") in rows


def test_run_on_score_table_gives_weights_per_level_and_scores() -> None:
    text = "某区科学技术局2023年度部门整体支出绩效评价自评报告\n" + RUN_ON
    facts = _facts(text)
    rows = _rows(facts)
    assert {
        ("分值", "indicator", "决策", 20.0, "分"),
        ("分值", "indicator", "目标设定", 8.0, "分"),
        ("分值", "indicator", "绩效目标合理性", 4.0, "分"),
        ("得分", "indicator", "绩效目标合理性", 3.0, "分"),
        ("分值", "indicator", "资金到位率", 5.0, "分"),
        ("得分", "indicator", "预算执行率", 9.0, "分"),
    } <= rows
    # the criteria's 100% is neither a weight nor the department's rate
    assert not [f for f in facts if f.scope == "department"]
    assert not [f for f in facts if f.value in (5100.0, 100.0)]


def test_department_row_class_rows_and_total_score_of_a_markdown_form() -> None:
    text = "\n".join([
        "某县人民医院2023年度部门整体支出绩效自评报告",
        "| 年度预算执行情况(万元) | 预算数 | 执行数 | 执行率 | 分值 | 得分 | |",
        "| 部门整体支出 | 1,200.00 | 1,140.00 | 95.00% | 10 | 9.5 | |",
        "| 其中：基本支出 | 900.00 | 880.00 | 97.78% | / | / | |",
        "| 项目支出 | 300.00 | 260.00 | 86.67% | / | / | |",
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 分值 | 得分 |",
        "| 产出指标 | 数量指标 | 门诊人次 | ≥5000 | 5200 | 40 | 40 |",
        "| 满意度指标 | 服务对象满意度 | 患者满意度 | ≥90% | 92% | 50 | 48 |",
        "| 总分 | 100 | 97.5 | ||||",
    ])
    rows = _rows(_facts(text))
    assert {
        ("预算数", "department", "", 1200.0, "万元"),
        ("支出", "department", "", 1140.0, "万元"),
        ("执行率", "department", "", 95.0, "%"),
        ("基本支出", "department", "", 880.0, "万元"),
        ("基本支出执行率", "department", "", 97.78, "%"),
        ("项目支出", "department", "", 260.0, "万元"),
        ("预算数", "class", "项目支出", 300.0, "万元"),
        ("目标值", "indicator", "患者满意度", 90.0, "%"),
        ("自评得分", "department", "", 97.5, "分"),
        ("分值", "indicator", "预算执行情况", 10.0, "分"),
        ("得分", "indicator", "预算执行情况", 9.5, "分"),
    } <= rows
    assert not [r for r in rows if r[0] == "分值" and r[3] == 100.0]
