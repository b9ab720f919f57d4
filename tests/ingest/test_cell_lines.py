"""Forms copied from web pages one cell per line or one cell per paragraph are rebuilt by
structure (`ingest.tables.cell_lines`): empty cells kept, two-row headers, invariants."""

from __future__ import annotations

from collections import Counter

from assistant.facts import extract_facts
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse
from assistant.ingest.tables.cell_lines import consistent
from assistant.ingest.tables.find import find_tables
from assistant.ingest.tables.grid import Cell, Column, Field, Table
from assistant.text.headers import MONEY, NAME, RATE

# a small project form: a label spanning the budget rows on the left (so the row labels have
# no header), one row with empty cells, and a total row whose label spans the name columns
TITLE = ["项目支出绩效自评表", "项目名称", "社区食堂补贴", "主管部门", "某街道办事处"]
BUDGET = ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率",
          "年度资金总额", "40.00", "50.00", "45.00", "90.00%",
          "其中：当年财政拨款", "40.00", "44.00", "39.60", "90.00%",
          "其他资金", "", "", "", ""]
INDICATORS = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
              "产出指标", "数量指标", "供餐人次", "≥2000人次", "2310人次", "30", "30",
              "满意度指标", "服务对象满意度", "老年人满意度", "≥90%", "", "20", "15",
              "总分", "100", "45"]
CELLS = TITLE + BUDGET + INDICATORS
PROSE = "一、基本情况\n\n本项目为辖区老年人提供午餐。\n\n"


def _rows(table: Table) -> list[list[tuple[str, str]]]:
    return [[(table.columns[i].label, c.text) for i, c in row] for row in table.rows]


def _tables(text: str) -> list[Table]:
    return [e for e in find_tables(text).events if isinstance(e, Table)]


def _facts(text: str) -> Counter:
    norm = normalise(text)
    return Counter((f.metric, f.scope, f.subject, f.value)
                   for f in extract_facts(norm, analyse(norm, fallback_name="r")))


def test_one_cell_per_line_with_blank_lines_for_empty_cells() -> None:
    text = PROSE + "\n".join(CELLS)
    budget, indicators = _tables(text)
    assert [c.label for c in budget.columns] == ["", "年初预算数", "全年预算数", "全年执行数", "执行率"]
    assert _rows(budget)[1] == [("", "其中：当年财政拨款"), ("年初预算数", "40.00"),
                                ("全年预算数", "44.00"), ("全年执行数", "39.60"), ("执行率", "90.00%")]
    rows = _rows(indicators)
    # the empty 实际完成值 cell keeps the weight and the score in their columns
    assert rows[1][-3:] == [("年度指标值", "≥90%"), ("分值", "20"), ("得分", "15")]
    assert rows[2] == [("一级指标", "总分"), ("分值", "100"), ("得分", "45")]
    fields = [e.value.text for e in find_tables(text).events if isinstance(e, Field)]
    assert fields == ["社区食堂补贴", "某街道办事处"]


def test_one_cell_per_paragraph_and_single_space_cells_read_the_same() -> None:
    per_line = _facts(PROSE + "\n".join(CELLS))
    assert per_line[("预算数", "project", "社区食堂补贴", 50.0)] == 1
    assert per_line[("得分", "indicator", "老年人满意度", 15.0)] == 1
    assert per_line[("自评得分", "project", "社区食堂补贴", 45.0)] == 1
    assert _facts(PROSE + "\n\n".join(CELLS)) == per_line
    assert _facts(PROSE + "\n".join(c or " " for c in CELLS)) == per_line
    assert _facts(PROSE + "\r\n\r\n".join(CELLS)) == per_line  # Windows line ends


def test_a_cell_wrapped_in_its_paragraph_is_one_cell() -> None:
    cells = [c if c != "服务对象满意度" else "服务对象\n满意度" for c in CELLS]
    rows = _rows(_tables(PROSE + "\n\n".join(cells))[1])
    assert rows[1][:2] == [("一级指标", "满意度指标"), ("二级指标", "服务对象满意度")]


def test_two_row_header_puts_the_group_in_the_parent_place() -> None:
    cells = ["资金来源", "资金情况", "执行率", "得分",
             "年初预算数", "全年预算数", "全年执行数",
             "合计", "30.00", "32.00", "28.80", "90.00%", "9",
             "财政拨款", "30.00", "30.00", "27.00", "90.00%", "",
             "上年结转", "0.00", "2.00", "1.80", "90.00%", ""]
    (table,) = _tables(PROSE + "\n".join(cells))
    assert [c.label for c in table.columns] == ["资金来源", "年初预算数", "全年预算数", "全年执行数",
                                                "执行率", "得分"]
    assert _rows(table)[2][1:4] == [("年初预算数", "0.00"), ("全年预算数", "2.00"),
                                    ("全年执行数", "1.80")]


