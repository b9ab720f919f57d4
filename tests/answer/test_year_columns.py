"""A year the library has no report of, read from a later report's table that sets the years
side by side: the asked item's row, its cell of that year (not a sentence that only compares
with the year). Reports and tables invented for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.evidence.year_columns import asked_cell, year_cells
from assistant.answer.understand.items import Asked
from tests.answer.library import ingested

PLAIN = """两年主要数据对比如下：
指标 金额（万元） 增减
2024年度 2025年度
全年预算数 640.00 712.50 增加72.50
全年执行数 601.20 688.40 增加87.20
预算执行率 93.94% 96.62% 提高2.68个百分点
自评得分（分） 91 94 增加3
从资金来源看，当年财政拨款占九成以上。
"""

PIPES = """| 项目 | 2024年 | 2025年 |
| --- | --- | --- |
| 全年执行数（万元） | 1,210.30 | 1,305.80 |
| 公务接待费（万元） | 2.40 | 1.95 |
"""

GALLERY = """柳塘市美术馆2025年度部门整体支出绩效自评报告
一、部门概况
柳塘市美术馆是市文化旅游局所属公益一类事业单位。
二、部门整体支出情况
2025年全年预算数712.50万元，全年执行数688.40万元，预算执行率96.62%。与2024年相比，执行数增加87.20万元，主要是展陈提升项目投入加大。两年主要数据对比如下：
指标 金额（万元） 增减
2024年度 2025年度
全年预算数 640.00 712.50 增加72.50
全年执行数 601.20 688.40 增加87.20
预算执行率 93.94% 96.62% 提高2.68个百分点
三、自评结论
本馆2025年度自评得分94分。
"""


def _asked(words: tuple[str, ...], kind: str) -> Asked:
    return Asked(phrase="".join(words), words=words, metric_words={}, kind=kind)


def test_the_years_column_of_each_row() -> None:
    cells = {c.label: c.figure for c in year_cells(PLAIN, 2024)}
    assert cells["全年执行数"] == "601.20万元"
    assert cells["预算执行率"] == "93.94%"
    assert cells["自评得分（分）"] == "91分"
    assert "从资金来源看，当年财政拨款占九成以上。" not in cells  # the table ends at the prose
    assert {c.label: c.figure for c in year_cells(PIPES, 2025)}["公务接待费（万元）"] == "1.95万元"
    assert year_cells(PLAIN, 2023) == []  # no column of that year


def test_the_asked_items_row_and_kind() -> None:
    assert asked_cell(PLAIN, 2024, _asked(("执行",), "money")).figure == "601.20万元"  # not 执行率
    assert asked_cell(PLAIN, 2024, _asked(("执行率",), "rate")).figure == "93.94%"
    assert asked_cell(PLAIN, 2024, _asked(("满意度",), "rate")) is None


@pytest.fixture()
def gallery(tmp_path: Path, monkeypatch):
    return ingested(tmp_path, monkeypatch, {"msg.txt": GALLERY})


def test_an_earlier_year_is_read_from_the_later_reports_table(gallery) -> None:
    a = gallery.ask("柳塘市美术馆2024年执行了多少？")
    assert not a.abstained and "601.20万元" in a.text
    assert a.citations and "601.20" in a.citations[0].quote
