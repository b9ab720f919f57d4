"""Rewrites of a report's text that change no fact (the metamorphic check of `jixiao eval-facts
--perturb`).

Each perturbation is pure: it takes the report's text (as `load_report` reads it, line ends
"\\n") and returns the file to write, as (suffix, bytes). What a reader sees stays the same —
the same figures, the same department and year — only the notation or the file format
differs: full-width digits, thousands grouped by spaces or no-break spaces, a field label or
a list marker before the title, Windows line ends, other heading markers, table rows one cell
per line, one per paragraph or tab-separated, the text as a saved web page with its site chrome (its tables one
cell per line too), or as a .docx; tables aligned by ideographic spaces (U+3000), a Word-saved
web page whose runs split numbers across <span>s, and — where the repository's PDF writer is
beside the package (`benchmarks/pdf_writer.py`) — the text set as a two-column gazette page or
as a PDF whose tables have no ruling lines (`perturb_pdf.py`).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.eval import perturb_pdf
from assistant.text.markers import ATTACHMENT_LINE

_DIGITS = str.maketrans({**{str(i): chr(0xFF10 + i) for i in range(10)}, "%": "％"})
_NUMBER = re.compile(r"-?\d[\d,.]*\d%?|-?\d%?")


@dataclass(frozen=True)
class Perturbation:
    name: str
    what: str
    render: Callable[[str], tuple[str, bytes]]  # report text -> (suffix, file bytes)


def _txt(text: str) -> tuple[str, bytes]:
    return ".txt", text.encode("utf-8")


# notation ---------------------------------------------------------------------------------------
def full_width(text: str) -> str:
    """Every number in full-width forms: １，２３４．５６万元, ９８．５％, －３."""
    def wide(m: re.Match[str]) -> str:
        return (m.group().translate(_DIGITS).replace(",", "，").replace(".", "．")
                .replace("-", "－"))
    return _NUMBER.sub(wide, text)


def space_grouped(text: str) -> str:
    """Thousands separated by spaces instead of commas (1 234.56万元)."""
    return _GROUPED.sub(lambda m: m.group().replace(",", " "), text)


def no_break_grouped(text: str) -> str:
    """Thousands separated by no-break spaces (1 234.56万元), as a web page's &nbsp; or a word
    processor's grouping writes them."""
    return _GROUPED.sub(lambda m: m.group().replace(",", "\u00a0"), text)


_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])")


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


# the title --------------------------------------------------------------------------------------
def _title_index(lines: list[str]) -> int | None:
    """The first line of the report's title: the first non-blank line that is not an
    attachment mark (附件 2), not a file name, not a long paragraph."""
    for i, line in enumerate(lines):
        text = line.strip()
        if text and not ATTACHMENT_LINE.match(text) and len(text) <= 60 \
                and not re.search(r"\.(?:docx?|pdf|txt|xlsx?)$", text, re.I):
            return i
    return None


def _before_title(text: str, prefix: str) -> str:
    lines = text.split("\n")
    i = _title_index(lines)
    if i is None:
        return text
    lead = len(lines[i]) - len(lines[i].lstrip())
    lines[i] = lines[i][:lead] + prefix + lines[i][lead:]
    return "\n".join(lines)


def field_label(text: str) -> str:
    """A form's field label before the title's name (填报单位：…局…)."""
    return _before_title(text, "填报单位：")


def field_label_ascii(text: str) -> str:
    """A field label of other wording, with an ASCII colon (部门（单位）名称: …局…)."""
    return _before_title(text, "部门（单位）名称: ")


def list_marker(text: str) -> str:
    """A list marker before the title, as a page listing several reports writes it (2.…)."""
    return _before_title(text, "2.")


def list_marker_paren(text: str) -> str:
    """A bracketed list marker before the title (（一）…)."""
    return _before_title(text, "（一）")


PAGE_CHROME = ("某某市人民政府门户网站", "首页 > 信息公开 > 部门预决算 > 绩效评价",
               "发布日期：2024-04-28 索引号：000000000/2024-00001", "字号 大 中 小", "打印 关闭")


def page_chrome(text: str) -> str:
    """A web page's chrome copied as text above the report: site name, breadcrumb,
    metadata, the font-size bar, print/close."""
    return "\n".join(PAGE_CHROME) + "\n" + text


# headings ---------------------------------------------------------------------------------------
_CN = "一二三四五六七八九十"
_TOP = re.compile(rf"^(\s*)([{_CN}]{{1,3}})、")
_PART = re.compile(rf"^(\s*)第([{_CN}]{{1,3}})部分\s*")
_ARABIC = re.compile(r"^(\s*)(\d{1,2})[.．、](?!\d)\s*")
_PAREN = re.compile(r"^(\s*)[（(](\d{1,2})[)）]\s*")


