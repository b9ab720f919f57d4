"""The chat in headless Chromium with questions that ask more than one thing: a two-part
question is answered in two labelled parts (the second comparing with another department,
in that department's own year); a total asked item by item shows its items, and the table
under it has no empty or 未披露 column; the summary's 改进措施 is not read into its last
problem. Skips when /usr/bin/chromium is absent."""

from __future__ import annotations

import time

import pytest

from tests.ui.browser import ARTIFACTS, MARKS, opened, sample_assistant, served

pytestmark = MARKS

TWO_PARTS = "番禺区政府办2022年项目支出占总支出的比重是多少？和番禺区委办比哪个高？"
ITEMS = "番禺区政府办2022年重点任务项目支出有哪些？各花了多少钱？"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("parts_app")
    with served(sample_assistant(tmp, ("000", "003")), tmp / "out") as url:
        yield url


@pytest.fixture
def page(app_url):
    with opened(app_url) as page:
        yield page


def _ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")


def _answer(page, n: int) -> str:
    """The chat's text once the n-th answer (1-based) is final (its 用时 line is shown, which
    only the final answer has; gradio's progress text never has it)."""
    page.wait_for_function(
        f"() => document.querySelector('#chat').innerText.split('用时').length > {n}")
    time.sleep(0.3)  # let the last update paint
    return page.locator("#chat").inner_text()


def test_a_two_part_question_is_answered_in_two_parts(page) -> None:
    _ask(page, TWO_PARTS)
    chat = _answer(page, 1)
    first = chat.index("【第一问】")
    second = chat.index("【第二问】")
    assert first < chat.index("21.68%") < second  # the share, under the first label
    tail = chat[second:]
    assert "番禺区委办" in tail and "2023年报告" in tail  # its own year, said
    assert "12.84%" in tail and "番禺区政府办2022年更高" in tail
    page.screenshot(path=str(ARTIFACTS / "parts_01_two_parts.png"))


def test_a_total_asked_item_by_item_shows_its_items_in_a_full_table(page) -> None:
    _ask(page, ITEMS)
    chat = _answer(page, 1)
    assert "94.11万元" in chat
    assert "城市运行指挥中心综合业务" in chat and "33.98万元" in chat
    assert "政府办综合业务工作" in chat and "60.13万元" in chat
    table = page.locator("#chat table").last
    headers = [h.strip() for h in table.locator("th").all_inner_texts()]
    assert "名称" in headers and "数值" in headers
    cells = table.locator("td").all_inner_texts()
    assert cells and all(c.strip() for c in cells)  # no empty cell
    assert "未披露" not in "".join(cells)
    page.screenshot(path=str(ARTIFACTS / "parts_02_items.png"))


def test_the_summary_keeps_its_measures_out_of_the_problem_list(page) -> None:
    _ask(page, "总结一下番禺区政府办2022年的报告")
    _answer(page, 1)
    items = page.locator("#chat li").all_inner_texts()
    assert items and not any("改进措施" in item for item in items)