def test_the_invariants_refuse_a_shifted_reading() -> None:
    columns = [Column("", NAME), Column("全年预算数", MONEY), Column("全年执行数", MONEY),
               Column("执行率", RATE)]

    def table(*rows: tuple[str, str, str]) -> Table:
        return Table(columns, [[(0, Cell("x", 0, 1))] + [(k + 1, Cell(v, 0, 1))
                                                         for k, v in enumerate(r)]
                               for r in rows], 0, 1)

    assert consistent(table(("50.00", "45.00", "90.00%"), ("10.00", "10.00", "100.00%")))
    # one row that contradicts itself is the report's; most rows broken is a shifted table
    assert consistent(table(("50.00", "45.00", "90.00%"), ("10.00", "10.00", "100.00%"),
                            ("8.00", "6.00", "80.00%")))
    assert consistent(table(("50.00", "45.00", "90.00%"), ("8.00", "6.00", "80.00%")))
    assert not consistent(table(("50.00", "45.00", "45.00%"), ("10.00", "9.00", "9.00%")))


def test_tab_rows_keep_the_form_fields_above_the_header() -> None:
    rows = ["项目支出绩效自评表", "项目名称\t社区食堂补贴", "预算执行情况(10分)",
            "年度预算数(万元)\t年初预算\t调整后预算数\t预算执行数\t预算执行率\t权重\t得分",
            "总额\t40.00\t50.00\t45.00\t90.00%\t10\t9",
            "其中:财政资金\t40.00\t44.00\t39.60\t90.00%\t/\t/"]
    text = PROSE + "\n".join(rows)
    assert _facts(text)[("预算数", "project", "社区食堂补贴", 50.0)] == 1
    kinds = [type(e).__name__ for e in find_tables(text).events]
    assert kinds == ["FormTitle", "Field", "Section", "Table"]


def test_a_flattened_copy_of_a_pipe_form_gives_the_same_table_facts() -> None:
    from benchmarks.flatten_forms import LAYOUTS, flatten

    pipe = "\n".join([
        "部门预算项目支出绩效自评表(2024年度) | ||",
        "项目名称 | 61000024R0000017-社区食堂补贴 | ||",
        "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 |",
        "总额 | 40.00 | 50.00 | 45.00 | 90.00% | 10 | 9 |",
        "其中:财政资金 | 40.00 | 44.00 | 39.60 | 90.00% | / | / |",
        "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 权重 | 得分 |",
        "产出指标 | 数量指标 | 供餐人次 | 2000 | 2310 | 50 | 50 |",
        "效益指标 | 社会效益指标 | 老年人就餐便利度 | 提升 | 提升 | 40 | 36 |",
    ])
    text = PROSE + pipe + "\n\n二、问题\n\n无。"
    reference = _facts(text)
    assert reference[("预算数", "project", "社区食堂补贴", 50.0)] == 1
    # one cell per line cannot tell a wrapped row label from two cells ("linewrap"): left out
    for layout in (lay for lay in LAYOUTS if lay != "linewrap"):
        assert _facts(flatten(text, layout)[0]) == reference, layout


def test_tab_rows_with_a_parent_over_a_second_header_row() -> None:
    rows = ["资金来源\t资金情况\t执行率",
            "全年预算数\t全年执行数",
            "财政拨款\t30.00\t27.00\t90.00%",
            "上年结转\t2.00\t1.80\t90.00%"]
    (table,) = _tables(PROSE + "\n".join(rows))
    assert [c.label for c in table.columns] == ["资金来源", "全年预算数", "全年执行数", "执行率"]
    assert _rows(table)[1] == [("资金来源", "上年结转"), ("全年预算数", "2.00"), ("全年执行数", "1.80"),
                               ("执行率", "90.00%")]


def test_a_tab_row_whose_cell_holds_a_line_break_is_one_row() -> None:
    rows = ["项目名称\t社区食堂\n补贴",
            "资金来源\t全年预算数\t全年执行数\t执行率\t说明",
            "财政拨款\t30.00\t27.00\t90.00%\t按季度拨付，年末\n结清",
            "上年结转\t2.00\t1.80\t90.00%\t"]
    text = PROSE + "\n".join(rows)
    (table,) = _tables(text)
    assert _rows(table)[0][-1] == ("说明", "按季度拨付，年末结清")
    assert _rows(table)[1][0] == ("资金来源", "上年结转")
    assert [e.value.text for e in find_tables(text).events if isinstance(e, Field)] == ["社区食堂补贴"]


