"""End to end: before any "未找到", the resolved report's own text answers a colloquially
worded question (evidence.declines with nearest and own_count); an item the report does not
hold stays declined."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.answer.test_facts_route_subjects import _assistant

FOREST = """石门镇林业站2024年度部门整体支出绩效自评报告
一、基本情况
石门镇林业站是全额拨款事业单位。本站核定编制7名，年末在职人员6人，退休人员2人。
二、预算执行情况
全年预算数120.00万元，执行数116.40万元，预算执行率97.00%。
三、绩效目标完成情况
森林防火巡护天数目标300天，实际完成286天，略低于目标。
"""

CULTURE = """白沙镇文化站2024年度部门整体支出绩效自评报告
一、基本情况
白沙镇文化站年末在职人员4人。
二、预算执行情况
全年预算数80.00万元，执行数78.00万元，预算执行率97.50%。
三、绩效目标完成情况
组织送戏下乡演出42场，覆盖全镇18个村。
"""


@pytest.fixture()
def assistant(tmp_path: Path, monkeypatch):
    return _assistant(tmp_path, monkeypatch, {"sm.txt": FOREST, "bs.txt": CULTURE})


def test_a_colloquial_question_is_answered_from_the_passage(assistant) -> None:
    answer = assistant.ask("石门镇林业站巡护天数现在够不够？")
    assert not answer.abstained and "286天" in answer.text
    assert any("286天" in c.quote for c in answer.citations)


def test_a_bare_count_of_people_is_the_departments_staff(assistant) -> None:
    answer = assistant.ask("石门镇林业站现在有多少人？")
    assert not answer.abstained and "6人" in answer.text


def test_an_item_no_passage_holds_stays_declined(assistant) -> None:
    assert assistant.ask("石门镇林业站政府采购花了多少钱？").abstained
    # 离休 is written by no report of this library, yet it says which staff are asked
    assert assistant.ask("石门镇林业站离休人员现在有多少人？").abstained

