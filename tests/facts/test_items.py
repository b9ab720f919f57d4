"""Problem and measure lists, wherever a report puts them."""

from __future__ import annotations

from assistant.facts import extract_facts, extract_items
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse

PROJECT_REPORT = """某市科技局2023年度项目绩效自评报告(科技特派员项目)
一、自评结论
(一)自评得分
项目绩效评分98分,自评为优。
(二)存在的问题和原因分析

无。

(三)下一步拟改进措施及有关建议

无。
二、佐证材料
(一)项目基本情况
按照方案开展工作。
"""


def test_lists_in_sub_sections_and_a_bare_none() -> None:
    norm = normalise(PROJECT_REPORT)
    items = extract_items(norm, analyse(norm))
    assert [(i.kind, i.text, i.section) for i in items] == [
        ("problem", "无", "(二)存在的问题和原因分析"),
        ("measure", "无", "(三)下一步拟改进措施及有关建议")]


def test_a_grade_written_as_self_evaluated_as() -> None:
    norm = normalise(PROJECT_REPORT)
    grades = [f.text_value for f in extract_facts(norm, analyse(norm)) if f.metric == "绩效评级"]
    assert grades == ["优"]
