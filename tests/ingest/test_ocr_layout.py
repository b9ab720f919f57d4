"""OCR boxes back into reading order: lines by vertical overlap, two text columns, tables
rebuilt as ``表头：值`` rows or pipe rows, and each box's confidence kept at its offsets."""

from __future__ import annotations

from assistant.ingest.readers.ocr import collect, tidy
from assistant.ingest.readers.ocr_layout import Box, page_text

H = 30  # text height in pixels


def box(x: float, y: float, text: str, conf: float = 0.99, width: float | None = None) -> Box:
    return Box(x, y, x + (width if width is not None else H * len(text)), y + H, text, conf)


def row(y: float, xs: list[float], cells: list[str], conf: float = 0.99) -> list[Box]:
    return [box(x, y, c, conf, width=H * 0.6 * len(c)) for x, c in zip(xs, cells) if c]


def test_lines_are_read_top_down_and_left_to_right_whatever_the_box_order() -> None:
    boxes = [box(900, 102, "其中财政拨款80万元。"), box(100, 100, "本年收入总额120万元，"),
             box(100, 40, "一、收入情况"), box(100, 160, "二、支出情况")]
    assert page_text(boxes, 1600).text == (
        "一、收入情况\n本年收入总额120万元， 其中财政拨款80万元。\n二、支出情况")


def test_two_text_columns_are_read_left_column_first() -> None:
    left = [box(100, 100 + 50 * i, f"左栏第{i}行正文内容写满整个栏宽度") for i in range(4)]
    right = [box(900, 100 + 50 * i, f"右栏第{i}行正文内容写满整个栏宽度") for i in range(4)]
    lines = page_text(right + left, 1700).text.split("\n")
    assert lines == [f"左栏第{i}行正文内容写满整个栏宽度" for i in range(4)] + \
        [f"右栏第{i}行正文内容写满整个栏宽度" for i in range(4)]


def test_a_table_with_a_header_of_table_words_becomes_row_lines_with_the_caption_unit() -> None:
    xs = [100, 500, 800, 1100]
    boxes = [box(100, 40, "单位：万元")]
    boxes += row(100, xs, ["项目名称", "全年预算数", "全年执行数", "执行率"])
    boxes += row(150, xs, ["办公设备购置", "12.50", "12.00", "96.00%"])
    boxes += row(200, xs, ["信息系统运维", "30.00", "", "0.00%"])
    boxes += [box(100, 260, "二、绩效目标完成情况")]
    assert page_text(boxes, 1600).text.split("\n") == [
        "单位：万元",
        "项目名称 全年预算数（万元） 全年执行数（万元） 执行率",
        "项目名称：办公设备购置；全年预算数（万元）：12.50；全年执行数（万元）：12.00；执行率：96.00%",
        "项目名称：信息系统运维；全年预算数（万元）：30.00；执行率：0.00%",
        "二、绩效目标完成情况",
    ]


def test_a_grid_without_a_header_of_table_words_is_written_as_pipe_rows() -> None:
    xs = [100, 600, 1000]
    boxes = row(100, xs, ["甲乙丙", "一组", "3"]) + row(150, xs, ["丁戊己", "二组", "5"])
    assert page_text(boxes, 1600).text == "甲乙丙 | 一组 | 3\n丁戊己 | 二组 | 5"


def test_a_wrapped_cell_joins_the_cell_above_and_prose_after_the_table_is_not_a_row() -> None:
    xs = [100, 500, 1000]
    boxes = row(100, xs, ["指标名称", "年度指标值", "实际完成值"])
    boxes += row(150, xs, ["培训人次", "≥200人次", "236人次"])
    boxes += row(200, xs, ["群众满意度", "≥90%", "95%"])
    boxes += row(240, xs, ["", "（抽样调查）", ""])
    boxes += [box(100, 300, "三、存在的问题", width=H * 7)]
    lines = page_text(boxes, 1600).text.split("\n")
    assert lines[2] == "指标名称：群众满意度；年度指标值：≥90%（抽样调查）；实际完成值：95%"
    assert lines[3] == "三、存在的问题"


def test_each_box_keeps_its_confidence_at_its_offsets_in_the_report() -> None:
    boxes = [box(100, 40, "一、概况"), box(100, 100, "预算执行率为", 0.99),
             box(100 + H * 6, 100, "96.3%", 0.41, width=H * 3)]
    page = page_text(boxes, 1600)
    assert page.text == "一、概况\n预算执行率为96.3%"
    info = collect({1: page}, [0, 12])  # the scan is the second page of the report
    [low] = info.low
    text = "x" * 11 + "\n" + page.text
    assert text[low.start:low.end] == "96.3%" and low.conf == 0.41
    assert info.pages == (2,)
    assert [round(line.conf, 2) for line in info.lines] == [0.99, 0.41]


def test_full_width_separators_inside_numbers_become_ascii() -> None:
    assert tidy(" 拨款1，000．50万元，其中2，3项 ") == "拨款1,000.50万元，其中2，3项"


def test_ruling_lines_give_the_rows_and_columns_of_a_scanned_table() -> None:
    import numpy as np

    from assistant.ingest.readers.ocr_rules import ruled_grids

    page = np.full((1200, 1000), 255, np.uint8)
    for y in (300, 360, 460, 520):
        page[y:y + 2, 100:900] = 0
    for x in (100, 400, 700, 900):
        page[300:522, x:x + 2] = 0
    page[150:155, 120:400] = 0  # a long stroke above the table (a title) is kept
    [grid], clean = ruled_grids(page)
    assert [round(y) for y in grid.ys] == [300, 360, 460, 520]
    assert [round(x) for x in grid.xs] == [100, 400, 700, 900]
    assert clean[300:302, 100:900].min() == 255 and clean[152, 200] == 0


def test_boxes_in_a_ruled_table_are_placed_by_its_rules() -> None:
    from assistant.ingest.readers.ocr_rules import RuledGrid

    grid = RuledGrid(ys=(300, 360, 470, 530), xs=(100, 400, 700, 900))
    boxes = [box(110, 315, "三级指标", width=120), box(410, 315, "年度指标值", width=150),
             box(710, 315, "得分", width=60),
             # a wrapped name: its two lines above and below the row's middle
             box(110, 370, "基层农技人员业务", width=280), box(110, 420, "培训班次", width=120),
             box(410, 398, "≥12期", width=80), box(710, 398, "10", width=30),
             box(110, 485, "服务对象满意度", width=200), box(410, 485, "≥90%", width=70),
             box(710, 485, "9.5", width=40),
             box(100, 600, "三、存在的问题")]
    assert page_text(boxes, 1000, [grid]).text.split("\n") == [
        "三级指标 年度指标值 得分",
        "三级指标：基层农技人员业务培训班次；年度指标值：≥12期；得分：10",
        "三级指标：服务对象满意度；年度指标值：≥90%；得分：9.5",
        "三、存在的问题",
    ]
