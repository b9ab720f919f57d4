"""Everyday wording read in the report's register before the question is understood."""

import pytest

from assistant.answer.understand.register import plain
from assistant.answer.understand.resolve import Catalog, resolve


@pytest.mark.parametrize("said, metrics, kind", [
    ("基本上的钱花出去了百分之多少", ("基本支出执行率",), "figure"),
    ("去年一共花了多少钱", ("支出",), "figure"),
    ("进账比花出去的多了多少", ("收入", "支出"), "difference"),
    ("这个项目拿了几分", ("自评得分",), "figure"),
])
def test_everyday_money_words_ask_the_metric(said, metrics, kind) -> None:
    q = resolve(said, Catalog(reports=[]))
    assert (q.metrics, q.intent) == (metrics, kind)


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


@pytest.mark.parametrize("said, metrics, kind", [
    # a mixed question whose Chinese names outweigh its English words is still read as English
    ("How much of 某某县农业农村局's 2024 一般公共预算财政拨款 was left unspent?",
     (), "remaining"),
    # "what were" asks for a list here, never "多少"
    ("What were the main problems of 某某县农业农村局 in 2024?", (), "list"),
    ("Does the 执行率 of 某某县农业农村局 match its 支出 and 预算数?", ("执行率", "支出", "预算数"), "reconcile"),
    # a rate worked out from its figures and set against the stated one
    ("Computed from 支出 and 预算数, what is 某某县农业农村局's execution rate, and does it match?",
     (), "rate_check"),
    ("What 执行率 does 某某县农业农村局 state, and what should it be when calculated from 支出 and 预算数?",
     (), "rate_check"),
])
def test_mixed_english_questions(said, metrics, kind) -> None:
    q = resolve(said, Catalog(reports=[]))
    assert q.english and q.intent == kind
    assert q.metrics[:len(metrics)] == metrics


@pytest.mark.parametrize("said, read", [
    ("水务局22年比21年多用了多少", "水务局2022年比2021年多用了多少"),
    ("图书馆21、22两年的收入", "图书馆2021年、2022年两年的收入"),
    ("2021和2022年的预算", "2021年和2022年的预算"),
    # counts of years stay counts
    ("近10年的趋势", "近10年的趋势"),
    ("连续16年达标", "连续16年达标"),
    ("建馆30年来", "建馆30年来"),
])
def test_two_digit_years_are_written_in_full(said, read) -> None:
    assert plain(said) == read


def test_a_two_digit_year_is_the_asked_year() -> None:
    assert resolve("某局23年的支出是多少", Catalog(reports=[])).years == (2023,)


@pytest.mark.parametrize("said, read", [
    ("基本加项目对得上总支出吗", "基本支出加项目支出对得上总支出吗"),
    ("人员和公用加起来多少", "人员经费和公用经费加起来多少"),
    ("基本情况和项目情况", "基本情况和项目情况"),
    ("三公省下多少", "三公经费省下多少"),
    ("“三公”经费省下多少", "“三公”经费省下多少"),
])
def test_the_classes_of_spending_named_by_their_first_word(said, read) -> None:
    assert plain(said) == read
