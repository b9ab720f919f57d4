"""Tables the loaders wrote as row lines (``表头：值；表头：值``, see `tables.lines`): the .docx,
Markdown and PDF loaders write every data row of a real table this way. Consecutive row
lines whose keys are column headers are gathered back into one `grid.Table`, so they are read
by the same rules as every other table."""

from __future__ import annotations

import re

from assistant.ingest.tables.grid import Cell, Column, Table
from assistant.text.headers import (
    BLANK,
    EMPTY,
    NAME,
    NUMBER,
    PERCENT,
    VALUE,
    cell_kind,
    header_of,
    names_period,
    period_header,
)

_PAIR = re.compile(r"(?P<key>[^：:；;\n]{1,24})[：:](?P<value>[^；;\n]*)")


def find_row_tables(text: str) -> list[Table]:
    """Runs of row lines (a header label line between them is allowed) as tables."""
    tables: list[Table] = []
    current: Table | None = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        pairs = _pairs(text, start, start + len(line))
        if not pairs:
            if current is not None and not _label_line(line):
                current = None
            continue
        if current is None:
            current = Table([], [], start, start + len(line))
            tables.append(current)
        current.line_starts[len(current.rows)] = start
        _add_row(current, pairs)
        current.end = start + len(line)
    return [t for t in tables if t.rows]


def is_row_line(line: str) -> bool:
    """Whether a line is one row line (``表头：值；表头：值``): its cells are already named, so no
    reader of unlabelled cells may split it again."""
    return bool(_pairs(line, 0, len(line)))


def _pairs(text: str, start: int, end: int) -> list[tuple[str, Cell]]:
    """The (key, value cell) pairs of a row line, or [] when the line is not one: at least
    two pairs, every key short and free of clause punctuation, one key a column header (or a
    header under a period: 2023年度 金额)."""
    line = text[start:end]
    if "；" not in line and ";" not in line:
        return []
    pairs, pos = [], start
    for part in re.split(r"([；;])", line):
        if part in ("；", ";"):
            pos += 1
            continue
        stripped = part.strip().rstrip("。")
        if stripped:
            m = _PAIR.fullmatch(stripped)
            if not m or re.search(r"[，。,]", m.group("key")):
                return []
            lead = len(part) - len(part.lstrip())
            v0 = pos + lead + m.start("value")
            value = m.group("value")
            inner = value.strip()
            offset = v0 + (len(value) - len(value.lstrip()))
            pairs.append((m.group("key").strip(), Cell(inner, offset, offset + len(inner))))
        pos += len(part)
    if len(pairs) < 2 or not (any(header_of(k) or period_header(k) for k, _ in pairs)
                              or _years_side_by_side(pairs)):
        return []
    return pairs


def _years_side_by_side(pairs: list[tuple[str, Cell]]) -> bool:
    """Whether a row line gives one figure per period (指标：预算执行率；2023年度：95.78%；
    2024年度：96.37%): two or more keys that are periods alone, each holding a figure or left
    blank (—), one a figure at least — a table with a year per column, whose keys are no
    header words."""
    kinds = [cell_kind(c.text) for k, c in pairs if names_period(k)]
    figures = [k for k in kinds if k in (NUMBER, PERCENT)]
    return len(kinds) >= 2 and bool(figures) and all(k in (NUMBER, PERCENT, EMPTY, BLANK) for k in kinds)


def _label_line(line: str) -> bool:
    """The header labels a loader keeps above the rows ("指标名称 目标值 得分")."""
    words = line.split()
    return len(words) >= 2 and sum(1 for w in words if header_of(w)) >= 2


def _add_row(table: Table, pairs: list[tuple[str, Cell]]) -> None:
    labels = [c.label for c in table.columns]
    row = []
    for key, cell in pairs:
        if key not in labels:
            h = header_of(key)
            # a period alone (2023年度) heads a column of that period's figures
            kind = h.kind if h else VALUE if names_period(key) else NAME
            table.columns.append(Column(key, kind, h.level if h else 0))
            labels.append(key)
        if cell.text:
            row.append((labels.index(key), cell))
    table.rows.append(row)
