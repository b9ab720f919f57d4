"""Exceptions the assistant raises with a message a user can act on."""

from __future__ import annotations

from pathlib import Path


class JixiaoError(Exception):
    """Base class: the message says what is wrong and what to do."""


class LoadError(JixiaoError):
    """A report file cannot be read. Names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


class ModelMissingError(JixiaoError):
    """A model is missing or corrupt; the message names the command that fixes it."""
