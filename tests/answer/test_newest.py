"""A question naming no year, about a unit with reports of two years: the newest year, said in
one line; a question about the change, or about both years, reads both."""

from __future__ import annotations

import pytest

from assistant.answer.understand import resolve
from tests.answer import library

OLD = """戊县气象站2023年度部门整体支出绩效自评报告
一、基本情况
2023年末在职人员12人。2023年全年预算数60.00万元，全年支出57.00万元，预算执行率95.00%。
"""
NEW = """戊县气象站2024年度部门整体支出绩效自评报告
一、基本情况
2024年末在职人员11人。2024年全年预算数64.00万元，全年支出62.08万元，预算执行率97.00%。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield library.ingested(tmp_path_factory.mktemp("newest"), monkeypatch,
                               {"old.txt": OLD, "new.txt": NEW})


def test_no_year_answers_the_newest_and_says_so(assistant) -> None:
    text = assistant.ask("戊县气象站预算执行率是多少？").text
    assert "按最新年度2024年" in text and "97.00%" in text and "95.00%" not in text


def test_a_named_year_is_that_year(assistant) -> None:
    text = assistant.ask("戊县气象站2023年预算执行率是多少？").text
    assert "95.00%" in text and "最新年度" not in text


@pytest.mark.parametrize("question", ["戊县气象站两年的执行率分别是多少？", "戊县气象站的人是多了还是少了？",
                                      "戊县气象站支出比上年增长了多少？"])
def test_a_change_or_both_years_reads_both(assistant, question) -> None:
    q = resolve(question, assistant.qa.chain.catalog())
    assert len(q.report_ids) == 2 and not q.newest


def test_a_year_named_as_the_base_of_a_change_is_not_the_asked_year(assistant) -> None:
    catalog = assistant.qa.chain.catalog()
    assert resolve("戊县气象站支出比2023年增加了多少？", catalog).years == ()
    assert resolve("戊县气象站2024年支出比2023年增加了多少？", catalog).years == (2024, 2023)
    assert resolve("戊县气象站2023年支出是多少？", catalog).years == (2023,)
