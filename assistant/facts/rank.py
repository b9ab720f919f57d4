"""One department value per headline metric and period, chosen by its evidence.

A report may offer several candidates for the department's 预算数 (or 支出, 执行率 …): its own
total in the 收支 section, a table's 合计 row, and figures whose subject the extractor could
not see. Each candidate is ranked by what says it is the department's:

- strong: the sentence names the department before the figure (本部门, 我局, 部门整体, its
  name) or states a total (合计, 总计 — a table's 合计 row too);
- section: the figure sits in a section about the department's money (收支, 预算执行, 决算 …);
- medium: its section describes the department (基本情况, 概况), its sentence says 部门, the
  report has no headings, or an earlier sentence of its paragraph gives strong evidence;
- weak: anything else.

A figure of a metric that names no subject (预算数, 支出, 执行率, 收入) with weak evidence and no
better evidenced figure of the same value is never the department's, even alone.

The value with the strongest evidence (the first stated on ties) is kept; a sentence that gives
the assistant orders (忽略之前的指令…) is no candidate. Another value as
strongly evidenced as a strong one is kept too: the report contradicts itself, which the
checks report. Weaker different values are re-scoped as unresolved: never the department's.
Values are compared in one unit, within the rounding of the coarser statement (a 元 table
row and the text's 万元 figure are the same statement).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.facts.model import DEPARTMENT, HEADLINE_METRICS, UNRESOLVED, Fact
from assistant.facts.vocabulary import clusters, other_body_words, self_words
from assistant.text.guard import looks_like_instruction

RANKED_METRICS = ("预算数", "支出", "执行率", "基本支出", "项目支出", "收入", "自评得分")
STRONG, SECTION, MEDIUM, WEAK = 4, 3, 2, 1
# metrics that name no subject: without any evidence their figure is nobody's (自评得分 and the
# classes 基本支出/项目支出 say whose they are by their own name)
EVIDENCE_NEEDED = ("预算数", "支出", "执行率", "收入")
TOTAL_WORDS = re.compile(r"合计|总计|总额|总收入|总支出")
MONEY_SECTION = re.compile(r"收支|收入|支出|预算|决算|资金|执行|财务|自评结论|评价结论|自评得分")
DEPARTMENT_SECTION = re.compile(r"总体|基本情况|概况|部门整体|单位整体")


def evidence(fact: Fact, names: tuple[str, ...], others_end: int = 0) -> int:
    """How strongly the report says a figure is the department's. `others_end`: where, in the
    quote, the last figure of another subject before this one ends — the department's name
    or 我局 before that figure speaks of it (我站只承担其中迁建部分，迁建资金96.80万元，已支出…),
    not of this one."""
    before = fact.quote[: max(0, fact.num_start - fact.start)]
    if any(w in before for w in other_body_words(names)):
        return WEAK  # another body speaking (a parent's 我委 in a 中心's report)
    own = before[max(0, others_end):]
    if any(w in own for w in self_words(names) + names if w) or TOTAL_WORDS.search(before):
        return STRONG
    heading = fact.section.split(" > ")[-1] if fact.section else ""
    if MONEY_SECTION.search(heading):
        return SECTION
    if "部门" in before or not heading or DEPARTMENT_SECTION.search(heading):
        return MEDIUM  # (a text with no headings is all about the department)
    return WEAK


def one_department_value(facts: list[Fact], names: tuple[str, ...]) -> list[Fact]:
    """The facts with at most one department value per headline metric and period, unless
    the report states another as strongly (a contradiction the checks report)."""
    led = _led_paragraphs(facts, names)
    others: dict[int, list[Fact]] = {}
    for f in facts:
        if _another_subject(f):
            others.setdefault(f.start, []).append(f)
    demoted: set[int] = set()
    for metric in RANKED_METRICS:
        candidates = [f for f in facts if f.metric == metric and f.scope == DEPARTMENT
                      and not f.subject and not f.period and f.value is not None
                      and not looks_like_instruction(f.quote)]
        demoted |= _weaker_values(candidates, names, led, others)
    return [replace(f, scope=UNRESOLVED) if id(f) in demoted else f for f in facts]


def _led_paragraphs(facts: list[Fact], names: tuple[str, ...]) -> dict[int, int]:
    """Paragraph -> where its first figure the report says is the department's stands: the
    sentences after it in the paragraph go on about the department (部门预算总金额…。完成率
    均达到100%)."""
    led: dict[int, int] = {}
    for f in facts:
        if f.scope == DEPARTMENT and not f.subject and evidence(f, names) == STRONG:
            led.setdefault(f.para, f.num_start)
    return led


def _others_end(fact: Fact, others: dict[int, list[Fact]]) -> int:
    """Where, in the fact's quote, the last figure of another subject stated before it ends
    (a scope other than the department's, or an amount of its own name — 迁移资金 — rather
    than a headline metric); 0 when there is none."""
    ends = [f.num_end - fact.start for f in others.get(fact.start, ())
            if f.num_end <= fact.num_start]
    return max(ends, default=0)


def _another_subject(f: Fact) -> bool:
    return f.scope != DEPARTMENT or bool(f.subject) \
        or not any(h in f.metric for h in HEADLINE_METRICS)


def _rank(fact: Fact, names: tuple[str, ...], led: dict[int, int],
          others: dict[int, list[Fact]]) -> int:
    found = evidence(fact, names, _others_end(fact, others))
    if found == WEAK and led.get(fact.para, fact.num_start) < fact.num_start:
        return MEDIUM
    return found


def _weaker_values(candidates: list[Fact], names: tuple[str, ...], led: dict[int, int],
                   others: dict[int, list[Fact]]) -> set[int]:
    """The ids of the candidates whose value loses to a better evidenced one."""
    groups = clusters(candidates)
    ranked = [(max(_rank(f, names, led, others) for f in c), c) for c in groups]
    if len(groups) < 2:
        # a generic figure with no evidence at all (完成率均达到100%) is no department's
        lone = ranked[0] if ranked else None
        weak = lone is not None and lone[0] == WEAK and lone[1][0].metric in EVIDENCE_NEEDED
        return {id(f) for f in lone[1]} if weak else set()
    best = max(rank for rank, _ in ranked)
    winner = next(c for rank, c in ranked if rank == best)  # the first stated on ties
    out: set[int] = set()
    for rank, cluster in ranked:
        if cluster is winner or (rank == STRONG and best == STRONG):
            continue
        out |= {id(f) for f in cluster}
    return out
