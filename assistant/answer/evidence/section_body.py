"""A text question whose subject is a heading of the report ("部门整体绩效目标是什么" and the
report's "（三）部门整体支出绩效目标"): the body under that heading is the answer, quoted whole
(a long one from its start, saying where it is cut), rather than sentences elsewhere that
merely share some words.

The heading must hold every content word of the question; of several such headings the one
the words fill best (the shortest) is taken, so "绩效目标" finds "部门整体支出绩效目标" before
"各项工作任务绩效目标完成情况分析"."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.evidence.passages import Sentence
from assistant.answer.evidence.retrieval import STOP
from assistant.index.bm25 import tokenize

MAX_CHARS = 1500  # a section longer than this is quoted from its start, and said to be cut
# words that frame a text question rather than name its subject
FRAME = ("主要", "内容", "具体", "情况", "部门", "单位", "整体", "年度", "本年")


def heading_words(question: str) -> list[str]:
    words = {t for t in tokenize(question) if not STOP.match(t) and len(t) >= 2}
    # a word inside a longer one adds nothing (绩效, 目标 within 绩效目标)
    words = {w for w in words if not any(w != o and w in o for o in words)}
    return sorted(w for w in words if w not in FRAME)


def section_body(question: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences under the heading that best names what the question asks (see
    `section_whole`), as many as are quoted."""
    return section_whole(question, sentences)[0]


def section_whole(question: str, sentences: Sequence[Sentence]) -> tuple[list[Sentence], int]:
    """The body under the heading that best names what the question asks, its sub-headings'
    bodies included, in the report's order: whole up to `MAX_CHARS`, else its first sentences
    within that; and how many sentences the section has. ([], 0) when no heading holds every
    content word."""
    words = heading_words(question)
    if not words:
        return [], 0
    best: tuple[int, str] | None = None
    for s in sentences:
        heading = _last_heading(s.section)
        if heading and all(w in heading for w in words):
            if best is None or len(heading) < best[0]:
                best = (len(heading), s.section)
    if best is None:
        return [], 0
    body = [s for s in sentences if s.section == best[1] or s.section.startswith(best[1] + " > ")]
    out: list[Sentence] = []
    for s in body:
        if out and sum(len(o.text) for o in out) + len(s.text) > MAX_CHARS:
            break
        out.append(s)
    return out, len(body)


def _last_heading(section: str) -> str:
    return section.rsplit(" > ", 1)[-1].strip() if section else ""
