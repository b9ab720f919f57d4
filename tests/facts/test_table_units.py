"""A table's money unit comes from its own caption, a 单位 line above it or a column header, and
reaches every cell (千元 and 亿元 converted to 万元 like 元)."""

from __future__ import annotations

from pathlib import Path

from assistant.index.pipeline import prepare
from assistant.text.headers import caption_unit, line_unit


def _money(text: str, scope: str = "project") -> dict[tuple[str, str], float]:
    facts = prepare(Path("report.txt"), text).facts
    return {(f.subject, f.metric): f.value for f in facts if f.scope == scope and f.unit == "万元"}


def test_line_unit_reads_a_unit_line_or_a_bracketed_caption() -> None:
    assert line_unit("表3 各专项经费使用情况（单位：千元）") == "千元"
    assert line_unit("金额单位：亿元") == "亿元"
    assert line_unit("附表 重点工作经费明细（元）") == "元"
    assert line_unit("单位：元素分析") == ""
    assert line_unit("全年预算数（万元）较上年增加") == ""


def test_caption_unit_takes_the_nearest_caption_within_a_few_lines() -> None:
    assert caption_unit("表1 收入情况（单位：万元）\n说明文字\n表2 专项情况（单位：千元）\n") == "千元"
    far = "单位：元\n第一行\n第二行\n第三行\n第四行\n"
    assert caption_unit(far) == ""


TAB_TWO_TABLES = "\n".join([
    "某县林业局2023年度部门整体支出绩效自评报告",
    "一、资金情况",
    "表1 分来源执行情况（单位：万元）",
    "资金来源\t全年预算数\t实际支出数\t执行率",
    "一般公共预算财政拨款\t800.00\t760.00\t95.00%",
    "合计\t800.00\t760.00\t95.00%",
    "",
    "二、专项资金",
    "表2 专项资金执行情况（单位：千元）",
    "项目名称\t全年预算\t实际支出\t执行率",
    "森林防火专项\t2,400.0\t2,280.0\t95.00%",
    "苗木培育专项\t1,600.0\t1,520.0\t95.00%",
    "合计\t4,000.0\t3,800.0\t95.00%",
    "",
])


def test_each_tab_table_takes_its_own_caption_unit() -> None:
    money = _money(TAB_TWO_TABLES)
    assert money[("森林防火专项", "支出")] == 228.0  # 2,280.0千元, not 2,280.0万元
    assert money[("苗木培育专项", "预算数")] == 160.0
    dept = _money(TAB_TWO_TABLES, "department")
    assert dept[("", "支出")] == 760.0  # the first table keeps its 万元


def test_a_column_header_unit_wins_over_the_caption() -> None:
    text = "\n".join([
        "某区文化馆2023年度部门整体支出绩效自评报告",
        "单位：万元",
        "| 项目名称 | 全年预算（千元） | 实际支出（千元） | 执行率 |",
        "| 非遗展演 | 1,500.0 | 1,350.0 | 90.00% |",
        "| 馆藏修复 | 500.0 | 450.0 | 90.00% |",
        "",
    ])
    money = _money(text)
    assert money[("非遗展演", "支出")] == 135.0
    assert money[("馆藏修复", "预算数")] == 50.0


def test_a_hundred_million_caption_converts_to_wan() -> None:
    text = "\n".join([
        "某市交通局2023年度部门整体支出绩效自评报告",
        "表1 重大工程资金（单位：亿元）",
        "项目名称\t全年预算\t实际支出\t执行率",
        "环城快速路工程\t1.20\t1.08\t90.00%",
        "港区疏港公路\t0.80\t0.76\t95.00%",
        "",
    ])
    money = _money(text)
    assert money[("环城快速路工程", "支出")] == 10800.0


def test_prose_right_after_a_table_is_read_apart_from_the_table() -> None:
    text = "\n".join([
        "某县林业局2024年度部门整体支出绩效自评报告",
        "二、资金使用情况",
        "表2 专项资金执行情况（单位：万元）",
        "项目名称\t全年预算\t实际支出\t执行率\t资金性质",
        "森林防火专项\t240.00\t228.00\t95.00%\t一般公共预算",
        "苗木培育专项\t160.00\t152.00\t95.00%\t上年结转",
        "林区道路维护工程2023年实际支出86.50万元，今年新增了两条巡护道路。上年同口径实际支出"
        "350.00万元。",
    ])
    facts = prepare(Path("report.txt"), text).facts
    prior = [(f.metric, f.scope, f.subject) for f in facts if f.value in (86.5, 350.0)]
    assert prior[0] == ("2023年支出", "project", "林区道路维护工程")
    assert prior[1][2] == ""  # no name run together from the table's header and rows


def test_a_verb_inside_a_project_name_stays_in_the_name() -> None:
    text = "某县民政局2024年度部门整体支出绩效自评报告\n一、收支情况\n困难群众基本生活保障经费全年支出310.00万元。\n"
    facts = prepare(Path("report.txt"), text).facts
    assert ("支出", "project", "困难群众基本生活保障经费") in {(f.metric, f.scope, f.subject) for f in facts}


def test_a_docx_table_under_a_bracketed_thousand_yuan_caption(tmp_path: Path) -> None:
    import docx

    from assistant.ingest.readers.load import load_report

    document = docx.Document()
    document.add_paragraph("某县水务局2024年度部门整体支出绩效自评报告")
    document.add_paragraph("表3 供水项目资金执行情况（千元）")
    table = document.add_table(rows=3, cols=4)
    for row, values in zip(table.rows, [("项目名称", "全年预算", "实际支出", "执行率"),
                                        ("城区管网改造", "5,000.0", "4,600.0", "92.00%"),
                                        ("水源地保护", "2,000.0", "1,900.0", "95.00%")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    path = tmp_path / "report.docx"
    document.save(path)
    facts = prepare(path, load_report(path).text).facts
    money = {(f.subject, f.metric): f.value for f in facts if f.unit == "万元"}
    assert money[("城区管网改造", "支出")] == 460.0
    assert money[("水源地保护", "预算数")] == 200.0


def test_one_cell_per_line_table_under_a_unit_line() -> None:
    text = "\n".join([
        "某镇人民政府2024年度部门整体支出绩效自评报告",
        "二、资金情况",
        "金额单位：千元",
        "项目名称", "全年预算", "实际支出", "执行率",
        "道路养护", "3,000.0", "2,850.0", "95.00%",
        "河道保洁", "1,200.0", "1,140.0", "95.00%",
        "三、绩效目标完成情况",
        "全部完成。",
    ])
    money = _money(text)
    assert money[("道路养护", "支出")] == 285.0
    assert money[("河道保洁", "预算数")] == 120.0
