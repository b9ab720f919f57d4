"""Embedding backends behind LangChain's ``Embeddings`` interface.

``build_embeddings(settings)`` picks one from ``settings.embedding_model``:

* ``embeddinggemma`` – the model fetched by ``jixiao models fetch`` (the default);
* a local directory – any sentence-transformers model stored on disk;
* ``fake`` – deterministic hash-seeded unit vectors, for tests;
* anything else – a model hub id, which only loads on a machine that is online.

Every backend exposes ``dimension`` and ``model_id``; the index stores ``model_id`` so it can
tell when the embedding model (or its precision) changed and the vectors must be rebuilt.
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import DeterministicFakeEmbedding, Embeddings

from assistant.errors import JixiaoError, ModelMissingError
from assistant.models import fetch as model_fetch
from assistant.settings import Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

FAKE_DIMENSION = 64


class FakeEmbeddings(DeterministicFakeEmbedding):
    """Deterministic vectors seeded by the sha256 of the text, scaled to unit length.

    Equal texts get equal vectors in every process; different texts get unrelated ones.
    """

    size: int = FAKE_DIMENSION

    @property
    def dimension(self) -> int:
        return self.size

    @property
    def model_id(self) -> str:
        return f"fake-{self.size}"

    def _get_embedding(self, seed: int) -> list[float]:
        vec = np.random.default_rng(seed).normal(size=self.size)
        return [float(x) for x in vec / np.linalg.norm(vec)]


def _cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class SentenceTransformerEmbeddings(Embeddings):
    """A sentence-transformers model on the CPU, loaded on first use.

    Documents are encoded with the model's ``document`` prompt and queries with its ``query``
    prompt when the model defines them (EmbeddingGemma does); vectors are unit length.

    Why not ``langchain_huggingface.HuggingFaceEmbeddings``: it replaces every newline of a
    text with a space before encoding (with EmbeddingGemma that moves the vector of a
    multi-line chunk by up to 0.05 per component, so an existing index would no longer match
    its queries), it loads the model in its constructor (this loads on first use), and the
    prompt names, int8 quantization and offline error messages would still need this code.
    """

    def __init__(
        self,
        model_name_or_path: str,
        *,
        batch_size: int = 16,
        int8: bool = False,
        local: bool = True,
        threads: int | None = None,
        name: str | None = None,
    ) -> None:
        self.model_name_or_path = model_name_or_path
        self.name = name or model_name_or_path
        self.batch_size = max(1, int(batch_size))
        self.int8 = int8
        self.local = local
        self.threads = threads or _cpu_count()
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()

    # Identity -----------------------------------------------------------------------------
    @property
    def precision(self) -> str:
        return "int8" if self.int8 else "fp32"

    @property
    def model_id(self) -> str:
        """Identifies model and precision; changes when either changes."""
        return f"{self.name}#{self.precision}"

    @property
    def dimension(self) -> int:
        model = self.model
        get_dim = (
            getattr(model, "get_embedding_dimension", None)
            or model.get_sentence_embedding_dimension
        )
        dim = get_dim()
        if dim is None:  # some models only know it after a forward pass
            dim = len(self.embed_query("dimension"))
        return int(dim)

    @property
    def loaded(self) -> bool:
        return self._model is not None

    # Loading ------------------------------------------------------------------------------
    @property
    def model(self) -> SentenceTransformer:
        """The loaded model (loads it on first access)."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self) -> SentenceTransformer:
        import torch
        from sentence_transformers import SentenceTransformer

        if torch.get_num_threads() != self.threads:
            torch.set_num_threads(self.threads)
        log.info("loading embedding model %s (%s)", self.model_name_or_path, self.precision)
        _quiet_transformers()
        try:
            model = SentenceTransformer(
                self.model_name_or_path, device="cpu", local_files_only=self.local
            )
        except Exception as exc:  # the library raises OSError, ValueError, HF errors ...
            raise ModelMissingError(self._load_failure(exc)) from exc
        model.eval()
        if self.int8:
            model = _quantize_int8(model)
        return model

    def _load_failure(self, exc: Exception) -> str:
        if self.local:
            return (
                f"cannot load the embedding model in {self.model_name_or_path}: {exc}. "
                "Point JIXIAO_EMBEDDING_MODEL at a sentence-transformers model directory, "
                "or run `jixiao models fetch` for the default one."
            )
        return (
            f"cannot load the embedding model {self.model_name_or_path!r} from the model hub: "
            f"{exc}. A hub id needs internet access (and HF_HUB_OFFLINE unset); offline, "
            "use a local model directory or the default (`jixiao models fetch`)."
        )

    # Encoding -----------------------------------------------------------------------------
    def _prompt(self, name: str) -> str | None:
        prompts = getattr(self.model, "prompts", None) or {}
        return name if name in prompts else None

    def _encode(self, texts: list[str], prompt: str) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.model.encode(
            texts,
            prompt_name=self._prompt(prompt),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(list(texts), "document")

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text], "query")[0]


