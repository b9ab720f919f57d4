"""Label lines: a row a workbook writes as its cells joined by spaces (the lines after a
``工作表：`` line), a label then its bare figures (基本支出 29,384,516.26 占61.45%, 核定编制（名）
96, “三公”经费合计 185,000.00 142,836.50 77.21% 预算数 / 实际支出), outside any table; a label
with clause marks, or a unit right after the figure, is prose. The figures have no unit of
their own: the label's bracket gives it (（人）, （元）), else the caption in force above
(金额单位：元, until the next sheet), else the kind of the label's term (人员 -> 人, 得分 -> 分).

Each line is read as the sentence it stands for ("基本支出29,384,516.26元"), by the same rules
as prose (metric, subject, period); the fact keeps the number as the cell writes it (its raw
text and quote are the line's) and its value converted to the canonical unit. Two amounts and
a rate equal to the second over the first are the label's budget, spending and rate. The
line's own figure wins over a figure its note states under the same metric (年末在职人员（人）
91 其中专业技术人员78人: 91 is the count, 78 a part of it).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.facts.model import Fact
from assistant.facts.vocabulary import CLASS_WORDS, ITEM_WORDS, SOURCE_WORDS, TERMS
from assistant.ingest.normalise import NormText
from assistant.ingest.structure import ReportStructure
from assistant.text.headers import line_unit
from assistant.text.markers import SHEET_LINE_LEAD
from assistant.text.numbers import (
    COUNT,
    MONEY,
    PEOPLE,
    RATE,
    SCORE,
    digits,
    parse_number,
    to_canonical,
)

_NUM = r"[-+]?\d[\d,]*(?:\.\d+)?%?"
LINE = re.compile(rf"^(?P<label>(?:(?:19|20)\d{{2}}年度?)?[^\s\d][^\s]{{1,24}})\s+(?P<figures>{_NUM}(?:\s+{_NUM})*)(?:\s+(?P<note>.*))?$")
FIGURE = re.compile(_NUM)
BRACKET_UNIT = re.compile(r"[（(](万元|亿元|千元|元|人|名|个|分|%)[）)]")
LEAD = re.compile(r"^(?:其中|含)[：:]")
CLAUSE_MARK = re.compile(r"[，,。；;：:、]")  # a label is a cell's name, not a clause
UNIT_NEXT = re.compile(r"^(?:万元|亿元|千元|元|%|人|名|个|分|项)")  # the figure's unit after a blank
TOTAL_TAIL = re.compile(r"(?:合计|总计|小计)$")
KIND_UNIT = {PEOPLE: "人", SCORE: "分", COUNT: "个", RATE: "%"}
CAPTION_MAX = 60
SUBJECT_WORDS = frozenset((*CLASS_WORDS, *ITEM_WORDS, *SOURCE_WORDS))
RATE_SLACK = 0.011  # percentage points: a rate rounded to two decimals


@dataclass(frozen=True)
class Cellular:
    """A figure of a label line: its text and its offsets in the original text."""

    text: str
    start: int
    end: int


# (pseudo sentence) -> [(figure index in the pseudo sentence's unit figures, Decided)]
Decide = Callable[[str], list]


def label_line_facts(norm: NormText, structure: ReportStructure, tables: list[tuple[int, int]],
                     decide: Decide) -> list[Fact]:
    """The facts of every label line outside the tables (spans of the original text): the
    lines of the text as the loader wrote it (width-folded), before normalising joins them."""
    out: list[Fact] = []
    unit, pos, sheet = "", 0, False
    for line in norm.folded.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if stripped.startswith(SHEET_LINE_LEAD):
            unit, sheet = "", True
        elif len(stripped) <= CAPTION_MAX and line_unit(stripped):
            unit = line_unit(stripped)
        if not sheet or any(a <= start < b for a, b in tables):
            continue
        out += _line_facts(norm, structure, line, start, unit, decide)
    return out


def _line_facts(norm: NormText, structure: ReportStructure, line: str, start: int,
                caption: str, decide: Decide) -> list[Fact]:
    lead = len(line) - len(line.lstrip())
    m = LINE.match(line.strip())
    if not m or CLAUSE_MARK.search(LEAD.sub("", m.group("label"))) \
            or UNIT_NEXT.match(m.group("note") or ""):
        return []  # prose (按支出性质分，基本支出 39,185.67 万元): its figures have their units
    label = m.group("label")
    figures = [Cellular(f.group(), start + lead + m.start("figures") + f.start(),
                        start + lead + m.start("figures") + f.end())
               for f in FIGURE.finditer(m.group("figures"))]
    found = _pseudo(label, figures, caption)
    if found is None:
        return []
    pseudo, units, used = found
    facts = []
    for k, decided in decide(pseudo):
        if decided is None or k >= len(used):
            continue
        facts.append(_fact(norm, structure, decided, used[k], units[k], start, start + len(line)))
    return facts


def _pseudo(label: str, figures: list[Cellular], caption: str
            ) -> tuple[str, list[str], list[Cellular]] | None:
    """The sentence the line stands for, the unit of each figure and the figures it reads."""
    bracket = BRACKET_UNIT.search(label)
    name = TOTAL_TAIL.sub("", LEAD.sub("", BRACKET_UNIT.sub("", label)).replace("“", "").replace("”", ""))
    kind = _term_kind(name)
    if kind is None:
        return None
    unit = bracket.group(1) if bracket else (caption if kind == MONEY else KIND_UNIT.get(kind, ""))
    if not unit or (kind == MONEY) != (unit in ("万元", "亿元", "千元", "元")):
        return None
    amounts = [f for f in figures if not f.text.endswith("%")]
    if len(figures) == 1 and amounts:
        return f"{name}{amounts[0].text}{unit}", [unit], amounts
    if kind == MONEY and _budget_spending_rate(figures):
        a, b, r = figures[:3]
        return (f"{name}预算数{a.text}{unit}，{name}{b.text}{unit}，执行率{r.text}",
                [unit, unit, "%"], [a, b, r])
    if len(amounts) == 1 and figures[0] is amounts[0]:  # 基本支出 29,384,516.26 占61.45%
        return f"{name}{amounts[0].text}{unit}", [unit], amounts
    return None


def _term_kind(name: str) -> str | None:
    """The unit kind of the vocabulary term the label ends with (a short qualifier, a year or
    the department's words may stand before it), or None."""
    ends = [t for t in TERMS if name.endswith(t.text)]
    if not ends:  # a class, item or source of money named alone (人员经费, 事业收入)
        return MONEY if name in SUBJECT_WORDS else None
    term = max(ends, key=lambda t: len(t.text))
    return term.kind if len(name) - len(term.text) <= 8 else None


def _budget_spending_rate(figures: list[Cellular]) -> bool:
    """Two amounts and a rate that is the second over the first (185,000.00 142,836.50 77.21%)."""
    if len(figures) < 3 or not figures[2].text.endswith("%") \
            or any(f.text.endswith("%") for f in figures[:2]):
        return False
    a, b = parse_number(figures[0].text), parse_number(figures[1].text)
    rate = parse_number(figures[2].text.rstrip("%"))
    return a > 0 and abs(b / a * 100 - rate) <= RATE_SLACK


def _fact(norm: NormText, structure: ReportStructure, decided, figure: Cellular, unit: str,
          start: int, end: int) -> Fact:
    written = figure.text.rstrip("%")
    value, canonical = to_canonical(parse_number(written), unit)
    n_start, n_end = figure.start, figure.end
    starts = [p.start for p in structure.paragraphs]
    k = max(0, bisect.bisect_right(starts, bisect.bisect_left(norm.offsets, start)) - 1)
    section = " > ".join(structure.paragraphs[k].path) if structure.paragraphs else ""
    return Fact(
        metric=decided.metric, scope=decided.scope, subject=decided.subject, value=value,
        unit=canonical, text_value=f"{digits(written)}{unit}", raw=norm.original[n_start:n_end],
        quote=norm.original[start:end], start=start, end=end, num_start=n_start, num_end=n_end,
        section=section, para=k, period=decided.period)


def with_label_lines(facts: list[Fact], lines: list[Fact]) -> list[Fact]:
    """The facts with the label lines' facts added: a prose reading of a figure in the same
    line under the same metric (a part its note states) gives way to the line's own."""
    if not lines:
        return facts
    at = {f.num_start for f in lines}
    kept = [f for f in facts if f.num_start not in at and not any(
        g.start <= f.num_start < g.end and (g.metric, g.scope, g.subject) == (f.metric, f.scope, f.subject)
        for g in lines)]
    return sorted(kept + lines, key=lambda f: f.num_start)
