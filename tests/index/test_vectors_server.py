"""Vectors: unchanged chunks are never embedded twice (chunk ids are content hashes), and the
index can live in a real Chroma server (`chroma run` on loopback) instead of local files."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.factory import build_assistant
from assistant.index.library import Library
from assistant.models.embeddings import FakeEmbeddings
from assistant.settings import Settings
from tests.conftest import CORPUS, SAMPLES, sample


class CountingEmbeddings(FakeEmbeddings):
    """The fake embedder, counting every passage it is asked to embed."""

    embedded: list = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return super().embed_documents(texts)


def test_reingesting_a_changed_report_embeds_only_its_changed_chunks(settings, tmp_path) -> None:
    counter = CountingEmbeddings(embedded=[])
    library = Library(settings, lambda: counter)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in SAMPLES:
        shutil.copy(p, corpus / p.name)
    first = library.ingest([corpus])
    total = sum(r.chunks for r in first)
    assert len(counter.embedded) == total == sum(r.embedded for r in first) == library.vectors.count()

    target = corpus / SAMPLES[2].name
    old_ids = {r.id for r in library.store.chunks(target.name)}
    text = target.read_text(encoding="utf-8")
    assert "3181.27" in text
    target.write_text(text.replace("3181.27", "3190.00", 1), encoding="utf-8")
    counter.embedded.clear()
    second = {r.file: r for r in library.ingest([corpus])}
    new_ids = {r.id for r in library.store.chunks(target.name)}
    changed = new_ids - old_ids
    assert second[target.name].status == "updated"
    assert {r.status for n, r in second.items() if n != target.name} == {"unchanged"}
    assert 1 <= len(changed) < len(new_ids) // 2  # one figure changed: one or two chunks
    assert len(counter.embedded) == second[target.name].embedded == len(changed)
    assert all("3190.00" in t for t in counter.embedded)
    assert library.vectors.all_ids() == library.store.chunk_ids()  # stale vectors dropped

    # a rebuilt library (a new process) finds the vectors again and embeds nothing
    counter.embedded.clear()
    again = Library(settings, lambda: counter)
    assert {r.status for r in again.ingest([corpus])} == {"unchanged"}
    assert again.reconcile()["missing_vectors"] == 0
    assert counter.embedded == []


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"chroma run exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"chroma server not listening on 127.0.0.1:{port} after {timeout}s")


CHROMA = Path(sys.executable).with_name("chroma")


@pytest.fixture
def chroma_server(tmp_path):
    if not CHROMA.exists():
        pytest.skip(f"no `chroma` executable next to the Python ({CHROMA}): chromadb not installed")
    port = _free_port()
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "CHROMA_TELEMETRY": "False"}
    proc = subprocess.Popen([str(CHROMA), "run", "--path", str(tmp_path / "chroma-server"),
                             "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_ingest_and_ask_against_a_chroma_server(chroma_server, tmp_path) -> None:
    settings = Settings(data_dir=tmp_path / "data", models_dir=tmp_path / "m", corpus_dir=CORPUS,
                        embedding_model="fake", llm="none", chroma_url=chroma_server)
    assistant = build_assistant(settings)
    results = assistant.library.ingest([sample("000"), sample("002"), sample("003")])
    assert [r.status for r in results] == ["added"] * 3
    library = assistant.library
    assert type(library.vectors._client).__name__ == "Client"  # chromadb's HTTP client
    assert library.vectors._client.heartbeat() > 0
    assert not settings.chroma_dir.exists()  # nothing written to the local Chroma files
    assert library.vectors.count() == sum(r.chunks for r in results)
    assert library.audit()["ok"]

    a = assistant.qa.ask("番禺区政府办2022年基本支出有多少？")
    assert a.route == "facts" and "3246.07万元" in a.text
    hits = assistant.qa.retriever.search("绩效自评 存在的主要问题", k=5)
    assert hits and all(h.report_id in {r.file for r in results} for h in hits)
    dense = library.vectors.search("绩效自评 存在的主要问题", k=3)
    assert len(dense) == 3
    question = "番禺区委办2023年谋划形成了多少项具体改革措施？"
    r = assistant.qa.ask(question)
    assert r.route == "retrieval" and r.citations
    assert {c.file for c in r.citations} == {sample("003").name}
    # the same reports in local Chroma files give the same answer
    local = build_assistant(Settings(data_dir=tmp_path / "local", models_dir=tmp_path / "m",
                                     embedding_model="fake", llm="none"))
    local.library.ingest([sample("000"), sample("002"), sample("003")])
    assert local.qa.ask(question).text == r.text

    # a second instance (another machine, same server) sees the same vectors
    other = build_assistant(Settings(data_dir=tmp_path / "data", models_dir=tmp_path / "m",
                                     embedding_model="fake", llm="none",
                                     chroma_url=chroma_server)).library
    assert other.vectors.all_ids() == library.store.chunk_ids()
    assert library.remove(sample("002").name)
    assert other.vectors.count() == library.vectors.count() == len(library.store.chunk_ids())
