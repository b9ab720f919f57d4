"""What the readers of flattened tables (`pipes`, `cell_lines`) share: the markers a
table's cells hold besides its rows (a form field 项目名称 | X, a section weight, a form
title), the cells that end a table, and a header without its group label."""

from __future__ import annotations

import re

from assistant.ingest.tables.grid import Cell, Event, Field, FormTitle, Section
from assistant.text.headers import (
    FORM_FIELDS,
    NAME,
    SECTION_WEIGHT,
    TABLE_END_LABELS,
    Header,
    header_of,
)

FORM_TITLE = re.compile(r"自评表|评价表|指标表")


# markers inside a table -----------------------------------------------------------------------
def cell_header(cell: Cell) -> Header | None:
    return header_of(cell.text) if cell.text else None


def marker(cells: list[Cell], i: int) -> tuple[Event | None, int]:
    """A field, section weight or form title starting at cells[i]: (event, cells used)."""
    text = re.sub(r"\s+", "", cells[i].text).rstrip("：:")
    if text in FORM_FIELDS:
        j = i + 1
        while j < len(cells) and not cells[j].text:
            j += 1
        if j < len(cells) and cell_header(cells[j]) is None and cells[j].text not in FORM_FIELDS:
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


def ends_table(cell: Cell) -> bool:
    text = re.sub(r"\s+", "", cell.text).rstrip("：:")
    return (text in FORM_FIELDS or any(text.startswith(w) for w in TABLE_END_LABELS)
            or bool(SECTION_WEIGHT.match(text)) or (bool(FORM_TITLE.search(text)) and len(text) <= 40))


def without_group_labels(cells: list[Cell]) -> list[Cell]:
    """Header cells without a group label standing before a column of the same kind
    ("绩效指标 | 三级指标 | …": 绩效指标 labels the group, 三级指标 is the column)."""
    out: list[Cell] = []
    for k, c in enumerate(cells):
        h, nxt = cell_header(c), cell_header(cells[k + 1]) if k + 1 < len(cells) else None
        if h and nxt and h.kind == NAME and nxt.kind == NAME and h.level == nxt.level and k == 0:
            continue
        out.append(c)
    return out
