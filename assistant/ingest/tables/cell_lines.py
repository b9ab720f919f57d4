"""Tables a web page's copy wrote one cell per line or one cell per paragraph, without any
separator: a 绩效自评表 whose cells come each on its own line (an empty cell a blank line or a
line holding one space) or each in its own paragraph (an empty cell an empty paragraph, so a
longer gap between two cells; a cell wrapped onto two lines of one paragraph is one cell).

The reader works by structure. A table opens with a run of header cells (the genre's column
header words, `text.headers`, also with a qualifier in brackets or joined by 及); the spacing
of that run, and of the cells after it, says how the cells are written (no blank line between
them: one per line; one blank line: one per paragraph), and the cells are read that way,
empty cells kept, so a row keeps its width. A header whose parent cell spans a group of
columns in a second header row ("资金情况" over 年初预算 | 调整后预算 | 执行数) comes as the first
row's cells and then the group's; a header without a label above the row labels (a cell
spanning the rows on its left, 项目资金（万元）) leaves the first column unnamed; a label over the
indicator levels (绩效指标) is no column. Each reading of the header is cut into rows
(`cell_rows.rows_of`: how well each cell's kind fits its column), and the best reading that
keeps the table's invariants (执行率 ≈ 执行数 / 预算数, 得分 ≤ 分值) on most rows is kept; when
none does, the table is refused rather than read shifted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.tables.cell_rows import rows_of
from assistant.ingest.tables.grid import Cell, Column, Event, Table, header_label
from assistant.ingest.tables.markers import ends_table, marker, without_group_labels
from assistant.text.headers import (
    EMPTY,
    MONEY,
    NAME,
    NUMBER,
    NUMERIC_KINDS,
    RATE,
    SCORE,
    TEXT,
    VALUE,
    WORDS,
    Header,
    cell_kind,
    header_of,
)
from assistant.text.markers import CN_COMMA, CN_PAREN, CN_PART
from assistant.text.numbers import CELL_FIGURE, parse_number

MIN_HEADER_WORDS = 3
SHORT_CELL = 40  # a longer line is a text cell, or prose after the table
LONG_CELL = 200  # a line this long is never a cell
MAX_PARENT = 16  # a parent header cell is a short label
# a heading of the report's text after the table: "三、", "第三部分", "（二）"
_HEADING = re.compile(rf"^(?:{CN_COMMA}|{CN_PART}|{CN_PAREN})")
_CODE = re.compile(r"[0-9A-Za-z]{8,}")  # the start of a project's budget code, wrapped
_SENTENCE = re.compile(r"[，。；;：:,]")
RATE_TOLERANCE = 1.0  # percentage points between 执行率 and 执行数 / 预算数
LINE, PARA = "line", "para"
ZONE_SAMPLE = 400  # lines read to tell how a zone's cells are written


@dataclass
class Read:
    """What one zone of cell lines holds: its events and the span it covers."""

    events: list[Event]
    spans: list[tuple[int, int]]  # one per table: its header to its last row


def find_cell_line_tables(text: str, covered: list[tuple[int, int]]) -> list[Read]:
    """The tables written one cell per line or paragraph in `text`, outside `covered`."""
    lines = _lines(text)
    reads: list[Read] = []
    k = 0
    while k < len(lines):
        start = lines[k][0]
        mode = _mode_at(lines, k) if not _inside(covered, start) else None
        if mode is None:
            k += 1
            continue
        mode = PARA if mode == PARA else _zone_mode(lines, k)
        cells, k_end = _zone_cells(text, lines, k, mode, covered)
        read = _read_zone(cells)
        if read is not None:
            reads.append(read)
            covered = [*covered, *read.spans]
        k = max(k_end, k + 1)
    return reads


# lines and cells --------------------------------------------------------------------------------
def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) for each line, without a Windows line end's \r."""
    out, pos = [], 0
    for line in text.split("\n"):
        bare = line.removesuffix("\r")
        out.append((pos, pos + len(bare), bare))
        pos += len(line) + 1
    return out


def _inside(covered: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in covered)


def _head(text: str) -> Header | None:
    return header_label(text)


def _is_header(line: str) -> bool:
    t = line.strip()
    return bool(t) and len(t) <= SHORT_CELL and _head(t) is not None


