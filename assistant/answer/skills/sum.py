"""Named figures added up ("A、B和C加起来"): of one report, of named subjects, or of one metric
across reports; the calculation is shown and a missing figure is named."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.answer import arithmetic as ar
from assistant.answer.found import abstain, answer, operands, report_name, subject_label
from assistant.answer.lookup import Lookup, stated_metric
from assistant.answer.skills.base import Context, Shape, computes, finder, reports_of
from assistant.answer.skills.periods import other_periods, source_note
from assistant.answer.skills.table_rows import (
    ADDABLE,
    asks_project_rows,
    asks_score_rows,
    project_rows_sum,
    score_rows_sum,
)
from assistant.answer.skills.target_text import cover
from assistant.answer.types import Answer
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.facts.vocabulary import subject_key
from assistant.index.records import ReportRecord
from assistant.ingest.aliases import short_name


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
    if len(reports) == 1 and asks_project_rows(read, q, reports[0]):
        return project_rows_sum(read, q, reports[0])
    if len(reports) == 1 and asks_score_rows(q):
        return score_rows_sum(read, q, reports[0])
    find = finder(read)
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
    across = len({report.id for report, *_ in plan}) > 1
    if missing and not (across and len(parts) >= 2):
        return abstain(q, f"报告中没有给出{'、'.join(missing)}的相应数字，无法合计。")
    ops = operands(parts, labels)
    result = ar.total(ops)
    items = "，".join(f"{lab}{p.fact.text_value}" for lab, p in zip(labels, parts, strict=True))
    wan, wan_derived = ar.in_wan(result)
    whose = f"以上{len(parts)}个部门" if missing else ""
    text = f"{items}；{whose}合计{result.text}{wan}（{result.calc}）。"
    if missing:  # departments summed across: those without the figure named, never guessed
        text += f"{'、'.join(missing)}：报告中没有给出，未计入合计。"
    return answer(q, text, parts, derived=[result.derived(), *wan_derived])


UNREAD_COVER = 0.5  # an asked item this much of whose name a subject holds is that subject


def distinct(subjects: Sequence[str]) -> tuple[str, ...]:
    """The subjects with one name each: “三公”经费 and 三公经费 are one item, added once."""
    out: dict[str, str] = {}
    for s in subjects:
        out.setdefault(subject_key(s), s)
    return tuple(out.values())


def _unread(q: Query, subjects: Sequence[str]) -> list[str]:
    """The items the question lists ("A、B和C这三个项目") that none of the read subjects is."""
    if len(q.asked) <= len(subjects):
        return []
    labels = [a.label for a in q.asked]
    return [lab for lab in labels if lab and all(cover(s, lab) < UNREAD_COVER and cover(lab, s) < UNREAD_COVER
                                                 for s in subjects)]


NEAR_COVER = 0.6  # an unread item holding this share of a project's name, in order, is that project


def _held_projects(read: Lookup, report: ReportRecord) -> list[str]:
    """The projects the report states figures of, once each, in the report's order."""
    return list(dict.fromkeys(f.subject for f in read.facts(report.id) if f.scope == "project" and f.subject))


def nearest_subject(label: str, held: Sequence[str]) -> str | None:
    """The one held subject whose name the asked item holds most of (characters in order, so
    a mistyped or shortened name still finds its project); None when none reaches
    `NEAR_COVER` or two tie."""
    scored = sorted(((_likeness(label, subject_key(h)), h) for h in held), reverse=True)
    if not scored or scored[0][0] < NEAR_COVER:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


SHORT_FORM_MIN = 4  # a shorter item is too little of a name to stand for a project


def _likeness(label: str, name: str) -> float:
    """How much the asked item is the project: the share of the project's name it holds, or,
    for a short form ("道路养护" of 乡村道路养护工程), the share of it the name holds."""
    short = cover(label, name) if len(label) >= SHORT_FORM_MIN else 0.0
    return max(cover(name, label), short)


