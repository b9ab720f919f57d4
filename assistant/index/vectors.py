"""Dense retrieval: a Chroma collection of chunk vectors that we compute ourselves.

Local by default (PersistentClient in the data dir); a Chroma server when a URL is set.
The collection name carries a hash of the embedding model id, so changing the model (or its
precision) never mixes vectors from two models.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from assistant.settings import Settings

log = logging.getLogger(__name__)
MAX_BATCH = 5000
EXACT_LIMIT = 4000  # a filtered search over at most this many chunks is exact


def _client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or 8000,
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def collection_name(model_id: str) -> str:
    return "jixiao_chunks_" + hashlib.sha256(model_id.encode()).hexdigest()[:12]


class VectorIndex:
    """Chunk vectors in Chroma. Embeddings are always passed in, never computed by Chroma."""

    def __init__(self, settings: Settings, embeddings: Embeddings, model_id: str) -> None:
        self.embeddings = embeddings
        self.model_id = model_id
        self._client = _client(settings)
        self._col = self._client.get_or_create_collection(
            name=collection_name(model_id),
            embedding_function=None,
            metadata={"hnsw:space": "cosine", "model_id": model_id[:500]},
        )

    def existing(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), MAX_BATCH):
            found.update(self._col.get(ids=list(ids[i:i + MAX_BATCH]), include=[])["ids"])
        return found

    def add(self, ids: Sequence[str], texts: Sequence[str], metadatas: Sequence[dict]) -> int:
        """Embed and store the chunks not stored yet (same id = same content). Returns how
        many were embedded."""
        have = self.existing(ids)
        todo = [i for i, cid in enumerate(ids) if cid not in have]
        if not todo:
            return 0
        vectors = self.embeddings.embed_documents([texts[i] for i in todo])
        for a in range(0, len(todo), MAX_BATCH):
            part = todo[a:a + MAX_BATCH]
            self._col.upsert(
                ids=[ids[i] for i in part],
                embeddings=[vectors[a + j] for j in range(len(part))],
                documents=[texts[i] for i in part],
                metadatas=[metadatas[i] for i in part],
            )
        return len(todo)

    def delete(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), MAX_BATCH):
            self._col.delete(ids=list(ids[i:i + MAX_BATCH]))

    def delete_report(self, report_id: str, keep: set[str] | None = None) -> None:
        got = self._col.get(where={"report_id": report_id}, include=[])["ids"]
        stale = [i for i in got if not keep or i not in keep]
        if stale:
            self.delete(stale)

    def all_ids(self) -> set[str]:
        return set(self.id_reports())

    def id_reports(self) -> dict[str, str]:
        """Every stored vector id with the report id in its metadata."""
        out: dict[str, str] = {}
        offset = 0
        while True:
            got = self._col.get(include=["metadatas"], limit=MAX_BATCH, offset=offset)
            for cid, meta in zip(got["ids"], got["metadatas"] or []):
                out[cid] = str((meta or {}).get("report_id", ""))
            if len(got["ids"]) < MAX_BATCH:
                return out
            offset += MAX_BATCH

    def count(self) -> int:
        return self._col.count()

    def search(self, query: str, k: int = 10, where: dict | None = None,
               ids: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk id, cosine similarity), among `ids` when given.

        A search confined to a few reports is exact: their stored vectors are fetched and
        compared one by one. The approximate HNSW graph with a filter can miss or fail on a
        small allowed set inside a large index (near-duplicate boilerplate chunks crowd it).
        """
        if self._col.count() == 0:
            return []
        vector = self.embeddings.embed_query(query)
        if ids is not None and len(ids) <= EXACT_LIMIT:
            return self._exact(vector, ids, k)
        res = self._col.query(
            query_embeddings=[vector], n_results=min(k, self._col.count()), where=where,
            include=["distances"],
        )
        return [(cid, 1.0 - d) for cid, d in zip(res["ids"][0], res["distances"][0])]

    def _exact(self, vector: list[float], ids: Sequence[str], k: int) -> list[tuple[str, float]]:
        import numpy as np

        got = self._col.get(ids=list(ids), include=["embeddings"])
        if not got["ids"]:
            return []
        matrix = np.asarray(got["embeddings"], dtype=np.float32)
        q = np.asarray(vector, dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1) * (np.linalg.norm(q) or 1.0)
        sims = matrix @ q / np.where(norms == 0, 1.0, norms)
        order = np.argsort(-sims, kind="stable")[:k]
        return [(got["ids"][i], float(sims[i])) for i in order]
