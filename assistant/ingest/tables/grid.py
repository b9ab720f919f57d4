"""The grid of a table that text has flattened: cells with their offsets, the columns a
header names, and the alignment that places cells in columns.

Reports arrive as text in which a table survives only as a trail of cells. Whatever the
trail (`pipes`: pipe rows, tab rows, one cell per line; `cell_lines`: a web page's form one
cell per line or per paragraph, empty cells kept; `runon`: OCR text run together), a table
is recognised by its header vocabulary (`text.headers`) and each cell is placed in the
column whose kind fits what it holds (a name, an amount, a rate, a score), choosing the
row breaks that fit best overall (a small dynamic programme), so a row that lost its merged
cells still lines up. Every cell keeps its offsets in the original text, so a figure read
from a rebuilt table is quoted verbatim. `find.find_tables` gives the events in reading
order — form fields (项目名称 | X), section weights, form titles and tables — that
`facts.table_facts` reads. This module imports none of those readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.text.headers import (
    BLANK,
    EMPTY,
    NAME,
    NUMBER,
    NUMERIC_KINDS,
    PERCENT,
    RATE,
    SCORE,
    TEXT,
    VALUE,
    WORDS,
    Header,
    cell_kind,
    header_of,
)


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # offsets in the original text
    end: int


@dataclass(frozen=True)
class Column:
    label: str
    kind: str
    level: int = 0
    period: str = ""  # the period a group header above the column names ("2022年"; "" this year)


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[tuple[int, Cell]]]  # (column index, cell); empty cells left out
    start: int
    end: int
    # where a row's own line starts, for tables written one row per line as "表头：值；…"
    # (a figure's quote then starts with the row's first label)
    line_starts: dict[int, int] = field(default_factory=dict)

    def row_start(self, k: int, default: int) -> int:
        return min(self.line_starts.get(k, default), default)


@dataclass(frozen=True)
class Field:
    label: str  # 项目名称, 主管部门 …
    value: Cell


@dataclass(frozen=True)
class Section:
    name: str  # 预算执行情况
    weight: Cell  # the "10" of "(10分)"
    cell: Cell


@dataclass(frozen=True)
class FormTitle:
    cell: Cell  # "部门预算项目支出绩效自评表(2023年度)": a new form starts


Event = Table | Field | Section | FormTitle


@dataclass
class Found:
    """What a text's flattened tables hold, and the spans they cover."""

    events: list[Event] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


# a header label -------------------------------------------------------------------------------
_QUALIFIER = re.compile(r"[（(][^（）()\d]{1,8}[）)]")  # not a weight, "(90分)"
_JOINED = re.compile(r"[及和与、]")


def header_label(text: str) -> Header | None:
    """The header a cell names, also under a qualifier in brackets ("指标值(目标)") or as
    header words joined by 及/和/与 ("偏差原因分析及改进措施": the last word's kind)."""
    if not text:
        return None
    h = header_of(text) or header_of(_QUALIFIER.sub("", text))
    parts = _JOINED.split(text.strip())
    if h is None and len(parts) > 1 and all(header_of(p) for p in parts):
        h = header_of(parts[-1])
    return h


# how well a cell fits a column ------------------------------------------------------------------
_FIT = {
    NUMBER: {NAME: -2.0, TEXT: -1.0, RATE: -0.5, "money": 1.0, SCORE: 1.0, VALUE: 1.0},
    PERCENT: {NAME: -2.0, TEXT: -1.0, RATE: 1.0, "money": -1.5, SCORE: -1.5, VALUE: 0.8},
    WORDS: {NAME: 1.0, TEXT: 0.8, RATE: -1.5, "money": -1.5, SCORE: -1.5, VALUE: 0.2},
}


# a figure with a longer unit or a ratio after it ("1.5个工作日", "186.4/10万", "≤2个工作日"):
# an indicator's value, though not a bare number
_FIGURE_LEAD = re.compile(r"^(?:[≥≤=<>＞＜≧≦]|>=|<=)?\s*\d")
FIGURE_WORDS = "figure words"
_FIT[FIGURE_WORDS] = {NAME: -1.0, TEXT: 0.3, RATE: -1.0, "money": -1.0, SCORE: -1.5, VALUE: 1.0}


def fit(column: Column, cell: Cell) -> float:
    kind = cell_kind(cell.text)
    if kind == WORDS and _FIGURE_LEAD.match(cell.text.strip()):
        kind = FIGURE_WORDS
    if kind == EMPTY:
        return 0.0
    if kind == BLANK:
        return 0.2 if column.kind in NUMERIC_KINDS else 0.0
    score = _FIT[kind][column.kind]
    if kind == NUMBER and column.kind == SCORE and _number(cell.text) > 100:
        score = -1.0
    return score


def _number(text: str) -> float:
    try:
        return float(re.sub(r"[^\d.]", "", text) or 0)
    except ValueError:
        return 0.0


ROW_COST = 0.5
SKIP_COST = 0.4  # per leading column a row leaves out (a merged cell above it)
DROP_COST = 0.8  # a cell left out of every row


def align_row(columns: list[Column], cells: list[Cell]) -> tuple[float, int]:
    """The best offset for a row of cells under the columns: (score, offset)."""
    best = (float("-inf"), 0)
    n = len(columns)
    for s in range(max(1, n - len(cells) + 1)):
        score = sum(fit(columns[s + k], c) for k, c in enumerate(cells[: n - s])) - SKIP_COST * s
        if score > best[0]:
            best = (score, s)
    return best


def segment(columns: list[Column], cells: list[Cell]) -> list[list[tuple[int, Cell]]]:
    """Split a stream of cells into rows under the columns, choosing row breaks and offsets
    that fit best overall. Rows that fit worse than they cost are left out."""
    return scored_segment(columns, cells)[1]


def scored_segment(columns: list[Column],
                   cells: list[Cell]) -> tuple[float, list[list[tuple[int, Cell]]]]:
    """`segment` with the score of its best split (how well the cells fit the columns), so
    that two readings of one header can be compared on the same cells."""
    n, m = len(columns), len(cells)
    fits = [[fit(col, c) for col in columns] for c in cells]
    best = [0.0] * (m + 1)
    choice: list[tuple[int, int] | None] = [None] * (m + 1)
    for i in range(m - 1, -1, -1):
        best[i], choice[i] = best[i + 1] - DROP_COST, None
        for s in range(n):
            score = -ROW_COST - SKIP_COST * s
            if cell_kind(cells[i].text) == EMPTY:
                score -= 0.5
            for length in range(1, min(n - s, m - i) + 1):
                score += fits[i + length - 1][s + length - 1]
                if score + best[i + length] > best[i]:
                    best[i], choice[i] = score + best[i + length], (s, length)
    rows, i = [], 0
    while i < m:
        pick = choice[i]
        if pick is None:
            i += 1
            continue
        s, length = pick
        rows.append([(s + k, cells[i + k]) for k in range(length) if cells[i + k].text])
        i += length
    return best[0], [r for r in rows if r]
