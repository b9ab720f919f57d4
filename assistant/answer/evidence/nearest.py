"""Before any "未找到": the sentence of the asked report nearest to the question, and whether
the report itself vouches for it.

When the item-by-item search (`search`) finds no sentence that holds every asked word, the
question may still be answered by a sentence that says it in other words (……只完成4套（目标6
套） for 完成了几成, where 完成 and the item's name stand apart). Every sentence and table row of
the report is scored against the question by shared character pairs: the question's own runs
of Chinese characters (without the question words, and without the pairs of the department's
names and of the report's title, which say nothing of which sentence holds the item) cut into
pairs, each weighted by how rare it is in that report (a pair on every page — 项目, 支出 —
tells little). A sentence can only answer when it holds a figure of the unit the question asks
for (多少人: a number of 人; 花了多少钱: an amount; 几成: a share or two figures of one unit),
and, for an amount, one of the asked role (预算 asks a budget: 安排 is one, 登记金额 is none).

No fixed score decides. The best sentence answers when the report itself vouches for it
(`Ranking.vouched`):
- it holds the greater part of what the question asks (a majority of its weighted pairs);
- of the asked pairs the report writes anywhere, it holds nearly all (`HELD`): a pair the
  report writes elsewhere but this sentence lacks is part of another item (退休 is written,
  离休 is not: the pairs the report never writes — a typo, the asker's own phrasing — weigh
  neither way);
- it stands apart: every sentence that states other figures scores lower;
- a second, independent ranking agrees: BM25 over the same candidate sentences (jieba words,
  not character pairs) ranks first it or a sentence stating no other figures; when no word of
  the question is a word of any candidate (个科 in 9个科室), the second ranking has nothing to
  say, and the best sentence must hold every asked pair.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from assistant.answer.evidence.passages import Sentence
from assistant.answer.evidence.retrieval import STOP
from assistant.index.bm25 import BM25Index, tokenize
from assistant.text.asking import (
    asked_count,
    asked_role,
    asked_unit,
    content_runs,
    item_words,
    without_phrasing,
)
from assistant.text.numbers import LOOSE_NUMBER, STATES_FIGURE

MIN_PAIRS = 2  # a question with fewer content pairs says too little to score against
MAX_CHARS = 300  # a longer "sentence" is a whole table flattened: too wide to say one thing
MAJORITY = 0.5  # the best sentence holds more than half of what the question asks …
HELD = 0.85  # … and nearly all of what the report writes of it anywhere
Fits = tuple[Callable[[str], bool] | None, tuple[str, ...]]  # a unit's test, a role's words
Written = Callable[[str], bool]  # whether some report of the library writes a word (BM25's)


@dataclass(frozen=True)
class Nearest:
    sentence: Sentence
    score: float  # the share of the question's weighted character pairs the sentence holds


@dataclass(frozen=True)
class Ranking:
    """The candidate sentences of one report, best first (one per text), with what the report
    as a whole holds of the question."""

    candidates: tuple[Nearest, ...]
    held: float  # the share of the question's weighted pairs the report writes anywhere
    words: tuple[str, ...]  # the question's content words (for the second ranking)

    @property
    def top(self) -> Nearest | None:
        return self.candidates[0] if self.candidates else None

    def vouched(self) -> Nearest | None:
        """The best sentence when the report vouches for it (see the module doc), else None."""
        top = self.top
        if top is None or top.score <= MAJORITY or top.score < HELD * self.held:
            return None
        rivals = [c for c in self.candidates[1:] if _rival(c, top)]
        if rivals and rivals[0].score >= top.score:
            return None
        first = lexical_first(self.words, self.candidates)
        if first is None and top.score >= 1.0 - 1e-9:
            return top  # no word of the question is one of theirs: the pairs alone, all held
        return top if first is not None and not _rival(first, top) else None


def _rival(other: Nearest, top: Nearest) -> bool:
    """Whether another sentence states figures the best one does not (the same figures twice —
    a table row and the sentence about it — are one statement)."""
    return bool(set(LOOSE_NUMBER.findall(other.sentence.text)) - set(LOOSE_NUMBER.findall(top.sentence.text)))


def _text_pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def lexical_first(words: Sequence[str], candidates: Sequence[Nearest]) -> Nearest | None:
    """The candidate BM25 ranks first over the candidates' own words and headings (the best
    by character pairs among those it ties), None when it matches none."""
    if not candidates or not words:
        return None
    texts = [f"{c.sentence.text} {c.sentence.section.rsplit(' > ', 1)[-1]}" for c in candidates]
    index = BM25Index.build([str(i) for i in range(len(candidates))], [tokenize(t) for t in texts])
    hits = index.search(words, k=len(candidates))
    if not hits:
        return None
    first = [int(i) for i, score in hits if score >= hits[0][1] - 1e-9]
    return candidates[min(first)]


def nearest(question: str, names: tuple[str, ...], sentences: Sequence[Sentence],
            figure: bool = False, context: str = "", fits: Fits | None = None,
            written: Written | None = None) -> Nearest | None:
    """The sentence nearest to the question when the report vouches for it (see the module
    doc), else None. `names`: the asked department's names, which say nothing of the item;
    `figure`: the question asks for a figure (the sentence must state one); `context`: see `best`;
    `fits`: the unit test and role words the report decides (`stated_units.report_fits`), else
    the question's words; `written`: whether the library writes a word anywhere (see
    `ranking`)."""
    found = ranking(question, names, sentences, figure, context, fits, written)
    return found.vouched() if found is not None else None


def best(question: str, names: tuple[str, ...], sentences: Sequence[Sentence],
         figure: bool = False, context: str = "") -> Nearest | None:
    """The best-scoring sentence, whatever its score (see `nearest`). `context`: the project
    a project's report is about, which every sentence of it is about."""
    found = ranking(question, names, sentences, figure, context)
    return found.top if found is not None else None


