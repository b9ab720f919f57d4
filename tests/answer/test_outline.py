"""A report's heading tree read at question time, whatever its numbering style, and the
problem and measure lists quoted from it when ingest did not read them as items."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.outline import items, outline, topic_of, topic_section
from tests.answer.test_facts_route_subjects import _assistant

PARTS = """某县林业局2024年度部门整体支出绩效自评报告
第一部分 基本情况
一、主要职责
负责全县森林资源保护和造林绿化工作。
二、人员情况
局机关在职人员30人。第二部分 存在问题
一、苗木采购计划偏晚。春季造林用苗到位时间比计划晚两周。
二、护林员培训不足，部分护林员不会使用巡护终端。
第三部分 改进措施
一、提前一个季度编制苗木采购计划。
二、每半年组织一次护林员集中培训。
某县林业局
2025年3月2日
"""


def test_part_headings_nest_the_numbered_ones_and_a_glued_heading_is_split_off() -> None:
    sections = outline(PARTS)
    paths = [s.path for s in sections]
    assert ("第一部分 基本情况", "一、主要职责") in paths
    problems = topic_section(sections, "problem")
    assert problems is not None and problems.title == "存在问题"  # glued to the line before it
    found = [i.text for i in items(problems, sections)]
    assert found == ["一、苗木采购计划偏晚。春季造林用苗到位时间比计划晚两周。",
                     "二、护林员培训不足，部分护林员不会使用巡护终端。"]
    measures = items(topic_section(sections, "measure"), sections)
    assert [i.text for i in measures] == ["一、提前一个季度编制苗木采购计划。", "二、每半年组织一次护林员集中培训。"]


NESTED = """一、年度工作
（一）主要措施
加强巡查，完善台账。
（二）工作成效
森林覆盖率稳定。
二、问题和建议
（一）存在的不足
1.资金到位慢，影响进度。
2.考核指标偏少。
（二）下一步建议
1.提早申请资金。
"""


def test_the_section_that_names_only_the_asked_topic_is_chosen() -> None:
    sections = outline(NESTED)
    assert topic_of("问题和建议") == "problem+measure"
    problems = topic_section(sections, "problem")
    assert problems.path == ("二、问题和建议", "（一）存在的不足")
    measures = topic_section(sections, "measure")
    assert measures.path == ("二、问题和建议", "（二）下一步建议")  # not the 主要措施 taken during the year
    assert [i.text for i in items(problems, sections)] == ["1.资金到位慢，影响进度。", "2.考核指标偏少。"]


def test_a_bare_topic_line_is_a_heading_and_a_table_cell_is_not() -> None:
    sections = outline("概况\n全年完成任务。\n改进措施 | 无 | |\n存在不足\n一是宣传不够；二是经费偏紧。\n")
    problems = topic_section(sections, "problem")
    assert problems is not None and problems.title == "存在不足"
    assert [i.text for i in items(problems, sections)] == ["一是宣传不够", "二是经费偏紧。"]
    assert topic_section(sections, "measure") is None


def test_a_heading_that_mentions_a_topic_word_inside_a_work_item_is_not_that_section() -> None:
    assert topic_of("群众反映问题办理情况") == ""
    assert topic_of("预算安排") == ""
    assert topic_of("存在的主要问题及原因分析") == "problem"


def test_the_problems_of_a_report_in_parts_are_quoted_not_declined(tmp_path: Path, monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"ly.txt": PARTS})
    answer = a.ask("某县林业局2024年存在哪些问题？")
    assert not answer.abstained, answer.text
    assert "苗木采购计划偏晚" in answer.text and "护林员培训不足" in answer.text
    assert "提前一个季度" not in answer.text
    assert len(answer.citations) == 2 and "春季造林用苗" in answer.citations[0].quote
    measures = a.ask("某县林业局下一步有哪些改进措施？")
    assert "每半年组织一次护林员集中培训" in measures.text and "2025年3月2日" not in measures.text


@pytest.mark.parametrize("question", ["接下来准备怎么改？", "今后打算怎么做？", "下一步有哪些改进措施？"])
def test_next_steps_in_other_words_ask_for_the_measures_list(question) -> None:
    from assistant.answer.understand.intent import intent_of
    from assistant.answer.understand.types import Intent

    assert intent_of(question, ()) == (Intent.LIST, "measure")


@pytest.mark.parametrize("question", ["满意度为什么没达标？", "执行率咋这么低？", "预算调整的原因是什么？"])
def test_a_why_question_carries_its_cue(question) -> None:
    from assistant.answer.understand.intent import cues_of
    from assistant.answer.understand.types import Cue

    assert Cue.WHY in cues_of(question)


def test_a_text_question_naming_a_heading_of_any_style_gets_its_items(tmp_path: Path, monkeypatch) -> None:
    report = PARTS.replace("第三部分 改进措施", "第三部分 年度目标完成情况\n一、造林：完成人工造林1.2万亩。\n"
                           "二、护林：全年未发生重大森林火灾。\n第四部分 改进措施")
    a = _assistant(tmp_path, monkeypatch, {"ly.txt": report})
    answer = a.ask("某县林业局2024年年度目标完成得怎么样？")
    assert not answer.abstained, answer.text
    assert "完成人工造林1.2万亩" in answer.text and "全年未发生重大森林火灾" in answer.text
    assert "苗木采购计划偏晚" not in answer.text  # a problem is not what was achieved
