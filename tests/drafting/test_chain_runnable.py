"""The draft chain keeps LangChain's Runnable contract: invoke, stream and batch; the config
(callbacks, tags, run name) reaches the chat model; ``max_tokens`` reaches the model call
through ``bind``. Fake embeddings, fake chat models."""

from __future__ import annotations

from typing import ClassVar

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.runnables import Runnable
from pydantic import Field

from assistant.drafting import Draft, DraftChain, Drafter, budget
from assistant.models.llm import LocalGGUFChat
from tests.callbacks import Recorder
from tests.drafting.conftest import GOOD, KIND


class KwargsSpy(FakeListChatModel):
    """A fake chat model that keeps the keyword arguments of each call."""

    calls: list = Field(default_factory=list)

    def _stream(self, messages, stop=None, run_manager=None, **kwargs):
        self.calls.append(kwargs)
        return super()._stream(messages, stop, run_manager, **kwargs)


def test_invoke_gives_the_draft_the_old_call_shape_gives(ingested, liwan) -> None:
    chain = DraftChain(ingested.library.store, llm=FakeListChatModel(responses=[GOOD]))
    assert isinstance(chain, Runnable)
    schema = chain.get_input_schema().model_json_schema()
    assert {"kind", "facts"} <= set(schema["$defs"]["DraftInput"]["properties"])
    draft = chain.invoke({"kind": KIND, "facts": liwan})
    assert isinstance(draft, Draft) and draft.clean and draft.text == GOOD
    old = Drafter(ingested.library.store, llm=FakeListChatModel(responses=[GOOD])).draft(KIND, liwan)
    assert (old.text, old.flags, old.facts_used) == (draft.text, draft.flags, draft.facts_used)


def test_stream_yields_the_text_pieces_then_the_draft(ingested, liwan) -> None:
    chain = DraftChain(ingested.library.store, llm=FakeListChatModel(responses=[GOOD]))
    *pieces, draft = list(chain.stream({"kind": KIND, "facts": liwan}))
    assert len(pieces) == len(GOOD) and "".join(pieces) == GOOD
    assert isinstance(draft, Draft) and draft.text == GOOD


def test_template_drafts_stream_by_line_and_batch(ingested, liwan) -> None:
    chain = DraftChain(ingested.library.store)  # JIXIAO_LLM=none: templates
    *lines, draft = list(chain.stream({"kind": "存在的主要问题", "facts": liwan}))
    assert "".join(lines).strip() == draft.text and draft.backend == "none"
    kinds = [KIND, "存在的主要问题", "年度总体工作和重点工作任务"]
    drafts = chain.batch([{"kind": k, "facts": liwan} for k in kinds])
    assert [d.text for d in drafts] == [chain.invoke({"kind": k, "facts": liwan}).text for k in kinds]


def test_a_revision_is_one_input(ingested, liwan) -> None:
    chain = DraftChain(ingested.library.store)
    first = chain.invoke({"kind": "存在的主要问题", "facts": liwan})
    two = chain.invoke({"kind": "存在的主要问题", "facts": liwan, "instruction": "改成三点",
                        "previous": first})
    assert two.revisions == ["改成三点"]
    # without a previous draft, the instruction is applied to a fresh one
    fresh = chain.invoke({"kind": "存在的主要问题", "facts": liwan, "instruction": "改成三点"})
    assert fresh.text == two.text


def test_config_reaches_the_chat_model(ingested, liwan) -> None:
    chain = DraftChain(ingested.library.store, llm=FakeListChatModel(responses=[GOOD]))
    recorder = Recorder()
    draft = chain.invoke({"kind": KIND, "facts": liwan},
                         {"callbacks": [recorder], "tags": ["probe"], "run_name": "jixiao-draft"})
    assert recorder.events[0][:2] == ("chain", "jixiao-draft")
    assert [kind for kind, _, _ in recorder.events].count("chat_model") == 1
    assert all("probe" in tags for _, _, tags in recorder.events)
    assert "".join(recorder.tokens) == GOOD  # the streamed tokens, as the model wrote them
    assert recorder.chain_outputs[-1] is draft


def test_bind_max_tokens_reaches_the_model_call(ingested, liwan) -> None:
    spy = KwargsSpy(responses=[GOOD, GOOD, GOOD])
    first = DraftChain(ingested.library.store, llm=spy).invoke({"kind": KIND, "facts": liwan})
    DraftChain(ingested.library.store, llm=spy, max_tokens=120).invoke({"kind": KIND, "facts": liwan})
    DraftChain(ingested.library.store, llm=spy).invoke({"kind": KIND, "facts": liwan, "instruction": "语气更正式",
                                          "previous": first})
    # each limit is sized to its text (at most max_tokens for prose); the revision's reply is
    # the draft unchanged: not accepted, and not asked for again (it would disobey again)
    room = budget.revision_tokens(first.text, shorter=False)
    sized, capped, revised = (c["max_tokens"] for c in spy.calls)  # three calls, no retry
    assert budget.MIN_TOKENS <= sized < 300 and capped == 120 and revised == room <= 600


def test_the_local_model_gets_max_tokens_in_its_request(ingested, liwan) -> None:
    class Server:
        bodies: ClassVar[list] = []

        def handle_chat_completions(self, body, callback) -> None:
            self.bodies.append(body)
            callback({"choices": [{"index": 0, "delta": {"content": GOOD}, "finish_reason": None}]})
            callback({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})

    llm = LocalGGUFChat(model_path="/nonexistent.gguf", max_tokens=999)
    llm._server = server = Server()
    draft = DraftChain(ingested.library.store, llm=llm, max_tokens=77).invoke({"kind": KIND, "facts": liwan})
    assert draft.text == GOOD and [b["max_tokens"] for b in server.bodies] == [77]
    assert server.bodies[0]["repeat_penalty"] > 1  # guards against loops
    assert "修改要求：" in server.bodies[0]["stop"] and "可用数字：" in server.bodies[0]["stop"]


def test_the_chain_builds_its_model_from_the_factory_only_when_it_drafts(ingested, liwan) -> None:
    """The chain is handed its parts (store, model factory, backend name), not the assistant."""
    built = []

    def factory():
        built.append("model")
        return FakeListChatModel(responses=[GOOD])

    chain = DraftChain(ingested.library.store, factory, " OpenAI ")
    assert built == []  # nothing loads a model before a draft needs it
    draft = chain.invoke({"kind": KIND, "facts": liwan})
    assert built == ["model"] and draft.text == GOOD and draft.backend == "openai"


def test_a_model_factory_that_fails_gives_the_template_with_a_note(ingested, liwan) -> None:
    def factory():
        raise FileNotFoundError("no model file here")

    draft = DraftChain(ingested.library.store, factory, "local").invoke({"kind": KIND, "facts": liwan})
    template = DraftChain(ingested.library.store).invoke({"kind": KIND, "facts": liwan})
    assert draft.backend == "none" and draft.text == template.text
    assert any("大模型不可用" in n and "no model file here" in n for n in draft.notes)
