"""A year the library has no report of, read from a later report's table that sets the years
side by side: a header line of year cells (2023年度 2024年度, | 项目 | 2023年 | 2024年 |), then rows
of a label and numbers. The k-th year of the header is the row's k-th number (a label column
has no number; a last column of changes, 增加95.63, is no bare number). The asked item's row is
the one whose label holds its words (or a term of its metric) and whose cell is of the asked
kind; its cell of the asked year is the figure, the row its evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.understand.items import Asked
from assistant.text.headers import header_unit, line_unit

YEAR_CELL = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?(?:数|决算|预算)?")
NUMBER_CELL = re.compile(r"[-+]?\d[\d,，]*(?:\.\d+)?%?")
CELL_SPLIT = re.compile(r"\s*[|｜\t]\s*|\s{1,}")
QUOTES = re.compile(r"[“”\"'‘’「」『』《》\s]")
RULE = re.compile(r":?-{2,}:?")
HEADER_ABOVE = 3  # lines above the year header in which the table's unit may be written
MAX_ROWS = 40


@dataclass(frozen=True)
class YearCell:
    """One row's figure of one year, where the row stands in the report's text."""

    label: str
    figure: str  # as written, with its unit (921.76万元, 95.78%)
    start: int
    end: int
    row: str


def _cells(line: str) -> list[str]:
    return [c for c in CELL_SPLIT.split(line.strip().strip("|｜")) if c]


def _header_years(cells: list[str]) -> list[int]:
    """The years of a header line (two or more year cells and no number cell), else []."""
    years = [int(m.group(1)) for c in cells if (m := YEAR_CELL.fullmatch(c))]
    if len(years) < 2 or any(NUMBER_CELL.fullmatch(c) for c in cells):
        return []
    return years


def _kind_of(figure: str, unit: str) -> str:
    if figure.endswith("%") or unit == "%":
        return "rate"
    if unit == "分":
        return "score"
    return "money" if unit in ("万元", "亿元", "千元", "元") else ""


def year_cells(text: str, year: int) -> list[YearCell]:
    """Every row's figure of `year` in the text's year-by-year tables (see the module doc)."""
    lines = text.split("\n")
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line) + 1
    out: list[YearCell] = []
    for i, line in enumerate(lines):
        years = _header_years(_cells(line))
        if year not in years:
            continue
        column = years.index(year)
        unit = next((u for above in reversed(lines[max(0, i - HEADER_ABOVE):i + 1])
                     if (u := header_unit(above) or line_unit(above))), "")
        for j in range(i + 1, min(len(lines), i + 1 + MAX_ROWS)):
            cells = _cells(lines[j])
            if cells and all(RULE.fullmatch(c) for c in cells):  # | --- | --- |
                continue
            first = next((k for k, c in enumerate(cells) if NUMBER_CELL.fullmatch(c)), len(cells))
            label, numbers = "".join(cells[:first]), [c for c in cells if NUMBER_CELL.fullmatch(c)]
            if len(numbers) < len(years) or not label:
                break
            own = header_unit(label) or unit
            figure = numbers[column]
            shown = figure if figure.endswith("%") else f"{figure}{own}"
            out.append(YearCell(label, shown, offsets[j], offsets[j] + len(lines[j]), lines[j]))
    return out


def asked_cell(text: str, year: int, asked: Asked) -> YearCell | None:
    """The asked item's figure of `year` in the text's year-by-year tables, or None."""
    best, held = None, 0
    for cell in year_cells(text, year):
        label = QUOTES.sub("", cell.label)
        words = [w for w in asked.words if w in label
                 or any(QUOTES.sub("", t) in label for t in asked.metric_words.get(w, ()))]
        unit = re.sub(r"^[-+\d,，.]+", "", cell.figure)
        if not words or (asked.kind and _kind_of(cell.figure, unit) not in (asked.kind, "")):
            continue
        if len(words) > held:
            best, held = cell, len(words)
    return best
