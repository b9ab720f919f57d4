"""A plain LangChain RAG pipeline, the yardstick the assistant is measured against.

What it does is deliberately ordinary: split each report's raw text with
``RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)``, embed the chunks with
the same embeddings object the assistant uses, keep them in an in-memory Chroma collection
(never the real index), take the top 4 chunks by similarity, and hand them to the LLM with
``prompts/baseline_answer.txt``. There is no facts route, no keyword retrieval and no
verification of the figures. Without an LLM the answer is simply the best chunk.

It has the shape of the assistant's answer chain, in LangChain terms: a ``BaseRetriever``
(here the naive one, ``Chroma.as_retriever``) feeding prompt → chat model → ``StrOutputParser``.
``BaselineRAG`` is a ``Runnable``: ``invoke(question, config)`` (and ``ask``, ``batch``)
returns the same result dict as the assistant's batch output, so ``assistant.eval.score``
scores both in one run; callbacks in ``config`` see the retriever and the chat model.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.output_parsers import StrOutputParser
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import (
    Runnable,
    RunnableConfig,
    RunnableLambda,
    RunnableParallel,
    RunnablePassthrough,
)

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


class NoDocuments(BaseRetriever):
    """The retriever of an empty baseline: nothing was indexed."""

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return []


class BaselineRAG(Runnable[str, dict]):
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
        self.retriever: BaseRetriever = (
            self._store.as_retriever(search_kwargs={"k": min(self.k, self.n_chunks)})
            if self.n_chunks else NoDocuments())
        # question -> {"question", "docs", "answer"}
        self.chain: Runnable = RunnableParallel(
            question=RunnablePassthrough(), docs=self.retriever
        ) | RunnablePassthrough.assign(answer=self._answerer())

    @classmethod
    def from_store(cls, settings: Settings, embeddings: Embeddings, llm: Any | None,
                   store: Any) -> BaselineRAG:
        """A baseline over every report in an assistant ``Store``."""
        reports = [(r.id, store.report_text(r.id)) for r in store.reports()]
        return cls(settings, embeddings, llm, reports)

    def retrieve(self, question: str) -> list[Document]:
        """The top-k chunks for the question, best first."""
        return self.retriever.invoke(question)

    def _answerer(self) -> Runnable:
        """{"question", "docs"} -> the answer text: prompt → chat model → text, or the top chunk."""
        if self.llm is None:
            return RunnableLambda(_top_chunk)
        return RunnableLambda(_prompt) | self.llm | StrOutputParser() | RunnableLambda(_strip)

    def invoke(self, input: str, config: RunnableConfig | None = None, **kwargs: Any) -> dict:
        """Answer one question; the result has the shape of the assistant's batch output."""
        start = time.perf_counter()
        out = self.chain.invoke(input, config)
        docs, answer = out["docs"], out["answer"]
        return {
            "question": input,
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

    def ask(self, question: str) -> dict:
        """Answer one question (see ``invoke``)."""
        return self.invoke(question)

    def __call__(self, item: dict) -> dict:
        """``run_eval`` calls a system with a dev item; this answers its question."""
        return {"id": item.get("id"), **self.ask(item["question"])}

    def close(self) -> None:
        """Drop the in-memory collection."""
        try:
            self._client.delete_collection(self.collection_name)
        except Exception:  # noqa: BLE001 - already gone is fine
            pass


def _top_chunk(value: dict) -> str:
    docs = value["docs"]
    return docs[0].page_content if docs else NOT_FOUND


def _prompt(value: dict) -> str:
    context = "\n\n".join(
        f"[{i}] （{d.metadata.get('file', '')}）\n{d.page_content}"
        for i, d in enumerate(value["docs"], 1)
    )
    return render("baseline_answer", context=context, question=value["question"])


def _strip(text: str) -> str:
    return text.strip()
