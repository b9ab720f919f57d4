"""Target against actual: an indicator's 目标值 and 实际值 with the relation its text states, or
a budget's 执行率 against a stated rate target or full execution."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, abstain, answer, operands, report_name
from assistant.answer.lookup import Lookup
from assistant.answer.skills.base import Context, Shape, computes, finder, reports_of
from assistant.answer.types import Answer
from assistant.answer.understand.types import Intent, Query
from assistant.facts.vocabulary import subject_key
from assistant.index.records import ReportRecord

BUDGET_RATE_TARGET = re.compile(r"(?:预算)?(?:执行|完成|支出|支付)率")
NUMBER_PART = re.compile(r"-?\d[\d,，]*(?:\.\d+)?")


# target against actual ---------------------------------------------------------------------------
def target(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    find = finder(read)
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



class Target(Shape):
    """Target against actual: whether the indicators (or the budget) met their targets."""

    name = "target"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.TARGET)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return target(ctx.facts, query, reports_of(query, ctx))
