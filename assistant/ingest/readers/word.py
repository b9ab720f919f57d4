""".docx files (and .doc/.wps once LibreOffice converted them): body paragraphs and tables
in document order, each table row on one line (`tables.lines`)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.errors import LoadError
from assistant.ingest.readers.packages import MB, check_package, short_error
from assistant.ingest.tables.lines import (
    CAPTION_MAX_CHARS,
    W_NS,
    caption_unit,
    docx_table_rows,
    table_lines,
)

DOCX_MAX_XML = 100 * MB  # a 20,000-paragraph report is ~3 MB of XML; more means a zip bomb


def docx_text(path: Path, data: bytes) -> str:
    """Body paragraphs and tables in document order; each table row on one line."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LoadError(path, "not a readable .docx: it is an old binary .doc or a password-"
                              "protected document; save it as an unprotected .docx")
    check_package(path, data, ".docx", DOCX_MAX_XML,
                  lambda name: name.endswith((".xml", ".rels")))
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in _body_blocks(document.element.body):
            if block.tag == W_NS + "p":
                lines.append(Paragraph(block, document).text)
            else:
                unit = caption_unit(_last_filled(lines))
                lines.extend(table_lines(docx_table_rows(Table(block, document)), unit))
    except Exception as e:  # zip, XML and package errors alike mean a broken file
        raise LoadError(path, f"not a readable .docx: {short_error(e)}") from None
    return "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")


def _last_filled(lines: list[str]) -> str:
    """The last non-blank line so far: a table's caption (``单位：元``) when it is short."""
    last = next((line for line in reversed(lines) if line.strip()), "")
    return last if len(last) <= CAPTION_MAX_CHARS else ""


def _body_blocks(container: Any, depth: int = 0) -> Iterator[Any]:
    """The w:p and w:tbl children of the body in order, looking inside content controls."""
    for child in container.iterchildren():
        if child.tag in (W_NS + "p", W_NS + "tbl"):
            yield child
        elif child.tag == W_NS + "sdt" and depth < 8:
            content = child.find(W_NS + "sdtContent")
            if content is not None:
                yield from _body_blocks(content, depth + 1)
