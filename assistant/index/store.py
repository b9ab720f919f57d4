"""The SQLite store: reports, chunks (with their BM25 tokens), facts and list items.

SQLite is the source of truth; the Chroma collection holds vectors keyed by chunk id and is
reconciled against it. A report is replaced inside one transaction, so a reader never sees
half a report and a crash leaves the previous version intact.

Each thread gets its own connection (WAL mode: readers see the last committed state while a
writer works), so the web app's parallel askers never share a cursor or a transaction.

With a ``postgresql://`` URL the same tables live in a PostgreSQL server instead, so that
several instances can share them. The SQL below is written once, in SQLite's dialect;
`index.postgres` translates it (placeholders, column types) and serialises writers as SQLite does.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from assistant.facts.model import Fact, ListItem
from assistant.index.pipeline import Span
from assistant.index.postgres import Postgres, check_url
from assistant.index.records import ChunkRecord, FactRecord, ItemRecord, ReportRecord
from assistant.ingest.chunk import Chunk
from assistant.ingest.normalise import NormText

log = logging.getLogger(__name__)

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
    "end" INTEGER NOT NULL,
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
    "end" INTEGER NOT NULL,
    num_start INTEGER NOT NULL,
    num_end INTEGER NOT NULL,
    section TEXT NOT NULL,
    para INTEGER NOT NULL,
    page INTEGER NOT NULL,
    period TEXT NOT NULL DEFAULT ''
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
    "end" INTEGER NOT NULL,
    section TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_report ON items(report_id);
CREATE TABLE IF NOT EXISTS spans (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    ord INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    norm_start INTEGER NOT NULL,
    norm_end INTEGER NOT NULL,
    level INTEGER NOT NULL,
    section TEXT NOT NULL,
    page INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS spans_report ON spans(report_id, kind);
CREATE TABLE IF NOT EXISTS pending (
    report_id TEXT PRIMARY KEY,
    started REAL NOT NULL
);
"""


# a fact is the same fact when all of these are equal
FACT_KEY = 'report_id, metric, scope, subject, period, text_value, start, "end", num_start, num_end'

# columns added after a table's first release: (table, column, definition). A data dir made
# before gets them when the store opens (its rows take the default).
ADDED_COLUMNS = (
    ("facts", "period", "TEXT NOT NULL DEFAULT ''"),  # "" = the report's year (facts.model)
)




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
    spans: list[Span] = field(default_factory=list)  # headings, paragraphs, sentences
    norm: NormText | None = None  # the normalised text the spans point into


# the row of the spans table that holds the normalised text and its map to the original
TEXT_SPAN = "text"


