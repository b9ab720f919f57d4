"""One indexed report as the review reads it: its text, sections, facts, list items and the
consistency checker's findings, and how to quote any span of it (section and page)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from assistant.facts.checks import check_facts
from assistant.review.types import Quote

HEADING, PARAGRAPH = "heading", "paragraph"


@dataclass
class Section:
    """A heading and the body text under it (its sub-sections included)."""

    heading: str
    path: tuple[str, ...]
    start: int  # the heading's span in the original text
    end: int
    page: int
    body: str = ""
    body_start: int = 0
    body_end: int = 0


@dataclass
class ReportView:
    store: object
    report_id: str
    record: object = None
    _cache: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.record is None:
            self.record = self.store.report(self.report_id)
        if self.record is None:
            raise ValueError(f"没有找到报告 {self.report_id}")

    @property
    def file(self) -> str:
        return self.record.file

    @cached_property
    def text(self) -> str:
        return self.store.report_text(self.report_id)

    @cached_property
    def title(self) -> str:
        return self.record.title or ""

    @cached_property
    def facts(self) -> list:
        return self.store.facts(self.report_id)

    @cached_property
    def items(self) -> list:
        return self.store.items(self.report_id)

    @cached_property
    def checks(self) -> list:
        return check_facts(self.facts)

    @cached_property
    def paragraphs(self) -> list:
        return sorted(self.store.spans(self.report_id, PARAGRAPH), key=lambda s: s.start)

    @cached_property
    def headings(self) -> list:
        return sorted(self.store.spans(self.report_id, HEADING), key=lambda s: s.start)

    @cached_property
    def _starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int):
        """The paragraph (or heading) span holding an offset of the original text."""
        spans = self.paragraphs
        k = bisect_right(self._starts, offset) - 1
        if 0 <= k < len(spans) and spans[k].start <= offset < max(spans[k].end, spans[k].start + 1):
            return spans[k]
        heading = [h for h in self.headings if h.start <= offset < h.end]
        return heading[0] if heading else (spans[k] if 0 <= k < len(spans) else None)

    def paragraph_text(self, offset: int) -> str:
        span = self.paragraph_at(offset)
        return self.text[span.start:span.end] if span else ""

    def quote(self, start: int, end: int, text: str | None = None, section: str = "") -> Quote:
        """A quote of the span [start, end) with its section path and page."""
        span = self.paragraph_at(start)
        return Quote(file=self.file, section=section or (span.section if span else ""),
                     page=(span.page if span and span.page else 1),
                     quote=text if text is not None else self.text[start:end].strip(),
                     start=start, end=end)

    def quote_heading(self, heading) -> Quote:
        return Quote(file=self.file, section=heading.section or " > ".join(heading.path),
                     page=heading.page or 1, quote=self.text[heading.start:heading.end].strip(),
                     start=heading.start, end=heading.end)

    @cached_property
    def sections(self) -> list[Section]:
        """Every heading with the body text of the paragraphs under it."""
        out = []
        for h in self.headings:
            path = tuple(h.path)
            body = [p for p in self.paragraphs if tuple(p.path[:len(path)]) == path
                    and p.start >= h.end]
            text = "\n".join(self.text[p.start:p.end] for p in body)
            out.append(Section(heading=path[-1] if path else self.text[h.start:h.end], path=path,
                               start=h.start, end=h.end, page=h.page or 1, body=text,
                               body_start=body[0].start if body else h.end,
                               body_end=body[-1].end if body else h.end))
        return out
