"""The chat in headless Chromium with a chat model that misbehaves (a fake that answers in
turn): a looping answer is stopped, shown flagged and replaced by the extractive answer (not
the looping stream); a sentence giving one department's figure to another is flagged where
it stands; a cited "接近100%" stays "接近100%". Skips when /usr/bin/chromium is absent."""

from __future__ import annotations

import time

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from tests.ui.browser import ARTIFACTS, MARKS, opened, sample_assistant, served

pytestmark = MARKS

LOOP = "加强督查督办工作，提高办理质量。" * 30
RESPONSES = [LOOP, "白云区政府办谋划形成了126项具体改革措施[1]。", "白云区政府办2023年收支比率为100%[1]。"]
REFORMS = "番禺区委办2023年谋划形成了多少项具体改革措施？"


@pytest.fixture
def app_url(tmp_path):
    model = FakeListChatModel(responses=RESPONSES, sleep=0.01)  # streams a character at a time
    assistant = sample_assistant(tmp_path, ("003", "004"), llm="local", model=model)
    assistant.qa.retriever.use_dense = False  # fake vectors rank at random
    with served(assistant, tmp_path / "out") as url:
        yield url


@pytest.fixture
def page(app_url):
    with opened(app_url) as page:
        yield page


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
