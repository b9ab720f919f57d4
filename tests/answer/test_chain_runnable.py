"""The answer chain and the hybrid retriever keep LangChain's Runnable contract: invoke,
stream and batch; the config (callbacks, tags, run name) reaches the retriever and the chat
model; ``max_tokens`` reaches the model call through ``bind``; the retriever returns Documents
with report, section and span metadata. Fake embeddings, fake chat models."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable

from assistant.answer.chain import QA, AnswerChain, Conversation
from assistant.answer.evidence.retrieval import Hit, HybridRetriever
from assistant.answer.types import Answer
from assistant.models.llm import LocalGGUFChat
from tests.callbacks import Recorder

FACTS_Q = "番禺区政府办2022年基本支出有多少？"
RETRIEVAL_Q = "番禺区委办2023年谋划形成了多少项具体改革措施？"
REPLY = "谋划形成了126项具体改革措施[1]。"


def chain_with(ingested, llm=None, **kwargs) -> AnswerChain:
    """Fake vectors rank at random: the keyword half of the retriever decides."""
    chain = AnswerChain(ingested.library, llm=llm, backend="fake" if llm else "none", **kwargs)
    chain.retriever.use_dense = False
    return chain


def test_the_chain_is_a_runnable_and_invoke_takes_a_string_or_a_dict(ingested) -> None:
    chain = chain_with(ingested)
    assert isinstance(chain, Runnable)
    assert "AnswerInput" in str(chain.get_input_schema().model_json_schema())
    answer = chain.invoke(FACTS_Q)
    assert isinstance(answer, Answer) and answer.route == "facts" and "3246.07万元" in answer.text
    again = chain.invoke({"question": FACTS_Q})
    assert again.text == answer.text and again.citations == answer.citations
    # the old call shape answers the same
    assert QA(ingested.library).ask(FACTS_Q).text == answer.text


def test_stream_yields_the_text_pieces_then_the_answer(ingested) -> None:
    chain = chain_with(ingested, FakeListChatModel(responses=[REPLY]))
    parts = list(chain.stream(RETRIEVAL_Q))
    *pieces, answer = parts
    assert all(isinstance(p, str) for p in pieces) and len(pieces) == len(REPLY)
    assert "".join(pieces) == REPLY
    assert isinstance(answer, Answer) and answer.route == "retrieval" and answer.backend == "fake"
    assert answer.flags == [] and "126" in answer.citations[0].quote
    assert answer.retrieved  # the chunks the retriever returned, as quotes


def test_batch_answers_each_input_like_invoke(ingested) -> None:
    chain = chain_with(ingested)
    questions = [FACTS_Q, RETRIEVAL_Q, "海珠区政府办2023年的预算执行率是多少？"]
    answers = chain.batch(questions)
    assert [type(a) for a in answers] == [Answer] * 3
    singles = [chain.invoke(q) for q in questions]
    assert [(a.text, a.route, a.abstained, a.citations) for a in answers] == [
        (a.text, a.route, a.abstained, a.citations) for a in singles]
    assert answers[2].abstained


def test_follow_ups_from_a_conversation_or_from_the_history(ingested) -> None:
    chain = chain_with(ingested)
    first = "荔湾区政府办2023年的执行率是多少？"
    conversation = Conversation()
    assert "99.6%" in chain.invoke({"question": first, "conversation": conversation}).text
    follow = chain.invoke({"question": "番禺区委办呢？", "conversation": conversation})
    assert "95.53%" in follow.text and len(conversation.queries) == 2
    # the same follow-up from the earlier turns as chat history (strings, messages, tuples)
    for history in ([first],
                    [{"role": "user", "content": first}, {"role": "assistant", "content": "99.6%"}],
                    [("human", first), ("ai", "99.6%")]):
        again = chain.invoke({"question": "番禺区委办呢？", "history": history})
        assert again.text == follow.text, history


def test_config_callbacks_tags_and_run_name_reach_the_retriever_and_the_chat_model(ingested) -> None:
    chain = chain_with(ingested, FakeListChatModel(responses=[REPLY]))
    recorder = Recorder()
    answer = chain.invoke(RETRIEVAL_Q, {"callbacks": [recorder], "tags": ["probe"],
                                        "run_name": "jixiao-answer"})
    kinds = recorder.kinds()
    assert kinds[0] == "chain" and recorder.events[0][1] == "jixiao-answer"
    assert "retriever" in kinds and "chat_model" in kinds
    assert kinds.index("retriever") < kinds.index("chat_model")
    assert all("probe" in tags for _, _, tags in recorder.events)  # tags are inherited
    assert [d.page_content for d in recorder.documents] == answer.retrieved
    assert recorder.chain_outputs[-1] is answer  # the chain run ends with the Answer


def test_a_facts_answer_calls_no_chat_model(ingested) -> None:
    chain = chain_with(ingested, FakeListChatModel(responses=["不应被调用"]))
    recorder = Recorder()
    answer = chain.invoke(FACTS_Q, {"callbacks": [recorder]})
    assert answer.route == "facts" and "chat_model" not in recorder.kinds()


class Server:
    """Stands in for xllamacpp's Server: streams one reply and keeps the request bodies."""

    def __init__(self, reply: str) -> None:
        self.reply, self.bodies = reply, []

    def handle_chat_completions(self, body: dict, callback) -> None:
        self.bodies.append(body)
        for i in range(0, len(self.reply), 4):
            delta = {"content": self.reply[i:i + 4]}
            callback({"choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
        callback({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                  "timings": {"prompt_n": 10, "predicted_n": 5}})


def local_model(reply: str) -> tuple[LocalGGUFChat, Server]:
    llm = LocalGGUFChat(model_path="/nonexistent.gguf", max_tokens=300)
    server = Server(reply)
    llm._server = server
    return llm, server


def test_bind_max_tokens_reaches_the_local_model_call() -> None:
    llm, server = local_model("你好")
    assert llm.bind(max_tokens=42).invoke("hi").content == "你好"
    assert llm.invoke("hi").content == "你好"
    assert [b["max_tokens"] for b in server.bodies] == [42, 300]


@pytest.mark.parametrize("max_tokens, sent", [(64, 64), (None, 300)])
def test_the_chain_binds_its_max_tokens(ingested, max_tokens, sent) -> None:
    llm, server = local_model(REPLY)
    chain = chain_with(ingested, llm, max_tokens=max_tokens)
    answer = chain.invoke(RETRIEVAL_Q)
    assert answer.text == REPLY and answer.flags == []
    [body] = server.bodies
    assert body["max_tokens"] == sent and body["stream"] is True


# the retriever ------------------------------------------------------------------------------------
def test_the_retriever_returns_documents_with_report_section_and_span(ingested) -> None:
    store = ingested.library.store
    retriever = HybridRetriever(ingested.library, use_dense=False, k=4)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("具体改革措施")
    assert 1 <= len(docs) <= 4
    scores = [d.metadata["score"] for d in docs]
    assert scores == sorted(scores, reverse=True)
    for doc in docs:
        m = doc.metadata
        report = store.report(m["report_id"])
        assert report is not None
        assert store.report_text(m["report_id"])[m["start"]:m["end"]] == doc.page_content
        assert (m["department"], m["year"], m["file"]) == (report.department, report.year, report.file)
        assert m["section"] and doc.id == m["chunk_id"]
    # the typed hits rank the same chunks
    hits = retriever.search("具体改革措施", k=4)
    assert [Hit.from_document(d) for d in docs] == hits


def test_the_retriever_is_confined_to_named_reports(ingested) -> None:
    store = ingested.library.store
    one = store.reports()[0].id
    confined = HybridRetriever(ingested.library, use_dense=False, report_ids=(one,))
    assert {d.metadata["report_id"] for d in confined.invoke("预算执行率")} == {one}
    free = HybridRetriever(ingested.library, use_dense=False)
    per_call = free.invoke("预算执行率", report_ids=[one], k=2)
    assert len(per_call) <= 2 and {d.metadata["report_id"] for d in per_call} == {one}
    recorder = Recorder()
    free.invoke("预算执行率", {"callbacks": [recorder]})
    assert recorder.kinds() == ["retriever"] and recorder.documents
