"""A LangChain callback handler that keeps what the runs of a chain report, for the tests of
the Runnable contract (answer chain, draft chain, the front door)."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.documents import Document


class Recorder(BaseCallbackHandler):
    """Keeps the runs the callbacks report: (event, name, tags), retrieved documents, the
    chains' outputs and the streamed tokens."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str, list[str]]] = []
        self.documents: list[Document] = []
        self.chain_outputs: list[Any] = []
        self.tokens: list[str] = []

    def on_chain_start(self, serialized, inputs, *, tags=None, **kwargs) -> None:
        self.events.append(("chain", kwargs.get("name") or "", list(tags or [])))

    def on_chain_end(self, outputs, **kwargs) -> None:
        self.chain_outputs.append(outputs)

    def on_chat_model_start(self, serialized, messages, *, tags=None, **kwargs) -> None:
        self.events.append(("chat_model", kwargs.get("name") or "", list(tags or [])))

    def on_llm_new_token(self, token, **kwargs) -> None:
        self.tokens.append(token)

    def on_retriever_start(self, serialized, query, *, tags=None, **kwargs) -> None:
        self.events.append(("retriever", kwargs.get("name") or "", list(tags or [])))

    def on_retriever_end(self, documents, **kwargs) -> None:
        self.documents += list(documents)

    def kinds(self) -> list[str]:
        return [kind for kind, _, _ in self.events]

    def names(self) -> list[str]:
        return [name for _, name, _ in self.events]
