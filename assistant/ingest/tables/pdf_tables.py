"""A PDF page's text with its ruled tables written as row lines (``表头：值；表头：值``).

`page.extract_text()` writes a ruled table row as its cells run together
(``1,860,000.001,725,430.0092.77%``), loses the header of a table continued on the next page
and the unit its caption gives. `PdfTables.page_text` finds the tables with pdfplumber's
table finder, ruled lines only (the text-alignment strategy turns ordinary prose into
tables), and gives the page in reading order: the text outside the tables exactly as
`extract_text` writes it, each table as `tables.table_lines` lines at its place.

- Merged cells: pdfplumber gives None for a grid position a merged cell covers. Covered by
  a cell on its left it stays None (the `tables.Cell` convention: the value is written
  once); covered by a cell above, it repeats that cell's text (as the .docx loader does).
- Two-row headers: a first row with a label spanning several columns (``预算数`` over
  ``年初 | 调整后``) and a second header row below it combine into one label per column,
  group first: ``预算数 年初``, ``预算数 调整后``; a label spanning both rows stays as is.
- Page breaks: a table at the top of a page (nothing above it but a page number or the
  previous page's running head) with the column count of the table that ended the previous
  page continues it: without a header row of its own it takes that table's header, and a
  repeated header row is dropped. A label merged down over the break is carried on.
- Units: a caption line just above a table (``单位：元``, ``金额单位：万元``) adds ``（元）`` to
  the headers of its amount columns (`tables.unit_header`); the caption stays in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.ingest.tables.lines import (
    CAPTION_MAX_CHARS,
    Cell,
    caption_unit,
    clean_cell,
    looks_like_header,
    table_lines,
    unit_header,
)

MIN_COLUMNS = 2  # a ruled box of one column is a frame around text, not a table
_PAGE_MARK = re.compile(r"[\s\-—–－·第页共/|\d]*")  # "— 3 —", "第 3 页 共 9 页", "3/9"
_LATIN = re.compile(r"[A-Za-z]")

Grid = list[list[Cell]]


@dataclass
class _Carry:
    """The table that ended the previous page, for a table continued on the next one."""

    header: list[Cell]  # the header row its lines use (units added, two-row headers combined)
    printed: list[list[str]]  # its header rows as printed (filled cells), dropped when repeated
    ncols: int
    merged_down: dict[int, str] = field(default_factory=dict)  # column -> label merged down


class PdfTables:
    """Reads a PDF's pages in order (one reader per document: it carries a table's header
    from one page to the next)."""

    def __init__(self) -> None:
        self._carry: _Carry | None = None
        self._running_head = ""  # the previous page's first line

    def page_text(self, page: Any) -> str:
        """The page's text in reading order, each ruled table as row lines; a page without
        tables gives exactly `page.extract_text()`, and so does a page whose tables cannot be
        read (a malformed grid must not cost the report its text)."""
        try:
            found = [t for t in page.find_tables() if len({c[0] for c in t.cells}) >= MIN_COLUMNS]
            if found:
                return self._with_tables(page, found)
        except (ValueError, IndexError, KeyError, TypeError, ZeroDivisionError):
            pass
        text = page.extract_text() or ""
        self._carry = None
        self._running_head = _first_line(text)
        return text

    def _with_tables(self, page: Any, found: list[Any]) -> str:
        found.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
        segments = _text_segments(page, found)
        parts = [segments[0]]
        carry = self._carry if self._is_furniture(segments[0]) else None
        for k, table in enumerate(found):
            caption = _last_line(segments[k])
            lines, carry = _table_text(table, caption_unit(caption), carry if k == 0 else None)
            parts.append("\n".join(lines))
            parts.append(segments[k + 1])
        self._carry = carry if self._is_furniture(segments[-1]) else None
        self._running_head = _first_line(segments[0]) or _first_line("\n".join(parts))
        return "\n".join(p for p in parts if p)

    def _is_furniture(self, text: str) -> bool:
        """Nothing but page numbers and the running head between a table and the page edge."""
        return all(_PAGE_MARK.fullmatch(line) or (line.strip() == self._running_head)
                   for line in text.split("\n"))


def _table_text(table: Any, unit: str, carry: _Carry | None) -> tuple[list[str], _Carry | None]:
    """A table's lines, and what a continuation on the next page needs (None when the table
    has no header)."""
    grid, merged_down = table_grid(table)
    ncols = max(len(r) for r in grid)
    if carry is not None and ncols == carry.ncols:
        rows = _drop_repeated_header(grid, carry.printed)
        if rows is not grid or not looks_like_header(rows[0]):
            if carry.merged_down:  # labels merged down over the break
                grid, merged_down = table_grid(table, carry.merged_down, len(grid) - len(rows))
                rows = grid[len(grid) - len(rows):]
            carry.merged_down = merged_down
            return table_lines([carry.header, *rows])[1:], carry
    header, used = header_row(grid)
    if len(grid) < 2 or not looks_like_header(header):
        return table_lines(grid), None
    data = grid[used:]
    if unit:
        header = unit_header(header, data, unit)
    printed = [[c for c in r if c] for r in grid[:used]]
    return table_lines([header, *data]), _Carry(header, printed, ncols, merged_down)


def _drop_repeated_header(grid: Grid, printed: list[list[str]]) -> Grid:
    """`grid` without its first rows when they repeat the carried table's header rows (the
    same list when they do not)."""
    n = len(printed)
    if len(grid) >= n and [[c for c in r if c] for r in grid[:n]] == printed:
        return [list(r) for r in grid[n:]]
    return grid


def header_row(grid: Grid) -> tuple[list[Cell], int]:
    """The table's header labels, one per column where a second header row refines a
    spanning label, and the number of grid rows they take (1 or 2)."""
    first = list(grid[0])
    if len(grid) < 3 or not looks_like_header(first):
        return first, 1
    second = grid[1]
    spans = _spans(first)
    refined = [s for s in spans if len({second[i] for i in s if i < len(second) and second[i]}) >= 2]
    if not refined or not looks_like_header(second):
        return first, 1
    groups: list[str] = []
    for cell in first:
        groups.append(cell if cell is not None else groups[-1] if groups else "")
    labels: list[Cell] = []
    for i, group in enumerate(groups):
        sub = second[i] if i < len(second) else None
        labels.append(group if not sub or sub == group else f"{group} {sub}".strip())
    return labels, 2


def _spans(row: list[Cell]) -> list[range]:
    """The column ranges of the row's labels that span more than one column."""
    spans, i = [], 0
    while i < len(row):
        end = i + 1
        while end < len(row) and row[end] is None:
            end += 1
        if end - i > 1:
            spans.append(range(i, end))
        i = end
    return spans


