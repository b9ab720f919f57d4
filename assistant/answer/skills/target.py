"""Target against actual: an indicator's 目标值 and 实际值 with the relation its text states, or
a budget's 执行率 against a stated rate target or full execution."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, abstain, answer, operands, report_name
from assistant.answer.lookup import Lookup
from assistant.answer.skills.base import Context, Shape, about_figures, finder, reports_of
from assistant.answer.skills.target_text import Stated, cover, read_target
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.types import Intent, Query
from assistant.facts.vocabulary import subject_key
from assistant.index.records import ReportRecord

BUDGET_RATE_TARGET = re.compile(r"(?:预算)?(?:执行|完成|支出|支付)率")
MAX_SIBLINGS = 3  # a project's other indicators shown beside the asked one, at most
QUOTED_MAX = 160  # a sentence shown beside a target read from the text, at most
LEAKED = re.compile(r"^(?:年度?|力争|实际|目标)")  # words cut into an indicator's name with it
NUMBER_PART = re.compile(r"-?\d[\d,，]*(?:\.\d+)?")


# target against actual ---------------------------------------------------------------------------
def target(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    find = finder(read)
    lines, used, derived, quoted = [], [], [], []
    asked = tuple(a.indicator for a in q.asked)
    for report in reports:
        named = q.subjects or ((q.named_subject,) if q.named_subject else ())
        for subject in _target_subjects(read, report, named):
            line, found, calc, cites = _subject_line(read, report, subject, asked, find)
            derived += calc
            lines.append(line)
            used += [f for f in found if f not in used]
            quoted += cites
    if not used and not quoted:
        return abstain(q, "；".join(lines))
    out = answer(q, "\n".join(lines), used, derived=derived)
    out.citations += quoted
    return out


def _subject_line(read, report, subject, asked, find):
    """The line for one asked subject: the facts' target and actual when they hold both,
    else the report's sentences on the indicator, else the budget's execution."""
    indicator = subject in _indicators(read, report)
    if indicator and _has_pair(report, subject, find):
        return (*_indicator_line(report, subject, find), [])
    names = tuple(n for n in (*asked, subject) if n)
    # a held project asked by its own name ("…工程的预算执行完成了吗"): its budget's execution
    budget_asked = (not indicator and find(report, "执行率", subject) is not None
                    and all(cover(n, subject) >= 0.9 for n in asked))
    if subject and not budget_asked:
        reading = _text_line(read, report, subject if indicator else names[0], names)
        if reading is not None:
            project = subject if not indicator and find(report, "预算数", subject) is not None else ""
            return _with_siblings(reading, report, project, read, find)
    return _fallback_line(read, report, subject, indicator, find)


def _fallback_line(read, report, subject, indicator, find):
    if indicator:
        return (*_indicator_line(report, subject, find), [])
    return (*_budget_line(read, report, subject, find), [])


def _with_siblings(reading, report, project, read, find):
    """A project's indicator read from the text, with the project's other indicators the facts
    hold a target and an actual for (whether they were met, each)."""
    if not project:
        return reading
    text, found, derived, cites = reading
    shown = " ".join(c.quote for c in cites)
    siblings = [s for s in _indicators(read, report)
                if s not in shown and _has_pair(report, s, find)
                and any(project in f.quote for f in read.facts(report.id)
                        if f.subject == s and f.scope == "indicator")][:MAX_SIBLINGS]
    for sibling in siblings:
        line, more, calc = _indicator_line(report, sibling, find)
        text += f"\n同一项目的其他指标：{line}"
        found = [*found, *more]
        derived = [*derived, *calc]
    return text, found, derived, cites


def _has_pair(report, subject, find) -> bool:
    return find(report, "目标值", subject) is not None and find(report, "实际值", subject) is not None


def _text_line(read, report, subject, names):
    """Target and actual as the report's sentences state them (`target_text`), cited."""
    goal, actual, used = read_target(read.report_text(report.id), names)
    if goal is None or actual is None:
        return None
    label = f"{report_name(report)}“{LEAKED.sub('', subject)}”"
    ok = ar.meets(actual.value, goal.value, goal.relation)
    text = (f"{label}目标为{ar.RELATION_WORDS[goal.relation]}{goal.text}，实际为{actual.text}，"
            f"{'已达到目标' if ok else '未达到目标'}{_gap(goal, actual, ok)}。")
    cites = [Citation(report.id, report.file, "", r.quote, r.start, r.end) for r in used]
    said = " ".join(used[-1].quote.split())
    if len(said) <= QUOTED_MAX:  # the sentence of the actual figure, as the report puts it
        text += f"（报告原文：{said}）"
    return text, [], _gap_derived(goal, actual, ok), cites


