"""Rows from a stream of cells that keeps its empty cells (`ingest.tables.cell_lines`).

A row runs to the last column. It may leave out leading columns (cells that span rows above
it in the page's table are absent from the copy), stop early at a cost, and take a run of
consecutive word cells into one column (a cell whose text wrapped onto two lines, which one
cell per line cannot tell from two cells, costs a little, so it is only read so when the
row would shift otherwise). A total row (合计 | 100 | 96) is its label and its figures under
the last numeric columns, the label spanning the rest. The cut is chosen by a dynamic
programme over (cell, column) that scores how well each cell's kind fits its column.
"""

from __future__ import annotations

import re

from assistant.ingest.tables.grid import Cell, Column, fit
from assistant.text.headers import (
    MONEY,
    NAME,
    NUMBER,
    PERCENT,
    RATE,
    SCORE,
    TEXT,
    TOTAL_LABELS,
    WORDS,
    cell_kind,
    header_of,
)

ROW_COST = 0.5
SKIP_COST = 0.4  # per leading column a row leaves out (a cell spanning rows above it)
SHORT_COST = 1.5  # a row that stops before the last column
DROP_COST = 0.8  # a cell left out of every row
JOIN_COST = 0.5  # per extra line of a word cell read as wrapped
MAX_JOIN = 12  # the lines one wrapped cell may take
MAX_NAME = 30  # a row label longer than this is no label
JOIN_KINDS = (TEXT,)  # the columns a wrapped cell is read into
EMPTY_START = 0.5  # a row that starts with an empty cell
TOTAL_LABELS_ALL = (*TOTAL_LABELS, "总分")
Row = list[tuple[int, Cell]]
_NOT_LABEL = re.compile(r"^[，。；、,;.)）]|[。，；;]")


def rows_of(columns: list[Column], cells: list[Cell]) -> tuple[float, list[Row]]:
    """The cells cut into rows under the columns, and the score of the cut."""
    return _Cut(columns, cells).run()


class _Cut:
    def __init__(self, columns: list[Column], cells: list[Cell]) -> None:
        self.columns, self.cells = columns, cells
        self.n, self.m = len(columns), len(cells)
        self.fits = [[_fit(col, c) for col in columns] for c in cells]
        self.start = [0.0] * (self.m + 2)  # best score from cell i at a row boundary
        self.start_pick: list[tuple | None] = [None] * (self.m + 2)
        self.fill = [[float("-inf")] * self.n for _ in range(self.m + 2)]  # cell i into column c
        self.fill_pick: list[list[tuple | None]] = [[None] * self.n for _ in range(self.m + 2)]

    def run(self) -> tuple[float, list[Row]]:
        for i in range(self.m - 1, -1, -1):
            for c in range(self.n - 1, -1, -1):
                self._fill(i, c)
            self._start(i)
        return self.start[0], self._rows()

    def _after(self, i: int, c: int) -> tuple[float, str]:
        """The best from cell i once a row has filled the columns before c."""
        if i >= self.m:
            return 0.0, "end"
        if c >= self.n:
            return self.start[i], "end"
        cont, stop = self.fill[i][c], self.start[i] - SHORT_COST
        return (cont, "go") if cont >= stop else (stop, "end")

    def _fill(self, i: int, c: int) -> None:
        score, how = self._after(i + 1, c + 1)
        best, pick = self.fits[i][c] + score, (1, how)
        k, kind = 2, self.columns[c].kind
        while (kind in JOIN_KINDS and k <= MAX_JOIN and i + k <= self.m
               and _joinable(self.cells[i + k - 2], self.cells[i + k - 1], kind)):
            joined = _join(self.cells[i:i + k])
            if kind == NAME and len(joined.text) > MAX_NAME:
                break
            score, how = self._after(i + k, c + 1)
            total = _fit(self.columns[c], joined) - JOIN_COST * (k - 1) + score
            if total > best:
                best, pick = total, (k, how)
            k += 1
        self.fill[i][c], self.fill_pick[i][c] = best, pick

    def _start(self, i: int) -> None:
        best, pick = self.start[i + 1] - DROP_COST, None
        empty = EMPTY_START if not self.cells[i].text else 0.0
        for s in range(self.n):
            total = -ROW_COST - SKIP_COST * s - empty + self.fill[i][s]
            if total > best:
                best, pick = total, ("row", s)
        figures = _total_figures(self.cells, i, self.columns)
        if figures:
            total = -ROW_COST + 1.0 + len(figures) + self.start[min(self.m, i + 1 + len(figures))]
            if total > best:
                best, pick = total, ("total", len(figures))
        self.start[i], self.start_pick[i] = best, pick

    def _rows(self) -> list[Row]:
        rows: list[Row] = []
        i = 0
        while i < self.m:
            pick = self.start_pick[i]
            if pick is None:
                i += 1
            elif pick[0] == "total":
                slots = _numeric_slots(self.columns)[-pick[1]:]
                rows.append([(0, self.cells[i]), *zip(slots, self.cells[i + 1:i + 1 + pick[1]])])
                i += 1 + pick[1]
            else:
                row, i = self._row(i, pick[1])
                rows.append(row)
        return [r for r in rows if r]

    def _row(self, i: int, c: int) -> tuple[Row, int]:
        row: Row = []
        while i < self.m and c < self.n:
            size, how = self.fill_pick[i][c]
            cell = _join(self.cells[i:i + size])
            if cell.text:
                row.append((c, cell))
            i, c = i + size, c + 1
            if how == "end":
                break
        return row, i


def _fit(column: Column, cell: Cell) -> float:
    """`grid.fit`, but a row label is never a piece of a sentence: text that starts with a
    punctuation mark or holds a comma or a full stop does not fit a name column."""
    if column.kind == NAME and _NOT_LABEL.search(cell.text):
        return -2.0
    return fit(column, cell)


def _joinable(first: Cell, then: Cell, kind: str) -> bool:
    """Whether `then` may continue `first` in one cell of a column of `kind`: both words and
    no header; a row label (NAME) is not continued by a figure nor after a full stop."""
    a, b = first.text, then.text
    if not a or not b or header_of(a) or header_of(b):
        return False
    if kind == TEXT:
        return cell_kind(b) not in (NUMBER, PERCENT) or not re.fullmatch(r"[\d.,%％]+", b)
    return (cell_kind(a) == WORDS and cell_kind(b) == WORDS and not re.search(r"[。；;.]$", a)
            and not re.match(r"[≥≤=<>＞＜\d]", b))


def _join(cells: list[Cell]) -> Cell:
    if len(cells) == 1:
        return cells[0]
    return Cell("".join(c.text for c in cells), cells[0].start, cells[-1].end)


def _total_figures(cells: list[Cell], i: int, columns: list[Column]) -> list[Cell]:
    """The figures after a total label at cells[i] (at most as many as the numeric columns
    and three), or []."""
    label = re.sub(r"\s+", "", cells[i].text)
    if not label.startswith(TOTAL_LABELS_ALL) or len(label) > 6:
        return []
    figures = []
    for c in cells[i + 1:i + 4]:
        if cell_kind(c.text) not in (NUMBER, PERCENT):
            break
        figures.append(c)
    return figures if 0 < len(figures) <= len(_numeric_slots(columns)) else []


def _numeric_slots(columns: list[Column]) -> list[int]:
    return [k for k, c in enumerate(columns) if c.kind in (SCORE, MONEY, RATE)]
