"""Turn tables into plain text lines, one line per data row, that keep the column headers.

Under the header ``指标名称 | 目标值 | 得分`` a row becomes
``指标名称：收文处理率；目标值：95%；得分：10``. The .docx loader, the PDF loader
(`pdf_tables.py`) and `markdown_to_text` (Markdown pipe tables) all use this, so every table
reaches the later stages (fact extraction reads these lines by their headers) in the same
shape. A caption line just above a table giving its unit (``单位：元``) adds ``（元）`` to the
headers of its amount columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assistant.text.headers import line_unit
from assistant.text.numbers import HEADER_UNIT, NUMERIC_CELL

if TYPE_CHECKING:
    from docx.table import Table

# A cell is its text, or None where the grid position is covered by the cell to its left
# (a horizontally merged cell); such positions are skipped, so the value is written once.
Cell = str | None

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NOT_IN_HEADER = re.compile(r"[，。；;：:,]")
MAX_HEADER_CHARS = 24
CAPTION_MAX_CHARS = 60  # a longer line above a table is prose, not its caption
# a bare number in a cell: digits, thousands separators, decimals, no unit
_BARE_NUMBER = re.compile(r"[-+]?\d[\d,，]*(?:\.\d+)?")
# column headers whose numbers are not amounts: rates, scores, counts, ordinals, years
_NOT_AMOUNT = re.compile(r"率|比|[%％]|序号|编号|分值|得分|权重|年度|年份|数量|人数|个数|次数|户数")


def clean_cell(text: str) -> str:
    """One line per cell: newlines and runs of spaces become one space; semicolons, which
    separate the pairs of a row line, become commas."""
    text = _SPACE.sub(" ", text).strip()
    return text.replace("；", "，").replace(";", ",")


def looks_like_header(cells: Sequence[Cell]) -> bool:
    """True when a row reads like column headers: at least two distinct, short, non-numeric
    labels, none empty and none containing sentence punctuation."""
    labels = [c for c in cells if c is not None]
    if len(labels) < 2 or len(set(labels)) < 2:
        return False
    return all(
        label
        and len(label) <= MAX_HEADER_CHARS
        and not _NOT_IN_HEADER.search(label)
        and not NUMERIC_CELL.fullmatch(label)
        for label in labels
    )


def row_line(headers: Sequence[str], cells: Sequence[Cell]) -> str:
    """The ``表头：值；表头：值`` line of one data row. Empty cells are skipped, a value under a
    header that spans several columns is joined into one pair, a cell without a header is
    written bare."""
    pairs: list[list[str]] = []
    for i, cell in enumerate(cells):
        if not cell:
            continue
        key = headers[i] if i < len(headers) else ""
        if pairs and key and pairs[-1][0] == key:
            pairs[-1][1] += " " + cell
        else:
            pairs.append([key, cell])
    return "；".join(f"{k}：{v}" if k else v for k, v in pairs)


def table_lines(rows: Sequence[Sequence[Cell]], unit: str = "") -> list[str]:
    """Text lines for a whole table (cells already cleaned with `clean_cell`).

    With a header-looking first row, each later row becomes a `row_line` and the header row
    is kept as one line of its labels separated by spaces (readable, but not a row of pairs).
    Otherwise (one column, no header) every row is written as its non-empty cells joined by
    spaces, so no text is lost. `unit` is the unit a caption gives the table's amounts
    (``单位：元`` -> "元"): see `unit_header`.
    """
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        return []
    if len(rows) < 2 or not looks_like_header(rows[0]):
        return _form_lines(rows)
    header = unit_header(rows[0], rows[1:], unit) if unit else list(rows[0])
    headers = _spread_headers(header)
    lines = [" ".join(c for c in header if c)]
    for row in rows[1:]:
        if [c for c in row if c] == [c for c in rows[0] if c]:
            continue  # a repeated header row
        lines.append(row_line(headers, row))
    return lines


def _form_lines(rows: Sequence[Sequence[Cell]]) -> list[str]:
    """A table with no header on top (a whole form in one table: its title row, field rows,
    then blocks that each open with a header row of their own): every row as its non-empty
    cells joined by spaces, except the blocks of figures — a block header and the rows with
    numbers under it — which are written as pipe rows, every grid column in its place, so
    that they are read as tables (a form's 年度资金总额 row, its indicator rows, 总分)."""
    lines: list[str] = []
    block = False  # inside a block of figures
    for i, row in enumerate(rows):
        if not block and i + 1 < len(rows) and _block_header(row) and _has_figure(rows[i + 1]):
            block = True
            above: Sequence[Cell] = ()
        elif block and not _has_figure(row):
            block = False
        if block:
            lines.append("| " + " | ".join(_once(row, above)) + " |")
            above = row
        else:
            lines.append(" ".join(c for c in row if c))
    return lines


def _once(row: Sequence[Cell], above: Sequence[Cell]) -> list[str]:
    """A block row's cells, a label merged down from the row above (it repeats that row's
    cell: 绩效指标, 产出指标) written once, as an empty cell below — the way a form copied
    from a page shows it; figures stay, even when equal to the one above."""
    return ["" if c and i < len(above) and c == above[i] and _HAN.search(c) and not _DIGIT.search(c) else c or ""
            for i, c in enumerate(row)]


def _block_header(row: Sequence[Cell]) -> bool:
    """A header row inside a table: three or more distinct short labels, none a number (an
    empty cell under a label merged down from the row above is allowed)."""
    labels = [c for c in row if c]
    return len(set(labels)) >= 3 and all(
        len(c) <= MAX_HEADER_CHARS and not NUMERIC_CELL.fullmatch(c)
        and not _NOT_IN_HEADER.search(c) for c in labels)


def _has_figure(row: Sequence[Cell]) -> bool:
    return any(c and NUMERIC_CELL.fullmatch(c) for c in row)


def caption_unit(line: str) -> str:
    """The unit a table caption line gives its amounts (``单位：万元`` -> "万元", "表2 …（千元）"
    -> "千元"), or ""."""
    return line_unit(line)


def unit_header(header: Sequence[Cell], data: Sequence[Sequence[Cell]], unit: str) -> list[Cell]:
    """The header row with ``（unit）`` added to the labels of amount columns: columns whose
    filled cells (cells spanning several columns left out) are all bare numbers, under a
    label that names no unit of its own and is not a rate, score, count or year (``执行率``, ``得分``, ``序号`` keep their label). This is
    how a caption's ``单位：元`` reaches the header keys that `HEADER_UNIT` reads."""
    out = list(header)
    for i, label in enumerate(header):
        if not label or HEADER_UNIT.search(label) or _NOT_AMOUNT.search(label):
            continue
        span = i + 1
        while span < len(header) and header[span] is None:
            span += 1
        cells = [r[j] for r in data for j in range(i, min(span, len(r)))
                 if r[j] and not (j + 1 < len(r) and r[j + 1] is None)]
        if cells and all(_BARE_NUMBER.fullmatch(c) for c in cells):
            out[i] = f"{label}（{unit}）"
    return out


def _spread_headers(header_row: Sequence[Cell]) -> list[str]:
    """A header label for every grid column: a merged header covers the columns it spans."""
    headers: list[str] = []
    for cell in header_row:
        headers.append(cell if cell is not None else (headers[-1] if headers else ""))
    return headers


# Markdown pipe tables ------------------------------------------------------------------------
_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_PIPE = re.compile(r"(?<!\\)\|")
_INLINE_MARKUP = re.compile(r"\*\*|__|`")


def split_pipe_row(line: str) -> list[str]:
    """The cleaned cells of a Markdown table row (``| a | b |`` or ``a | b``)."""
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [clean_cell(_INLINE_MARKUP.sub("", c).replace("\\|", "|")) for c in _PIPE.split(inner)]


def is_pipe_table_start(line: str, next_line: str) -> bool:
    """True when `line` is a table's header row: it has a pipe and the next line is the
    ``|---|:--:|`` delimiter row."""
    return "|" in line and "|" in next_line and _DELIMITER.match(next_line) is not None


# Markdown documents -------------------------------------------------------------------------
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s+|$)")


