"""All the tables a text has flattened, in reading order: `find_tables` runs the readers of
flattened tables (`pipes` with `cell_lines`, `runon`, `rowlines`, `formlines`) and keeps
each stretch of text for the first reader that claims it. The grid model (`grid`) knows
none of its readers."""

from __future__ import annotations

from assistant.ingest.tables.formlines import find_form_lines
from assistant.ingest.tables.grid import Event, Field, Found, Table
from assistant.ingest.tables.pipes import find_pipe_tables
from assistant.ingest.tables.rowlines import find_row_tables
from assistant.ingest.tables.runon import find_runon_tables


def find_tables(text: str) -> Found:
    """The tables of `text`: pipe tables, run-together indicator tables, row lines; and the
    form fields written one per line."""
    found = find_pipe_tables(text)
    for table in find_runon_tables(text) + find_row_tables(text):
        if not any(a <= table.start < b for a, b in found.spans):
            found.events.append(table)
            found.spans.append((table.start, table.end))
    for event in find_form_lines(text):  # 项目名称：X lines, a workbook's sheet lines
        if not any(a <= _start(event) < b for a, b in found.spans):
            found.events.append(event)
    found.events.sort(key=_start)
    return found


def _start(event: Event) -> int:
    if isinstance(event, Table):
        return event.start
    if isinstance(event, Field):
        return event.value.start
    return event.cell.start
