"""Indicator tables that OCR or a web viewer ran together into one stream of text.

``级指标分值二级指标分值三级指标分值评价标准指标说明得分投入13预算配置13在职人员控制率5以100%为标准。
…人员编制数。5“三公经费”变动率8…`` is a score table: its header words are glued, then each row
is a chain of names, each glued to its weight (the 一级/二级 names only where they change),
then the criteria text, then the row's score glued to the next row's chain. A weight glued
to the criteria that follow (``预算完成率5100%计满分``) is told apart by the criteria's 100%.

The rows are rebuilt as a `grid.Table` with the header's columns, so the same reader turns
them into indicator facts; every cell keeps its offsets in the original text.
"""

from __future__ import annotations

import re

from assistant.ingest.tables.grid import Cell, Column, Table
from assistant.text.headers import HEADERS, NAME, SCORE, header_of

_HEADER_WORD = re.compile("|".join(sorted((re.escape(h.word) for h in HEADERS), key=len,
                                          reverse=True)))
# a name in a chain: text without digits or clause punctuation (quotes and brackets allowed)
_NAME = re.compile(r"[\u4e00-\u9fff“”\"《》（）()][\u4e00-\u9fff“”\"《》（）()、]{1,24}?"
                   r"(?=\d)")
_NUM = re.compile(r"\d+(?:\.\d+)?")
_SCORE_BEFORE = re.compile(r"(\d+(?:\.\d+)?)$")
MAX_WEIGHT = 100
# a name cannot end with the verb of a scoring rule: "指标细化得4分" is criteria text
_CRITERIA = ("得", "计", "扣", "减", "加", "为", "于", "达", "超过", "满")
# a row's score closing the table: a number alone after the last criterion's full stop
_LAST_SCORE = re.compile(r"(?<=[。.；;])\s*(\d{1,3}(?:\.\d+)?)[ \t]*(?=\n|$)")


def find_runon_tables(text: str) -> list[Table]:
    """The run-together indicator tables of a text."""
    tables = []
    for header_start, header_end, columns in _glued_headers(text):
        table = _rows(text, header_start, header_end, columns)
        if table.rows:
            tables.append(table)
    return tables


def _glued_headers(text: str):
    """Runs of at least four header words glued together, with a level name and a score."""
    pos = 0
    while True:
        m = _HEADER_WORD.search(text, pos)
        if not m:
            return
        words, end = [m], m.end()
        while (nxt := _HEADER_WORD.match(text, end)) is not None:
            words.append(nxt)
            end = nxt.end()
        columns = [_column(w.group()) for w in words]
        if (len(words) >= 4 and any(c.level for c in columns)
                and any(c.kind == SCORE for c in columns)):
            yield m.start(), end, columns
        pos = end


def _column(word: str) -> Column:
    h = header_of(word)
    assert h is not None
    return Column(word, h.kind, h.level)


def _rows(text: str, start: int, end: int, columns: list[Column]) -> Table:
    levels = [i for i, c in enumerate(columns) if c.level]
    weight_of = {i: i + 1 for i in levels if i + 1 < len(columns) and columns[i + 1].kind == SCORE}
    score_col = max((i for i, c in enumerate(columns) if c.kind == SCORE
                     and i not in weight_of.values()), default=None)
    table = Table(columns, [], start, end)
    chain, pos = _chain(text, end, len(levels))
    while chain:
        names = levels[len(levels) - len(chain):]
        row = []
        for col, (name, weight) in zip(names, chain):
            row.append((col, name))
            if col in weight_of and weight is not None:
                row.append((weight_of[col], weight))
        nxt, score, chain_end = _next_chain(text, pos, len(levels))
        if score is not None and score_col is not None:
            row.append((score_col, score))
        table.rows.append(row)
        table.end = (score or chain[-1][1] or chain[-1][0]).end
        chain, pos = nxt, chain_end
    return table


def _chain(text: str, pos: int, most: int) -> tuple[list[tuple[Cell, Cell | None]], int]:
    """Names glued to their weights from `pos` on (at most `most` of them); [] if none."""
    chain: list[tuple[Cell, Cell | None]] = []
    while len(chain) < most:
        name = _NAME.match(text, pos)
        if not name or name.group().endswith(_CRITERIA):
            break
        number = _NUM.match(text, name.end())
        weight = _weight(text, number)
        if weight is None:
            break
        chain.append((Cell(name.group(), name.start(), name.end()), weight))
        pos = weight.end
    return chain, pos


def _weight(text: str, number: re.Match | None) -> Cell | None:
    """The weight a number after a name gives, or None when it cannot be one: zero, over
    100, or followed by clause punctuation (it is criteria text, "至0,计8分"). A weight
    glued to a criterion's 100% ("5100%计满分") is cut off it."""
    if number is None:
        return None
    digits, after = number.group(), text[number.end():number.end() + 1]
    if after in ("%", "％"):
        if len(digits) > 3 and digits.endswith("100") and "." not in digits:
            digits = digits[:-3]
        else:
            return None
    elif after and not re.match(r"[\u4e00-\u9fff“\"《（(]", after):
        return None
    value = float(digits)
    if not 0 < value <= MAX_WEIGHT:
        return None
    return Cell(digits, number.start(), number.start() + len(digits))


def _next_chain(text: str, pos: int, most: int):
    """The next row's chain after the criteria text, the score just before it, and where
    the chain ends. Without a next chain, the score is the last number before a name at the
    end of the text (a table cut off mid-row)."""
    for m in re.finditer(r"(?<=\d)(?=[\u4e00-\u9fff“\"《（(])", text[pos:]):
        q = pos + m.start()
        before = _SCORE_BEFORE.search(text, max(0, q - 8), q)
        if before is None or not 0 <= float(before.group(1)) <= MAX_WEIGHT:
            continue
        score = Cell(before.group(1), before.start(1), before.end(1))
        chain, end = _chain(text, q, most)
        if chain:
            return chain, score, end
        if _tail(text, q):
            return [], score, q
    last = _LAST_SCORE.search(text, pos, pos + 300)
    if last:
        return [], Cell(last.group(1), last.start(1), last.end(1)), last.end(1)
    return [], None, pos


def _tail(text: str, q: int) -> bool:
    """Whether the text ends with a bare name at q (a table cut off after a row's score)."""
    rest = text[q:].strip()
    return bool(rest) and not re.search(r"[\s\d，。；;,:：=%]", rest) and len(rest) <= 24


__all__ = ["NAME", "find_runon_tables"]
