"""Tables that text has flattened are rebuilt: pipe rows, one cell per line, OCR run-on."""

from __future__ import annotations

from assistant.ingest.tables.find import find_tables
from assistant.ingest.tables.grid import Field, FormTitle, Section, Table
from assistant.ingest.tables.runon import find_runon_tables

# a 项目支出绩效自评表 written one cell per line, as a web page's table copied to text
ONE_CELL_PER_LINE = "\n".join([
    "项目支出绩效自评表(2024年度) |", "项目名称 |", "4402110077A000000031-乡村道路养护 |",
    "主管部门 |", "某县交通运输局 |", "预算执行情况(10分) |", "年度预算数(万元) |", "年初预算 |",
    "调整后预算数 |", "预算执行数 |", "预算执行率 |", "权重 |", "得分 |", "原因 |",
    "总额 |", "120.50 |", "130.00 |", "117.00 |", "90.00% |", "10 |", "9 |",
    "执行率=执行数/调整后预算数;未达到100%的说明原因 |",
    "其中:财政资金 |", "120.50 |", "125.00 |", "112.00 |", "89.60% |", "/ |", "/ |",
    "单位资金 |", "0.00 |", "5.00 |", "5.00 |", "100.00% |", "/ |", "/ |",
    "绩效指标(90分) |", "一级指标 |", "二级指标 |", "三级指标 |", "指标性质 |", "指标值 |",
    "度量单位 |", "完成值 |", "权重 |", "得分 |", "未完成原因分析 |",
    "产出指标 |", "数量指标 |", "养护里程 |", "≥ |", "85 |", "公里 |", "86 |", "40 |", "40 |",
    "|",
    "满意度指标 |", "服务对象满意度指标 |", "群众满意度 |", "≥ |", "90 |", "% |", "93 |", "20 |",
    "18 |", "|",
    "评价结论 |", "项目总体完成较好。 |",
])

PIPE_ROWS = "\n".join([
    "资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | ||",
    "合计 | 2,000.00 | 2,150.00 | 2,064.00 | 96.00% | ||||",
    "一般公共预算财政拨款 | 1,800.00 | 1,900.00 | 1,824.00 | 96.00% ||",
    "上年结转 | 200.00 | 250.00 | 240.00 | 96.00% | ||",
])


def _tables(found) -> list[Table]:
    return [e for e in found.events if isinstance(e, Table)]


def _rows(table: Table) -> list[list[tuple[str, str]]]:
    return [[(table.columns[i].label, c.text) for i, c in row] for row in table.rows]


def test_one_cell_per_line_form_is_rebuilt() -> None:
    found = find_tables(ONE_CELL_PER_LINE)
    kinds = [type(e).__name__ for e in found.events]
    assert kinds == ["FormTitle", "Field", "Field", "Section", "Table", "Section", "Table"]
    fields = {e.label: e.value.text for e in found.events if isinstance(e, Field)}
    assert fields == {"项目名称": "4402110077A000000031-乡村道路养护", "主管部门": "某县交通运输局"}
    sections = [(e.name, e.weight.text) for e in found.events if isinstance(e, Section)]
    assert sections == [("预算执行情况", "10"), ("绩效指标", "90")]
    budget, indicators = _tables(found)
    rows = _rows(budget)
    assert rows[0][:7] == [("年度预算数(万元)", "总额"), ("年初预算", "120.50"),
                           ("调整后预算数", "130.00"), ("预算执行数", "117.00"),
                           ("预算执行率", "90.00%"), ("权重", "10"), ("得分", "9")]
    # a row shorter than the header (its 原因 cell merged away) does not swallow the next label
    assert rows[1][0] == ("年度预算数(万元)", "其中:财政资金") and len(rows[1]) == 7
    assert rows[2][:2] == [("年度预算数(万元)", "单位资金"), ("年初预算", "0.00")]
    rows = _rows(indicators)
    assert rows[0] == [("一级指标", "产出指标"), ("二级指标", "数量指标"), ("三级指标", "养护里程"),
                       ("指标性质", "≥"), ("指标值", "85"), ("度量单位", "公里"), ("完成值", "86"),
                       ("权重", "40"), ("得分", "40")]
    assert rows[1][2:] == [("三级指标", "群众满意度"), ("指标性质", "≥"), ("指标值", "90"),
                           ("度量单位", "%"), ("完成值", "93"), ("权重", "20"), ("得分", "18")]


