"""How much one figure exceeds another: two metrics of one department, one metric across
departments, subjects or years, a budget against its 年初 figure. The answer cites both figures
and shows the calculation; a missing figure is named, never guessed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.answer import arithmetic as ar
from assistant.answer.found import abstain, answer, operands, report_name
from assistant.answer.lookup import Lookup, item_metric, stated_metric
from assistant.answer.skills.base import (
    Context,
    Finder,
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


# difference ----------------------------------------------------------------------------------
def difference(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    """The difference the question asks for, or None when it names no pair of figures."""
    if reports and len(q.metrics) < 2:
        named = compared_metrics(q, read.stated(reports[0]))
        q = replace(q, metrics=named) if len(named) == 2 else q
    pair = _pair(finder(read), q, reports)
    if pair is None:
        return None
    a, b, labels, prefix = pair
    if a is None or b is None:
        missing = "、".join(lab for f, lab in ((a, labels[0]), (b, labels[1])) if f is None)
        return abstain(q, f"{prefix}报告没有给出{missing}，无法计算差额。")
    x, y = operands([a, b], labels)
    result = ar.difference(x, y)
    rates = a.fact.unit == "%" and b.fact.unit == "%"  # two rates differ by 个百分点
    word = ("高" if result.value >= 0 else "低") if rates else ("多" if result.value >= 0 else "少")
    gap = f"{ar.show(abs(result.value))}{'个百分点' if rates else result.unit}"
    wan, wan_derived = ("", []) if rates else ar.in_wan(ar.Result(abs(result.value), result.unit, result.calc))
    gap += wan
    relation = f"{x.label}与{y.label}相等" if result.value == 0 else f"{x.label}比{y.label}{word}{gap}"
    text = (f"{prefix}{x.label}{a.fact.text_value}，{y.label}{b.fact.text_value}，"
            f"{relation}（{result.calc}）。")
    derived = [{**result.derived(), "value": float(abs(result.value)), "text": gap}, *wan_derived]
    if y.label.startswith("年初") and x.label == "预算数" and result.value:
        # a budget adjusted in the year: how much of the initial budget the change is
        part = ar.ratio(ar.Operand(f"调{'增' if result.value > 0 else '减'}额", abs(result.value), result.unit), y)
        if part is not None:
            text = text[:-1] + f"，调整额占{y.label}的{part.text}（{part.calc}）。"
            derived.append(part.derived())
    return answer(q, text, [a, b], derived=derived)


def _pair(find: Finder, q: Query, reports: Sequence[ReportRecord]):
    """(a, b, their labels, who both are) for a − b: two metrics, two reports, two
    subjects, this year against an earlier one, or the final budget against the 年初 one."""
    if Cue.ADJUSTED in q.cues and len(q.metrics) <= 1:
        q = replace(q, metrics=("预算数",))  # 调增/调减: the adjusted budget against 年初
    if not reports or not q.metrics:
        return None
    report, metric = reports[0], q.metrics[0]
    subject = q.subjects[0] if q.subjects else ""
    who = report_name(report) + (f"“{subject}”" if subject else "")
    if len(q.metrics) >= 2:
        second = q.metrics[1]
        item = next(iter(item_subjects(q.metrics[:2])), "")
        if not subject and item and len(item_subjects(q.metrics[:2])) == 1:
            # 三公经费比预算少多少: the item's own budget, never the department's
            subject, who = item, who + f"“{item}”"
        (a, first_name), (b, second_name) = (_of_subject(find, report, m, subject) for m in (metric, second))
        return a, b, (first_name, second_name), who
    if len(reports) >= 2:
        what = metric if not subject or item_metric(subject) == metric else f"“{subject.strip('“”')}”{metric}"
        names = [report_name(r) + what for r in reports[:2]]
        return (_either(find, reports[0], metric, subject), _either(find, reports[1], metric, subject),
                tuple(names), "")
    if len(q.subjects) >= 2:
        return (find(report, metric, q.subjects[0]), find(report, metric, q.subjects[1]),
                (f"“{q.subjects[0]}”{metric}", f"“{q.subjects[1]}”{metric}"), report_name(report))
    earlier = _earlier_period(q, report)
    if earlier:
        return (find(report, metric, subject), find(report, earlier + metric, subject),
                (f"{report.year or '本'}年{metric}" if earlier != "年初" else metric,
                 earlier + metric), who)
    return None


def _of_subject(find: Finder, report: ReportRecord, metric: str, subject: str):
    """(figure, its name): a subject's budget may be its 年初 one (`subject_budget`)."""
    if subject and metric == "预算数":
        return subject_budget(find, report, subject)
    # the item asked by its own name is its spending
    return find(report, metric, subject), "支出" if subject and metric == subject else metric


def _either(find: Finder, report: ReportRecord, metric: str, subject: str):
    """One item across reports, however each files it: the metric of the subject, the
    subject's spending (“三公”经费 as a subject), or the metric alone (三公经费 as a metric).
    A project's figure is never the department's: the metric alone stands in only for a
    spending item the report files as its own metric."""
    # the item's spending stands in only when spending is asked: a subject's 预算数 is never
    # its spending nor the department's 预算数
    spending = not subject or metric in ("支出", item_metric(subject))
    alone = spending and (not subject or bool(item_metric(subject)))
    for m, s in ((metric, subject), ("支出", subject), (metric, "")):
        if (s or m) and (s or alone) and (m == metric or spending):
            hit = find(report, m, s)
            if hit is not None:
                return hit
    return None


def compared_metrics(q: Query, report_metrics: Sequence[str]) -> tuple[str, ...]:
    """"收入比支出多多少": the two metrics either side of 比 (`Query.compared`), read with the
    report vocabulary or matched to metrics the report states; () unless both are found and
    differ."""
    found = []
    for piece, named in q.compared:
        # an item the report does not state is kept by its name, so the answer says so
        found.append(named or stated_metric(piece, report_metrics) or
                     (piece if 2 <= len(piece) <= 8 and " " not in piece else ""))
    return tuple(found) if found and all(found) and found[0] != found[1] else ()


def _earlier_period(q: Query, report: ReportRecord) -> str:
    """The period the question sets against the report's own year: another named year,
    上年 or 年初 ("" when it names none)."""
    others = [y for y in q.years if y != report.year]
    if others:
        return f"{others[0]}年"
    if Cue.LAST_YEAR in q.cues:
        return "上年"
    if Cue.INITIAL in q.cues:
        return "年初"
    return ""



class Difference(Shape):
    """How much one figure exceeds another (两个指标, 两个部门, 两个项目, 本年与上年或年初)."""

    name = "difference"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.DIFFERENCE)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return difference(ctx.facts, query, reports_of(query, ctx))
