"""A plain LangChain RAG pipeline, the yardstick the assistant is measured against.

What it does is deliberately ordinary: split each report's raw text with
``RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)``, embed the chunks with
the same embeddings object the assistant uses, keep them in an in-memory Chroma collection
(never the real index), take the top 4 chunks by similarity, and hand them to the LLM with
``prompts/baseline_answer.txt``. There is no facts route, no keyword retrieval and no
verification of the figures. Without an LLM the answer is simply the best chunk.

``ask`` returns the same result dict as the assistant's batch output, so
``assistant.evaluation`` scores both in one run.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Sequence
from typing import Any

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.output_parsers import StrOutputParser

from assistant.eval.score import abstained_by_text
from assistant.prompts import render
from assistant.settings import Settings

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50
TOP_K = 4
BATCH = 5000  # below chromadb's maximum batch size
NOT_FOUND = "资料中未提及。"


def _model_id(embeddings: Embeddings) -> str:
    return str(getattr(embeddings, "model_id", type(embeddings).__name__))


def _ephemeral_client() -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))


class BaselineRAG:
    """Split → embed → Chroma top-4 → LLM (or the top chunk when ``llm`` is None).

    ``reports`` are ``(report_id, text)`` pairs; the report id is the file name, which is what
    citations name. The chunks are indexed once, in the constructor.
    """

    def __init__(
        self,
        settings: Settings,
        embeddings: Embeddings,
        llm: Any | None,
        reports: Sequence[tuple[str, str]],
        *,
        k: int = TOP_K,
    ) -> None:
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        self.settings = settings
        self.embeddings = embeddings
        self.llm = llm
        self.k = k
        # one collection per instance: ephemeral clients in one process share their storage
        digest = hashlib.sha256(_model_id(embeddings).encode()).hexdigest()[:12]
        self.collection_name = f"baseline_{digest}_{uuid.uuid4().hex[:8]}"
        self._client = _ephemeral_client()
        self._store = Chroma(
            collection_name=self.collection_name,
            embedding_function=embeddings,
            client=self._client,
            collection_metadata={"hnsw:space": "cosine"},
        )
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP
        )
        texts: list[str] = []
        metadatas: list[dict] = []
        ids: list[str] = []
        for report_id, text in reports:
            for i, chunk in enumerate(splitter.split_text(text)):
                texts.append(chunk)
                metadatas.append({"file": report_id, "ord": i})
                ids.append(f"{report_id}#{i}")
        for start in range(0, len(texts), BATCH):
            end = start + BATCH
            self._store.add_texts(texts[start:end], metadatas=metadatas[start:end],
                                  ids=ids[start:end])
        self.n_chunks = len(texts)

    @classmethod
    def from_store(cls, settings: Settings, embeddings: Embeddings, llm: Any | None,
                   store: Any) -> BaselineRAG:
        """A baseline over every report in an assistant ``Store``."""
        reports = [(r.id, store.report_text(r.id)) for r in store.reports()]
        return cls(settings, embeddings, llm, reports)

    def retrieve(self, question: str) -> list[Document]:
        """The top-k chunks for the question, best first."""
        if self.n_chunks == 0:
            return []
        return self._store.similarity_search(question, k=min(self.k, self.n_chunks))

    def _generate(self, question: str, docs: list[Document]) -> str:
        if self.llm is None:
            return docs[0].page_content if docs else NOT_FOUND
        context = "\n\n".join(
            f"[{i}] （{d.metadata.get('file', '')}）\n{d.page_content}"
            for i, d in enumerate(docs, 1)
        )
        prompt = render("baseline_answer", context=context, question=question)
        return str((self.llm | StrOutputParser()).invoke(prompt)).strip()

    def ask(self, question: str) -> dict:
        """Answer one question; the result has the shape of the assistant's batch output."""
        start = time.perf_counter()
        docs = self.retrieve(question)
        answer = self._generate(question, docs)
        return {
            "question": question,
            "answer": answer,
            "abstained": abstained_by_text(answer),
            "route": "retrieval",
            "backend": "baseline",
            "citations": [
                {"file": d.metadata.get("file", ""), "section": "", "quote": d.page_content}
                for d in docs
            ],
            "retrieved": [d.page_content for d in docs],
            "derived": [],
            "seconds": time.perf_counter() - start,
        }

    def __call__(self, item: dict) -> dict:
        """``run_eval`` calls a system with a dev item; this answers its question."""
        return {"id": item.get("id"), **self.ask(item["question"])}

    def close(self) -> None:
        """Drop the in-memory collection."""
        try:
            self._client.delete_collection(self.collection_name)
        except Exception:  # noqa: BLE001 - already gone is fine
            pass
