"""A text question whose subject is a heading of the report is answered with the body under
that heading, not with sentences elsewhere that share some of its words."""

from __future__ import annotations

from pathlib import Path

from tests.answer.test_facts_route_subjects import _assistant

REPORT = """某市统计局2023年度部门整体支出绩效自评报告

一、部门基本情况

（一）部门整体支出绩效目标

围绕全市统计调查任务，按时完成经济普查和常规统计报表，确保数据质量，为决策提供可靠依据。

（二）各项工作任务绩效目标完成情况分析

经济普查入户登记全部完成，常规报表按时报送。

二、存在的问题

一是绩效目标设置不够细化，部分指标难以量化。
"""


def test_a_question_naming_a_heading_gets_that_sections_body(tmp_path: Path,
                                                             monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"tj.txt": REPORT})
    answer = a.ask("某市统计局2023年部门整体绩效目标是什么？")
    assert not answer.abstained
    assert "按时完成经济普查和常规统计报表" in answer.text
    assert "难以量化" not in answer.text  # a problem is never offered as the goal
    assert answer.citations and "确保数据质量" in answer.citations[0].quote
