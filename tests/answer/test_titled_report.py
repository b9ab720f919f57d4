"""A question asking whose report it is, by the report's title alone, reads the report whose
title its words cover best."""

from __future__ import annotations

from assistant.answer.understand.titled import titled_department
from assistant.answer.understand.types import Catalog
from assistant.index.records import ReportRecord


def _report(rid: str, title: str, department: str, year: int) -> ReportRecord:
    return ReportRecord(rid, rid, rid, "", "txt", title, department, year, (), "fake", 0.0)


CATALOG = Catalog([
    _report("a", "丙市渔政站2023年度单位整体支出绩效自评报告", "丙市渔政站", 2023),
    _report("b", "2023年度单位整体支出绩效自评报告", "丙市林场", 2023),
    _report("c", "丙市财政局2022年度部门整体支出绩效自评报告", "丙市财政局", 2022),
])


def test_the_title_the_question_quotes_names_the_report() -> None:
    assert titled_department("这份2023年度单位整体支出自评报告是哪个单位的？", CATALOG, (2023,)) == "丙市林场"
    assert titled_department("那这份2023年度单位整体支出自评报告又是哪个单位的", CATALOG) == "丙市林场"


def test_no_owner_question_or_no_title_standing_out_reads_none() -> None:
    assert titled_department("2023年度单位整体支出自评报告的执行率是多少？", CATALOG) == ""
    assert titled_department("这份报告是哪个单位的？", CATALOG) == ""
