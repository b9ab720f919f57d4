"""An indicator's target and actual figure read from the report's own sentences, for when the
facts table holds no pair of them: the sentence that names the indicator best (its characters
in order), and in it and the clauses that follow, the figure a target word governs (目标, 力争,
指标值, "…的目标") and the figure stated as achieved (the plain figure, 实际…). A sentence that
lists the year's goals ("绩效目标为：…") states targets only.

Works on any report's wording: the indicator is matched by character order, not by a list of
names, and only the small set of words that mark a target is known here."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from assistant.answer.arithmetic import comparator
from assistant.text.numbers import GROUPED, PLAIN, parse_decimal
from assistant.text.similarity import common_subsequence

SENTENCE = re.compile(r"[^。\n]+")
# a comma between digits groups thousands; 、 parts the items of a list (a list marker 1、 stays)
CLAUSE = re.compile(r"(?:[^，,；;|\t、]|(?<=\d),(?=\d)|(?<=^\d)、|(?<=[^\d]\d)、(?=\D))+")
# a figure with the unit written after it (公里, 座, 户, %, 批次/千人 …)
FIGURE = re.compile(rf"(?<![\d.,])(?P<num>{GROUPED}|{PLAIN})\s*"
                    r"(?P<unit>%|％|个百分点|[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff]{1,2})?)?")
TARGET_BEFORE = re.compile(r"目标|力争|指标值|计划|预期")
TARGET_AFTER = re.compile(r"^\s*的?(?:年度|预期|绩效)?目标")
SIGN_BEFORE = re.compile(r"[≥≤]\s*$|[<>]=\s*$")  # ≥95% in a row of figures: the target
GOAL_LIST = re.compile(r"目标(?:为|是|包括|有)[:：]?|目标[:：]")
NOT_A_FIGURE_UNIT = re.compile(r"^(?:年|月|日|号|季度|时)")  # years, dates: context
LOSS_BEFORE = re.compile(r"扣|得分|分值|占")  # points lost or weights: not the indicator's figure
# a line break inside a sentence (a wrapped PDF line): read as a blank, offsets kept
WRAPPED = re.compile(r"(?<=[\u4e00-\u9fff，、])\n(?=[\u4e00-\u9fff\d])")
WRAP_SHARE = 0.2  # text is wrapped when this share of its lines have the commonest long length
MIN_COVER = 0.6
FOLLOWING = 4  # clauses after the named one that may state its target or actual figure


@dataclass(frozen=True)
class Stated:
    """A figure of the sentence: value, unit, the relation a target is written with."""

    value: Decimal
    unit: str
    text: str
    relation: str = ""


@dataclass(frozen=True)
class TargetReading:
    """The target and the actual figures one sentence states for an indicator (the actual
    candidates in order: the one of the target's unit is taken)."""

    goal: Stated | None
    actuals: tuple[Stated, ...]
    quote: str
    start: int
    end: int
    cover: float


def cover(name: str, text: str) -> float:
    """The share of the name's characters found in order within a stretch of the text twice
    the name's length (characters scattered over a long sentence name nothing)."""
    if not name:
        return 0.0
    width, step = 2 * len(name), max(1, len(name) // 2)
    return max(common_subsequence(name, text[s:s + width]) for s in range(0, max(1, len(text) - width + step), step)) / len(name)


def read_target(text: str, names: tuple[str, ...]) -> tuple[Stated | None, Stated | None,
                                                            list[TargetReading]]:
    """The target and actual of the indicator the names name (the first name that gives both
    wins): each from the best-matching sentence that states it (the two of one unit), with
    the sentences used."""
    flat = unwrapped(text)
    for name in dict.fromkeys(n for n in names if n):
        goal, actual, used = _read_name(text, flat, name)
        if goal is not None and actual is not None:
            return goal, actual, used
    return None, None, []


def unwrapped(text: str) -> str:
    """The text with the line breaks of wrapped lines read as blanks (same offsets): only when
    the text is wrapped at a page width (many lines of one length), and only after such a line."""
    lines = text.split("\n")
    lengths = Counter(len(line) for line in lines if len(line) >= 20)
    if not lengths:
        return text
    width, count = lengths.most_common(1)[0]
    if count < WRAP_SHARE * len([line for line in lines if line.strip()]):
        return text
    out, at = list(text), 0
    for line in lines[:-1]:
        at += len(line)
        if len(line) >= width - 2 and WRAPPED.search(text, max(0, at - 1), at + 2):
            out[at] = " "
        at += 1
    return "".join(out)


def _read_name(text: str, flat: str, name: str):
    readings = sorted((r for r in _readings(text, flat, name) if r.goal or r.actuals),
                      key=lambda r: (-r.cover, not (r.goal and r.actuals)))
    goal_from = next((r for r in readings if r.goal), None)
    if goal_from is None:
        return None, None, []
    goal = goal_from.goal
    used = [goal_from]
    for reading in readings:
        actual = next((a for a in reading.actuals if same_unit(a, goal)), None)
        if actual is not None:
            return goal, actual, used + ([reading] if reading is not goal_from else [])
    return goal, None, used


def same_unit(a: Stated, b: Stated) -> bool:
    return a.unit[:1] == b.unit[:1]


def _readings(text: str, flat: str, name: str):
    for m in SENTENCE.finditer(flat):
        sentence = m.group(0).replace(" ", "")
        if not any(ch.isdigit() for ch in sentence):
            continue
        share = cover(name, sentence)
        if share < MIN_COVER:
            continue
        reading = _read_sentence(sentence, name)
        if reading is not None:
            goal, actuals = reading
            yield TargetReading(goal, actuals, text[m.start():m.end()].strip(), m.start(), m.end(),
                                share)


def _read_sentence(sentence: str, name: str) -> tuple[Stated | None, tuple[Stated, ...]] | None:
    clauses = [c for c in CLAUSE.finditer(sentence)]
    if not clauses:
        return None
    head = name.rsplit("的", 1)[-1] if len(name.rsplit("的", 1)[-1]) >= 2 else name
    at = max(range(len(clauses)), key=lambda i: (cover(head, clauses[i].group(0)),
                                                 cover(name, clauses[i].group(0)), -i))
    first_digit = re.search(r"\d", clauses[at].group(0))
    goals_only = bool(GOAL_LIST.search(sentence[:clauses[at].start() + (first_digit.start() if first_digit else 0)]))
    goal, actuals = None, []
    for clause in clauses[at:at + 1 + FOLLOWING]:
        for role, figure in _figures(clause.group(0), goals_only):
            if role == "goal" and goal is None:
                goal = figure
            elif role == "actual":
                actuals.append(figure)
    return goal, tuple(actuals)


def _figures(clause: str, goals_only: bool):
    """(role, figure) of each figure in a clause: "goal", "actual" or "" (neither)."""
    last = 0
    for m in FIGURE.finditer(clause):
        unit = m.group("unit") or ""
        before, after = clause[last:m.start()], clause[m.end():]
        last = m.end()
        if NOT_A_FIGURE_UNIT.match(unit) or _list_marker(clause, m):
            continue
        value = parse_decimal(m.group("num"))
        if value is None:
            continue
        unit = _unit(unit)
        shown = f"{m.group('num')}{unit}"
        marker = TARGET_BEFORE.search(before) or SIGN_BEFORE.search(before)
        if marker or goals_only:
            window = before[marker.start():] if marker else before
            yield "goal", Stated(value, unit, shown, comparator(window + m.group("num"), "", m.group("num")))
        elif TARGET_AFTER.match(after):
            yield "goal", Stated(value, unit, shown)
        elif LOSS_BEFORE.search(before):
            yield "", None
        else:
            yield "actual", Stated(value, unit, shown)


def _unit(unit: str) -> str:
    """The unit without words that follow it (12座，… / 6,000平方米以上)."""
    unit = unit.replace("％", "%")
    for tail in ("以上", "以下", "以内", "左右", "的", "，"):
        unit = unit.split(tail)[0]
    return unit


def _list_marker(clause: str, m: re.Match) -> bool:
    """1. / 2、 / (3) at a clause's start: a list marker, not a figure."""
    head = clause[:m.start()].strip()
    after = clause[m.end("num"):m.end("num") + 1]
    return (not head and after in (".", "、", "．")) or (head.endswith(("(", "（")) and after in (")", "）"))
