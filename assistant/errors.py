"""Exceptions the assistant raises with a message a user can act on."""

from __future__ import annotations

import re
from pathlib import Path

# what kind of problem a load failure is, from the loaders' messages (the UI explains each)
LOAD_REASONS = (
    ("too_large", r"over the limit"),
    ("unsupported", r"unsupported file type"),
    ("empty", r"empty file|blank"),
    ("needs_ocr", r"no text layer|needs OCR"),
    ("encrypted", r"password|encrypted"),
    ("undecodable", r"cannot decode|non-printable|binary data"),
    ("corrupt", r"not a readable"),
)


class JixiaoError(Exception):
    """Base class: the message says what is wrong and what to do."""


class LoadError(JixiaoError):
    """A report file cannot be read. Names the file and the problem."""

    def __init__(self, path: Path | str, problem: str, reason: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")
        # too_large | unsupported | empty | needs_ocr | encrypted | undecodable | corrupt | ""
        self.reason = reason or load_reason(str(self))


def load_reason(message: str) -> str:
    """The kind of a load failure its message names ("" when none)."""
    return next((code for code, pattern in LOAD_REASONS if re.search(pattern, message or "", re.IGNORECASE)), "")


class ModelMissingError(JixiaoError):
    """A model is missing or corrupt; the message names the command that fixes it."""
