"""Build the assistant from settings, in one place. The CLI and the UI receive what it builds."""

from __future__ import annotations

from dataclasses import dataclass

from .library import Library
from .settings import Settings


@dataclass
class Assistant:
    settings: Settings
    library: Library


def build_assistant(settings: Settings | None = None) -> Assistant:
    """Everything the assistant needs; heavy models load on first use, not here."""
    settings = settings or Settings.from_env()

    def embeddings():
        from .embeddings import build_embeddings

        return build_embeddings(settings)

    return Assistant(settings=settings, library=Library(settings, embeddings))
