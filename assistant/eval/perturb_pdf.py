"""Rewrites of `perturb.py` that set a report's text as a PDF page: two text columns (a
government gazette's page, whose extracted lines join the left and the right column on one
baseline) and tables whose columns line up by whitespace, with no ruling lines.

They draw with the repository's standard-library PDF writer, `benchmarks/pdf_writer.py`
(Adobe's STSong-Light CID font, which pdfplumber reads back without an embedded font). An
installed wheel has no `benchmarks/`: `available()` is then False and the rewrites are left
out of the set.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

from assistant.ingest.tables.rowlines import is_row_line

WRITER = Path(__file__).resolve().parents[2] / "benchmarks" / "pdf_writer.py"
SIZE = 10.5  # body text, points
GUTTER = 24.0  # between the two columns, points
CELL_GAP = 14.0  # between two table columns without rules, points
_RULE = re.compile(r":?-{3,}:?")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分)")


def available() -> bool:
    return WRITER.is_file()


@cache
def _writer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("jixiao_pdf_writer", WRITER)
    if spec is None or spec.loader is None:
        raise ImportError(f"no PDF writer at {WRITER}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _cells(line: str) -> list[str] | None:
    if line.count("|") < 2:
        return None
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return cells if len(cells) >= 2 else None


# what a typesetter keeps on one line: a run of Latin letters and digits (a figure, 2024年's
# digits), and a closing mark with what it closes (no line starts with ，。；：、）” …)
_TOKEN = re.compile(r"[0-9A-Za-z.,%+\-/:()~]+[，。；：、）》”’！？%％]*|.[，。；：、）》”’！？%％]*", re.S)


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` cut into lines no wider than `width` as a word processor sets Chinese: at any
    character, but never inside a figure or a Latin word, nor before a closing mark."""
    w = _writer()
    lines, line = [], ""
    for token in _TOKEN.findall(text):
        if line and w.text_width(line + token, size) > width:
            lines.append(line)
            line = ""
        line += token
    lines.append(line)
    return lines


def _paragraph(doc, line: str, size: float = SIZE) -> None:  # noqa: ANN001 - a PdfDoc
    """A paragraph across the text width at the flow position, wrapped by `wrap`."""
    for piece in wrap(line, doc.text_width, size):
        doc._room(size * doc.leading)
        doc.y -= size * doc.leading
        if piece:
            doc.text_at(doc.margin, doc.y + size * 0.3, piece, size)


def _row(doc, line: str) -> None:  # noqa: ANN001 - a PdfDoc
    """A table's row written as one line of text (a ` | ` row, or a loader's row line
    ``表头：值；表头：值``): on one line across the page, in a smaller size when it is long, as a
    table's row is set, never wrapped into the next row."""
    w = _writer()
    size = SIZE
    while size > 4 and w.text_width(line, size) > doc.text_width:
        size -= 0.25
    doc._room(size * 1.6)
    doc.y -= size * 1.6
    doc.text_at(doc.margin, doc.y + size * 0.3, line, size)


def _table(doc, block: list[list[str]]) -> None:  # noqa: ANN001 - a PdfDoc
    """The rows gathered so far as a table without rules (and `block` emptied): each cell at
    its column's left edge, a figure right-aligned; a form with merged cells (rows of unequal
    length) is written row by row as its ` | ` text, as only rules could show its merges."""
    w = _writer()
    if len({len(_trimmed(r)) for r in block}) > 1:
        for row in block:
            _row(doc, "| " + " | ".join(row) + " |")
        block.clear()
    if not block:
        return
    ncols = max(map(len, block))
    rows = [r + [""] * (ncols - len(r)) for r in block]
    size = SIZE
    while True:
        widths = [max(w.text_width(r[j], size) for r in rows) for j in range(ncols)]
        if sum(widths) + CELL_GAP * (ncols - 1) <= doc.text_width or size <= 5:
            break
        size -= 0.5
    doc.space(size * 0.5)
    for row in rows:
        doc._room(size * 1.6)
        doc.y -= size * 1.6
        x = doc.margin
        for cell, width in zip(row, widths, strict=True):
            if cell:
                right = w._FIGURE.fullmatch(cell) is not None
                doc.text_at(x + width - w.text_width(cell, size) if right else x,
                            doc.y + size * 0.3, cell, size)
            x += width + CELL_GAP
    doc.space(size * 0.5)
    block.clear()


