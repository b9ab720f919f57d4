"""Label lines: a workbook row written as a label and its bare figures (no unit), outside any
table, is read as the sentence it stands for, in the unit of its label's bracket, of the
caption in force, or of its term's kind; the cell keeps its own digits."""

from __future__ import annotations

from pathlib import Path

from assistant.index.pipeline import prepare

SHEET = "\n".join([
    "工作表：总表",
    "某县档案服务中心2024年度部门整体支出绩效自评表",
    "金额单位：元",
    "支出结构",
    "基本支出 3,120,450.80 占70.10%",
    "其中：人员经费 2,600,000.00",
    "“三公”经费合计 60,000.00 45,000.00 75.00% 预算 / 实际",
    "年末在职人员（人） 40 其中管理人员6人",
    "2023年全年执行数 4,010,000.00",
    "部门整体自评得分 92.5 等级：优",
    "",
])


def _facts(text: str):
    return prepare(Path("report.xlsx"), text).facts


def _rows(text: str) -> set[tuple]:
    return {(f.metric, f.scope, f.subject, f.value, f.unit) for f in _facts(text)}


def test_label_lines_under_a_yuan_caption_are_facts_in_yuan() -> None:
    rows = _rows(SHEET)
    assert ("基本支出", "department", "", 312.04508, "万元") in rows
    assert ("金额", "class", "人员经费", 260.0, "万元") in rows
    assert ("2023年支出", "department", "", 401.0, "万元") in rows
    assert ("自评得分", "department", "", 92.5, "分") in rows
    basic = next(f for f in _facts(SHEET) if f.metric == "基本支出")
    assert basic.raw == "3,120,450.80" and basic.text_value == "3,120,450.80元"
    assert basic.quote == "基本支出 3,120,450.80 占70.10%"


def test_two_amounts_and_their_rate_are_budget_spending_and_rate() -> None:
    rows = _rows(SHEET)
    assert ("三公经费", "department", "", 4.5, "万元") in rows
    assert ("预算数", "item", "三公经费", 6.0, "万元") in rows
    assert not [r for r in rows if r[0] == "三公经费" and r[3] == 6.0]


def test_the_lines_own_count_wins_over_a_part_in_its_note() -> None:
    staff = [f.value for f in _facts(SHEET) if f.metric == "在职人员" and f.scope == "department"]
    assert staff == [40.0]


def test_no_money_without_a_unit_and_no_label_that_is_no_term() -> None:
    text = SHEET.replace("金额单位：元\n", "").replace("工作表：总表\n", "")
    rows = _rows(text + "办公楼面积 1200\n")
    assert not [r for r in rows if r[0] == "基本支出"]
    assert not [r for r in rows if r[3] == 1200.0]


def test_prose_lines_and_text_outside_a_sheet_are_not_label_lines() -> None:
    prose = SHEET.replace("工作表：总表\n", "")
    assert not [f for f in _facts(prose) if f.metric == "基本支出"]
    wrapped = SHEET.replace("基本支出 3,120,450.80 占70.10%", "按性质分，基本支出 3,120.45 万元，占70.10%")
    assert not [f for f in _facts(wrapped) if f.metric == "基本支出" and f.unit == "万元"
                and f.value == 0.312045]
