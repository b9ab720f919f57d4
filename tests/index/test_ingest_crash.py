"""Ingest is atomic per report: a process killed with SIGKILL at the worst moments leaves an
index that the next run brings back into agreement (SQLite facts/chunks, BM25, Chroma), with
no duplicates and no orphans. The child processes use fake embeddings; a small driver
script pauses at a named step so that the kill lands exactly there."""

from __future__ import annotations

import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.factory import build_assistant
from assistant.settings import Settings
from tests.conftest import ROOT, SAMPLES

# Runs Library.ingest on argv; prints "<step> <report>" after each write step and sleeps at
# the step named by PAUSE_AT for the report named by PAUSE_FILE, waiting to be killed.
DRIVER = r'''
import os, sys, time
from contextlib import contextmanager
from assistant.factory import build_assistant
from assistant.settings import Settings
from assistant.index.store import Store
from assistant.index.vectors import VectorIndex

pause_at, pause_file = os.environ.get("PAUSE_AT", ""), os.environ.get("PAUSE_FILE", "")
state = {"report": ""}

def step(name, report):
    print(name, report, flush=True)
    if name == pause_at and report == pause_file:
        time.sleep(120)

real_add, real_replace, real_tx = VectorIndex.add, Store.replace_report, Store._tx

def add(self, ids, texts, metadatas):
    n = real_add(self, ids, texts, metadatas)
    step("embedded", metadatas[0]["report_id"] if metadatas else "")
    return n

@contextmanager
def tx(self):
    with real_tx(self) as conn:
        yield conn
        if state["report"]:  # every row written, nothing committed yet
            step("in_tx", state["report"])

def replace(self, report):
    state["report"] = report.id
    try:
        real_replace(self, report)
    finally:
        state["report"] = ""
    step("committed", report.id)

VectorIndex.add, Store.replace_report, Store._tx = add, replace, tx
library = build_assistant(Settings.from_env()).library
for r in library.ingest(sys.argv[1:]):
    print("result", r.file, r.status, flush=True)
print("done", flush=True)
'''


def child_env(data_dir: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env.update(JIXIAO_DATA_DIR=str(data_dir), JIXIAO_EMBEDDING_MODEL="fake", JIXIAO_LLM="none",
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False",
               PYTHONPATH=str(ROOT), **extra)
    return env


def run_until(cmd: list[str], env: dict, marker: str | None, timeout: float = 40) -> list[str]:
    """Run a child; when it prints `marker`, SIGKILL it. Returns the lines it printed."""
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(x.strip()) for x in proc.stdout]
                              + [lines.put(None)], daemon=True)
    reader.start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
            if line is None:
                break
            seen.append(line)
            if line == marker:
                proc.send_signal(signal.SIGKILL)
                break
    except queue.Empty:
        pytest.fail(f"child did not reach {marker or 'its end'!r} in {timeout}s: {seen}")
    finally:
        if proc.poll() is None and marker is None:
            proc.wait(timeout=timeout)
        proc.kill()
        proc.wait()
        reader.join(timeout=5)
        proc.stdout.close()
    if marker is not None:
        assert marker in seen, f"child ended before {marker!r}: {seen}"
        assert proc.returncode == -signal.SIGKILL
    return seen


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(library) -> dict:
    """What an index holds, without row ids and timestamps."""
    skip = {"id"}
    return {
        "reports": sorted((r.id, r.sha256, r.department, r.year, r.n_chunks, r.n_facts)
                          for r in library.store.reports()),
        "chunks": sorted(library.store.chunk_ids()),
        "facts": sorted(tuple(v for k, v in f.to_dict().items() if k not in skip)
                        for f in library.store.facts()),
        "vectors": sorted(library.vectors.all_ids()),
        "bm25": sorted(library.bm25.ids),
    }


