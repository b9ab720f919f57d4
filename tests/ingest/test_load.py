"""Report loaders: encodings, Markdown and .docx tables, PDF text layers, and every refusal.

All fixtures are generated in tmp_path: the .docx with python-docx, the PDFs written by hand
(a Type1 font for ASCII, the non-embedded Adobe-GB1 font STSong-Light for Chinese, so no font
file is needed), and the image-only PDF with Pillow.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from pathlib import Path

import docx
import pytest
from PIL import Image

from assistant.errors import LoadError
from assistant.ingest.readers.load import SUPPORTED_SUFFIXES, iter_report_files, load_report

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from pdf_writer import serialise  # noqa: E402

from assistant.ingest.tables.lines import looks_like_header, markdown_to_text, table_lines

# A real passage from a sample report (text extracted from its PDF).
SNIPPET = (
    "\n广州市番禺区人民政府办公室 2022 年\n部门整体支出绩效自评报告\n\n一、基本情况\n\n"
    "（三）部门整体收支情况\n\n全年总预算情况：2022 年度财政下达预算收入指标\n\n"
    "4,227.15 万元，均为一般公共预算财政拨款收入。全年支出\n\n"
    "4,144.86 万元，部门预算完成率为 98.05%。按支出分类：基本\n\n"
    "（1）收文处理率：预期全年收文处理率达 95%，实际全\n\n年共办理公文 14884 份。\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_error(path: Path, **kwargs: object) -> str:
    """The LoadError message for `path`; asserts that it names the file."""
    with pytest.raises(LoadError) as info:
        load_report(path, **kwargs)  # type: ignore[arg-type]
    message = str(info.value)
    assert path.name in message
    return message


# PDFs written by hand (serialised by benchmarks/pdf_writer.py) ---------------------------------
CJK_FONT = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
    b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
    b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
    b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
    b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 "
    b"/StemV 93 >> >>] >>"
)


def make_pdf(pages: list[list[str]], encrypted: bool = False) -> bytes:
    """A minimal PDF with one text line per entry; ASCII lines use Helvetica, others the
    Adobe-GB1 CID font (UCS-2 codes), which text extraction maps back to Unicode."""
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: CJK_FONT,
    }
    kids, n = [], 5
    for lines in pages:
        ops = []
        for i, line in enumerate(lines):
            if line.isascii():
                ops.append(b"BT /F1 12 Tf 72 %d Td (%s) Tj ET" % (780 - 20 * i, line.encode()))
            else:
                code = line.encode("utf-16-be").hex().encode()
                ops.append(b"BT /F2 12 Tf 72 %d Td <%s> Tj ET" % (780 - 20 * i, code))
        stream = b"\n".join(ops)
        objs[n] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        objs[n + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                       b" /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % n)
        kids.append(n + 1)
        n += 2
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    trailer_extra = b""
    if encrypted:  # standard security handler, with a U entry no empty password matches
        objs[n] = (b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <%s> /U <%s> >>"
                   % (b"11" * 32, b"22" * 32))
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (n, b"33" * 16, b"33" * 16)
    return serialise(objs, trailer_extra)


# plain text -------------------------------------------------------------------------------------
def test_utf8_and_gb18030_give_identical_text(tmp_path: Path) -> None:
    utf8 = load_report(write(tmp_path, "a.txt", SNIPPET.encode("utf-8")))
    gb = load_report(write(tmp_path, "b.txt", SNIPPET.encode("gb18030")))
    gbk = load_report(write(tmp_path, "c.txt", SNIPPET.encode("gbk")))
    assert utf8.text == gb.text == gbk.text == SNIPPET
    assert (utf8.encoding, gb.encoding, gbk.encoding) == ("utf-8", "gb18030", "gb18030")
    assert utf8.kind == "txt" and utf8.page_starts == (0,) and utf8.page_of(100) == 1
    assert utf8.sha256 == hashlib.sha256(SNIPPET.encode("utf-8")).hexdigest()
    assert utf8.path == tmp_path / "a.txt"


def test_utf8_bom_and_utf16_and_line_endings(tmp_path: Path) -> None:
    crlf = SNIPPET.replace("\n", "\r\n").encode("utf-8")
    doc = load_report(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + crlf))
    assert (doc.encoding, doc.text) == ("utf-8-sig", SNIPPET)
    doc = load_report(write(tmp_path, "old-mac.txt", SNIPPET.replace("\n", "\r").encode()))
    assert doc.text == SNIPPET
    doc = load_report(write(tmp_path, "notepad.txt", SNIPPET.encode("utf-16")))
    assert (doc.encoding, doc.text) == ("utf-16", SNIPPET)


def test_utf8_with_a_damaged_byte_is_not_read_as_gb18030(tmp_path: Path) -> None:
    cut = SNIPPET.rstrip("\n").encode("utf-8")[:-1]  # the final "。" cut mid-character
    doc = load_report(write(tmp_path, "cut.txt", cut))
    assert doc.encoding == "utf-8"
    assert doc.text == SNIPPET.rstrip("\n")[:-1] + "\ufffd"


def test_latin1_text_is_not_taken_for_gb18030(tmp_path: Path) -> None:
    latin1 = "Résumé of the café budget, naïve figures.".encode("latin-1")
    path = write(tmp_path, "latin.txt", latin1)
    assert "cannot decode: not UTF-8 or GB18030/GBK text" in load_error(path)


def test_binary_junk_txt_is_refused(tmp_path: Path) -> None:
    junk = bytes(range(256)) * 20
    assert "NUL bytes" in load_error(write(tmp_path, "junk.txt", junk))
    random = os.urandom(4000).replace(b"\x00", b"\x01")
    assert "cannot decode" in load_error(write(tmp_path, "random.txt", random))
    controls = bytes(range(1, 32)) * 50  # valid UTF-8, but control characters only
    assert "non-printable" in load_error(write(tmp_path, "controls.txt", controls))


# Markdown ---------------------------------------------------------------------------------------
MARKDOWN = """# 番禺区人民政府办公室2023年部门整体支出绩效自评报告

