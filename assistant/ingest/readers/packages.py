"""Office files are zip packages: check one before a parser unpacks it, so that a damaged
file or a zip bomb (a small file whose parts expand to gigabytes) is refused with a message
naming the file, not read into memory."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from assistant.errors import LoadError

MB = 1024 * 1024


def short_error(e: BaseException) -> str:
    """An exception's message, cut to one readable line."""
    text = str(e).strip() or type(e).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def check_package(path: Path, data: bytes, kind: str, limit: int,
                  counted: Callable[[str], bool] = lambda name: True) -> None:
    """Raise LoadError unless `data` is a zip whose counted parts expand to at most `limit`
    bytes (`kind` names the format in the message, e.g. ".docx")."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            size = sum(i.file_size for i in package.infolist() if counted(i.filename))
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise LoadError(path, f"not a readable {kind}: {short_error(e)}") from None
    if size > limit:
        raise LoadError(path, f"not a readable {kind}: its content expands to {size // MB} MB, "
                              f"over the {limit // MB} MB that can be read safely (a damaged "
                              "or hostile file?)")
