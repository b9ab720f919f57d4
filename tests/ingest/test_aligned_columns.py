"""Tables aligned by whitespace alone (U+3000 in a text report): a row that leaves cells empty
is placed under its columns by the words' display positions (`tables.columns`)."""

from __future__ import annotations

from pathlib import Path

from assistant.eval.perturb import ideographic_aligned
from assistant.index.pipeline import prepare
from assistant.ingest.tables.columns import aligned_rows, place
from assistant.ingest.tables.grid import Cell

PIPED = """某某县水务局2023年度部门整体支出绩效自评报告
一、预算执行情况
| 资金来源 | 年初预算 | 调整预算 | 全年预算 | 全年支出 | 执行率 |
| 财政拨款 | 1,000.00 |  | 1,100.00 | 900.00 | 81.82% |
| 上级补助 |  | 50.00 | 50.00 | 40.00 | 80.00% |
| 合计 | 1,000.00 | 50.00 | 1,150.00 | 940.00 | 81.74% |
"""


def _facts(text: str) -> list[tuple]:
    return sorted((f.metric, f.scope, f.subject or "", f.value)
                  for f in prepare(Path("r.txt"), text).facts)


def test_display_places_count_wide_characters_twice() -> None:
    line = "合计\u3000\u30001,000.00"
    assert place(line, 2) == 4 and place(line, 4) == 8 and place(line, len(line)) == 16


def test_a_row_with_empty_cells_goes_under_its_columns() -> None:
    text = "资金来源\u3000\u3000年初预算\u3000\u3000全年预算\n财政拨款\u3000\u3000\u3000\u3000\u3000\u300090.00"
    header = [Cell("资金来源", 0, 4), Cell("年初预算", 6, 10), Cell("全年预算", 12, 16)]
    row = [Cell("财政拨款", 17, 21), Cell("90.00", 27, 32)]
    placed = aligned_rows(text, [header, row])[1]
    assert [c.text for c in placed] == ["财政拨款", "", "90.00"]


def test_a_row_whose_words_share_a_column_is_left_as_it_is() -> None:
    text = "名称\u3000\u3000金额\u3000\u3000比率\n甲 1 2"
    header = [Cell("名称", 0, 2), Cell("金额", 4, 6), Cell("比率", 8, 10)]
    row = [Cell("甲", 11, 12), Cell("1", 13, 14)]
    assert aligned_rows(text, [header, row])[1] == row


def test_no_fact_changes_when_the_table_is_aligned_by_ideographic_spaces() -> None:
    aligned = ideographic_aligned(PIPED)
    assert "财政拨款\u3000\u30001,000.00\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u30001,100.00" in aligned
    facts = _facts(aligned)
    assert ("支出", "source", "财政拨款", 900.0) in facts and ("预算数", "source", "财政拨款", 1100.0) in facts
    assert facts == _facts(PIPED)
