"""The operands a computing question names, as (phrase, metric it names or ""): the parts
added up ("A、B和C加起来"), the two sides of a comparison ("A比B多多少") and of an agreement
check ("A与B一致吗"). A phrase that names no metric of the vocabulary is matched later to
the metrics the asked report states (`answer.lookup.stated_metric`)."""

from __future__ import annotations

import re

from assistant.answer.understand.intent import REMAINING, SUM_WORD
from assistant.answer.understand.metrics import metrics_of

Operand = tuple[str, str]
ADDEND_SPLIT = re.compile(r"[、，,和及与跟同]|以及|加上")
COMPARED = re.compile(r"([^，。？?比]{1,16})比([^，。？?]{1,16}?)(?:多|少|高|低|增加|减少|增长|下降|提高|降低)")
AGREE_PAIR = re.compile(r"([^，。？?与和跟同]{1,24})(?:与|和|跟|同)([^，。？?]{1,24}?)(?:是否|是不是)?"
                        r"(?:一致|相符|对得上|对不上|吻合|相等|相同)")


# what an operand names when it is the budget not spent (没花完的钱, 未执行的): 预算数 − 支出, computed
UNSPENT = "未执行金额"


def _operand(piece: str) -> Operand:
    named = metrics_of(piece)
    if not named and REMAINING.search(piece):
        return piece, UNSPENT
    return piece, named[-1] if named else ""


def addends(text: str) -> tuple[Operand, ...]:
    """The items before the sum word (the whole question when it has none), in order."""
    m = SUM_WORD.search(text)
    head = text[:m.start()] if m else text
    return tuple(_operand(p) for p in ADDEND_SPLIT.split(head) if p)


def compared(topic: str) -> tuple[Operand, ...]:
    """The two sides of 比 ("收入比支出多多少"), or ()."""
    m = COMPARED.search(topic)
    return tuple(_operand(m.group(k).strip(" 的")) for k in (1, 2)) if m else ()


def agreed(topic: str) -> tuple[Operand, ...]:
    """The two sides of 与/和 in an agreement check, or ()."""
    m = AGREE_PAIR.search(topic)
    return tuple(_operand(m.group(k).strip(" 的")) for k in (1, 2)) if m else ()


# the whole a ratio is measured against: 是|B|的多少倍, 相当于|B|的几成 (它, 其: the one named before)
AGAINST = re.compile(r"(?:是|相当于|达到了?)([^，。？?]{0,16}?)的(?:多少|几)倍"
                     r"|(?:是|相当于|达到了?)([^，。？?]{0,16}?)的(?:几成|百分之(?:几|多少))")
PRONOUN = re.compile(r"它|其|前者|后者|对方")


def whole_named_first(text: str, mentions: tuple[tuple[int, int], ...]) -> bool:
    """Whether a ratio's whole (what the other figure is measured against) is the first of
    the names the question gives: "县气象局的预算，苇塘分局是它的多少倍", "B的预算，A相当于B的几成"."""
    m = AGAINST.search(text)
    if m is None:
        return False
    group = 1 if m.group(1) is not None else 2
    if PRONOUN.search(m.group(group)):
        return True
    inside = [(a, b) for a, b in mentions if m.start(group) <= a < m.end(group)]
    if not inside:
        return False
    first = min(mentions)
    return inside[0] == first or text[slice(*inside[0])] == text[slice(*first)]  # named again
