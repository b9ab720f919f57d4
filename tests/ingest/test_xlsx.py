"""Excel 自评表 workbooks: written here with openpyxl (and xlwt for .xls), read back by
`load_report`, and checked down to the scoped facts of the pipeline."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from assistant.errors import LoadError
from assistant.index.pipeline import prepare
from assistant.ingest.readers import xlsx
from assistant.ingest.readers.load import load_report
from assistant.ingest.readers.numfmt import format_number, plain_number
from assistant.ingest.tables.sheet_lines import build_grid, grid_lines

FORM = [
    ["项目支出绩效自评表"],
    ["（2024年度）", None, None, None, None, None, None, "金额单位：元"],
    ["项目名称", "4403220011A000000012-高标准农田建设"],
    ["主管部门", "某县农业农村局", None, None, "实施单位", "某县农业技术推广中心"],
    ["项目资金", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [None, "年度资金总额", 1000000, 1860000, "=E7+E8", 10, "=E6/D6", "=F6*G6"],
    [None, "其中：财政资金", 800000, 1500000, 1400000, None, "=E7/D7", None],
    [None, "其他资金", 200000, 360000, 325430, None, "=E8/D8", None],
    ["年度总体目标", "预期目标", None, None, "实际完成情况"],
    [None, "新建高标准农田5000亩", None, None, "建成5200亩，验收合格"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
     "偏差原因分析及改进措施"],
    [None, "产出指标", "数量指标", "新建农田面积", "≥5000亩", "5200亩", 20, 20, None],
    [None, None, "质量指标", "验收合格率", 1, 0.98, 20, 18, "个别地块返工"],
    [None, "满意度指标", "服务对象满意度", "农户满意度", "≥90%", 0.95, 10, 10, None],
    ["总分", None, None, None, None, None, 100, 95.25, None],
    ["自评结论：项目完成较好，个别指标未达预期。"],
]
FORM_MERGES = ["A1:I1", "B3:I3", "B4:D4", "F4:I4", "A5:B5", "A6:A8", "A9:A10", "B9:D9", "E9:I9",
               "B10:D10", "E10:I10", "A11:A14", "B12:B13", "A15:F15", "A16:I16"]
# what Excel cached for the formulas when it saved the file
CACHED = {"E6": "1725430", "G6": "0.927650537634409", "H6": "9.27650537634409",
          "G7": "0.933333333333333", "G8": "0.903972222222222"}


def write_workbook(path: Path) -> Path:
    """A two-sheet workbook: a project's 自评表 form and a department budget table."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目自评表"
    for row in FORM:
        ws.append(row)
    for rng in FORM_MERGES:
        ws.merge_cells(rng)
    for ref in ("C6", "D6", "E6", "C7", "D7", "E7", "C8", "D8", "E8"):
        ws[ref].number_format = "#,##0.00"
    for ref in ("G6", "G7", "G8"):
        ws[ref].number_format = "0.00%"
    ws["H6"].number_format = "0.00"
    for ref in ("E13", "F13", "F14"):
        ws[ref].number_format = "0%"
    dept = wb.create_sheet("部门整体")
    dept.append(["某县农业农村局2024年度部门预算执行情况"])
    dept.append(["单位：万元"])
    dept.append(["资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率"])
    dept.append(["合计", 2000.5, 2150, 2064.32, 0.96015])
    dept.append(["财政拨款", 1800, 1900, 1824, 0.96])
    for ref in ("E4", "E5"):
        dept[ref].number_format = "0.00%"
    wb.create_sheet("空白")
    wb.save(path)
    return _cache_formulas(path, CACHED)


