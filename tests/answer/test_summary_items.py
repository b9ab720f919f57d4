"""The summary may shorten a report's problem or measure list, but says so."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.answer.skills.summary import MAX_ITEMS, _items
from assistant.index.records import ItemRecord


def _item(n: int) -> ItemRecord:
    text = f"（{n}）第{n}个问题有待改进"
    return ItemRecord("r", "problem", n, text[3:], text, text, 10 * n, 10 * n + 9, "三、存在的问题")


def test_a_shortened_list_says_how_many_items_the_report_gives() -> None:
    report = SimpleNamespace(id="r", file="r.txt")
    cites: list = []
    lines = _items("存在的问题", [_item(n) for n in range(1, MAX_ITEMS + 3)], report, cites)
    assert len(cites) == MAX_ITEMS + 2  # the items not shown are cited too: the count is checkable
    assert lines[-1] == f"（报告共列{MAX_ITEMS + 2}项，此处列出前{MAX_ITEMS}项。）"
    assert all(f"[{n}]" in "".join(lines) for n in range(1, MAX_ITEMS + 1))
    assert "[7]" not in "".join(lines)  # cited, not shown
    whole = _items("存在的问题", [_item(n) for n in range(1, 3)], report, [])
    assert len(whole) == 3 and "此处列出" not in "".join(whole)


def test_a_heading_of_the_measures_run_on_into_the_problems_is_no_problem() -> None:
    from assistant.answer.skills.report_items import listed

    problems = [_item(1), _item(2),
                ItemRecord("r", "problem", 3, "改进措施", "三、改进措施：", "三、改进措施：", 40, 47, "三、存在的问题")]
    read = SimpleNamespace(items=lambda rid: problems)
    assert [i.ord for i in listed(read, "r", "problem")] == [1, 2]
