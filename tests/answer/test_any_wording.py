"""Questions worded as another writer would word them: names joined before a shared tail,
subjects contracted, a project the text names again beside its table row, a ratio asked as
倍 or 几成, a project's figure never stood in for by the department's. Reports, names and
figures here are made up for these tests."""

from __future__ import annotations

import pytest

from assistant.answer.skills.difference import Difference
from assistant.answer.skills.rows import ProjectRows
from assistant.answer.understand.intent import cues_of, row_count
from assistant.answer.understand.resolve import resolve
from assistant.answer.understand.subjects import _abridges
from assistant.answer.understand.types import Catalog, Intent, Query
from assistant.index.records import ReportRecord
from assistant.ingest.aliases import department_aliases
from tests.answer import stub_facts as stub


def _report(rid: str, department: str) -> ReportRecord:
    return ReportRecord(rid, rid, rid, "", "txt", "", department, 2025,
                        tuple(department_aliases(department)[1:]), "fake", 0.0)


# two names joined before the words they share ------------------------------------------------
EAST, WEST, FARM = "青溪县东坪乡卫生院", "青溪县西坪乡卫生院", "青溪县农业农村局"


def _towns() -> Catalog:
    return Catalog([_report("e.txt", EAST), _report("w.txt", WEST), _report("f.txt", FARM)])


@pytest.mark.parametrize("question", [
    "东坪和西坪卫生院哪个支出多？",
    "东坪与西坪乡卫生院的预算分别是多少",
    "东坪、西坪两个乡卫生院全年支出加起来多少？",
])
def test_two_names_joined_before_a_shared_tail_are_two_departments(question: str) -> None:
    q = resolve(question, _towns())
    assert set(q.departments) == {EAST, WEST}


def test_a_word_joined_to_a_name_is_no_department() -> None:
    q = resolve("预算和西坪卫生院的支出是多少？", _towns())
    assert q.departments == (WEST,)


def test_who_has_more_people_asks_the_staff() -> None:
    q = resolve("东坪和西坪卫生院哪个人多？", _towns())
    assert q.metrics == ("在职人员",)


# a subject contracted, its qualifiers in front left out -----------------------------------------
@pytest.mark.parametrize(("said", "name", "reads"), [
    ("管网运维项目", "城区供水管网运行维护项目", True),
    ("特困供养经费", "特困人员供养经费", True),
    ("管网改造项目", "城区供水管网运行维护项目", False),  # 改造 is not in the name
    ("运维项目", "城区供水管网运行维护项目", False),  # too little of the name it spans
])
def test_a_contracted_subject_keeps_order_head_word_and_most_of_its_stretch(said, name, reads) -> None:
    assert _abridges(said, name) is reads


def test_a_contracted_project_is_read_as_the_reports_project() -> None:
    water = _report("s.txt", "青溪县供水站")
    catalog = Catalog([water], {"s.txt": [("project", "城区供水管网运行维护项目"),
                                           ("project", "水质检测设备购置项目")]})
    q = resolve("青溪县供水站那个管网运维项目花了多少？", catalog)
    assert q.subjects == ("城区供水管网运行维护项目",) and not q.named_subject


# a project of the table named again in the text -------------------------------------------------
def test_a_project_the_text_names_again_is_no_row_lacking_its_budget() -> None:
    office = stub.report("o", "青溪县公安局", 2025)
    facts = [stub.fact(n, office, metric, value, scope="project", subject=name, section="二、项目")
             for n, (name, metric, value) in enumerate((
                 ("巡防车辆购置", "预算数", "300"), ("巡防车辆购置", "支出", "280"),
                 ("指挥平台升级", "预算数", "150"), ("指挥平台升级", "支出", "149"),
                 ("指挥平台升级项目", "支出", "149")), 1)]  # the text's sentence, no budget in it
    text = "公安局两个重点项目预算加起来多少"
    q = Query(text=text, report_ids=("o",), departments=(office.department,), metrics=("预算数",),
              cues=cues_of(text), row_count=row_count(text))
    answer = ProjectRows().answer(q, stub.context([office], facts))
    assert answer is not None and not answer.abstained
    assert "合计450万元" in answer.text and "没有给出" not in answer.text


# a project's figure asked of two departments ---------------------------------------------------
def test_a_projects_figure_is_never_the_departments() -> None:
    a, b = stub.report("a", "青溪县东坪乡卫生院", 2025), stub.report("b", "青溪县西坪乡卫生院", 2025)
    facts = [stub.fact(1, a, "支出", "900"), stub.fact(2, b, "支出", "800")]
    q = Query(text="两个卫生院的健康体检项目执行数差多少", report_ids=("a", "b"),
              departments=(a.department, b.department), metrics=("支出",),
              subjects=("健康体检项目",), intent=Intent.DIFFERENCE)
    answer = Difference().answer(q, stub.context([a, b], facts))
    assert answer.abstained and "100" not in answer.text
