"""Typo tolerance of question words: one wrong character read as the vocabulary's term, never a
real word, a frequent character, a body's name or a term's neighbour taken for a typo."""

import pytest

from assistant.answer.understand.departments import misspells, place_typo
from assistant.answer.understand.resolve import Catalog, resolve
from assistant.answer.understand.tolerant import correct

WORDS = ("已执行", "执行数", "执行率", "项目支出", "年初预算", "年初预算数", "预算数", "自评得分", "培训费")


@pytest.mark.parametrize("typed, read", [
    ("某县水务局今年的项木支出有多少", "某县水务局今年的项目支出有多少"),
    ("某县水务局年初预箅数为多少", "某县水务局年初预算数为多少"),
    ("某县水务局的自评得粉", "某县水务局的自评得分"),
    ("某县水务局执行率多小", "某县水务局执行率多少"),
    ("某县水务局的培训废是多少", "某县水务局的培训费是多少"),  # a library word (a subject)
    # the wrong character beside a word written right (木|执行) is its other neighbour's (项|木)
    ("某县水务局河道清淤项木执行了多少", "某县水务局河道清淤项目执行了多少"),
])
def test_one_wrong_character_is_read_as_the_term(typed, read) -> None:
    assert correct(typed, WORDS)[0] == read


@pytest.mark.parametrize("written", [
    "某县水务局2024年的预算数是多少",  # 年的预算 is no typo of 年初预算: 的 is too frequent
    "报告指出了哪些问题",  # 指出 is a word, not 支出
    "某县水务局2024年部门收入多少",  # 年部 reaches into 部门: no typo of 年初
    "某县发改局的执行率",  # 发改 stands before 局: a name, the department matcher's
    "某县水务局的执行书是多少",  # 执行数 and 执行率 both one character away: left as typed
    "某县水务局预算比去年多了多少",  # 多了: 了 is too frequent to be a typo of 少
    "某县水务局2024年比2023年多执行了多少",  # 多 compares: 多执行 is no typo of 已执行
    "某县水务局还有多少没执行",  # a negation turns the question round: 没执行 is no 已执行
])
def test_what_is_meant_as_written_stays(written) -> None:
    assert correct(written, WORDS)[0] == written


def test_protected_spans_stay() -> None:
    text = "项木局的预算数"
    assert correct(text, WORDS, [(0, 3)])[0] == text


def test_resolve_reads_metric_typos() -> None:
    q = resolve("项目支初是多少", Catalog(reports=[]))
    assert q.metrics == ("项目支出",)


@pytest.mark.parametrize("written", [
    "某县水务局预算执行数是多少",  # 执行数 is written: no typo of 预算执行率
    "全县教育经费总投入是多少",  # 投入 is a word: no typo of 总收入
    "某局有多少离休人员",  # 离休 is a word: no typo of 退休人员
])
def test_a_character_of_a_written_word_is_no_typo(written) -> None:
    words = (*WORDS, "预算执行率", "总收入", "退休人员")
    assert correct(written, words)[0] == written


@pytest.mark.parametrize("said, place, typo", [
    ("白芸区", "白云区", True),  # 白芸 is no place: a typo of the library's 白云区
    ("林江市", "临江市", True),
    ("西城区", "东城区", False),  # 西城 is a place of its own
    ("白芸县", "白云区", False),  # another level
    ("白芸山区", "白云区", False),  # another length
])
def test_place_typo(said, place, typo) -> None:
    assert place_typo(said, place) is typo


def test_a_misspelt_place_names_the_department() -> None:
    assert misspells("白芸区财政局", "临川市白云区财政局")
    assert not misspells("西城区财政局", "临川市东城区财政局")


def test_a_stretch_of_a_library_word_is_written_as_meant() -> None:
    # 自聘 is no typo of 自评 when the library holds a subject 自聘合同人员
    assert correct("自聘合同人员有多少", ("自聘合同人员",))[0] == "自聘合同人员有多少"
    assert correct("自聘合同有多少", ("自聘合同人员",))[0] == "自聘合同有多少"


@pytest.mark.parametrize("typed, read", [
    ("某县林业站全年只出了多少", "某县林业站全年支出了多少"),  # 只: an adverb no term is made of
    ("某县林业站项目只出多少", "某县林业站项目支出多少"),
])
def test_a_frequent_character_no_term_holds_is_a_typo(typed, read) -> None:
    assert correct(typed, WORDS + ("支出", "全年支出"))[0] == read


@pytest.mark.parametrize("written", [
    "某县林业站的预算也是多少",  # 也 ends the stretch 预算也: the sentence goes on
    "某县林业站预算及支出各多少",  # 及 is a conjunction: never a typo
    "某县林业站决算数是多少",  # 决 is a character of a term (决算数): no typo of 预算数
])
def test_a_meaningful_or_trailing_character_stays(written) -> None:
    assert correct(written, WORDS + ("支出", "决算数"))[0] == written
