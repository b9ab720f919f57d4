"""Section-aware chunks: paragraphs packed up to a size, never across a top-level section.

A chunk keeps its span in the normalised text and in the original text, so that retrieval
can show the report's own words. Its `header` (department, year, section path) is added to
the text that is embedded and keyword-indexed, not to the quoted text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from assistant.ingest.normalise import NormText
from assistant.ingest.structure import Paragraph, ReportStructure
from assistant.text.markers import sentence_spans


@dataclass(frozen=True)
class Chunk:
    id: str
    report_id: str
    ord: int
    section_path: tuple[str, ...]
    text: str  # normalised text of the chunk
    norm_start: int
    norm_end: int
    start: int  # span in the original text
    end: int
    header: str  # "department year | section path", for indexing

    @property
    def index_text(self) -> str:
        return f"{self.header}\n{self.text}"


def chunk_report(
    report_id: str, norm: NormText, structure: ReportStructure, max_chars: int = 420
) -> list[Chunk]:
    """Split a report into chunks of at most about `max_chars` characters."""
    pieces = _pieces(norm.text, structure.paragraphs, max_chars)
    chunks: list[Chunk] = []
    group: list[tuple[int, int, tuple[str, ...]]] = []

    def flush() -> None:
        if not group:
            return
        start, end = group[0][0], group[-1][1]
        path = _common_path([g[2] for g in group])
        chunks.append(_make(report_id, len(chunks), norm, structure, start, end, path))
        group.clear()

    for start, end, path in pieces:
        if group:
            size = end - group[0][0]
            new_top = (path[:1] or ("",)) != (group[0][2][:1] or ("",))
            if new_top or size > max_chars:
                flush()
        group.append((start, end, path))
    flush()
    return chunks


def _pieces(
    text: str, paragraphs: tuple[Paragraph, ...], max_chars: int
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Paragraphs, with over-long ones cut at sentence ends. Headings ride with what follows."""
    out: list[tuple[int, int, tuple[str, ...]]] = []
    pending_heading: int | None = None
    for p in paragraphs:
        if p.is_heading:
            if pending_heading is None:
                pending_heading = p.start
            continue
        start = pending_heading if pending_heading is not None else p.start
        pending_heading = None
        for a, b in _split_long(text, start, p.end, max_chars):
            out.append((a, b, p.path))
    if pending_heading is not None:
        out.append((pending_heading, len(text), paragraphs[-1].path if paragraphs else ()))
    return out


def _split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    if end - start <= max_chars:
        return [(start, end)]
    # every place right after a sentence end (a lone end mark counts; line breaks do not)
    cuts = [start] + [e for _, e in sentence_spans(text, start, end, lines=False, bare=True)] + [end]
    spans: list[tuple[int, int]] = []
    a = start
    last = start
    for c in sorted(set(cuts))[1:]:
        if c - a > max_chars and last > a:
            spans.append((a, last))
            a = last
        last = c
    spans.append((a, end))
    # a sentence longer than max_chars stays whole: splitting mid-sentence loses meaning
    return [(x, y) for x, y in spans if y > x]


def _common_path(paths: list[tuple[str, ...]]) -> tuple[str, ...]:
    first = paths[0]
    n = len(first)
    for p in paths[1:]:
        n = min(n, len(p))
        for i in range(n):
            if p[i] != first[i]:
                n = i
                break
    return first[:n] if n else first[:1]


def _make(
    report_id: str,
    ord_: int,
    norm: NormText,
    structure: ReportStructure,
    start: int,
    end: int,
    path: tuple[str, ...],
) -> Chunk:
    text = norm.text[start:end].strip()
    o_start, o_end = norm.original_span(start, end)
    year = f"{structure.year}年" if structure.year else ""
    header = f"{structure.department}{year} | {' > '.join(path) or structure.title}"
    digest = hashlib.sha256(f"{report_id}\n{header}\n{text}".encode()).hexdigest()[:16]
    return Chunk(
        id=f"{report_id}:{digest}",
        report_id=report_id,
        ord=ord_,
        section_path=path,
        text=text,
        norm_start=start,
        norm_end=end,
        start=o_start,
        end=o_end,
        header=header,
    )
