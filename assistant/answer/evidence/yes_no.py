"""A yes/no question about what the report says (X算不算本局的支出？是不是由本局发放？): the
answer is the passage that covers most of the question's content words — the report's own
account decides it — not a figure of an item whose name shares a few words with it. The
passage leads; figures a skill found follow it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.evidence.passages import Sentence, coverage, rank_sentences
from assistant.answer.understand.intent import YES_NO_WORDS
from assistant.answer.understand.types import Cue, Intent, Query

DIGIT = re.compile(r"\d")
MIN_COVERAGE = 0.5  # the passage holds at least this share of the question's content words


def asks_yes_no(query: Query) -> bool:
    """Whether the question asks yes or no about what the report says: not a figure (多少),
    not whether a figure is right (是不是95分: a check of the figures), not a reason."""
    return (Cue.YES_NO in query.cues and query.intent in (Intent.FIGURE, Intent.TEXT)
            and not query.cues & {Cue.HOW_MANY, Cue.WHY} and not DIGIT.search(query.content()))


def deciding_passage(query: Query, pool: Sequence[Sentence]) -> Sentence | None:
    """The sentence of the asked reports that covers most of the question's content words
    (the yes/no words aside), best ranked among equals; None below `MIN_COVERAGE`."""
    content = YES_NO_WORDS.sub(" ", query.content())
    ranked = rank_sentences(content, list(pool))
    best = max(ranked, key=lambda s: coverage(content, s), default=None)  # first of the best ranked
    return best if best is not None and coverage(content, best) >= MIN_COVERAGE else None
