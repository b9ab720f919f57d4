"""Figures written in Chinese numerals get their digits beside them in a quoted sentence."""

from assistant.text.numbers import with_digits


def test_counts_percentages_and_scores_get_digits() -> None:
    assert with_digits("科室现有干部五人。") == "科室现有干部五人（5人）。"
    assert with_digits("完成率达到百分之九十五") == "完成率达到百分之九十五（95%）"
    assert with_digits("综合得分八十七点五分") == "综合得分八十七点五分（87.5分）"
    assert with_digits("经费一万二千元") == "经费一万二千元（12000元）"


def test_prose_words_stay_as_written() -> None:
    for text in ("此项工作十分重要", "一是加强管理", "安排一人值守", "共分三个方面"):
        assert with_digits(text) == text
