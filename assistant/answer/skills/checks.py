"""Answers that check one figure against another: parts against their total or two figures
against each other (reconcile), a stated execution rate against the one computed from 支出 and
预算数 (rate_check), and target against actual (target: an indicator's 目标值 and 实际值 with
the relation its text states, or a budget's 执行率). Every check shows its calculation and
says plainly whether the figures agree; a missing figure is named, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, abstain, answer, operands, report_name
from assistant.answer.lookup import Lookup, stated_metric
from assistant.answer.skills.base import Context, Shape, computes, reports_of
from assistant.answer.skills.computed import _finder, addend_metrics
from assistant.answer.types import Answer
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.facts.vocabulary import subject_key
from assistant.index.records import ReportRecord

TOTAL_OF = (("支出", "支出"), ("收入", "收入"), ("预算数", "预算数"))  # parts' ending -> total
BUDGET_RATE_TARGET = re.compile(r"(?:预算)?(?:执行|完成|支出|支付)率")
NUMBER_PART = re.compile(r"-?\d[\d,，]*(?:\.\d+)?")


# reconcile -------------------------------------------------------------------------------------
def reconcile(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    """Whether named parts add up to a total, or whether two figures agree."""
    if not reports:
        return None
    report, find = reports[0], _finder(read)
    subject = q.subjects[0] if q.subjects else ""
    named = addend_metrics(q, read.stated(report)) if Cue.SUM_WORD in q.cues else []
    rest = [m for m in q.metrics if m not in named]
    if len(named) >= 2:
        total_metric = rest[-1] if rest else _implied_total(named)
        return _parts_total(q, report, find, named, total_metric, subject) if total_metric else None
    pair = agreeing_metrics(q, read.stated(report)) or tuple(q.metrics[:2])
    if len(pair) == 2:
        return _two_agree(q, report, find, pair[0], pair[1], subject)
    return None


def agreeing_metrics(q: Query, report_metrics: Sequence[str]) -> tuple[str, ...]:
    """"项目支出与批复的项目金额一致吗": the two figures either side of 与/和 (`Query.agreed`),
    read with the report vocabulary or matched to metrics the report states; () unless both
    are found."""
    found = [named or stated_metric(piece, report_metrics) for piece, named in q.agreed]
    return tuple(found) if found and all(found) and found[0] != found[1] else ()


def _implied_total(parts: Sequence[str]) -> str:
    for ending, metric in TOTAL_OF:
        if all(p.endswith(ending) for p in parts):
            return metric
    return ""


def _parts_total(q, report, find, parts, total_metric, subject):
    hits = [find(report, m, subject) for m in parts]
    whole = find(report, total_metric, subject)
    missing = [m for m, h in zip([*parts, total_metric], [*hits, whole], strict=True) if h is None]
    if missing:
        return abstain(q, f"报告没有给出{'、'.join(missing)}，无法核对。")
    ops = operands([*hits, whole], [*parts, total_metric])
    summed = ar.total(ops[:-1])
    gap = ar.difference(ar.Operand("合计", summed.value, summed.unit), ops[-1])
    name = report_name(report)
    listing = "，".join(f"{m}{h.fact.text_value}" for m, h in zip(parts, hits, strict=True))
    verdict = ("两者一致" if gap.value == 0 else
               f"两者不一致，相差{ar.show(abs(gap.value))}{gap.unit}（{gap.calc}）")
    text = (f"{name}{listing}，合计{summed.text}（{summed.calc}）；"
            f"报告所写{total_metric}为{whole.fact.text_value}，{verdict}。")
    derived = [summed.derived()] + ([] if gap.value == 0 else [gap.derived()])
    return answer(q, text, [*hits, whole], derived=derived)


def _two_agree(q, report, find, first, second, subject):
    a, b = find(report, first, subject), find(report, second, subject)
    missing = [m for m, h in ((first, a), (second, b)) if h is None]
    if missing:
        return abstain(q, f"报告没有给出{'、'.join(missing)}，无法核对。")
    x, y = operands([a, b], [a.label, b.label])
    gap = ar.difference(x, y)
    verdict = ("两者一致" if gap.value == 0 else
               f"两者不一致，相差{ar.show(abs(gap.value))}{gap.unit}（{gap.calc}）")
    text = (f"{report_name(report)}{a.label}为{a.fact.text_value}，{b.label}为{b.fact.text_value}，"
            f"{verdict}。")
    return answer(q, text, [a, b], derived=[] if gap.value == 0 else [gap.derived()])


# a stated rate against the computed one ---------------------------------------------------------
def rate_check(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    find = _finder(read)
    lines, used, derived, missing = [], [], [], []
    for report in reports:
        for subject in q.subjects or ("",):
            label = report_name(report) + (f"“{subject}”" if subject else "")
            budget, spent = find(report, "预算数", subject), find(report, "支出", subject)
            if budget is None or spent is None:
                gaps = [n for f, n in ((budget, "预算数"), (spent, "执行数（支出）")) if f is None]
                missing.append(f"{label}的{'、'.join(gaps)}")
                continue
            line, result = _rate_line(label, budget, spent, find(report, "执行率", subject))
            if result is None:
                missing.append(f"{label}的非零预算数")
                continue
            lines.append(line)
            used += [f for f in (budget, spent, find(report, "执行率", subject)) if f]
            derived.append(result.derived())
    if not lines:
        return abstain(q, f"报告没有给出{'；'.join(missing)}，无法计算执行率。")
    lines += [f"报告没有给出{m}，无法计算其执行率。" for m in missing]
    return answer(q, "\n".join(lines), used, derived=derived)


def _rate_line(label: str, budget: Found, spent: Found, stated: Found | None):
    x, y = operands([spent, budget], ["支出", "预算数"])
    result = ar.ratio(x, y)
    if result is None:
        return "", None
    exact = x.value / y.value * 100
    head = f"{label}按支出（执行数）{spent.fact.text_value}和预算数{budget.fact.text_value}计算，执行率为{result.text}（{result.calc}）"
    if stated is None:
        return f"{head}；报告没有写明执行率。", result
    if ar.agrees(exact, stated.value):
        return f"{head}，与报告所写的{stated.fact.text_value}一致。", result
    return f"{head}，与报告所写的{stated.fact.text_value}不一致。", result


# target against actual ---------------------------------------------------------------------------
def target(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    find = _finder(read)
    lines, used, derived = [], [], []
    for report in reports:
        for subject in _target_subjects(read, report, q.subjects):
            if subject in _indicators(read, report):
                line, found, calc = _indicator_line(report, subject, find)
            else:
                line, found, calc = _budget_line(read, report, subject, find)
            derived += calc
            lines.append(line)
            used += [f for f in found if f not in used]
    if not used:
        return abstain(q, "；".join(lines))
    return answer(q, "\n".join(lines), used, derived=derived)


def _indicators(read: Lookup, report: ReportRecord) -> list[str]:
    return list(dict.fromkeys(f.subject for f in read.facts(report.id)
                              if f.scope == "indicator" and f.subject))


def _target_subjects(read: Lookup, report: ReportRecord, asked: Sequence[str]) -> list[str]:
    """The asked subjects as the report names them: an indicator named in full wins over a
    project whose shorter name it contains ("森林防火巡查覆盖率" over "森林防火专项")."""
    if not asked:
        return [""]
    indicators = _indicators(read, report)
    exact = [s for s in asked if s in indicators]
    if exact:
        return exact
    keyed = {subject_key(i): i for i in indicators}
    named = [keyed[subject_key(s)] for s in asked if subject_key(s) in keyed]
    return named or list(asked)


def _indicator_line(report: ReportRecord, subject: str, find
                    ) -> tuple[str, list[Found], list[dict]]:
    label = f"{report_name(report)}“{subject}”"
    goal, actual = find(report, "目标值", subject), find(report, "实际值", subject)
    if goal is None or actual is None:
        have = [f for f in (goal, actual) if f]
        gaps = "、".join(n for f, n in ((goal, "目标值"), (actual, "实际值")) if f is None)
        shown = "，".join(f"{f.metric}为{f.fact.text_value}" for f in have)
        return f"{label}{shown + '，但' if shown else ''}报告没有给出{gaps}，无法判断是否达到目标", have, []
    relation = ar.comparator(goal.fact.quote, subject, _digits(goal.fact.raw or goal.fact.text_value))
    ok = ar.meets(actual.value, goal.value, relation)
    verdict = "已达到目标" if ok else "未达到目标"
    text = (f"{label}目标值为{ar.RELATION_WORDS[relation]}{goal.fact.text_value}，"
            f"实际值为{actual.fact.text_value}，{verdict}。")
    scored = [f for f in (find(report, "分值", subject), find(report, "得分", subject)) if f]
    derived = []
    if len(scored) == 2:  # how the indicator was scored for it (分值 and 得分, points lost)
        weight, score = scored
        text += f"该指标分值{weight.fact.text_value}，得分{score.fact.text_value}"
        lost = (weight.value - score.value).normalize()
        if lost > 0:
            text += f"（扣{lost:f}分）"
            derived.append({"value": float(lost), "text": f"{lost:f}分",
                            "calc": f"{weight.fact.text_value} − {score.fact.text_value} = {lost:f}分"})
        text += "。"
    return text, [goal, actual, *scored], derived


def _digits(text: str) -> str:
    m = NUMBER_PART.search(text or "")
    return m.group(0) if m else ""


def _budget_line(read, report, subject, find) -> tuple[str, list[Found], list[dict]]:
    """A budget's target: a stated target for its execution rate (an indicator such as
    预算执行率 with a 目标值), else full execution."""
    label = report_name(report) + (f"“{subject}”" if subject else "")
    rate = find(report, "执行率", subject)
    if rate is None:
        return f"{label}：报告没有给出执行率，无法判断预算是否执行完成", [], []
    goal = None if subject else _rate_target(read, report, find)
    if goal is not None:
        relation = ar.comparator(goal.fact.quote, goal.fact.subject,
                                 _digits(goal.fact.raw or goal.fact.text_value))
        ok = ar.meets(rate.value, goal.value, relation)
        return (f"{label}执行率为{rate.fact.text_value}，报告设定的“{goal.fact.subject}”目标值为"
                f"{ar.RELATION_WORDS[relation]}{goal.fact.text_value}，{'已达到' if ok else '未达到'}目标。",
                [rate, goal], [])
    if rate.value >= Decimal(100):
        return f"{label}执行率为{rate.fact.text_value}，预算已全部执行。", [rate], []
    budget, spent = find(report, "预算数", subject), find(report, "支出", subject)
    if budget is None or spent is None:
        return f"{label}执行率为{rate.fact.text_value}，预算未全部执行。", [rate], []
    x, y = operands([budget, spent], ["预算数", "支出"])
    left = ar.difference(x, y)
    return (f"{label}执行率为{rate.fact.text_value}，预算未全部执行，尚有{left.text}未执行（{left.calc}）。",
            [rate, budget, spent], [left.derived()])


def _rate_target(read, report, find) -> Found | None:
    """An indicator on the budget's execution rate (预算执行率 …) with a stated 目标值."""
    for f in read.facts(report.id):
        if f.scope == "indicator" and f.metric == "目标值" and BUDGET_RATE_TARGET.search(f.subject) \
                and f.unit == "%":
            return find(report, "目标值", f.subject)
    return None


class Reconcile(Shape):
    """Whether named parts add up to their total, or two figures agree."""

    name = "reconcile"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.RECONCILE)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return reconcile(ctx.facts, query, reports_of(query, ctx))


class RateCheck(Shape):
    """A stated execution rate against the one computed from 支出 and 预算数."""

    name = "rate_check"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.RATE_CHECK)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return rate_check(ctx.facts, query, reports_of(query, ctx))


class Target(Shape):
    """Target against actual: whether the indicators (or the budget) met their targets."""

    name = "target"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.TARGET)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return target(ctx.facts, query, reports_of(query, ctx))