def ranking(question: str, names: tuple[str, ...], sentences: Sequence[Sentence],
            figure: bool = False, context: str = "", fits: Fits | None = None,
            written: Written | None = None) -> Ranking | None:
    """The report's sentences that may answer the question, scored (see the module doc);
    None when the question says too little to score against. With `written` (whether any
    report of the library writes a word), the asker's own phrasing — words no report writes
    that name no thing and qualify none: 现在, 够不够 — is left out before scoring
    (`without_phrasing`): it can be in no sentence of any report, so it would only lower every
    score alike. A word that names or qualifies the item (离休人员, even in a library that never
    writes 离休) stays, and when the asked report does not write it either, the report holds
    another item (退休人员), not this one: no sentence answers."""
    named = {p for name in names for p in _text_pairs(name)}  # the department's, not the item's
    runs = content_runs(question, names)
    asked = {p for run in runs for p in _text_pairs(run)} - named
    if len(asked) < MIN_PAIRS or not sentences:
        return None
    if written is not None:  # (the question said enough; what is left of it is scored)
        unit, rest = asked_count(question)
        if unit and unit != "个":  # 几个人: the unit the fits test asks; 几个科: 个 with its noun
            runs = content_runs(rest, names)
        runs = without_phrasing(runs, written)
        asked = {p for run in runs for p in _text_pairs(run)} - named
        whole = " ".join(f"{s.text} {s.section}" for s in sentences)
        if not asked or any(w not in whole for w in item_words(runs) if not written(w)):
            return None  # a word of the item no report writes, this one neither: another item
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
    fits_text = _fits(fits or (asked_unit(question), asked_role(question)), figure)
    best_of: dict[str, Nearest] = {}
    for s, have in held:
        if not fits_text(s.text):
            continue
        score = sum(weight[p] for p in asked & have) / total
        if s.text not in best_of or score > best_of[s.text].score:
            best_of[s.text] = Nearest(s, score)
    candidates = tuple(sorted(best_of.values(), key=lambda c: -c.score))
    words = tuple(t for t in tokenize(" ".join(runs)) if not STOP.match(t) and t not in names)
    return Ranking(candidates, sum(weight[p] for p in asked if df[p]) / total, words)


def _fits(asked: Fits, figure: bool) -> Callable[[str], bool]:
    """Whether a text may answer: a figure of the asked unit, an amount of the asked role."""
    unit, role = asked

    def fits(text: str) -> bool:
        if (unit is not None and not unit(text)) or (role and not any(w in text for w in role)):
            return False  # no figure of the asked unit, or an amount of another role (登记金额 for 预算)
        return not ((figure or unit is not None) and not STATES_FIGURE.search(text))
    return fits


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
