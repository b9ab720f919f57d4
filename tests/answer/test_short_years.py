"""A year asked with its last two digits (25年, 24年末) is that year, so the question is
answered from that year's report alone; other two-digit numbers before 年 stay as written. The catalog is invented for these tests."""

from __future__ import annotations

from assistant.answer.understand import Catalog
from assistant.answer.understand.register import full_years
from assistant.answer.understand.resolve import resolve
from assistant.index.records import ReportRecord

MUSEUM = "白沙县博物馆"


def _report(rid: str, department: str, year: int) -> ReportRecord:
    return ReportRecord(id=rid, file=f"{rid}.txt", path="", sha256="", kind="txt", title="",
                        department=department, year=year, aliases=(), embed_model="fake",
                        ingested_at=0.0)


CATALOG = Catalog([_report("m25", MUSEUM, 2025), _report("m24", MUSEUM, 2024)])


def test_two_digit_years_of_the_library_are_written_in_full():
    assert full_years("博物馆25年全年预算") == "博物馆2025年全年预算"
    assert full_years("24年末在编几人") == "2024年末在编几人"
    assert full_years("25年比24年多花了多少") == "2025年比2024年多花了多少"


def test_other_two_digit_numbers_before_nian_stay():
    assert full_years("已运行12年") == "已运行12年"  # before the years reports are written for
    assert full_years("80年代的馆舍") == "80年代的馆舍"
    assert full_years("服务满25年以上") == "服务满25年以上"
    assert full_years("共计125年") == "共计125年"
    assert full_years("2025年预算") == "2025年预算"


def test_a_short_year_picks_that_report():
    query = resolve("博物馆24年全年预算多少", CATALOG)
    assert query.years == (2024,)
    assert query.report_ids == ("m24",)


def test_the_point_of_the_year_is_the_years_not_the_items() -> None:
    # 年底/年末 go with the year: 底 is no word the report must hold beside the item
    for question in ("博物馆24年底有几个在编的", "博物馆2024年末在编多少人？"):
        query = resolve(question, CATALOG)
        assert query.years == (2024,)
        assert [w for a in query.asked for w in a.words if "底" in w or "末" in w] == []
