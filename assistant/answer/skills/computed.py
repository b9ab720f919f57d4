"""Answers computed from stated figures: a difference (two metrics of one department, one
metric across departments, years or subjects, a budget against its 年初 figure), a sum of
named items, and what is left of a budget (预算数 − 支出). Each answer cites the figures it
uses and shows the calculation; a figure that is missing is named, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, abstain, answer, operands, report_name
from assistant.answer.lookup import Lookup, stated_metric
from assistant.answer.skills.base import Context, Shape, computes, reports_of
from assistant.answer.types import Answer
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.index.records import ReportRecord

CLASSES = ("基本支出", "项目支出")

Finder = Callable[[ReportRecord, str, str], "Found | None"]


def _finder(read: Lookup) -> Finder:
    """A lookup that never lets the question's wording re-pick the metric."""
    return lambda report, metric, subject="": read.lookup(report, metric, subject, "")


# difference ----------------------------------------------------------------------------------
def difference(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    """The difference the question asks for, or None when it names no pair of figures."""
    if reports and len(q.metrics) < 2:
        named = compared_metrics(q, read.stated(reports[0]))
        q = replace(q, metrics=named) if len(named) == 2 else q
    pair = _pair(_finder(read), q, reports)
    if pair is None:
        return None
    a, b, labels, prefix = pair
    if a is None or b is None:
        missing = "、".join(lab for f, lab in ((a, labels[0]), (b, labels[1])) if f is None)
        return abstain(q, f"{prefix}报告没有给出{missing}，无法计算差额。")
    x, y = operands([a, b], labels)
    result = ar.difference(x, y)
    word = "多" if result.value >= 0 else "少"
    gap = f"{ar.show(abs(result.value))}{result.unit}"
    relation = f"{x.label}与{y.label}相等" if result.value == 0 else f"{x.label}比{y.label}{word}{gap}"
    text = (f"{prefix}{x.label}{a.fact.text_value}，{y.label}{b.fact.text_value}，"
            f"{relation}（{result.calc}）。")
    derived = [{**result.derived(), "value": float(abs(result.value)), "text": gap}]
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
        return find(report, metric, subject), find(report, second, subject), (metric, second), who
    if len(reports) >= 2:
        names = [report_name(r) + (f"“{subject}”" if subject else "") + metric for r in reports[:2]]
        return (find(reports[0], metric, subject), find(reports[1], metric, subject),
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


# sum -------------------------------------------------------------------------------------------
def addend_metrics(q: Query, report_metrics: Sequence[str]) -> list[str]:
    """The metrics a "A、B和C加起来" question adds up, in order (`Query.addends`): each named
    item read with the report vocabulary, else matched to a metric the report states ("自聘合同"
    is the report's 自聘合同人员)."""
    out: list[str] = []
    for piece, named in q.addends:
        metric = named or stated_metric(piece, report_metrics)
        if metric and metric not in out:
            out.append(metric)
    return out


def total(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    """A sum of named metrics of one report, of named subjects, or of one metric across
    reports; None when the question names fewer than two figures."""
    find = _finder(read)
    plan = _sum_plan(read, q, reports)
    if plan is None:
        return None
    parts, labels = [], []
    missing = []
    for report, metric, subject, label in plan:
        hit = find(report, metric, subject)
        if hit is None:
            missing.append(label)
        else:
            parts.append(hit)
            labels.append(label)
    if missing:
        return abstain(q, f"报告中没有给出{'、'.join(missing)}的相应数字，无法合计。")
    ops = operands(parts, labels)
    result = ar.total(ops)
    items = "，".join(f"{lab}{p.fact.text_value}" for lab, p in zip(labels, parts, strict=True))
    text = f"{items}；合计{result.text}（{result.calc}）。"
    return answer(q, text, parts, derived=[result.derived()])


def _sum_plan(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    """[(report, metric, subject, label)] of the figures to add, or None."""
    if not reports:
        return None
    report = reports[0]
    if len(q.subjects) >= 2:
        metric = q.metrics[0] if q.metrics else "预算数"
        return [(report, metric, s, f"“{s}”{metric}") for s in q.subjects]
    if len(reports) >= 2 and len(q.metrics) == 1:
        subject = q.subjects[0] if len(q.subjects) == 1 else ""  # one item across reports
        label = (f"“{subject}”" if subject else "") + q.metrics[0]
        return [(r, q.metrics[0], subject, f"{report_name(r)}{label}") for r in reports]
    named = addend_metrics(q, read.stated(report))
    if len(named) < 2:
        return None
    name = report_name(report)
    return [(report, m, "", f"{name}{m}" if i == 0 else m) for i, m in enumerate(named)]


# remaining -------------------------------------------------------------------------------------
def remaining(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    """预算数 − 支出 of the same subject and period, for each asked report and subject."""
    find = _finder(read)
    subjects = q.subjects or tuple(m for m in q.metrics if m in CLASSES) or ("",)
    lines, used, derived, missing = [], [], [], []
    for report in reports:
        for subject in subjects:
            budget, spent = find(report, "预算数", subject), _spent(find, report, subject)
            label = report_name(report) + (f"“{subject}”" if subject else "")
            if budget is None or spent is None:
                gaps = [n for f, n in ((budget, "预算数"), (spent, "执行数（支出）")) if f is None]
                missing.append(f"{label}的{'、'.join(gaps)}")
                continue
            x, y = operands([budget, spent], ["预算数", "支出"])
            result = ar.difference(x, y)
            state = "已全部执行" if result.value == 0 else f"尚未执行{result.text}"
            lines.append(f"{label}预算数{budget.fact.text_value}，支出（执行数）{spent.fact.text_value}，"
                         f"{state}（{result.calc}）。")
            used += [budget, spent]
            derived.append(result.derived())
    if not lines:
        return abstain(q, f"报告没有给出{'；'.join(missing)}，无法计算未执行的金额。")
    lines += [f"报告没有给出{m}，无法计算其未执行金额。" for m in missing]
    return answer(q, "\n".join(lines), used, derived=derived)


def _spent(find: Finder, report: ReportRecord, subject: str) -> Found | None:
    """What was spent: the subject's 支出, or a class's own figure (项目支出)."""
    hit = find(report, "支出", subject)
    if hit is None and subject in CLASSES:
        hit = find(report, subject, "")
    return hit


__all__ = ["addend_metrics", "difference", "remaining", "total"]


class Difference(Shape):
    """How much one figure exceeds another (两个指标, 两个部门, 两个项目, 本年与上年或年初)."""

    name = "difference"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.DIFFERENCE)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return difference(ctx.facts, query, reports_of(query, ctx))


class Sum(Shape):
    """Named figures added up (\"A、B和C加起来\")."""

    name = "sum"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.SUM)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return total(ctx.facts, query, reports_of(query, ctx))


class Remaining(Shape):
    """The budget not yet spent (预算数 − 支出)."""

    name = "remaining"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.REMAINING)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return remaining(ctx.facts, query, reports_of(query, ctx))
