"""A report's heading tree, read from its text at question time, and the items of a section.

Ingest keeps the sections it recognises; a report numbered in a style it does not (第五部分,
a bare heading line, a bold docx paragraph with no number) leaves its lists under no heading.
Here every whole line that reads as a heading counts: a marker of any style (see
`assistant.text.section_topics.HEADING_STYLES`) and a short text with no clause, or an
unnumbered short line that names a section topic ("存在问题"). A heading's depth comes from
its style's place among the styles open above it: a style seen again closes every section
opened below it, a new style opens a child. So 第一部分 > 一、 > （一） and 一、 > 1. > （1）
nest alike, whatever the report's conventions.

A section's items are its sub-sections (a heading with its body), else its numbered lines
(一、… 1.… （1）… ①… 一是…, with the unnumbered lines that follow each), else its paragraphs;
closing matter (a date line, the signature above it) is not an item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.ingest.aliases import is_org_name
from assistant.ingest.normalise import NormText, normalise
from assistant.text.markers import INLINE_ENUM, PAGE_MARK
from assistant.text.section_topics import (
    DATE_LINE,
    HEADING_MAX,
    HEADING_STYLES,
    ITEM_LINE,
    PREFERRED,
    SENTENCE_MARK,
    TOPICS,
)

GLUED_TAIL = re.compile(r"[。；;！？!?]\s*([^。；;！？!?]{2,40})$")
PLAIN_MAX = 16  # an unnumbered heading line is short
CLOSING_MAX = 30  # a signature line
GLUED_SIGNATURE = re.compile(r"[。；;！!？?]([^。；;，,！!？?：:]{1,40})$")


@dataclass(frozen=True)
class Line:
    start: int  # offsets into the text the outline was read from
    end: int
    text: str  # stripped


@dataclass(frozen=True)
class Section:
    title: str  # the heading without its marker
    heading: Line
    style: str
    path: tuple[str, ...]  # the headings from the top down, this one last (as written)
    body: tuple[Line, ...]  # every line up to the next heading of its level or above
    children: tuple[int, ...] = ()  # indices of the direct sub-sections in the outline

    @property
    def end(self) -> int:
        return self.body[-1].end if self.body else self.heading.end


@dataclass(frozen=True)
class Item:
    text: str
    start: int
    end: int


def lines_of(text: str) -> list[Line]:
    """The text's non-empty lines; a heading glued to the end of the sentence before it
    ("…为90分。第五部分存在问题": a line joiner that did not know its style) is a line of its own."""
    out, at = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = at + len(raw) - len(raw.lstrip())
            cut = _glued_heading(stripped)
            if cut:
                out.append(Line(start, start + cut, stripped[:cut]))
                start, stripped = start + cut, stripped[cut:]
            out.append(Line(start, start + len(stripped), stripped))
        at += len(raw) + 1
    return out


def _glued_heading(line: str) -> int:
    """Where a heading glued to the line's end starts (after the last sentence end), or 0."""
    m = GLUED_TAIL.search(line)
    if m is None or m.start(1) == 0 or heading_style(m.group(1)) is None:
        return 0
    return m.start(1)


def heading_style(line: str) -> tuple[str, str] | None:
    """(style, title) when the whole line reads as a heading, else None."""
    for style, pattern in HEADING_STYLES:
        m = pattern.match(line)
        if m is None:
            continue
        title = line[m.end():].rstrip("：: ")
        if title and len(title) <= HEADING_MAX and not SENTENCE_MARK.search(title):
            return style, title
        return None
    title = line.rstrip("：: ")
    if len(title) <= PLAIN_MAX and not SENTENCE_MARK.search(title) and topic_of(title):
        return "plain", title
    return None


def outline(text: str) -> list[Section]:
    """The sections of a report's text, in reading order (see the module doc)."""
    lines = lines_of(text)
    heads: list[tuple[int, str, str]] = []  # (line index, style, title)
    for i, line in enumerate(lines):
        found = heading_style(line.text)
        if found is not None:
            heads.append((i, *found))
    sections: list[Section] = []
    stack: list[tuple[str, int]] = []  # (style, section index) of the open sections
    ends: dict[int, int] = {}
    parents: dict[int, int] = {}
    for n, (i, style, _title) in enumerate(heads):
        styles = [s for s, _ in stack]
        if style in styles:
            while stack:
                closed_style, closed = stack.pop()
                ends[closed] = i
                if closed_style == style:
                    break
        if stack:
            parents[n] = stack[-1][1]
        stack.append((style, n))
    for n, (i, style, title) in enumerate(heads):
        end = ends.get(n, len(lines))
        path, up = [lines[i].text], parents.get(n)
        while up is not None:
            path.insert(0, lines[heads[up][0]].text)
            up = parents.get(up)
        children = tuple(c for c, p in parents.items() if p == n)
        sections.append(Section(title, lines[i], style, tuple(path), tuple(lines[i + 1:end]),
                                tuple(sorted(children))))
    return sections


def topic_of(title: str) -> str:
    """The topic a heading names by its head (see `section_topics.TOPICS`), or ""."""
    named = [t for t, pattern in TOPICS.items() if pattern.search(title)]
    return named[0] if len(named) == 1 else "+".join(named)


