"""A sentence that writes its figure in Chinese numerals states it: the report's text search
finds it, and the quote shows the digits beside the words."""

from __future__ import annotations

from assistant.answer.evidence.statements import has_figure


def test_figures_in_chinese_numerals_are_figures_of_their_kind() -> None:
    assert has_figure("公务接待费全年支出三千四百元。", "money")
    assert has_figure("满意度达到百分之九十六。", "rate")
    assert not has_figure("公务接待费全年支出三千四百元。", "rate")
    assert not has_figure("一是加强管理，二是规范流程。", "")
    assert not has_figure("站长一人负责。", "people")
