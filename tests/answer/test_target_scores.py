"""Whether a target was met is answered with how the indicator was scored for it (分值, 得分 and
the points lost), from the report's own score table. A report written for these tests."""

from __future__ import annotations

import pytest

from tests.answer.library import ingested

REPORT = """南屏县档案馆2024年度部门整体支出绩效自评报告
一、部门收支情况
2024年全年预算数320.00万元，全年支出310.40万元，预算执行率97.00%。
二、绩效指标完成情况
一级指标 | 三级指标 | 分值 | 年度目标值 | 实际完成值 | 得分
产出指标 | 档案数字化完成率 | 20 | ≥95% | 85% | 17
效益指标 | 查档群众满意度 | 10 | ≥90% | 95% | 10
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    yield ingested(tmp_path_factory.mktemp("targets"), mp, {"da.txt": REPORT})
    mp.undo()


def test_a_missed_target_is_answered_with_its_weight_score_and_points_lost(assistant) -> None:
    answer = assistant.ask("南屏县档案馆2024年档案数字化完成率达到目标了吗？")
    assert "未达到" in answer.text
    assert "分值20分" in answer.text and "得分17分" in answer.text and "扣3分" in answer.text


def test_a_met_target_loses_no_points(assistant) -> None:
    answer = assistant.ask("南屏县档案馆2024年查档群众满意度达到目标了吗？")
    assert "已达到" in answer.text and "扣" not in answer.text
