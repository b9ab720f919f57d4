"""A revision in real headless Chromium: draft a section in 起草, ask "改成两点", see the text
change into two points with a note saying it was done; ask for something the rules cannot
do and see why not (llm none, fake embeddings, real Chroma). Skips without /usr/bin/chromium."""

from __future__ import annotations

import re

import pytest

from tests.ui.browser import CHROMIUM, FLAGS, MARKS, sample_assistant, served

pytestmark = MARKS


@pytest.fixture
def app_url(tmp_path):
    with served(sample_assistant(tmp_path, ("002",)), tmp_path / "out") as url:
        yield url


def _output(page) -> str:
    """The draft as shown once gradio's progress overlay ("processing | 0.0/0.1s") is gone:
    an event that ends quickly may still have it drawn over the text for a moment."""
    page.wait_for_function(
        "() => !(document.querySelector('#dr-output')?.innerText || '').includes('processing')")
    return page.locator("#dr-output").inner_text()


def test_a_revision_changes_the_draft(app_url) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
            page.set_default_timeout(30_000)
            page.goto(app_url, wait_until="load")
            page.get_by_role("tab", name="起草").click()
            page.locator("#dr-report input").click()
            page.get_by_role("option", name=re.compile("2023")).first.click()
            page.wait_for_function(
                "() => (document.querySelector('#dr-dept textarea, #dr-dept input')?.value || '') !== ''")
            page.locator("#dr-kind input").click()
            page.get_by_role("option", name="部门整体收支情况").click()
            page.locator("#dr-go").click()
            page.locator("#dr-docx").wait_for(state="visible")
            first = _output(page)
            assert "预算数" in first and "（一）" not in first

            page.locator("#dr-instruction textarea, #dr-instruction input").first.fill("改成两点")
            page.locator("#dr-revise").click()
            page.locator("#dr-checks").get_by_text("已按“改成两点”修改").wait_for()
            revised = _output(page)
            assert revised != first
            assert "（一）" in revised and "（二）" in revised and "（三）" not in revised
            for figure in re.findall(r"\d+(?:\.\d+)?万元", first):
                assert figure in revised  # the figures stay

            page.locator("#dr-instruction textarea, #dr-instruction input").first.fill("换一种写法")
            page.locator("#dr-revise").click()
            page.locator("#dr-checks").get_by_text("未能按“换一种写法”修改").wait_for()
            assert _output(page) == revised
        finally:
            browser.close()


def test_undo_after_a_bad_revision(app_url) -> None:
    """A revision the user does not want (删除第一点) is undone with 撤销: the draft before it
    comes back, the versions stay listed, and the revised one can be picked again."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page.set_default_timeout(30_000)
            page.goto(app_url, wait_until="load")
            page.get_by_role("tab", name="起草").click()
            page.locator("#dr-report input").click()
            page.get_by_role("option", name=re.compile("2023")).first.click()
            page.wait_for_function(
                "() => (document.querySelector('#dr-dept textarea, #dr-dept input')?.value || '') !== ''")
            page.locator("#dr-kind input").click()
            page.get_by_role("option", name="存在的主要问题").click()
            page.locator("#dr-go").click()
            page.locator("#dr-docx").wait_for(state="visible")
            first = _output(page)
            assert "（一）" in first and "（二）" in first

            page.locator("#dr-instruction textarea, #dr-instruction input").first.fill("删除第一点")
            page.locator("#dr-revise").click()
            page.locator("#dr-checks").get_by_text("已按“删除第一点”修改").wait_for()
            bad = _output(page)
            assert bad != first

            page.locator("#dr-undo").click()
            page.locator("#dr-checks").get_by_text("已撤销，回到版本1").wait_for()
            assert _output(page) == first

            page.locator("#dr-versions input").click()  # both versions are listed
            options = page.get_by_role("option").all_text_contents()
            assert any("版本1 · 生成草稿" in o for o in options)
            assert any("版本2 · 删除第一点" in o for o in options)
            page.get_by_role("option", name=re.compile("版本2")).click()
            page.locator("#dr-checks").get_by_text("已切换到版本2").wait_for()
            assert _output(page) == bad
        finally:
            browser.close()
