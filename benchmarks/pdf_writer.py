"""A small PDF writer for tests and evaluation corpora: text lines and ruled tables, with
automatic page flow, and no dependency beyond the standard library.

The PDF is written by hand: one font, the Adobe-GB1 CID font ``STSong-Light`` with the
``UniGB-UCS2-H`` encoding, which PDF readers (and pdfminer/pdfplumber) know without an
embedded font file, so Chinese and ASCII text extract back to the same Unicode. ASCII
characters are half width (500/1000 em), everything else full width.

    doc = PdfDoc()
    doc.text("一、部门基本情况", size=14)
    doc.text("单位：元", align="right")
    doc.table([["项目名称", "预算数"], ["办公经费", "1,200.00"]], col_widths=[300, 150])
    doc.page_break()
    path.write_bytes(doc.to_bytes())

Tables are ruled: every cell is a stroked rectangle (``re S``), its text wrapped inside it.
A cell given as None is covered by the cell on its left (a horizontally merged cell, the
`assistant.ingest.tables.lines.Cell` convention); `SPAN_UP` marks a cell covered by the cell
above (a vertically merged cell). A table that does not fit goes on over the next pages;
with ``repeat_header=True`` its first ``header_rows`` rows are drawn again on each new page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

A4 = (595.0, 842.0)
SPAN_UP = "\x00up"  # a table cell covered by the cell above it (vertical merge)
_FIGURE = re.compile(r"[-+]?[\d,.]+\s*(?:%|万元|元|分)?")

_FONT = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
    b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
    b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 "
    b"/W [1 95 500] "
    b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
    b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 "
    b"/StemV 93 >> >>] >>"
)


def text_width(text: str, size: float) -> float:
    """The width of `text` in points: ASCII half an em, other characters a whole em."""
    return sum(0.5 if " " <= ch <= "~" else 1.0 for ch in text) * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` cut into lines no wider than `width` (at any character, as Chinese is set);
    an explicit newline always starts a new line."""
    lines: list[str] = []
    for part in text.split("\n"):
        line = ""
        for ch in part:
            if line and text_width(line + ch, size) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


@dataclass
class _Page:
    ops: list[bytes] = field(default_factory=list)


