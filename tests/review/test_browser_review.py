"""The 审核 tab in real headless Chromium: upload a report, read the findings with their
quotes, download the .docx and .xlsx and the 汇总表 (opened with python-docx / openpyxl)."""

from __future__ import annotations

import time

import pytest

from tests.review import reports as r
from tests.ui.browser import ARTIFACTS, MARKS, opened, sample_assistant, served

pytestmark = MARKS


@pytest.fixture
def page(tmp_path):
    with served(sample_assistant(tmp_path, ("002", "004")), tmp_path / "out") as url, \
            opened(url, downloads=True, ready="") as page:
        page.get_by_role("tab", name="审核").click()
        yield page


def test_upload_review_and_downloads(page, tmp_path) -> None:
    import docx
    import openpyxl

    report = tmp_path / "苗木报告.txt"
    report.write_text(r.report(indicators=r.INDICATORS.replace(
        "实际为93.5%，权重30分，得30分", "实际为86.0%，权重30分，得30分")), encoding="utf-8")
    page.locator("#rv-file input[type=file]").set_input_files([str(report)])
    time.sleep(1.0)  # let the upload finish
    page.locator("#rv-run").click()
    findings = page.locator("#rv-findings")
    findings.get_by_text("苗木成活率", exact=False).first.wait_for()
    shown = findings.inner_text()
    assert "合理性" in shown and "须修改" in shown and "实际为86.0%" in shown and "苗木报告.txt" in shown
    time.sleep(0.4)
    page.screenshot(path=str(ARTIFACTS / "review_01_findings.png"))

    with page.expect_download() as download:
        page.locator("#rv-docx").click()
    saved = tmp_path / "审核意见.docx"
    download.value.save_as(saved)
    assert "苗木成活率" in "\n".join(p.text for p in docx.Document(str(saved)).paragraphs)
    with page.expect_download() as download:
        page.locator("#rv-xlsx").click()
    saved = tmp_path / "审核意见.xlsx"
    download.value.save_as(saved)
    rows = list(openpyxl.load_workbook(saved).active.iter_rows(values_only=True))
    assert rows[2][1] == "合理性"

    page.locator("#rv-summary-make").click()
    page.locator("#rv-summary").wait_for(state="visible")
    with page.expect_download() as download:
        page.locator("#rv-summary").click()
    saved = tmp_path / "汇总表.xlsx"
    download.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved)["汇总表"]
    assert sheet.max_row == 3  # the header and the two indexed departments
