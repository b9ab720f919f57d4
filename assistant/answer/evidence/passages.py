"""Sentence-level evidence: split retrieved chunks into sentences with verbatim spans, and
rank sentences against the question. Used for extractive answers (no LLM), for the LLM's
short context, and for citations (a sentence, never a whole chunk)."""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.evidence.retrieval import STOP, Hit
from assistant.index.bm25 import tokenize
from assistant.index.pipeline import chunk_sentences
from assistant.ingest.normalise import NormText, normalise
from assistant.text.markers import HEADING_LIKE, HEADING_MARK

# question words -> the words reports use for the same thing
THESAURUS = {
    "表彰": ("评为", "表扬", "先进", "获评", "优秀"), "荣誉": ("评为", "表扬", "先进", "获评", "优秀"),
    "奖励": ("评为", "表扬", "激励"), "原因": ("主要是", "由于", "导致"), "为什么": ("主要是", "由于", "导致"),
    "成效": ("成果", "完成", "提升"), "做法": ("措施", "加强", "推进"), "花": ("支出",),
    "钱": ("资金", "经费", "支出"), "人员": ("人",), "指标": ("指标",),
}


@dataclass(frozen=True)
class Sentence:
    report_id: str
    section: str
    text: str  # normalised
    quote: str  # verbatim original
    start: int
    end: int
    rank: int  # rank of the chunk it came from
    score: float = 0.0


@dataclass(frozen=True)
class StoredText:
    """What ingest kept of one report: its normalised text and the sentences of its chunks
    as (normalised start, end), in reading order."""

    norm: NormText
    sentences: tuple[tuple[int, int], ...]

    def sentences_in(self, a: int, b: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.sentences, (a, a))
        out = []
        while i < len(self.sentences) and self.sentences[i][0] < b:
            out.append(self.sentences[i])
            i += 1
        return out


@lru_cache(maxsize=256)
def _norm(report_id: str, text: str) -> NormText:
    return normalise(text)


def stored_text(store, report_id: str) -> StoredText | None:
    """The report's stored normalised text and sentences; None when the report was ingested
    before ingest kept them (its sentences are then cut at question time)."""
    key = store.sha_of(report_id)
    return _stored(store, report_id, key) if key else None


_STORED: dict[tuple, StoredText | None] = {}  # per report version


def _stored(store, report_id: str, key: tuple) -> StoredText | None:
    cache_key = (report_id, key)
    if cache_key not in _STORED:
        norm = store.normalised(report_id)
        found = None
        if norm is not None:
            spans = sorted((s.norm_start, s.norm_end) for s in store.spans(report_id, "sentence"))
            found = StoredText(norm, tuple(spans))
        if len(_STORED) > 256:
            _STORED.clear()
        _STORED[cache_key] = found
    return _STORED[cache_key]


def sentences_for(store, hit: Hit, rank: int) -> list[Sentence]:
    """The evidence sentences of a retrieved chunk, from what ingest stored (or, for a report
    ingested before spans were kept, cut from its text now)."""
    stored = stored_text(store, hit.report_id)
    if stored is None:
        return sentences_of(hit, store.report_text(hit.report_id), rank)
    return sentences_of(hit, stored.norm.original, rank, stored)


def sentences_of(hit: Hit, report_text: str, rank: int, stored: StoredText | None = None) -> list[Sentence]:
    norm = stored.norm if stored is not None else _norm(hit.report_id, report_text)
    a = bisect.bisect_left(norm.offsets, hit.start)
    b = bisect.bisect_left(norm.offsets, hit.end)
    spans = stored.sentences_in(a, b) if stored is not None else chunk_sentences(norm, a, b)
    out = []
    sub = ""  # the heading inside the chunk that the sentence stands under
    for s, e in spans:
        line = norm.text[s:e].strip()
        if HEADING_LIKE.match(line):
            if HEADING_MARK.match(line):
                sub = line
            continue
        if e - s < 4:
            continue
        o_s, o_e = norm.original_span(s, e)
        section = hit.section
        if sub and sub not in section:
            section = f"{section} > {sub}" if section else sub
        out.append(Sentence(hit.report_id, section, norm.text[s:e], report_text[o_s:o_e],
                            o_s, o_e, rank))
    return out


def rank_sentences(question: str, sentences: list[Sentence]) -> list[Sentence]:
    """Sentences by overlap with the question's content words (rarer words weigh more)."""
    q = _question_words(question)
    if not sentences or not q:
        return []
    toks = [set(tokenize(s.text)) for s in sentences]
    df = Counter(t for ts in toks for t in ts)
    n = len(sentences)
    scored = []
    for s, ts in zip(sentences, toks):
        score = sum(math.log(1 + n / df[t]) for t in q if t in ts)
        # a section whose heading names what is asked vouches for its sentences
        in_heading = sum(1 for t in q if len(t) >= 2 and t in s.section)
        score = (score + 0.5) * (1 + 0.5 * in_heading) if in_heading else score
        score *= 1.0 / (1 + 0.15 * s.rank)
        if score > 0:
            scored.append(Sentence(**{**s.__dict__, "score": score}))
    return sorted(scored, key=lambda s: -s.score)


def coverage(question: str, sentence: Sentence) -> float:
    """Share of the question's content words that the sentence contains."""
    words = set(tokenize(question))
    q = {t for t in words if not STOP.match(t) and len(t) >= 2}
    if not q:
        return 0.0
    # the heading the sentence stands under says what it is about (……绩效目标 → its body)
    heading = sentence.section.rsplit(" > ", 1)[-1] if " > " in sentence.section else ""
    have = set(tokenize(sentence.text)) | (set(tokenize(heading)) if HEADING_MARK.match(heading) else set())
    hit = {t for t in q if t in have or any(s in have for s in THESAURUS.get(t, ()))}
    return len(hit) / len(q)


def _question_words(question: str) -> list[str]:
    words = {t for t in tokenize(question) if not STOP.match(t) and len(t) >= 2}
    for t in list(words):
        words.update(THESAURUS.get(t, ()))
    return sorted(words)


def report_sentences(store, report_id: str) -> list[Sentence]:
    """Every evidence sentence of one report, chunk by chunk in reading order (for a search of
    the whole text of the asked report, when the facts table has no fact for what is asked)."""
    out: list[Sentence] = []
    seen: set[tuple[int, int]] = set()
    for chunk in sorted(store.chunks(report_id), key=lambda c: c.ord):
        hit = Hit(chunk.id, chunk.report_id, chunk.section, chunk.text, "", chunk.start,
                  chunk.end, 0.0)
        for s in sentences_for(store, hit, 0):
            if (s.start, s.end) not in seen:  # chunks may overlap
                seen.add((s.start, s.end))
                out.append(s)
    return out