class PdfDoc:
    """A document built top-down: `text` lines and `table`s flow onto A4 pages.

    Every method returns the document, so calls chain. Coordinates are PDF points with the
    origin at the page's lower left corner.
    """

    def __init__(self, size: float = 12, margin: float = 56, page: tuple[float, float] = A4,
                 leading: float = 1.5, page_numbers: bool = False) -> None:
        self.size = size
        self.margin = margin
        self.width, self.height = page
        self.leading = leading
        self.page_numbers = page_numbers
        self.pages: list[_Page] = [_Page()]
        self._numbers_right = True
        self.y = self.top

    # layout ------------------------------------------------------------------------------
    @property
    def top(self) -> float:
        return self.height - self.margin

    @property
    def bottom(self) -> float:
        return self.margin

    @property
    def text_width(self) -> float:
        return self.width - 2 * self.margin

    def page_break(self) -> PdfDoc:
        """Start a new page."""
        self.pages.append(_Page())
        self.y = self.top
        return self

    def space(self, points: float) -> PdfDoc:
        """Leave `points` of vertical space (a new page when the space runs out)."""
        self.y -= points
        if self.y < self.bottom:
            self.page_break()
        return self

    def _room(self, height: float) -> None:
        if self.y - height < self.bottom and self.y < self.top:
            self.page_break()

    # text --------------------------------------------------------------------------------
    def text_at(self, x: float, y: float, line: str, size: float | None = None) -> PdfDoc:
        """One line with its baseline starting at (x, y) on the current page; the flow
        position is not moved."""
        self.pages[-1].ops.append(_show(x, y, line, size or self.size))
        return self

    def text(self, line: str, size: float | None = None, align: str = "left",
             indent: float = 0) -> PdfDoc:
        """A paragraph at the flow position, wrapped at the right margin like a typeset
        report; `align` is "left", "center" or "right"."""
        size = size or self.size
        for piece in wrap(line, self.text_width - indent, size):
            self._room(size * self.leading)
            self.y -= size * self.leading
            width = text_width(piece, size)
            x = self.margin + indent
            if align == "center":
                x = self.margin + (self.text_width - width) / 2
            elif align == "right":
                x = self.margin + self.text_width - width
            if piece:
                self.text_at(x, self.y + size * 0.3, piece, size)
        return self

    # tables ------------------------------------------------------------------------------
    def table(self, rows: Sequence[Sequence[str | None]], col_widths: Sequence[float] | None = None,
              size: float | None = None, repeat_header: bool = False, header_rows: int = 1,
              padding: float = 3, numbers_right: bool = True) -> PdfDoc:
        """A ruled table at the flow position, one row after another, going on over the
        next pages when it does not fit. `col_widths` in points (default: the text width
        shared equally; scaled down when wider than the text width). A cell None is merged
        into the cell on its left, a cell `SPAN_UP` into the cell above. Cells that are
        figures are right-aligned (as reports set amounts) unless `numbers_right` is False."""
        size = size or self.size * 0.875
        ncols = max(len(r) for r in rows)
        widths = list(col_widths or [self.text_width / ncols] * ncols)
        if sum(widths) > self.text_width:
            widths = [w * self.text_width / sum(widths) for w in widths]
        grid = [list(r) + [""] * (ncols - len(r)) for r in rows]
        heights = _row_heights(grid, widths, size, padding)
        self._numbers_right = numbers_right
        self.space(size * 0.5)
        for i in range(len(grid)):
            first = i == 0 or self.y == self.top  # a cell merged down from above starts here
            if self.y - heights[i] < self.bottom and self.y < self.top:
                self.page_break()
                first = True
                if repeat_header and header_rows <= i:
                    for h in range(header_rows):
                        self._draw_row(grid, h, widths, heights, size, padding, first=h == 0)
            self._draw_row(grid, i, widths, heights, size, padding, first=first)
        self.space(size * 0.5)
        return self

    def _draw_row(self, grid: list[list[str | None]], i: int, widths: list[float],
                  heights: list[float], size: float, padding: float, first: bool) -> None:
        """Row `i` below the flow position: each cell's rectangle, extended down over the
        cells `SPAN_UP` below it (on this page) and right over the None cells after it."""
        row, x = grid[i], self.margin
        for j, cell in enumerate(row):
            width = widths[j]
            if cell is None:  # drawn by the cell on its left, which advanced x over it
                continue
            if cell == SPAN_UP and not first:
                x += width
                continue
            span = j + 1
            while span < len(row) and row[span] is None:
                width += widths[span]
                span += 1
            height = heights[i]
            below = i + 1
            while (below < len(grid) and grid[below][j] == SPAN_UP
                   and self.y - height - heights[below] >= self.bottom):
                height += heights[below]
                below += 1
            ops = self.pages[-1].ops
            ops.append(b"%.2f %.2f %.2f %.2f re S" % (x, self.y - height, width, height))
            text = "" if cell == SPAN_UP else cell
            right = self._numbers_right and _FIGURE.fullmatch(text) is not None
            for k, piece in enumerate(wrap(text, width - 2 * padding, size)):
                if piece:
                    baseline = self.y - padding - size * (k + 0.85) - size * 0.2 * k
                    left = x + width - padding - text_width(piece, size) if right else x + padding
                    self.text_at(left, baseline, piece, size)
            x += width
        self.y -= heights[i]

    # output ------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The PDF file."""
        objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: _FONT}
        kids, n = [], 4
        for number, page in enumerate(self.pages, 1):
            ops = list(page.ops)
            if self.page_numbers:
                label = f"— {number} —"
                x = (self.width - text_width(label, 9)) / 2
                ops.append(_show(x, self.margin / 2, label, 9))
            stream = b"0.5 w\n" + b"\n".join(ops)
            objs[n] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
            objs[n + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.0f %.0f] /Contents "
                           b"%d 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
                           % (self.width, self.height, n))
            kids.append(n + 1)
            n += 2
        refs = b" ".join(b"%d 0 R" % k for k in kids)
        objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
        return serialise(objs)


def _show(x: float, y: float, line: str, size: float) -> bytes:
    code = line.encode("utf-16-be").hex().encode()
    return b"BT /F1 %.2f Tf %.2f %.2f Td <%s> Tj ET" % (size, x, y, code)


def _row_heights(grid: list[list[str | None]], widths: list[float], size: float,
                 padding: float) -> list[float]:
    """Each row's height: enough for its tallest wrapped cell (merged cells left out)."""
    heights = []
    for row in grid:
        lines = 1
        for j, cell in enumerate(row):
            if cell is None or cell == SPAN_UP:
                continue
            width = widths[j]
            k = j + 1
            while k < len(row) and row[k] is None:
                width += widths[k]
                k += 1
            lines = max(lines, len(wrap(cell, width - 2 * padding, size)))
        heights.append(lines * size * 1.2 + 2 * padding)
    return heights


def serialise(objs: dict[int, bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF file from its numbered objects (object 1 the catalog), with its cross-reference
    table; `trailer_extra` goes into the trailer (an /Encrypt entry, say)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for i in sorted(objs):
        offsets[i] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (i, objs[i]))
    xref, size = out.tell(), max(objs) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    out.writelines(b"%010d 00000 n \n" % offsets[i] for i in range(1, size))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
              % (size, trailer_extra, xref))
    return out.getvalue()
