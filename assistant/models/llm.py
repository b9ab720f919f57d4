"""Chat models behind LangChain's ``BaseChatModel``, chosen by ``settings.llm``:

* ``local`` – the Qwen2.5-Coder-1.5B GGUF (or ``llm_model_path``) run in-process by xllamacpp;
* ``openai`` – any OpenAI-compatible server through ``langchain_openai.ChatOpenAI``;
* ``none`` – no model (``build_llm`` returns None): the caller answers extractively;
* ``fake`` – canned answers that stream character by character, for tests.

xllamacpp's ``Server.handle_chat_completions(body, cb)`` blocks, calling ``cb`` with each
streamed chunk (``cb`` returning True cancels the generation); ``LocalGGUFChat`` runs it in
a worker thread and hands the chunks over through a queue.
"""

from __future__ import annotations

import os
import queue
import secrets
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel, generate_from_stream
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.messages.utils import convert_to_openai_messages
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

from assistant.errors import JixiaoError, ModelMissingError
from assistant.models import fetch as model_fetch
from assistant.settings import Settings

BACKENDS = ("local", "openai", "none", "fake")
FETCH_COMMAND = "jixiao models fetch qwen-gguf"
_MISSING = (
    "the local LLM file {path} is missing or fails its check: run `" + FETCH_COMMAND + "` (add"
    " --force to replace a corrupt copy), set JIXIAO_LLM_MODEL_PATH, or set JIXIAO_LLM=none."
)


class FakeChat(FakeListChatModel):
    """Canned answers for tests, used in turn; streams one character per chunk."""

    responses: list[str] = ["根据资料[1]，这是测试用的回答。"]

    def set_responses(self, *texts: str) -> None:
        self.responses, self.i = list(texts), 0


