"""LLM backends: the factory's choices and messages, streaming, labels. No model is loaded."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from assistant.errors import JixiaoError, ModelMissingError
from assistant.models.llm import FakeChat, LocalGGUFChat, backend_label, build_llm
from assistant.settings import Settings


def test_none_means_no_model(settings: Settings) -> None:
    assert build_llm(settings.with_(llm="none")) is None


def test_unknown_backend_lists_the_choices(settings: Settings) -> None:
    with pytest.raises(JixiaoError, match="gpt5") as info:
        build_llm(settings.with_(llm="gpt5"))
    for choice in ("local", "openai", "none", "fake"):
        assert choice in str(info.value)


@pytest.mark.parametrize(
    ("url", "model", "named"),
    [
        ("", "qwen", ["JIXIAO_OPENAI_BASE_URL"]),
        ("http://localhost:1/v1", "", ["JIXIAO_OPENAI_MODEL"]),
        ("", "", ["JIXIAO_OPENAI_BASE_URL", "JIXIAO_OPENAI_MODEL"]),
    ],
)
def test_openai_names_missing_settings(
    settings: Settings, url: str, model: str, named: list[str]
) -> None:
    with pytest.raises(JixiaoError) as info:
        build_llm(settings.with_(llm="openai", openai_base_url=url, openai_model=model))
    for name in named:
        assert name in str(info.value)


# Building the client creates (never connects) probe sockets: urllib3 checks for IPv6 and
# langchain-openai checks which TCP keep-alive options the kernel accepts.
no_probe_warning = pytest.mark.filterwarnings("ignore:A test tried to use socket")


@no_probe_warning
def test_openai_builds_a_streaming_client_without_calling_it(settings: Settings) -> None:
    from langchain_openai import ChatOpenAI

    llm = build_llm(
        settings.with_(llm="openai", openai_base_url="http://127.0.0.1:9/v1", openai_model="qwen")
    )
    assert isinstance(llm, ChatOpenAI)
    assert llm.openai_api_base == "http://127.0.0.1:9/v1"
    assert llm.model_name == "qwen"
    assert llm.streaming and llm.temperature == pytest.approx(0.1)
    assert llm.openai_api_key is not None  # a placeholder, as key-less servers need


@no_probe_warning
def test_openai_backend_is_read_from_the_environment() -> None:
    env = {
        "JIXIAO_LLM": "openai",
        "JIXIAO_OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
        "JIXIAO_OPENAI_MODEL": "m",
        "JIXIAO_OPENAI_API_KEY": "secret",
    }
    llm = build_llm(Settings.from_env(env))
    assert llm is not None
    assert llm.openai_api_key.get_secret_value() == "secret"  # type: ignore[attr-defined]


def test_local_without_the_gguf_says_how_to_fetch_it(settings: Settings) -> None:
    with pytest.raises(ModelMissingError, match="jixiao models fetch qwen-gguf"):
        build_llm(settings.with_(llm="local"))


def test_local_with_a_missing_custom_path(settings: Settings, tmp_path: Path) -> None:
    missing = tmp_path / "nope.gguf"
    with pytest.raises(ModelMissingError, match="jixiao models fetch") as info:
        build_llm(settings.with_(llm="local", llm_model_path=str(missing)))
    assert "nope.gguf" in str(info.value)


def test_local_with_a_custom_path_loads_lazily(settings: Settings, tmp_path: Path) -> None:
    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"GGUF")
    llm = build_llm(settings.with_(llm="local", llm_model_path=str(gguf)), max_tokens=64)
    assert isinstance(llm, LocalGGUFChat)
    assert llm.model_path == str(gguf) and llm.max_tokens == 64
    assert llm.n_ctx == 4096 and llm.temperature == pytest.approx(0.1)
    assert llm._server is None  # nothing loaded until the first question


def test_fake_backend_streams_and_takes_new_responses(settings: Settings) -> None:
    llm = build_llm(settings.with_(llm="fake"))
    assert isinstance(llm, FakeChat)
    chunks = [c.content for c in llm.stream("问题")]
    assert len(chunks) > 3
    assert "".join(chunks) == llm.invoke("问题").content
    llm.set_responses("基本支出3043.23万元[1]。", "第二个回答")
    assert "".join(c.content for c in llm.stream("问题")) == "基本支出3043.23万元[1]。"
    assert llm.invoke("问题").content == "第二个回答"


def test_labels(settings: Settings) -> None:
    local = backend_label(settings.with_(llm="local"))
    assert local == "本地模型 Qwen2.5-Coder-1.5B（GGUF，CPU）"
    custom = backend_label(settings.with_(llm="local", llm_model_path="/m/other.gguf"))
    assert "other.gguf" in custom
    assert backend_label(settings.with_(llm="openai", openai_model="qwen-max")) == (
        "OpenAI 兼容接口：qwen-max"
    )
    assert backend_label(settings.with_(llm="none")) == "未使用大模型（抽取式回答）"
    assert "xyz" in backend_label(settings.with_(llm="xyz"))


# LocalGGUFChat against a stand-in for xllamacpp's Server ------------------------------------


def _delta(text: str | None, role: str | None = None) -> dict[str, Any]:
    delta = {"content": text, **({"role": role} if role else {})}
    return {"choices": [{"index": 0, "delta": delta, "finish_reason": None}]}


# the shape xllamacpp streams: the last chunk carries llama.cpp's timings, no "usage"
FINAL = {
    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
    "object": "chat.completion.chunk",
    "timings": {"cache_n": 5, "prompt_n": 15, "predicted_n": 3, "predicted_per_second": 14.2},
}


class FakeServer:
    """Calls the callback with each item, like ``Server.handle_chat_completions`` streaming.
    After the first item it waits for ``gate``, so a test can act between chunks."""

    def __init__(self, items: list[dict[str, Any]]) -> None:
        self.items = items
        self.bodies: list[dict[str, Any]] = []
        self.sent = 0
        self.gate = threading.Event()
        self.finished = threading.Event()

    def handle_chat_completions(self, body: dict[str, Any], callback: Any = None) -> None:
        self.bodies.append(body)
        try:
            for i, item in enumerate(self.items):
                if i == 1:
                    assert self.gate.wait(5)
                self.sent += 1
                if callback(item):
                    return
        finally:
            self.finished.set()


def _local_with(server: FakeServer) -> LocalGGUFChat:
    llm = LocalGGUFChat(model_path="/nonexistent.gguf")
    llm._server = server
    return llm


def test_local_streams_chunks_and_reports_usage() -> None:
    texts = [_delta("基本"), _delta("支出"), _delta("[1]")]
    server = FakeServer([_delta(None, role="assistant"), *texts, FINAL])
    server.gate.set()
    llm = _local_with(server)
    messages = [SystemMessage("只依据资料回答"), HumanMessage("基本支出是多少？")]
    chunks = list(llm.stream(messages, max_tokens=50))
    assert [c.content for c in chunks if c.content] == ["基本", "支出", "[1]"]
    usage = [c.usage_metadata for c in chunks if c.usage_metadata]
    assert usage == [{"input_tokens": 20, "output_tokens": 3, "total_tokens": 23}]
    assert any(c.response_metadata.get("finish_reason") == "stop" for c in chunks)
    body = server.bodies[0]
    assert body["stream"] is True and body["max_tokens"] == 50
    assert body["temperature"] == pytest.approx(0.1)
    assert body["messages"] == [
        {"role": "system", "content": "只依据资料回答"},
        {"role": "user", "content": "基本支出是多少？"},
    ]


def test_local_invoke_joins_the_stream() -> None:
    server = FakeServer([_delta("你"), _delta("好"), FINAL])
    server.gate.set()
    reply = _local_with(server).invoke("hi")
    assert isinstance(reply, AIMessage) and reply.content == "你好"
    assert reply.usage_metadata is not None and reply.usage_metadata["output_tokens"] == 3


def test_local_stops_generating_when_the_consumer_leaves() -> None:
    server = FakeServer([_delta(str(i)) for i in range(10)] + [FINAL])
    stream = _local_with(server).stream("数到十")
    assert next(stream).content == "0"
    stream.close()
    server.gate.set()
    assert server.finished.wait(5)
    assert server.sent == 2  # the callback asked llama.cpp to stop at the next chunk


def test_local_checks_the_file_before_loading(tmp_path: Path) -> None:
    llm = LocalGGUFChat(model_path=str(tmp_path / "gone.gguf"))
    with pytest.raises(ModelMissingError, match="jixiao models fetch qwen-gguf"):
        llm.invoke("hi")


def test_local_raises_server_errors() -> None:
    error = {"error": {"code": 400, "message": "context too long", "type": "invalid_request"}}
    server = FakeServer([error])
    with pytest.raises(JixiaoError, match="context too long"):
        _local_with(server).invoke("hi")


def test_local_generations_take_turns() -> None:
    server = FakeServer([_delta("a"), FINAL])
    server.gate.set()
    llm = _local_with(server)
    with llm._run_lock:
        result: list[str] = []
        worker = threading.Thread(target=lambda: result.append(str(llm.invoke("x").content)))
        worker.start()
        worker.join(0.3)
        assert worker.is_alive() and not server.bodies  # waits for the lock
    worker.join(5)
    assert result == ["a"]