def test_cells_keep_their_offsets() -> None:
    found = find_tables(ONE_CELL_PER_LINE)
    for table in _tables(found):
        for row in table.rows:
            for _, cell in row:
                assert ONE_CELL_PER_LINE[cell.start:cell.end] == cell.text
    assert found.spans == [(0, len(ONE_CELL_PER_LINE))]


def test_pipe_rows_with_runs_of_empty_cells() -> None:
    (table,) = _tables(find_tables(PIPE_ROWS))
    assert [c.label for c in table.columns] == ["资金来源", "年初预算数", "全年预算数", "全年执行数",
                                                 "执行率"]
    assert _rows(table)[1] == [("资金来源", "一般公共预算财政拨款"), ("年初预算数", "1,800.00"),
                               ("全年预算数", "1,900.00"), ("全年执行数", "1,824.00"),
                               ("执行率", "96.00%")]
    assert len(table.rows) == 3


def test_section_label_leading_a_header_row_is_not_a_column() -> None:
    text = "\n".join([
        "绩效指标(80分) | 一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 分值 | 得分 | |",
        "产出指标 | 时效指标 | 按时完成率 | 100% | 100% | 30 | 30 | ||",
        "效益指标 | 社会效益指标 | 受益人数 | 500 | 520 | 50 | 48 ||",
    ])
    found = find_tables(text)
    assert isinstance(found.events[0], Section) and found.events[0].weight.text == "80"
    (table,) = _tables(found)
    assert [c.label for c in table.columns][0] == "一级指标"
    assert _rows(table)[1][-2:] == [("分值", "50"), ("得分", "48")]


def test_prose_with_a_stray_pipe_is_not_a_table() -> None:
    text = "本年度收入合计 500 万元 | 支出合计 480 万元。\n执行率 96%。\n其他说明。"
    assert find_tables(text).events == []


RUN_ON = (
    "整体支出绩效评价指标表一级指标分值二级指标分值三级指标分值评价标准指标说明得分"
    "决策20目标设定8绩效目标合理性4目标明确得4分,否则酌情扣分。依据充分。3绩效指标明确性4"
    "指标细化得4分。4资金投入12预算编制科学性6编制规范计6分。6资金分配合理性6分配合理计满分。5"
    "过程30资金管理15资金到位率5100%计满分,每低于1%扣0.5分。到位率=到位/计划X100%。5"
    "预算执行率10完成进度计分。9\n"
    "下一页"
)


def test_run_on_indicator_table_is_rebuilt() -> None:
    (table,) = find_runon_tables(RUN_ON)
    rows = [[(table.columns[i].label, c.text) for i, c in row] for row in table.rows]
    assert rows[0] == [("一级指标", "决策"), ("分值", "20"), ("二级指标", "目标设定"), ("分值", "8"),
                       ("三级指标", "绩效目标合理性"), ("分值", "4"), ("得分", "3")]
    assert rows[1] == [("三级指标", "绩效指标明确性"), ("分值", "4"), ("得分", "4")]
    assert rows[2][:4] == [("二级指标", "资金投入"), ("分值", "12"), ("三级指标", "预算编制科学性"),
                           ("分值", "6")]
    # the weight glued to the criterion's 100% is cut off it; the score before a chain is kept
    assert rows[4] == [("一级指标", "过程"), ("分值", "30"), ("二级指标", "资金管理"), ("分值", "15"),
                       ("三级指标", "资金到位率"), ("分值", "5"), ("得分", "5")]
    assert rows[5] == [("三级指标", "预算执行率"), ("分值", "10"), ("得分", "9")]
    for row in table.rows:
        for _, cell in row:
            assert RUN_ON[cell.start:cell.end] == cell.text


