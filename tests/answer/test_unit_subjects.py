"""A subordinate unit named without its place (养护站 of 某县养护站) in a question that names
no department is the one unit of the library with that name; several such units name none."""

from __future__ import annotations

from assistant.answer.understand.resolve import resolve
from assistant.answer.understand.subjects import subjects_of
from assistant.answer.understand.types import Catalog
from assistant.index.records import ReportRecord


def test_a_unit_named_without_its_place_is_the_librarys_one_unit() -> None:
    catalog = Catalog(reports=[], subjects={
        "a": [("item", "青石县公路养护站"), ("item", "青石县交通局机关")],
        "b": [("project", "农村公路建设项目")]})
    assert subjects_of("公路养护站执行了多少", catalog)[0] == ("青石县公路养护站",)


def test_a_unit_two_reports_hold_is_not_read_as_either() -> None:
    catalog = Catalog(reports=[], subjects={
        "a": [("item", "青石县公路养护站")], "b": [("item", "白沙县公路养护站")]})
    assert subjects_of("公路养护站执行了多少", catalog)[0] == ()


def test_a_word_inside_a_metric_is_no_unit() -> None:
    catalog = Catalog(reports=[], subjects={"a": [("item", "青石县预算执行")]})
    assert subjects_of("预算执行率是多少", catalog)[0] == ()


def _report(rid: str, department: str) -> ReportRecord:
    return ReportRecord(id=rid, file=f"{rid}.txt", path="", sha256="", kind="txt", title="",
                        department=department, year=2024, aliases=(), embed_model="fake",
                        ingested_at=0.0)


def test_a_unit_two_departments_hold_is_asked_back_with_those_two() -> None:
    catalog = Catalog(reports=[_report("a", "青石县交通局"), _report("b", "白沙县交通局"),
                               _report("c", "红河县民政局")],
                      subjects={"a": [("item", "青石县公路养护站")], "b": [("item", "白沙县公路养护站")],
                                "c": [("project", "养老服务补贴项目")]})
    query = resolve("公路养护站预算多少", catalog)
    assert query.ambiguous == (("公路养护站", ("青石县交通局", "白沙县交通局")),)
    assert query.departments == ()


def test_one_departments_unit_is_answered_from_its_report() -> None:
    catalog = Catalog(reports=[_report("a", "青石县交通局"), _report("c", "红河县民政局")],
                      subjects={"a": [("item", "青石县公路养护站")], "c": [("project", "养老服务补贴项目")]})
    query = resolve("公路养护站预算多少", catalog)
    assert query.departments == ("青石县交通局",) and query.subjects == ("青石县公路养护站",)
