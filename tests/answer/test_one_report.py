"""A question that names no year, about a department the library holds several years of: the
quoted sentences are the newest report's, never an older report's passage about the same item
beside them (unless every year is asked). Reports invented for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.answer.library import ingested


def _report(year: int, events: int, note: str) -> str:
    return f"""石岭县图书馆{year}年度部门整体支出绩效自评报告
一、部门概况
石岭县图书馆是县文化和旅游局所属公益一类事业单位。
二、主要工作成效
全年开展阅读推广志愿服务活动{events}场，{note}。
三、自评结论
本馆{year}年度自评得分90分。
"""


@pytest.fixture()
def library(tmp_path: Path, monkeypatch):
    return ingested(tmp_path, monkeypatch, {
        "tsg24.txt": _report(2024, 29, "志愿服务队伍扩充到两支"),
        "tsg25.txt": _report(2025, 36, "志愿服务覆盖全部乡镇分馆"),
    })


def test_the_newest_reports_sentence_only(library) -> None:
    a = library.ask("石岭县图书馆阅读推广志愿服务开展得怎么样？")
    assert not a.abstained and "36场" in a.text
    assert "29场" not in a.text and {c.file for c in a.citations} == {"tsg25.txt"}


def test_every_year_asked_keeps_both(library) -> None:
    a = library.ask("石岭县图书馆历年阅读推广志愿服务开展得怎么样？")
    assert "36场" in a.text and "29场" in a.text
