"""Questions of several parts: split by their structure, each part answered under its own
label with its own citations (a part that cannot be answered says so), a later part that
compares with another department follows up on the first part's item; questions that ask
one thing are not split. A total asked item by item is listed with its items."""

from __future__ import annotations

import re

import pytest

from assistant.answer.chain import Conversation
from assistant.answer.evidence.verify import unsupported_numbers
from assistant.answer.understand.parts import clauses_of, split
from tests.answer.library import ingested

# two county water bureaus, written for these tests
EAST = """甲山县水务局2023年度部门整体支出绩效自评报告

一、部门基本情况

（一）部门职能

负责全县水资源管理、河道治理和农村供水工作。

（二）部门整体收支情况

2023年度财政下达预算收入指标1,000.00万元。全年支出900.00万元，部门预算执行率为90.00%。按支出分类：基本支出600.00万元，项目支出300.00万元。

二、综合评价分析

（一）重点任务项目支出完成情况

2023年我局重点任务项目经费支出150.00万元：一是河道清淤工程经费支出90.00万元，用于县城段河道清淤；二是农村饮水安全巡检经费支出60.00万元，用于全县水厂巡检。

三、存在的问题

一是项目前期准备不足，部分工程开工偏晚。二是绩效指标量化程度不高。

四、改进措施

一是提前谋划项目储备。二是细化绩效指标。
"""

WEST = """乙河县水务局2022年度部门整体支出绩效自评报告

一、部门基本情况

（一）部门整体收支情况

2022年度财政下达预算收入指标800.00万元。全年支出760.00万元，部门预算执行率为95.00%。按支出分类：基本支出380.00万元，项目支出380.00万元。

二、存在的问题

一是资金支付进度不均衡。
"""


