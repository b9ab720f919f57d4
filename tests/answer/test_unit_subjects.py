"""A subordinate unit named without its place (养护站 of 某县养护站) in a question that names
no department is the one unit of the library with that name; several such units name none."""

from __future__ import annotations

from assistant.answer.understand.subjects import subjects_of
from assistant.answer.understand.types import Catalog


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
