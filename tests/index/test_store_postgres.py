"""The store in a real PostgreSQL server (`JIXIAO_STORE_URL`): ingest, facts, checks, both
question routes, removal and the index audit give exactly what the SQLite store gives.

The server is a throwaway cluster in a temporary directory, reachable only over a unix socket
there (no TCP), started once for this module and stopped in a finalizer. PostgreSQL refuses to
run as root, so under root the cluster belongs to the `postgres` (or `nobody`) user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.errors import JixiaoError
from assistant.factory import build_assistant
from assistant.facts.checks import check_facts
from assistant.index.store import Store
from assistant.settings import Settings
from tests.conftest import CORPUS, sample

# 荔湾区政府办, 番禺区委办, 白云区政府办 (2023; the last has consistency findings)
REPORTS = [sample("002"), sample("003"), sample("004")]
QUESTIONS = [
    "荔湾区政府办2023年预算数比执行数多了多少？",  # facts: arithmetic
    "2023年荔湾区政府办、番禺区委办和白云区政府办中，哪个部门支出最少？",  # facts: rank
    "白云区政府办2023年存在的主要问题有哪些？",  # facts: list items
    "番禺区委办2023年谋划形成了多少项具体改革措施？",  # retrieval
]
PORT = 5432  # names the socket file only; the server listens on no TCP address


def _pg_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return candidates[-1] if candidates else None


def _server_user() -> str | None:
    """The user to run the server as: None when we are not root, else postgres or nobody."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    pytest.skip("running as root and neither a postgres nor a nobody user exists")


