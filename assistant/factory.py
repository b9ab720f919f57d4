"""Build the assistant from settings, in one place. The CLI and the UI receive what it builds."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property

from assistant.index.library import Library
from assistant.settings import Settings


@dataclass
class Assistant:
    settings: Settings
    library: Library
    _llm_factory: object = field(default=None, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    @cached_property
    def llm(self):
        """The chat model for the retrieval route; None when settings.llm is 'none'.
        Built once even when parallel requests ask for it first."""
        with self._lock:
            if "_llm" not in self.__dict__:
                self.__dict__["_llm"] = self._llm_factory() if self._llm_factory else None
            return self.__dict__["_llm"]

    @cached_property
    def qa(self):
        from assistant.answer.chain import QA

        with self._lock:
            if "_qa" not in self.__dict__:
                self.__dict__["_qa"] = QA(self.library, backend=self.settings.llm,
                                          top_k=self.settings.top_k, llm_factory=lambda: self.llm)
            return self.__dict__["_qa"]

    @property
    def backend_label(self) -> str:
        from assistant.models.llm import backend_label

        return backend_label(self.settings)


def build_assistant(settings: Settings | None = None, llm=None) -> Assistant:
    """Everything the assistant needs; heavy models load on first use, not here.
    `llm` overrides the chat model named in settings (tests pass fakes here)."""
    settings = settings or Settings.from_env()

    def embeddings():
        from assistant.models.embeddings import build_embeddings

        return build_embeddings(settings)

    def chat_model():
        if llm is not None:
            return llm
        from assistant.models.llm import build_llm

        return build_llm(settings)

    return Assistant(settings=settings, library=Library(settings, embeddings),
                     _llm_factory=chat_model)
