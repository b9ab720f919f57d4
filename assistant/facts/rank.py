"""One department value per headline metric and period, chosen by its evidence.

A report may offer several candidates for the department's 预算数 (or 支出, 执行率 …): its own
total in the 收支 section, a table's 合计 row, and figures whose subject the extractor could
not see. Each candidate is ranked by what says it is the department's:

- strong: the sentence names the department before the figure (本部门, 我局, 部门整体, its
  name) or states a total (合计, 总计 — a table's 合计 row too);
- medium: the figure sits in a section about the department's money (收支, 预算执行, 决算 …)
  or its sentence says 部门;
- weak: anything else.

The value with the strongest evidence (the first stated on ties) is kept. Another value as
strongly evidenced as a strong one is kept too: the report contradicts itself, which the
checks report. Weaker different values are re-scoped as unresolved: never the department's.
Values are compared in one unit, within the rounding of the coarser statement (a 元 table
row and the text's 万元 figure are the same statement).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.facts.model import DEPARTMENT, UNRESOLVED, Fact
from assistant.facts.vocabulary import SELF_WORDS, same_value

RANKED_METRICS = ("预算数", "支出", "执行率", "基本支出", "项目支出", "收入", "自评得分")
STRONG, MEDIUM, WEAK = 3, 2, 1
TOTAL_WORDS = re.compile(r"合计|总计|总额|总收入|总支出")
MONEY_SECTION = re.compile(r"收支|收入|支出|预算|决算|资金|执行|财务|自评结论|评价结论|总体")


def evidence(fact: Fact, names: tuple[str, ...]) -> int:
    """How strongly the report says a figure is the department's."""
    before = fact.quote[: max(0, fact.num_start - fact.start)]
    if any(w in before for w in SELF_WORDS + names if w) or TOTAL_WORDS.search(before):
        return STRONG
    if "部门" in before or MONEY_SECTION.search(fact.section.split(" > ")[-1] if fact.section else ""):
        return MEDIUM
    return WEAK


def one_department_value(facts: list[Fact], names: tuple[str, ...]) -> list[Fact]:
    """The facts with at most one department value per headline metric and period, unless
    the report states another as strongly (a contradiction the checks report)."""
    demoted: set[int] = set()
    for metric in RANKED_METRICS:
        candidates = [f for f in facts if f.metric == metric and f.scope == DEPARTMENT
                      and not f.subject and not f.period and f.value is not None]
        demoted |= _weaker_values(candidates, names)
    return [replace(f, scope=UNRESOLVED) if id(f) in demoted else f for f in facts]


def _weaker_values(candidates: list[Fact], names: tuple[str, ...]) -> set[int]:
    """The ids of the candidates whose value loses to a better evidenced one."""
    clusters: list[list[Fact]] = []
    for f in candidates:
        home = next((c for c in clusters if same_value(c[0], f)), None)
        if home is None:
            clusters.append([f])
        else:
            home.append(f)
    if len(clusters) < 2:
        return set()
    ranked = [(max(evidence(f, names) for f in c), c) for c in clusters]
    best = max(rank for rank, _ in ranked)
    winner = next(c for rank, c in ranked if rank == best)  # the first stated on ties
    out: set[int] = set()
    for rank, cluster in ranked:
        if cluster is winner or (rank == STRONG and best == STRONG):
            continue
        out |= {id(f) for f in cluster}
    return out
