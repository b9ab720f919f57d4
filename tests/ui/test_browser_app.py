"""The app in real headless Chromium: a question asked while another is being answered is
queued and answered in turn, the chat survives a reload, 停止 and 清空对话 work; two comparisons in a row each show their
own chart (read back from the page); an upload keeps the name the user gave it.

Answers are slowed by a stand-in (each first streams a few pieces, 0.4 s apart) so that the
second question really arrives during the first. Screenshots go to tests/artifacts/
(git-ignored). Skips when /usr/bin/chromium is absent."""

from __future__ import annotations

import re
import shutil
import time

import pandas as pd
import pytest

from tests.conftest import sample
from tests.ui.browser import ARTIFACTS, MARKS, opened, sample_assistant, served

PIECES, PAUSE = 6, 0.4  # the stand-in's streaming: about 2.4 s before the answer

pytestmark = MARKS


class SlowAnswers:
    """The real assistant, whose answers first stream a few pieces slowly (as a model does)."""

    def __init__(self, assistant) -> None:
        self._assistant = assistant

    def __getattr__(self, name: str):
        return getattr(self._assistant, name)

    def stream(self, question, conversation=None, **kwargs):
        for i in range(PIECES):
            time.sleep(PAUSE)
            yield f"检索中{i + 1}…"
        yield from self._assistant.stream(question, conversation, **kwargs)


@pytest.fixture
def app_url(tmp_path):
    assistant = sample_assistant(tmp_path, ("000", "002", "003", "004"))
    with served(SlowAnswers(assistant), tmp_path / "out") as url:
        yield url


@pytest.fixture
def page(app_url):
    with opened(app_url, height=800, downloads=True) as page:
        yield page


def _shot(page, name: str) -> None:
    time.sleep(0.4)  # let the last update paint
    page.screenshot(path=str(ARTIFACTS / name))


def _ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")


def _chat(page) -> str:
    return page.locator("#chat").inner_text()


def test_a_question_asked_during_an_answer_is_answered_in_turn(page) -> None:
    _ask(page, "番禺区政府办2022年基本支出有多少？")
    page.locator("#chat").get_by_text("检索中1…").first.wait_for()  # the first is streaming
    _ask(page, "荔湾区政府办2023年的执行率是多少？")
    page.locator("#chat").get_by_text("已排队").first.wait_for()
    assert page.locator("#question textarea").input_value() == ""  # the question is in the chat
    assert "荔湾区政府办2023年的执行率是多少？" in _chat(page)
    _shot(page, "app_01_question_queued.png")
    page.locator("#chat").get_by_text("99.6%").first.wait_for()
    chat = _chat(page)
    assert "3246.07万元" in chat and chat.index("3246.07万元") < chat.index("99.6%")
    assert "已排队" not in chat and "•••" not in chat
    _shot(page, "app_02_both_answered.png")
    page.reload(wait_until="load")  # the browser's chat is still there
    page.locator("#chat").get_by_text("99.6%").first.wait_for()
    assert "3246.07万元" in _chat(page)

    # a reload during an answer: the reloaded page answers it
    _ask(page, "白云区政府办2023年的自评得分是多少？")
    page.locator("#chat").get_by_text("检索中1…").first.wait_for()
    page.reload(wait_until="load")
    page.locator("#chat").get_by_text("97.23").first.wait_for()

    # 停止: the running answer ends and says so
    _ask(page, "番禺区委办2023年的执行率是多少？")
    page.locator("#chat").get_by_text("检索中2…").first.wait_for()
    page.locator("#stop").click()
    page.locator("#chat").get_by_text("已停止回答").first.wait_for()
    time.sleep(PIECES * PAUSE + 0.5)  # the stopped answer must not come back
    assert "95.53%" not in _chat(page)

    # 清空对话: a follow-up has nothing to follow
    page.locator("#clear").click()
    page.wait_for_function("() => !document.querySelector('#chat').innerText.includes('99.6%')")
    _ask(page, "基本支出呢？")
    page.locator("#chat").get_by_text("请问").first.wait_for(timeout=20_000)
    assert "3246.07" not in _chat(page) and "3043.23" not in _chat(page)
    _shot(page, "app_03_after_clear.png")


def _bars(page) -> list[tuple[str, float]]:
    return [(b.get_attribute("data-label"), float(b.get_attribute("data-value")))
            for b in page.locator("#cmp-plot g.bar").all()]


def _compare(page, question: str) -> None:
    page.locator("#cmp-question textarea").fill(question)
    page.locator("#cmp-ask").click()


def test_two_comparisons_in_a_row_show_the_second_ones_chart(page, tmp_path) -> None:
    page.get_by_role("tab", name="对比").click()
    _compare(page, "比较各部门的基本支出")
    page.locator("#cmp-plot").get_by_text("基本支出（万元）").wait_for()
    first = _bars(page)
    assert first and all(v > 1000 for _, v in first)
    _shot(page, "app_04_compare_first.png")

    _compare(page, "比较各部门的自评得分")
    page.locator("#cmp-plot").get_by_text("自评得分（分）").wait_for()
    second = _bars(page)
    assert second == [("番禺区委办 2023", 97.8), ("白云区政府办 2023", 97.23)]
    values = page.locator("#cmp-plot .bar-value").all_text_contents()
    assert values == ["97.8分", "97.23分"]  # value labels on the bars
    ticks = [float(t.replace(",", "")) for t in page.locator("#cmp-plot .tick").all_text_contents()]
    assert ticks[0] > 90  # the axis shows the difference
    assert "万元" not in page.locator("#cmp-plot").inner_text()  # nothing of the first is left
    _shot(page, "app_05_compare_second.png")

    # the exports: 数值 a number, its unit apart, the quote clean
    with page.expect_download() as download:
        page.locator("#cmp-xlsx").click()
    xlsx = tmp_path / "compare.xlsx"
    download.value.save_as(xlsx)
    sheet = pd.read_excel(xlsx)
    assert sheet["数值"].dropna().tolist() == [97.8, 97.23] and sheet["单位"].dropna().tolist() == ["分", "分"]

    # a 约数 is shown as text and not drawn
    _compare(page, "比较各部门的预算执行率")
    page.locator("#cmp-plot").get_by_text("约数，不画出").wait_for()
    assert page.locator("#cmp-table").get_by_text("接近100%").count() >= 1
    assert not any("白云区" in label for label, _ in _bars(page))
    _shot(page, "app_06_compare_approx.png")


def test_the_library_shows_the_name_the_user_uploaded(page, tmp_path) -> None:
    given = tmp_path / "部门整体支出绩效自评报告（上传稿）.txt"
    shutil.copy(sample("001"), given)
    page.get_by_role("tab", name="资料库").click()
    page.locator("#lib-files input[type=file]").set_input_files([str(given)])
    page.locator("#lib-files").get_by_text("上传稿").first.wait_for()
    page.locator("#lib-ingest").click()
    page.locator("#lib-status").get_by_text("导入完成").first.wait_for()
    page.locator("#lib-reports").get_by_text(given.name).first.wait_for()
    assert not re.search(r"[0-9a-f]{16}", page.locator("#lib-status").inner_text())
    _shot(page, "app_07_library_upload_name.png")
