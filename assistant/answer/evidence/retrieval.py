"""Hybrid retrieval: BM25 (jieba) and dense (Chroma) rankings fused by reciprocal rank,
restricted to the reports the question is about when it names them.

``HybridRetriever`` is a LangChain ``BaseRetriever``: ``invoke(question)`` returns
``Document``s (the verbatim chunk text, with report, section and span metadata) and reports
the retrieval to the callbacks in ``config``; ``search`` returns the typed ``Hit``s the answer
chain works with. Both rank the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import PrivateAttr

from assistant.index.bm25 import tokenize

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

    def to_document(self, report: Any = None) -> Document:
        """A LangChain Document of this hit: the verbatim text, and where it stands.
        `report` (the store's record of the report) adds file, department and year."""
        meta: dict[str, Any] = {
            "chunk_id": self.chunk_id, "report_id": self.report_id, "section": self.section,
            "start": self.start, "end": self.end, "score": self.score, "text": self.text}
        if report is not None:
            meta.update(file=report.file, department=report.department, year=report.year)
        return Document(page_content=self.quote, metadata=meta, id=self.chunk_id)

    @classmethod
    def from_document(cls, doc: Document) -> Hit:
        m = doc.metadata
        return cls(m["chunk_id"], m["report_id"], m["section"], m["text"], doc.page_content,
                   m["start"], m["end"], m["score"])


class HybridRetriever(BaseRetriever):
    """BM25 + dense retrieval fused by reciprocal rank (see the module doc).

    ``invoke(question, config, report_ids=…, k=…, lexical=…)``: the keyword arguments narrow
    one search (to the chunks of `report_ids`), set how many documents come back (default
    ``k``) and give the keyword query when it differs from the question.
    """

    library: Any
    use_dense: bool = True
    k: int = 5
    report_ids: tuple[str, ...] = ()  # confine every search to these reports (empty: all)

    _reports: tuple[int, dict[str, Any]] | None = PrivateAttr(default=None)

    def __init__(self, library: Any = None, use_dense: bool = True, **kwargs: Any) -> None:
        super().__init__(library=library, use_dense=use_dense, **kwargs)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
        report_ids: Sequence[str] | None = None, k: int | None = None, lexical: str | None = None,
    ) -> list[Document]:
        ids = self.report_ids if report_ids is None else report_ids
        hits = self.search(query, ids, k=self.k if k is None else k, lexical=lexical)
        reports = self._report_records()
        return [h.to_document(reports.get(h.report_id)) for h in hits]

    def _report_records(self) -> dict[str, Any]:
        """The store's report records by id, rebuilt only when the store changed."""
        store = self.library.store
        key = store.signature()
        cached = self._reports
        if cached is None or cached[0] != key:
            cached = (key, {r.id: r for r in store.reports()})
            self._reports = cached
        return cached[1]

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


