"""The web app in real headless Chromium at 1280×800: ask a figure question and see the figure
and its citation, compare and see the chart, draft a section and download it, upload a
report. Screenshots and timings go to tests/artifacts/ (git-ignored); look at them.

Needs Debian `chromium` (+ fonts-noto-cjk for Chinese); .ci/run installs them. Skips with
a message when /usr/bin/chromium is absent."""

from __future__ import annotations

import json
import re
import shutil
import time

import pytest

from tests.conftest import sample
from tests.ui.browser import ARTIFACTS, CHROMIUM, FLAGS, MARKS, sample_assistant, served

pytestmark = MARKS


@pytest.fixture
def app_url(tmp_path):
    assistant = sample_assistant(tmp_path, ("000", "001", "002", "003"))
    real_drafter = True  # the assistant's own drafter
    with served(assistant, tmp_path / "out") as url:
        yield url, real_drafter


def _shot(page, name: str, top: bool = False) -> None:
    if top:
        page.evaluate("window.scrollTo(0, 0)")
        time.sleep(0.3)
    page.screenshot(path=str(ARTIFACTS / name))


def test_browser_ask_compare_draft_upload(app_url, tmp_path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    url, real_drafter = app_url
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    timings: dict[str, float | str] = {"drafter": "assistant.drafting" if real_drafter else "stand-in"}
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN",
                                          accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(30_000)
            external = []
            page.on("request", lambda r: external.append(r.url)
                    if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)

            # page load ------------------------------------------------------------------------
            t0 = time.perf_counter()
            page.goto(url, wait_until="load")
            page.locator("#question textarea").wait_for(state="visible")
            timings["page_load_s"] = round(time.perf_counter() - t0, 2)
            _shot(page, "01_ask_tab.png")

            # ask a figure question: the figure, then its citation with the figure highlighted
            page.locator("#question textarea").fill("番禺区政府办2022年基本支出有多少？")
            t0 = time.perf_counter()
            page.locator("#send").click()
            page.locator("#chat").get_by_text("3246.07万元").first.wait_for()
            timings["first_answer_s"] = round(time.perf_counter() - t0, 2)
            page.locator("#chat").get_by_text("来源与原文").first.click()
            mark = page.locator("#chat mark").first
            mark.wait_for()
            assert "3246.07" in mark.inner_text()
            assert page.locator("#chat").get_by_text(sample("000").name).first.is_visible()
            _shot(page, "02_answer_with_source.png")

            # a comparison question gets the table inline
            page.get_by_role("button", name="比较各部门的预算执行率").click()
            page.locator("#chat table").first.wait_for()
            assert "95.53%" in page.locator("#chat table").first.inner_text()
            _shot(page, "03_comparison_in_chat.png")

            # 对比: free question -> table with 未披露, bar chart, CSV ---------------------------
            page.get_by_role("tab", name="对比").click()
            page.locator("#cmp-question textarea").fill("比较各部门2023年的自评得分")
            t0 = time.perf_counter()
            page.locator("#cmp-ask").click()
            page.locator("#cmp-table").get_by_text("未披露").first.wait_for()
            bars = page.locator("#cmp-plot g.bar rect")
            bars.first.wait_for()
            timings["compare_s"] = round(time.perf_counter() - t0, 2)
            assert bars.count() >= 1
            with page.expect_download() as csv_download:
                page.locator("#cmp-csv").click()
            csv_path = tmp_path / "compare.csv"
            csv_download.value.save_as(csv_path)
            assert "未披露" in csv_path.read_text(encoding="utf-8-sig")
            time.sleep(0.5)  # let the chart finish its transition
            _shot(page, "04_compare_chart.png")

            # 起草: department-year -> facts -> generate -> download .docx ---------------------
            page.get_by_role("tab", name="起草").click()
            page.locator("#dr-report input").click()
            page.get_by_role("option", name=re.compile("荔湾区.*2023")).click()
            page.wait_for_function(
                "() => document.querySelector('#dr-dept textarea, #dr-dept input')?.value"
                " === '广州市荔湾区人民政府办公室'")
            t0 = time.perf_counter()
            page.locator("#dr-go").click()
            page.locator("#dr-docx").wait_for(state="visible")
            timings["draft_s"] = round(time.perf_counter() - t0, 2)
            assert "荔湾区" in page.locator("#dr-output").inner_text()
            with page.expect_download() as docx_download:
                page.locator("#dr-docx").click()
            docx_path = tmp_path / "draft.docx"
            docx_download.value.save_as(docx_path)
            from docx import Document

            assert any(p.text.strip() for p in Document(str(docx_path)).paragraphs)
            _shot(page, "05_draft.png", top=True)

            # 资料库: upload a good and a bad file; per-file result, list updated ---------------
            page.get_by_role("tab", name="资料库").click()
            bad = tmp_path / "空白报告.txt"
            bad.write_text("", encoding="utf-8")
            page.locator("#lib-files input[type=file]").set_input_files([str(sample("004")), str(bad)])
            page.locator("#lib-files").get_by_text("空白报告").first.wait_for()
            t0 = time.perf_counter()
            page.locator("#lib-ingest").click()
            # the progress bar also says 导入完成 before the result is shown: wait for the result
            page.locator("#lib-status").get_by_text("成功 1 个，失败 1 个").first.wait_for()
            timings["upload_ingest_s"] = round(time.perf_counter() - t0, 2)
            status = page.locator("#lib-status").inner_text()
            assert "成功 1 个，失败 1 个" in status and "空白报告.txt" in status
            page.locator("#lib-reports").get_by_text("广州市白云区人民政府办公室").first.wait_for()
            # the list refreshes once more after the ingest event: shoot when it has settled
            page.get_by_text(re.compile(r"^processing")).first.wait_for(state="hidden")
            time.sleep(0.5)
            _shot(page, "06_library_upload.png")

            # a report's facts with their sources, then remove it (after the confirmation)
            page.locator("#lib-report input").click()
            page.get_by_role("option", name=re.compile("白云区.*2023")).click()
            page.get_by_text("共 29 个数字事实").first.wait_for()
            page.locator("#lib-facts").scroll_into_view_if_needed()
            _shot(page, "07_library_facts.png")
            page.once("dialog", lambda dialog: dialog.accept())
            page.locator("#lib-remove").click()
            page.locator("#lib-status").get_by_text("已删除").first.wait_for()
            assert "广州市白云区人民政府办公室" not in page.locator("#lib-reports").inner_text()
            assert not external, f"the page fetched from outside: {external[:3]}"
        finally:
            browser.close()
    (ARTIFACTS / "timings.json").write_text(json.dumps(timings, ensure_ascii=False, indent=1),
                                            encoding="utf-8")
    print("browser timings:", timings)