def markdown_to_text(text: str) -> str:
    """Plain text from Markdown: pipe tables become one ``表头：值；…`` line per row, heading
    markers (``#``) and bold markers (``**``) are dropped; everything else is kept."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and is_pipe_table_start(lines[i], lines[i + 1]):
            rows: list[list[Cell]] = [list(split_pipe_row(lines[i]))]
            i += 2
            while i < len(lines) and lines[i].strip() and "|" in lines[i]:
                rows.append(list(split_pipe_row(lines[i])))
                i += 1
            caption = next((line for line in reversed(out) if line.strip()), "")
            unit = caption_unit(caption) if len(caption) <= CAPTION_MAX_CHARS else ""
            out.extend(table_lines(rows, unit))
            continue
        out.append(_HEADING.sub("", lines[i]).replace("**", ""))
        i += 1
    return "\n".join(out)


# .docx tables ----------------------------------------------------------------------------
def paragraph_text(element: Any, parent: Any) -> str:
    """A .docx paragraph's text as it reads with its tracked changes accepted: python-docx's
    text leaves out the runs of an insertion (w:ins, w:moveTo), so a figure a reviser typed
    in would be lost; a deletion's text (w:delText) is never read."""
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    if element.find(".//" + W_NS + "ins") is None and element.find(".//" + W_NS + "moveTo") is None:
        return Paragraph(element, parent).text
    out = []
    for r in element.iter(W_NS + "r"):
        if any(a.tag in (W_NS + "del", W_NS + "moveFrom") for a in r.iterancestors()):
            continue
        if _in_this(r, element):
            out.append(Run(r, parent).text)
    return "".join(out)


def _in_this(run: Any, paragraph: Any) -> bool:
    """Whether `run` belongs to `paragraph` itself, not to a paragraph nested deeper (a text
    box's)."""
    for a in run.iterancestors():
        if a.tag == W_NS + "p":
            return a is paragraph
    return False


def docx_table_rows(table: Table) -> list[list[Cell]]:
    """The cleaned cell texts of a python-docx table, aligned on its column grid, for
    `table_lines`. None marks a position covered by a merged cell on its left (a vertically
    merged cell repeats its text on each row it spans). A nested table's text is flattened
    into its cell's text: every paragraph under the cell, in order, however deep."""

    rows: list[list[Cell]] = []
    for row in table.rows:
        cells: list[Cell] = [""] * row.grid_cols_before
        previous = None
        for cell in row.cells:
            if cell._tc is previous:
                cells.append(None)
                continue
            previous = cell._tc
            texts = (paragraph_text(p, cell) for p in cell._tc.iter(W_NS + "p"))
            cells.append(clean_cell(" ".join(t for t in texts if t.strip())))
        rows.append(cells)
    return rows
