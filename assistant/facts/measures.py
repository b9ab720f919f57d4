"""An indicator's actual and target in a measure of its own (座, 公里, 万人, 平方公里, 户 …),
stated as a pair: "完成中小河流治理长度10.6公里，年度目标12公里" — the actual after the
indicator's name, then the target in the next clause in the same measure.

The figures of money, rates, scores and counts are read by the extractor's vocabulary; these
measures are not in it, so a figure in one is read only when the report pairs it with a
target in the same measure (the pair says it is an indicator's, and which figure is which).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts.vocabulary import LABEL_VERBS, NAME_FILLERS

_NUM = r"\d[\d,]*(?:\.\d+)?"
PAIR = re.compile(
    rf"(?P<name>[\u4e00-\u9fff]{{2,16}}?)(?:为|达到|达)?(?P<actual>{_NUM})(?P<unit>[\u4e00-\u9fff]{{1,4}}?)"
    r"[，,]\s*(?:年度|全年|年初|计划)?目标值?(?:为|是)?"
    r"(?:不少于|不低于|不超过|不高于|达到)?\s*"
    rf"(?P<target>{_NUM})(?P=unit)")
# measures the vocabulary reads itself (money, rates, scores, counts): not paired here
KNOWN_UNITS = ("万元", "亿元", "千元", "元", "分", "人", "名", "个", "项")


@dataclass(frozen=True)
class MeasurePair:
    name: str
    unit: str
    actual: tuple[int, int]  # the numbers' spans in the sentence
    target: tuple[int, int]


def measure_pairs(sentence: str) -> list[MeasurePair]:
    """The actual/target pairs in a measure of their own that a sentence states."""
    out = []
    for m in PAIR.finditer(sentence):
        unit = m.group("unit")
        if unit in KNOWN_UNITS or unit.startswith(KNOWN_UNITS[:4]):
            continue
        name = LABEL_VERBS.sub("", NAME_FILLERS.sub("", m.group("name")))
        if len(name) < 2:
            continue
        out.append(MeasurePair(name, unit, m.span("actual"), m.span("target")))
    return out
