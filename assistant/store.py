"""The SQLite store: reports, chunks (with their BM25 tokens), facts and list items.

SQLite is the source of truth; the Chroma collection holds vectors keyed by chunk id and is
reconciled against it. A report is replaced inside one transaction, so a reader never sees
half a report and a crash leaves the previous version intact.

Each thread gets its own connection (WAL mode: readers see the last committed state while a
writer works), so the web app's parallel askers never share a cursor or a transaction.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .chunking import Chunk
from .facts.model import Fact, ListItem

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    department TEXT NOT NULL,
    year INTEGER,
    aliases TEXT NOT NULL,
    text TEXT NOT NULL,
    page_starts TEXT NOT NULL,
    embed_model TEXT NOT NULL,
    ingested_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    section TEXT NOT NULL,
    text TEXT NOT NULL,
    header TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_report ON chunks(report_id);
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    department TEXT NOT NULL,
    year INTEGER,
    metric TEXT NOT NULL,
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    value REAL,
    unit TEXT NOT NULL,
    text_value TEXT NOT NULL,
    raw TEXT NOT NULL,
    quote TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    num_start INTEGER NOT NULL,
    num_end INTEGER NOT NULL,
    section TEXT NOT NULL,
    para INTEGER NOT NULL,
    page INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_lookup ON facts(metric, department, year);
CREATE INDEX IF NOT EXISTS facts_report ON facts(report_id);
CREATE TABLE IF NOT EXISTS items (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    ord INTEGER NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    quote TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    section TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_report ON items(report_id);
CREATE TABLE IF NOT EXISTS pending (
    report_id TEXT PRIMARY KEY,
    started REAL NOT NULL
);
"""


# a fact is the same fact when all of these are equal
FACT_KEY = "report_id, metric, scope, subject, text_value, start, end, num_start, num_end"


@dataclass(frozen=True)
class ReportRow:
    id: str
    file: str
    path: str
    sha256: str
    kind: str
    title: str
    department: str
    year: int | None
    aliases: tuple[str, ...]
    embed_model: str
    ingested_at: float
    n_chunks: int = 0
    n_facts: int = 0


@dataclass(frozen=True)
class NewReport:
    """Everything one ingest of one file writes."""

    id: str
    file: str
    path: str
    sha256: str
    kind: str
    title: str
    department: str
    year: int | None
    aliases: tuple[str, ...]
    text: str
    page_starts: tuple[int, ...]
    embed_model: str
    chunks: list[Chunk]
    tokens: list[list[str]]
    facts: list[Fact]
    items: list[ListItem]


