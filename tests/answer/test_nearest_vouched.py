"""The nearest sentence answers only when the asked report vouches for it (evidence.nearest):
it holds most of the question, nearly all of what the report writes of it, stands apart from
the sentences stating other figures, and BM25 over the same sentences agrees."""

from __future__ import annotations

from assistant.answer.evidence.nearest import Nearest, lexical_first, nearest, ranking
from assistant.answer.evidence.passages import Sentence

NAMES = ("白沙镇文化站", "文化站")


def _s(text: str, start: int, section: str = "二、工作开展情况") -> Sentence:
    return Sentence("r9", section, text, text, start, start + len(text), 0)


STAFF = [
    _s("站内现有专业辅导人员6人，负责群众文艺培训。", 0, "一、基本情况"),
    _s("另聘请志愿讲解员协助开展节假日活动。", 30, "一、基本情况"),
    _s("全年支出86.40万元，执行率98.20%。", 60),
    _s("组织送戏下乡演出42场，覆盖全镇18个村。", 90),
]


def test_a_sentence_holding_the_asked_words_in_other_order_answers():
    found = nearest("白沙镇文化站专业辅导人员有多少人？", NAMES, STAFF, figure=True)
    assert found is not None and "6人" in found.sentence.text


def test_a_word_the_report_writes_elsewhere_is_another_item():
    # 志愿讲解员 are written, but in a sentence without a count: the 6人 are others
    assert nearest("白沙镇文化站志愿讲解员有多少人？", NAMES, STAFF, figure=True) is None


def test_two_sentences_with_other_figures_and_the_same_score_leave_it_open():
    pool = [_s("送戏下乡演出完成42场。", 0), _s("送戏下乡演出计划45场。", 20), *STAFF[2:3]]
    assert nearest("文化站送戏下乡演出多少场？", NAMES, pool, figure=True) is None
    # the same figure stated twice (a table row and a sentence) is no rival
    same = [_s("送戏下乡演出完成42场。", 0), _s("送戏下乡演出 42场", 20), *STAFF[2:3]]
    found = nearest("文化站送戏下乡演出多少场？", NAMES, same, figure=True)
    assert found is not None and "42场" in found.sentence.text


def test_the_report_share_is_what_the_report_writes_of_the_question():
    found = ranking("文化站送戏下乡演出多少场？", NAMES, STAFF, figure=True)
    assert found is not None and found.held == 1.0  # every asked pair is written somewhere
    lacking = ranking("文化站非遗传承活动多少场？", NAMES, STAFF, figure=True)
    assert lacking is not None and lacking.held < 0.5


def test_bm25_over_the_candidates_ranks_by_words():
    a = Nearest(_s("辅导培训完成", 0), 0.6)
    b = Nearest(_s("送戏下乡演出42场", 10), 0.5)
    assert lexical_first(["送戏", "下乡"], [a, b]) is b
    assert lexical_first(["辅导"], [a, b]) is a
    assert lexical_first(["图书"], [a, b]) is None
