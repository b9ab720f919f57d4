"""A table of budget units headed by 单位名称 (a word forms also use as a field label) is read
as a table, and a header word an HTML <br> broke is joined again."""

from assistant.ingest.readers.html import cell_text
from assistant.ingest.tables.sheet_lines import build_grid, grid_lines


def test_unit_name_column_heads_a_table_of_figures():
    rows = [["单位名称", "预算数", "执行数"],
            ["某某中心", "120.00", "118.50"],
            ["某某站", "40.00", "36.00"]]
    lines = grid_lines(build_grid(rows, []), "万元")
    assert not any(line.startswith("单位名称：预算数") for line in lines)
    assert any("某某站" in line and "36.00" in line and "执行数" in line for line in lines)


def test_unit_name_with_a_value_is_still_a_form_field():
    rows = [["单位名称", "某某中心", "联系人", "张三"]]
    assert grid_lines(build_grid(rows, [])) == ["单位名称：某某中心", "联系人：张三"]


def test_cell_lines_broken_inside_a_chinese_word_are_joined():
    assert cell_text(["调整后", "预算数"]) == "调整后预算数"
    assert cell_text(["2024", "年"]) == "2024 年"