def topic_section(sections: Sequence[Section], topic: str) -> Section | None:
    """The section that holds the topic: of the headings that name it, one that names no
    other topic, then one with a word that marks the topic best, then the shortest; the
    last such section when several tie (a report's lists of problems and measures close it)."""
    candidates = [s for s in sections if topic in topic_of(s.title).split("+") and s.body]
    if not candidates:
        return None

    def rank(s: Section) -> tuple:
        exclusive = topic_of(s.title) == topic
        preferred = bool(PREFERRED[topic].search(s.title)) if topic in PREFERRED else False
        return (not exclusive, not preferred, len(s.title), -s.heading.start)

    return min(candidates, key=rank)


def items(section: Section, sections: Sequence[Section]) -> list[Item]:
    """The items of a section (see the module doc), as spans of the outline's text."""
    body = _without_closing(list(section.body))
    if not body:
        return []
    if section.children:
        out = []
        for c in section.children:
            child = sections[c]
            lines = [child.heading, *_without_closing(list(child.body))]
            item = _item(lines)
            if len(lines) > 1:  # the sub-heading is the item's title: "产出：…"
                item = Item(f"{child.heading.text}：{item.text[len(child.heading.text):]}", item.start, item.end)
            out.append(item)
        return out
    groups: list[list[Line]] = []
    for line in body:
        if ITEM_LINE.match(line.text) or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    numbered = [g for g in groups if ITEM_LINE.match(g[0].text)]
    if len(numbered) >= 2:
        return [_item(g) for g in numbered]
    return [item for ln in body for item in _inline(ln)]


def _item(lines: Sequence[Line]) -> Item:
    text = "".join(ln.text for ln in lines)
    end = lines[-1].end
    tail = GLUED_SIGNATURE.search(text)
    if tail and lines[-1].text.endswith(tail.group(1)) and is_org_name(tail.group(1)):
        # the signature of the report glued to its last item
        text = text[: tail.start(1)]
        end -= len(tail.group(1))
    return Item(text, lines[0].start, end)


def _inline(line: Line) -> list[Item]:
    """One paragraph enumerating its items inline (一是…；二是…): each item from its marker."""
    marks = [m.start(1) for m in INLINE_ENUM.finditer(line.text)]
    if len(marks) < 2:
        return [_item([line])]
    bounds = zip(marks, [*marks[1:], len(line.text)], strict=True)
    return [Item(line.text[a:b].rstrip("；;，, "), line.start + a,
                 line.start + a + len(line.text[a:b].rstrip("；;，, "))) for a, b in bounds]


def _without_closing(lines: list[Line]) -> list[Line]:
    """The lines without the closing matter at their end: page marks, a date line and the
    signature line (a short line with no clause) above it."""
    while lines and (PAGE_MARK.match(lines[-1].text) or DATE_LINE.match(lines[-1].text)):
        dated = bool(DATE_LINE.match(lines[-1].text))
        lines.pop()
        if dated and lines and len(lines[-1].text) <= CLOSING_MAX \
                and not SENTENCE_MARK.search(lines[-1].text):
            lines.pop()
    return lines


@dataclass(frozen=True)
class Quoted:
    """An item of a report's section, with where it stands in the original text."""

    text: str  # normalised
    quote: str  # verbatim
    start: int  # offsets into the report's original text
    end: int
    section: str  # the heading path, " > "-joined


_OUTLINES: dict[tuple, tuple[NormText, list[Section]]] = {}  # per report version


def report_outline(store, report_id: str) -> tuple[NormText, list[Section]]:
    """(the report's normalised text, its outline)."""
    key = (report_id, store.sha_of(report_id))
    if key not in _OUTLINES:
        norm = store.normalised(report_id) or normalise(store.report_text(report_id) or "")
        if len(_OUTLINES) > 64:
            _OUTLINES.clear()
        _OUTLINES[key] = (norm, outline(norm.text))
    return _OUTLINES[key]


def topic_items(store, report_id: str, topic: str) -> list[Quoted]:
    """The items of the report's section on `topic` (see `topic_section`), quoted; [] when
    the report has no such section."""
    norm, sections = report_outline(store, report_id)
    section = topic_section(sections, topic)
    if section is None:
        return []
    path = " > ".join(section.path)
    out = []
    for item in items(section, sections):
        a, b = norm.original_span(item.start, item.end)
        out.append(Quoted(item.text, norm.original[a:b], a, b, path))
    return out


MIN_SHARED = 2  # a heading names what the question asks when it holds two of its words …
SHARED_SHARE = 0.6  # … and most of those the report writes at all


def named_section(words: Sequence[str], store, report_id: str) -> tuple[Section | None, list[Quoted]]:
    """The section of the report whose heading (of any numbering style) holds most of the
    question's words (in the question's order) — of those the report writes at all: the
    asker's own (怎么样) say nothing of where the answer stands — the last of them among them,
    and its items, quoted; (None, []) when no heading holds enough of them."""
    norm, sections = report_outline(store, report_id)
    written = [w for w in words if w in norm.text]
    if len(written) < MIN_SHARED:
        return None, []

    def shared(s: Section) -> int:
        return sum(w in s.title for w in written)

    head = written[-1]  # the question's last word the report writes: what is asked of the section
    best = max((s for s in sections if s.body and head in s.title),
               key=lambda s: (shared(s), -len(s.title)), default=None)
    if best is None or shared(best) < max(MIN_SHARED, SHARED_SHARE * len(written)):
        return None, []
    path = " > ".join(best.path)
    out = []
    for item in items(best, sections):
        a, b = norm.original_span(item.start, item.end)
        out.append(Quoted(item.text, norm.original[a:b], a, b, path))
    return best, out