def _cache_formulas(path: Path, values: dict[str, str]) -> Path:
    """Put cached values into the formula cells of the first sheet, as Excel does on save
    (openpyxl writes formulas without them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                for ref, value in values.items():
                    xml = re.sub(rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>\s*)<v\s*/?>(?:</v>)?',
                                 rf"\g<1><v>{value}</v>", xml)
                data = xml.encode()
            dst.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture()
def workbook(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "自评表.xlsx")


def _rows(facts) -> set[tuple]:
    return {(f.scope, f.subject, f.metric, f.value, f.unit) for f in facts}


# the text ------------------------------------------------------------------------------------------
def test_sheets_fields_tables_and_numbers_as_the_sheet_shows_them(workbook: Path) -> None:
    doc = load_report(workbook)
    lines = doc.text.split("\n")
    assert doc.kind == "xlsx"
    assert lines[:6] == ["工作表：项目自评表", "项目支出绩效自评表", "（2024年度） 金额单位：元",
                         "项目名称：4403220011A000000012-高标准农田建设", "主管部门：某县农业农村局",
                         "实施单位：某县农业技术推广中心"]
    # a merged group label (项目资金) names the row-label column; a caption's unit reaches the
    # amount headers; formulas give their cached values; percent formats give percentages
    assert ("项目资金：年度资金总额；年初预算数（元）：1,000,000.00；全年预算数（元）：1,860,000.00；"
            "全年执行数（元）：1,725,430.00；分值：10；执行率：92.77%；得分：9.28") in lines
    assert "项目资金：其他资金；年初预算数（元）：200,000.00；全年预算数（元）：360,000.00；" \
           "全年执行数（元）：325,430.00；执行率：90.40%" in lines
    # a merged text row ends the budget table: it is not a row of it
    assert "年度总体目标 预期目标 实际完成情况" in lines
    assert "新建高标准农田5000亩 建成5200亩，验收合格" in lines
    # merged data cells are written once (产出指标 covers two rows)
    assert ("二级指标：质量指标；三级指标：验收合格率；年度指标值：100%；实际完成值：98%；分值：20；"
            "得分：18；偏差原因分析及改进措施：个别地块返工") in lines
    assert "绩效指标：总分；分值：100；得分：95.25" in lines
    assert "工作表：部门整体" in lines and "工作表：空白" not in lines
    assert "资金来源：合计；年初预算数（万元）：2000.5；全年预算数（万元）：2150；" \
           "全年执行数（万元）：2064.32；执行率：96.02%" in lines
    assert "1860000.0" not in doc.text and "e+" not in doc.text.lower()


def test_a_self_evaluation_sheet_becomes_scoped_facts(workbook: Path) -> None:
    doc = load_report(workbook)
    prepared = prepare(doc.path, doc.text)
    rows = _rows(prepared.facts)
    project = "高标准农田建设"
    assert {
        ("project", project, "年初预算数", 100.0, "万元"),
        ("project", project, "预算数", 186.0, "万元"),
        ("project", project, "支出", 172.543, "万元"),
        ("project", project, "执行率", 92.77, "%"),
        ("indicator", "预算执行情况", "分值", 10.0, "分"),
        ("indicator", "预算执行情况", "得分", 9.28, "分"),
        ("project", project, "自评得分", 95.25, "分"),
        ("source", "财政资金", "支出", 140.0, "万元"),
        ("source", "其他资金", "执行率", 90.4, "%"),
        ("indicator", "验收合格率", "目标值", 100.0, "%"),
        ("indicator", "验收合格率", "实际值", 98.0, "%"),
        ("indicator", "验收合格率", "得分", 18.0, "分"),
        ("indicator", "农户满意度", "实际值", 95.0, "%"),
        ("indicator", "新建农田面积", "分值", 20.0, "分"),
        # the next sheet is a new form: its 合计 row is the department's, not the project's
        ("department", "", "预算数", 2150.0, "万元"),
        ("department", "", "支出", 2064.32, "万元"),
        ("department", "", "执行率", 96.02, "%"),
        ("source", "财政拨款", "支出", 1824.0, "万元"),
    } <= rows
    assert not [r for r in rows if r[0] == "project" and r[3] in (2150.0, 2064.32)]
    for f in prepared.facts:  # quotes are verbatim slices of the loaded text
        assert doc.text[f.num_start:f.num_end] == f.raw
        assert doc.text[f.start:f.end] == f.quote
    assert prepared.structure.title == "项目支出绩效自评表"
    assert prepared.structure.year == 2024


def test_two_row_header_under_merged_cells_is_combined() -> None:
    values = [["科目", "预算数", "", "执行数", "执行率"],
              ["", "年初", "全年", "", ""],
              ["基本支出", "300.00", "320.00", "310.50", "97.03%"]]
    merges = [(0, 0, 1, 0), (0, 1, 0, 2), (0, 3, 1, 3), (0, 4, 1, 4)]
    lines = grid_lines(build_grid(values, merges), unit="万元")
    assert lines == ["科目 年初预算数（万元） 全年预算数（万元） 执行数（万元） 执行率",
                     "科目：基本支出；年初预算数（万元）：300.00；全年预算数（万元）：320.00；"
                     "执行数（万元）：310.50；执行率：97.03%"]


def test_number_formats() -> None:
    assert format_number(1860000.0, "#,##0.00") == "1,860,000.00"
    assert format_number(1860000.0, "General") == "1860000"
    assert format_number(0.9277, "0.00%") == "92.77%"
    assert format_number(0.5, "0%") == "50%"
    assert format_number(2.675, "0.00") == "2.68"  # half away from zero, as Excel rounds
    assert format_number(-1234.5, "#,##0.00_);[Red](#,##0.00)") == "-1,234.50"
    assert format_number(12.5, '0.00"万元"') == "12.50万元"
    assert format_number(1234567.891, "#,##0") == "1,234,568"
    assert plain_number(0.1 + 0.2) == "0.3"
    assert plain_number(1.5e-7) == "0.00000015"
    assert plain_number(12345678901234.0) == "12345678901234"


# other ways in -----------------------------------------------------------------------------------
def test_big_workbooks_are_streamed_read_only(workbook: Path, monkeypatch) -> None:
    monkeypatch.setattr(xlsx, "READ_ONLY_OVER", 0)
    text = load_report(workbook).text
    # values and formats survive; merged ranges are unknown when streaming
    assert "1,725,430.00" in text and "92.77%" in text
    assert "项目名称：4403220011A000000012-高标准农田建设" in text


def test_legacy_xls_with_merges_and_formats(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("自评表")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    percent = xlwt.easyxf(num_format_str="0.00%")
    sheet.write_merge(0, 0, 0, 5, "项目支出绩效自评表（2023年度）")
    sheet.write(1, 0, "项目名称")
    sheet.write_merge(1, 1, 1, 5, "社区养老服务补助")
    for c, label in enumerate(["资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"]):
        sheet.write(2, c, label)
    for r, (label, a, b, e) in enumerate([("年度资金总额", 500000, 520000, 494000),
                                          ("其中：财政资金", 500000, 520000, 494000)], start=3):
        sheet.write(r, 0, label)
        for c, v in enumerate((a, b, e), start=1):
            sheet.write(r, c, v, money)
        sheet.write(r, 4, e / b, percent)
    sheet.write(3, 5, 9.5)
    path = tmp_path / "养老.xls"
    book.save(str(path))
    doc = load_report(path)
    assert doc.kind == "xls"
    assert "项目名称：社区养老服务补助" in doc.text
    assert ("资金来源：年度资金总额；年初预算数：500,000.00；全年预算数：520,000.00；"
            "全年执行数：494,000.00；执行率：95.00%；得分：9.5") in doc.text
    rows = _rows(prepare(doc.path, doc.text).facts)
    assert ("project", "社区养老服务补助", "执行率", 95.0, "%") in rows
    assert ("indicator", "预算执行情况", "得分", 9.5, "分") in rows
    assert ("source", "财政资金", "执行率", 95.0, "%") in rows


# bad input --------------------------------------------------------------------------------------
def test_broken_encrypted_and_empty_workbooks_are_refused(tmp_path: Path) -> None:
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(LoadError, match=r"坏\.xlsx.*not a readable \.xlsx"):
        load_report(broken)
    encrypted = tmp_path / "加密.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(LoadError, match="password-protected"):
        load_report(encrypted)
    empty = tmp_path / "空.xlsx"
    wb = openpyxl.Workbook()
    wb.create_sheet("第二页")
    wb.save(empty)
    with pytest.raises(LoadError, match="every sheet is empty"):
        load_report(empty)
    not_xls = tmp_path / "假.xls"
    not_xls.write_bytes(empty.read_bytes())
    with pytest.raises(LoadError, match="rename it to .xlsx"):
        load_report(not_xls)


def test_size_limit(workbook: Path) -> None:
    with pytest.raises(LoadError, match="over the limit"):
        load_report(workbook, max_bytes=1000)


def test_a_literal_percent_does_not_scale_and_trailing_commas_show_thousands() -> None:
    assert format_number(92.77, "0.00\\%") == "92.77%"  # the rate stored as 92.77
    assert format_number(0.9277, "0.00%") == "92.77%"  # the rate stored as a fraction
    assert format_number(1234567, "#,##0,") == "1,235"
    assert format_number(12345.678, '#,##0.00,"千"') == "12.35千"


def test_a_thousand_yuan_sheet_with_a_fraction_rate_reads_in_wan_yuan(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某某县档案局2023年度部门整体支出绩效自评表"])
    ws.append(["单位：千元"])
    ws.append(["项目", "全年预算数", "全年执行数", "执行率"])
    ws.append(["部门整体支出", 12345.6, 12000.5, 0.9721])
    ws["B4"].number_format = "#,##0.00"
    ws["D4"].number_format = "0.00%"
    path = tmp_path / "form.xlsx"
    wb.save(path)
    facts = {(f.metric, f.value, f.text_value)
             for f in prepare(path, load_report(path).text).facts if not f.subject}
    assert {("预算数", 1234.56, "12,345.60千元"), ("支出", 1200.05, "12000.5千元"),
            ("执行率", 97.21, "97.21%")} <= facts
