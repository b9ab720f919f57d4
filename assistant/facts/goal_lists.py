"""Targets a report lists in one sentence, and the results it states for them after it.

"整体绩效目标包括：粮食播种面积稳定在38.5万亩以上、新建高标准农田不少于1.5万亩、建成示范村6个。"
and later "实际完成情况：全县粮食播种面积38.9万亩；新建高标准农田1.62万亩；建成示范村5个，…".

Each 、-separated item of the list is one indicator: its name is the item's words before its
figure, its target that figure in the item's own measure — never a figure or a measure of
another item. Its result is the figure of the same measure in the clause after the list that
names it best (most of the shorter name's characters in order in the other); an item that no later
clause names keeps its target alone. Money is left to the extractor's vocabulary (a list of
amounts is a budget's, not an indicator's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts.model import INDICATOR, Fact
from assistant.facts.vocabulary import LIST_LEAD, RESULT_LEAD, TARGET_LEAD, TARGET_LEAD_END
from assistant.ingest.normalise import NormText
from assistant.ingest.structure import ReportStructure
from assistant.text.numbers import GROUPED, PLAIN, TO_WAN, parse_number
from assistant.text.similarity import common_subsequence

# an item's figure at its end, in a measure of up to four characters (38.5万亩以上, 6个, 98%)
ITEM_FIGURE = re.compile(rf"(?P<num>{GROUPED}|{PLAIN})\s*(?P<unit>%|％|[\u4e00-\u9fff]{{1,4}}?)"
                         r"\s*(?:以上|以下|以内|左右)?\s*$")
# a figure inside a result clause, in some measure
RESULT_FIGURE = re.compile(rf"(?<![\d.,])(?P<num>{GROUPED}|{PLAIN})\s*(?P<unit>%|％|[\u4e00-\u9fff]{{1,4}})")
# the words of the target's relation between the name and the figure
RELATION = re.compile(r"(?:稳定在|保持在|控制在|保持|力争|争取|确保|不少于|不低于|不高于|不超过|不得低于"
                      r"|达到|超过|高于|低于|为|达|≥|≤|>=|<=|＞|＜|>|<)+\s*$")
NAME_LEAD = re.compile(r"^(?:全年|年度|确保|力争|争取|其中)+")
# items end at 、 and ；, and at a comma that does not group a number's thousands (30,000)
ITEM_SPLIT = re.compile(r"[、；;]|(?<!\d)[，,]|[，,](?!\d{3})")
CLAUSE_SPLIT = re.compile(r"[；;。、：:\n]|(?<!\d)[，,]|[，,](?!\d{3})")
SENTENCE_END = re.compile(r"[。\n]")
MIN_ITEMS = 2
MATCH = 0.6  # share of the shorter name found in order in the other
FOLLOWING = 3  # paragraphs after the list that may state its results


@dataclass(frozen=True)
class _Figure:
    name: str
    unit: str
    start: int  # the number's span in the normalised text
    end: int


def goal_list_facts(norm: NormText, structure: ReportStructure) -> list[Fact]:
    """目标值 and 实际值 facts of the indicators every list of targets names."""
    out: list[Fact] = []
    paragraphs = structure.paragraphs
    for k, para in enumerate(paragraphs):
        if para.is_heading:
            continue
        text = norm.text[para.start:para.end]
        goals, list_end = _goals(text, para.start)
        if not goals:
            continue
        later = [(para.start + list_end, para.end)]
        for p in paragraphs[k + 1:k + 1 + FOLLOWING]:
            if p.is_heading:
                break
            later.append((p.start, p.end))
        results = _pair(goals, [c for a, b in later for c in _clauses(norm.text, a, b)])
        for goal in goals:
            out.append(_fact(norm, "目标值", goal, goal, structure))
            if goal in results:
                out.append(_fact(norm, "实际值", goal, results[goal], structure))
    return out


def _goals(text: str, offset: int) -> tuple[list[_Figure], int]:
    """The items of a list of targets the paragraph opens with, and where its sentence ends."""
    lead = LIST_LEAD.match(text)
    words = lead.group("lead") if lead else ""
    if not lead or not TARGET_LEAD.search(words) or not TARGET_LEAD_END.search(words) \
            or RESULT_LEAD.search(words):
        return [], 0
    end = SENTENCE_END.search(text, lead.end())
    stop = end.start() if end else len(text)
    goals, at = [], lead.end()
    for item in ITEM_SPLIT.split(text[lead.end():stop]):
        figure = _goal(item, offset + at)
        at += len(item) + 1
        if figure is not None:
            goals.append(figure)
    return (goals, stop) if len(goals) >= MIN_ITEMS else ([], 0)


def _goal(item: str, offset: int) -> _Figure | None:
    m = ITEM_FIGURE.search(item)
    if m is None or _money(m.group("unit")):
        return None
    name = NAME_LEAD.sub("", RELATION.sub("", item[:m.start()].strip()))
    if len(name) < 2:
        return None
    return _Figure(name, _unit(m.group("unit")), offset + m.start("num"), offset + m.end("num"))


def _clauses(text: str, start: int, end: int) -> list[_Figure]:
    """Every figure of a stretch of text with the words of its clause before it (its label)."""
    out, at = [], start
    for piece in CLAUSE_SPLIT.split(text[start:end]):
        m = RESULT_FIGURE.search(piece)
        if m is not None and not _money(m.group("unit")):
            label = NAME_LEAD.sub("", piece[:m.start()].strip())
            out.append(_Figure(label, _unit(m.group("unit")), at + m.start("num"), at + m.end("num")))
        at += len(piece) + 1
    return out


def _pair(goals: list[_Figure], results: list[_Figure]) -> dict[_Figure, _Figure]:
    """Each target's result: the clause of the same measure that names it best, once each."""
    scored = []
    for g in goals:
        for r in results:
            if not r.unit.startswith(g.unit) or len(r.name) < 2:
                continue
            common = common_subsequence(g.name, r.name)
            share = common / min(len(g.name), len(r.name))
            if share >= MATCH and common >= 2:
                scored.append((share, common, -r.start, g, r))
    out: dict[_Figure, _Figure] = {}
    used: set[int] = set()
    for *_, g, r in sorted(scored, key=lambda s: s[:3], reverse=True):
        if g not in out and r.start not in used:
            out[g] = r
            used.add(r.start)
    return out


