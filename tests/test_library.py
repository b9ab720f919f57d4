"""Ingest into a real SQLite store and a real Chroma collection (fake embeddings)."""

import shutil
from pathlib import Path

import pytest

from assistant.factory import build_assistant

from .conftest import SAMPLES


@pytest.fixture
def lib(settings):
    return build_assistant(settings).library


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    for p in SAMPLES:
        shutil.copy(p, d / p.name)
    return d


def test_ingest_samples_indexes_chunks_facts_and_vectors(lib, corpus) -> None:
    results = lib.ingest([corpus])
    assert [r.status for r in results] == ["added"] * 5
    reports = lib.store.reports()
    assert {r.year for r in reports} == {2022, 2023}
    assert sum(r.n_chunks for r in reports) == lib.vectors.count() == len(lib.bm25)
    assert all(r.n_facts > 0 for r in reports)
    assert lib.reconcile(fix=False)["orphan_vectors"] == 0


def test_reingesting_an_unchanged_file_changes_nothing(lib, corpus) -> None:
    lib.ingest([corpus])
    before = [dict(r) for r in lib.store.facts()]
    again = lib.ingest([corpus])
    assert {r.status for r in again} == {"unchanged"}
    assert [dict(r) for r in lib.store.facts()] == before


def test_changed_file_replaces_its_chunks_and_facts(lib, corpus) -> None:
    lib.ingest([corpus])
    target = corpus / SAMPLES[2].name
    text = target.read_text(encoding="utf-8").replace("3181.27", "3190.00")
    target.write_text(text, encoding="utf-8")
    [result] = [r for r in lib.ingest([corpus]) if r.file == target.name]
    assert result.status == "updated"
    budgets = [r["value"] for r in lib.store.facts(target.name) if r["metric"] == "预算数"]
    assert budgets == [3190.0]
    assert lib.reconcile(fix=False) | {"fixed": None} == {
        "chunks": lib.vectors.count(), "vectors": lib.vectors.count(), "orphan_vectors": 0,
        "missing_vectors": 0, "fixed": None}


def test_remove_deletes_a_report_everywhere(lib, corpus) -> None:
    lib.ingest([corpus])
    n = lib.vectors.count()
    chunks = len(lib.store.chunks(SAMPLES[0].name))
    assert lib.remove(SAMPLES[0].stem)  # by stem or file name
    assert lib.store.report(SAMPLES[0].name) is None
    assert lib.store.facts(SAMPLES[0].name) == []
    assert lib.vectors.count() == n - chunks
    assert not lib.remove("no-such-report")


def test_bad_files_fail_with_a_message_and_do_not_harm_the_index(lib, corpus, tmp_path) -> None:
    lib.ingest([corpus])
    facts_before = len(lib.store.facts())
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "junk.pdf").write_bytes(bytes(range(256)) * 40)
    (bad / "notes.xyz").write_text("预算数 100 万元", encoding="utf-8")
    (bad / "ok.txt").write_text("某某局2021年部门整体支出绩效自评报告\n一、基本情况\n全年预算数 100万元，执行数 90万元。\n",
                                encoding="utf-8")
    results = {r.file: r for r in lib.ingest([bad, bad / "notes.xyz"])}
    assert results["ok.txt"].status == "added"
    for name in ("empty.txt", "junk.pdf", "notes.xyz"):
        assert results[name].status == "failed"
        assert name in results[name].message
    assert len(lib.store.facts()) == facts_before + 2
    assert lib.reconcile(fix=False)["orphan_vectors"] == 0


def test_reconcile_drops_orphan_vectors_and_restores_missing_ones(lib, corpus) -> None:
    lib.ingest([corpus])
    some = sorted(lib.store.chunk_ids())[:3]
    lib.vectors.delete(some)
    lib.vectors.add(["ghost:1"], ["孤儿向量"], [{"report_id": "ghost"}])
    report = lib.reconcile()
    assert (report["orphan_vectors"], report["missing_vectors"]) == (1, 3)
    assert lib.vectors.all_ids() == lib.store.chunk_ids()