# a total whose listed items do not add up to it
NORTH = """丙原县林业局2023年度部门整体支出绩效自评报告

一、综合评价分析

本年度全局收入支出总体平衡，收支比率为96.00%。

（一）重点任务项目支出完成情况

2023年我局重点任务项目经费支出100.00万元：一是森林防火巡护经费支出30.00万元；二是苗木培育经费支出40.00万元。

二、存在的问题

一是巡护人员不足。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        yield ingested(tmp_path_factory.mktemp("parts"), mp,
                       {"east.txt": EAST, "west.txt": WEST, "north.txt": NORTH})


def _checked(answer):
    quotes = [c.quote for c in answer.citations]
    assert unsupported_numbers(answer.text, quotes, answer.derived) == [], answer.text
    return answer


def _blocks(text: str) -> list[str]:
    return [b for b in text.split("\n\n") if b.strip()]


def test_a_share_and_a_comparison_with_another_department_are_answered_in_two_parts(assistant) -> None:
    a = _checked(assistant.ask("甲山县水务局2023年项目支出占支出的比重是多少？和乙河县水务局比哪个高？"))
    first, second = _blocks(a.text)
    assert first.startswith("【第一问】") and "33.33%" in first
    assert second.startswith("【第二问】和乙河县水务局比哪个高")
    # the compared department has no 2023 report: its nearest year answers, and says so
    assert "没有乙河县水务局2023年的报告" in second and "2022年报告" in second
    assert "50.00%" in second and "乙河县水务局2022年更高" in second
    # each part's citation marks point to its own citations
    for mark in map(int, re.findall(r"\[(\d+)\]", a.text)):
        assert 1 <= mark <= len(a.citations)
    files = {c.file for c in a.citations}
    assert files == {"east.txt", "west.txt"}


def test_a_part_that_cannot_be_answered_says_so(assistant) -> None:
    a = _checked(assistant.ask("甲山县水务局2023年基本支出是多少，比上年增加了多少？"))
    first, second = _blocks(a.text)
    assert "600.00万元" in first
    assert second.startswith("【第二问】比上年增加了多少") and "报告中未找到" in second
    assert not a.abstained  # one part is answered


def test_a_figure_and_a_list_asked_together_are_both_answered(assistant) -> None:
    a = _checked(assistant.ask("甲山县水务局2023年的预算数和存在的问题分别是什么？"))
    first, second = _blocks(a.text)
    assert "1,000.00万元" in first
    assert "项目前期准备不足" in second and "绩效指标量化程度不高" in second


def test_one_comparison_and_joined_kinds_are_not_split(assistant) -> None:
    catalog = assistant.qa.catalog()
    for question in ("甲山县水务局和乙河县水务局的执行率哪个高？",
                     "甲山县水务局2023年预算数和执行率分别是多少？",
                     "甲山县水务局2023年支出是多少？执行率是多少？",
                     "甲山县水务局2023年基本支出和项目支出加起来是多少？和支出对得上吗？",
                     "甲山县水务局2023年存在哪些问题，下一步怎么改进？"):
        assert split(question, catalog) == [], question
    a = assistant.ask("甲山县水务局和乙河县水务局的执行率哪个高？")
    assert "【第" not in a.text and "95.00%" in a.text and "90.00%" in a.text


def test_a_preface_and_an_each_clause_join_their_neighbours(assistant) -> None:
    catalog = assistant.qa.catalog()
    assert clauses_of("我想了解一下，甲山县水务局2023年的支出是多少？", catalog) == [
        "我想了解一下，甲山县水务局2023年的支出是多少？"]
    assert len(clauses_of("甲山县水务局2023年重点任务项目支出有哪些？各花了多少钱？", catalog)) == 1


def test_a_total_asked_item_by_item_lists_its_items_with_their_figures(assistant) -> None:
    a = _checked(assistant.ask("甲山县水务局2023年重点任务项目支出有哪些？各花了多少钱？"))
    assert "150.00万元" in a.text
    assert "1. 河道清淤工程：支出90.00万元" in a.text
    assert "2. 农村饮水安全巡检：支出60.00万元" in a.text
    assert "各项合计150万元，与总数一致" in a.text
    assert [r["名称"] for r in a.table] == ["河道清淤工程", "农村饮水安全巡检"]
    assert all(r["数值"] for r in a.table)
    # asked as a figure, the total alone
    plain = assistant.ask("甲山县水务局2023年重点任务项目支出是多少？")
    assert "150.00万元" in plain.text and "河道清淤" not in plain.text


def test_the_next_question_follows_up_on_the_last_part(assistant) -> None:
    conversation = Conversation()
    assistant.qa.ask("甲山县水务局2023年项目支出占支出的比重是多少？和乙河县水务局比哪个高？",
                     conversation)
    follow = assistant.qa.ask("基本支出呢？", conversation)
    assert "380.00万元" in follow.text  # the last part's department


def test_parts_stream_under_their_labels(assistant) -> None:
    pieces = list(assistant.qa.stream("甲山县水务局2023年基本支出是多少，比上年增加了多少？"))
    text = "".join(p for p in pieces if isinstance(p, str))
    assert text.index("【第一问】") < text.index("600.00万元") < text.index("【第二问】")
    assert not isinstance(pieces[-1], str) and pieces[-1].text.count("【第") == 2


def test_items_that_do_not_add_up_to_the_total_are_said_to_be_incomplete(assistant) -> None:
    a = _checked(assistant.ask("丙原县林业局2023年重点任务项目支出有哪些？分别是多少？"))
    assert "森林防火巡护：支出30.00万元" in a.text and "苗木培育：支出40.00万元" in a.text
    assert "合计70万元，与总数100万元不一致" in a.text
    assert a.derived and a.derived[0]["value"] == 70.0


def test_long_questions_are_not_read_as_parts(assistant) -> None:
    background = "我们单位今年在做预算，" * 14 + "甲山县水务局2023年支出是多少？执行率呢？"
    assert split(background, assistant.qa.catalog()) == []


def test_a_bare_why_after_which_department_is_asked_with_it(assistant) -> None:
    # the answer to the first clause names what "为什么" is about: one question
    assert split("这些部门里哪个部门的执行率最低，为什么？", assistant.qa.catalog()) == []


def test_the_comma_of_a_figure_ends_no_clause(assistant) -> None:
    clauses = clauses_of("甲山县水务局2023年支出是否为1,000万元，执行率多少？", assistant.qa.catalog())
    assert clauses == ["甲山县水务局2023年支出是否为1,000万元，", "执行率多少？"]


def test_figures_of_two_different_metrics_get_no_verdict(assistant) -> None:
    a = _checked(assistant.ask("甲山县水务局2023年执行率是多少？和丙原县林业局比哪个高？"))
    first, second = _blocks(a.text)
    assert "90.00%" in first and "96.00%" in second and "收支比率" in second
    assert "不是同一指标，不作高低判断" in second and "更高" not in second
    same = assistant.ask("甲山县水务局2023年支出是多少？和乙河县水务局比哪个多？")
    assert "甲山县水务局2023年更多" in same.text  # 900.00 against 760.00 (its 2022 report)


def test_a_free_text_part_says_the_first_parts_item(assistant) -> None:
    question = "甲山县水务局2023年重点任务项目支出是多少？完成情况如何？"
    parts = split(question, assistant.qa.catalog())
    assert [p.ask for p in parts] == ["甲山县水务局2023年重点任务项目支出是多少？",
                                      "甲山县水务局2023年重点任务项目支出完成情况如何？"]
    first, second = _blocks(_checked(assistant.ask(question)).text)
    assert "150.00万元" in first
    assert second.startswith("【第二问】完成情况如何") and "河道清淤" in second


def test_a_department_named_after_the_ask_belongs_to_that_ask(assistant) -> None:
    catalog = assistant.qa.catalog()
    assert clauses_of("部门预算执行率是多少，甲山县水务局？", catalog) == [
        "部门预算执行率是多少，甲山县水务局？"]
    answer = _checked(assistant.ask("部门预算执行率是多少，甲山县水务局？"))
    assert "90.00%" in answer.text and "95.00%" not in answer.text
    # after a clause with its own department, a bare name asks the same of another
    assert len(clauses_of("甲山县水务局2023年的支出是多少？乙河县水务局呢？", catalog)) == 2


def test_a_part_naming_no_department_takes_the_one_the_question_names(assistant) -> None:
    answer = _checked(assistant.ask("部门预算执行率是多少？甲山县水务局2023年的项目支出是多少？"))
    assert "90.00%" in answer.text and "300.00万元" in answer.text, answer.text
    assert "95.00%" not in answer.text and "乙河" not in answer.text, answer.text


def test_a_figure_named_after_its_ask_is_the_object_of_that_ask(assistant) -> None:
    catalog = assistant.qa.catalog()
    # the ask first, what it asks of last, asked only by the question mark: one question
    assert clauses_of("2023年较上年增长了多少，甲山县水务局的项目支出？", catalog) == [
        "2023年较上年增长了多少，甲山县水务局的项目支出？"]
    # a first clause with its own figure: the second is a question of its own
    assert len(clauses_of("甲山县水务局2023年支出是多少，项目支出？", catalog)) == 2
