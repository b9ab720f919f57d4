"""Form fields written one per line, ``项目名称：乡村道路养护``, as the Excel and HTML loaders
write a 绩效自评表's field rows (`sheet_lines`): each is a `grid.Field`, so the table rows
after it are read as that form's (its 总额 row is the project's). A workbook's sheet line
(``工作表：…``) is a `grid.FormTitle`: a new sheet is a new form, and a project named on one
sheet does not own the tables of the next.

Only a line that is the field alone counts (label, colon, a value of at most 60 characters
without sentence punctuation), so prose that happens to start with 项目名称 is not a field.
"""

from __future__ import annotations

import re

from assistant.ingest.tables.grid import Cell, Event, Field, FormTitle
from assistant.text.headers import FORM_FIELDS
from assistant.text.markers import SHEET_LINE_LEAD

_FIELD_LINE = re.compile(
    rf"^(?P<label>{'|'.join(map(re.escape, FORM_FIELDS))})[：:]\s*(?P<value>[^。；;，,\n]{{1,60}}?)\s*$")


def find_form_lines(text: str) -> list[Event]:
    """The field lines and sheet lines of `text`, in order, with original offsets."""
    events: list[Event] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if line.startswith(SHEET_LINE_LEAD):
            events.append(FormTitle(Cell(line, start, start + len(line))))
            continue
        m = _FIELD_LINE.match(line)
        if m:
            value = Cell(m.group("value"), start + m.start("value"), start + m.end("value"))
            events.append(Field(m.group("label"), value))
    return events
