"""对比 in real headless Chromium: the first comparison, with the filters as the page opens,
shows every department (the 年度 filter starts empty), the summary names each row's year,
and a question gets a one-line answer above the table. Skips without /usr/bin/chromium."""

from __future__ import annotations

import pytest

from tests.ui.browser import CHROMIUM, FLAGS, MARKS, sample_assistant, served
from ui.format import short_label

pytestmark = MARKS
SAMPLES = ("000", "001", "002", "003", "004")


@pytest.fixture
def app(tmp_path):
    assistant = sample_assistant(tmp_path, SAMPLES)
    with served(assistant, tmp_path / "out") as url:
        yield url, assistant


def test_the_first_comparison_shows_every_department(app) -> None:
    url, assistant = app
    departments = {r.department for r in assistant.reports()}
    years = {r.year for r in assistant.reports()}
    assert len(departments) == 5 and len(years) > 1  # the case the old default hid
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page.set_default_timeout(30_000)
            page.goto(url, wait_until="load")
            page.get_by_role("tab", name="对比").click()
            page.locator("#cmp-go").click()  # the filters as the page opened
            page.locator("#cmp-summary").get_by_text("份报告").wait_for()
            summary = page.locator("#cmp-summary").inner_text()
            assert "5 份报告" in summary and "各行年度：" in summary
            assert all(str(y) in summary for y in years)
            names = sorted({short_label(r.department, None) for r in assistant.reports()})
            page.wait_for_function(  # every department has its row in the table
                "names => names.every(n => document.querySelector('#cmp-table').innerText.includes(n))",
                arg=names)

            page.locator("#cmp-question textarea").fill("比较各部门的预算执行率")
            page.locator("#cmp-ask").click()
            page.locator("#cmp-summary").get_by_text("答：").wait_for()
            assert "最高的是" in page.locator("#cmp-summary").inner_text()
        finally:
            browser.close()
