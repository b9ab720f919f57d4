"""A figure asked of the 部门整体, or of an item the report does not state, is never a
project's or a broader metric's figure: a project's form answers for its project only, and
人员经费支出 is not the unit's 支出."""

from __future__ import annotations

import pytest

from assistant.answer.understand.subjects import named_subject
from tests.answer import library

FORM = """项目支出绩效自评表
（2024年度）
项目名称	湖区巡护设备运维项目
主管部门	己县农业农村局	实施单位	己县渔政站
项目资金（万元）		年初预算数	全年预算数	全年执行数	分值	执行率	得分
	年度资金总额	50.00	52.00	49.40	10	95.00%	9.5
项目自评情况说明
项目全年预算52.00万元，执行49.40万元，执行率95.00%。
"""
UNIT = """庚县档案局2024年度部门整体支出绩效自评报告
一、基本情况
2024年全年预算数300.00万元，全年支出280.00万元，预算执行率93.33%。其中基本支出200.00万元，项目支出80.00万元。
"""

STAFF = """辛县林场2024年度部门整体支出绩效自评报告
一、基本情况
年末在职人员20人。
退休人员5人。
聘用护林人员3人。
人员培训2次。
人员结构总体合理。
2024年全年预算数90.00万元，全年支出88.00万元。
护林防火经费支出6.00万元。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield library.ingested(tmp_path_factory.mktemp("broader"), monkeypatch,
                               {"form.txt": FORM, "unit.txt": UNIT, "staff.txt": STAFF})


def test_a_class_cut_by_a_metric_word_is_the_asked_item() -> None:
    assert named_subject("甲局2024年人员经费支出多少？", [(0, 2), (2, 7)]) == "人员经费"
    assert named_subject("甲局2024年基本支出多少？", [(0, 2), (2, 7)]) == ""


def test_a_class_the_report_lacks_is_not_the_total(assistant) -> None:
    text = assistant.ask("庚县档案局2024年人员经费支出多少？").text
    assert "280.00万元" not in text


def test_the_unit_wide_rate_of_a_project_form_is_declined(assistant) -> None:
    answer = assistant.ask("己县渔政站2024年部门整体预算执行率是多少？")
    assert answer.abstained and "部门整体" in answer.text


def test_a_project_forms_figures_are_its_projects(assistant) -> None:
    text = assistant.ask("己县渔政站2024年执行率是多少？").text
    assert "95.00%" in text and "湖区巡护设备运维项目" in text


def test_a_vocabulary_item_is_never_its_head_word_alone(assistant) -> None:
    """人员经费 asked, the report gives only 护林防火经费 (and 人员 everywhere): not the answer."""
    answer = assistant.ask("辛县林场2024年人员经费是多少？")
    assert "6.00万元" not in answer.text


def test_a_subject_contracted_with_no_department_named_finds_its_unit() -> None:
    from assistant.answer.understand.subjects import subjects_of
    from assistant.answer.understand.types import Catalog

    catalog = Catalog([], {"a": [("project", "重点河湖岸线生态修复")], "b": [("project", "城区道路照明改造")]})
    assert subjects_of("河湖岸线生态修复项目执行了多少？", catalog)[0] == ("重点河湖岸线生态修复",)
    assert subjects_of("照明改造执行了多少？", catalog)[0] == ()  # too short to tell across the library
