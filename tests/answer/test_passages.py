"""Sentence evidence: headings and title lines are signposts, not answers; the heading a
sentence stands under counts when judging whether it answers the question."""

from __future__ import annotations

from assistant.answer.evidence.passages import coverage, rank_sentences, sentences_of
from assistant.answer.evidence.retrieval import Hit
from tests.conftest import sample

REPORT = sample("002").read_text(encoding="utf-8")  # 荔湾区政府办 2023, PDF-extracted text
CUT = REPORT.index("（二）部门整体收支情况"), REPORT.index("二、综合评价分析")


def _sentences():
    a, b = CUT
    hit = Hit("c1", "r1", "一、基本情况", REPORT[a:b], REPORT[a:b], a, b, 1.0)
    return sentences_of(hit, REPORT, 0)


def test_headings_and_titles_are_not_evidence_but_label_what_follows() -> None:
    sentences = _sentences()
    texts = [s.text for s in sentences]
    assert not any(t.startswith(("（二）", "（三）", "（四）")) for t in texts)
    goal = next(s for s in sentences if s.text.startswith("在预算年度内"))
    assert goal.section == "一、基本情况 > （三）部门整体支出绩效目标"
    assert REPORT[goal.start:goal.end] == goal.quote  # still a verbatim span
    budget = next(s for s in sentences if "3181.27" in s.text)
    assert budget.section.endswith("（二）部门整体收支情况")


def test_the_body_under_the_asked_heading_answers_the_question() -> None:
    question = "部门整体支出绩效目标是什么"
    ranked = rank_sentences(question, _sentences())
    assert ranked[0].text.startswith("在预算年度内")
    assert coverage(question, ranked[0]) >= 0.5
    assert coverage("三公经费是多少", ranked[0]) == 0.0
