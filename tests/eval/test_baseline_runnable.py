"""The plain-RAG baseline has the answer chain's shape: a naive retriever (fixed-size chunks,
Chroma top-4) feeding prompt → chat model → parser, as a Runnable that takes a config."""

from __future__ import annotations

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable

from assistant.eval.baseline import BaselineRAG
from assistant.models.embeddings import build_embeddings
from assistant.settings import Settings

REPORT = ("二、收支情况\n2023 年度本部门收入总额 2180.24 万元，基本支出 1900.21 万元。\n") * 30


class Recorder(BaseCallbackHandler):
    def __init__(self) -> None:
        self.kinds: list[str] = []

    def on_retriever_start(self, serialized, query, **kwargs) -> None:
        self.kinds.append("retriever")

    def on_chat_model_start(self, serialized, messages, **kwargs) -> None:
        self.kinds.append("chat_model")


def test_the_baseline_is_a_runnable_with_a_naive_retriever() -> None:
    settings = Settings(embedding_model="fake", llm="none")
    llm = FakeListChatModel(responses=[" 收入总额2180.24万元。 "])
    rag = BaselineRAG(settings, build_embeddings(settings), llm, [("a.txt", REPORT)])
    try:
        assert isinstance(rag, Runnable) and isinstance(rag.retriever, BaseRetriever)
        recorder = Recorder()
        out = rag.invoke("收入总额是多少？", {"callbacks": [recorder]})
        assert out["answer"] == "收入总额2180.24万元。" and len(out["retrieved"]) == 4
        assert recorder.kinds == ["retriever", "chat_model"]
        assert [d.page_content for d in rag.retriever.invoke("收入总额是多少？")] == out["retrieved"]
        [again] = rag.batch(["收入总额是多少？"])
        assert again["retrieved"] == out["retrieved"]
    finally:
        rag.close()
