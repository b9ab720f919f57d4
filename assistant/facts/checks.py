"""Consistency checks over a report's facts; each finding carries the source spans involved.

- rate: a stated 执行率 that disagrees with 支出 / 预算数 (same paragraph first, else the
  department's single stated figures);
- sum: 基本支出 + 项目支出 vs 支出, 人员经费 + 公用经费 vs 基本支出, and 财政拨款收入 +
  其他收入 vs 收入;
- conflict: the same item (metric, scope, subject) stated with different values;
- score: a score above its weight (or above 100 for the overall self-evaluation);
- unit: a 支出 and 预算数 that differ by a factor that smells of 元/万元 mix-ups, and an
  amount written in 元 that is exactly a count of people times a per-person standard in 万元;
- sources: the funding sources listed right after a total (a table's 合计 row and its
  其中 rows) that add up to more than the total, or, three or more of them, to less;
- totals: a table of projects whose 合计 row is not the sum of its project rows;
- growth: a stated change from another period (较上年增长 X%, 增加 Y万元) that this year's and
  that period's stated levels contradict, and a stated budget adjustment (调增 N万元) that is
  not 预算数 − 年初预算数 (`facts.growth`);
- parts: the projects a report says it has (共有N个项目), all listed with their amounts, that
  do not add up to its 项目支出.

Facts are compared like with like: the same scope, subject, period and role (a target or a
change is filed under a metric of its own); a figure whose subject is unresolved is compared
with nothing. Values are compared in one unit, within the rounding of the coarser statement.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from assistant.facts.growth import adjustment_findings, growth_findings
from assistant.facts.vocabulary import SOURCE_WORDS, clusters, same_value, subject_key
from assistant.text.numbers import MONEY, UNIT_FIGURE, unit_kind

UNRESOLVED = "unresolved"  # facts.model.UNRESOLVED: a figure whose subject is not known
RATE_TOLERANCE = 0.06  # percentage points; reports round rates to one or two decimals
SUM_TOLERANCE = 0.015  # 万元
# metrics of changes, not levels (facts.scope files them so): several of them never conflict
CHANGE_METRIC_ENDS = ("增加额", "减少额", "增幅", "降幅", "扣分")
# a deduction stated as the total of the deductions (本年度共扣6分), not one of them
DEDUCTION_TOTAL = re.compile(r"(?:共|合计|累计|总计|一共)\s*扣")


class StoredFact(Protocol):
    """What the checks read of a fact (the store's FactRecord has these fields)."""

    report_id: str
    metric: str
    scope: str
    subject: str
    value: Decimal | float | None
    text_value: str
    quote: str
    start: int
    end: int
    para: int
    period: str
    unit: str
    section: str


@dataclass(frozen=True)
class Source:
    metric: str
    subject: str
    text_value: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Finding:
    report_id: str
    kind: str  # rate | sum | conflict | score | unit
    message: str
    sources: tuple[Source, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {
            "report_id": self.report_id, "kind": self.kind, "message": self.message,
            "sources": [s.__dict__ for s in self.sources],
        }


def check_facts(facts: Iterable[StoredFact]) -> list[Finding]:
    """Findings for facts of any number of reports (the store's fact records)."""
    by_report: dict[str, list[StoredFact]] = defaultdict(list)
    for f in facts:
        by_report[f.report_id].append(f)
    findings: list[Finding] = []
    for report_id, rows in by_report.items():
        findings += _rates(report_id, rows)
        findings += _sums(report_id, rows)
        findings += _basic_parts(report_id, rows)
        findings += _conflicts(report_id, rows)
        findings += _scores(report_id, rows)
        findings += _deductions(report_id, rows)
        findings += _score_table(report_id, rows)
        findings += _units(report_id, rows)
        findings += _unit_slips(report_id, rows)
        findings += _project_parts(report_id, rows)
        findings += _project_totals(report_id, rows)
        findings += _source_parts(report_id, rows)
        findings += growth_findings(report_id, rows, Finding, _src)
        findings += adjustment_findings(report_id, rows, Finding, _src)
    return _one_cause(findings)


def _one_cause(findings: list[Finding]) -> list[Finding]:
    """A total score over 100 that an indicator's score over its weight explains is the same
    finding: keep the indicator's."""
    over = {f.report_id for f in findings if f.kind == "score" and "高于分值" in f.message}
    return [f for f in findings
            if not (f.kind == "score" and "超过满分" in f.message and f.report_id in over)]


def _v(f: StoredFact) -> float | None:
    """The value as a float: the checks compare with tolerances."""
    return None if f.value is None else float(f.value)


def _src(f: StoredFact) -> Source:
    return Source(f.metric, f.subject, f.text_value, f.quote, f.start, f.end)


def _label(f: StoredFact) -> str:
    return f"「{f.subject}」" if f.subject else "部门"


def _period(f: StoredFact) -> str:
    return getattr(f, "period", "") or ""


def _groups(rows: Sequence[StoredFact]) -> dict[tuple[str, str, str, str], list[StoredFact]]:
    """Facts of the same scope, subject and period; an indicator's also of the same section
    (a file of several project forms gives each project's indicators their own place)."""
    groups: dict[tuple[str, str, str, str], list[StoredFact]] = defaultdict(list)
    for f in rows:
        if _v(f) is not None and f.scope != UNRESOLVED:
            place = f.section if f.scope == "indicator" else ""
            groups[(f.scope, subject_key(f.subject), _period(f), place)].append(f)
    return groups


def _rates(report_id: str, rows: Sequence[StoredFact]) -> list[Finding]:
    out = []
    for (scope, *_), group in _groups(rows).items():
        if scope == "indicator":
            continue
        triples = _rate_triples(group)
        for budget, spent, rate in triples:
            if not _v(budget) or not _money(budget, spent):
                continue
            computed = _v(spent) / _v(budget) * 100
            decimals = len(str(rate.text_value).rstrip("%").partition(".")[2])
            tolerance = max(RATE_TOLERANCE, 0.5 * 10 ** -decimals + 0.01)
            if abs(computed - _v(rate)) > tolerance:
                out.append(Finding(
                    report_id, "rate",
                    f"{_label(rate)}执行率写作 {rate.text_value}，但执行数/预算数 = "
                    f"{spent.text_value} / {budget.text_value} = {computed:.2f}%",
                    (_src(budget), _src(spent), _src(rate)),
                ))
    return out


def _money(*facts: StoredFact) -> bool:
    """Whether the operands of a rate are amounts of money: an execution rate is 支出 / 预算数
    in money; an indicator row's 实际值 / 目标值 in 人 or % beside its weight is no such rate."""
    return all(unit_kind(str(f.unit)) == MONEY for f in facts)


def _rate_triples(group: Sequence[StoredFact]) -> list[tuple[StoredFact, StoredFact, StoredFact]]:
    """(预算数, 支出, 执行率) stated together: in one paragraph, else unique in the group."""
    triples = []
    by_para: dict[int, dict[str, StoredFact]] = defaultdict(dict)
    for f in group:
        by_para[f.para].setdefault(f.metric, f)
    used_rates = set()
    for metrics in by_para.values():
        if {"预算数", "支出", "执行率"} <= metrics.keys():
            triples.append((metrics["预算数"], metrics["支出"], metrics["执行率"]))
            used_rates.add(id(metrics["执行率"]))
    single = {}
    for metric in ("预算数", "支出", "执行率"):
        stated = [f for f in group if f.metric == metric]
        if stated and all(same_value(stated[0], f) for f in stated):
            single[metric] = stated[0]
    if len(single) == 3 and not triples:
        triples.append((single["预算数"], single["支出"], single["执行率"]))
    return triples


def _sums(report_id: str, rows: Sequence[StoredFact]) -> list[Finding]:
    dept = [f for f in rows if f.scope == "department" and _v(f) is not None and not _period(f)]
    out = []
    for total, parts in (("支出", ("基本支出", "项目支出")), ("收入", ("财政拨款收入", "其他收入"))):
        totals = [f for f in dept if f.metric == total]
        found = [next((f for f in dept if f.metric == p), None) for p in parts]
        if not totals or any(p is None for p in found) or _other_parts(rows, total, found) \
                or _unread_amounts(found, rows):
            continue
        s = sum(_v(p) for p in found)
        for t in {_v(f): f for f in totals}.values():
            if abs(s - _v(t)) > SUM_TOLERANCE:
                names = " + ".join(f"{p.metric} {p.text_value}" for p in found)
                out.append(Finding(
                    report_id, "sum",
                    f"{names} = {s:.2f}万元，与{total} {t.text_value} 不一致",
                    tuple(_src(p) for p in found) + (_src(t),),
                ))
    return out


def _other_parts(rows: Sequence[StoredFact], total: str, parts: list) -> bool:
    """Whether the paragraphs that list the parts of a total also list another part of the
    same kind (收入: 事业收入 beside 财政拨款收入 and 其他收入): the parts compared are then
    not the complete set the report gives, and their sum says nothing about the total."""
    paras = {p.para for p in parts}
    used = {id(p) for p in parts}
    return any(
        id(f) not in used and f.para in paras and _v(f) is not None and not _period(f)
        and f.unit == parts[0].unit and _peer(f, total)
        for f in rows)


def _unread_amounts(parts: Sequence[StoredFact], rows: Sequence[StoredFact]) -> bool:
    """Whether a sentence that states the parts of a sum also states an amount, after its
    first part, that no fact reads ("其中财政拨款收入X、事业收入Y（…）、其他收入Z" with Y unread):
    the parts read are then not the whole breakdown, and their sum says nothing."""
    read = {f.num_start for f in rows}
    for quote_start, group in _by_sentence(parts).items():
        quote = str(group[0].quote)
        first = min(getattr(p, "num_start", p.start) for p in group) - quote_start
        for m in UNIT_FIGURE.finditer(quote, max(0, first)):
            if unit_kind(m.group("unit")) == MONEY and quote_start + m.start("num") not in read:
                return True
    return False


def _by_sentence(facts: Sequence[StoredFact]) -> dict[int, list[StoredFact]]:
    out: dict[int, list[StoredFact]] = defaultdict(list)
    for f in facts:
        out[f.start].append(f)
    return out


def _peer(f: StoredFact, total: str) -> bool:
    """Whether a fact is a part of `total` of the breakdown the sum checks: income by its
    sources (事业收入 …), spending by its classes (经营支出 …) — a source's spending
    (财政拨款支出) belongs to another breakdown of the same total."""
    if f.scope == "source":
        return total == "收入" and f.metric == total
    if f.scope != "department" or f.metric == total or not f.metric.endswith(total):
        return False
    return total == "收入" or not f.metric.startswith(SOURCE_WORDS)


# 基本支出 = 人员经费 + 公用经费: the two parts as a report names them (classes of spending)
BASIC_PARTS = (("人员经费", "人员支出"), ("公用经费", "日常公用经费"))


def _basic_parts(report_id: str, rows: Sequence[StoredFact]) -> list[Finding]:
    """The department's 基本支出 vs its 人员经费 + 公用经费, each stated once (one value)."""
    current = [f for f in rows if _v(f) is not None and not _period(f) and f.unit == "万元"]
    basic = [f for f in current if f.scope == "department" and not f.subject
             and f.metric == "基本支出"]
    parts = []
    for names in BASIC_PARTS:
        stated = [f for f in current if f.scope == "class" and f.subject in names
                  and f.metric == "支出"]
        if not stated or not all(same_value(stated[0], f) for f in stated):
            return []
        parts.append(stated[0])
    if not basic or not all(same_value(basic[0], f) for f in basic):
        return []
    total = sum(_v(p) for p in parts)
    if abs(total - _v(basic[0])) <= SUM_TOLERANCE:
        return []
    names = " + ".join(f"{p.subject} {p.text_value}" for p in parts)
    return [Finding(
        report_id, "sum", f"{names} = {total:.2f}万元，与基本支出 {basic[0].text_value} 不一致",
        (*(_src(p) for p in parts), _src(basic[0])),
    )]


def _conflicts(report_id: str, rows: Sequence[StoredFact]) -> list[Finding]:
    out = []
    for group in _groups(rows).values():
        by_metric: dict[str, list[StoredFact]] = defaultdict(list)
        for f in group:
            by_metric[f.metric].append(f)
        for metric, stated in by_metric.items():
            values = [c[0] for c in clusters(stated)]
            if len(values) > 1 and not metric.endswith(CHANGE_METRIC_ENDS) \
                    and not _one_sentence(stated) and not _rows_under_one_label(stated):
                listed = "、".join(f.text_value for f in values)
                out.append(Finding(
                    report_id, "conflict",
                    f"{_label(values[0])}{metric}在报告中有不同数值：{listed}",
                    tuple(_src(f) for f in values),
                ))
    return out


def _one_sentence(stated: Sequence[StoredFact]) -> bool:
    """Whether all the figures are stated in one sentence: a sentence that gives one metric
    several values lists several subjects (决策指标9分（满分10分）、过程指标19分（满分20分）…)
    whose names were not read, it does not contradict itself."""
    return len({f.start for f in stated}) == 1


def _rows_under_one_label(stated: Sequence[StoredFact]) -> bool:
    """Whether a named subject's figures all stand in one paragraph or in a run of adjacent
    rows (paragraphs) of one section: the name then heads a group of rows (一级指标 决策 over
    its 二级 rows, a list's lead over its items, a total's sentence under the last item),
    each row of a subject of its own, and their different values contradict nothing. A
    subject stated twice with two values is stated in two places (a table and the prose)."""
    if not stated[0].subject or len({f.section for f in stated}) != 1:
        return False
    paras = sorted({f.para for f in stated})
    return paras[-1] - paras[0] + 1 == len(paras)


def _scores(report_id: str, rows: Sequence[StoredFact]) -> list[Finding]:
    out = []
    for f in rows:
        if f.metric == "自评得分" and _v(f) is not None and _v(f) > 100:
            out.append(Finding(report_id, "score",
                               f"自评得分 {f.text_value} 超过满分 100 分", (_src(f),)))
    for (scope, *_), group in _groups(rows).items():
        if scope != "indicator":
            continue
        for weight, score in _weight_score_pairs(group):
            if _v(score) <= _v(weight) + 1e-9:
                continue
            out.append(Finding(
                report_id, "score",
                f"{_label(score)}得分 {score.text_value} 高于分值 {weight.text_value}",
                (_src(weight), _src(score)),
            ))
    return out


def _weight_score_pairs(group: Sequence[StoredFact]) -> list[tuple[StoredFact, StoredFact]]:
    """An indicator's (分值, 得分) pairs, like with like: when the indicator is stated with one
    weight and one score, that pair; else the pairs stated in one row or sentence, in their
    order there (得分14分（满分15分），…得分19分（满分20分）), where it gives as many of each — a
    total score near the rows of a group is never held against one row's weight."""
    weights = [f for f in group if f.metric == "分值"]
    scores = [f for f in group if f.metric == "得分"]
    if not weights or not scores:
        return []
    if len(clusters(weights)) == 1 and len(clusters(scores)) == 1:
        return [(weights[0], scores[0])]
    pairs = []
    for start in {f.start for f in weights}:
        here_w = sorted((f for f in weights if f.start == start), key=_num_start)
        here_s = sorted((f for f in scores if f.start == start), key=_num_start)
        if len(here_w) == len(here_s):
            pairs += zip(here_w, here_s, strict=True)
    return pairs


def _num_start(f: StoredFact) -> int:
    return getattr(f, "num_start", f.start)


def _deductions(report_id: str, rows: Sequence[StoredFact]) -> list[Finding]:
    """A total self-evaluation score above what the listed deductions leave of 100 (the text
    lists 1 + 2 + 1.4 = 4.4 points off, the total says 96.1). A deduction the extractor missed
    only makes the listed ones fewer, so a total below 100 − deductions is never flagged."""
    totals = [f for f in rows if f.metric == "自评得分" and f.scope == "department"
              and not f.subject and not _period(f) and _v(f) is not None]
    cuts = {(round(_v(f), 4), f.start): f for f in rows if f.metric == "扣分" and _v(f)
            and f.scope != UNRESOLVED}
    if not totals or len(cuts) < 2 or len({round(_v(t), 4) for t in totals}) != 1:
        return []
    stated = [f for f in cuts.values() if DEDUCTION_TOTAL.search(_before(f))]
    parts = stated[:1] or list(cuts.values())
    left = 100 - sum(_v(f) for f in parts)
    total = totals[0]
    if _v(total) <= left + 1e-6:
        return []
    listed = " + ".join(str(f.text_value).rstrip("分") for f in parts)
    return [Finding(
        report_id, "score",
        f"自评得分写作 {total.text_value}，但报告列出的扣分 {listed} 分，100 − 扣分 = {left:g}分",
        (*(_src(f) for f in parts), _src(total)),
    )]


def _score_table(report_id: str, rows: Sequence[StoredFact]) -> list[Finding]:
    """A score table whose total is not the sum of its indicators' scores. Only a complete
    table is added up: one level of indicators whose weights (分值) make exactly 100, each
    with its score, in the section that states the total (so a table giving the 一级 and the
    三级 levels, or a partial list, is never summed)."""
    totals = [f for f in rows if f.metric == "自评得分" and f.scope == "department"
              and not f.subject and not _period(f) and _v(f) is not None]
    for total in totals:
        here = [f for f in rows if f.scope == "indicator" and f.section == total.section
                and _v(f) is not None and f.metric in ("分值", "得分")]
        weights: dict[tuple, StoredFact] = {}
        scores: dict[tuple, StoredFact] = {}
        heads = _group_heads(here)
        for f in here:
            key = (subject_key(f.subject), f.para if subject_key(f.subject) in heads else -1)
            (weights if f.metric == "分值" else scores).setdefault(key, f)
        if len(weights) < 3 or set(weights) != set(scores) \
                or abs(sum(_v(w) for w in weights.values()) - 100) > 1e-6:
            continue
        s = sum(_v(f) for f in scores.values())
        if abs(s - _v(total)) > 1e-6:
            return [Finding(  # a sum: its note stands after the stated total only
                report_id, "sum",
                f"自评得分写作 {total.text_value}，但评分表{len(scores)}项指标得分之和为 {s:g}分",
                (*(_src(f) for f in scores.values()), _src(total)),
            )]
    return []


def _group_heads(facts: Sequence[StoredFact]) -> set[str]:
    """The indicator names that head a group of rows: their 分值 differ from row to row of one
    run of adjacent rows (一级指标 决策 merged over its 二级 rows), so each row is an indicator
    of its own."""
    by_name: dict[str, list[StoredFact]] = defaultdict(list)
    for f in facts:
        if f.metric == "分值":
            by_name[subject_key(f.subject)].append(f)
    return {name for name, stated in by_name.items()
            if len({f.para for f in stated}) > 1 and _rows_under_one_label(stated)}


def _before(f: StoredFact) -> str:
    """The text of a fact's quote before its number."""
    offset = getattr(f, "num_start", f.start) - f.start
    return str(f.quote)[: max(0, offset)]


def _units(report_id: str, rows: Sequence[StoredFact]) -> list[Finding]:
    out = []
    for group in _groups(rows).values():
        budgets = [f for f in group if f.metric == "预算数" and _v(f)]
        spends = [f for f in group if f.metric == "支出" and _v(f)]
        for b in budgets:
            for s in spends:
                if s.para != b.para:
                    continue
                ratio = _v(s) / _v(b)
                if ratio > 50 or ratio < 0.002:
                    out.append(Finding(
                        report_id, "unit",
                        f"{_label(b)}支出 {s.text_value} 与预算数 {b.text_value} 相差"
                        f" {ratio:.4g} 倍，可能混用了元与万元",
                        (_src(b), _src(s)),
                    ))
    return out


SLIP_TOLERANCE = 0.005  # relative


def _unit_slips(report_id: str, rows: Sequence[StoredFact]) -> list[Finding]:
    """An amount written in 元 that equals, in 万元, a count of people times a per-person
    standard stated in the same report ("慰问120人，标准300元/人" and "配套3.6元")."""
    people = [f for f in rows if f.unit == "人" and _v(f)]
    standards = [f for f in rows if str(f.unit).endswith("/人") and _v(f)]
    amounts = [f for f in rows if _written_in_yuan(f) and _v(f)]
    out = []
    for n in people:
        for per in standards:
            per_yuan = _v(per) * (10000 if str(per.unit).startswith("万元") else 1)
            product = _v(n) * per_yuan  # 元
            for a in amounts:
                stated_yuan = _v(a) * 10000
                if abs(stated_yuan * 10000 - product) <= SLIP_TOLERANCE * product:
                    out.append(Finding(
                        report_id, "unit",
                        f"{_label(a)}金额写作 {a.text_value}，但 {n.text_value} × {per.text_value}"
                        f" = {product:,.0f}元 = {product / 10000:g}万元：单位疑应为万元",
                        (_src(n), _src(per), _src(a)),
                    ))
    return out


def _written_in_yuan(f: StoredFact) -> bool:
    """A money fact whose figure the report writes in 元 (not 万元/亿元/千元)."""
    text = str(f.text_value)
    return f.unit == "万元" and text.endswith("元") and not text.endswith(("万元", "亿元", "千元"))


PROJECT_AMOUNTS = ("预算数", "金额", "支出")


def _project_parts(report_id: str, rows: Sequence[StoredFact]) -> list[Finding]:
    """The report says how many projects it has and lists that many with their amounts: the
    amounts should add up to its 项目支出."""
    current = [f for f in rows if _v(f) is not None and not _period(f)]
    counts = [f for f in current if f.scope == "department" and f.metric == "项目数"]
    spend = [f for f in current if f.scope == "department" and f.metric == "项目支出"]
    amounts: dict[str, StoredFact] = {}
    for f in current:
        if f.scope == "project" and f.metric in PROJECT_AMOUNTS and f.unit == "万元":
            amounts.setdefault(subject_key(f.subject), f)
    if len(counts) != 1 or len(spend) != 1 or not amounts:
        return []
    if int(_v(counts[0])) != len(amounts):
        return []
    total = sum(_v(f) for f in amounts.values())
    if abs(total - _v(spend[0])) <= SUM_TOLERANCE:
        return []
    listed = " + ".join(f"{_label(f)}{f.text_value}" for f in amounts.values())
    return [Finding(
        report_id, "sum",
        f"报告共有{counts[0].text_value}项目：{listed} = {total:.2f}万元，与项目支出"
        f" {spend[0].text_value} 不一致",
        (_src(counts[0]), *(_src(f) for f in amounts.values()), _src(spend[0])),
    )]


TOTAL_ROW = re.compile(r"^(?:合计|总计|小计)$")
TOTAL_ROW_METRICS = ("预算数", "支出")


def _project_totals(report_id: str, rows: Sequence[StoredFact]) -> list[Finding]:
    """A table of projects' 合计 row vs the sum of the project rows above it (one metric, one
    section, since the previous total). Only a table read whole is added up: its rows stand
    in consecutive paragraphs right above the 合计 row, every one read as a project (a row
    read as another kind of subject, or a row left unread, leaves a part out of the sum)."""
    out = []
    for metric in TOTAL_ROW_METRICS:
        stated = sorted((f for f in rows if f.metric == metric and _v(f) is not None
                         and not _period(f)), key=lambda f: f.start)
        same = [f for f in stated if f.scope == "project" and f.unit == "万元"]
        parts: list[StoredFact] = []
        for f in same:
            if parts and f.section != parts[-1].section:
                parts = []
            if not TOTAL_ROW.match(f.subject):
                parts.append(f)
                continue
            total = sum(_v(p) for p in parts)
            if len(parts) >= 2 and abs(total - _v(f)) > SUM_TOLERANCE \
                    and _read_whole(parts, f, stated):
                listed = " + ".join(str(p.text_value) for p in parts)
                out.append(Finding(
                    report_id, "sum",
                    f"{metric}合计写作 {f.text_value}，但各项目{metric}之和 {listed} = {total:.2f}万元",
                    (*(_src(p) for p in parts), _src(f)),
                ))
            parts = []
    return out


def _read_whole(parts: list[StoredFact], total: StoredFact, stated: list[StoredFact]) -> bool:
    """Whether the project rows summed are the whole table above its 合计 row: they fill the
    paragraphs (rows) from the first of them to the total without a gap, and the row just
    above the first holds no figure of the metric read as another subject's (a project row
    taken for a funding source's) — nor does any row in between."""
    paras = sorted({p.para for p in parts})
    if paras != list(range(paras[0], paras[0] + len(paras))) or total.para not in (
            paras[-1], paras[-1] + 1):
        return False
    used = {id(p) for p in parts}
    return not any(
        id(f) not in used and f is not total and f.section == total.section
        and paras[0] - 1 <= f.para <= total.para and f.scope != "department"
        for f in stated)


SOURCE_REACH = 800  # characters: how far after a total its sources are listed
SOURCE_METRICS = ("支出", "预算数", "年初预算数", "收入")


def _source_parts(report_id: str, rows: Sequence[StoredFact]) -> list[Finding]:
    """Funding sources listed together, and the total (the department's or a project's) just
    before or just after them in the same section (a table's 合计 row at its top or foot):
    more than the total is always wrong; three or more sources (a table's full breakdown)
    must add up to it. When both neighbours are totals, agreeing with either is enough."""
    out = []
    for metric in SOURCE_METRICS:
        same = sorted((f for f in rows if f.metric == metric and _v(f) is not None
                       and f.unit == "万元"), key=lambda f: f.start)
        k = 0
        while k < len(same):
            if same[k].scope != "source":
                k += 1
                continue
            end = k
            while end < len(same) and same[end].scope == "source" \
                    and same[end].section == same[k].section:
                end += 1
            parts = _distinct(same[k:end])
            totals = [t for t in (same[k - 1] if k else None, same[end] if end < len(same) else None)
                      if t is not None and _is_total_of(t, parts)]
            found = [_compare_parts(report_id, t, parts) for t in totals]
            if found and all(found):
                out += found[0]
            k = end
    return out


def _distinct(parts: list[StoredFact]) -> list[StoredFact]:
    """The sources once each: a source stated twice with the same value (the text's 万元 and
    a table's 元) is one part."""
    out: list[StoredFact] = []
    for p in parts:
        if not any(subject_key(p.subject) == subject_key(q.subject) and same_value(p, q)
                   for q in out):
            out.append(p)
    return out


def _is_total_of(total: StoredFact, parts: list[StoredFact]) -> bool:
    return (total.scope in ("department", "project") and total.section == parts[0].section
            and abs(total.start - parts[0].start) <= SOURCE_REACH)


def _compare_parts(report_id: str, total: StoredFact, parts: list[StoredFact]) -> list[Finding]:
    if len(parts) < 2:
        return []
    s = sum(_v(p) for p in parts)
    if abs(s - _v(total)) <= SUM_TOLERANCE or (s < _v(total) and len(parts) < 3):
        return []
    names = " + ".join(f"{p.subject} {p.text_value}" for p in parts)
    return [Finding(
        report_id, "sum",
        f"{names} = {s:.2f}万元，与{_label(total)}{total.metric} {total.text_value} 不一致",
        (*(_src(p) for p in parts), _src(total)),
    )]