class Store:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._local = threading.local()
        self._open: list[sqlite3.Connection] = []
        self._open_lock = threading.Lock()
        self._conn.executescript(SCHEMA)

    @property
    def _conn(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(str(self.path), timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            self._local.conn = conn
            with self._open_lock:
                self._open.append(conn)
        return conn

    def close(self) -> None:
        """Close every thread's connection (call when no other thread uses the store)."""
        with self._open_lock:
            conns, self._open = self._open, []
        for conn in conns:
            conn.close()
        self._local = threading.local()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._conn:
            yield self._conn

    # writing ---------------------------------------------------------------------------------
    def replace_report(self, r: NewReport) -> None:
        """Write a report, its chunks, facts and items, replacing any earlier version."""
        with self._tx() as c:
            c.execute("DELETE FROM reports WHERE id = ?", (r.id,))
            c.execute(
                "INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (r.id, r.file, r.path, r.sha256, r.kind, r.title, r.department, r.year,
                 json.dumps(list(r.aliases), ensure_ascii=False), r.text,
                 json.dumps(list(r.page_starts)), r.embed_model, time.time()),
            )
            c.executemany(
                "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?)",
                [(ch.id, r.id, ch.ord, " > ".join(ch.section_path), ch.text, ch.header,
                  ch.start, ch.end, " ".join(tok)) for ch, tok in zip(r.chunks, r.tokens)],
            )
            c.executemany(
                "INSERT INTO facts (report_id, department, year, metric, scope, subject, value,"
                " unit, text_value, raw, quote, start, end, num_start, num_end, section, para,"
                " page) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(r.id, r.department, r.year, f.metric, f.scope, f.subject, f.value, f.unit,
                  f.text_value, f.raw, f.quote, f.start, f.end, f.num_start, f.num_end,
                  f.section, f.para, f.page) for f in r.facts],
            )
            c.executemany(
                "INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?)",
                [(r.id, i.kind, i.ord, i.title, i.text, i.quote, i.start, i.end, i.section)
                 for i in r.items],
            )

    def mark_pending(self, report_id: str) -> None:
        """Note, before any vector is written, that this report's ingest has begun."""
        with self._tx() as c:
            c.execute("INSERT OR REPLACE INTO pending VALUES (?, ?)", (report_id, time.time()))

    def clear_pending(self, report_id: str) -> None:
        with self._tx() as c:
            c.execute("DELETE FROM pending WHERE report_id = ?", (report_id,))

    def pending(self) -> list[str]:
        """Reports whose ingest or removal began and never finished (the process died)."""
        return [r[0] for r in self._conn.execute("SELECT report_id FROM pending ORDER BY report_id")]

    def remove_report(self, report_id: str) -> bool:
        with self._tx() as c:
            return c.execute("DELETE FROM reports WHERE id = ?", (report_id,)).rowcount > 0

    def repair(self) -> None:
        """Delete rows whose report is gone, reports without any chunk and repeated facts."""
        with self._tx() as c:
            for table in ("chunks", "facts", "items"):
                c.execute(f"DELETE FROM {table} WHERE report_id NOT IN (SELECT id FROM reports)")
            c.execute("DELETE FROM reports WHERE id NOT IN (SELECT report_id FROM chunks)")
            c.execute(f"DELETE FROM facts WHERE id NOT IN (SELECT MIN(id) FROM facts GROUP BY {FACT_KEY})")

    def integrity(self) -> dict[str, int]:
        """Counts that must be zero in a healthy store (and the number of facts)."""
        one = lambda sql: self._conn.execute(sql).fetchone()[0]  # noqa: E731
        orphans = sum(one(f"SELECT COUNT(*) FROM {t} WHERE report_id NOT IN (SELECT id FROM reports)")
                      for t in ("chunks", "facts", "items"))
        return {
            "facts": one("SELECT COUNT(*) FROM facts"),
            "orphan_rows": orphans,
            "duplicate_facts": one("SELECT COUNT(*) FROM facts") - one(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM facts GROUP BY {FACT_KEY})"),
            "reports_without_chunks": one(
                "SELECT COUNT(*) FROM reports WHERE id NOT IN (SELECT report_id FROM chunks)"),
        }

    # reading ---------------------------------------------------------------------------------
    def reports(self) -> list[ReportRow]:
        rows = self._conn.execute(
            "SELECT r.*, (SELECT COUNT(*) FROM chunks WHERE report_id = r.id) AS n_chunks,"
            " (SELECT COUNT(*) FROM facts WHERE report_id = r.id) AS n_facts"
            " FROM reports r ORDER BY r.id"
        ).fetchall()
        return [_report_row(r) for r in rows]

    def report(self, report_id: str) -> ReportRow | None:
        return next((r for r in self.reports() if r.id == report_id), None)

    def report_text(self, report_id: str) -> str:
        row = self._conn.execute("SELECT text FROM reports WHERE id = ?", (report_id,)).fetchone()
        return row["text"] if row else ""

    def sha_of(self, report_id: str) -> tuple[str, str] | None:
        row = self._conn.execute(
            "SELECT sha256, embed_model FROM reports WHERE id = ?", (report_id,)
        ).fetchone()
        return (row["sha256"], row["embed_model"]) if row else None

    def chunks(self, report_id: str | None = None) -> list[sqlite3.Row]:
        sql = "SELECT * FROM chunks"
        args: tuple = ()
        if report_id:
            sql += " WHERE report_id = ?"
            args = (report_id,)
        return self._conn.execute(sql + " ORDER BY report_id, ord", args).fetchall()

    def chunks_by_ids(self, ids: list[str]) -> list[sqlite3.Row]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return self._conn.execute(f"SELECT * FROM chunks WHERE id IN ({marks})", ids).fetchall()

    def chunk_ids(self) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT id FROM chunks")}

    def facts(self, report_id: str | None = None) -> list[sqlite3.Row]:
        sql = "SELECT * FROM facts"
        args: tuple = ()
        if report_id:
            sql += " WHERE report_id = ?"
            args = (report_id,)
        return self._conn.execute(sql + " ORDER BY report_id, id", args).fetchall()

    def subjects(self) -> list[tuple[str, str, str]]:
        """Distinct (scope, subject, report id) of project and indicator facts."""
        return [tuple(r) for r in self._conn.execute(
            "SELECT DISTINCT scope, subject, report_id FROM facts WHERE scope != 'department'")]

    def items(self, report_id: str | None = None) -> list[sqlite3.Row]:
        sql = "SELECT * FROM items"
        args: tuple = ()
        if report_id:
            sql += " WHERE report_id = ?"
            args = (report_id,)
        return self._conn.execute(sql + " ORDER BY report_id, kind, ord", args).fetchall()


def _report_row(r: sqlite3.Row) -> ReportRow:
    return ReportRow(
        id=r["id"], file=r["file"], path=r["path"], sha256=r["sha256"], kind=r["kind"],
        title=r["title"], department=r["department"], year=r["year"],
        aliases=tuple(json.loads(r["aliases"])), embed_model=r["embed_model"],
        ingested_at=r["ingested_at"], n_chunks=r["n_chunks"], n_facts=r["n_facts"],
    )