class LocalGGUFChat(BaseChatModel):
    """A GGUF model on the CPU via xllamacpp; loads on first use, answers one at a time."""

    model_path: str
    n_ctx: int = 4096
    n_threads: int = 0  # 0: one per CPU core this process may use
    temperature: float = 0.1
    max_tokens: int = 300
    repeat_penalty: float = 1.0  # llama.cpp's penalty on recent tokens (drafting raises it)

    _server: Any = PrivateAttr(default=None)
    _calls: list = PrivateAttr(default_factory=list)  # one CallStats per finished generation
    _load_lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _run_lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "xllamacpp-gguf"

    def load(self) -> Any:
        """The in-process llama.cpp server, started on the first call (thread-safe)."""
        with self._load_lock:
            if self._server is None:
                self._server = self._start_server()
            return self._server

    def _start_server(self) -> Any:
        if not Path(self.model_path).is_file():
            raise ModelMissingError(_MISSING.format(path=self.model_path))
        import xllamacpp as xlc

        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        threads = self.n_threads or cores or 1
        params = xlc.CommonParams()
        params.model.path = self.model_path
        params.n_ctx, params.n_parallel = self.n_ctx, 1
        params.cpuparams.n_threads = params.cpuparams_batch.n_threads = threads
        params.verbosity = 1  # llama.cpp logs errors only
        # the server also listens on a random 127.0.0.1 port; a key nobody knows closes it
        params.api_keys = [secrets.token_urlsafe(24)]
        try:
            return xlc.Server(params)
        except Exception as exc:  # xllamacpp says little more than "failed to init"
            raise ModelMissingError(
                f"cannot load the GGUF model {self.model_path} ({exc}); the file may be "
                f"corrupt: run `{FETCH_COMMAND} --force` or set JIXIAO_LLM_MODEL_PATH."
            ) from exc

    def _generate(
        self, messages: list[BaseMessage], stop: list[str] | None = None, **kwargs: Any
    ) -> ChatResult:
        return generate_from_stream(self._stream(messages, stop, **kwargs))

    def _stream(
        self, messages: list[BaseMessage], stop: list[str] | None = None, **kwargs: Any
    ) -> Iterator[ChatGenerationChunk]:
        server = self.load()
        body = {
            "messages": convert_to_openai_messages(messages),
            "temperature": kwargs.get("temperature", self.temperature),
            "max_tokens": kwargs.get("max_tokens", self.max_tokens),
            "repeat_penalty": kwargs.get("repeat_penalty", self.repeat_penalty),
            "stream": True,
            # a JSON schema the answer must follow (llama.cpp turns it into a grammar)
            **({"response_format": kwargs["response_format"]} if kwargs.get("response_format") else {}),
            **({"stop": stop} if stop else {}),
        }
        inbox: queue.Queue[Any] = queue.Queue()
        abandoned = threading.Event()

        def on_chunk(data: dict[str, Any]) -> bool:
            inbox.put(data)
            return abandoned.is_set()

        def work() -> None:
            try:
                with self._run_lock:
                    server.handle_chat_completions(body, on_chunk)
            except BaseException as exc:  # re-raised in the consumer's thread
                inbox.put(exc)
            inbox.put(None)

        threading.Thread(target=work, name="gguf-generate", daemon=True).start()
        started = time.perf_counter()
        try:
            while (item := inbox.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                for chunk in _chunks(item):  # BaseChatModel reports each to the callbacks
                    info = chunk.generation_info or {}
                    if info.get("finish_reason"):
                        self._calls.append(call_stats(info, body, time.perf_counter() - started))
                    yield chunk
        finally:
            abandoned.set()  # if the consumer left early, the next chunk cancels generation

    @property
    def calls(self) -> list[dict]:
        """What each finished generation cost (see `call_stats`), oldest first; benchmarks
        read it to see where the time goes (prompt tokens reused from the cache or not)."""
        return self._calls


def call_stats(info: dict[str, Any], body: dict[str, Any], seconds: float) -> dict[str, Any]:
    """One generation's cost from llama.cpp's last chunk: prompt tokens evaluated and reused
    from the KV cache (cache_n), tokens written, their milliseconds, why it stopped."""
    t = info.get("timings") or {}
    return {"prompt_n": t.get("prompt_n", 0), "cache_n": t.get("cache_n", 0),
            "predicted_n": t.get("predicted_n", 0), "prompt_ms": round(t.get("prompt_ms", 0.0)),
            "predicted_ms": round(t.get("predicted_ms", 0.0)), "max_tokens": body.get("max_tokens"),
            "finish_reason": info.get("finish_reason"), "seconds": round(seconds, 2)}


def _chunks(item: dict[str, Any]) -> Iterator[ChatGenerationChunk]:
    """LangChain chunks for one streamed llama.cpp message; raises on an error message."""
    if "error" in item:
        error = item["error"]
        raise JixiaoError(f"the local LLM failed: {error.get('message', error)}")
    for choice in item.get("choices") or []:
        text, reason = (choice.get("delta") or {}).get("content") or "", choice.get("finish_reason")
        if not (text or reason):
            continue
        message = AIMessageChunk(content=text)
        timings = item.get("timings") if reason else None
        if timings:  # the last chunk counts the tokens (cache_n: prompt tokens reused)
            n_in, n_out = timings["prompt_n"] + timings.get("cache_n", 0), timings["predicted_n"]
            message.usage_metadata = {"input_tokens": n_in, "output_tokens": n_out,
                                      "total_tokens": n_in + n_out}
        info = {"finish_reason": reason, "timings": timings} if reason else None
        yield ChatGenerationChunk(message=message, generation_info=info)


def build_llm(settings: Settings, *, max_tokens: int = 300) -> BaseChatModel | None:
    """The chat model configured by ``settings.llm`` (see the module doc)."""
    choice = settings.llm.strip().lower()
    if choice == "none":
        return None
    if choice == "fake":
        return FakeChat()
    if choice == "local":
        custom = settings.llm_model_path
        path = Path(custom).expanduser() if custom else model_fetch.default_gguf_path(settings)
        if not (path.is_file() if custom else model_fetch.is_ready("qwen-gguf", settings)):
            raise ModelMissingError(_MISSING.format(path=path))
        return LocalGGUFChat(model_path=str(path), max_tokens=max_tokens)
    if choice == "openai":
        url, model = settings.openai_base_url.strip(), settings.openai_model.strip()
        needed = {"JIXIAO_OPENAI_BASE_URL": url, "JIXIAO_OPENAI_MODEL": model}
        if missing := [name for name, value in needed.items() if not value]:
            raise JixiaoError(f"JIXIAO_LLM=openai needs {' and '.join(missing)}")
        from langchain_openai import ChatOpenAI

        key = settings.openai_api_key or "not-needed"  # the client insists on some key
        return ChatOpenAI(  # type: ignore[call-arg]
            base_url=url, api_key=key, model=model, temperature=0.1, max_tokens=max_tokens,
            streaming=True)
    choices = ", ".join(BACKENDS)
    raise JixiaoError(f"unknown LLM backend JIXIAO_LLM={settings.llm!r}; choose one of {choices}")


def backend_label(settings: Settings) -> str:
    """A short Chinese description of the LLM backend, for the UI."""
    choice = settings.llm.strip().lower()
    if choice == "local" and settings.llm_model_path:
        return f"本地模型 {Path(settings.llm_model_path).name}（GGUF，CPU）"
    labels = {
        "local": "本地模型 Qwen2.5-Coder-1.5B（GGUF，CPU）",
        "openai": f"OpenAI 兼容接口：{settings.openai_model or '（未配置模型）'}",
        "none": "未使用大模型（抽取式回答）",
        "fake": "测试用模拟模型",
    }
    return labels.get(choice, f"未知的大模型后端：{settings.llm}")