def test_sigkill_at_each_write_step_then_rerun_agrees(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in SAMPLES:
        shutil.copy(p, corpus / p.name)
    # four more reports (copies under other names) make the ingest longer
    for p in SAMPLES[:4]:
        shutil.copy(p, corpus / f"copy-{p.name}")
    files = sorted(p.name for p in corpus.iterdir())
    data = tmp_path / "data"
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    ingest = [sys.executable, str(driver), str(corpus)]

    # 1. a first ingest killed after the vectors of the fourth report were written
    lines = run_until(ingest, child_env(data, PAUSE_AT="embedded", PAUSE_FILE=files[3]),
                      f"embedded {files[3]}")
    assert sum(line.startswith("committed") for line in lines) == 3

    # 2. two reports change; killed inside the SQLite transaction of the first one
    edit(corpus / SAMPLES[1].name, "一、", "一、（修订）")
    edit(corpus / SAMPLES[2].name, "3181.27", "3190.00")
    run_until(ingest, child_env(data, PAUSE_AT="in_tx", PAUSE_FILE=SAMPLES[1].name),
              f"in_tx {SAMPLES[1].name}")

    # 3. killed after the SQLite commit of a changed report, before its stale vectors went
    run_until(ingest, child_env(data, PAUSE_AT="committed", PAUSE_FILE=SAMPLES[2].name),
              f"committed {SAMPLES[2].name}")

    # doctor sees the disagreement without repairing it
    doctor = subprocess.run([sys.executable, "-m", "assistant.cli", "doctor", "--no-fix"],
                            cwd=ROOT, env=child_env(data), capture_output=True, text=True,
                            timeout=60)
    assert doctor.returncode == 1, doctor.stdout + doctor.stderr
    assert "agree: no" in doctor.stdout and "interrupted_ingests: 1" in doctor.stdout
    assert "orphan_vectors: 0" not in doctor.stdout  # the changed report's old vectors

    # 4. the real CLI, killed at a random moment (whatever it hit, the re-run must repair)
    edit(corpus / SAMPLES[3].name, "一、", "一、（再修订）")
    delay = random.Random(6).uniform(1.0, 4.0)
    cli = subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest", str(corpus)],
                           cwd=ROOT, env=child_env(data), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    time.sleep(delay)
    cli.send_signal(signal.SIGKILL)
    cli.wait(timeout=30)
    print(f"CLI ingest killed after {delay:.2f}s (exit {cli.returncode})")

    # 5. a plain re-run completes and everything agrees
    lines = run_until(ingest, child_env(data), None)
    assert lines[-1] == "done"
    assert {line.split()[1] for line in lines if line.startswith("result")} == set(files)
    assert not any(line.endswith("failed") for line in lines)

    library = build_assistant(Settings(data_dir=data, models_dir=tmp_path / "m",
                                       embedding_model="fake", llm="none")).library
    audit = library.audit()
    assert audit["ok"], audit
    assert audit["reports"] == len(files) and audit["chunks"] == audit["vectors"]

    # the same files ingested once, without any crash, give exactly the same index
    clean = build_assistant(Settings(data_dir=tmp_path / "clean", models_dir=tmp_path / "m",
                                     embedding_model="fake", llm="none")).library
    clean.ingest([corpus])
    got, want = snapshot(library), snapshot(clean)
    for part in want:
        assert len(got[part]) == len(set(got[part])), f"duplicates in {part}"
    got["reports"] = [r[:1] + r[2:] for r in got["reports"]]
    want["reports"] = [r[:1] + r[2:] for r in want["reports"]]
    assert got == want


def test_doctor_repairs_and_reports_agreement(tmp_path: Path) -> None:
    """Damage each index a different way; `doctor` names every problem and repairs it."""
    from click.testing import CliRunner

    from assistant.cli.main import main

    settings = Settings(data_dir=tmp_path / "data", models_dir=tmp_path / "m",
                        embedding_model="fake", llm="none")
    library = build_assistant(settings).library
    library.ingest(SAMPLES[:2])
    before = snapshot(library)
    some = sorted(library.store.chunk_ids())[:2]
    library.vectors.delete(some)  # missing vectors
    library.vectors.add(["ghost.txt:1"], ["孤儿"], [{"report_id": "ghost.txt"}])  # orphan
    conn = library.store._conn
    with conn:
        conn.execute("INSERT INTO facts SELECT NULL, report_id, department, year, metric, scope,"
                     " subject, value, unit, text_value, raw, quote, start, end, num_start,"
                     " num_end, section, para, page, period FROM facts LIMIT 3")  # duplicate facts
    library.store.mark_pending(SAMPLES[0].name)
    library.store.close()

    env = {"JIXIAO_DATA_DIR": str(settings.data_dir), "JIXIAO_EMBEDDING_MODEL": "fake",
           "JIXIAO_LLM": "none"}
    checked = CliRunner().invoke(main, ["doctor", "--no-fix"], env=env)
    assert checked.exit_code == 1
    for line in ("orphan_vectors: 1", "missing_vectors: 2", "duplicate_facts: 3",
                 "interrupted_ingests: 1", "agree: no"):
        assert line in checked.output
    fixed = CliRunner().invoke(main, ["doctor"], env=env)
    assert fixed.exit_code == 0 and "repaired: yes" in fixed.output, fixed.output
    again = CliRunner().invoke(main, ["doctor", "--no-fix"], env=env)
    assert again.exit_code == 0 and "agree: yes" in again.output

    fresh = build_assistant(settings).library
    assert snapshot(fresh) == before