## 一、基本情况

部门预算完成率为 **98.05%**。

| 指标名称 | 目标值 | 实际完成值 | 得分 |
|:---|---:|:---:|---|
| 收文处理率 | 95% | 100% | 10 |
| 信息工作完成质量 | 100% |  | 9.5 |

表后的段落。
"""


def test_markdown_pipe_table_headings_and_bold(tmp_path: Path) -> None:
    doc = load_report(write(tmp_path, "r.md", MARKDOWN.encode("utf-8")))
    lines = doc.text.split("\n")
    assert doc.kind == "md" and doc.encoding == "utf-8"
    assert lines[0] == "番禺区人民政府办公室2023年部门整体支出绩效自评报告"
    assert lines[2] == "一、基本情况"
    assert "部门预算完成率为 98.05%。" in lines
    assert lines[6] == "指标名称 目标值 实际完成值 得分"
    assert lines[7] == "指标名称：收文处理率；目标值：95%；实际完成值：100%；得分：10"
    assert lines[8] == "指标名称：信息工作完成质量；目标值：100%；得分：9.5"
    assert lines[9] == "" and lines[10] == "表后的段落。"
    assert "---" not in doc.text and "|" not in doc.text and "**" not in doc.text


def test_markdown_pipe_without_delimiter_is_kept_as_text() -> None:
    assert markdown_to_text("a | b\nc | d") == "a | b\nc | d"
    table = "名称 | 金额\n--|--\n办公费 | 12.5"
    assert markdown_to_text(table) == "名称 金额\n名称：办公费；金额：12.5"


def test_table_lines_without_header_keep_the_text() -> None:
    assert table_lines([["说明"], ["全年共办理公文14884份"]]) == ["说明", "全年共办理公文14884份"]
    assert table_lines([["2021", "2022"], ["1.5", "2.0"]]) == ["2021 2022", "1.5 2.0"]
    assert not looks_like_header(["预算执行率：98%", "得分"])
    assert table_lines([]) == []


# .docx ------------------------------------------------------------------------------------------
def test_docx_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("一、部门整体绩效目标完成情况", level=1)
    document.add_paragraph("部门整体绩效目标产出指标完成情况如下。")
    table = document.add_table(rows=3, cols=4)
    for row, values in zip(table.rows, [
        ("指标名称", "目标值", "实际完成值", "得分"),
        ("收文处理率", "95%", "100%", "10"),
        ("信息工作\n完成质量", "100%", "", "9.5"),
    ]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph("二、存在的问题")
    path = tmp_path / "report.docx"
    document.save(path)

    doc = load_report(path)
    assert doc.kind == "docx" and doc.encoding is None and doc.page_starts == (0,)
    assert doc.text.split("\n") == [
        "一、部门整体绩效目标完成情况",
        "部门整体绩效目标产出指标完成情况如下。",
        "指标名称 目标值 实际完成值 得分",
        "指标名称：收文处理率；目标值：95%；实际完成值：100%；得分：10",
        "指标名称：信息工作 完成质量；目标值：100%；得分：9.5",
        "二、存在的问题",
    ]


def test_docx_merged_nested_and_single_column_tables(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("项目名称", "预算数", "执行数"),
                                        ("办公经费", "120", "118"), ("", "", "")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    merged = table.cell(2, 0).merge(table.cell(2, 2))  # one cell across the whole row
    merged.text = "合计 238"
    nested_host = table.cell(1, 2)
    nested_host.add_table(rows=1, cols=2).cell(0, 1).text = "其中结转 3"
    single = document.add_table(rows=2, cols=1)
    single.cell(0, 0).text = "备注"
    single.cell(1, 0).text = "无"
    path = tmp_path / "merged.docx"
    document.save(path)

    lines = load_report(path).text.split("\n")
    assert lines[1] == "项目名称：办公经费；预算数：120；执行数：118 其中结转 3"
    assert lines[2] == "项目名称：合计 238"
    assert lines[3:] == ["备注", "无"]


def test_docx_vertically_merged_cell_repeats_on_each_row(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("类别", "项目", "金额"), ("", "人员经费", "100"),
                                        ("", "公用经费", "20")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    table.cell(1, 0).merge(table.cell(2, 0)).text = "基本支出"
    path = tmp_path / "vmerge.docx"
    document.save(path)
    assert load_report(path).text.split("\n")[1:] == [
        "类别：基本支出；项目：人员经费；金额：100",
        "类别：基本支出；项目：公用经费；金额：20",
    ]


def test_corrupt_docx(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "broken.docx", b"PK\x03\x04 not really a zip"))
    assert "not a readable .docx" in message
    ole = write(tmp_path, "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "old binary .doc" in load_error(ole)


# PDF --------------------------------------------------------------------------------------------
def test_pdf_text_layer_with_pages(tmp_path: Path) -> None:
    path = write(tmp_path, "report.pdf", make_pdf([
        ["Budget 4,227.15", "Spent 4,144.86"],
        ["收文处理率 95%", "Score 97.8"],
    ]))
    doc = load_report(path)
    assert doc.kind == "pdf" and doc.encoding is None
    assert doc.text == "Budget 4,227.15\nSpent 4,144.86\n收文处理率 95%\nScore 97.8"
    assert doc.page_starts == (0, len("Budget 4,227.15\nSpent 4,144.86\n"))
    assert doc.page_of(0) == 1 and doc.page_of(doc.text.index("4,144.86")) == 1
    assert doc.page_of(doc.text.index("收文")) == 2 and doc.page_of(len(doc.text)) == 2


def test_pdf_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buffer, format="PDF")
    assert "OCR" in load_error(write(tmp_path, "scan.pdf", buffer.getvalue()))
    assert "OCR" in load_error(write(tmp_path, "blank.pdf", make_pdf([[], []])))


def test_unreadable_and_encrypted_pdf(tmp_path: Path) -> None:
    random = write(tmp_path, "random.pdf", os.urandom(3000))
    assert "not a readable PDF" in load_error(random)
    truncated = write(tmp_path, "cut.pdf", make_pdf([["Budget"]])[:60])
    assert "not a readable PDF" in load_error(truncated)
    locked = write(tmp_path, "locked.pdf", make_pdf([["Budget"]], encrypted=True))
    assert "password-protected" in load_error(locked)


# common checks ----------------------------------------------------------------------------------
def test_common_refusals(tmp_path: Path) -> None:
    assert "file not found" in load_error(tmp_path / "missing.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "directory" in load_error(folder)
    assert load_error(write(tmp_path, "empty.txt", b"")).endswith("empty file")
    assert "empty file" in load_error(write(tmp_path, "empty.pdf", b""))
    assert "blank" in load_error(write(tmp_path, "spaces.txt", b" \n\n "))
    message = load_error(write(tmp_path, "report.xyz", b"data"))
    assert "unsupported file type '.xyz' (supported: .txt .md .pdf .docx .xlsx .xls .html .htm " \
           ".mhtml .mht .doc .wps)" in message
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".pdf", ".docx", ".xlsx", ".xls", ".html", ".htm",
                                  ".mhtml", ".mht", ".doc", ".wps")


def test_oversize_file(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", SNIPPET.encode("utf-8") * 10)
    message = load_error(path, max_bytes=100)
    assert "over the limit of 0.000095 MB (JIXIAO_MAX_FILE_MB)" in message
    big = write(tmp_path, "huge.txt", b"a" * (3 * 1024 * 1024 + 300 * 1024))
    assert "file is 3.3 MB, over the limit of 2 MB" in load_error(big, max_bytes=2 * 1024 * 1024)
    assert load_report(path, max_bytes=10_000).text.startswith(SNIPPET)


def test_uppercase_suffix_is_accepted(tmp_path: Path) -> None:
    assert load_report(write(tmp_path, "R.TXT", SNIPPET.encode())).kind == "txt"


def test_iter_report_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ["b/2.pdf", "a.txt", "b/1.docx", ".hidden/x.txt", ".dot.md", "~$lock.docx",
                 "notes.csv"]:
        write(tmp_path, name, b"x")
    given = write(tmp_path, "extra.xyz", b"x")
    files = iter_report_files([tmp_path, given, tmp_path / "a.txt", tmp_path / "gone.pdf"])
    assert files == [tmp_path / "a.txt", tmp_path / "b/1.docx", tmp_path / "b/2.pdf", given,
                     tmp_path / "gone.pdf"]


def test_a_folders_own_notes_are_not_reports(tmp_path: Path) -> None:
    for name in ["README.md", "b/readme.txt", "LICENSE.txt", "2023自评报告.md", "CHANGELOG.md"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        write(tmp_path, name, b"x")
    assert iter_report_files([tmp_path]) == [tmp_path / "2023自评报告.md"]
    # named explicitly, a README is ingested like any file
    assert iter_report_files([tmp_path / "README.md"]) == [tmp_path / "README.md"]


def test_a_whole_form_in_one_table_writes_its_blocks_of_figures_as_pipe_rows() -> None:
    rows = [
        ["某站项目绩效自评表（2023年度）", None, None, None, None],
        ["填报单位", "某站", None, "主管部门", "某局"],
        ["资金情况", "", "全年预算数", "执行数", "得分"],
        ["资金情况", "资金总额", "50.00", "45.00", "9"],
        ["资金情况", "其中：自筹资金", "10.00", "8.00", "—"],
        ["总体目标", "完成巡检", None, None, None],
        ["指标", "名称", "目标值", "分值", "得分"],
        ["指标", "巡检次数", "≥12次", "90", "88"],
        ["合计", None, None, "100", "97"],
        ["自评等级", "优", None, None, None],
    ]
    lines = table_lines(rows)
    assert lines[:2] == ["某站项目绩效自评表（2023年度）", "填报单位 某站 主管部门 某局"]
    assert lines[2] == "| 资金情况 |  | 全年预算数 | 执行数 | 得分 |"
    # a label merged down the block is written once, figures (and dashes) every time
    assert lines[3] == "|  | 资金总额 | 50.00 | 45.00 | 9 |"
    assert lines[4] == "|  | 其中：自筹资金 | 10.00 | 8.00 | — |"
    assert lines[5] == "总体目标 完成巡检"
    assert lines[6:9] == ["| 指标 | 名称 | 目标值 | 分值 | 得分 |", "|  | 巡检次数 | ≥12次 | 90 | 88 |",
                          "| 合计 |  |  | 100 | 97 |"]
    assert lines[9] == "自评等级 优"


def test_a_whole_form_docx_is_read_as_tables(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from assistant.facts.checks import check_facts
    from tests.facts.extracted import facts

    document = docx.Document()
    table = document.add_table(rows=8, cols=7)
    cells = [
        ("某县林业站2023年度部门整体支出绩效自评表",) * 7,
        ("预算执行情况（万元）", "", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
        ("预算执行情况（万元）", "年度资金总额", "300.00", "291.00", "10", "97.00%", "9.7"),
        ("预算执行情况（万元）", "其中：上级补助资金", "40.00", "38.00", "—", "95.00%", "—"),
        ("绩效指标", "一级指标", "二级指标", "三级指标", "实际完成值", "分值", "得分"),
        ("绩效指标", "产出指标", "数量指标", "造林面积", "520亩", "60", "60"),
        ("绩效指标", "满意度指标", "满意度指标", "群众满意度", "93%", "30", "29"),
        ("总分", "", "", "", "", "100", "99.7"),
    ]
    for row, values in zip(table.rows, cells):
        for cell, value in zip(row.cells, values):
            cell.text = value
    table.cell(0, 0).merge(table.cell(0, 6))
    path = tmp_path / "form.docx"
    document.save(path)
    found = facts(load_report(path).text)
    rows = {(f.metric, f.scope, f.subject, f.value) for f in found}
    assert ("支出", "department", "", 291.0) in rows
    assert ("支出", "source", "上级补助资金", 38.0) in rows
    assert ("得分", "indicator", "群众满意度", 29.0) in rows
    assert any(f.metric == "得分" and f.value == 9.7 and f.scope == "indicator" for f in found)
    assert ("自评得分", "department", "", 99.7) in rows
    checked = check_facts([SimpleNamespace(**f.to_dict(), report_id="r.docx") for f in found])
    # 9.7 + 60 + 29 = 98.7, not the 99.7 the 总分 row states
    assert [x for x in checked if "指标得分之和为 98.7分" in x.message]
