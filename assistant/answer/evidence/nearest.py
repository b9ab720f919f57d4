"""Before any "未找到": the sentence of the asked report nearest to the question, scored.

When the item-by-item search (`search`) finds no sentence that holds every asked word, the
question may still be answered by a sentence that says it in other words (……只完成4套（目标6
套） for 完成了几成, where 完成 and the item's name stand apart). Every sentence and table row of the report is scored
against the question by shared character pairs: the question's own runs of Chinese characters
(without the question words, and without the pairs of the department's names and of the
report's title, which say nothing of which sentence holds the item) cut into pairs, each weighted
by how rare it is in that report (a pair on every page — 项目, 支出 — tells little). A sentence
can only answer when it holds a figure of the unit the question asks for (多少人: a number of
人; 花了多少钱: an amount; 几成: a share or two figures of one unit), and, for an amount, one
of the asked role (预算 asks a budget: 安排 is one, 登记金额 is none). The best sentence answers
when its score clears `THRESHOLD` (measured on the tuning sets: above it the best sentence is
the answer's, below it the report does not hold the item).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.answer.evidence.passages import Sentence
from assistant.text.asking import asked_role, asked_unit, content_runs
from assistant.text.numbers import STATES_FIGURE

THRESHOLD = 0.62  # share of the question's weighted character pairs the best sentence holds
MIN_PAIRS = 2  # a question with fewer content pairs says too little to score against
MAX_CHARS = 300  # a longer "sentence" is a whole table flattened: too wide to say one thing


@dataclass(frozen=True)
class Nearest:
    sentence: Sentence
    score: float


def _text_pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def nearest(question: str, names: tuple[str, ...], sentences: Sequence[Sentence],
            figure: bool = False, context: str = "") -> Nearest | None:
    """The sentence nearest to the question (see the module doc), or None when none clears
    the threshold. `names`: the asked department's names, which say nothing of the item;
    `figure`: the question asks for a figure (the sentence must state one); `context`: see `best`."""
    found = best(question, names, sentences, figure, context)
    return found if found is not None and found.score >= THRESHOLD else None


def best(question: str, names: tuple[str, ...], sentences: Sequence[Sentence],
         figure: bool = False, context: str = "") -> Nearest | None:
    """The best-scoring sentence, whatever its score (see `nearest`). `context`: the project
    a project's report is about, which every sentence of it is about."""
    named = {p for name in names for p in _text_pairs(name)}  # the department's, not the item's
    asked = {p for run in content_runs(question, names) for p in _text_pairs(run)} - named
    if len(asked) < MIN_PAIRS or not sentences:
        return None
    unit, role = asked_unit(question), asked_role(question)
    about = _text_pairs(context)
    held = [(s, _text_pairs(s.text) | _text_pairs(s.section.rsplit(" > ", 1)[-1]) | about)
            for s in (r for s in sentences for r in rows_of(s)) if len(s.text) <= MAX_CHARS]
    df = Counter(p for _, have in held for p in have & asked)
    n = len(held)
    # a pair no sentence holds (where two words meet: 更新完成) weighs as a rare one, not more
    weight = {p: math.log((n + 1) / (max(df[p], 1) + 0.5)) for p in asked}
    total = sum(weight.values())
    if total <= 0:
        return None
    top: Nearest | None = None
    for s, have in held:
        if (unit is not None and not unit(s.text)) or (role and not any(w in s.text for w in role)):
            continue  # no figure of the asked unit, or an amount of another role (登记金额 for 预算)
        if (figure or unit is not None) and not STATES_FIGURE.search(s.text):
            continue
        score = sum(weight[p] for p in asked & have) / total
        if top is None or score > top.score:
            top = Nearest(s, score)
    return top


def rows_of(sentence: Sentence) -> list[Sentence]:
    """A sentence that is a whole table (its quote runs over several lines) as one sentence
    per row, each row's cells apart; any other sentence as it is."""
    if "\n" not in sentence.quote.strip():
        return [sentence]
    out: list[Sentence] = []
    at = 0
    for line in sentence.quote.split("\n"):
        text = " ".join(c.strip() for c in line.split("\t") if c.strip())
        if STATES_FIGURE.search(text) or len(text) >= 4:
            start = sentence.start + at
            out.append(replace(sentence, text=text, quote=line, start=start, end=start + len(line)))
        at += len(line) + 1
    return out
