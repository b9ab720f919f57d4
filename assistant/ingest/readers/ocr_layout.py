"""Put the text boxes an OCR engine finds on a page back into reading order, as text lines.

An OCR engine returns boxes (a rectangle, its text and a confidence) in no useful order.
Reports need lines in reading order, and their tables as tables, so that the facts stage
sees ``表头：值；…`` rows or pipe rows, not a word soup:

- boxes are grouped into lines by vertical overlap and each line is sorted by x; a page
  set in two text columns (a vertical gutter no box crosses, wide lines on both sides) is
  read left column first;
- runs of lines made of cells far apart whose cells fall into the same columns are a table:
  rebuilt into rows with `tables.table_lines` when the first row is a header of table words
  (`text.headers`), else written as cells separated by `` | `` (which `ingest.tables.pipes` reads);
- every box keeps its confidence: the page text comes with the offsets and confidence of
  each box's text (`OcrSpan`), so a figure read from an uncertain box can be marked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.ingest.readers.ocr_rules import RuledGrid
from assistant.ingest.tables.lines import caption_unit, clean_cell, looks_like_header, table_lines
from assistant.text.headers import header_of

_WIDE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
CELL_GAP = 1.5  # boxes further apart than this many text heights are separate cells
MIN_TABLE_ROWS = 2
COLUMN_GUTTER = 0.02  # a two-column page: a free vertical strip this wide (share of page)


@dataclass(frozen=True)
class Box:
    """One text box of the OCR output: its rectangle (pixels), text and confidence."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    conf: float

    @property
    def height(self) -> float:
        return max(1.0, self.y1 - self.y0)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class OcrSpan:
    """A stretch of page text read from one box (or a whole written line), with its
    confidence; offsets are in the page text."""

    start: int
    end: int
    conf: float


@dataclass(frozen=True)
class PageText:
    """The text of one OCR'd page and where each box's text landed in it."""

    text: str
    spans: tuple[OcrSpan, ...]
    lines: tuple[OcrSpan, ...]  # each written line with the lowest confidence of its boxes


def page_text(boxes: Sequence[Box], page_width: float,
              grids: Sequence[RuledGrid] = ()) -> PageText:
    """The page's text in reading order, with the spans of every box. `grids` are the
    page's ruled tables (`ocr_rules`): the boxes inside one are placed by its rules."""
    writer = _Writer()
    held: list[list[Box]] = [[] for _ in grids]
    rest: list[Box] = []
    for b in boxes:
        k = next((k for k, g in enumerate(grids) if g.holds(b.cx, (b.y0 + b.y1) / 2)), None)
        (rest if k is None else held[k]).append(b)
    ruled = [(g, h) for g, h in zip(grids, held) if h]
    if not ruled:
        for column in _columns(rest, page_width):
            _write_lines(writer, _lines(column))
        return writer.result()
    lines = _lines(rest)
    for grid, inside in sorted(ruled, key=lambda gh: gh[0].ys[0]):
        above = [r for r in lines if _middle(r) < grid.ys[0]]
        _write_lines(writer, above)
        lines = lines[len(above):]
        writer.cells(_ruled_cells(grid, inside))
    _write_lines(writer, lines)
    return writer.result()


def _write_lines(writer: _Writer, rows: list[list[Box]]) -> None:
    """Lines in order; runs of them that line up in columns are written as tables."""
    i = 0
    while i < len(rows):
        end = _table_end(rows, i)
        if end - i >= MIN_TABLE_ROWS:
            writer.table(rows[i:end])
            i = end
        else:
            writer.line(rows[i])
            i += 1


def _middle(line: list[Box]) -> float:
    return sum((b.y0 + b.y1) / 2 for b in line) / len(line)


def _ruled_cells(grid: RuledGrid, boxes: list[Box]) -> list[list[list[Box]]]:
    """The boxes of a ruled table placed in its cells (each cell's boxes in reading
    order); rows and columns left empty (rules of merged cells) are dropped."""
    cells: list[list[list[Box]]] = [[[] for _ in grid.xs[1:]] for _ in grid.ys[1:]]
    for b in boxes:
        row, col = grid.cell_of(b.cx, (b.y0 + b.y1) / 2)
        cells[row][col].append(b)
    cells = [[[b for line in _lines(c) for b in line] if c else [] for c in row]
             for row in cells if any(row)]
    used = [k for k in range(len(grid.xs) - 1) if any(row[k] for row in cells)]
    return [[row[k] for k in used] for row in cells]


