"""The 审核 tab's handlers without a browser: findings by category with quotes, downloads."""

from __future__ import annotations

from pathlib import Path

from tests.review import reports as r


def test_the_tab_reviews_an_indexed_report_and_an_upload(library, tmp_path) -> None:
    from ui.review_tab import ReviewTab

    tab = ReviewTab(library, tmp_path / "out")
    text, docx, xlsx = tab.run(None, "unmet_full.txt", "")
    assert "#### 合理性（1）" in text and "苗木成活率" in text and "须修改" in text
    assert "第1页" in text
    assert Path(docx["value"]).suffix == ".docx" and Path(xlsx["value"]).exists()
    upload = tmp_path / "上传的报告.txt"
    upload.write_text(r.report(), encoding="utf-8")
    text, docx, _ = tab.run(str(upload), None, "")
    assert "上传的报告.txt" in text and "没有审核意见" in text and docx["visible"]
    assert tab.summary()["visible"]


def test_the_tab_asks_for_a_report(library, tmp_path) -> None:
    from ui.review_tab import ReviewTab

    text, docx, _ = ReviewTab(library, tmp_path / "out").run(None, None, "")
    assert "请上传" in text and not docx["visible"]