def _trimmed(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _front(lines: list[str]) -> int:
    """How many lines at the top are the title block (set across both columns): those
    before the first heading (一、) or the first long paragraph, at most six."""
    for i, line in enumerate(lines[:6]):
        if _HEADING.match(line) or len(line.strip()) > 30:
            return i
    return min(6, len(lines))


# two columns -------------------------------------------------------------------------------
def two_column_pdf(text: str) -> tuple[str, bytes]:
    """The text as a gazette's two-column pages: the title block across the page, then the body in two columns, each prose run balanced over the columns as a
    gazette sets it, table rows (their ` | ` text) across the page between the runs, and a
    page number (－3－) centred at the foot."""
    w = _writer()
    doc = w.PdfDoc(size=SIZE, margin=56)
    column = (doc.text_width - GUTTER) / 2
    lines = text.split("\n")
    front = _front(lines)
    for line in lines[:front]:
        if line.strip():
            doc.text(line.strip(), size=SIZE * 1.3, align="center")
    doc.space(6)

    run: list[str] = []
    for line in lines[front:]:
        if _cells(line) is None and not is_row_line(line):
            run.extend(p for p in wrap(line.strip(), column, SIZE) if p)
            continue
        _columns(doc, run, column)
        run = []
        if not all(_RULE.fullmatch(c) for c in _cells(line) or ()):  # a Markdown rule: no row
            _row(doc, line.strip())
    _columns(doc, run, column)
    return ".pdf", _numbered(doc, w)


def _columns(doc, pieces: list[str], column: float) -> None:  # noqa: ANN001 - a PdfDoc
    """Wrapped lines set in two columns from the flow position, balanced: the left column
    takes the first half, the right one the rest; what does not fit goes on the next page."""
    step = SIZE * doc.leading
    while pieces:
        rows = max(1, int((doc.y - doc.bottom) // step))
        if rows < 2 and len(pieces) > 1:
            doc.page_break()
            continue
        half = min(rows, -(-len(pieces) // 2))
        left, right, pieces = pieces[:half], pieces[half:2 * half], pieces[2 * half:]
        y = doc.y
        for k, piece in enumerate(left):
            doc.text_at(doc.margin, y - step * (k + 1) + SIZE * 0.3, piece, SIZE)
        for k, piece in enumerate(right):
            doc.text_at(doc.margin + column + GUTTER, y - step * (k + 1) + SIZE * 0.3, piece, SIZE)
        doc.y = y - step * len(left)
        if pieces:
            doc.page_break()


def _numbered(doc, w) -> bytes:  # noqa: ANN001 - the writer's PdfDoc, loaded at run time
    """The pages with a gazette page number (－n－) centred at the foot."""
    for n, page in enumerate(doc.pages, 1):
        label = f"－{n}－"
        x = (doc.width - w.text_width(label, 9)) / 2
        page.ops.append(w._show(x, doc.margin / 2, label, 9))
    return doc.to_bytes()


# tables without rules ----------------------------------------------------------------------
def borderless_pdf(text: str) -> tuple[str, bytes]:
    """The text as a one-column PDF whose tables have no ruling lines: each cell at its
    column's left edge (a figure right-aligned in its column), columns as wide as their
    widest cell and a gap apart, an empty cell left blank; a table wider than the page is
    set in a smaller size; a row line (表头：值；…) on one line, as a table's row."""
    doc = _writer().PdfDoc(size=SIZE, margin=56)
    block: list[list[str]] = []
    for line in text.split("\n"):
        cells = _cells(line)
        if cells is None:
            _table(doc, block)
            (_row if is_row_line(line) else _paragraph)(doc, line.strip())
        elif not all(_RULE.fullmatch(c) for c in cells):  # a Markdown rule row is no row
            block.append(cells)
    _table(doc, block)
    return ".pdf", doc.to_bytes()
