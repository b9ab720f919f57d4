"""Sums name each item once."""

from assistant.answer.skills.sum import distinct


def test_one_item_written_three_ways_is_added_once() -> None:
    assert distinct(("三公经费", "“三公”经费", "三公”经费")) == ("三公经费",)
    assert distinct(("办公费", "印刷费")) == ("办公费", "印刷费")