class Store:
    """The tables in a SQLite file at `path`, or in PostgreSQL when `url` is given."""

    def __init__(self, path: Path, url: str = "") -> None:
        self.path = path
        self.url = url
        if url:
            check_url(url)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._open: list[sqlite3.Connection | Postgres] = []
        self._open_lock = threading.Lock()
        self._conn.executescript(SCHEMA)
        self._add_columns()

    def _add_columns(self) -> None:
        """Bring an older data dir's tables up to SCHEMA: add the columns it lacks."""
        for table, column, definition in ADDED_COLUMNS:
            if column not in self._columns(table):  # (executescript: PostgreSQL's types too)
                log.info("adding column %s.%s to the store", table, column)
                self._conn.executescript(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")

    def _columns(self, table: str) -> set[str]:
        if isinstance(self._conn, Postgres):
            return self._conn.columns(table)
        return {r["name"] for r in self._conn.execute(f"PRAGMA table_info({table})")}

    @property
    def _conn(self) -> sqlite3.Connection | Postgres:
        """This thread's connection, opened on first use."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = Postgres(self.url) if self.url else _sqlite(self.path)
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
    def _tx(self) -> Iterator[sqlite3.Connection | Postgres]:
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
                " unit, text_value, raw, quote, start, \"end\", num_start, num_end, section,"
                " para, page, period) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(r.id, r.department, r.year, f.metric, f.scope, f.subject, f.value, f.unit,
                  f.text_value, f.raw, f.quote, f.start, f.end, f.num_start, f.num_end,
                  f.section, f.para, f.page, f.period) for f in r.facts],
            )
            c.executemany(
                "INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?)",
                [(r.id, i.kind, i.ord, i.title, i.text, i.quote, i.start, i.end, i.section)
                 for i in r.items],
            )
            c.executemany("INSERT INTO spans VALUES (?,?,?,?,?,?,?,?,?,?,?)", _span_rows(r))

    def mark_pending(self, report_id: str) -> None:
        """Note, before any vector is written, that this report's ingest has begun."""
        with self._tx() as c:
            sql = (c.upsert_pending if isinstance(c, Postgres)
                   else "INSERT OR REPLACE INTO pending VALUES (?, ?)")
            c.execute(sql, (report_id, time.time()))

    def clear_pending(self, report_id: str) -> None:
        with self._tx() as c:
            c.execute("DELETE FROM pending WHERE report_id = ?", (report_id,))

    def pending(self) -> list[str]:
        """Reports whose ingest or removal began and never finished (the process died)."""
        rows = self._conn.execute("SELECT report_id FROM pending ORDER BY report_id")
        return [r["report_id"] for r in rows]

    def remove_report(self, report_id: str) -> bool:
        with self._tx() as c:
            return c.execute("DELETE FROM reports WHERE id = ?", (report_id,)).rowcount > 0

    def repair(self) -> None:
        """Delete rows whose report is gone, reports without any chunk and repeated facts."""
        with self._tx() as c:
            for table in ("chunks", "facts", "items", "spans"):
                c.execute(f"DELETE FROM {table} WHERE report_id NOT IN (SELECT id FROM reports)")
            c.execute("DELETE FROM reports WHERE id NOT IN (SELECT report_id FROM chunks)")
            c.execute(f"DELETE FROM facts WHERE id NOT IN (SELECT MIN(id) FROM facts GROUP BY {FACT_KEY})")

    def integrity(self) -> dict[str, int]:
        """Counts that must be zero in a healthy store (and the number of facts)."""
        def one(rows: str) -> int:
            return self._conn.execute(f"SELECT COUNT(*) AS n FROM {rows}").fetchone()["n"]

        orphans = sum(one(f"{t} WHERE report_id NOT IN (SELECT id FROM reports)")
                      for t in ("chunks", "facts", "items"))
        facts = one("facts")
        return {
            "facts": facts,
            "orphan_rows": orphans,
            "duplicate_facts": facts - one(
                f"(SELECT 1 FROM facts GROUP BY {FACT_KEY}) AS g"),
            "reports_without_chunks": one("reports WHERE id NOT IN (SELECT report_id FROM chunks)"),
        }

    # reading ---------------------------------------------------------------------------------
    def reports(self) -> list[ReportRecord]:
        rows = self._conn.execute(
            "SELECT r.*, (SELECT COUNT(*) FROM chunks WHERE report_id = r.id) AS n_chunks,"
            " (SELECT COUNT(*) FROM facts WHERE report_id = r.id) AS n_facts"
            " FROM reports r ORDER BY r.id"
        ).fetchall()
        return [ReportRecord.from_row(r) for r in rows]

    def report(self, report_id: str) -> ReportRecord | None:
        return next((r for r in self.reports() if r.id == report_id), None)

    def report_text(self, report_id: str) -> str:
        row = self._conn.execute("SELECT text FROM reports WHERE id = ?", (report_id,)).fetchone()
        return row["text"] if row else ""

    def signature(self) -> int:
        """Changes whenever a report is added, replaced or removed (any process): a cheap key
        for caches built from the whole store."""
        rows = self._conn.execute("SELECT id, sha256, embed_model FROM reports ORDER BY id").fetchall()
        return hash(tuple((r["id"], r["sha256"], r["embed_model"]) for r in rows))

    def sha_of(self, report_id: str) -> tuple[str, str] | None:
        row = self._conn.execute(
            "SELECT sha256, embed_model FROM reports WHERE id = ?", (report_id,)
        ).fetchone()
        return (row["sha256"], row["embed_model"]) if row else None

    def chunks(self, report_id: str | None = None) -> list[ChunkRecord]:
        sql = "SELECT * FROM chunks"
        args: tuple = ()
        if report_id:
            sql += " WHERE report_id = ?"
            args = (report_id,)
        rows = self._conn.execute(sql + " ORDER BY report_id, ord", args).fetchall()
        return [ChunkRecord.from_row(r) for r in rows]

    def chunks_by_ids(self, ids: list[str]) -> list[ChunkRecord]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self._conn.execute(f"SELECT * FROM chunks WHERE id IN ({marks})", ids).fetchall()
        return [ChunkRecord.from_row(r) for r in rows]

    def chunk_ids(self, report_ids: Sequence[str] | None = None) -> set[str]:
        """Ids of all chunks, or of the chunks of `report_ids`."""
        if report_ids is None:
            return {r["id"] for r in self._conn.execute("SELECT id FROM chunks")}
        return {r["id"] for rid in report_ids
                for r in self._conn.execute("SELECT id FROM chunks WHERE report_id = ?", (rid,))}

    def facts(self, report_id: str | None = None) -> list[FactRecord]:
        sql = "SELECT * FROM facts"
        args: tuple = ()
        if report_id:
            sql += " WHERE report_id = ?"
            args = (report_id,)
        rows = self._conn.execute(sql + " ORDER BY report_id, id", args).fetchall()
        return [FactRecord.from_row(r) for r in rows]

    def subjects(self) -> list[tuple[str, str, str]]:
        """Distinct (scope, subject, report id) of project and indicator facts."""
        return [(r["scope"], r["subject"], r["report_id"]) for r in self._conn.execute(
            "SELECT DISTINCT scope, subject, report_id FROM facts WHERE scope != 'department'")]

    def items(self, report_id: str | None = None) -> list[ItemRecord]:
        sql = "SELECT * FROM items"
        args: tuple = ()
        if report_id:
            sql += " WHERE report_id = ?"
            args = (report_id,)
        rows = self._conn.execute(sql + " ORDER BY report_id, kind, ord", args).fetchall()
        return [ItemRecord.from_row(r) for r in rows]


    def spans(self, report_id: str, kind: str | None = None) -> list[Span]:
        """The heading, paragraph and sentence spans ingest found in a report (or those of
        one kind), in reading order. Empty for a report ingested before spans were kept."""
        sql = "SELECT * FROM spans WHERE report_id = ? AND kind != ?"
        args: tuple = (report_id, TEXT_SPAN)
        if kind:
            sql += " AND kind = ?"
            args += (kind,)
        rows = self._conn.execute(sql + " ORDER BY kind, ord", args).fetchall()
        return [Span(kind=r["kind"], ord=r["ord"], start=r["start"], end=r["end"],
                     norm_start=r["norm_start"], norm_end=r["norm_end"], section=r["section"],
                     page=r["page"], level=r["level"],
                     path=tuple(json.loads(r["data"])) if r["data"] else ()) for r in rows]

    def normalised(self, report_id: str) -> NormText | None:
        """The report's normalised text as ingest made it (None for a report ingested before
        spans were kept)."""
        row = self._conn.execute(
            "SELECT s.data, r.text FROM spans s JOIN reports r ON r.id = s.report_id"
            " WHERE s.report_id = ? AND s.kind = ?", (report_id, TEXT_SPAN)).fetchone()
        if row is None:
            return None
        data = json.loads(row["data"])
        return NormText.from_runs(data["text"], data["runs"], row["text"])


def _span_rows(r: NewReport) -> list[tuple]:
    if r.norm is None:
        return []
    text = json.dumps({"text": r.norm.text, "runs": r.norm.offset_runs()}, ensure_ascii=False)
    rows = [(r.id, TEXT_SPAN, 0, 0, len(r.text), 0, len(r.norm.text), 0, "", 0, text)]
    rows += [(r.id, s.kind, s.ord, s.start, s.end, s.norm_start, s.norm_end, s.level, s.section,
              s.page, json.dumps(list(s.path), ensure_ascii=False) if s.path else "")
             for s in r.spans]
    return rows


def _sqlite(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    return conn