def heading_style(text: str) -> str:
    """Other heading markers, swapped both ways so levels stay apart: 一、 ↔ 第一部分 and
    1. ↔ （1）."""
    out = []
    for line in text.split("\n"):
        if m := _TOP.match(line):
            line = f"{m.group(1)}第{m.group(2)}部分 {line[m.end():]}"
        elif m := _PART.match(line):
            line = f"{m.group(1)}{m.group(2)}、{line[m.end():]}"
        elif m := _ARABIC.match(line):
            line = f"{m.group(1)}（{m.group(2)}）{line[m.end():]}"
        elif m := _PAREN.match(line):
            line = f"{m.group(1)}{m.group(2)}.{line[m.end():]}"
        out.append(line)
    return "\n".join(out)


# tables -----------------------------------------------------------------------------------------
def _cells(line: str) -> list[str] | None:
    """A table row's cells: a line of ' | '-separated cells (two bars at least)."""
    if line.count("|") < 2:
        return None
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return cells if len(cells) >= 2 else None


def cells_per_line(text: str) -> str:
    """Every table row's cells one per line (a form copied from a web page)."""
    out = []
    for line in text.split("\n"):
        cells = _cells(line)
        out.extend(cells if cells is not None else [line])
    return "\n".join(out)


def cells_per_paragraph(text: str) -> str:
    """Every table row's cells one per paragraph: a blank line between two cells, an empty
    cell an empty paragraph (two blank lines more), as a page's form copied cell by cell."""
    out = []
    for line in text.split("\n"):
        cells = _cells(line)
        out.append("\n".join(c + "\n" for c in cells) if cells is not None else line)
    return "\n".join(out)


def tab_separated(text: str) -> str:
    """Every table row's cells separated by tabs (a sheet pasted as text)."""
    out = []
    for line in text.split("\n"):
        cells = _cells(line)
        out.append("\t".join(cells) if cells is not None else line)
    return "\n".join(out)


# formats ----------------------------------------------------------------------------------------
PAGE_TOP = ("某某市人民政府门户网站", "首页 > 信息公开 > 法定主动公开内容 > 绩效评价",
            "索引号：000000000/2024-00001", "发布日期：2024-04-28", "字号：大 中 小")
PAGE_FOOT = ("【打印】 【关闭】", "上一篇：关于公开部门决算的说明", "网站标识码：0000000000")


def web_page(text: str) -> tuple[str, bytes]:
    """The text as the article of a saved government web page: site name, breadcrumb,
    metadata and font-size bar above, print/close and 上一篇 links below."""
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))
    top = "".join(f"<div>{html.escape(line)}</div>" for line in PAGE_TOP)
    foot = "".join(f"<div>{html.escape(line)}</div>" for line in PAGE_FOOT)
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>某某市人民政府门户网站'
            f'</title></head><body>{top}<div class="article">{paragraphs}</div>{foot}'
            "</body></html>")
    return ".html", page.encode("utf-8")


