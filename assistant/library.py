"""The library of ingested reports: ingest, replace, remove, list, and keep the indexes agreed.

Ingest of one file: load -> normalise -> structure -> chunk -> facts -> embed (only chunks not
embedded before) -> one SQLite transaction -> drop the report's stale vectors. A failure at
any step leaves what was indexed before untouched; vectors written before a crash are
unreferenced and `reconcile()` removes them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

from .bm25 import BM25Index, tokenize
from .chunking import chunk_report
from .errors import JixiaoError, LoadError
from .facts import extract_facts, extract_items
from .loaders import iter_report_files, load_report
from .normalise import normalise
from .settings import Settings
from .store import NewReport, Store
from .structure import analyse

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    file: str
    report_id: str
    status: str  # added | updated | unchanged | failed
    message: str = ""
    department: str = ""
    year: int | None = None
    chunks: int = 0
    facts: int = 0
    embedded: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


class Library:
    """Owns the store and the two indexes. Embeddings load only when something needs them."""

    def __init__(self, settings: Settings, embeddings_factory: Callable[[], object]) -> None:
        self.settings = settings
        self._embeddings_factory = embeddings_factory
        self.store = Store(settings.db_path)
        self._bm25: BM25Index | None = None

    @cached_property
    def embeddings(self):
        return self._embeddings_factory()

    @property
    def model_id(self) -> str:
        return str(getattr(self.embeddings, "model_id", type(self.embeddings).__name__))

    @cached_property
    def vectors(self):
        from .vectors import VectorIndex

        return VectorIndex(self.settings, self.embeddings, self.model_id)

    @property
    def bm25(self) -> BM25Index:
        if self._bm25 is None:
            rows = self.store.chunks()
            self._bm25 = BM25Index.build([r["id"] for r in rows], [r["tokens"].split() for r in rows])
        return self._bm25

    # ingest -----------------------------------------------------------------------------------
    def ingest(
        self, paths: Iterable[Path], progress: Callable[[int, int, str], None] | None = None
    ) -> list[IngestResult]:
        files = iter_report_files([Path(p) for p in paths])
        results = []
        for i, path in enumerate(files):
            if progress:
                progress(i, len(files), path.name)
            results.append(self.ingest_file(path))
        if progress:
            progress(len(files), len(files), "")
        return results

    def ingest_file(self, path: Path) -> IngestResult:
        t0 = time.perf_counter()
        report_id = path.name
        try:
            max_bytes = int(self.settings.max_file_mb * 1024 * 1024)
            doc = load_report(path, max_bytes=max_bytes)
            before = self.store.sha_of(report_id)
            if before == (doc.sha256, self.model_id):
                return IngestResult(path.name, report_id, "unchanged",
                                    seconds=time.perf_counter() - t0)
            report = self._prepare(path, doc)
            embedded = self.vectors.add(
                [c.id for c in report.chunks],
                [c.index_text for c in report.chunks],
                [{"report_id": report_id, "department": report.department,
                  "year": report.year or 0, "section": " > ".join(c.section_path)}
                 for c in report.chunks],
            )
            self.store.replace_report(report)
            self.vectors.delete_report(report_id, keep={c.id for c in report.chunks})
            self._bm25 = None
        except LoadError as e:
            return IngestResult(path.name, report_id, "failed", str(e),
                                seconds=time.perf_counter() - t0)
        except JixiaoError:
            raise
        except Exception as e:  # a parser bug must not stop the other files
            log.exception("ingest of %s failed", path)
            return IngestResult(path.name, report_id, "failed",
                                f"{path.name}: could not be processed ({type(e).__name__}: {e})",
                                seconds=time.perf_counter() - t0)
        return IngestResult(
            path.name, report_id, "updated" if before else "added",
            department=report.department, year=report.year, chunks=len(report.chunks),
            facts=len(report.facts), embedded=embedded, seconds=time.perf_counter() - t0,
        )

    def _prepare(self, path: Path, doc) -> NewReport:
        norm = normalise(doc.text)
        if not norm.text.strip():
            raise LoadError(path, "no text after cleaning (empty report)")
        structure = analyse(norm, fallback_name=path.stem)
        chunks = chunk_report(path.name, norm, structure, self.settings.chunk_chars)
        if not chunks:
            raise LoadError(path, "no text to index")
        facts = extract_facts(norm, structure, doc.page_of)
        return NewReport(
            id=path.name, file=path.name, path=str(path.resolve()), sha256=doc.sha256,
            kind=doc.kind, title=structure.title, department=structure.department,
            year=structure.year, aliases=structure.aliases, text=doc.text,
            page_starts=tuple(doc.page_starts), embed_model=self.model_id, chunks=chunks,
            tokens=[tokenize(c.index_text) for c in chunks], facts=facts,
            items=extract_items(norm, structure),
        )

    # maintenance ------------------------------------------------------------------------------
    def remove(self, report_id: str) -> bool:
        """Delete a report everywhere. Accepts the report id or its file stem."""
        rid = self.resolve_id(report_id)
        if rid is None:
            return False
        self.store.remove_report(rid)
        self.vectors.delete_report(rid)
        self._bm25 = None
        return True

    def resolve_id(self, name: str) -> str | None:
        for r in self.store.reports():
            if name in (r.id, Path(r.id).stem):
                return r.id
        return None

    def reconcile(self, fix: bool = True) -> dict:
        """Compare SQLite chunks with Chroma vectors; drop orphans, re-embed missing ones."""
        chunk_rows = self.store.chunks()
        wanted = {r["id"] for r in chunk_rows}
        stored = self.vectors.all_ids()
        orphans = sorted(stored - wanted)
        missing = sorted(wanted - stored)
        if fix and orphans:
            self.vectors.delete(orphans)
        if fix and missing:
            rows = {r["id"]: r for r in chunk_rows}
            reports = {r.id: r for r in self.store.reports()}
            self.vectors.add(
                missing,
                [f"{rows[i]['header']}\n{rows[i]['text']}" for i in missing],
                [{"report_id": rows[i]["report_id"],
                  "department": reports[rows[i]["report_id"]].department,
                  "year": reports[rows[i]["report_id"]].year or 0,
                  "section": rows[i]["section"]} for i in missing],
            )
        return {"chunks": len(wanted), "vectors": len(stored), "orphan_vectors": len(orphans),
                "missing_vectors": len(missing), "fixed": fix}
