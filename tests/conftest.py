"""Shared fixtures: every data dir points at tmp_path; models are fakes unless a test says so."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.ingest.normalise import NormText, normalise  # noqa: E402
from assistant.ingest.structure import ReportStructure, analyse  # noqa: E402
from assistant.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SAMPLES = sorted(CORPUS.glob("*.txt"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        models_dir=tmp_path / "models",
        corpus_dir=CORPUS,
        embedding_model="fake",
        llm="none",
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the five samples."""
    d = tmp_path / "corpus"
    d.mkdir()
    for p in SAMPLES:
        shutil.copy(p, d / p.name)
    return d


def sample(name_prefix: str) -> Path:
    return next(p for p in SAMPLES if p.name.startswith(name_prefix))


def analysed(name_prefix: str) -> tuple[NormText, ReportStructure]:
    norm = normalise(sample(name_prefix).read_text(encoding="utf-8"))
    return norm, analyse(norm)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("JIXIAO_"):
            monkeypatch.delenv(key)


@pytest.fixture(scope="session")
def ingested(tmp_path_factory):
    """The five samples ingested once (fake embeddings, real SQLite and Chroma), read-only."""
    from assistant.factory import build_assistant

    base = tmp_path_factory.mktemp("ingested")
    settings = Settings(data_dir=base / "data", models_dir=base / "models", corpus_dir=CORPUS,
                        embedding_model="fake", llm="none")
    assistant = build_assistant(settings)
    results = assistant.library.ingest([CORPUS])
    assert all(r.status == "added" for r in results)
    return assistant
