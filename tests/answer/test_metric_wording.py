"""Metric words asked another way: a spending item by a head or tail of its name, a score by
几分 or a typo'd 的分, a bare 预算 right after a department's (shortened) name."""

import pytest

from assistant.answer.understand.metrics import item_stems, metrics_of, share_order


@pytest.mark.parametrize("question, metrics", [
    ("某县林业站三公实际支出多少", ("三公经费", "支出")),  # head of 三公经费
    ("某县林业站接待费用了多少", ("公务接待费",)),  # tail of 公务接待费, cut after 公务
    ("某县林业站今年自评几分", ("自评得分",)),
    ("某县林业站今年自评的分是多少", ("自评得分",)),
    ("某县林业站今年得了几分", ("自评得分",)),
    # the genre's name before the score: the score is still read
    ("某县林业站部门整体支出绩效自评得了多少分", ("自评得分",)),
    ("某县林业站部门整体支出绩效自评的分是多少", ("自评得分",)),
    ("某县林业站在职多少人？编制多少？", ("在职人员", "编制数")),  # 编制 as a head count
    ("某县林业站有几个编制", ("编制数",)),
])
def test_metric_asked_another_way(question, metrics) -> None:
    assert metrics_of(question) == metrics


@pytest.mark.parametrize("question", [
    "某县林业站办公经费支出多少",  # 公经费 is cut inside 三公: no name of the item
    "某县林业站项目经费支出多少",  # 经费 belongs to more than one metric
    "某县林业站的绩效分析写了什么",  # 绩效分析 is no score
])
def test_no_item_or_score_read_into_other_words(question) -> None:
    found = metrics_of(question)
    assert "三公经费" not in found and "自评得分" not in found


def test_stems_belong_to_one_item_only() -> None:
    stems = item_stems()
    assert stems["三公"] == "三公经费" and "经费" not in stems and "公务" not in stems


def test_bare_budget_right_after_a_department_name() -> None:
    question = "河西卫监预算多少、花了多少"
    assert metrics_of(question) == ("支出",)  # 卫监预算 alone: some item's budget
    assert metrics_of(question, names=[(0, 4)]) == ("预算数", "支出")


@pytest.mark.parametrize("question, order", [
    ("某县林业站全年预算数当中，基本支出占多少", ("基本支出", "预算数")),  # the whole first
    ("某县林业站基本支出占预算数的比重", ("基本支出", "预算数")),  # the whole after 占
    ("某县林业站基本支出在预算数中占多大比例", ("基本支出", "预算数")),  # the part first
])
def test_a_share_reads_part_and_whole_from_where_they_stand(question, order) -> None:
    assert share_order(question, metrics_of(question)) == order


def test_the_verb_bian_zhi_is_no_head_count() -> None:
    assert "编制数" not in metrics_of("某县林业站编制预算用了多少天")


def test_genre_without_performance_word_is_no_spending_question() -> None:
    from assistant.answer.understand.metrics import metrics_of
    assert "支出" not in metrics_of("这份2023年度单位整体支出自评报告是谁写的？")
    assert "支出" in metrics_of("这个单位2023年整体支出多少？")
