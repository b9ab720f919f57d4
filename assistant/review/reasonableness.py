"""合理性: targets missed with full marks kept, a low execution rate left unexplained, a high
overall score beside unmet targets, problems and measures that do not answer each other."""

from __future__ import annotations

import re

from assistant.review.indicators import Indicator, indicators_of
from assistant.review.source import ReportView
from assistant.review.types import MUST, REASONABLENESS, SUGGEST, Finding
from assistant.review.vocabulary import (
    EMPTY_BODY,
    EXPLAINED,
    HIGH_SCORE,
    LOW_RATE,
    PAIRED,
    PAIRED_PHRASE,
    PAIRED_SHARED,
    content_bigrams,
    longest_common,
    named_part,
    overlap,
)


def reasonableness(view: ReportView) -> list[Finding]:
    indicators = indicators_of(view)
    return (_unmet_full_marks(view, indicators) + _high_score(view, indicators)
            + _low_rate(view) + _unpaired(view))


def _unmet_full_marks(view: ReportView, indicators: list[Indicator]) -> list[Finding]:
    out = []
    for ind in indicators:
        if ind.unmet and ind.full_marks:
            q = view.quote(ind.start, ind.end)
            out.append(Finding(
                REASONABLENESS, MUST, "unmet_full_marks",
                f"指标“{ind.name}”目标值 {ind.target.text_value}，实际值 {ind.actual.text_value}，"
                f"未达到目标，却得满分（{ind.score:g}/{ind.weight:g}分）。", (q,),
                "未完成目标的指标应按完成程度扣分，或说明得满分的依据。"))
    return out


def overall_score(view: ReportView):
    scores = [f for f in view.facts if f.metric == "自评得分" and f.scope == "department"
              and not f.subject and not f.period and f.value is not None and 60 <= float(f.value) <= 100]
    return max(scores, key=lambda f: float(f.value)) if scores else None


def _high_score(view: ReportView, indicators: list[Indicator]) -> list[Finding]:
    total = overall_score(view)
    unmet = [i for i in indicators if i.unmet]
    kept = [i for i in unmet if i.full_marks]  # targets missed with no point deducted
    if total is None or not unmet:
        return []
    value = float(total.value)
    if not (value >= 100 or (value >= HIGH_SCORE and len(kept) >= 2)):
        return []
    quotes = (view.quote(total.start, total.end),) + tuple(
        view.quote(i.start, i.end) for i in unmet)
    return [Finding(REASONABLENESS, MUST, "high_score_unmet",
                    f"自评得分 {total.text_value}，但有 {len(unmet)} 个指标未达到目标"
                    f"（{'、'.join(i.name for i in unmet)}），得分与目标完成情况不相称。",
                    quotes, "按指标完成情况重新评分，或说明高分的依据。")]


def _low_rate(view: ReportView) -> list[Finding]:
    rates = [f for f in view.facts if f.metric == "执行率" and f.scope == "department"
             and not f.subject and not f.period and f.value is not None
             and float(f.value) < LOW_RATE and "项目" not in f.quote]
    if not rates:
        return []
    out = []
    for f in rates[:1]:
        if EXPLAINED.search(view.paragraph_text(f.start)) or _explained_in_problems(view, f):
            continue
        out.append(Finding(REASONABLENESS, MUST, "low_rate_unexplained",
                           f"预算执行率 {f.text_value} 偏低（低于{LOW_RATE:g}%），报告未说明原因。",
                           (view.quote(f.start, f.end),),
                           "说明执行率偏低的原因，并在存在的问题和改进措施中作出回应。"))
    return out


def _explained_in_problems(view: ReportView, rate) -> bool:
    """A problem item that states the rate, or speaks of execution with a cause."""
    value = re.sub(r"\s", "", rate.text_value)
    return any(value in re.sub(r"\s", "", i.text) or ("执行" in i.text and EXPLAINED.search(i.text))
               for i in view.items if i.kind == "problem")


def _unpaired(view: ReportView) -> list[Finding]:
    problems, measures = substantive(view, "problem"), substantive(view, "measure")
    if len(problems) < 2 or len(measures) < 2:  # a list in one paragraph: not itemised, not paired
        return []
    words = {id(i): content_bigrams(i.text) for i in problems + measures}

    def paired(a, b) -> bool:
        x, y = words[id(a)], words[id(b)]
        return overlap(x, y) >= PAIRED or len(x & y) >= PAIRED_SHARED \
            or longest_common(a.text, b.text) >= PAIRED_PHRASE

    lone_problems = [p for p in problems if not any(paired(p, m) for m in measures)]
    # a measure named after a part of the genre (强化结果应用) answers the genre, not a problem
    lone_measures = [m for m in measures if not any(paired(m, p) for p in problems)
                     and not named_part(m.title)]
    if len(problems) == len(measures):  # lists of one length answer each other in order
        by_order = {k for k, (p, m) in enumerate(zip(problems, measures, strict=True))
                    if p in lone_problems and m in lone_measures}
        lone_problems = [p for k, p in enumerate(problems) if p in lone_problems and k not in by_order]
        lone_measures = [m for k, m in enumerate(measures) if m in lone_measures and k not in by_order]
    out = [Finding(REASONABLENESS, SUGGEST, "problem_without_measure",
                   f"问题“{_short(p.title)}”没有对应的改进措施。",
                   (view.quote(p.start, p.end, section=p.section),), "针对每个问题提出具体的改进措施。")
           for p in lone_problems]
    out += [Finding(REASONABLENESS, SUGGEST, "measure_without_problem",
                    f"改进措施“{_short(m.title)}”与所列问题均不对应。",
                    (view.quote(m.start, m.end, section=m.section),), "改进措施应针对报告所列的问题。")
            for m in lone_measures]
    return out


def substantive(view: ReportView, kind: str) -> list:
    """The list items of a kind that say something (not a bare 无)."""
    return [i for i in view.items if i.kind == kind and len(re.sub(r"\s", "", i.text)) >= EMPTY_BODY]


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[:n] + "…"
