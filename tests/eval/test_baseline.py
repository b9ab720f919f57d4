"""The plain LangChain RAG baseline, with fake embeddings and a fake chat model."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.eval.baseline import BaselineRAG
from assistant.eval.score import score_item
from assistant.models.embeddings import build_embeddings
from assistant.settings import Settings

REPORT_A = ("一、部门基本情况\n本部门内设科室 10 个，在职人员 39 人。\n"
            "二、收支情况\n2023 年度本部门收入总额 2180.24 万元，"
            "基本支出 1900.21 万元，项目支出 280.03 万元。\n") * 20
REPORT_B = ("（一）收入情况\n全年收入 4,227.15 万元，均为一般公共预算财政拨款收入。\n"
            "（二）支出情况\n全年支出 4,144.86 万元，部门预算完成率为 98.05%。\n") * 20


@pytest.fixture
def settings() -> Settings:
    return Settings(embedding_model="fake", llm="none")


def make(settings: Settings, llm=None) -> BaselineRAG:
    reports = [("a.txt", REPORT_A), ("b.txt", REPORT_B)]
    return BaselineRAG(settings, build_embeddings(settings), llm, reports)


def test_extractive_answer_is_the_top_chunk(settings: Settings) -> None:
    rag = make(settings)
    try:
        assert rag.n_chunks > 4
        out = rag.ask("全年支出多少？")
        assert 1 <= len(out["retrieved"]) <= 4
        assert out["answer"] == out["retrieved"][0]
        assert out["route"] == "retrieval" and out["seconds"] >= 0
        assert [c["quote"] for c in out["citations"]] == out["retrieved"]
        assert {c["file"] for c in out["citations"]} <= {"a.txt", "b.txt"}
        assert all(c["section"] == "" for c in out["citations"])
        assert all(len(t) <= 500 for t in out["retrieved"])
        # an extractive answer is its own citation
        scored = score_item({"id": "x", "kind": "figure", "answer": "1万元"}, out)
        assert scored["citation_support"]
    finally:
        rag.close()


def test_llm_answer_and_text_abstention(settings: Settings) -> None:
    llm = FakeListChatModel(responses=["全年支出4,144.86万元。", "资料中未提及。"])
    rag = make(settings, llm)
    try:
        first = rag({"id": "q1", "question": "全年支出多少？"})
        assert first["id"] == "q1" and first["answer"] == "全年支出4,144.86万元。"
        assert first["abstained"] is False and len(first["citations"]) == 4
        second = rag.ask("海珠区的预算执行率是多少？")
        assert second["answer"] == "资料中未提及。" and second["abstained"] is True
    finally:
        rag.close()


def test_two_instances_do_not_share_chunks(settings: Settings) -> None:
    one = make(settings)
    other = BaselineRAG(settings, build_embeddings(settings), None, [("c.txt", "只有一句话。")])
    try:
        assert other.n_chunks == 1
        assert [c["file"] for c in other.ask("什么？")["citations"]] == ["c.txt"]
        assert one.n_chunks > 1
    finally:
        one.close()
        other.close()


def test_no_reports_means_not_found(settings: Settings) -> None:
    rag = BaselineRAG(settings, build_embeddings(settings), None, [])
    out = rag.ask("全年支出多少？")
    assert out["retrieved"] == [] and out["abstained"] is True
