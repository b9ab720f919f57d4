"""The numbered points a sentence introduces ("…开展全过程预算绩效管理：" then "1.加强管理制度
建设。" "2.…"), for questions that ask what was done or which measures were taken: the points
are the answer, quoted in order, rather than whichever single sentences rank best.

A point starts a sentence with a list marker (1. 1、 （1） （一） ①) and the points count up
from the first; text between them (a point's body) is skipped, and the list ends where the
counting breaks or a heading of the next section starts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.evidence.passages import Sentence
from assistant.text.markers import ITEM_START, NUMERALS, TOP_HEADING_LINE

INTRO_END = re.compile(r"[：:]\s*$")
# an introduction that runs on into its first point: "…绩效管理: 1.加强管理制度建设。"
INTRO_FIRST = re.compile(r"[：:]\s*(?:1\s*[、.．]|[（(]1[）)]|[（(]一[）)]|①|一是)")
MAX_GAP = 3  # sentences of a point's body between two points
MAX_POINTS = 12
_DIGITS = re.compile(r"\d{1,2}")


def points_after(intro: Sentence, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The numbered points that follow `intro` in the report (at least two, counting one the
    introduction itself runs on into), or []; at most `MAX_POINTS` (see `all_points_after`)."""
    return all_points_after(intro, sentences)[:MAX_POINTS]


def all_points_after(intro: Sentence, sentences: Sequence[Sentence]) -> list[Sentence]:
    """Every numbered point that follows `intro`, however many (see `points_after`)."""
    first = 0 if INTRO_END.search(intro.text) else 1 if INTRO_FIRST.search(intro.text) else None
    if first is None:
        return []
    after = [s for s in sentences if s.report_id == intro.report_id and s.start >= intro.end]
    after.sort(key=lambda s: s.start)
    points: list[Sentence] = []
    gap = 0
    for s in after:
        n = _ordinal(s.text)
        if n == first + len(points) + 1:
            points.append(s)
            gap = 0
        elif n is not None or TOP_HEADING_LINE.match(s.text) or gap >= MAX_GAP:
            break
        else:
            gap += 1
    return points if first + len(points) >= 2 else []


def _ordinal(text: str) -> int | None:
    """The number of a list marker opening the text (1. → 1, （三） → 3), or None."""
    m = ITEM_START.match(text)
    if m is None:
        return None
    mark = m.group(0)
    digits = _DIGITS.search(mark)
    if digits:
        return int(digits.group(0))
    if mark[0] in "①②③④⑤⑥⑦⑧⑨⑩":
        return "①②③④⑤⑥⑦⑧⑨⑩".index(mark[0]) + 1
    numeral = next((c for c in mark if c in NUMERALS), "")
    return NUMERALS.index(numeral) + 1 if numeral else None