def _zone_mode(lines: list[tuple[int, int, str]], k: int) -> str:
    """How the cells from line k on are written when the header's cells come one per line:
    one per paragraph when nearly every gap between non-blank lines is a blank line (a page
    whose data cells each come in a paragraph; header words never join), else one per line
    (blank lines are empty cells)."""
    while k < len(lines) and _is_header(lines[k][2]):
        k += 1  # the gaps after the header
    gaps: list[int] = []
    blank = 0  # blank lines since the last non-blank one (the header's last cell)
    for _, _, line in lines[k:k + ZONE_SAMPLE]:
        if len(line.strip()) > LONG_CELL:
            break
        if not line:
            blank += 1
            continue
        gaps.append(blank)
        blank = 0
    tight = sum(1 for g in gaps if g == 0)
    return PARA if gaps and tight * 10 < len(gaps) else LINE


def _mode_at(lines: list[tuple[int, int, str]], k: int) -> str | None:
    """LINE or PARA when line k opens a run of header cells written one per line (no blank
    line between them) or one per paragraph (one blank line between them), else None."""
    if not _is_header(lines[k][2]) or (k and _is_header(lines[k - 1][2])):
        return None
    for mode, step in ((LINE, 1), (PARA, 2)):
        words = [lines[j][2] for j in range(k, min(len(lines), k + step * MIN_HEADER_WORDS), step)]
        gaps = [lines[j][2] for j in range(k + 1, min(len(lines), k + step * MIN_HEADER_WORDS))
                if (j - k) % step]
        if (len(words) == MIN_HEADER_WORDS and all(_is_header(w) for w in words)
                and all(not g.strip() and not g for g in gaps)):
            return mode
    return None


def _zone_cells(text: str, lines, k: int, mode: str,
                covered: list[tuple[int, int]]) -> tuple[list[Cell], int]:
    """The cells from line k on, read in `mode` (empty cells kept), up to the end of the
    zone: a line too long to be a cell, two long lines in a row, a heading, covered text.
    Short lines just above line k (a form title, its fields, a section label) come first."""
    first = k
    while (above := _cell_above(lines, first, mode)) is not None and not _inside(covered, lines[above][0]):
        first = above
    cells: list[Cell] = []
    blank_run, long_before, j = 0, False, first
    while j < len(lines):
        a, b, line = lines[j]
        stripped = line.strip()
        if _inside(covered, a) or len(stripped) > LONG_CELL or (j > k and _HEADING.match(stripped)):
            break
        if not line:
            blank_run += 1
            j += 1
            continue
        long_now = len(stripped) > SHORT_CELL
        if long_now and long_before:
            break
        if mode == PARA and not blank_run and cells and _wraps(cells[-1], stripped):
            joined = _cell(text, cells[-1].start, b)  # a cell wrapped onto two lines
            cells[-1] = Cell(re.sub(r"\s*\n\s*", "", joined.text), joined.start, joined.end)
        else:
            cells.extend(_empties(a, blank_run, mode, bool(cells)))
            cells.append(_cell(text, a, b))
        blank_run, long_before = 0, long_now
        j += 1
    while cells and not cells[-1].text:
        cells.pop()
    return cells, j


def _cell_above(lines, k: int, mode: str) -> int | None:
    """Where the short cell just above line k starts, over a few empty cells between (in
    PARA mode a cell is a paragraph of short lines), or None."""
    gap = 2 if mode == LINE else 5
    j = k - 1
    while j >= 0 and not lines[j][2].strip() and k - j <= gap:
        j -= 1
    if j < 0 or not _short(lines[j][2]) or (mode == PARA and j == k - 1):
        return None
    while mode == PARA and j and _short(lines[j - 1][2]):
        j -= 1
    return j


def _wraps(cell: Cell, line: str) -> bool:
    """Whether `line`, with no blank line above it, continues `cell` (one per paragraph):
    the cell is words (or the start of a budget code) and no header word, the line no
    percentage, short and no header word either (a column label opens a header run: it
    continues no cell above it)."""
    words = cell_kind(cell.text) == WORDS or _CODE.fullmatch(cell.text) is not None
    return (bool(cell.text) and words and cell_kind(line) in (WORDS, NUMBER)
            and len(line) <= SHORT_CELL and _head(cell.text) is None and _head(line) is None)


