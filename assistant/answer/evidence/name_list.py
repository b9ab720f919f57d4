"""Which units, offices or projects a report names, when it names them in one sentence rather
than as numbered points: the sentence whose 、-joined list of names (three or more) the asked
noun introduces (下属事业单位分别为：甲、乙、丙) or sums up right after it (设甲、乙、丙3个股室).
That sentence is the list answer; a sentence that only counts them is not."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.evidence.passages import Sentence
from assistant.text.markers import NAME_LIST

CLAUSE_END = re.compile(r"[，,；;。]")
SUM_UP_REACH = 8  # characters after the list in which the noun that sums it up stands (…5个股室)


def listing_sentence(head: str, words: Sequence[str], sentences: Sequence[Sentence]) -> Sentence | None:
    """The sentence that lists the names of `head` (the asked noun: 事业单位, 股室): its list
    introduced by the noun or summed up by it; of several, the one holding most of `words`
    (the asked item's other words), then the longest list. None when no sentence does."""
    if not head:
        return None
    best, key = None, (-1, -1)
    for s in sentences:
        for m in NAME_LIST.finditer(s.text):
            # the noun in the list's own clause (行政事业单位内部控制规范，梳理预算、收支… lists
            # no 事业单位), or just after the list
            before = CLAUSE_END.split(s.text[:m.start()])[-1]
            after = s.text[m.end():m.end() + SUM_UP_REACH]
            if head not in before and head not in after:
                continue
            rank = (sum(w in s.text for w in words), m.group(0).count("、"))
            if rank > key:
                best, key = s, rank
    return best