def word_document(text: str) -> tuple[str, bytes]:
    """The text as a .docx, one paragraph per line."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(_xml_safe(line))
    buffer = io.BytesIO()
    document.save(buffer)
    return ".docx", buffer.getvalue()


def web_form(text: str) -> tuple[str, bytes]:
    """Every table row's cells one per line, in a saved web page: a 绩效自评表 copied from a
    page one cell per paragraph, an empty cell an empty paragraph."""
    return web_page(cells_per_line(text))


def ideographic_aligned(text: str) -> str:
    """Every table row's cells padded into columns with ideographic spaces (U+3000), as a
    text report aligns a table without bars: a column as wide as its widest cell (a CJK
    character two places, an ASCII one, rounded up to whole U+3000), two U+3000 between
    columns; an empty cell is all padding; a Markdown rule row (| --- |) is left out. Only a
    rectangular table is aligned (every row as long as the header, empty cells inside it): the
    bars of a form with merged cells do not say under which column a shorter row's cells sit,
    so it stays as it is written."""
    out: list[str] = []
    block: list[list[str]] = []

    def flush() -> None:
        if block and len({len(_trimmed(r)) for r in block}) > 1:
            out.extend("| " + " | ".join(r) + " |" for r in block)  # not rectangular
        elif block:
            widths = [max(_width(r[j]) if j < len(r) else 0 for r in block)
                      for j in range(max(map(len, block)))]
            for row in block:
                cells = [_pad(c, widths[j]) for j, c in enumerate(row)]
                out.append("\u3000\u3000".join(cells).rstrip("\u3000 "))
        block.clear()

    for line in text.split("\n"):
        cells = _cells(line)
        if cells is None:
            flush()
            out.append(line)
        elif not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
            block.append(cells)
    flush()
    return "\n".join(out)


def _trimmed(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _width(cell: str) -> int:
    return sum(1 if ord(ch) < 0x2E80 else 2 for ch in cell)


def _pad(cell: str, width: int) -> str:
    return cell + "\u3000" * -(-(width - _width(cell)) // 2)


_RUN_CUT = re.compile(r"\d[\d,.]*\d")


def word_spans(text: str) -> tuple[str, bytes]:
    """The text as a Word "save as web page": each paragraph cut into mso-styled <span> runs,
    a run boundary inside every longer number (86,41</span><span …>2.58), <o:p></o:p> at the
    end, CRLF line ends and a line break inside the tags."""
    def runs(line: str) -> str:
        pieces, last = [], 0
        for m in _RUN_CUT.finditer(line):
            cut = m.start() + (m.end() - m.start()) // 2
            pieces.append(line[last:cut])
            last = cut
        pieces.append(line[last:])
        return "".join(f'<span lang=EN-US style=\'font-size:12.0pt;\r\nfont-family:"仿宋"\'>'
                       f"{html.escape(p)}</span>" for p in pieces if p)
    body = "\r\n".join(f"<p class=MsoNormal style='text-indent:32.0pt'>{runs(line)}"
                        "<o:p></o:p></p>" if line.strip() else
                        "<p class=MsoNormal><o:p>&nbsp;</o:p></p>" for line in text.split("\n"))
    page = ('<html xmlns:o="urn:schemas-microsoft-com:office:office">\r\n<head>'
            '<meta http-equiv=Content-Type content="text/html; charset=utf-8">\r\n'
            "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>admin</o:Author>"
            "</o:DocumentProperties></xml><![endif]-->\r\n<style>p.MsoNormal{margin:0cm}"
            "</style></head>\r\n<body lang=ZH-CN style='tab-interval:21.0pt'>\r\n"
            f"<div class=WordSection1>\r\n{body}\r\n</div>\r\n</body>\r\n</html>")
    return ".html", page.encode("utf-8")


def _xml_safe(line: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", line)


def _text(rewrite: Callable[[str], str]) -> Callable[[str], tuple[str, bytes]]:
    return lambda text: _txt(rewrite(text))


PERTURBATIONS: tuple[Perturbation, ...] = (
    Perturbation("full_width", "full-width digits and signs", _text(full_width)),
    Perturbation("space_grouped", "spaces as thousands separators", _text(space_grouped)),
    Perturbation("nbsp_grouped", "no-break spaces as thousands separators",
                 _text(no_break_grouped)),
    Perturbation("field_label", "a field label before the title", _text(field_label)),
    Perturbation("field_label_ascii", "another field label, ASCII colon",
                 _text(field_label_ascii)),
    Perturbation("list_marker", "a list marker before the title", _text(list_marker)),
    Perturbation("list_marker_paren", "（一） before the title", _text(list_marker_paren)),
    Perturbation("page_chrome", "a web page's chrome lines above the title", _text(page_chrome)),
    Perturbation("crlf", "Windows line ends", _text(crlf)),
    Perturbation("heading_style", "一、↔第一部分, 1.↔（1）", _text(heading_style)),
    Perturbation("cells_per_line", "table cells one per line", _text(cells_per_line)),
    Perturbation("cells_per_paragraph", "table cells one per paragraph",
                 _text(cells_per_paragraph)),
    Perturbation("tab_separated", "table cells tab-separated", _text(tab_separated)),
    Perturbation("web_page", "a saved web page with site chrome", web_page),
    Perturbation("web_form", "table cells one per line in a saved web page", web_form),
    Perturbation("docx", "a .docx document", word_document),
    Perturbation("ideographic_aligned", "table columns aligned by U+3000 spaces",
                 _text(ideographic_aligned)),
    Perturbation("word_spans", "a Word-saved web page, numbers split across <span>s",
                 word_spans),
)
# PDF pages drawn by the repository's writer: by name only (`perturbation`), not yet in the
# default set — set as PDF, a report's wrapped lines and tables still change facts that the
# text version keeps (see the session notes), so the CI check would fail on the page, not on
# the columns
PDF_PERTURBATIONS: tuple[Perturbation, ...] = (
    Perturbation("two_column_pdf", "a two-column gazette PDF page", perturb_pdf.two_column_pdf),
    Perturbation("borderless_pdf", "a PDF whose tables have no ruling lines",
                 perturb_pdf.borderless_pdf),
) if perturb_pdf.available() else ()


def perturbation(name: str) -> Perturbation:
    for p in PERTURBATIONS + PDF_PERTURBATIONS:
        if p.name == name:
            return p
    raise KeyError(name)
