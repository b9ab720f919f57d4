"""Columns of a table that only whitespace aligns (ideographic spaces U+3000 in a text report,
runs of spaces): a row that leaves cells empty has fewer words than its header has columns,
and only the words' positions say which column each belongs to.

A position is the display place on the line, as a monospaced view sets it: a wide character
(CJK, full-width forms, U+3000) two places, any other one. Each header cell owns the places
from its start to the next header cell's start; a row's word goes to the column whose header
it overlaps most, else the column whose places hold its start. A row whose words do not fall
into distinct columns in order is left as it is.
"""

from __future__ import annotations

import unicodedata

from assistant.ingest.tables.grid import Cell


def place(line: str, i: int) -> int:
    """The display place of line[i]."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line[:i])


def _span(text: str, line_start: int, cell: Cell) -> tuple[int, int]:
    line = text[line_start:cell.end]
    a = place(line, cell.start - line_start)
    return a, a + place(text[cell.start:cell.end], len(cell.text))


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def aligned_rows(text: str, rows: list[list[Cell]]) -> list[list[Cell]]:
    """`rows` (the header first) with each short row's words placed under their columns, an
    empty `Cell` where the row leaves a column blank."""
    header = rows[0]
    if len(header) < 2:
        return rows
    start = _line_start(text, header[0].start)
    heads = [_span(text, start, c) for c in header]
    out = [header]
    for row in rows[1:]:
        out.append(_placed(text, row, heads) if 0 < len(row) < len(header) else row)
    return out


def _placed(text: str, row: list[Cell], heads: list[tuple[int, int]]) -> list[Cell]:
    start = _line_start(text, row[0].start)
    columns = [_column(_span(text, start, c), heads) for c in row]
    if any(b <= a for a, b in zip(columns, columns[1:])):
        return row
    out: list[Cell] = []
    for cell, j in zip(row, columns, strict=True):
        at = out[-1].end if out else row[0].start
        out.extend(Cell("", at, at) for _ in range(j - len(out)))
        out.append(cell)
    return out


def _column(span: tuple[int, int], heads: list[tuple[int, int]]) -> int:
    a, b = span
    overlaps = [min(b, he) - max(a, hs) for hs, he in heads]
    best = max(range(len(heads)), key=lambda j: overlaps[j])
    if overlaps[best] > 0:
        return best
    owner = 0
    for j, (hs, _) in enumerate(heads):
        if hs <= a:
            owner = j
    return owner
