"""Draft text as paragraphs and points: Chinese ordinals, splitting a section into its
opening paragraphs and its numbered points, and writing points back in one style.

A draft body is plain text, one paragraph per line. A point is a paragraph that opens
with a marker: （一） / 一是 / 1. / （1）. Templates write points as （一）…, and revisions
regroup, shorten or extend them without touching the figures inside.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.text.markers import DRAFT_SENTENCE_ENDS, INLINE_ENUM, POINT_START
from assistant.text.markers import sentences as _sentences
from assistant.text.numbers import CN_SMALL_DIGITS as DIGITS
from assistant.text.numbers import cn, from_cn

__all__ = ["DIGITS", "Body", "cn", "finish", "from_cn", "inline_points", "marker", "paragraphs",
           "parse", "sentences"]


def marker(i: int) -> str:
    """The marker of point i (1-based) as the templates write it."""
    return f"（{cn(i)}）"


@dataclass
class Body:
    """A section body: paragraphs before the points, the points, paragraphs after."""

    head: list[str] = field(default_factory=list)
    points: list[str] = field(default_factory=list)  # point texts without their markers
    tail: list[str] = field(default_factory=list)

    def render(self) -> str:
        lines = list(self.head)
        lines += [f"{marker(i)}{finish(p)}" for i, p in enumerate(self.points, 1)]
        lines += self.tail
        return "\n".join(x for x in lines if x.strip())


def finish(sentence: str) -> str:
    """A point ends with 。 (a trailing ；，, is replaced)."""
    text = sentence.strip().rstrip("；;，,、 ")
    return text if text.endswith(("。", "！", "？", "】")) else text + "。"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def parse(text: str) -> Body:
    """Split a body into head paragraphs, points and tail paragraphs. A single paragraph
    written 一是…；二是… counts as points, too."""
    body = Body()
    for para in paragraphs(text):
        m = POINT_START.match(para)
        if m and not body.tail:
            body.points.append(para[m.end():].strip())
        elif body.points:
            body.tail.append(para)
        else:
            body.head.append(para)
    if not body.points:
        for i, para in enumerate(body.head):
            inline = inline_points(para)
            if len(inline) >= 2:
                lead, items = inline[0], inline[1:]
                body.points = items
                body.tail = body.head[i + 1:]
                body.head = body.head[:i] + ([lead] if lead else [])
                break
    return body


def inline_points(para: str) -> list[str]:
    """'前言：一是A；二是B。' -> ['前言：', 'A', 'B'] (fewer than three entries: not a list)."""
    marks = list(INLINE_ENUM.finditer(para))
    if len(marks) < 2:
        return [para]
    out = [para[: marks[0].start()].strip()]
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(para)
        out.append(para[m.end(): end].strip().rstrip("；;，,。"))
    return out


def sentences(text: str) -> list[str]:
    """A draft paragraph's sentences (a lone end mark counts; line breaks do not end one)."""
    return _sentences(text, ends=DRAFT_SENTENCE_ENDS, lines=False, bare=True)
