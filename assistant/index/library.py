"""The library of ingested reports: ingest, replace, remove, list, and keep the indexes agreed.

Ingest of one file: load -> normalise -> structure -> chunk -> facts -> note the report as
pending -> embed (only chunks not embedded before) -> one SQLite transaction -> drop the
report's stale vectors -> clear the pending note. A failure at any step leaves what was
indexed before untouched. When the process dies in between, the pending note survives: the
next ingest (or `reconcile()`) drops that report's vectors that no chunk refers to, so SQLite,
BM25 (built from SQLite) and Chroma agree again. Everything here is safe to call from several
threads; the models and indexes are built once, on first use.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.errors import JixiaoError, LoadError, load_reason
from assistant.index.bm25 import BM25Index, tokenize
from assistant.index.ocr_marks import ocr_spans, page_progress, stored_scan_sha
from assistant.index.pipeline import prepare
from assistant.index.store import NewReport, Store
from assistant.ingest.readers.load import iter_report_files, load_report
from assistant.settings import Settings

log = logging.getLogger(__name__)
# counts of `Library.audit()` that must be zero when the indexes agree
PROBLEMS = ("orphan_vectors", "missing_vectors", "misfiled_vectors", "bm25_mismatches",
            "orphan_rows", "duplicate_facts", "reports_without_chunks", "interrupted_ingests")


@dataclass(frozen=True)
class IngestResult:
    file: str
    report_id: str
    status: str  # added | updated | unchanged | failed
    message: str = ""
    reason: str = ""  # why it failed: LoadError.reason (too_large, empty, needs_ocr …) or ""
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
        self.store = Store(settings.db_path, url=settings.store_url)
        self._lock = threading.RLock()  # guards the lazy members below
        self._write_lock = threading.Lock()  # one ingest/remove at a time in this process
        self._embeddings = None
        self._vectors = None
        self._bm25: BM25Index | None = None
        self._bm25_generation = 0  # bumped whenever the chunks change

    @property
    def embeddings(self):
        if self._embeddings is None:
            with self._lock:
                if self._embeddings is None:
                    self._embeddings = self._embeddings_factory()
        return self._embeddings

    @property
    def model_id(self) -> str:
        return str(getattr(self.embeddings, "model_id", type(self.embeddings).__name__))

    @property
    def vectors(self):
        if self._vectors is None:
            with self._lock:
                if self._vectors is None:
                    from assistant.index.vectors import VectorIndex

                    self._vectors = VectorIndex(self.settings, self.embeddings, self.model_id)
        return self._vectors

    @property
    def bm25(self) -> BM25Index:
        index = self._bm25
        if index is not None:
            return index
        with self._lock:
            if self._bm25 is None:
                generation = self._bm25_generation
                rows = self.store.chunks()
                index = BM25Index.build([r.id for r in rows], [list(r.tokens) for r in rows])
                if generation == self._bm25_generation:  # no ingest committed meanwhile
                    self._bm25 = index
                return index
            return self._bm25

    def _chunks_changed(self) -> None:
        with self._lock:
            self._bm25 = None
            self._bm25_generation += 1

    # ingest -----------------------------------------------------------------------------------
    def ingest(
        self, paths: Iterable[Path], progress: Callable[[int, int, str], None] | None = None
    ) -> list[IngestResult]:
        files = iter_report_files([Path(p) for p in paths])
        self.recover()
        results = []
        for i, path in enumerate(files):
            if progress:
                progress(i, len(files), path.name)
            results.append(self.ingest_file(path, pages=page_progress(progress, i, len(files),
                                                                      path.name)))
        if progress:
            progress(len(files), len(files), "")
        return results

    def report_id_for(self, path: Path) -> str:
        """The id a file is stored under: its name, unless a report of the same name from
        another folder, with other content, is already in the library (two departments'
        "自评报告.pdf"); then the name with a short hash of the file's path, so that neither
        replaces the other and the same file ingested again updates its own report."""
        name = Path(path).name
        existing = self.store.report(name)
        resolved = str(Path(path).resolve())
        if existing is None or existing.path == resolved:
            return name
        try:
            if hashlib.sha256(Path(path).read_bytes()).hexdigest() == existing.sha256:
                return name  # the same file from another folder: the same report
        except OSError:
            return name  # unreadable: the loader reports it under the file's name
        tag = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:6]
        return f"{Path(name).stem}~{tag}{Path(name).suffix}"

    def ingest_file(self, path: Path, pages: Callable[[int, int], None] | None = None
                    ) -> IngestResult:
        """Ingest one file; `pages(k, n)` follows OCR through a scan's n pages."""
        t0 = time.perf_counter()
        report_id = self.report_id_for(path)
        try:
            max_bytes = int(self.settings.max_file_mb * 1024 * 1024)
            before = self.store.sha_of(report_id)
            if before == (stored_scan_sha(path, before, max_bytes), self.model_id):
                return IngestResult(path.name, report_id, "unchanged",
                                    seconds=time.perf_counter() - t0)
            doc = load_report(path, max_bytes=max_bytes, progress=pages)
            if before == (doc.sha256, self.model_id):
                return IngestResult(path.name, report_id, "unchanged",
                                    seconds=time.perf_counter() - t0)
            report = self._prepare(path, doc, report_id)
            embedded = self._write(report)
        except LoadError as e:
            return IngestResult(path.name, report_id, "failed", str(e), reason=e.reason,
                                seconds=time.perf_counter() - t0)
        except JixiaoError:
            raise
        except Exception as e:  # a parser bug must not stop the other files
            log.exception("ingest of %s failed", path)
            message = f"{path.name}: could not be processed ({type(e).__name__}: {e})"
            return IngestResult(path.name, report_id, "failed", message,
                                reason=load_reason(message), seconds=time.perf_counter() - t0)
        return IngestResult(
            path.name, report_id, "updated" if before else "added",
            department=report.department, year=report.year, chunks=len(report.chunks),
            facts=len(report.facts), embedded=embedded, seconds=time.perf_counter() - t0,
        )

    def _write(self, report: NewReport) -> int:
        """Vectors first, then the SQLite transaction, then the stale vectors; the pending
        note brackets the three so that a crash in between is repaired by `recover()`."""
        with self._write_lock:
            self.store.mark_pending(report.id)
            embedded = self.vectors.add(
                [c.id for c in report.chunks],
                [c.index_text for c in report.chunks],
                [{"report_id": report.id, "department": report.department,
                  "year": report.year or 0, "section": " > ".join(c.section_path)}
                 for c in report.chunks],
            )
            self.store.replace_report(report)
            self._chunks_changed()
            self.vectors.delete_report(report.id, keep={c.id for c in report.chunks})
            self.store.clear_pending(report.id)
        return embedded

    def _prepare(self, path: Path, doc, report_id: str) -> NewReport:
        found = prepare(path, doc.text, doc.page_of, self.settings.chunk_chars, report_id)
        structure, chunks = found.structure, found.chunks
        return NewReport(
            id=report_id, file=path.name, path=str(path.resolve()), sha256=doc.sha256,
            kind=doc.kind, title=structure.title, department=structure.department,
            year=structure.year, aliases=structure.aliases, text=doc.text,
            page_starts=tuple(doc.page_starts), embed_model=self.model_id, chunks=chunks,
            tokens=[tokenize(c.index_text) for c in chunks], facts=found.facts,
            items=found.items, spans=found.spans + ocr_spans(doc), norm=found.norm,
        )

    # maintenance ------------------------------------------------------------------------------
    def remove(self, report_id: str) -> bool:
        """Delete a report everywhere. Accepts the report id or its file stem."""
        rid = self.resolve_id(report_id)
        if rid is None:
            return False
        with self._write_lock:
            self.store.mark_pending(rid)
            self.store.remove_report(rid)
            self._chunks_changed()
            self.vectors.delete_report(rid)
            self.store.clear_pending(rid)
        return True

    def recover(self) -> list[str]:
        """Finish what a killed ingest or removal left: drop the vectors of each pending
        report that no SQLite chunk refers to. Returns the reports it repaired."""
        pending = self.store.pending()
        if not pending:
            return []
        with self._write_lock:
            for rid in pending:
                keep = self.store.chunk_ids([rid])
                self.vectors.delete_report(rid, keep=keep)
                self.store.clear_pending(rid)
        log.warning("repaired the index after an interrupted ingest of %s", ", ".join(pending))
        return pending

    def resolve_id(self, name: str) -> str | None:
        for r in self.store.reports():
            if name in (r.id, Path(r.id).stem):
                return r.id
        return None

    def audit(self) -> dict:
        """Check, changing nothing, that SQLite (reports, chunks, facts, items), BM25 and
        Chroma agree. `ok` is true when every problem count is zero; `problems` names the
        counts that are not."""
        return self._audit()[0]

    def reconcile(self, fix: bool = True) -> dict:
        """Compare the indexes (see `audit`); with `fix`, repair them: finish interrupted
        ingests, drop orphan rows, repeated facts and vectors no chunk refers to, re-embed
        missing vectors. Returns the chunk and vector counts found before any repair."""
        with self._write_lock:
            result, found = self._audit()
            if fix and result["problems"]:
                self.store.repair()
                for rid in found["pending"]:
                    self.store.clear_pending(rid)
                if found["orphans"] or found["misfiled"]:
                    self.vectors.delete([*found["orphans"], *found["misfiled"]])
                self._embed_rows([*found["missing"], *found["misfiled"]])
                self._chunks_changed()
        return {"chunks": result["chunks"], "vectors": result["vectors"],
                "orphan_vectors": result["orphan_vectors"],
                "missing_vectors": result["missing_vectors"], "fixed": fix}

    def _audit(self) -> tuple[dict, dict]:
        pending = self.store.pending()
        integrity = self.store.integrity()
        chunk_rows = self.store.chunks()
        wanted = {r.id: r.report_id for r in chunk_rows}
        stored = self.vectors.id_reports()
        served = self.bm25.ids  # what questions are answered from now
        orphans = sorted(set(stored) - set(wanted))
        missing = sorted(set(wanted) - set(stored))
        misfiled = sorted(i for i in set(stored) & set(wanted) if stored[i] != wanted[i])
        result = {"reports": len(self.store.reports()), "chunks": len(wanted),
                  "facts": integrity["facts"], "bm25_docs": len(served), "vectors": len(stored),
                  "orphan_vectors": len(orphans), "missing_vectors": len(missing),
                  "misfiled_vectors": len(misfiled),
                  "bm25_mismatches": len(set(served) ^ set(wanted)) + len(served) - len(set(served)),
                  "orphan_rows": integrity["orphan_rows"],
                  "duplicate_facts": integrity["duplicate_facts"],
                  "reports_without_chunks": integrity["reports_without_chunks"],
                  "interrupted_ingests": len(pending)}
        problems = [k for k in PROBLEMS if result[k]]
        result |= {"ok": not problems, "problems": problems}
        return result, {"orphans": orphans, "missing": missing, "misfiled": misfiled,
                        "pending": pending}

    def _embed_rows(self, ids: list[str]) -> None:
        """Embed chunks that are in SQLite but have no (right) vector."""
        if not ids:
            return
        rows = {r.id: r for r in self.store.chunks_by_ids(ids)}
        reports = {r.id: r for r in self.store.reports()}
        ids = [i for i in ids if i in rows and rows[i].report_id in reports]
        self.vectors.add(
            ids,
            [rows[i].index_text for i in ids],
            [{"report_id": rows[i].report_id,
              "department": reports[rows[i].report_id].department,
              "year": reports[rows[i].report_id].year or 0,
              "section": rows[i].section} for i in ids],
        )
