"""Pipe tables in plain text: one row per line (``总额 | 0.00 | 3.36 |``, runs of empty cells
left by merged cells) or one cell per line (``238.93 |``); tab rows the same way (a row whose
cell holds a line break goes on in the next line; a header over two rows, a parent cell over
its children, is one header). Header rows and header runs open tables; the cells after them
are aligned to the header's columns (`grid`). Cells without separators, one per line or per
paragraph, are read by `cell_lines` first, then by the older bare-run reader here."""

from __future__ import annotations

import re

from assistant.ingest.tables.cell_lines import find_cell_line_tables
from assistant.ingest.tables.columns import aligned_rows
from assistant.ingest.tables.grid import (
    Cell,
    Column,
    Field,
    Found,
    Table,
    align_row,
    header_label,
    segment,
)
from assistant.ingest.tables.markers import cell_header, ends_table, marker, without_group_labels
from assistant.ingest.tables.rowlines import is_row_line
from assistant.text.headers import (
    FORM_FIELDS,
    NAME,
    NUMERIC_KINDS,
    RATE,
    SCORE,
    TEXT,
    WORDS,
    cell_kind,
    header_of,
)

MIN_HEADER_RUN = 3
_PIPE = re.compile(r"\|")


def find_pipe_tables(text: str) -> Found:
    """The tables of `text` that survive as trails of cells: blocks of lines with pipes or
    tabs, and runs of bare cells (one per line or paragraph, or a whole table on one line
    with spaces between its cells) that open with a run of header words."""
    found = Found()
    for sep in ("|", "\t"):
        for block in _blocks(text, sep):
            if any(a < block[-1][1] and block[0][0] < b for a, b in found.spans):
                continue
            rows = [_split_line(text, s, e, sep) for s, e in block]
            if _row_per_line(rows):
                _read_rows([_trim(r) for r in rows], found)
            else:
                _read_stream([c for r in rows for c in r], found)
            found.spans.append((block[0][0], block[-1][1]))
    for read in find_cell_line_tables(text, list(found.spans)):
        found.events.extend(read.events)
        found.spans.extend(read.spans)
    for rows in _space_tables(text, list(found.spans)):
        _read_rows(rows, found)
        found.spans.append((rows[0][0].start, rows[-1][-1].end))
    for cells in _bare_runs(text, list(found.spans)):
        _read_stream(cells, found)
        found.spans.append((cells[0].start, cells[-1].end))
    return found


def _row_per_line(rows: list[list[Cell]]) -> bool:
    """Whether a block's lines are rows (most hold two cells or more) rather than one cell
    each. The short lines of one cell that lead the block (a title, metadata, a form's title
    above its first row) say nothing of how its cells are written and are not counted."""
    multi = [k for k, r in enumerate(rows) if len(_trim(r)) >= 2]
    return bool(multi) and len(multi) * 2 >= len(rows) - multi[0]


# an amount with two decimals glued to the next figure ("1,860,000.001,725,430.0092.77%"): a
# PDF's text of a tight table row; the cut goes after the second decimal
_GLUED = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{2}(?=\d)|\d+\.\d{2}(?=\d)")
_FIGURE_TOKEN = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")


def _space_cells(text: str, start: int, line: str) -> list[Cell]:
    """A line's space-separated cells; glued amounts are cut apart."""
    cells = []
    for m in re.finditer(r"\S+", line):
        a, token = start + m.start(), m.group()
        while (g := _GLUED.match(token)) and g.end() < len(token):
            cells.append(Cell(g.group(), a, a + g.end()))
            a, token = a + g.end(), token[g.end():]
        cells.append(Cell(token, a, a + len(token)))
    return cells