def _sum_plan(read: Lookup, q: Query, reports: Sequence[ReportRecord]):
    """[(report, metric, subject, label)] of the figures to add, or None."""
    if not reports:
        return None
    report = reports[0]
    subjects = distinct(q.subjects)
    if len(subjects) >= 2:
        metric = q.metrics[0] if q.metrics else "预算数"
        plan = [(report, metric, s, f"“{s}”{metric}") for s in subjects]
        # an item the question names that no subject was read for: the report's own project it
        # is most like (a short or mistyped name), else named as missing, never dropped
        held = [s for s in _held_projects(read, report) if s not in subjects]
        for label in _unread(q, subjects):
            near = nearest_subject(label, held)
            if near:
                held.remove(near)
                plan.append((report, metric, near, f"“{near}”{metric}"))
            else:
                plan.append((report, metric, label, f"“{label}”"))
        return plan
    q = replace(q, subjects=subjects)
    if len(reports) >= 2 and len(q.metrics) == 1:
        subject = q.subjects[0] if len(q.subjects) == 1 else ""  # one item across reports
        label = subject_label(subject, q.metrics[0])
        return [(r, q.metrics[0], subject, f"{report_name(r)}{label}") for r in reports]
    named = addend_metrics(q, read.stated(report))
    if len(named) < 2:
        return _projects_plan(read, q, report)
    name = report_name(report)
    return [(report, m, "", f"{name}{m}" if i == 0 else m) for i, m in enumerate(named)]


def _projects_plan(read: Lookup, q: Query, report: ReportRecord):
    """Every item the question lists read as one of the report's projects (short or mistyped
    names the subject reading missed), when each is one and they are two or more; else None."""
    labels = [a.label for a in q.asked if a.label]
    held = _held_projects(read, report)
    chosen: list[str] = []
    for label in labels:
        near = nearest_subject(label, [h for h in held if h not in chosen])
        if near is None:
            return None  # an item that is no project: not a sum of projects
        chosen.append(near)
    if len(chosen) < 2:
        return None
    metric = next((m for m in q.metrics if m in ADDABLE), "预算数")  # a project's own figure
    return [(report, metric, s, f"“{s}”{metric}") for s in chosen]


class Sum(Shape):
    """Named figures added up (\"A、B和C加起来\")."""

    name = "sum"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.SUM)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        reports = reports_of(query, ctx)
        return years_total(ctx, query, reports) or total(ctx.facts, query, reports)


def years_total(ctx: Context, q: Query, reports: Sequence[ReportRecord]) -> Answer | None:
    """One figure of one department over several years ("两年的三公经费加起来"): each year's
    own report's figure, or the one a later report states for a year with no report; None
    unless two years are found."""
    several = Cue.SEVERAL_YEARS in q.cues or len(q.years) > 1
    if not several or len(q.metrics) != 1 or len({r.department for r in reports}) != 1:
        return None
    q = replace(q, subjects=distinct(q.subjects)[:1])
    find, subject = finder(ctx.facts), (q.subjects[0] if q.subjects else "")
    # a spending item asked by its own metric (三公经费 of “三公”经费) is its spending
    asked = [(q.metrics[0], subject), ("支出", subject), (q.metrics[0], "")]
    own = [hit for r in reports
           if (hit := next((h for m, s in asked if (h := find(r, m, s)) is not None), None)) is not None]
    by_year = {f.report.year: f for f in [*other_periods(ctx, q, reports), *own]}
    parts = [by_year[y] for y in sorted(by_year, key=lambda y: y or 0)]
    if len(parts) < 2:
        return None
    labels = [f"{p.report.year}年" for p in parts]
    result = ar.total(operands(parts, labels))
    wan, wan_derived = ar.in_wan(result)
    items = "，".join(f"{lab}{p.fact.text_value}" for lab, p in zip(labels, parts, strict=True))
    name = short_name(reports[0].department)
    notes = "".join(source_note(p) for p in parts if p.fact.year != p.report.year)
    text = f"{name}{q.metrics[0]}：{items}；合计{result.text}{wan}（{result.calc}）。{notes}"
    return answer(q, text, parts, derived=[result.derived(), *wan_derived])
