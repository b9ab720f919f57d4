"""A why-question about a numbered item whose title stands as its own sentence ("2.某某工程。")
is answered from the item's body: the body's sentence that gives the cause, though it does not
repeat the item's name."""

from __future__ import annotations

from assistant.answer.evidence.passages import Sentence
from assistant.answer.evidence.reasons import reasons


def _sentences(lines: list[tuple[str, str]]) -> list[Sentence]:
    out, at = [], 0
    for section, text in lines:
        out.append(Sentence("r", section, text, text, at, at + len(text), 0))
        at += len(text) + 1
    return out


PROJECTS = "二、重点项目"
LINES = [
    (PROJECTS, "1.北塘桥梁检测项目。"),
    (PROJECTS, "全年预算50.00万元，实际支出49.10万元。"),
    (PROJECTS, "2.南岸护坡修复工程。"),
    (PROJECTS, "全年预算200.00万元，实际支出160.00万元。"),
    (PROJECTS, "原定9月底交付，因汛期水位偏高延至11月中旬交付。"),
    (PROJECTS, "3.城区路灯更换项目。"),
    (PROJECTS, "因采购流程延长，部分路灯年底才更换。"),
]


def test_the_cause_in_an_items_body_answers_why_it_was_late() -> None:
    got = reasons("南岸护坡修复工程为什么延期交付", _sentences(LINES))
    texts = [s.text for s in got]
    assert texts[0].startswith("原定9月底交付")
    assert "2.南岸护坡修复工程。" in texts
    assert all("路灯" not in t for t in texts)  # the next item's cause is not this item's


def test_a_body_without_a_cause_gives_none_from_the_next_item() -> None:
    got = reasons("北塘桥梁检测项目为什么支出较少", _sentences(LINES))
    assert all("采购流程" not in s.text and "汛期" not in s.text for s in got)


def test_a_sentence_holding_more_of_the_question_replaces_the_retrieved_one() -> None:
    from assistant.answer.evidence.reasons import covering_more

    pool = _sentences([
        ("一、概况", "本局负责全县林业有害生物防治和森林防火工作。"),
        ("二、指标", "森林防火巡查覆盖率：目标为100%，实际为98%，得4分。"),
        ("二、指标", "有害生物成灾率控制在3‰以内。"),
    ])
    retrieved = pool[0]  # shares only 森林防火 with the question
    got = covering_more("森林防火巡查覆盖率目标和实际各是多少", retrieved, pool)
    assert got and got[0].text.startswith("森林防火巡查覆盖率")
    # the retrieved sentence already covers the most: nothing replaces it
    assert covering_more("森林防火巡查覆盖率目标和实际各是多少", pool[1], pool) == []
