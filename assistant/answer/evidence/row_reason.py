"""The reason a self-evaluation table gives in the asked indicator's own row: the text cell
after its figures (the 偏差原因 column: "设备老化，停机12天"), which names no cause word and
does not repeat the indicator's name, yet is the report's answer to "why was it missed".

A row is found by its name cell: a cell whose character pairs the question holds almost all
of (医疗设备完好率 in 医疗设备完好率为什么没达标). The row's cells stand on one line (cut by
tabs or |) or, in a form copied from a web page, one cell per line; either way the reason is
the first cell after the name, past the figures, that is written text (a clause mark, or a
figure inside words), before the next row's name.
"""

from __future__ import annotations

import re

from assistant.answer.evidence.passages import Sentence

CELL_SPLIT = re.compile(r"\t|\s*\|\s*")
HAN = re.compile(r"[\u4e00-\u9fff]")
CLAUSE = re.compile(r"[，,；;、。]")
FIGURE_CELL = re.compile(r"^[\s≥≤<>＞＜=≈约]*[-+]?\d[\d,，.]*\s*[%％]?\s*\S{0,3}$|^[—\-–/\s]*$")
NAME_SHARE = 0.8  # share of a name cell's pairs the question must hold
MIN_NAME = 4  # characters of a name cell
MIN_REASON = 6  # characters of a reason cell
CELL_LINES = 7  # lines after a one-cell-per-line name read for its row


def _pairs(text: str) -> set[str]:
    han = "".join(HAN.findall(text))
    return {han[i:i + 2] for i in range(len(han) - 1)}


def names_row(cell: str, asked: set[str]) -> bool:
    """Whether the cell is a row's name the question asks about."""
    own = _pairs(cell)
    return len(cell.strip()) >= MIN_NAME and bool(own) and not CLAUSE.search(cell) \
        and len(own & asked) / len(own) >= NAME_SHARE


def is_reason(cell: str, strict: bool = True) -> bool:
    """A written cell: text (with a clause mark or a figure inside its words, when `strict`:
    a cell on a line of its own may be the next row's name otherwise)."""
    text = cell.strip()
    return len(text) >= MIN_REASON and bool(HAN.search(text)) and not FIGURE_CELL.match(text) \
        and (not strict or bool(CLAUSE.search(text)) or bool(re.search(r"\d", text)))


def row_reason(question: str, report_id: str, text: str) -> Sentence | None:
    """The reason cell of the asked indicator's row (see the module doc), or None."""
    asked = _pairs(question)
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for i, line in enumerate(lines):
        cells = CELL_SPLIT.split(line)
        filled = [c for c in cells if c.strip()]
        if len(filled) >= 3:  # a row on one line
            at = next((k for k, c in enumerate(cells) if names_row(c, asked)), None)
            if at is None:
                continue
            reason = next((c for c in cells[at + 1:] if is_reason(c, strict=False)), None)
            if reason is not None:
                start = offsets[i] + line.index(reason)
                return _sentence(report_id, reason, start)
        elif len(filled) == 1 and names_row(line, asked):  # one cell per line
            for k in range(i + 1, min(len(lines), i + 1 + CELL_LINES)):
                cell = lines[k].strip()
                if not cell or FIGURE_CELL.match(cell):
                    continue
                if is_reason(cell):
                    return _sentence(report_id, cell, offsets[k] + lines[k].index(cell))
                break  # the next row's name: this row gives no reason
    return None


def _sentence(report_id: str, cell: str, start: int) -> Sentence:
    text = cell.strip()
    return Sentence(report_id, "", text, text, start, start + len(text), 0)