def test_one_cell_per_line_a_wrapped_text_cell_keeps_the_next_row_in_place() -> None:
    cells = ["三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析",
             "供餐人次", "≥2000人次", "1800人次", "30", "27", "雨季停供两周，", "下年度增设备用点。",
             "老年人满意度", "≥90%", "95%", "20", "20", ""]
    rows = _rows(_tables(PROSE + "\n".join(cells))[0])
    assert rows[0][-1] == ("偏差原因分析", "雨季停供两周，下年度增设备用点。")
    assert rows[1][:2] == [("三级指标", "老年人满意度"), ("年度指标值", "≥90%")]


def test_header_cells_one_per_line_and_data_cells_one_per_paragraph() -> None:
    header = "\n".join(["三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    data = "\n\n".join(["供餐人次", "≥2000人次", "2310人次", "30", "30",
                        "老年人满意度", "≥90%", "", "20", "15"])
    rows = _rows(_tables(PROSE + header + "\n\n" + data)[0])
    assert rows[1] == [("三级指标", "老年人满意度"), ("年度指标值", "≥90%"), ("分值", "20"), ("得分", "15")]


def test_a_project_list_under_a_two_row_header_starting_with_the_project_name() -> None:
    rows = ["项目名称\t资金情况\t执行率\t偏差原因分析及改进措施",
            "预算数（万元）\t执行数（万元）",
            "道路养护\t30.00\t27.00\t90.00%\t雨季停工",
            "路灯维修\t12.00\t12.00\t100.00%\t"]
    (table,) = _tables(PROSE + "\n".join(rows))
    assert [c.label for c in table.columns] == ["项目名称", "预算数（万元）", "执行数（万元）", "执行率",
                                                "偏差原因分析及改进措施"]
    assert _rows(table)[1][:3] == [("项目名称", "路灯维修"), ("预算数（万元）", "12.00"),
                                   ("执行数（万元）", "12.00")]


def test_space_grouped_amounts_keep_the_rate_invariant() -> None:
    # 1 250.00 is one amount: read as 1 the 执行率 of the row would not hold and the right
    # reading of the header (an unnamed row-label column) would be refused
    grouped = {"40.00": "1 240.00", "50.00": "1 250.00", "45.00": "1 125.00",
               "44.00": "1 044.00", "39.60": "939.60"}
    cells = [grouped.get(c, c) for c in CELLS]
    rows = _rows(_tables(PROSE + "\n".join(cells))[0])
    assert rows[0] == [("", "年度资金总额"), ("年初预算数", "1 240.00"), ("全年预算数", "1 250.00"),
                       ("全年执行数", "1 125.00"), ("执行率", "90.00%")]


def test_goal_block_and_grade_line_after_a_form_are_not_its_rows() -> None:
    # text after the last row that fills no figure column (a goal block, a grade line) is not
    # a row of the table, so the prose reading of it is kept
    goal = ["年度总体目标 预期目标 实际完成情况",
            "保障社区老人午餐供应。 全年供餐2310人次，老年人满意度93.5%，未发生食品安全事故。"]
    text = PROSE + "\n".join(TITLE + BUDGET + goal + INDICATORS + ["自评等级 良"])
    budget, indicators = _tables(text)
    assert _rows(budget)[-1][0] == ("", "其中：当年财政拨款")
    assert budget.end < text.index("年度总体目标")
    assert _rows(indicators)[-1][0] == ("一级指标", "总分")
    assert text[indicators.end:].strip() == "自评等级 良"


def test_a_part_heading_after_the_form_ends_it() -> None:
    after = "\n\n第二部分 项目资金使用情况\n项目全年执行45.00万元，执行率90.00%，较上年多支出5.00万元。\n"
    text = PROSE + "\n".join(CELLS) + after
    assert all(t.end < text.index("第二部分") for t in _tables(text))


def test_a_header_word_right_below_a_paragraph_continues_no_cell() -> None:
    # one cell per paragraph: the line under the goal text has no blank line above it, but as
    # a column label it opens the indicator table's header instead of continuing the goal
    goal = "年度总体目标 保障社区老人午餐供应，全年供餐不少于2000人次。"
    text = PROSE + "\n\n".join(TITLE + BUDGET) + "\n\n" + goal + "\n" + "\n\n".join(INDICATORS)
    indicators = _tables(text)[-1]
    assert [c.label for c in indicators.columns][:2] == ["一级指标", "二级指标"]
    assert _rows(indicators)[0][:3] == [("一级指标", "产出指标"), ("二级指标", "数量指标"),
                                        ("三级指标", "供餐人次")]
