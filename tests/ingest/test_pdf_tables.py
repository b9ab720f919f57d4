"""PDF tables reach the text as row lines (``表头：值；表头：值``), and the PDF writer the tests
and the evaluation corpus use (`benchmarks/pdf_writer.py`) writes what pdfplumber reads back."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import docx
import pdfplumber
import pytest

from assistant.index.pipeline import prepare
from assistant.ingest.readers.load import LoadedDoc, load_report
from assistant.ingest.tables.lines import caption_unit, markdown_to_text, table_lines
from assistant.text.numbers import HEADER_UNIT

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from pdf_writer import SPAN_UP, PdfDoc, text_width, wrap  # noqa: E402


def pdf_pages(data: bytes) -> list[tuple[str, list[list[list[str | None]]]]]:
    """(extract_text, [table cells]) per page, read back with pdfplumber."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(p.extract_text(), [t.extract() for t in p.find_tables()]) for p in pdf.pages]


# the writer ---------------------------------------------------------------------------------
def test_writer_text_round_trips_chinese_and_ascii() -> None:
    doc = PdfDoc().text("一、部门基本情况", size=14).text("2023年预算执行率92.77%，Budget 4,227.15万元。")
    [(text, tables)] = pdf_pages(doc.to_bytes())
    assert text == "一、部门基本情况\n2023年预算执行率92.77%，Budget 4,227.15万元。"
    assert tables == []


def test_writer_wraps_long_lines_at_the_margin() -> None:
    assert text_width("ab中", 10) == 20
    assert wrap("一二三四五", 25, 10) == ["一二", "三四", "五"]
    line = "本单位严格执行预算管理制度，" * 8
    [(text, _)] = pdf_pages(PdfDoc().text(line).to_bytes())
    assert text.replace("\n", "") == line and text.count("\n") == 2


def test_writer_ruled_table_with_merged_cells() -> None:
    rows = [["项目名称", "预算数", "执行数"], ["办公经费", "1,200.00", "1,100.00"],
            ["合计", None, "1,100.00"], ["小计", "3.00", SPAN_UP]]
    data = PdfDoc().text("单位：元", align="right").table(rows, col_widths=[200, 100, 100]).to_bytes()
    [(text, [cells])] = pdf_pages(data)
    assert cells == [["项目名称", "预算数", "执行数"], ["办公经费", "1,200.00", "1,100.00"],
                     ["合计", None, "1,100.00"], ["小计", "3.00", None]]
    assert text.startswith("单位：元\n项目名称 预算数 执行数")


def test_writer_flows_a_long_table_over_pages() -> None:
    header = ["序号", "项目名称", "金额"]
    rows = [header] + [[str(i), f"项目{i}", f"{i},000.00"] for i in range(1, 61)]
    repeated = pdf_pages(PdfDoc(page_numbers=True).text("表1").table(rows, repeat_header=True)
                         .to_bytes())
    assert len(repeated) == 2
    first, second = repeated[0][1][0], repeated[1][1][0]
    assert first[0] == second[0] == header
    assert [r[0] for r in first[1:] + second[1:]] == [str(i) for i in range(1, 61)]
    assert repeated[0][0].endswith("— 1 —") and repeated[1][0].endswith("— 2 —")
    bare = pdf_pages(PdfDoc().table(rows).page_break().text("附件").to_bytes())
    assert len(bare) == 3 and bare[1][1][0][0] != header and bare[2][0] == "附件"


# PDF tables in the loaded text -------------------------------------------------------------
BUDGET = [["项目名称", "年初预算数", "全年预算数", "全年执行数", "执行率"],
          ["办公设备购置", "1,860,000.00", "1,860,000.00", "1,725,430.00", "92.77%"],
          ["档案数字化加工", "420,000.00", "455,000.00", "455,000.00", "100.00%"]]
BUDGET_WIDTHS = [140, 66, 66, 66, 44]
INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"]
INDICATOR_WIDTHS = [56, 56, 130, 70, 70, 40, 40]
GLUED = re.compile(r"\.\d{2}\d{1,3}[,.]")  # 1,860,000.001,725,430.00


def load_pdf(tmp_path: Path, doc: PdfDoc, name: str = "report.pdf") -> LoadedDoc:
    path = tmp_path / name
    path.write_bytes(doc.to_bytes())
    return load_report(path)


def budget_report() -> PdfDoc:
    doc = PdfDoc()
    doc.text("一、部门预算执行情况", size=14)
    doc.text("本年度严格按照预算批复组织实施，项目支出情况如下。")
    doc.text("单位：元", align="right")
    doc.table(BUDGET, col_widths=BUDGET_WIDTHS, padding=1)
    doc.text("二、绩效指标完成情况", size=14)
    return doc


