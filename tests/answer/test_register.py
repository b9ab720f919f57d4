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
    ("一开始给了多少预算", "年初预算多少"),
    ("最初安排的预算是多少", "年初预算是多少"),
    ("市里农业局花了多少", "市农业局支出多少"),
    ("城市里的公园", "城市里的公园"),  # 市 inside a word is no level
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


@pytest.mark.parametrize("said, read", [
    ("档案馆24年执行率", "档案馆2024年执行率"),
    ("23年度自评得分多少", "2023年度自评得分多少"),
    ("21年执行数", "2021年执行数"),  # a year the library may lack: asked, then said to be lacking
    ("连续12年达标了吗", "连续12年达标了吗"),  # a span of years, not a year
    ("支出24.5万元", "支出24.5万元"),
    ("已运行12年", "已运行12年"),
    ("80年代的馆舍", "80年代的馆舍"),
    ("服务满25年以上", "服务满25年以上"),
])
def test_a_year_written_with_two_digits_is_read_in_full(said, read) -> None:
    assert plain(said) == read

def test_a_two_digit_year_the_library_lacks_is_that_year_not_the_latest() -> None:
    from assistant.index.records import ReportRecord

    record = ReportRecord(id="r1", file="r1.txt", path="", sha256="", kind="txt", title="",
                          department="某县档案馆", year=2024, aliases=(), embed_model="fake", ingested_at=0.0)
    catalog = Catalog(reports=[record])
    assert resolve("某县档案馆22年执行数", catalog).years == (2022,)


def test_a_year_the_library_lacks_lists_the_years_it_holds_of_that_department() -> None:
    from assistant.answer.skills.ask_back import clarification
    from assistant.index.records import ReportRecord

    def record(rid, department, year):
        return ReportRecord(id=rid, file=f"{rid}.txt", path="", sha256="", kind="txt", title="",
                            department=department, year=year, aliases=(), embed_model="fake",
                            ingested_at=0.0)

    catalog = Catalog(reports=[record("a", "某县档案馆", 2023), record("b", "某县档案馆", 2024),
                               record("c", "某县文化馆", 2022)])
    answer = clarification(resolve("某县档案馆21年执行数", catalog), catalog)
    assert answer is not None and answer.abstained
    assert "没有某县档案馆（2021年）的报告" in answer.text
    assert "2023年、2024年" in answer.text and "文化馆" not in answer.text
