"""The two levels of a change written from one to the other (执行率由95.78%提高到96.37%,
满意度从88%上升至92%): the first figure is where the metric stood before, the second where it
stands now.

The level reached is the metric's figure of the sentence's period (this year's unless its
clause names another). The level it started from is never the current one: it is the period
its clause names (由2023年的…, 由年初的…), else last year's when the sentence compares years
(上年, 两年, 同比 …); a start level with no period to give it is no fact (precision first).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.facts.model import CURRENT, LAST_YEAR
from assistant.facts.scope import Decided
from assistant.facts.vocabulary import NAMED_YEAR

# 由 / 从 right before the start level (a period and 的 may stand between: 由2023年的)
FROM_BEFORE = re.compile(
    r"(?:由|从)\s*(?:(?:(?:19|20)\d{2}\s*年度?|上年度?|去年|上一年度?|年初)\s*(?:的)?)?\s*$")
# the verb of the change and 到/至/为 between the two levels (提高到, 上升至, 调整为, 降至)
_CHANGE_TO = (
    r"^\s*(?:提高|上升|增加|增长|提升|下降|降低|减少|回落|调整|调增|调减|变化|变动|升|降|增|减)?"
    r"[了]?\s*(?:到|至|为)\s*(?:(?:(?:19|20)\d{2}\s*年度?|本年度?|今年|当年)\s*(?:的)?)?\s*")
CHANGE_TO = re.compile(_CHANGE_TO + "$")
TO_FIGURE = re.compile(_CHANGE_TO + r"(?=[-+]?\d)")
# a sentence that compares years, so that the start level is last year's
YEARS_COMPARED = re.compile(r"上年|上一年|去年|两年|两个年度|同比|年度对比|年度比较")


def is_from_level(window: str, after: str) -> bool:
    """Whether a figure is the start level of a from–to change: 由/从 ends the text before it
    (`window`), and the text after it is the change's verb and 到/至/为, then a figure."""
    return bool(FROM_BEFORE.search(window)) and bool(TO_FIGURE.match(after))


def start_level(decided: Decided, sentence: str) -> Decided | None:
    """The start level's decision: the period its clause named, else last year's when the
    sentence compares years, else None (no fact)."""
    if decided.period != CURRENT:
        return decided
    if not YEARS_COMPARED.search(sentence):
        return None
    return replace(decided, period=LAST_YEAR).filed


def level_reached(window: str, start: Decided | None, named_period) -> Decided | None:
    """The level a from–to change reached: the start level's metric and subject, of the
    period the words after the verb name (提高到2024年的…), else this year's.
    `named_period(digits)` gives the period of a named year."""
    found = CHANGE_TO.match(window) if start is not None else None
    if found is None:
        return None
    year = NAMED_YEAR.search(window)
    period = named_period(year.group(1)) if year else CURRENT
    return replace(start, metric=start.base or start.metric, period=period).filed