# lines and columns ---------------------------------------------------------------------------
def _lines(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into lines (a box joins a line it overlaps vertically by half the
    smaller height), lines top to bottom, boxes in a line left to right."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.y0 + b.y1) / 2):
        line = lines[-1] if lines else None
        if line is not None and _overlap(line, box) >= 0.5 * min(box.height, _height(line)):
            line.append(box)
        else:
            lines.append([box])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _overlap(line: list[Box], box: Box) -> float:
    top = max(min(b.y0 for b in line), box.y0)
    bottom = min(max(b.y1 for b in line), box.y1)
    return bottom - top


def _height(line: list[Box]) -> float:
    return sorted(b.height for b in line)[len(line) // 2]


def _columns(boxes: list[Box], page_width: float) -> list[list[Box]]:
    """The page's text columns, left to right: two when a vertical strip in the middle of
    the page is crossed by no box and both sides hold wide lines of text (a table's gaps
    between narrow cells are not a gutter)."""
    if len(boxes) < 6 or page_width <= 0:
        return [boxes]
    gap = _gutter(boxes, page_width)
    if gap is None:
        return [boxes]
    left = [b for b in boxes if b.x1 <= gap]
    right = [b for b in boxes if b.x0 >= gap]
    wide = 0.25 * page_width
    if min(len(left), len(right)) < 3 or not all(
            _median([b.x1 - b.x0 for b in side]) >= wide for side in (left, right)):
        return [boxes]
    return [left, right]


def _gutter(boxes: list[Box], page_width: float) -> float | None:
    """The middle of the widest strip in the middle third of the page that no box crosses,
    when it is at least `COLUMN_GUTTER` of the page wide."""
    lo, hi = page_width / 3, 2 * page_width / 3
    spans = sorted((b.x0, b.x1) for b in boxes if b.x1 > lo and b.x0 < hi)
    best, best_width, edge = None, 0.0, lo
    for x0, x1 in spans + [(hi, hi)]:
        if x0 - edge > best_width:
            best, best_width = (edge + x0) / 2, x0 - edge
        edge = max(edge, x1)
    return best if best_width >= COLUMN_GUTTER * page_width else None


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2] if values else 0.0


# tables ---------------------------------------------------------------------------------------
def _cells(line: list[Box]) -> list[list[Box]]:
    """A line's cells: its boxes, those closer than `CELL_GAP` text heights joined."""
    cells = [[line[0]]]
    for box in line[1:]:
        prev = cells[-1][-1]
        if box.x0 - prev.x1 > CELL_GAP * min(box.height, prev.height):
            cells.append([box])
        else:
            cells[-1].append(box)
    return cells


def _table_end(rows: list[list[Box]], i: int) -> int:
    """Where the table that starts at line `i` ends (`i` when none starts there): the run
    of lines of two or more cells whose cells line up with the first line's columns."""
    first = _cells(rows[i])
    if len(first) < 2:
        return i
    spans = [(c[0].x0, c[-1].x1) for c in first]
    end = i + 1
    while end < len(rows):
        cells = _cells(rows[end])
        if len(cells) < 2 and not _continues(cells, spans):
            break
        if len(cells) >= 2 and _aligned(cells, spans) < 0.5:
            break
        end += 1
    return end


def _continues(cells: list[list[Box]], spans: list[tuple[float, float]]) -> bool:
    """A one-cell line inside a table: a cell that wrapped, within one column but not the
    first (a line that starts at the table's left edge is text after the table)."""
    x0, x1 = cells[0][0].x0, cells[0][-1].x1
    inside = [k for k, (a, b) in enumerate(spans) if x0 < b and a < x1]
    return len(inside) == 1 and inside[0] > 0


def _aligned(cells: list[list[Box]], spans: list[tuple[float, float]]) -> float:
    """The share of `cells` that overlap exactly one column of `spans`."""
    hits = 0
    for c in cells:
        x0, x1 = c[0].x0, c[-1].x1
        if sum(1 for a, b in spans if x0 < b and a < x1) == 1:
            hits += 1
    return hits / len(cells)


def _grid(rows: list[list[Box]]) -> list[list[list[Box]]]:
    """The table's rows as lists of cells, one per column. Columns are the x-extents where
    the rows with the most cells put their cells; every cell goes to the column its middle
    falls in (or the nearest)."""
    split = [_cells(r) for r in rows]
    most = max(len(c) for c in split)
    spans: list[list[float]] = []
    for cells in (c for c in split if len(c) >= max(2, most - 1)):
        for c in cells:
            _merge_span(spans, c[0].x0, c[-1].x1)
    spans.sort()
    grid = []
    for cells in split:
        row: list[list[Box]] = [[] for _ in spans]
        for c in cells:
            mid = (c[0].x0 + c[-1].x1) / 2
            k = min(range(len(spans)), key=lambda j: _distance(spans[j], mid))
            row[k].extend(c)
        grid.append(row)
    return grid


def _merge_span(spans: list[list[float]], x0: float, x1: float) -> None:
    for s in spans:
        if x0 < s[1] and s[0] < x1:
            s[0], s[1] = min(s[0], x0), max(s[1], x1)
            return
    spans.append([x0, x1])


def _distance(span: list[float], x: float) -> float:
    return 0.0 if span[0] <= x <= span[1] else min(abs(span[0] - x), abs(span[1] - x))


def _fold_wrapped(grid: list[list[list[Box]]]) -> list[list[list[Box]]]:
    """A row with one filled cell (not in the first column) is the wrapped end of the cell
    above it: its boxes join that cell."""
    out: list[list[list[Box]]] = []
    for row in grid:
        filled = [k for k, c in enumerate(row) if c]
        if out and len(filled) == 1 and filled[0] > 0 and len(row) > 2:
            out[-1][filled[0]].extend(row[filled[0]])
        else:
            out.append([list(c) for c in row])
    return out


# writing ----------------------------------------------------------------------------------------
class _Writer:
    """Builds the page text line by line and records where each box's text went."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.spans: list[OcrSpan] = []
        self.lines: list[OcrSpan] = []

    def line(self, boxes: list[Box]) -> None:
        pieces = [_join(cell) for cell in _cells(boxes)]
        self._emit(" ".join(pieces), boxes)

    def table(self, rows: list[list[Box]]) -> None:
        self.cells(_fold_wrapped(_grid(rows)))

    def cells(self, grid: list[list[list[Box]]]) -> None:
        """A table given cell by cell: row lines under a header of table words, else
        pipe rows."""
        if not grid:
            return
        texts = [[clean_cell(_join(c)) for c in row] for row in grid]
        boxes = [[b for c in row for b in c] for row in grid]
        if _header_row(texts[0]):
            header = [c or None for c in texts[0]]
            written = table_lines([header] + [[c for c in r] for r in texts[1:]],
                                  caption_unit(self._last_line()))
            self._emit(written[0], boxes[0])
            rest = [(t, b) for t, b in zip(texts[1:], boxes[1:]) if any(t)]
            for line, (_, row_boxes) in zip(written[1:], rest):
                self._emit(line, row_boxes)
        else:
            for t, b in zip(texts, boxes):
                self._emit(" | ".join(t), b)

    def _last_line(self) -> str:
        return self.parts[-1] if self.parts else ""

    def _emit(self, line: str, boxes: list[Box]) -> None:
        start = self.size
        cursor = 0
        for b in boxes:
            at = line.find(clean_cell(b.text), cursor) if b.text.strip() else -1
            if at >= 0:
                self.spans.append(OcrSpan(start + at, start + at + len(clean_cell(b.text)), b.conf))
                cursor = at + len(clean_cell(b.text))
            else:  # not found verbatim: the whole line carries the box's confidence
                self.spans.append(OcrSpan(start, start + len(line), b.conf))
        if boxes:
            self.lines.append(OcrSpan(start, start + len(line), min(b.conf for b in boxes)))
        self.parts.append(line)
        self.size += len(line) + 1

    def result(self) -> PageText:
        return PageText("\n".join(self.parts), tuple(self.spans), tuple(self.lines))


def _join(boxes: list[Box]) -> str:
    """The text of boxes side by side (or one under the other, in a wrapped cell): a space
    between boxes apart by more than half a text height, none between touching ones."""
    out = boxes[0].text if boxes else ""
    for prev, box in zip(boxes, boxes[1:]):
        below = box.y0 >= (prev.y0 + prev.y1) / 2  # a wrapped line: no space in Chinese
        touching = box.x0 - prev.x1 <= 0.5 * min(box.height, prev.height)
        wide = bool(_WIDE.match(prev.text[-1:]) or _WIDE.match(box.text[:1]))
        out += ("" if (below and wide) or (not below and touching) else " ") + box.text
    return out


def _header_row(cells: list[str]) -> bool:
    """A table's first row is its header when it reads as one and half its labels are
    table words (项目名称, 预算数, 执行率, 得分…)."""
    labels = [c for c in cells if c]
    if not looks_like_header(labels):
        return False
    return sum(1 for c in labels if header_of(c) is not None) * 2 >= len(labels)