def _space_tables(text: str, covered: list[tuple[int, int]]) -> list[list[list[Cell]]]:
    """Tables whose cells only spaces separate (a PDF's text of a table without rules): a
    line of header words, then lines holding at least two figures each."""
    tables: list[list[list[Cell]]] = []
    rows: list[list[Cell]] = []
    for start, _, line in _lines(text):
        if any(a <= start < b for a, b in covered):
            continue
        # a row line names its cells; its blank-grouped amounts (452 376 418.60) are no columns
        cells = [] if is_row_line(line) else _space_cells(text, start, line)
        figures = sum(1 for c in cells if _FIGURE_TOKEN.match(c.text))
        if rows and figures >= 2:
            rows.append(cells)
            continue
        if len(rows) >= 2:
            tables.append(rows)
        rows = [cells] if len(cells) >= 3 and _is_header_row(cells) and not figures else []
    if len(rows) >= 2:
        tables.append(rows)
    return [aligned_rows(text, [rows[0], *(_grouped_amounts(text, r, rows[0]) for r in rows[1:])])
            for rows in tables]


# a figure's leading group (68, or 68 450 once joined) and a group of three digits after it
_GROUP_LEAD = re.compile(r"[-+]?\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})*")
_GROUP_NEXT = re.compile(r"\d{3}(?:\.\d+)?%?")
_NO_BREAK = "\u00a0\u2009\u202f"  # no-break and thin spaces: never a gap between columns


def _grouped_amounts(text: str, cells: list[Cell], header: list[Cell]) -> list[Cell]:
    """A row's cells with the amounts that spaces group in thousands joined again
    (``68 450 000.00``). A single space is inside a cell when the table's own column
    positions say so: its header cells are two spaces apart or more (a single space is no
    gap between its columns), or the row has more cells than the header has columns; a
    no-break or thin space always is. Only groups of three digits join, and never after a
    decimal point."""
    gutter = len(header) >= 2 and all(b.start - a.end >= 2 for a, b in zip(header, header[1:]))
    out: list[Cell] = []
    for k, cell in enumerate(cells):
        prev = out[-1] if out else None
        count = len(out) + len(cells) - k  # cells of the row if this one stands alone
        gap = text[prev.end:cell.start] if prev is not None else ""
        if prev is not None and len(gap) == 1 and _GROUP_LEAD.fullmatch(prev.text) \
                and _GROUP_NEXT.fullmatch(cell.text) \
                and (gap in _NO_BREAK or gutter or count > len(header)):
            out[-1] = Cell(text[prev.start:cell.end], prev.start, cell.end)
        else:
            out.append(cell)
    return out


# lines and cells ---------------------------------------------------------------------------
def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def _blocks(text: str, sep: str) -> list[list[tuple[int, int]]]:
    """Runs of at least three consecutive lines that hold the separator (a blank line ends
    a run; tab rows need two tabs, so prose with one stray tab is not a table). Inside a run
    of tab rows, a row of one or two cells (one tab or none: a form's title, a field and its
    value, a section label) is kept when it is short."""
    if sep == "\t":
        return _tab_blocks(text)
    blocks: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    for start, end, line in _lines(text):
        if line.count(sep) >= 1:
            run.append((start, end))
            continue
        if len(run) >= 3:
            blocks.append(run)
        run = []
    if len(run) >= 3:
        blocks.append(run)
    return blocks


