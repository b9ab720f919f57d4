"""A name several departments answer to, asked in the plural, means all of them."""

from __future__ import annotations

import pytest

from assistant.answer.understand.resolve import Catalog, resolve
from assistant.index.records import ReportRecord
from assistant.ingest.aliases import department_aliases

CITY = "岭西市卫生健康委员会"
COUNTY = "岭西市梅溪县卫生健康委员会"


def _catalog() -> Catalog:
    def report(rid: str, department: str) -> ReportRecord:
        return ReportRecord(rid, rid, rid, "", "txt", "", department, 2025,
                            tuple(department_aliases(department)[1:]), "fake", 0.0)
    return Catalog([report("a.txt", CITY), report("b.txt", COUNTY)])


@pytest.mark.parametrize("question", [
    "两个卫生健康委员会的基本支出加起来是多少？",
    "这两家卫生健康委员会的预算分别是多少",
    "各卫生健康委员会的执行率",
])
def test_a_plural_name_means_every_department_it_answers_to(question) -> None:
    q = resolve(question, _catalog())
    assert set(q.departments) == {CITY, COUNTY}
    assert not q.ambiguous


def test_a_singular_name_is_still_asked_back() -> None:
    q = resolve("卫生健康委员会的基本支出是多少？", _catalog())
    assert q.ambiguous and not q.departments


def test_a_shortened_project_is_read_in_the_reports_of_the_plural_name() -> None:
    other = ReportRecord("c.txt", "c.txt", "c.txt", "", "txt", "", "岭西市疾病预防控制中心", 2025,
                         tuple(department_aliases("岭西市疾病预防控制中心")[1:]), "fake", 0.0)
    catalog = Catalog([*_catalog().reports, other],
                      {"a.txt": [("project", "基层医疗机构能力提升项目")],
                       "b.txt": [("project", "基层医疗机构能力提升（县级配套）")],
                       "c.txt": [("project", "基层医疗卫生能力提升项目")],
                       "d.txt": [("project", "基层医疗机构能力提升工作")]})
    q = resolve("两个卫生健康委员会的基层医疗能力提升项目各执行了多少？", catalog)
    assert q.subjects and not q.named_subject


def test_these_two_after_a_turn_naming_two_are_those_two() -> None:
    other = ReportRecord("c.txt", "c.txt", "c.txt", "", "txt", "", "岭西市疾病预防控制中心", 2025,
                         tuple(department_aliases("岭西市疾病预防控制中心")[1:]), "fake", 0.0)
    catalog = Catalog([*_catalog().reports, other])
    first = resolve("比较两个卫生健康委员会的基本支出", catalog)
    q = resolve("这两个委员会的执行率谁高？", catalog, [first])
    assert set(q.departments) == {CITY, COUNTY}
    assert set(resolve("这几家单位的执行率谁高？", catalog).departments) == {CITY, COUNTY, other.department}


def test_a_level_word_between_the_count_and_the_name_keeps_it_plural() -> None:
    def report(rid: str, department: str) -> ReportRecord:
        return ReportRecord(rid, rid, rid, "", "txt", "", department, 2025,
                            tuple(department_aliases(department)[1:]), "fake", 0.0)
    towns = Catalog([report("a.txt", "梅溪县东坪镇卫生院"), report("b.txt", "梅溪县西坪镇卫生院")])
    q = resolve("两个镇卫生院的三公经费加起来多少？", towns)
    assert set(q.departments) == {"梅溪县东坪镇卫生院", "梅溪县西坪镇卫生院"} and not q.ambiguous


def test_an_item_named_as_its_metric_is_labelled_once() -> None:
    from assistant.answer.found import subject_label

    assert subject_label("“三公”经费", "三公经费") == "三公经费"
    assert subject_label("办公楼维修", "支出") == "“办公楼维修”支出"
    assert subject_label("", "支出") == "支出"