# cells ---------------------------------------------------------------------------------------
def table_grid(table: Any, inherited: dict[int, str] | None = None,
               first: int = 0) -> tuple[Grid, dict[int, str]]:
    """The cleaned cell texts of a pdfplumber table on its column grid: None where a cell on
    the left covers the position, the text of the cell above where one above covers it.
    `inherited` fills the empty cells of row `first`, the first data row (labels merged down
    from the previous page), and so the cells merged with them.
    Also gives the last row's labels in the columns that merge cells down (column -> text):
    an empty cell under them at the top of the next page is taken as merged with them."""
    texts = table.extract()
    xs = sorted({c[0] for c in table.cells})
    tops = sorted({c[1] for c in table.cells})
    boxes = [r.cells for r in table.rows]
    grid: Grid = []
    merging: set[int] = set()  # columns with cells merged down
    for r, row in enumerate(texts):
        cells: list[Cell] = []
        for c, text in enumerate(row):
            owner = None
            if text is None and boxes[r][c] is None:
                owner = _covering(boxes, xs[c] + 1, tops[r] + 1)
            if owner is None:  # a cell of its own (or a gap in the grid)
                cell = clean_cell(_unwrap(text or ""))
                cells.append(cell or (inherited or {}).get(c, "") if r == first else cell)
            elif owner[0] == r or owner[1] != c:
                cells.append(None)
            else:
                cells.append(grid[owner[0]][c])
                merging.add(c)
        grid.append(cells)
    merged_down = {c: grid[-1][c] or "" for c in merging if grid[-1][c]}
    return grid, merged_down


def _covering(boxes: list[list[Any]], x: float, y: float) -> tuple[int, int] | None:
    """The (row, column) of the cell whose box holds the point (x, y)."""
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            if box is not None and box[0] <= x < box[2] and box[1] <= y < box[3]:
                return r, c
    return None


def _unwrap(text: str) -> str:
    """A cell's lines joined as one: a line break inside a cell is where the text wrapped,
    so Chinese and figures join directly and only Latin words get a space between."""
    lines = [line.strip() for line in text.split("\n")]
    out = ""
    for line in lines:
        if out and line and _LATIN.match(out[-1]) and _LATIN.match(line[0]):
            out += " "
        out += line
    return out


# text outside the tables -----------------------------------------------------------------------
def _text_segments(page: Any, tables: list[Any]) -> list[str]:
    """The text above the first table, between each pair, and below the last, written as
    `extract_text` writes it. A character belongs to the stretch that its vertical middle
    falls in; characters inside a table's box are the table's."""
    boxes = [t.bbox for t in tables]
    tops = [b[1] for b in boxes]

    def inside(ch: dict[str, Any]) -> bool:
        x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    def segment(k: int) -> str:
        low = tops[k - 1] if k else float("-inf")
        high = tops[k] if k < len(tops) else float("inf")

        def keep(obj: dict[str, Any]) -> bool:
            if obj.get("object_type") != "char" or inside(obj):
                return False
            return low <= (obj["top"] + obj["bottom"]) / 2 < high

        return page.filter(keep).extract_text() or ""

    return [segment(k) for k in range(len(tables) + 1)]


def _last_line(text: str) -> str:
    last = text.rstrip("\n").rsplit("\n", 1)[-1]
    return last if len(last) <= CAPTION_MAX_CHARS else ""


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")