def _tab_blocks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of tab rows (see `_blocks`); a row whose cell holds a line break (its text goes
    on in the next line) is one row over two lines."""
    blocks: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int, str]] = []

    def close() -> None:
        rows = run[:]
        while rows and rows[-1][2].count("\t") < 2:
            rows.pop()
        if sum(1 for r in rows if r[2].count("\t") >= 2) >= 3:
            blocks.append([(a, b) for a, b, _ in rows])

    lead: list[tuple[int, int, str]] = []  # short rows just above a run: they open it
    width = 0  # the most tabs of a row of the run so far
    for start, end, line in _lines(text):
        tabs = line.count("\t")
        short = 0 < len(line.strip()) <= MAX_BARE_CELL and "。" not in line
        if run and _goes_on(run[-1][2], line, width):
            run[-1] = (run[-1][0], end, run[-1][2] + "\n" + line)
            continue
        if not run and lead and not tabs and short and _field_row(lead[-1][2]) \
                and not _starts_anew(line):
            lead[-1] = (lead[-1][0], end, lead[-1][2] + "\n" + line)  # the field's value goes on
            continue
        if tabs >= 2 or (run and (tabs == 1 or short)):
            run = run or lead
            heads = sum(1 for c in line.split("\t") if header_of(c.strip()))
            width = tabs if heads >= MIN_HEADER_RUN else max(width, tabs)  # a new table's header
            run.append((start, end, line))
            continue
        close()
        run, width = [], 0
        lead = [*lead, (start, end, line)] if tabs == 1 or short else []
    close()
    return blocks


def _field_row(row: str) -> bool:
    """A form field and its value as one tab row ("项目名称\t乡村道路养护")."""
    label = row.split("\t")[0].strip().rstrip("：:")
    return row.count("\t") == 1 and label in FORM_FIELDS


def _goes_on(row: str, line: str, width: int) -> bool:
    """Whether `line` carries on the last cell of a tab row: that cell is words, the row is
    short of the table's width and the two together do not pass it, or (the row's last
    column wrapped) the line is a short one without tabs."""
    have, tabs = row.count("\t"), line.count("\t")
    last = row.rsplit("\t", 1)[-1].strip()
    fits = have < width and have + tabs <= width
    last_column = have == width and not tabs and len(line.strip()) <= MAX_BARE_CELL
    return (have > 0 and (fits or last_column) and bool(line.strip())
            and cell_kind(last) == WORDS and not header_of(last) and not _starts_anew(line))


def _starts_anew(line: str) -> bool:
    """Whether a line opens something of its own: a header word, a form field, a section
    label or a form title in its first cell."""
    first = Cell(line.split("\t")[0].strip(), 0, 0)
    return bool(first.text) and (cell_header(first) is not None or ends_table(first))


def _split_line(text: str, start: int, end: int, sep: str = "|") -> list[Cell]:
    """The cells of one line: text between separators, stripped, with offsets; a trailing
    separator closes the last cell and a leading one opens the first."""
    cuts = [m.start() for m in re.finditer(re.escape(sep), text[start:end])]
    cuts = [start + c for c in cuts]
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


MAX_BARE_CELL = 40


def _bare_runs(text: str, covered: list[tuple[int, int]]) -> list[list[Cell]]:
    """Cells without separators: a run of short lines (blank lines between them allowed)
    or one line's space-separated words, opening with at least three header words."""
    runs: list[list[Cell]] = []
    cells: list[Cell] = []
    for start, end, line in _lines(text):
        if not line.strip() or any(a <= start < b for a, b in covered):
            continue
        words = [_cell(text, start + m.start(), start + m.end())
                 for m in re.finditer(r"\S+", line)]
        if cells and words and len(line.strip()) <= MAX_BARE_CELL and "。" not in line:
            cells.append(_cell(text, start, end))
            continue
        if len(cells) > MIN_HEADER_RUN:
            runs.append(cells)
        cells = []
        if _header_run(words, 0) >= MIN_HEADER_RUN:
            runs.append(words)
        elif words and header_of(line.strip()):
            cells = [_cell(text, start, end)]
    if len(cells) > MIN_HEADER_RUN:
        runs.append(cells)
    return [r for r in runs
            if any(_header_run(r, i) >= MIN_HEADER_RUN for i in range(len(r)))]


def _cell(text: str, a: int, b: int) -> Cell:
    """The cell of text[a:b], stripped; a line break inside it (a tab row's cell that goes
    on in the next line) is dropped from its text, its offsets still cover both lines."""
    raw = text[a:b]
    lead = len(raw) - len(raw.lstrip())
    stripped = raw.strip()
    return Cell(re.sub(r"\s*\n\s*", "", stripped), a + lead, a + lead + len(stripped))


def _trim(cells: list[Cell]) -> list[Cell]:
    """A row without its trailing empty cells (merged-cell leftovers)."""
    end = len(cells)
    while end and not cells[end - 1].text:
        end -= 1
    return cells[:end]


def _columns(cells: list[Cell]) -> list[Column]:
    cells = without_group_labels(cells)
    columns = []
    for c in cells:
        h = cell_header(c)
        columns.append(Column(c.text, h.kind, h.level) if h else Column(c.text, NAME))
    if columns and columns[0].kind in (NUMERIC_KINDS + (TEXT,)) and columns[0].kind not in (RATE, SCORE):
        # the first column holds the row labels, whatever its header says ("年度预算数(万元)")
        columns[0] = Column(columns[0].label, NAME, columns[0].level)
    return columns


