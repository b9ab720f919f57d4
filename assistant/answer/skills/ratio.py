"""One figure against another, in any wording ("A是B的多少倍", "完成了几成", "完成了百分之几"):
the quotient computed here from two stated figures, both cited, the calculation shown. The
two figures are those the question sets side by side: one metric of two departments, two
metrics (or two subjects) of one report, or an indicator's actual value against its target."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, answer, operands, report_name
from assistant.answer.lookup import Lookup
from assistant.answer.skills.base import (
    Context,
    Shape,
    computes,
    finder,
    item_subjects,
    reports_of,
    subject_budget,
)
from assistant.answer.types import Answer
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.index.records import ReportRecord

Side = tuple[Found, str]  # a figure and what the answer calls it


def sides(read: Lookup, q: Query, reports: Sequence[ReportRecord]) -> tuple[Side, Side] | None:
    """The two figures set side by side (the first against the second), or None."""
    if not reports:
        return None
    # a subject that is one of the figures compared (项目支出 as a class) is no subject of both
    subjects = [s for s in q.subjects if s not in q.metrics]
    subject = subjects[0] if subjects else ""
    quoted = f"“{subject}”" if subject else ""
    first = reports[0]
    if len(reports) >= 2 and q.metrics:  # one figure of two departments
        metric = q.metrics[0]
        pair = [read.lookup(r, metric, subject, q.indicator_metric) for r in reports[:2]]
        labels = [f"{report_name(r)}{quoted}{metric}" for r in reports[:2]]
    elif len(q.metrics) >= 2:  # two figures of one report
        pair, labels = _two_metrics(read, q, first, subject)
    elif len(subjects) >= 2:  # one figure of two subjects
        metric = q.metrics[0] if q.metrics else ""
        pair = [read.lookup(first, metric, s, q.indicator_metric) for s in subjects[:2]]
        labels = [f"“{s}”{metric}" for s in subjects[:2]]
    elif subject:  # an indicator: what it reached against its target
        pair = [read.lookup(first, m, subject, m) for m in ("实际值", "目标值")]
        if any(f is not None and f.fact.scope != "indicator" for f in pair):
            return None
        labels = [f"{quoted}实际值", f"{quoted}目标值"]
    else:
        return None
    a, b = pair
    if Cue.WHOLE_FIRST in q.cues and not (subject and len(reports) < 2 and len(q.metrics) < 2):
        (a, b), labels = (b, a), labels[::-1]  # "B的预算，A是它的几倍": A against B
    if a is None or b is None or a.value is None or b.value is None:
        return None
    return (a, labels[0]), (b, labels[1])


def ratio_answer(read: Lookup, q: Query, reports: Sequence[ReportRecord]) -> Answer | None:
    found = sides(read, q, reports)
    if found is None:
        return None
    (a, la), (b, lb) = found
    if a.fact.unit != b.fact.unit:
        return None  # 万元 against 人: no ratio
    x, y = operands([a, b], [la, lb])
    multiple = Cue.TIMES in q.cues
    result = ar.times(x, y) if multiple else ar.ratio(x, y)
    if result is None:
        return None
    who = report_name(reports[0]) if len({r.department for r in reports}) == 1 else ""
    said = f"是{lb}的{result.text}" if multiple else f"相当于{lb}的{result.text}"
    text = (f"{who}{la}{a.fact.text_value}，{lb}{b.fact.text_value}，"
            f"{la}{said}（{result.calc}）。")
    return answer(q, text, [a, b], derived=[result.derived()])


def _two_metrics(read: Lookup, q: Query, report: ReportRecord, subject: str):
    """Two figures of one report; a spending item among them (三公经费是预算的几成) makes the
    other its own figure (its budget, the 年初 one when only that is stated), never the
    department's."""
    items = item_subjects(q.metrics[:2])
    if not subject and len(items) == 1:
        subject = items[0]
    quoted = f"“{subject}”" if subject else ""
    pair, labels = [], []
    for m in q.metrics[:2]:
        hit, name = (subject_budget(finder(read), report, subject) if subject and m == "预算数"
                     else (read.lookup(report, m, subject, q.indicator_metric), m))
        pair.append(hit)
        labels.append(f"{quoted}{'支出' if m == subject else name}")
    return pair, labels


class Ratio(Shape):
    """One figure against another: a multiple (倍) or a percentage (几成, 百分之几)."""

    name = "ratio"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.RATIO)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return ratio_answer(ctx.facts, query, reports_of(query, ctx))
