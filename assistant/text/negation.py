"""How a question and a report write that something was not done: the asker's 没付, 没花完,
没到 is the report's 未支付, 尚未使用完, 未达到 — a negation, then a verb that may be the longer
word holding the asker's one (付 of 支付, 到 of 达到). The one place that knows the negations."""

from __future__ import annotations

import re
from functools import lru_cache

# the negations a question writes before a verb (没有 first: 没 is its head)
ASKED_NEGATION = re.compile(r"^(?:没有|没能|没|未能|尚未|还没|未|不)(?=[\u4e00-\u9fff])")
# the negations a report writes before a verb
REPORT_NEGATION = r"(?:尚未|仍未|未能|未|没有|没|不)"
VERB_REACH = 1  # characters of the report's verb before the asker's one (支 of 支付)


@lru_cache(maxsize=512)
def negated(word: str) -> re.Pattern[str] | None:
    """What a negated question word (没付) matches in a report's text (未支付, 尚未支付); None
    for a word that is no negation and a verb of one or two characters."""
    m = ASKED_NEGATION.match(word)
    verb = word[m.end():] if m else ""
    if not m or not 1 <= len(verb) <= 2:
        return None
    return re.compile(rf"{REPORT_NEGATION}[\u4e00-\u9fff]{{0,{VERB_REACH}}}{re.escape(verb)}")


def says_not(word: str, text: str) -> bool:
    """Whether the text writes the negated question word in its own words (没付 → 未支付)."""
    pattern = negated(word)
    return bool(pattern and pattern.search(text))
