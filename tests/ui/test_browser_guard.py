"""The chat in headless Chromium with a chat model that misbehaves (a fake that answers in
turn): a looping answer is stopped, shown flagged and replaced by the extractive answer (not
the looping stream); a sentence giving one department's figure to another is flagged where
it stands; a cited "接近100%" stays "接近100%". Skips when /usr/bin/chromium is absent."""

from __future__ import annotations

import time

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.factory import build_assistant
from assistant.settings import Settings
from tests.conftest import CORPUS, sample
from tests.ui.browser import ARTIFACTS, CHROMIUM, FLAGS, MARKS

pytestmark = MARKS

LOOP = "加强督查督办工作，提高办理质量。" * 30
RESPONSES = [LOOP, "白云区政府办谋划形成了126项具体改革措施[1]。", "白云区政府办2023年收支比率为100%[1]。"]
REFORMS = "番禺区委办2023年谋划形成了多少项具体改革措施？"


@pytest.fixture
def app_url(tmp_path):
    from ui.app import build_app, launch_kwargs

    model = FakeListChatModel(responses=RESPONSES, sleep=0.01)  # streams a character at a time
    assistant = build_assistant(Settings(data_dir=tmp_path / "data", models_dir=tmp_path / "m",
                                         corpus_dir=CORPUS, embedding_model="fake", llm="local"),
                                llm=model)
    assistant.library.ingest([sample("003"), sample("004")])
    assistant.qa.retriever.use_dense = False  # fake vectors rank at random
    app = build_app(assistant, out_dir=tmp_path / "out")
    _, url, _ = app.launch(prevent_thread_lock=True, **launch_kwargs(app, "127.0.0.1", None))
    try:
        yield url
    finally:
        app.close()


@pytest.fixture
def page(app_url):
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(app_url, wait_until="load")
            page.locator("#question textarea").wait_for(state="visible")
            yield page
        finally:
            browser.close()


def _ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")


def _answer(page, n: int) -> str:
    """The text of the n-th answer (1-based) once it is final (its 用时 line is shown)."""
    page.wait_for_function(
        f"() => document.querySelector('#chat').innerText.split('用时').length > {n}")
    time.sleep(0.3)  # let the last update paint
    return page.locator("#chat").inner_text()


def test_a_misbehaving_model_is_flagged_and_never_shown_clean(page) -> None:
    _ask(page, REFORMS)
    chat = _answer(page, 1)
    assert "模型回答未采用" in chat and "以下为报告原文摘录" in chat
    assert "126项具体改革措施" in chat  # the report's own sentence replaced the loop
    assert "提高办理质量。加强督查督办工作" not in chat  # the looping stream is gone
    page.screenshot(path=str(ARTIFACTS / "guard_01_loop_replaced.png"))

    _ask(page, REFORMS)
    chat = _answer(page, 2)
    assert "白云区政府办谋划形成了126" in chat and "未在该部门报告中找到依据" in chat
    page.screenshot(path=str(ARTIFACTS / "guard_02_wrong_department.png"))

    _ask(page, "白云区政府办2023年收支比率情况如何？")
    chat = _answer(page, 3)
    assert "收支比率接近100%" in chat and "收支比率为100%" not in chat
    page.screenshot(path=str(ARTIFACTS / "guard_03_qualifier_kept.png"))