def test_budget_table_becomes_row_lines_with_the_caption_unit(tmp_path: Path) -> None:
    doc = budget_report()
    with pdfplumber.open(io.BytesIO(doc.to_bytes())) as pdf:
        assert GLUED.search(pdf.pages[0].extract_text())  # the problem this solves
    loaded = load_pdf(tmp_path, doc)
    assert loaded.text.split("\n") == [
        "一、部门预算执行情况",
        "本年度严格按照预算批复组织实施，项目支出情况如下。",
        "单位：元",
        "项目名称 年初预算数（元） 全年预算数（元） 全年执行数（元） 执行率",
        "项目名称：办公设备购置；年初预算数（元）：1,860,000.00；全年预算数（元）：1,860,000.00；"
        "全年执行数（元）：1,725,430.00；执行率：92.77%",
        "项目名称：档案数字化加工；年初预算数（元）：420,000.00；全年预算数（元）：455,000.00；"
        "全年执行数（元）：455,000.00；执行率：100.00%",
        "二、绩效指标完成情况",
    ]
    assert not GLUED.search(loaded.text)
    assert HEADER_UNIT.search("全年执行数（元）").group(1) == "元"


def indicator_rows(n: int) -> list[list[str | None]]:
    rows: list[list[str | None]] = [list(INDICATOR_HEADER)]
    for i in range(n):
        rows.append(["产出指标" if i == 0 else SPAN_UP, "数量指标" if i % 4 == 0 else SPAN_UP,
                     f"宣传活动场次{i + 1}", "≥10场", f"{12 + i}场", "4", "4"])
    return rows


@pytest.mark.parametrize("repeat", [False, True])
def test_indicator_table_over_a_page_break_keeps_its_header(tmp_path: Path, repeat: bool) -> None:
    doc = PdfDoc(page_numbers=True)
    doc.text("绩效指标完成情况如下表。")
    doc.table(indicator_rows(40), col_widths=INDICATOR_WIDTHS, repeat_header=repeat)
    doc.text("综上，各项指标均已完成。")
    loaded = load_pdf(tmp_path, doc)
    lines = loaded.text.split("\n")
    assert lines[0] == "绩效指标完成情况如下表。"
    assert lines[1] == " ".join(INDICATOR_HEADER)
    rows = [line for line in lines if line.startswith("一级指标：")]
    assert len(rows) == 40 and lines.count(" ".join(INDICATOR_HEADER)) == 1
    for i, line in enumerate(rows):
        assert line == (f"一级指标：产出指标；二级指标：数量指标；三级指标：宣传活动场次{i + 1}；"
                        f"指标值：≥10场；实际完成值：{12 + i}场；分值：4；得分：4")
    assert lines[-2:] == ["综上，各项指标均已完成。", "— 2 —"]
    assert "— 1 —" in lines
    assert len(loaded.page_starts) == 2
    break_at = lines.index("— 1 —")
    assert loaded.page_starts[1] == len("\n".join(lines[:break_at + 1])) + 1
    assert loaded.page_of(loaded.text.index(rows[0])) == 1
    assert loaded.page_of(loaded.text.index("宣传活动场次40")) == 2


def test_a_repeated_header_row_is_dropped(tmp_path: Path) -> None:
    rows = [BUDGET[0]] + [[f"运维项目{i}", f"{i},000.00", f"{i},000.00", f"{i},000.00", "100%"]
                          for i in range(1, 61)]
    doc = PdfDoc().text("单位：元").table(rows, col_widths=BUDGET_WIDTHS, repeat_header=True)
    lines = load_pdf(tmp_path, doc).text.split("\n")
    assert lines[1] == "项目名称 年初预算数（元） 全年预算数（元） 全年执行数（元） 执行率"
    assert len(lines) == 62 and lines.count(lines[1]) == 1
    assert lines[-1] == ("项目名称：运维项目60；年初预算数（元）：60,000.00；全年预算数（元）："
                         "60,000.00；全年执行数（元）：60,000.00；执行率：100%")


def test_merged_cells_and_a_two_row_header(tmp_path: Path) -> None:
    doc = PdfDoc().text("金额单位：万元")
    doc.table([["项目名称", "预算数", None, "执行数"],
               [SPAN_UP, "年初", "调整后", SPAN_UP],
               ["培训费", "12.50", "13.00", "12.90"],
               ["合计", "12.50", "13.00", "12.90"],
               ["备注", "按实际参训人数结算", None, None]])
    lines = load_pdf(tmp_path, doc).text.split("\n")
    assert lines == [
        "金额单位：万元",
        "项目名称 预算数 年初（万元） 预算数 调整后（万元） 执行数（万元）",
        "项目名称：培训费；预算数 年初（万元）：12.50；预算数 调整后（万元）：13.00；执行数（万元）：12.90",
        "项目名称：合计；预算数 年初（万元）：12.50；预算数 调整后（万元）：13.00；执行数（万元）：12.90",
        "项目名称：备注；预算数 年初（万元）：按实际参训人数结算",
    ]


