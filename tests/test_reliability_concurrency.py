"""Ten parallel askers: no errors and the same answers as one asker alone, through the
function behind the app's named `ask` endpoint and through the endpoint itself; and askers
running while a report is being re-ingested see either version, never half of one."""

from __future__ import annotations

import os
import shutil
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.factory import build_assistant
from assistant.settings import Settings

from .conftest import CORPUS, SAMPLES, sample

QUESTIONS = [
    "番禺区政府办2022年基本支出有多少？",
    "白云区政府办2023年自评得分是多少？",
    "比较各部门的预算执行率",
    "番禺区委办2023年谋划形成了多少项具体改革措施？",
    "荔湾区政府办2023年存在的主要问题有哪些？",
    "市政府办公厅2022年预算执行率是多少？",
    "各部门2023年的项目支出一共多少？",
    "番禺区政府办2022年绩效管理工作有哪些亮点？",
]
THREADS = 10
SECONDS = 3.0  # how long the askers keep asking


def _settings(base: Path) -> Settings:
    return Settings(data_dir=base / "data", models_dir=base / "models", corpus_dir=CORPUS,
                    embedding_model="fake", llm="none")


def _comparable(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k != "seconds"}


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> tuple[Path, dict[str, dict], list[float]]:
    """The samples indexed once, and each question's answer asked alone (one asker)."""
    from ui.chat_tab import ChatTab

    base = tmp_path_factory.mktemp("concurrency")
    assistant = build_assistant(_settings(base))
    assistant.library.ingest([CORPUS])
    tab = ChatTab(assistant)
    expected, seconds = {}, []
    for q in QUESTIONS:
        t0 = time.perf_counter()
        expected[q] = _comparable(tab.ask_api(q))
        seconds.append(time.perf_counter() - t0)
    assert {a["route"] for a in expected.values()} == {"facts", "retrieval"}
    assistant.library.store.close()
    return base, expected, seconds


def _ask_for(seconds: float, ask, expected: dict[str, dict], threads: int = THREADS):
    """`threads` askers, each cycling through the questions until time is up."""
    stop = time.monotonic() + seconds
    start = threading.Barrier(threads)

    def asker(n: int) -> tuple[list[float], list[str]]:
        latencies, problems = [], []
        start.wait()
        i = n
        while time.monotonic() < stop:
            q = QUESTIONS[i % len(QUESTIONS)]
            i += 1
            t0 = time.perf_counter()
            try:
                got = _comparable(ask(q))
            except Exception as e:  # collected: the test reports every failure
                problems.append(f"{q}: {type(e).__name__}: {e}")
                continue
            latencies.append(time.perf_counter() - t0)
            if got != expected[q]:
                problems.append(f"{q}: answer differs from the sequential one: {got['text'][:80]}")
        return latencies, problems

    with ThreadPoolExecutor(threads) as pool:
        done = list(pool.map(asker, range(threads)))
    latencies = [x for lat, _ in done for x in lat]
    problems = [p for _, ps in done for p in ps]
    return latencies, problems


def _report(label: str, latencies: list[float], seconds: float, alone: list[float]) -> None:
    print(f"\n{label}: {len(latencies)} answers in {seconds:.1f}s by {THREADS} askers "
          f"({len(latencies) / seconds:.1f}/s); latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {_pct(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms; "
          f"one asker alone: p50 {statistics.median(alone) * 1000:.0f} ms")