# the two shapes ----------------------------------------------------------------------------------
def _is_header_row(cells: list[Cell]) -> bool:
    filled = [c for c in cells if c.text]
    heads = sum(1 for c in filled if cell_header(c))
    return heads >= MIN_HEADER_RUN and heads * 10 >= len(filled) * 6


def _read_rows(rows: list[list[Cell]], found: Found) -> None:
    """Pipe rows, one per line: header rows open tables; other rows are aligned to them."""
    table: Table | None = None
    for k, cells in enumerate(rows):
        if not cells:
            continue
        if _second_header_row(table, cells):
            continue
        if _is_header_row(cells) or _first_of_two_header_rows(cells, rows[k + 1:k + 2]):
            table = _open(found, cells)
            continue
        if ends_table(cells[0]) or table is None:
            table = None
            _markers(cells, found)
            continue
        score, s = align_row(table.columns, cells)
        if score > 0:
            table.rows.append([(s + k, c) for k, c in enumerate(cells[: len(table.columns) - s])
                               if c.text])
            table.end = max(table.end, cells[-1].end)


def _first_of_two_header_rows(cells: list[Cell], after: list[list[Cell]]) -> bool:
    """A header row too short to be one alone (资金来源 | 资金情况 | 执行率): one parent cell
    among header words, and a next row of header words only (its children)."""
    filled = [c for c in cells if c.text]
    parents = [c for c in filled if not header_label(c.text)]
    heads = len(filled) - len(parents)
    if len(parents) != 1 or heads < 2 or not after or len(parents[0].text) > 16:
        return False  # (项目名称 | 乡村道路养护 is a field and its value)
    children = [c for c in after[0] if c.text]
    return (len(children) >= 2 and all(cell_header(c) for c in children)
            and heads + len(children) >= MIN_HEADER_RUN)


def _second_header_row(table: Table | None, cells: list[Cell]) -> bool:
    """When a table's header has one cell that is no header word (a parent spanning a group
    of columns, "资金情况") and the next row holds only header words (its children, "年初预算
    | 全年预算 | 执行数"), the children take the parent's place among the columns."""
    if table is None or table.rows or len(cells) < 2 or not all(cell_header(c) for c in cells):
        return False
    parents = [k for k, col in enumerate(table.columns) if k and header_label(col.label) is None]
    if len(parents) != 1:
        return False
    p = parents[0]
    children = [Column(c.text, h.kind, h.level) for c in cells if (h := cell_header(c))]
    table.columns[p:p + 1] = children
    table.end = max(table.end, cells[-1].end)
    return True


def _open(found: Found, header_cells: list[Cell]) -> Table:
    """A new table under a header row; a section label leading the row is recorded."""
    event, _ = marker(header_cells, 0)
    if event is not None and not isinstance(event, Field):
        # a section label merged over the table's rows ("绩效指标(90分)"); a field label
        # (项目名称) heading a header row is its first column
        found.events.append(event)
        header_cells = header_cells[1:]
    table = Table(_columns(header_cells), [], header_cells[0].start,
                  header_cells[-1].end)
    found.events.append(table)
    return table


def _markers(cells: list[Cell], found: Found) -> None:
    i = 0
    while i < len(cells):
        event, used = marker(cells, i)
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
            while j < m and not ends_table(cells[j]) and _header_run(cells, j) < MIN_HEADER_RUN:
                j += 1
            table = Table(_columns(header), segment(_columns(header), cells[i + run:j]),
                          header[0].start, cells[j - 1].end)
            found.events.append(table)
            i = j
            continue
        event, used = marker(cells, i)
        if event is not None:
            found.events.append(event)
        i += max(used, 1)


def _header_run(cells: list[Cell], i: int) -> int:
    n = 0
    while i + n < len(cells) and cells[i + n].text and cell_header(cells[i + n]):
        n += 1
    return n


