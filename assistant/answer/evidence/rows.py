"""A table row written as labelled cells on one line ("序号：2；项目名称：某项目；预算数：265.50；
执行数：241.80；") is cut into one evidence sentence per cell. The row's name cell (项目名称,
指标名称: a header that names a row) says what every other cell of the row is a figure of, and
a bare number in a cell is in the unit the cell's label or the table's caption gives
(执行数（万元）, 单位：万元). Both are what a search of the report's text needs to take the cell
for the asked item's figure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answer.evidence.passages import Sentence
from assistant.text.headers import CAPTION_UNIT, NAME, header_of, header_unit

CELL = re.compile(r"^\s*(?P<label>[^：:；;。，,]{1,24})[：:]\s*(?P<value>[^；;。]*?)\s*[；;]?\s*$")
BARE_NUMBER = re.compile(r"^[-+]?\d[\d,，]*(?:\.\d+)?$")
CAPTION_REACH = 600  # characters before a row in which its table's caption unit stands

Span = tuple[int, int]


def rows(sentences: Sequence[Sentence], text: str) -> list[list[Sentence]]:
    """The runs of labelled cells that stand on one line of the report (two or more)."""
    out: list[list[Sentence]] = []
    run: list[Sentence] = []
    for s in sorted(sentences, key=lambda s: s.start):
        if not CELL.match(s.text):
            run = _closed(run, out)
            continue
        if run and "\n" in text[run[-1].end:s.start]:
            run = _closed(run, out)
        run.append(s)
    _closed(run, out)
    return out


def _closed(run: list[Sentence], out: list[list[Sentence]]) -> list[Sentence]:
    if len(run) >= 2:
        out.append(run)
    return []


def row_leads(sentences: Sequence[Sentence], text: str) -> dict[Span, Sentence]:
    """For each cell of a labelled row, the row's name cell (see the module doc)."""
    out: dict[Span, Sentence] = {}
    for row in rows(sentences, text):
        name = next((c for c in row if _kind(c) == NAME), None)
        if name is None:
            continue
        for cell in row:
            if cell is not name:
                out[(cell.start, cell.end)] = name
    return out


def row_units(sentences: Sequence[Sentence], text: str) -> dict[Span, str]:
    """For each cell of a labelled row that holds a bare number, the unit it is in: the one
    its label names, else the caption's of the table the row stands in."""
    out: dict[Span, str] = {}
    for row in rows(sentences, text):
        captions = CAPTION_UNIT.findall(text[max(0, row[0].start - CAPTION_REACH):row[0].start])
        caption = captions[-1] if captions else ""
        for cell in row:
            m = CELL.match(cell.text)
            unit = header_unit(m.group("label")) or caption
            if unit and BARE_NUMBER.match(m.group("value")):
                out[(cell.start, cell.end)] = unit
    return out


def with_unit(sentence: Sentence, units: dict[Span, str]) -> str:
    """The sentence's text, its bare number followed by the unit the row gives it."""
    unit = units.get((sentence.start, sentence.end))
    if not unit:
        return sentence.text
    m = CELL.match(sentence.text)
    return f"{m.group('label')}：{m.group('value')}{unit}"


def joined_rows(sentences: Sequence[Sentence], text: str) -> list[Sentence]:
    """The sentences with each labelled row as one sentence: its cells joined, each bare
    number with the unit the row gives it ("项目名称：某项目；预算数：265.50万元；执行数：241.80万元"),
    so that the row says as a whole what its name cell says it is a figure of."""
    units = row_units(sentences, text)
    joined: dict[int, Sentence] = {}
    inside: set[Span] = set()
    for row in rows(sentences, text):
        first, last = row[0], row[-1]
        joined[first.start] = replace(first, text="；".join(with_unit(c, units).rstrip("；;") for c in row),
                                      quote=text[first.start:last.end], end=last.end)
        inside |= {(c.start, c.end) for c in row}
    out: list[Sentence] = []
    for s in sentences:
        if s.start in joined and (s.start, s.end) in inside:
            out.append(joined.pop(s.start))
        elif (s.start, s.end) not in inside:
            out.append(s)
    return out


def _kind(cell: Sentence) -> str:
    header = header_of(CELL.match(cell.text).group("label"))
    return header.kind if header is not None else ""