@pytest.fixture(scope="module")
def pg_server(request) -> str:
    """libpq options of a PostgreSQL server started for this module (no database name)."""
    initdb, pg_ctl = _pg_binary("initdb"), _pg_binary("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) on PATH or in "
                    "/usr/lib/postgresql/*/bin; install postgresql to run this test")
    user = _server_user()
    base = Path(tempfile.mkdtemp(prefix="jixiao-pg-"))  # /tmp: the server user can reach it
    data, sock, log = base / "data", base / "sock", base / "server.log"
    sock.mkdir()
    as_user = ["runuser", "-u", user, "--"] if user else []
    if user:
        for p in (base, sock):
            shutil.chown(p, user)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*as_user, *args], cwd=base, capture_output=True, text=True,
                              timeout=60)

    def stop() -> None:
        run(pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)

    request.addfinalizer(stop)
    made = run(initdb, "-D", str(data), "-U", "jixiao", "--auth=trust", "-E", "UTF8",
               "--no-locale", "--no-sync")
    assert made.returncode == 0, made.stdout + made.stderr
    options = (f"-c listen_addresses='' -k {sock} -p {PORT}"
               " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
    started = run(pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "30",
                  "start")
    assert started.returncode == 0, started.stdout + started.stderr + (
        log.read_text() if log.exists() else "")

    return f"?host={sock}&port={PORT}"


@pytest.fixture
def pg_url(pg_server: str, request) -> str:
    """A fresh, empty database on that server for each test."""
    import psycopg

    name = "t_" + request.node.name.lower()[:40]
    with psycopg.connect(f"postgresql://jixiao@/postgres{pg_server}", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql://jixiao@/{name}{pg_server}"


def _session(settings: Settings) -> dict:
    """Everything a user sees from ingest to removal and repair, free of timings."""
    a = build_assistant(settings)
    lib, store = a.library, a.library.store
    out: dict = {"ingest": [(r.file, r.status, r.chunks, r.facts, r.message)
                            for r in lib.ingest(REPORTS)]}
    out["again"] = [r.status for r in lib.ingest(REPORTS)]
    out["reports"] = [replace(r, ingested_at=0.0) for r in store.reports()]
    out["facts"] = [r.to_dict() for r in store.facts()]
    out["items"] = [r.to_dict() for r in store.items()]
    out["chunks"] = [r.to_dict() for r in store.chunks()]
    out["findings"] = [f.to_dict() for f in check_facts(store.facts())]
    out["answers"] = [_answer(a.qa.ask(q)) for q in QUESTIONS]
    out["removed"] = lib.remove(REPORTS[0].stem)  # 荔湾
    out["after_remove"] = ([r.id for r in store.reports()], [r.to_dict() for r in store.facts()],
                           _answer(a.qa.ask(QUESTIONS[0])), _answer(a.qa.ask(QUESTIONS[1])))
    out["audit"] = lib.audit()
    out["reconcile"] = lib.reconcile()
    store.close()
    return out


def _answer(answer) -> dict:
    d = answer.to_dict()
    d.pop("seconds")
    return d


def test_postgres_store_gives_what_sqlite_gives(pg_url: str, tmp_path: Path) -> None:
    def settings(name: str, url: str) -> Settings:
        return Settings(data_dir=tmp_path / name, models_dir=tmp_path / "models",
                        corpus_dir=CORPUS, embedding_model="fake", llm="none", store_url=url)

    got = _session(settings("pg", pg_url))
    want = _session(settings("sqlite", ""))
    assert not (tmp_path / "pg" / "jixiao.sqlite3").exists()  # nothing went to SQLite
    assert [s for _, s, *_ in got["ingest"]] == ["added"] * 3 and got["again"] == ["unchanged"] * 3
    assert len(got["facts"]) > 50 and got["findings"]
    assert [a["route"] for a in got["answers"]] == ["facts", "facts", "facts", "retrieval"]
    assert got["answers"][3]["citations"] and got["after_remove"][2]["abstained"]
    assert got["audit"]["ok"] and got["removed"]
    for key in want:
        assert got[key] == want[key], key


def test_postgres_report_is_replaced_in_one_transaction(pg_url: str, tmp_path: Path,
                                                        monkeypatch) -> None:
    """A write that fails half-way leaves the previous version, as in SQLite."""
    settings = Settings(data_dir=tmp_path / "d", models_dir=tmp_path / "m",
                        embedding_model="fake", llm="none", store_url=pg_url)
    lib = build_assistant(settings).library
    lib.ingest(REPORTS[:1])
    store = lib.store
    rid = REPORTS[0].name
    before = ([r.to_dict() for r in store.chunks(rid)], [r.to_dict() for r in store.facts(rid)])

    real = store.replace_report

    def broken(report):
        bad = replace(report, items=[*report.items, replace(report.items[0], title=None)])
        return real(bad)  # NOT NULL violation at the last insert, after the delete

    changed = tmp_path / rid
    changed.write_text(REPORTS[0].read_text(encoding="utf-8") + "\n补充。", encoding="utf-8")
    monkeypatch.setattr(store, "replace_report", broken)
    failed = lib.ingest_file(changed)
    assert failed.status == "failed" and "NotNullViolation" in failed.message, failed.message
    monkeypatch.undo()
    assert ([r.to_dict() for r in store.chunks(rid)], [r.to_dict() for r in store.facts(rid)]) == before
    assert lib.audit()["interrupted_ingests"] == 1
    lib.reconcile()
    assert lib.audit()["ok"]
    store.close()


def test_store_url_must_name_postgresql(tmp_path: Path) -> None:
    with pytest.raises(JixiaoError, match="postgresql://") as e:
        Store(tmp_path / "x.sqlite3", url="mysql://u:secret@h/db")
    assert "secret" not in str(e.value)


def test_missing_driver_says_what_to_install(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg raises ImportError
    with pytest.raises(JixiaoError, match=r"pip install 'jixiao\[postgres\]'"):
        Store(tmp_path / "x.sqlite3", url="postgresql://u@localhost/db")


def test_sqlite_users_never_import_psycopg() -> None:
    code = ("import sys, tempfile, pathlib; from assistant.index.store import Store; "
            "Store(pathlib.Path(tempfile.mkdtemp()) / 's.sqlite3').facts(); "
            "assert 'psycopg' not in sys.modules")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=CORPUS.parent)
    assert done.returncode == 0, done.stderr


def test_postgres_connection_lost_between_requests_is_reopened(pg_url: str, tmp_path: Path) -> None:
    """The server drops the store's connection (restart, idle timeout): the next read and the
    next write open a new one instead of failing until the app is restarted."""
    import psycopg

    settings = Settings(data_dir=tmp_path / "d", models_dir=tmp_path / "m", corpus_dir=CORPUS,
                        embedding_model="fake", llm="none", store_url=pg_url)
    a = build_assistant(settings)
    a.library.ingest(REPORTS[:1])
    store = a.library.store
    before = [r.to_dict() for r in store.facts()]

    def drop_connections() -> int:
        admin = pg_url.replace(pg_url.split("@/")[1].split("?")[0], "postgres", 1)
        with psycopg.connect(admin, autocommit=True) as conn:
            return conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                " WHERE datname = %s", (pg_url.split("@/")[1].split("?")[0],)
                                ).fetchone()[0]

    assert drop_connections() >= 1
    assert [r.to_dict() for r in store.facts()] == before  # a read reconnects
    assert drop_connections() >= 1
    assert a.library.remove(REPORTS[0].stem)  # so does a write transaction
    assert store.reports() == [] and store.facts() == []
    store.close()


def test_postgres_store_made_before_the_period_column_gets_it(pg_url: str, tmp_path: Path) -> None:
    """An older PostgreSQL store (facts without `period`) gets the column when opened; the
    facts it holds read back with the default."""
    from assistant.index.store import SCHEMA

    store = Store(tmp_path / "unused.sqlite3", url=pg_url)
    conn = store._conn
    with conn:
        conn.execute("DROP TABLE facts")
    conn.executescript(SCHEMA.replace(",\n    period TEXT NOT NULL DEFAULT ''", ""))
    assert "period" not in conn.columns("facts")
    with conn:
        conn.execute("INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                     ("r.txt", "r.txt", "/x/r.txt", "abc", "txt", "t", "某县卫生健康局", 2023,
                      "[]", "全年预算数1200万元。", "[0]", "fake", 0.0))
        conn.execute(
            "INSERT INTO facts (report_id, department, year, metric, scope, subject, value, unit,"
            " text_value, raw, quote, start, \"end\", num_start, num_end, section, para, page)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ("r.txt", "某县卫生健康局", 2023, "预算数", "department", "", 1200.0, "万元",
             "1200万元", "1200万元", "全年预算数1200万元。", 0, 12, 5, 11, "", 0, 1))
    store.close()
    reopened = Store(tmp_path / "unused.sqlite3", url=pg_url)
    assert "period" in reopened._conn.columns("facts")
    assert [(f.metric, f.period, float(f.value)) for f in reopened.facts()] == [("预算数", "", 1200.0)]
    reopened.close()