def _money(unit: str) -> bool:
    return unit in TO_WAN or unit.startswith(tuple(TO_WAN))


def _unit(unit: str) -> str:
    return "%" if unit in ("%", "％") else unit


def _fact(norm: NormText, metric: str, goal: _Figure, figure: _Figure,
          structure: ReportStructure) -> Fact:
    number = norm.text[figure.start:figure.end]
    value = parse_number(number)  # in the measure as written (名 in 前10名 is no count of people)
    sentence = _sentence(norm.text, figure.start)
    start, end = norm.original_span(*sentence)
    n_start, n_end = norm.original_span(figure.start, figure.end)
    para = next((k for k, p in enumerate(structure.paragraphs) if p.start <= figure.start < p.end), 0)
    section = " > ".join(structure.paragraphs[para].path) if structure.paragraphs else ""
    return Fact(
        metric=metric, scope=INDICATOR, subject=goal.name, value=value, unit=figure.unit,
        text_value=f"{number}{figure.unit}", raw=norm.original[n_start:n_end],
        quote=norm.original[start:end], start=start, end=end, num_start=n_start, num_end=n_end,
        section=section, para=para)


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The sentence around a position: from after the previous 。/line end to the next."""
    begin = max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1
    m = SENTENCE_END.search(text, at)
    return begin, (m.start() + 1 if m and text[m.start()] == "。" else (m.start() if m else len(text)))