def test_run_on_needs_a_glued_header() -> None:
    prose = "绩效目标合理性4项,预算编制科学性6项,资金到位率100%。"
    assert find_runon_tables(prose) == []
    assert not any(isinstance(e, FormTitle) for e in find_tables(prose).events)


def test_tab_rows_one_cell_per_paragraph_and_one_line_tables() -> None:
    tabs = "\n".join(["资金来源\t全年预算数\t全年执行数\t执行率",
                      "合计\t300.00\t270.00\t90.00%",
                      "财政拨款\t280.00\t252.00\t90.00%"])
    (table,) = _tables(find_tables(tabs))
    assert _rows(table)[1] == [("资金来源", "财政拨款"), ("全年预算数", "280.00"),
                               ("全年执行数", "252.00"), ("执行率", "90.00%")]
    paragraphs = "\n\n".join(["说明如下：", "三级指标", "指标值", "完成值", "分值", "得分",
                              "培训人次", "200", "215", "20", "20", "课程满意度", "90%", "95%",
                              "10", "9", "三、存在的问题和原因分析。本年度个别项目进度偏慢，已督促整改。"])
    (table,) = _tables(find_tables(paragraphs))
    assert _rows(table) == [
        [("三级指标", "培训人次"), ("指标值", "200"), ("完成值", "215"), ("分值", "20"), ("得分", "20")],
        [("三级指标", "课程满意度"), ("指标值", "90%"), ("完成值", "95%"), ("分值", "10"), ("得分", "9")],
    ]
    one_line = "资金来源 年初预算数 全年预算数 全年执行数 合计 500 520 494 财政拨款 450 470 446.5"
    (table,) = _tables(find_tables(one_line))
    assert _rows(table)[1] == [("资金来源", "财政拨款"), ("年初预算数", "450"),
                               ("全年预算数", "470"), ("全年执行数", "446.5")]


def test_space_separated_rows_under_a_header_line_and_glued_amounts() -> None:
    text = "\n".join([
        "表1 资金来源及执行情况 单位：元",
        "资金来源 年初预算数 全年预算数 全年执行数 执行率",
        "合计 1,860,000.00 1,950,000.00 1,725,430.00 88.48%",
        "财政拨款 1,600,000.001,650,000.001,500,000.0090.91%",
        "二、绩效目标完成情况。全年完成各项任务。",
    ])
    (table,) = _tables(find_tables(text))
    assert _rows(table)[1] == [("资金来源", "财政拨款"), ("年初预算数", "1,600,000.00"),
                               ("全年预算数", "1,650,000.00"), ("全年执行数", "1,500,000.00"),
                               ("执行率", "90.91%")]
    for row in table.rows:
        for _, cell in row:
            assert text[cell.start:cell.end] == cell.text


def test_space_grouped_amounts_in_a_table_aligned_by_spaces() -> None:
    # columns two spaces apart or more: a single space between digit groups is inside a cell
    text = "\n".join([
        "经费类别          年初预算数      全年预算数      全年执行数    执行率",
        "人员经费       3 120 000.00    3 300 500.00    3 201 485.00    97.00%",
        "日常公用经费           0.00      640 000.00      576 000.00    90.00%",
        "合计           3 120 000.00    3 940 500.00    3 777 485.00    95.86%",
    ])
    (table,) = _tables(find_tables(text))
    assert _rows(table)[1] == [("经费类别", "日常公用经费"), ("年初预算数", "0.00"),
                               ("全年预算数", "640 000.00"), ("全年执行数", "576 000.00"),
                               ("执行率", "90.00%")]
    assert _rows(table)[2][2] == ("全年预算数", "3 940 500.00")


def test_amounts_grouped_by_no_break_spaces_are_one_cell_in_any_layout() -> None:
    # one space between columns and a row no wider than the header (its 全年执行数 is left
    # empty): only the no-break space says 1 200.00 is one amount
    text = "\n".join([
        "经费类别 全年预算数 全年执行数 执行率",
        "人员经费 1\u00a0200.00 80.00%",
        "公用经费 95.00 90.25 95.00%",
    ])
    (table,) = _tables(find_tables(text))
    assert [c for _, c in _rows(table)[0]][:2] == ["人员经费", "1\u00a0200.00"]