def _quiet_transformers() -> None:
    """Hide the per-load "Loading weights" progress bar that transformers prints."""
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except (ImportError, AttributeError):  # pragma: no cover - older/newer transformers
        pass


def _quantize_int8(model: SentenceTransformer) -> SentenceTransformer:
    """Dynamic int8 quantization of the Linear layers (weights int8, activations float)."""
    import torch

    quantize = getattr(getattr(torch, "ao", None), "quantization", None)
    quantize_dynamic = getattr(quantize, "quantize_dynamic", None)
    if quantize_dynamic is None:
        raise JixiaoError(
            f"this torch ({torch.__version__}) has no dynamic int8 quantization; "
            "set JIXIAO_EMBEDDING_INT8=false"
        )
    with warnings.catch_warnings():
        # torch marks eager-mode quantization as deprecated; it still works on CPU
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.filterwarnings("ignore", message=".*quantize_per_tensor.*", category=UserWarning)
        # in place: a copy would briefly double the memory of a 1.2 GB model
        return quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)


def _looks_like_path(name: str) -> bool:
    return name.startswith(("/", "./", "../", "~", ".\\")) or os.path.isabs(name)


def build_embeddings(settings: Settings) -> Embeddings:
    """The embedding backend configured by ``settings.embedding_model`` (see module doc)."""
    name = settings.embedding_model.strip()
    common: dict[str, Any] = {
        "batch_size": settings.embedding_batch_size,
        "int8": settings.embedding_int8,
    }
    if name.lower() == "fake":
        return FakeEmbeddings(size=FAKE_DIMENSION)
    if name.lower() == "embeddinggemma":
        path = model_fetch.default_embedding_dir(settings)
        if not model_fetch.is_ready("embeddinggemma", settings):
            state = "incomplete or corrupt" if path.exists() else "not downloaded"
            raise ModelMissingError(
                f"the default embedding model (EmbeddingGemma-300M) is {state} in {path}: "
                "run `jixiao models fetch` (add --force to replace a corrupt copy)."
            )
        # named by content, not location, so moving models_dir does not look like a new model
        spec = model_fetch.MODELS["embeddinggemma"]
        name_ = f"{spec.target}@{spec.sha256[:12]}"
        return SentenceTransformerEmbeddings(str(path), name=name_, **common)
    path = Path(name).expanduser()
    if path.is_dir():
        return SentenceTransformerEmbeddings(str(path.resolve()), **common)
    if path.exists() or _looks_like_path(name):
        raise ModelMissingError(
            f"embedding model path {name} is not a directory with a sentence-transformers "
            "model. Use a model directory, `embeddinggemma` (run `jixiao models fetch`), "
            "or a hub id when online."
        )
    log.info("treating embedding model %r as a hub id (needs internet)", name)
    return SentenceTransformerEmbeddings(name, local=False, **common)