def test_prose_pages_and_boxes_of_one_column_stay_as_extract_text(tmp_path: Path) -> None:
    doc = PdfDoc(page_numbers=True)
    for i in range(30):
        doc.text(f"（{i + 1}）本单位全年共组织业务培训{i + 3}期，参训人员{120 + i}人次，培训覆盖率100%。")
    doc.table([["注：本表数据来源于财务决算报表"], ["以上数据均经审核"]])
    data = doc.to_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        expected = "\n".join(p.extract_text() for p in pdf.pages)
    loaded = load_pdf(tmp_path, doc)
    assert loaded.text == expected and "注：本表数据来源于财务决算报表" in expected


def test_a_new_table_at_the_top_of_a_page_keeps_its_own_header(tmp_path: Path) -> None:
    doc = PdfDoc().text("单位：元").table(BUDGET, col_widths=BUDGET_WIDTHS).page_break()
    doc.table([["序号", "问题", "整改措施", "完成时限", "责任科室"],
               ["1", "绩效目标不够细化", "细化量化指标", "2024年6月", "财务科"]])
    doc.page_break().table([["2", "资金支付进度偏慢", "加快支付", "2024年9月", "财务科"]])
    lines = load_pdf(tmp_path, doc).text.split("\n")
    assert lines[4:] == [  # the second table continues on the third page, the first does not
        "序号 问题 整改措施 完成时限 责任科室",
        "序号：1；问题：绩效目标不够细化；整改措施：细化量化指标；完成时限：2024年6月；责任科室：财务科",
        "序号：2；问题：资金支付进度偏慢；整改措施：加快支付；完成时限：2024年9月；责任科室：财务科",
    ]


def test_a_table_after_text_on_the_next_page_is_not_a_continuation(tmp_path: Path) -> None:
    doc = PdfDoc().table(BUDGET, col_widths=BUDGET_WIDTHS).page_break()
    doc.text("附表：其他说明").table([["项目A", "1.00", "2.00", "3.00", "50%"]])
    assert load_pdf(tmp_path, doc).text.split("\n")[-2:] == [
        "附表：其他说明", "项目A 1.00 2.00 3.00 50%"]


# units from captions -----------------------------------------------------------------------
def test_table_lines_unit_goes_to_amount_columns_only() -> None:
    rows = [["序号", "项目名称", "预算数", "执行数（万元）", "执行率", "得分", "支出"],
            ["1", "会议费", "8,000.00", "0.75", "93.75", "9", "7,500元"]]
    assert table_lines(rows, unit="元")[1] == (
        "序号：1；项目名称：会议费；预算数（元）：8,000.00；执行数（万元）：0.75；执行率：93.75；"
        "得分：9；支出：7,500元")
    assert table_lines(rows)[1].startswith("序号：1；项目名称：会议费；预算数：8,000.00；")
    assert [caption_unit(s) for s in ("单位：元", "单位:万元", "金额单位：元", "表3 收支表  单位：万元",
                                      "单位：元宝山区", "建设单位：区财政局")] == [
        "元", "万元", "元", "万元", "", ""]


def test_docx_caption_paragraph_gives_the_table_its_unit(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("单位：万元")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([["项目名称", "预算数", "执行率"], ["公务接待", "3.20", "87.5%"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("说明：以上为年度数据。")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "预算数"
    path = tmp_path / "report.docx"
    document.save(str(path))
    assert load_report(path).text.split("\n")[:4] == [
        "单位：万元", "项目名称 预算数（万元） 执行率", "项目名称：公务接待；预算数（万元）：3.20；执行率：87.5%",
        "说明：以上为年度数据。"]


def test_markdown_caption_line_gives_the_table_its_unit() -> None:
    text = "单位：万元\n\n| 项目名称 | 预算数 |\n|---|---|\n| 会议费 | 1.20 |"
    assert markdown_to_text(text).split("\n")[-1] == "项目名称：会议费；预算数（万元）：1.20"


# through the facts stage -------------------------------------------------------------------
def test_facts_come_from_a_pdf_budget_table(tmp_path: Path) -> None:
    doc = budget_report()
    doc.table(indicator_rows(3), col_widths=INDICATOR_WIDTHS)
    loaded = load_pdf(tmp_path, doc)
    prepared = prepare(loaded.path, loaded.text, loaded.page_of)
    got = {(f.scope, f.subject, f.metric, f.value, f.unit) for f in prepared.facts}
    assert ("project", "办公设备购置", "预算数", 186.0, "万元") in got
    assert ("project", "办公设备购置", "支出", 172.543, "万元") in got
    assert ("project", "办公设备购置", "执行率", 92.77, "%") in got
    assert ("project", "档案数字化加工", "预算数", 45.5, "万元") in got
    assert ("indicator", "宣传活动场次2", "得分", 4.0, "分") in got
    fact = next(f for f in prepared.facts if f.subject == "办公设备购置" and f.metric == "支出")
    assert fact.raw == "1,725,430.00" and fact.page == 1
    assert loaded.text[fact.start:fact.end].startswith("项目名称：办公设备购置；")
