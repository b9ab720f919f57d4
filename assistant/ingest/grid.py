"""Find the tables that plain text has flattened, and rebuild their grid.

Reports arrive as text in which a table survives only as a trail of cells: pipe rows
(``总额 | 0.00 | 3.36 |``), one cell per line (``238.93 |``), runs of empty cells left by merged
cells, section labels inside the table (``预算执行情况(10分)``). The grid is recovered from the
header vocabulary (`text.headers`): a run of header cells opens a table, and each later cell
is placed in the column whose kind fits what it holds (a name, an amount, a rate, a score),
choosing the row breaks that fit best overall (a small dynamic programme), so a row that
lost its merged cells still lines up.

Every cell keeps its offsets in the original text, so a figure read from a rebuilt table is
quoted verbatim. The result is a list of events in reading order — form fields
(项目名称 | X), section weights, form titles and tables — that `facts.table_facts` reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.text.headers import (
    BLANK,
    EMPTY,
    FORM_FIELDS,
    NAME,
    NUMBER,
    NUMERIC_KINDS,
    PERCENT,
    RATE,
    SCORE,
    SECTION_WEIGHT,
    TABLE_END_LABELS,
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


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[tuple[int, Cell]]]  # (column index, cell); empty cells left out
    header: list[Cell]
    start: int
    end: int


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


MIN_HEADER_RUN = 3
FORM_TITLE = re.compile(r"自评表|评价表|指标表")
_PIPE = re.compile(r"\|")


def find_tables(text: str) -> Found:
    """The flattened tables of `text` (blocks of lines with pipes)."""
    found = Found()
    for block in _pipe_blocks(text):
        rows = [_split_line(text, s, e) for s, e in block]
        multi = sum(1 for r in rows if len(_trim(r)) >= 2)
        if multi * 2 >= len(rows):
            _read_rows([_trim(r) for r in rows], found)
        else:
            _read_stream([c for r in rows for c in r], found)
        found.spans.append((block[0][0], block[-1][1]))
    return found


# lines and cells ---------------------------------------------------------------------------
def _pipe_blocks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of at least three consecutive lines that hold a pipe (a blank line ends a run)."""
    blocks: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if "|" in line:
            run.append((start, end))
            continue
        if len(run) >= 3:
            blocks.append(run)
        run = []
    if len(run) >= 3:
        blocks.append(run)
    return blocks


def _split_line(text: str, start: int, end: int) -> list[Cell]:
    """The cells of one line: text between pipes, stripped, with offsets; a trailing pipe
    closes the last cell and a leading one opens the first."""
    cuts = [m.start() for m in _PIPE.finditer(text, start, end)]
    bounds = [start, *cuts, end]
    cells = []
    for k in range(len(bounds) - 1):
        a = bounds[k] + (1 if k else 0)
        b = bounds[k + 1]
        if k == 0 and a == b and cuts and cuts[0] == start:
            continue  # "| a | b": nothing before the leading pipe
        if k == len(bounds) - 2 and cuts and cuts[-1] == end - 1 and k > 0:
            continue  # "a | b |": nothing after the trailing pipe
        cells.append(_cell(text, a, b))
    return cells or [_cell(text, start, start)]


def _cell(text: str, a: int, b: int) -> Cell:
    raw = text[a:b]
    lead = len(raw) - len(raw.lstrip())
    stripped = raw.strip()
    return Cell(stripped, a + lead, a + lead + len(stripped))


def _trim(cells: list[Cell]) -> list[Cell]:
    """A row without its trailing empty cells (merged-cell leftovers)."""
    end = len(cells)
    while end and not cells[end - 1].text:
        end -= 1
    return cells[:end]


# markers inside a table -----------------------------------------------------------------------
def _header(cell: Cell) -> Header | None:
    return header_of(cell.text) if cell.text else None


def _marker(cells: list[Cell], i: int) -> tuple[Event | None, int]:
    """A field, section weight or form title starting at cells[i]: (event, cells used)."""
    text = re.sub(r"\s+", "", cells[i].text).rstrip("：:")
    if text in FORM_FIELDS:
        j = i + 1
        while j < len(cells) and not cells[j].text:
            j += 1
        if j < len(cells) and _header(cells[j]) is None and cells[j].text not in FORM_FIELDS:
            return Field(text, cells[j]), j - i + 1
        return None, 1
    m = SECTION_WEIGHT.match(text)
    if m:
        c = cells[i]
        k = c.text.find(m.group("num"))
        return Section(m.group("name"), Cell(m.group("num"), c.start + k,
                                             c.start + k + len(m.group("num"))), c), 1
    if FORM_TITLE.search(text) and len(text) <= 40:
        return FormTitle(cells[i]), 1
    return None, 0


