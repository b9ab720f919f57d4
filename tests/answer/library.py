"""A small library for answer tests: reports written into a folder and ingested by an assistant
with fake embeddings and no model (one helper instead of a copy per test module)."""

from __future__ import annotations

from pathlib import Path

from assistant.factory import build_assistant
from assistant.settings import Settings


def ingested(root: Path, monkeypatch, files: dict[str, str]):
    """An assistant over `files` (name -> text) written into `root`; `monkeypatch` sets the
    environment (a pytest MonkeyPatch, module-scoped ones included)."""
    monkeypatch.setenv("JIXIAO_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("JIXIAO_LLM", "none")
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(root / "data"))
    paths = []
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
        paths.append(root / name)
    assistant = build_assistant(Settings.from_env())
    assistant.ingest(paths)
    return assistant
