"""The whole report in real headless Chromium: in 起草 the 年度 field shows the latest indexed
year; pick a department-year, click 起草整篇报告, watch the sections appear one by one,
download the .docx and open it with python-docx: the cover title and every section heading
in report order. Screenshots and timings go to tests/artifacts/ (git-ignored).

Needs Debian `chromium`; skips with a message when /usr/bin/chromium is absent (as
tests/ui/test_browser.py, whose fixture this copies)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.ui.browser import ARTIFACTS, CHROMIUM, FLAGS, MARKS, sample_assistant, served

HEADINGS = [
    "一、基本情况", "（一）部门概况", "（二）年度总体工作和重点工作任务", "（三）部门整体收支情况",
    "（四）部门整体支出绩效目标", "（五）部门整体绩效管理情况",
    "二、综合评价分析", "（一）自评结论综述", "（二）各项工作任务绩效目标完成情况",
    "（三）重点任务项目支出完成情况", "（四）管理效率分析", "（五）主要工作成效",
    "三、存在的主要问题", "四、下一步改进措施",
]

pytestmark = MARKS


@pytest.fixture
def app_url(tmp_path):
    assistant = sample_assistant(tmp_path, ("000", "002"))
    latest = max(r.year for r in assistant.reports() if r.year)
    with served(assistant, tmp_path / "out") as url:
        yield url, latest


def _docx_headings(path: Path) -> tuple[str, list[str]]:
    from docx import Document

    doc = Document(str(path))
    heads = [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    return doc.paragraphs[0].text, heads


def test_browser_whole_report_downloads_with_every_heading(app_url, tmp_path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    url, latest = app_url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                          accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.goto(url, wait_until="load")
            page.get_by_role("tab", name="起草").click()

            # the year field defaults to the latest indexed year, not 0
            year = page.locator("#dr-year input")
            year.wait_for(state="visible")
            assert year.input_value() == str(latest)

            # a department-year: its facts fill the form
            page.locator("#dr-report input").click()
            page.get_by_role("option").first.click()
            page.wait_for_function(
                "() => (document.querySelector('#dr-dept textarea, #dr-dept input')?.value || '') !== ''")
            department = page.locator("#dr-dept textarea, #dr-dept input").first.input_value()

            # the whole report: sections appear one by one, then the download
            t0 = time.perf_counter()
            page.locator("#dr-all").click()
            page.locator("#dr-all-output h4").first.wait_for()
            timings["first_section_s"] = round(time.perf_counter() - t0, 2)
            page.locator("#dr-all-docx").wait_for(state="visible")
            timings["whole_report_s"] = round(time.perf_counter() - t0, 2)
            progress = page.locator("#dr-all-progress").inner_text()
            assert "12/12" in progress and progress.count("✓") == 12
            shown = page.locator("#dr-all-output h4").all_inner_texts()
            assert len(shown) == 12 and shown[0] == "部门概况" and shown[-1] == "下一步改进措施"
            page.screenshot(path=str(ARTIFACTS / "report_01_whole_report.png"))

            with page.expect_download() as download:
                page.locator("#dr-all-docx").click()
            path = tmp_path / "report.docx"
            download.value.save_as(path)
            assert download.value.suggested_filename.endswith(".docx")
        finally:
            browser.close()
    title, heads = _docx_headings(path)
    assert title.startswith(department) and title.endswith("年度部门整体支出绩效自评报告")
    assert heads[:len(HEADINGS)] == HEADINGS
    assert heads[len(HEADINGS):len(HEADINGS) + 2] == ["附件：待补充事项", "附件：各节核验说明"]
    (ARTIFACTS / "report_timings.json").write_text(json.dumps(timings, ensure_ascii=False, indent=2),
                                                   encoding="utf-8")