def test_ten_parallel_askers_get_the_sequential_answers(indexed) -> None:
    """A fresh assistant, so the lazy loading (BM25, Chroma, embeddings) races too."""
    from ui.chat_tab import ChatTab

    base, expected, alone = indexed
    tab = ChatTab(build_assistant(_settings(base)))
    latencies, problems = _ask_for(SECONDS, tab.ask_api, expected)
    assert problems == []
    assert len(latencies) >= THREADS * 2
    _report("ask_api, 10 threads", latencies, SECONDS, alone)


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_ten_parallel_clients_through_the_ask_endpoint(indexed) -> None:
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ["HF_HUB_OFFLINE"] = "1"
    from gradio_client import Client

    from ui.app import build_app, launch_kwargs

    base, expected, alone = indexed
    app = build_app(build_assistant(_settings(base)), out_dir=base / "out")
    _, url, _ = app.launch(prevent_thread_lock=True, **launch_kwargs(app, "127.0.0.1", None))
    try:
        clients = [Client(url, verbose=False) for _ in range(THREADS)]
        pick = iter(range(THREADS))
        local = threading.local()

        def ask(q: str) -> dict:
            if not hasattr(local, "client"):
                local.client = clients[next(pick)]
            return local.client.predict(q, "", api_name="/ask")

        latencies, problems = _ask_for(SECONDS, ask, {
            q: {k: v for k, v in a.items() if k != "retrieved"} | {"backend_label": "未使用大模型（抽取式回答）"}
            for q, a in expected.items()})
    finally:
        app.close()
    assert problems == []
    assert len(latencies) >= THREADS
    _report("gradio /ask endpoint, 10 clients (up to ASK_LIMIT answers at a time)", latencies,
            SECONDS, alone)


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_figure_answer_does_not_wait_behind_a_model_answer(indexed) -> None:
    """One user's question is with the model (held until released); another user's figure
    question is answered meanwhile. A queue that served one answer at a time would hold it."""
    from gradio_client import Client
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from ui.app import build_app, launch_kwargs

    entered, release = threading.Event(), threading.Event()

    class HeldModel(FakeListChatModel):
        def _stream(self, *args, **kwargs):
            entered.set()
            release.wait(120)
            yield from super()._stream(*args, **kwargs)

        def _call(self, *args, **kwargs):
            entered.set()
            release.wait(120)
            return super()._call(*args, **kwargs)

    base, _, _ = indexed
    model = HeldModel(responses=["绩效管理工作有序推进[1]。"])
    app = build_app(build_assistant(_settings(base), llm=model), out_dir=base / "out-held")
    _, url, _ = app.launch(prevent_thread_lock=True, **launch_kwargs(app, "127.0.0.1", None))
    try:
        slow = Client(url, verbose=False).submit("番禺区政府办2022年绩效管理工作有哪些亮点？", "",
                                                 api_name="/ask")
        assert entered.wait(60), "the open question never reached the model"
        fast = Client(url, verbose=False).submit("番禺区政府办2022年基本支出有多少？", "",
                                                 api_name="/ask")
        answer = fast.result(timeout=30)  # held behind the model, it would time out
        assert not release.is_set() and "3246.07" in answer["text"]
        release.set()
        assert slow.result(timeout=60)["route"] == "retrieval"
    finally:
        release.set()
        app.close()


def test_askers_during_a_reingest_see_whole_reports(tmp_path) -> None:
    """One thread keeps replacing a report with another version while nine ask about the
    other reports: their answers never change, and the final index agrees."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in SAMPLES:
        shutil.copy(p, corpus / p.name)
    assistant = build_assistant(_settings(tmp_path))
    assistant.library.ingest([corpus])
    others = [q for q in QUESTIONS if "白云区" not in q and "各部门" not in q and "比较" not in q]
    expected = {q: _comparable(assistant.qa.ask(q).to_dict()) for q in others}

    target = corpus / sample("004").name
    versions = [target.read_text(encoding="utf-8")]
    versions.append(versions[0].replace("一、", "一、（修订稿）", 1))
    stop = threading.Event()
    writes = []

    def writer() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            target.write_text(versions[n % 2], encoding="utf-8")
            writes.append(assistant.library.ingest_file(target).status)

    problems: list[str] = []

    def asker(n: int) -> int:
        asked = 0
        while not stop.is_set():
            q = others[(n + asked) % len(others)]
            try:
                got = _comparable(assistant.qa.ask(q).to_dict())
            except Exception as e:
                problems.append(f"{q}: {type(e).__name__}: {e}")
                break
            if {k: v for k, v in got.items() if k != "retrieved"} != {
                    k: v for k, v in expected[q].items() if k != "retrieved"}:
                problems.append(f"{q}: {got['text'][:80]}")
            asked += 1
        return asked

    with ThreadPoolExecutor(THREADS) as pool:
        w = pool.submit(writer)
        askers = [pool.submit(asker, n) for n in range(THREADS - 1)]
        time.sleep(3.0)
        stop.set()
        w.result()
        asked = sum(a.result() for a in askers)
    assert problems == []
    assert asked > 0 and writes and set(writes) == {"updated"}
    audit = assistant.library.audit()
    assert audit["ok"], audit
    print(f"\n{asked} answers by 9 askers while {len(writes)} re-ingests ran")


def test_parallel_first_use_builds_one_qa_and_one_llm(settings) -> None:
    import threading

    from assistant.factory import build_assistant

    built = []

    class Model:
        def __init__(self) -> None:
            built.append(self)

    assistant = build_assistant(settings)
    assistant._llm_factory = Model  # noqa: SLF001 - count how often the factory runs
    barrier = threading.Barrier(8)
    seen = []

    def first_use() -> None:
        barrier.wait()
        seen.append((id(assistant.qa), id(assistant.llm)))

    threads = [threading.Thread(target=first_use) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1
    assert len(set(seen)) == 1
