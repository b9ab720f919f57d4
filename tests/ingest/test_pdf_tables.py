"""PDF tables reach the text as row lines (``表头：值；表头：值``), and the PDF writer the tests
and the evaluation corpus use (`benchmarks/pdf_writer.py`) writes what pdfplumber reads back."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pdfplumber

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