def _ends_table(cell: Cell) -> bool:
    text = re.sub(r"\s+", "", cell.text).rstrip("：:")
    return (text in FORM_FIELDS or any(text.startswith(w) for w in TABLE_END_LABELS)
            or bool(SECTION_WEIGHT.match(text)) or (bool(FORM_TITLE.search(text)) and len(text) <= 40))


def _columns(cells: list[Cell]) -> list[Column]:
    columns = []
    for c in cells:
        h = _header(c)
        columns.append(Column(c.text, h.kind, h.level) if h else Column(c.text, NAME))
    if columns and columns[0].kind in (NUMERIC_KINDS + (TEXT,)) and columns[0].kind not in (RATE, SCORE):
        # the first column holds the row labels, whatever its header says ("年度预算数(万元)")
        columns[0] = Column(columns[0].label, NAME, columns[0].level)
    return columns


# how well a cell fits a column ------------------------------------------------------------------
_FIT = {
    NUMBER: {NAME: -2.0, TEXT: -1.0, RATE: -0.5, "money": 1.0, SCORE: 1.0, VALUE: 1.0},
    PERCENT: {NAME: -2.0, TEXT: -1.0, RATE: 1.0, "money": -1.5, SCORE: -1.5, VALUE: 0.8},
    WORDS: {NAME: 1.0, TEXT: 0.8, RATE: -1.5, "money": -1.5, SCORE: -1.5, VALUE: 0.2},
}


def fit(column: Column, cell: Cell) -> float:
    kind = cell_kind(cell.text)
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
    return [r for r in rows if r]


# the two shapes ----------------------------------------------------------------------------------
def _is_header_row(cells: list[Cell]) -> bool:
    filled = [c for c in cells if c.text]
    heads = sum(1 for c in filled if _header(c))
    return heads >= MIN_HEADER_RUN and heads * 10 >= len(filled) * 6


def _read_rows(rows: list[list[Cell]], found: Found) -> None:
    """Pipe rows, one per line: header rows open tables; other rows are aligned to them."""
    table: Table | None = None
    for cells in rows:
        if not cells:
            continue
        if _is_header_row(cells):
            table = _open(found, cells)
            continue
        if _ends_table(cells[0]) or table is None:
            table = None
            _markers(cells, found)
            continue
        score, s = align_row(table.columns, cells)
        if score > 0:
            table.rows.append([(s + k, c) for k, c in enumerate(cells[: len(table.columns) - s])
                               if c.text])
            table.end = max(table.end, cells[-1].end)


def _open(found: Found, header_cells: list[Cell]) -> Table:
    """A new table under a header row; a section label leading the row is recorded."""
    lead = header_cells[0]
    if not _header(lead):  # a section label merged over the table's rows ("绩效指标(90分)")
        _markers([lead], found)
        header_cells = header_cells[1:]
    table = Table(_columns(header_cells), [], header_cells, header_cells[0].start,
                  header_cells[-1].end)
    found.events.append(table)
    return table


def _markers(cells: list[Cell], found: Found) -> None:
    i = 0
    while i < len(cells):
        event, used = _marker(cells, i)
        if event is not None:
            found.events.append(event)
        i += max(used, 1)


def _read_stream(cells: list[Cell], found: Found) -> None:
    """One cell per line: header runs open tables; the cells up to the next marker are
    segmented into rows."""
    i, m = 0, len(cells)
    while i < m:
        run = _header_run(cells, i)
        if run >= MIN_HEADER_RUN:
            header = cells[i:i + run]
            j = i + run
            while j < m and not _ends_table(cells[j]) and _header_run(cells, j) < MIN_HEADER_RUN:
                j += 1
            table = Table(_columns(header), segment(_columns(header), cells[i + run:j]), header,
                          header[0].start, cells[j - 1].end)
            found.events.append(table)
            i = j
            continue
        event, used = _marker(cells, i)
        if event is not None:
            found.events.append(event)
        i += max(used, 1)


def _header_run(cells: list[Cell], i: int) -> int:
    n = 0
    while i + n < len(cells) and cells[i + n].text and _header(cells[i + n]):
        n += 1
    return n


__all__ = ["BLANK", "EMPTY", "NUMBER", "PERCENT", "SCORE", "VALUE", "WORDS", "Cell", "Column",
           "Field", "FormTitle", "Found", "Section", "Table", "align_row", "find_tables",
           "segment"]