def test_space_grouped_amounts_where_single_spaces_part_the_columns() -> None:
    # a PDF's text: one space between cells too; the row has more cells than the header has
    # columns, so the groups of three digits join, and a row that fits is left as it is
    text = "\n".join([
        "经费类别 年初预算数 全年预算数 全年执行数",
        "人员经费 3 120 000.00 3 300 500.00 3 201 485.00",
        "培训人次 120 150 135",
    ])
    (table,) = _tables(find_tables(text))
    assert _rows(table) == [
        [("经费类别", "人员经费"), ("年初预算数", "3 120 000.00"), ("全年预算数", "3 300 500.00"),
         ("全年执行数", "3 201 485.00")],
        [("经费类别", "培训人次"), ("年初预算数", "120"), ("全年预算数", "150"),
         ("全年执行数", "135")],
    ]


def test_tab_rows_under_many_short_lines_are_still_rows() -> None:
    # a page's metadata and a form's title lines lead the block of tab rows: they do not make
    # its rows be read one cell per line (which shifts rows that start with an empty cell)
    text = "\n".join([
        "索引号：0001/2025-01", "发布日期：2025-03-01", "某县图书馆2024年度部门整体支出绩效自评表",
        "单位名称 某县图书馆", "填报日期 2025年3月",
        "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t执行率",
        "\t年度资金总额\t100.00\t120.00\t110.00\t91.67%",
        "\t其中：财政拨款\t90.00\t100.00\t95.00\t95.00%",
        "\t其他资金\t10.00\t20.00\t15.00\t75.00%",
    ])
    (table,) = _tables(find_tables(text))
    assert _rows(table)[1] == [("", "其中：财政拨款"), ("年初预算数", "90.00"),
                               ("全年预算数", "100.00"), ("全年执行数", "95.00"), ("执行率", "95.00%")]


def test_cells_one_per_paragraph_after_form_fields_and_a_group_label() -> None:
    cells = ["项目名称", "乡村道路养护", "主管部门", "某县交通运输局", "资金来源", "全年预算数", "全年执行数",
             "执行率", "年度资金总额", "130.00", "117.00", "90.00%", "其中：财政拨款", "125.00", "112.00",
             "89.60%", "绩效指标", "三级指标", "指标值", "完成值", "分值", "得分",
             "养护里程", "≥85公里", "86公里", "40", "40", "评价结论", "项目完成较好。"]
    found = find_tables("\n\n".join(cells))
    fields = [e.value.text for e in found.events if isinstance(e, Field)]
    assert fields == ["乡村道路养护", "某县交通运输局"]
    budget, indicators = _tables(found)
    assert _rows(budget)[1] == [("资金来源", "其中：财政拨款"), ("全年预算数", "125.00"),
                                ("全年执行数", "112.00"), ("执行率", "89.60%")]
    assert [c.label for c in indicators.columns][0] == "三级指标"
    assert _rows(indicators) == [[("三级指标", "养护里程"), ("指标值", "≥85公里"), ("完成值", "86公里"),
                                  ("分值", "40"), ("得分", "40")]]


def test_row_lines_with_blank_grouped_amounts_are_not_split_into_columns() -> None:
    # a header label line, then rows already written as 表头：值 pairs whose amounts use
    # blanks as thousands separators: the row lines are one table, the blanks no columns
    text = "\n".join([
        "收入类别 全年预算数（元） 执行数（元） 执行率",
        "收入类别：财政拨款；全年预算数（元）：1 250 000.00；执行数（元）：1 200 000.00；执行率：96.00%",
        "收入类别：上年结转；全年预算数（元）：300 000.00；执行数（元）：240 000.00；执行率：80.00%",
    ])
    tables = _tables(find_tables(text))
    assert len(tables) == 1
    rows = _rows(tables[0])
    assert ("执行率", "96.00%") in rows[0] and ("执行率", "80.00%") in rows[1]
    assert all(not label.startswith("收入类别：") for row in rows for label, _ in row)
