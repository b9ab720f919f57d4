"""Everyday wording read in the report's register before the question is understood."""

import pytest

from assistant.answer.question import Catalog, resolve
from assistant.answer.understand.register import plain


@pytest.mark.parametrize("said, metrics, kind", [
    ("基本上的钱花出去了百分之多少", ("基本支出执行率",), "figure"),
    ("去年一共花了多少钱", ("支出",), "figure"),
    ("进账比花出去的多了多少", ("收入", "支出"), "difference"),
    ("这个项目拿了几分", ("自评得分",), "figure"),
])
def test_everyday_money_words_ask_the_metric(said, metrics, kind) -> None:
    q = resolve(said, Catalog(reports=[]))
    assert (q.metrics, q.kind) == (metrics, kind)


@pytest.mark.parametrize("said, read", [
    ("那几个单位谁的执行率垫底", "那几个单位谁的执行率最低"),
    ("两个项目的支出加一块儿是多少", "两个项目的支出加起来是多少"),
    ("报告说自己有哪些毛病", "报告说自己有哪些问题"),
    ("满意度咋没达标", "满意度为什么没达标"),
    ("计算方法是啥", "计算方法是什么"),
])
def test_plain_words(said, read) -> None:
    assert plain(said) == read


def test_report_wording_stays() -> None:
    text = "某局2024年项目支出执行率是多少，存在哪些问题"
    assert plain(text) == text