def _short(line: str) -> bool:
    t = line.strip()
    return bool(t) and len(t) <= SHORT_CELL and "。" not in t


def _empties(pos: int, blank_run: int, mode: str, after_cell: bool) -> list[Cell]:
    """The empty cells a gap of `blank_run` blank lines stands for: each blank line in LINE
    mode; in PARA mode one blank line separates two cells and every two more are an empty
    paragraph."""
    if not after_cell:
        return []
    n = blank_run if mode == LINE else max(0, (blank_run - 1) // 2)
    return [Cell("", pos, pos)] * n


def _cell(text: str, a: int, b: int) -> Cell:
    raw = text[a:b]
    lead = len(raw) - len(raw.lstrip())
    stripped = raw.strip()
    return Cell(stripped, a + lead, a + lead + len(stripped))


# the zone's tables -----------------------------------------------------------------------------
def _read_zone(cells: list[Cell]) -> Read | None:
    """The tables and markers (form title, fields, section weights) of a zone's cells."""
    read = Read([], [])
    i, m = 0, len(cells)
    while i < m:
        run = _header_run(cells, i)
        if run:
            j = i + run
            while j < m and not ends_table(cells[j]) and not _header_run(cells, j):
                j += 1
            table = _best_table(cells[i:i + run], cells[i + run:j])
            if table is not None:
                read.events.append(table)
            end = table.end if table is not None else max(c.end for c in cells[i:j])
            read.spans.append((cells[i].start, end))
            i = j
            continue
        event, used = marker(cells, i) if cells[i].text else (None, 1)
        if event is not None:
            read.events.append(event)
        i += max(used, 1)
    return read if read.spans else None


def _header_run(cells: list[Cell], i: int) -> int:
    """The length of the header run at cells[i] (header words, with parent labels of a
    two-row header among them), or 0 when fewer than three header words open there."""
    n, words, last = 0, 0, 0
    while i + n < len(cells):
        c = cells[i + n]
        if _head(c.text):
            words += 1
            last = n + 1
        elif not (words and _parent(c) and i + n + 1 < len(cells)
                  and _head(cells[i + n + 1].text)):
            break
        n += 1
    return last if words >= MIN_HEADER_WORDS and _head(cells[i].text) else 0


def _parent(cell: Cell) -> bool:
    t = cell.text
    return (bool(t) and len(t) <= MAX_PARENT and cell_kind(t) == WORDS
            and not _SENTENCE.search(t) and not re.search(r"\d", t))


def _columns_of(cells: list[Cell]) -> list[Column]:
    out = []
    for c in cells:
        h = _head(c.text)
        out.append(Column(c.text, h.kind, h.level) if h else Column(c.text, NAME))
    return out


def _readings(header: list[Cell]) -> list[list[Column]]:
    """The column lists a header run can stand for: when one cell of it is no header word,
    a parent over a group, each split of the run into a first row and the parent's children
    (the likeliest first); then the run as one row. Each with its first column holding the
    row labels whatever its header says, or with an unnamed label column before it."""
    header = without_group_labels(header)  # "绩效指标" over its 三级指标 column
    parents = [k for k, c in enumerate(header) if _head(c.text) is None]
    orders = []
    if len(parents) == 1:
        p, n = parents[0], len(header)
        for c in sorted(range(2, n - p), key=lambda c: c != _group_size(header)):
            first = header[:n - c]  # the last c cells are the parent's children
            orders.append(first[:p] + header[n - c:] + first[p + 1:])
    orders.append(header)  # one row; a label that is no header word is a column of its own
    if len(header) > MIN_HEADER_WORDS and _over_levels(header[0], header[1]):
        orders += [order[1:] for order in orders]  # a label spanning the rows on the left
    readings = []
    for order in orders:
        raw = _columns_of(order)
        if raw[0].kind in NUMERIC_KINDS + (TEXT,):
            readings.append([Column(raw[0].label, NAME, raw[0].level), *raw[1:]])
            readings.append([Column("", NAME), *raw])
        else:
            readings.append(raw)
    return readings


def _over_levels(first: Cell, second: Cell) -> bool:
    """Whether the first header cell labels a block of indicator levels rather than one
    column: a name as deep as or deeper than the level column after it (绩效指标 | 一级指标)."""
    a, b = _head(first.text), _head(second.text)
    return bool(a and b and a.kind == b.kind == NAME and b.level and a.level >= b.level)


def _group_size(header: list[Cell]) -> int:
    """How many header cells at the end of the run are of one kind (a parent's children
    are a group of like columns: amounts, or target and actual)."""
    kinds = [h.kind if (h := _head(c.text)) else "" for c in header]
    n = 1
    while n < len(kinds) and kinds[-n - 1] == kinds[-1]:
        n += 1
    return n


def _best_table(header: list[Cell], data: list[Cell]) -> Table | None:
    """The reading of the header that fits the data best and keeps the invariants."""
    scored = []
    for columns in _readings(header):
        score, rows = rows_of(columns, data)
        while rows and (_label_only(columns, rows[-1]) or _no_figures(columns, rows[-1])):
            rows.pop()  # text after the table, read as lone row labels or words
        scored.append((score, -len(scored), columns, rows))
    for _, _, columns, rows in sorted(scored, key=lambda s: (s[0], s[1]), reverse=True):
        if not rows:
            continue
        table = Table(columns, rows, header[0].start, max(c.end for _, c in rows[-1]))
        if consistent(table):
            return table
    return None


def _label_only(columns: list[Column], row: list[tuple[int, Cell]]) -> bool:
    return len(row) == 1 and columns[row[0][0]].kind == NAME


def _no_figures(columns: list[Column], row: list[tuple[int, Cell]]) -> bool:
    """A row that fills none of the table's figure columns: only labels and text, or words
    where amounts, rates and scores go (a form's goal block or its grade line after the last
    row, 年度总体目标 … / 自评等级 优). As the last row, it is text after the table."""
    for i, cell in row:
        kind = columns[i].kind
        if kind == VALUE or (kind in NUMERIC_KINDS and cell_kind(cell.text) != WORDS):
            return False
    return True


# invariants -------------------------------------------------------------------------------------
def consistent(table: Table) -> bool:
    """Whether the rebuilt table keeps the invariants of the form on half its checked rows
    at least: 执行率 ≈ 执行数 / 预算数 (within a point), 得分 ≤ 分值, a weight at most 100. A
    shifted table breaks them on (nearly) every row; a report that contradicts itself on one
    row of two is still read (the checks report it)."""
    roles = _roles(table.columns)
    checked = broken = 0
    for row in table.rows:
        values: dict[str, float] = {}
        for i, cell in row:
            role = roles.get(i)
            number = _value(cell.text) if role and role not in values else None
            if role and number is not None:
                values[role] = number
        verdict = _row_ok(values)
        if verdict is not None:
            checked += 1
            broken += not verdict
    return broken * 2 <= checked


def _roles(columns: list[Column]) -> dict[int, str]:
    """budget / spent / rate / weight / score for the columns an invariant reads."""
    roles: dict[int, str] = {}
    for i, c in enumerate(columns):
        h = header_of(c.label) if c.label else None
        word = h.word if h else ""
        if c.kind == MONEY and not word.startswith("年初"):
            role = "spent" if re.search(r"执行|支出|决算", word) else "budget"
        elif c.kind == RATE and "执行" in word:
            role = "rate"
        elif c.kind == SCORE:
            role = "weight" if word in ("分值", "权重", "满分") else "score"
        else:
            continue
        roles.setdefault(i, role)
    return roles


def _value(text: str) -> float | None:
    if cell_kind(text) == EMPTY:
        return None
    m = CELL_FIGURE.search(text.replace("，", ","))
    if not m or cell_kind(text) not in ("number", "percent"):
        return None
    return parse_number(m.group("num"))  # 1,286.40 and 1 286.40 alike


def _row_ok(v: dict[str, float]) -> bool | None:
    """Whether a row keeps the invariants its figures allow checking (None: none to check)."""
    verdicts = []
    if "weight" in v:
        verdicts.append(0 <= v["weight"] <= 100)
        if "score" in v:
            verdicts.append(v["score"] <= v["weight"] + 1e-6)
    if {"budget", "spent", "rate"} <= v.keys() and v["budget"] > 0:
        verdicts.append(abs(v["spent"] / v["budget"] * 100 - v["rate"]) <= RATE_TOLERANCE)
    return all(verdicts) if verdicts else None
