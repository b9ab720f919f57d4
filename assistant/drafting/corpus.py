"""The sections of an indexed report, by kind: their paragraphs, their list items and
verbatim quotes. Used for exemplars (other departments' sections) and for the qualitative
statements of a department's own report (its duties, tasks, achievements)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.drafting.sections import kind_of_path
from assistant.index.pipeline import HEADING, PARAGRAPH
from assistant.ingest.normalise import NormText, normalise
from assistant.ingest.structure import Paragraph, analyse
from assistant.text.markers import EXCERPT_ENDS, INLINE_ENUM, ITEM_START, sentence_spans


@dataclass
class SectionText:
    """One section of one report (all paragraphs under headings of one kind)."""

    kind: str
    heading: str  # the heading that named the kind, as written
    path: str  # its section path, " > " joined
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # normalised spans
    norm: NormText | None = None

    def texts(self) -> list[str]:
        assert self.norm is not None
        return [self.norm.text[a:b].strip() for a, b in self.paragraphs if self.norm.text[a:b].strip()]

    def items(self) -> list[str]:
        """The section's points: one per numbered paragraph, 一是…二是… split, markers dropped."""
        out: list[str] = []
        for text in self.texts():
            parts = split_enumeration(text)
            out.extend(p for p in (ITEM_START.sub("", x, count=1).strip() for x in parts) if p)
        return out

    def excerpt(self, limit: int = 220) -> tuple[str, str]:
        """(normalised text, verbatim original) of the section's opening, cut at a sentence
        end near `limit` characters."""
        assert self.norm is not None
        if not self.paragraphs:
            return "", ""
        start = self.paragraphs[0][0]
        end = start
        for _, b in self.paragraphs:
            if end > start and b - start > limit:
                break
            end = b
        if end - start > limit:
            ends = [e - start for _, e in sentence_spans(self.norm.text, start, start + limit,
                                                         ends=EXCERPT_ENDS, lines=False, bare=True)
                    if self.norm.text[e - 1] in EXCERPT_ENDS]
            cut = max(ends, default=limit)
            end = start + cut
        return self.norm.text[start:end], self.norm.quote(start, end)


@dataclass
class ReportSections:
    report_id: str
    department: str
    year: int | None
    headings: list[tuple[str, int]]  # (heading, level) in reading order
    by_kind: dict[str, SectionText]


def split_enumeration(text: str) -> list[str]:
    """'一是A；二是B。' -> ['A；', 'B。'] (the text itself when it holds fewer than two)."""
    marks = list(INLINE_ENUM.finditer(text))
    if len(marks) < 2:
        return [text]
    head = text[: marks[0].start()].strip()
    parts = [text[m.end(): (marks[i + 1].start() if i + 1 < len(marks) else len(text))].strip()
             for i, m in enumerate(marks)]
    if head and not head.endswith(("：", ":")) and len(head) > 12:
        parts.insert(0, head)
    return [p for p in parts if p]


def report_sections(store, report_id: str) -> ReportSections:
    """The report's sections by kind (cached per report version)."""
    sha = store.sha_of(report_id)
    return _sections(store, report_id, sha[0] if sha else "")


@lru_cache(maxsize=64)
def _sections_cached(report_id: str, sha: str, text: str, department: str,
                     year: int | None) -> ReportSections:
    """For a report ingested before spans were kept: parse it now."""
    norm = normalise(text)
    return _by_kind(report_id, department, year, norm, analyse(norm).paragraphs)


def _by_kind(report_id: str, department: str, year: int | None, norm: NormText,
             paragraphs: Sequence[Paragraph]) -> ReportSections:
    headings: list[tuple[str, int]] = []
    by_kind: dict[str, SectionText] = {}
    for p in paragraphs:
        if p.is_heading:
            headings.append((norm.text[p.start:p.end].strip(), p.level))
            continue
        kind = kind_of_path(p.path)
        if not kind:
            continue
        section = by_kind.get(kind)
        if section is None:
            top = next(h for h in p.path if kind_of_path([h]) == kind)
            depth = p.path.index(top) + 1
            section = by_kind[kind] = SectionText(kind, top, " > ".join(p.path[:depth]), norm=norm)
        section.paragraphs.append((p.start, p.end))
    return ReportSections(report_id, department, year, headings, by_kind)


_STORED: dict[tuple[str, str], ReportSections] = {}  # per report version


def _sections(store, report_id: str, sha: str) -> ReportSections:
    """From the spans ingest stored (the report's paragraphs and their section paths)."""
    key = (report_id, sha)
    if key in _STORED:
        return _STORED[key]
    report = store.report(report_id)
    department, year = (report.department, report.year) if report else ("", None)
    norm = store.normalised(report_id)
    if norm is None:  # ingested before spans were kept
        return _sections_cached(report_id, sha, store.report_text(report_id), department, year)
    paragraphs = [s.paragraph() for s in sorted(
        (s for s in store.spans(report_id) if s.kind in (HEADING, PARAGRAPH)),
        key=lambda s: s.norm_start)]
    if len(_STORED) > 64:
        _STORED.clear()
    found = _STORED[key] = _by_kind(report_id, department, year, norm, paragraphs)
    return found
