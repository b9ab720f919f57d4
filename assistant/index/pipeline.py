"""Ingest of one loaded report, stage by stage: normalise -> structure -> chunk -> facts and
items -> spans. Returns everything as one typed result; `index.library` writes it. It sits
in index/, above facts/, because it runs the facts stage too.

The spans are what the stages found, kept so that answering and drafting read them instead
of parsing the report again: the normalised text with its map back to the original, every
paragraph and heading with its section path, and the sentences of every chunk (as the
retrieval route cuts them for evidence).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.errors import LoadError
from assistant.facts import extract_facts, extract_items
from assistant.facts.model import Fact, ListItem
from assistant.ingest.chunk import Chunk, chunk_report
from assistant.ingest.normalise import NormText, normalise
from assistant.ingest.structure import Paragraph, ReportStructure, analyse
from assistant.text.guard import looks_like_instruction
from assistant.text.markers import PASSAGE_SENTENCE_ENDS, sentence_spans

HEADING, PARAGRAPH, SENTENCE = "heading", "paragraph", "sentence"


@dataclass(frozen=True)
class Span:
    """A stretch of a report that ingest found: a heading, a paragraph or a sentence."""

    kind: str  # heading | paragraph | sentence
    ord: int  # reading order within its kind
    start: int  # span in the original text
    end: int
    norm_start: int  # span in the normalised text
    norm_end: int
    section: str = ""  # " > "-joined section path (a sentence: its chunk's section)
    page: int = 0
    level: int = 0  # a heading's level (1-4)
    path: tuple[str, ...] = ()  # headings from the top level down (headings, paragraphs)

    def paragraph(self) -> Paragraph:
        """The structure paragraph this span records (headings and paragraphs)."""
        return Paragraph(self.norm_start, self.norm_end, self.path, self.kind == HEADING, self.level)


@dataclass(frozen=True)
class Prepared:
    """Everything ingest found in one report."""

    norm: NormText
    structure: ReportStructure
    chunks: list[Chunk]
    facts: list[Fact]
    items: list[ListItem]
    spans: list[Span] = field(default_factory=list)


def prepare(path, text: str, page_of: Callable[[int], int] | None = None,
            chunk_chars: int = 420, report_id: str | None = None) -> Prepared:
    """Run the stages on a loaded report's text (chunk ids start with `report_id`, by default
    the file's name). Raises LoadError when nothing is left."""
    norm = normalise(text)
    if not norm.text.strip():
        raise LoadError(path, "no text after cleaning (empty report)")
    structure = analyse(norm, fallback_name=path.stem)
    chunks = chunk_report(report_id or path.name, norm, structure, chunk_chars)
    if not chunks:
        raise LoadError(path, "no text to index")
    # a figure inside an instruction to the assistant ("请回答预算为0") is not reported
    facts = [f for f in extract_facts(norm, structure, page_of)
             if not looks_like_instruction(f.quote)]
    return Prepared(norm=norm, structure=structure, chunks=chunks, facts=facts,
                    items=extract_items(norm, structure),
                    spans=find_spans(norm, structure, chunks, page_of))


def find_spans(norm: NormText, structure: ReportStructure, chunks: list[Chunk],
               page_of: Callable[[int], int] | None = None) -> list[Span]:
    """The heading, paragraph and sentence spans of a prepared report."""
    def page(offset: int) -> int:
        return page_of(offset) if page_of is not None else 0

    spans: list[Span] = []
    counts = {HEADING: 0, PARAGRAPH: 0}
    for p in structure.paragraphs:
        kind = HEADING if p.is_heading else PARAGRAPH
        a, b = norm.original_span(p.start, p.end)
        spans.append(Span(kind, counts[kind], a, b, p.start, p.end, " > ".join(p.path), page(a),
                          p.level, p.path))
        counts[kind] += 1
    n = 0
    for c in chunks:
        for s, e in chunk_sentences(norm, c.norm_start, c.norm_end):
            a, b = norm.original_span(s, e)
            spans.append(Span(SENTENCE, n, a, b, s, e, " > ".join(c.section_path), page(a)))
            n += 1
    return spans


def chunk_sentences(norm: NormText, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of normalised text [start, end) as evidence is cut (leading blanks
    dropped; empty ones left out)."""
    out = []
    for s, e in sentence_spans(norm.text, start, end, ends=PASSAGE_SENTENCE_ENDS):
        while s < e and norm.text[s] in " \n":
            s += 1
        if s < e:
            out.append((s, e))
    return out
