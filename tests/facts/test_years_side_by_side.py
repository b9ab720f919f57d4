"""Two years side by side: a table written as row lines whose keys are the years (a year per
column) gives each cell the period of its column, and a change written from one level to the
other (由A提高到B) files A as the earlier level, B as this year's."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.facts import extract_facts
from assistant.facts.checks import check_facts
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse
from assistant.ingest.tables.rowlines import find_row_tables

HEAD = "某县气象服务中心2024年度部门整体支出绩效自评报告\n一、预算执行情况\n"
TABLE = "\n".join([
    "全年支出310.00万元，较上年增长{growth}，预算执行率93.94%。",
    "表1 两年数据对比",
    "指标 2023年度 2024年度 增减额",
    "指标：调整后预算（万元）；2023年度：300.00；2024年度：330.00；增减额：30.00",
    "指标：全年执行数（万元）；2023年度：280.00；2024年度：310.00；增减额：30.00",
    "指标：预算执行率；2023年度：93.33%；2024年度：93.94%；增减额：提高0.61个百分点",
    "指标：自评得分（分）；2023年度：90；2024年度：92；增减额：2",
    "",
])


def _facts(text: str):
    norm = normalise(text)
    return extract_facts(norm, analyse(norm))


def _rows(text: str) -> set[tuple]:
    return {(f.metric, f.scope, f.subject, f.value, f.period) for f in _facts(text)}


def test_row_lines_keyed_by_years_are_one_table() -> None:
    lines = "指标：全年执行数；2023年度：280.00；2024年度：310.00\n指标：执行率；2023年度：93.33%；2024年度：93.94%\n"
    tables = find_row_tables(lines)
    assert len(tables) == 1 and len(tables[0].rows) == 2
    blank = "指标：全年执行数；2023年度：—；2024年度：310.00\n指标：执行率；2023年度：93.33%；2024年度：93.94%\n"
    assert len(find_row_tables(blank)) == 1 and len(find_row_tables(blank)[0].rows) == 2
    # prose with a year key and words is no table
    assert find_row_tables("2023年度：完成设备采购；2024年度：完成系统上线\n") == []


def test_each_year_column_gives_its_years_figures() -> None:
    rows = _rows(HEAD + TABLE.format(growth="10.71%"))
    assert ("支出", "department", "", 310.0, "") in rows
    assert ("2023年支出", "department", "", 280.0, "2023年") in rows
    assert ("2023年执行率", "department", "", 93.33, "2023年") in rows
    assert ("执行率", "department", "", 93.94, "") in rows
    assert not [r for r in rows if r[0] == "执行率" and r[3] == 93.33]


def test_a_growth_against_the_other_years_column_is_checked() -> None:
    def growth(text: str) -> list[str]:
        rows = [SimpleNamespace(**f.to_dict(), report_id="r.txt") for f in _facts(text)]
        return [f.message for f in check_facts(rows) if f.kind == "growth"]

    assert growth(HEAD + TABLE.format(growth="10.71%")) == []
    found = growth(HEAD + TABLE.format(growth="8.71%"))
    assert len(found) == 1 and "8.71%" in found[0] and "10.71%" in found[0]


def test_a_change_from_one_level_to_another_files_the_start_as_earlier() -> None:
    rows = _rows(HEAD + "与上年相比，本中心执行率由91.20%提高到95.60%，满意度有所提升。")
    assert ("执行率", "department", "", 95.6, "") in rows
    assert ("上年执行率", "department", "", 91.2, "上年") in rows
    assert not [r for r in rows if r[0] == "执行率" and r[3] == 91.2]


def test_a_start_level_with_no_period_to_give_it_is_no_fact() -> None:
    rows = _rows(HEAD + "通过优化流程，本中心办件时长由5天缩短，执行率由90.00%提升至96.00%。")
    assert ("执行率", "department", "", 96.0, "") in rows
    assert not [r for r in rows if r[3] == 90.0]


def test_a_start_level_in_a_named_year() -> None:
    rows = _rows(HEAD + "本中心执行率由2023年的92.10%上升至2024年的94.30%。")
    assert ("2023年执行率", "department", "", 92.1, "2023年") in rows
    assert ("执行率", "department", "", 94.3, "") in rows


def test_columns_headed_last_year_and_this_year() -> None:
    text = HEAD + "\n".join([
        "表1 本年与上年对比",
        "指标：全年执行数（万元）；上年：280.00；本年：310.00",
        "指标：预算执行率；上年：93.33%；本年：93.94%",
        "指标：自评得分（分）；上年：90；本年：92",
        "",
    ])
    rows = _rows(text)
    assert ("支出", "department", "", 310.0, "") in rows
    assert ("上年支出", "department", "", 280.0, "上年") in rows
    assert ("上年执行率", "department", "", 93.33, "上年") in rows


def test_bare_this_and_last_year_columns_give_each_rows_amount_of_that_year() -> None:
    text = HEAD + "\n".join([
        "表2 支出结构",
        "单位：千元",
        "项目：基本支出；本年数（千元）：8,120.5；上年数（千元）：7,904.1",
        "项目：其中：人员经费；本年数（千元）：6,300.2；上年数（千元）：6,122.0",
        "项目：项目支出；本年数（千元）：2,010.0；上年数（千元）：1,880.6",
        "项目：“三公”经费；本年数（千元）：31.4；上年数（千元）：35.9",
        "",
    ])
    rows = _rows(text)
    assert ("基本支出", "department", "", 812.05, "") in rows
    assert ("上年基本支出", "department", "", 790.41, "上年") in rows
    assert ("上年项目支出", "department", "", 188.06, "上年") in rows
    assert any(r[0] == "上年支出" and r[2] == "人员经费" and r[3] == 612.2 for r in rows)
    assert any(r[0] == "上年支出" and "三公" in r[2] and r[3] == 3.59 for r in rows)
    # no last-year cell is read as this year's
    assert not [r for r in rows if r[4] == "" and r[3] in (790.41, 612.2, 188.06, 3.59)]


def test_a_full_year_spending_column_is_the_spending() -> None:
    text = HEAD + "\n".join([
        "表1 分来源执行情况",
        "资金来源：财政拨款；全年预算（万元）：420.00；全年支出（万元）：401.10；执行率：95.50%",
        "资金来源：合计；全年预算（万元）：500.00；全年支出（万元）：470.00；执行率：94.00%",
        "",
    ])
    rows = _rows(text)
    assert any(r[0] == "支出" and r[2] == "财政拨款" and r[3] == 401.1 for r in rows)
    assert ("支出", "department", "", 470.0, "") in rows
