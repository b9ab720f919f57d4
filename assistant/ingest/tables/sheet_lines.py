"""Text lines from a grid of cells with merged ranges: an Excel sheet or an HTML table.

A 绩效自评表 sheet is not one table but a form: a title, a caption (``金额单位：万元``),
form fields (``项目名称 | 乡村道路养护``), then tables whose header rows stand in the middle
of the grid, each with its own columns (项目资金 | 年初预算数 | … ; 一级指标 | 二级指标 | …).
`grid_lines` walks the rows and writes what each one is:

- a form field row becomes one ``项目名称：乡村道路养护`` line per label (`assistant.ingest.
  formlines` reads them as the form's fields);
- a header row (column header words, or short labels above a row of figures; a second header
  row under merged header cells is combined: ``预算数 年初``) opens a table whose data rows are
  written as row lines by `tables.table_lines`, with the unit of a caption above added to
  the amount headers; a blank line before and after keeps neighbouring tables apart;
- any other row is its cells joined by spaces.

Merged cells are spread to the positions they cover in header rows (a header label covers its
columns) and written once in data rows (as the .docx loader does).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.ingest.tables.lines import (
    CAPTION_MAX_CHARS,
    Cell,
    caption_unit,
    clean_cell,
    looks_like_header,
    table_lines,
)
from assistant.text.headers import FORM_FIELDS, TABLE_END_LABELS, header_of, names_period
from assistant.text.numbers import NUMERIC_CELL

# the label given to a table's first column when its header cell is empty
UNLABELLED_FIRST = "项目"
MAX_SPAN = 200  # a merged range or an HTML colspan/rowspan wider than this is cut


@dataclass(frozen=True)
class Slot:
    """One grid position: the text of the cell (or of the merged range) that covers it."""

    text: str
    origin: bool = True  # the top-left position of its range (or an unmerged cell)
    left: bool = False  # covered by the same range as the position to its left


Grid = list[list[Slot]]


def build_grid(values: Sequence[Sequence[str]],
               merges: Sequence[tuple[int, int, int, int]] = ()) -> Grid:
    """A grid from cell texts (already formatted) and merged ranges given as 0-based inclusive
    (first row, first column, last row, last column). Texts are cleaned (`clean_cell`)."""
    width = max((len(r) for r in values), default=0)
    grid = [[Slot(clean_cell(t or "")) for t in row] + [Slot("")] * (width - len(row))
            for row in values]
    for r0, c0, r1, c1 in merges:
        if r0 >= len(grid) or c0 >= width:
            continue
        text = grid[r0][c0].text
        for r in range(r0, min(r1, r0 + MAX_SPAN, len(grid) - 1) + 1):
            for c in range(c0, min(c1, c0 + MAX_SPAN, width - 1) + 1):
                if (r, c) != (r0, c0):
                    grid[r][c] = Slot(text, origin=False, left=c > c0)
    return grid


# what a row is --------------------------------------------------------------------------------
def _filled(row: Sequence[Slot]) -> list[str]:
    return [s.text for s in row if s.origin and s.text]


def _numeric(text: str) -> bool:
    return bool(NUMERIC_CELL.fullmatch(text.replace(" ", "")))


def _label(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip("：:")


def is_field_row(row: Sequence[Slot], below: Sequence[Slot] | None = None) -> bool:
    """A form field row: its first cell is a field label (项目名称, 主管部门, 实施单位 …), and
    the cells after it are not column headers over rows of figures (单位名称 | 预算数 | 执行数
    heads a table of units, one a row)."""
    filled = _filled(row)
    if len(filled) < 2 or _label(filled[0]) not in FORM_FIELDS:
        return False
    return not (below is not None and sum(1 for t in filled[1:] if header_of(_label(t))) >= 2
                and any(_numeric(t) for t in _filled(below)))


def is_header_row(row: Sequence[Slot], below: Sequence[Slot] | None) -> bool:
    """Column headers: no figures, short labels, and either two header words (预算数, 得分,
    三级指标 …), a merged label over a second row of labels, or three labels above a row
    holding a figure."""
    filled = _filled(row)
    if len(filled) < 2 or any(_numeric(t) for t in filled) or not looks_like_header(filled):
        return False
    if sum(1 for t in filled if header_of(t)) >= 2:
        return True
    if below is not None and any(s.left for s in row) and _is_sub_header(row, below):
        return True  # a merged header cell over a row of labels (金额 over 2023年度 | 2024年度)
    return len(filled) >= 3 and below is not None and any(_numeric(t) for t in _filled(below))


def _is_sub_header(upper: Sequence[Slot], row: Sequence[Slot]) -> bool:
    """A second header row: labels only, each under a merged header cell or an empty one."""
    filled = [(c, s.text) for c, s in enumerate(row) if s.origin and s.text]
    if not filled or any(_numeric(t) for _, t in filled) or is_field_row(row):
        return False
    if not looks_like_header([t for _, t in filled] + ["—"]):
        return False
    return all(_spans_columns(upper, c) or not upper[c].text for c, _ in filled)


def _spans_columns(row: Sequence[Slot], c: int) -> bool:
    return row[c].left or (c + 1 < len(row) and row[c + 1].left)


def _ends_table(row: Sequence[Slot], header: Sequence[Slot]) -> bool:
    """A row after which a table's data is over: a row of another shape without figures (a
    merged text row such as 年度总体目标 | 预期目标), or a closing label (自评结论 …)."""
    filled = _filled(row)
    if not filled:
        return True
    if any(_label(filled[0]).startswith(w) for w in TABLE_END_LABELS) or is_field_row(row):
        return True
    if any(_numeric(t) for t in filled):
        return False
    shape = [s.left for s in row]
    return shape != [s.left for s in header] and any(s.left for s in row)


# writing ---------------------------------------------------------------------------------------
def grid_lines(grid: Grid, unit: str = "") -> list[str]:
    """The text lines of a grid (see the module's docstring); `unit` is the unit a caption
    above the grid gives its amounts (``单位：万元`` -> "万元"), until one inside it says
    otherwise."""
    grid = _trim_columns(grid)
    lines: list[str] = []
    r = 0
    while r < len(grid):
        row = grid[r]
        below = grid[r + 1] if r + 1 < len(grid) else None
        if is_field_row(row, below):
            lines.extend(_field_lines(row))
            r += 1
        elif is_header_row(row, below):
            table, r = _take_table(grid, r, unit)
            lines.extend(["", *table, ""])
        else:
            text = " ".join(_filled(row))
            if text:
                lines.append(text)
                if len(text) <= CAPTION_MAX_CHARS:
                    unit = caption_unit(text) or unit
            r += 1
    return _squeeze_blank(lines)


def _trim_columns(grid: Grid) -> Grid:
    """The grid without columns in which no cell has text."""
    width = max((len(r) for r in grid), default=0)
    keep = [c for c in range(width) if any(c < len(r) and r[c].text for r in grid)]
    return [[row[c] for c in keep if c < len(row)] for row in grid]


def _field_lines(row: Sequence[Slot]) -> list[str]:
    """``标签：值`` for each label and the cell after it."""
    filled = _filled(row)
    lines = []
    for k in range(0, len(filled) - 1, 2):
        lines.append(f"{_label(filled[k])}：{filled[k + 1]}")
    if len(filled) % 2:
        lines.append(filled[-1])
    return lines


def _take_table(grid: Grid, r: int, unit: str) -> tuple[list[str], int]:
    """The lines of the table whose header row is grid[r]; and the row after it."""
    header = grid[r]
    labels = [s.text for s in header]
    r += 1
    if r < len(grid) and _is_sub_header(header, grid[r]):
        labels = [_combine(top, s) for top, s in zip(labels, grid[r])]
        r += 1
    data: list[list[Cell]] = []
    while r < len(grid) and not _ends_table(grid[r], header) \
            and not is_header_row(grid[r], grid[r + 1] if r + 1 < len(grid) else None):
        data.append([None if s.left else (s.text if s.origin else "") for s in grid[r]])
        r += 1
    keep = [c for c in range(len(labels)) if any(c < len(d) and d[c] for d in data)]
    if not keep:
        return [" ".join(_filled(header))], r
    named = _name_columns(labels)
    rows: list[list[Cell]] = [[named[c] for c in keep]]
    rows += [[d[c] if c < len(d) else "" for c in keep] for d in data]
    return table_lines(rows, unit), r


def _combine(top: str, slot: Slot) -> str:
    """One label from a header cell and the one under it: a qualifier under a header word
    reads before it (预算数 over 年初 -> 年初预算数), a header word under a group label stands
    alone (预算执行情况 over 全年执行数 -> 全年执行数), a period under a header word is its group
    (金额 over 2023年度 -> 2023年度 金额), other pairs are joined by a space."""
    below = slot.text if slot.origin else ""
    if not below or below == top:
        return top
    if not top:
        return below
    if names_period(below) and header_of(top):
        return f"{below} {top}"  # 金额 over 2023年度: the 2023 column of 金额 (a period group)
    if header_of(top) and not header_of(below) and header_of(below + top):
        return below + top
    if header_of(below) and not header_of(top):
        return below
    return f"{top} {below}"


def _name_columns(labels: Sequence[str]) -> list[str]:
    """A label for every column: an empty header cell takes the label on its left (a group
    label such as 项目资金（万元） standing over the row labels); the first column, if it has
    none, is called 项目."""
    named: list[str] = []
    for label in labels:
        named.append(label or (named[-1] if named else UNLABELLED_FIRST))
    return named


def _squeeze_blank(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out