def _gap(goal, actual, ok: bool) -> str:
    """The margin either way: "，比目标少2个" where the actual falls short, "，超出目标0.2万亩"
    where it goes past its target (met, or a ceiling exceeded), "，低于目标上限3天" where it
    stays under a ceiling."""
    gap = _margin(goal, actual)
    if gap is None:
        return ""
    word = "超出目标" if actual.value > goal.value else "比目标少" if not ok else "低于目标上限"
    return f"，{word}{gap.text}"


def _gap_derived(goal, actual, ok: bool) -> list[dict]:
    gap = _margin(goal, actual)
    return [] if gap is None else [gap.derived()]


def _margin(goal, actual) -> ar.Result | None:
    """The higher of target and actual less the lower (in 个百分点 for rates), computed and
    recorded by the arithmetic; None when they are equal."""
    if goal.value == actual.value:
        return None
    high, low = (actual, goal) if actual.value > goal.value else (goal, actual)
    a, b = ar.Operand("", high.value, goal.unit), ar.Operand("", low.value, goal.unit)
    return ar.points(a, b) if goal.unit == "%" else ar.difference(a, b)


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
    label = f"{report_name(report)}“{LEAKED.sub('', subject)}”"
    goal, actual = find(report, "目标值", subject), find(report, "实际值", subject)
    if goal is None or actual is None:
        have = [f for f in (goal, actual) if f]
        gaps = "、".join(n for f, n in ((goal, "目标值"), (actual, "实际值")) if f is None)
        shown = "，".join(f"{f.metric}为{f.fact.text_value}" for f in have)
        return f"{label}{shown + '，但' if shown else ''}报告没有给出{gaps}，无法判断是否达到目标", have, []
    relation = ar.comparator(goal.fact.quote, subject, _digits(goal.fact.raw or goal.fact.text_value))
    ok = ar.meets(actual.value, goal.value, relation)
    verdict = "已达到目标" if ok else "未达到目标"
    shown = (_as_stated(goal), _as_stated(actual))
    text = (f"{label}目标值为{ar.RELATION_WORDS[relation]}{goal.fact.text_value}，"
            f"实际值为{actual.fact.text_value}，{verdict}{_gap(*shown, ok)}。")
    scored = [f for f in (find(report, "分值", subject), find(report, "得分", subject)) if f]
    derived = _gap_derived(*shown, ok)
    if len(scored) == 2:  # how the indicator was scored for it (分值 and 得分, points lost)
        weight, score = scored
        text += f"该指标分值{weight.fact.text_value}，得分{score.fact.text_value}"
        if weight.value > score.value:
            x, y = operands([weight, score], ["分值", "得分"])
            lost = ar.difference(x, y)
            text += f"（扣{lost.text}）"
            derived.append(lost.derived())
        text += "。"
    return text, [goal, actual, *scored], derived


def _as_stated(f: Found) -> Stated:
    """A fact's figure as the report writes it (3,500元 stays 元)."""
    value, unit = f.fact.stated or (f.value, f.fact.unit)
    return Stated(value, unit, f.fact.text_value)


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
        # a subject the facts lack is still read from the report's sentences
        return about_figures(query) and query.intent == Intent.TARGET

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return target(ctx.facts, query, reports_of(query, ctx))
