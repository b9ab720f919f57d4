"""Whether a target was met (达到目标了吗): the report's sentence that states the target beside
the one that states what was done, and — when both give a figure of one unit — whether the
actual meets the target's bound (不超过: at most; 不低于: at least; see `text.targets`).

The search for the asked item often finds only the actual figure (城区平均出动时间52秒); the
target stands in another sentence, often a long list of the year's goals. Among the asked
report's sentences worded as a target, the one nearest to the question (`nearest.best`)
gives it; the clause of that sentence holding most of the question's character pairs is the
item's, and its figure the target.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from assistant.answer.arithmetic import Operand, Result, ratio
from assistant.answer.evidence.nearest import best
from assistant.answer.evidence.passages import Sentence
from assistant.text.asking import (
    COUNT_UNIT_CHARS,
    FIGURE_UNIT,
    SHARE_ASKED,
    content_runs,
    unit_figures,
)
from assistant.text.targets import CLAUSES, TARGET_SHAPE, bound, in_base

MIN_SCORE = 0.5  # share of the question's weighted pairs the target sentence must hold
# the words of a target question that ask whether it was met, not what it is of
ASKING_MET = ("达到目标", "完成目标", "实现目标", "达标", "达到", "完成", "实现", "目标", "没有")


def target_sentence(question: str, names: tuple[str, ...], pool: Sequence[Sentence],
                    have: Sequence[Sentence]) -> Sentence | None:
    """The sentence that states the asked item's target, when the sentences found (`have`)
    state none; None otherwise."""
    if any(TARGET_SHAPE.search(_item_clause(question, names, s.text)) for s in have):
        return None
    shaped = [s for s in pool if TARGET_SHAPE.search(s.text) and s not in have]
    found = best(_item_question(question), names, shaped, figure=True)
    return found.sentence if found is not None and found.score >= MIN_SCORE else None


def verdict(question: str, names: tuple[str, ...], target: Sentence, actual: Sentence) -> str:
    """"已达到" or "未达到" when the target's and the actual's figures are of one quantity (1分钟
    and 52秒 are), "" when they cannot be compared (no figure, or units of two quantities)."""
    t_clause = _item_clause(question, names, target.text)
    a_clause = _item_clause(question, names, actual.text)
    t, a = unit_figures(t_clause), unit_figures(a_clause)
    if not t or not a:
        return ""
    (goal, t_unit), (done, a_unit) = in_base(*t[0]), in_base(*a[0])
    if t_unit != a_unit:
        return ""
    met = done <= goal if bound(t_clause) == "max" else done >= goal
    return "已达到" if met else "未达到"


def share_done(question: str, names: tuple[str, ...], sentence: Sentence) -> Result | None:
    """What share of its target the asked item reached (完成了几成), when the sentence's clauses
    about it give two figures of one count unit: the one worded as a target (目标6套) and the
    other (完成4套); in a table row with neither worded, the target's column comes first. None
    when the question asks no share or the sentence gives no such pair."""
    if not SHARE_ASKED.search(question):
        return None
    text = sentence.text
    at = text.find(_item_clause(question, names, text))
    figures = [(m, CLAUSES.split(text[:m.start()])[-1]) for m in FIGURE_UNIT.finditer(text[max(at, 0):])]
    counted = [(m, before) for m, before in figures if m.group(2) in COUNT_UNIT_CHARS]
    if len(counted) < 2 or counted[0][0].group(2) != counted[1][0].group(2):
        return None
    (m1, b1), (m2, b2) = counted[:2]
    first_goal = bool(TARGET_SHAPE.search(b1)) or not TARGET_SHAPE.search(b2)
    goal, done = (m1, m2) if first_goal else (m2, m1)
    unit = m1.group(2)
    return ratio(Operand("完成", Decimal(done.group(1).replace(",", "")), unit),
                 Operand("目标", Decimal(goal.group(1).replace(",", "")), unit))


def _item_question(question: str) -> str:
    for w in ASKING_MET:
        question = question.replace(w, " ")
    return question


def _item_clause(question: str, names: tuple[str, ...], text: str) -> str:
    """The clause of the text that holds most of the question's character pairs."""
    asked = {r[i:i + 2] for r in content_runs(_item_question(question), names) for i in range(len(r) - 1)}
    clauses = [c for c in CLAUSES.split(text) if c.strip()]
    return max(clauses, key=lambda c: sum(p in c for p in asked), default=text)
