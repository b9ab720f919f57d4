"""Hybrid retrieval: BM25 (jieba) and dense (Chroma) rankings fused by reciprocal rank,
restricted to the reports the question is about when it names them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.index.bm25 import tokenize
from assistant.index.library import Library

RRF_K = 60
CANDIDATES = 20
# words that say nothing about which passage answers the question
STOP = re.compile(r"^(多少|是|的|了|有|吗|呢|哪些|什么|怎么|如何|一共|年|是多少|分别|请问|报告)$")


@dataclass(frozen=True)
class Hit:
    chunk_id: str
    report_id: str
    section: str
    text: str  # normalised chunk text
    quote: str  # verbatim original text of the chunk
    start: int
    end: int
    score: float


class Retriever:
    def __init__(self, library: Library, use_dense: bool = True) -> None:
        self.library = library
        self.use_dense = use_dense

    def search(self, question: str, report_ids: Sequence[str] = (), k: int = 5,
               lexical: str | None = None) -> list[Hit]:
        """The k best chunks for `question` (dense) and `lexical` (BM25; default the question),
        among the chunks of `report_ids` when given."""
        allowed = self.library.store.chunk_ids(report_ids) if report_ids else None
        tokens = [t for t in tokenize(question if lexical is None else lexical) if not STOP.match(t)]
        ranks: dict[str, float] = {}
        for rank, (cid, _) in enumerate(self.library.bm25.search(tokens, CANDIDATES, allowed)):
            ranks[cid] = ranks.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        if self.use_dense:
            where = {"report_id": {"$in": list(report_ids)}} if report_ids else None
            found = self.library.vectors.search(question, CANDIDATES, where,
                                                ids=sorted(allowed) if allowed is not None else None)
            for rank, (cid, _) in enumerate(found):
                if allowed is None or cid in allowed:
                    ranks[cid] = ranks.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(ranks.items(), key=lambda x: -x[1])[:k]
        return self._hits(best)

    def _hits(self, ranked: list[tuple[str, float]]) -> list[Hit]:
        store = self.library.store
        rows = {r.id: r for r in store.chunks_by_ids([cid for cid, _ in ranked])}
        texts: dict[str, str] = {}
        hits = []
        for cid, score in ranked:
            row = rows.get(cid)
            if row is None:  # a vector whose chunk is gone (being replaced): skip it
                continue
            rid = row.report_id
            if rid not in texts:
                texts[rid] = store.report_text(rid)
            hits.append(Hit(cid, rid, row.section, row.text,
                            texts[rid][row.start:row.end], row.start, row.end, score))
        return hits
