"""Figures of the facts table: the asked figures of the asked reports (a ranking when several
reports give one figure), and a share of two figures. Every figure shown is a stated fact with
its verbatim sentence; a figure converted to 万元 shows its conversion; a report without the
figure gets "没有给出" for that report instead of a guess."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from assistant.answer.arithmetic import Result, convert, difference, ratio, show
from assistant.answer.found import Found, operands, unnoted
from assistant.answer.found import abstain as _abstain
from assistant.answer.found import answer as _answer
from assistant.answer.lookup import FALLBACK, PROJECT_METRIC, Lookup, prior_periods, same_subject
from assistant.answer.skills.base import Context, Shape, about_figures, computes, reports_of
from assistant.answer.skills.deductions import DEDUCTED, subject_deduction
from assistant.answer.skills.periods import other_periods, source_note
from assistant.answer.skills.recheck import recheck
from assistant.answer.skills.sum import distinct
from assistant.answer.types import Answer
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.facts.vocabulary import TERMS, subject_key
from assistant.index.records import ReportRecord
from assistant.ingest.aliases import short_name
from assistant.text.numbers import unit_kind

# a rate written as a fraction, as spreadsheets store it under a % format: 0.9374
FRACTION = re.compile(r"[01]\.\d{2,6}")
# a change against the year before, as a report files it, and how an answer says it
CHANGE_VERBS = {"增加额": "增加", "减少额": "减少", "增幅": "增长", "降幅": "下降"}
# a period before the report's own year: 上年, 2024年, 2024年度 (not 年初, the year's first budget)
EARLIER_PERIOD = re.compile(r"上年|\d{4}年度?")


def figures(facts: Lookup, q: Query, reports: Sequence[ReportRecord],
            earlier: Sequence[Found] = ()) -> Answer | None:
    """The asked figures of the asked reports, each cited; what a report lacks is said.
    `earlier`: figures of a year with no report of its own, stated by a later report
    (`skills.periods`), each said where it comes from."""
    found, missing, elsewhere, aside, quiet = _lookups(facts, q, reports)
    shown = {e.fact.id for e in earlier}  # a year asked of a later report: shown once, as asked
    found = [f for f in found if not (_beside_period(f) and f.fact.id in shown)] + list(earlier)
    covered = {f.report.department for f in earlier}
    missing += [f"资料库中没有{p}的报告" for p in q.unknown_places]
    missing += [f"资料库中没有{m}的报告" for m in q.missing_years
                if not any(m.startswith(d) for d in covered)]
    if not found and elsewhere:
        declined = _abstain(q, "；".join(elsewhere) + "。")
        declined.final = True
        return declined
    if not found and not q.metrics:
        return None  # a subject without a figure asked of it: the report's text may say
    if not found:
        return _abstain(q, "；".join(missing) + "。")
    if _one_sided(q, reports, found):
        return None  # two departments compared, one without the figure: the reports' text may say
    lines = []
    derived = [d for f in found if (d := _conversion(f)) is not None]
    primary = [f for f in found if (f.metric in q.metrics or f.fact.scope != "department")
               and not _beside_period(f) and f.fact.id not in aside]
    sides = _sides(q, primary)
    several = len({_side(f) for f in primary}) > 1
    if len(sides) == 2 and several:  # two departments (or years) compared: who is higher, by how much
        sentence, gap = _two_sides(sides, q.order == "min")
        lines.append(sentence)
        derived += gap
        for side in sides:  # a compared figure that its own report's figures contradict
            note, calc = recheck(facts, side)
            lines += [note] if note else []
            derived += calc
        lines += [_figure_sentence(f, facts.table_of(f.fact)) for f in found if f not in sides]
    elif len(primary) > 1 and len({f.metric for f in primary}) == 1 and several:
        lines.append(_ranking_sentence(q, primary))
        lines += [_figure_sentence(f, facts.table_of(f.fact)) for f in found if f not in primary]
    else:
        lines += [_figure_sentence(f, facts.table_of(f.fact)) for f in found]
    adjusted, calc = _adjustment(found)
    lines += adjusted
    derived += calc
    points, calc = _point_changes(found)
    lines += points
    derived += calc
    lines += [source_note(f) for f in earlier]
    lines = list(dict.fromkeys(lines))
    lines += [m + "。" for m in missing]
    lines += _conflict_notes(found)
    table = [_row(f) for f in found] + [{"部门": m} for m in missing] if several or len(reports) > 1 else None
    answer = _answer(q, "\n".join(lines), found, table=table, derived=derived)
    answer.unnoted = [unnoted(f) for f in found if f.fact.id in quiet]
    return answer


def _one_sided(q: Query, reports: Sequence[ReportRecord], found: Sequence[Found]) -> bool:
    """Which of two departments is higher asked ("谁花得多") and the facts give the figure of
    one only (a question for each one's figure is answered with what the facts hold)."""
    return bool(q.order) and len({r.department for r in reports}) == 2 and \
        len({f.report.department for f in found}) == 1


def _lookups(facts: Lookup, q: Query, reports: Sequence[ReportRecord]
             ) -> tuple[list[Found], list[str], list[str], set[int], set[int]]:
    """Every asked (report, subject, metric): the figures found, what is missing,
    indicators asked of a project whose form lacks them, and the ids of the figures shown
    beside an asked one that are of other subjects (its 其中 parts): never compared with it,
    and of those the report states with an asked one (`Lookup.stated_with`)."""
    subjects = distinct(q.subjects) or ("",)  # “三公”经费 and 三公经费 are one item
    metrics = q.metrics or ("",)
    found: list[Found] = []
    missing: list[str] = []
    elsewhere: list[str] = []
    aside: set[int] = set()
    quiet: set[int] = set()
    for report in reports:
        projects = facts.projects_named(report, subjects)
        for subject in subjects:
            for metric in metrics:
                if metric == DEDUCTED and subject and (cut := subject_deduction(facts, report, subject)):
                    _add(facts, found, cut, beside=False, aside=aside, quiet=quiet)  # the points the named indicator lost
                hit = facts.lookup(report, metric, subject, q.indicator_metric)
                if hit is None and subject and metric and metric in subject:
                    # 基本支出 asked as such; 预算执行率 (an indicator's name) asked as 执行率
                    hit = facts.lookup(report, metric, "", q.indicator_metric)
                if not subject and (hit is None or facts.restates_project(report)):
                    hit = facts.lone_project(report, metric, q.indicator_metric) or hit
                    if hit is not None and Cue.DEPARTMENT_WIDE in q.cues:
                        # the department's own figure was asked: the project's is another
                        missing.append(f"{_report_name(report)}的报告没有给出部门整体的"
                                       f"{_label(metric, subject, q)}（该报告是"
                                       f"“{hit.fact.subject}”的项目自评，只给出了该项目的数字）")
                        continue
                label = _label(metric, subject, q)
                if hit is not None and not _in_forms(hit, projects):
                    elsewhere.append(f"{_report_name(report)}的报告中，“{projects[0]}”没有"
                                     f"“{subject}”这项指标（该指标属于报告中另一张自评表）")
                elif hit:
                    _add(facts, found, hit, beside=len(reports) == 1, aside=aside, quiet=quiet)
                else:
                    missing.append(f"{_report_name(report)}的报告没有给出{label}")
    return found, missing, elsewhere, aside, quiet


def _add(facts: Lookup, found: list[Found], hit: Found, beside: bool, aside: set[int],
         quiet: set[int]) -> None:
    """A figure found, once (two names of one item reach one figure), with its companions and,
    when `beside` (one report asked), the figures read beside it and those the report states
    with it (their ids into `quiet`: shown for the reader, never given a 不一致 note)."""
    if any(f.fact.id == hit.fact.id for f in found):
        return
    found.append(hit)
    found += [c for c in facts.companions(hit.report, hit) if all(c.fact.id != f.fact.id for f in found)]
    if beside:
        context = [c for c in facts.context(hit.report, hit) if all(c.fact.id != f.fact.id for f in found)]
        stated = [c for c in facts.stated_with(hit.report, hit)
                  if all(c.fact.id != f.fact.id for f in (*found, *context))]
        key = subject_key(hit.fact.subject)
        aside.update(c.fact.id for c in (*context, *stated) if subject_key(c.fact.subject) != key)
        found += context + stated
        quiet.update(c.fact.id for c in stated)


def two_figures(facts: Lookup, q: Query, reports: Sequence[ReportRecord]) -> Answer | None:
    """A share: the first figure as a percentage of the second."""
    if len(q.metrics) >= 2 and reports:
        a = facts.lookup(reports[0], q.metrics[0], "", q.indicator_metric)
        b = facts.lookup(reports[0], q.metrics[1], "", q.indicator_metric)
    elif len(reports) >= 2 and q.metrics:
        a = facts.lookup(reports[0], q.metrics[0], "", q.indicator_metric)
        b = facts.lookup(reports[1], q.metrics[0], "", q.indicator_metric)
    else:
        return None
    if not a or not b:
        return figures(facts, q, reports)
    x, y = operands([a, b], [a.metric, b.metric])
    result = ratio(x, y)
    if result is None:
        return figures(facts, q, reports)
    text = (f"{a.name}{a.metric}{a.fact.text_value}，{b.metric}{b.fact.text_value}，"
            f"{a.metric}占{b.metric}的比重约为{result.text}（{result.calc}）。")
    return _answer(q, text, [a, b], derived=[result.derived()])




def _show(value: Decimal) -> str:
    return format(value, "f")






def _label(metric: str, subject: str, q: Query) -> str:
    if subject:
        m = q.indicator_metric if Cue.INDICATOR_WORD in q.cues else ""
        return f"“{subject}”的{m or PROJECT_METRIC.get(metric, metric) or '数字'}"
    return metric or "相关数字"


def _quoted(subject: str) -> str:
    """A subject in quotation marks, unless it is quoted already (“三公经费”变动率 stays)."""
    if not subject:
        return ""
    return subject if subject.startswith(("“", "\"", "《")) else f"“{subject}”"


def _who(f: Found) -> str:
    subject = _quoted(f.fact.subject)
    return f"{f.name}{subject}{f.metric}"


def _report_name(report: ReportRecord) -> str:
    return f"{short_name(report.department)}{report.year or ''}年"


def _figure_sentence(f: Found, table: str = "") -> str:
    """One figure with its name; a table's cell says which table ("见表1")."""
    subject = _quoted(f.fact.subject)
    note = f"（报告未给出{_asked(f)}，此为{f.metric}）" if f.metric in sum(FALLBACK.values(), ()) else ""
    where = f"，见{table}" if table else ""
    if (change := _change_of(f)) is not None:  # 较上年增加…, as the report states it
        return f"{f.name}{subject}{change[0]}较上年{change[1]}{f.fact.text_value}{_converted(f)}{where}。"
    if _beside_period(f):  # 上年 as the report states it: "…2025年报告所列2024年支出为…"
        period = f.fact.period
        return (f"{f.name}报告所列{period}{subject}{f.metric[len(period):]}为{f.fact.text_value}"
                f"{_converted(f)}{_written(f)}{where}。")
    return f"{f.name}{subject}{f.metric}为{f.fact.text_value}{_converted(f)}{_written(f)}{note}{where}。"


def _written(f: Found) -> str:
    """"（表中写作0.9374）" after a rate the report also writes as a fraction (a table's cell in
    a 0.xxxx format): the figure as the reader finds it in the report ("" otherwise)."""
    if f.fact.unit != "%":
        return ""
    for fact in f.facts:
        raw = (fact.raw or "").strip()
        if FRACTION.fullmatch(raw) and fact.value is not None and \
                abs(Decimal(raw) * 100 - Decimal(str(fact.value))) < Decimal("0.005"):
            return f"（表中写作{raw}）"
    return ""


def _change_of(f: Found) -> tuple[str, str] | None:
    """(the metric, the verb) of a figure's change against the year before shown beside it
    (支出增幅 -> 支出, 增长), or None."""
    if f.fact.period or not any(p in (f.fact.quote or "") for p in prior_periods(f.report)):
        return None  # a change in the year (年中调增) is no change against the year before
    for ending, verb in CHANGE_VERBS.items():
        if f.metric.endswith(ending) and f.metric != ending:
            return f.metric.removesuffix(ending), verb
    return None


def _beside_period(f: Found) -> bool:
    """A figure of another period shown beside the asked one (上年支出 beside 支出), not itself
    an asked figure (a year's figure asked of a later report is filed under the plain metric)."""
    period = f.fact.period
    return bool(EARLIER_PERIOD.fullmatch(period)) and f.metric.startswith(period) and f.metric != period


def _point_changes(found: Sequence[Found]) -> tuple[list[str], list[dict]]:
    """"较上年（96.51%）下降1.28个百分点" for a rate shown with the same rate of the year before
    (computed from the two stated figures, in 个百分点)."""
    lines: list[str] = []
    derived: list[dict] = []
    for now in found:
        if now.fact.unit != "%" or now.fact.period:
            continue
        before = next((b for b in found if _beside_period(b) and b.report.id == now.report.id
                       and b.metric == f"{b.fact.period}{now.metric}" and b.fact.unit == "%"
                       and subject_key(b.fact.subject) == subject_key(now.fact.subject)), None)
        if before is None:
            continue
        x, y = operands([now, before], [now.metric, before.metric])
        gap = difference(x, y)
        if gap.value == 0:
            continue
        word = "上升" if gap.value > 0 else "下降"
        amount = f"{show(abs(gap.value))}个百分点"
        lines.append(f"{now.name}{_quoted(now.fact.subject)}{now.metric}较{before.fact.period}"
                     f"（{before.fact.text_value}）{word}{amount}（{gap.calc}）。")
        derived.append({**gap.derived(), "value": float(abs(gap.value)), "text": amount})
    return lines, derived


def _converted(f: Found) -> str:
    """"（折合约24.14万元）" after an amount the report states in 元 ("" otherwise)."""
    result = _in_wan(f)
    if result is None:
        return ""
    return f"（折合{'' if result.value == f.value else '约'}{result.text}）"


def _in_forms(hit: Found, projects: Sequence[str]) -> bool:
    """An indicator asked together with a project must be in that project's form (a file of
    several forms places each indicator under its project, see facts.table_facts)."""
    if not projects or hit.fact.scope != "indicator":
        return True
    return any(p in (hit.fact.section or "") for p in projects)


def _in_wan(f: Found) -> Result | None:
    """An amount the report states in another unit (元, 千元) in 万元 as a reader wants it, at
    two places, recorded as a conversion of the stated figure; None for one stated in 万元."""
    if f.fact.unit != "万元" or f.fact.text_value.endswith("万元"):
        return None
    return convert(f.fact.text_value, f.value, "万元", 2, f)


def _conversion(f: Found) -> dict | None:
    """The derivation of a figure converted to 万元 (its operand is the stated one)."""
    result = _in_wan(f)
    return None if result is None else result.derived()


def _asked(f: Found) -> str:
    return next(k for k, v in FALLBACK.items() if f.metric in v)


def _adjustment(found: list[Found]) -> tuple[list[str], list[dict]]:
    """"年中调整增加X" when a final budget and the 年初 one of the same report are both shown."""
    for final in (f for f in found if f.metric == "预算数" and not f.fact.subject):
        first = next((f for f in found if f.metric == "年初预算数" and f.report.id == final.report.id
                      and not f.fact.subject), None)
        if first is None or first.value == final.value:
            continue
        x, y = operands([final, first], ["预算数", "年初预算数"])
        change = difference(x, y)
        word = "增加" if change.value > 0 else "减少"
        amount = f"{show(abs(change.value))}{change.unit}"
        return ([f"{final.name}年中调整{word}{amount}（{change.calc}）。"],
                [{**change.derived(), "value": float(abs(change.value)), "text": amount}])
    return [], []


def _sides(q: Query, primary: list[Found]) -> list[Found]:
    """A comparison of two departments on one asked figure: the first figure found for each
    (the metric matched by what it is, whatever each report calls it), of one unit kind."""
    if q.intent != Intent.COMPARISON and not q.order:
        return []
    firsts = list({_side(f): f for f in reversed(primary)}.values())[::-1]
    if len(firsts) != 2 or unit_kind(firsts[0].fact.unit) != unit_kind(firsts[1].fact.unit):
        return []
    if any(f.metric in sum(FALLBACK.values(), ()) for f in firsts):
        return []  # a related figure (收支比率 for 执行率) is not the asked one: no verdict
    return firsts


def _side(f: Found) -> tuple:
    """What a compared figure is of: its report, year and subject (two departments, one
    department's two years, or two funds of one report)."""
    return f.report.id, f.report.year, subject_key(f.fact.subject)


def _two_sides(sides: list[Found], lower: bool = False) -> tuple[str, list[dict]]:
    """"A更高：A…；B…，A比B高X" (or, when the lower is asked, "B更低") with the gap in one
    unit (a converted figure shown once), and a note when the figures are of different years."""
    high, low = sorted(sides, key=lambda f: f.value, reverse=True)
    first, second = (low, high) if lower else (high, low)
    listing = "；".join(f"{_who(f)}{f.fact.text_value}{_converted(f)}" for f in (first, second))
    if high.value == low.value:
        return f"两者相同：{listing}。", []
    # two subjects of one report are named by their subjects, anything else by its report
    one = high.report.id == low.report.id and high.report.year == low.report.year
    name = {id(f): _quoted(f.fact.subject) if one else f.name for f in sides}
    x, y = operands([high, low], [name[id(high)], name[id(low)]])
    gap = difference(x, y)
    rate = high.fact.unit == "%"
    amount = f"{show(gap.value)}{'个百分点' if rate else gap.unit}"
    more = rate or unit_kind(high.fact.unit) != "money"
    word = ("低" if more else "少") if lower else ("高" if more else "多")
    text = (f"{name[id(first)]}更{word}：{listing}；{name[id(first)]}比{name[id(second)]}{word}{amount}"
            f"（{gap.calc}）。")
    if (high.report.year and low.report.year and high.report.year != low.report.year
            and high.report.department != low.report.department):
        text += f"（两者年度不同：分别为{first.report.year}年度和{second.report.year}年度。）"
    return text, [{**gap.derived(), "text": amount}]


def _ranking_sentence(q: Query, found: list[Found]) -> str:
    ordered = sorted(found, key=lambda f: f.value, reverse=q.order != "min")
    listing = "；".join(f"{_who(f)}{f.fact.text_value}{_converted(f)}" for f in ordered)
    if q.order:
        top = ordered[0]
        word = "最低" if q.order == "min" else "最高"
        if len(found) == 2:
            word = "更低" if word == "最低" else "更高"
        if len({f.value for f in found}) == 1:
            return f"各部门相同：{listing}。"
        return f"{top.name}{word}（{top.metric}{top.fact.text_value}）。各部门：{listing}。"
    return f"{listing}。"


def _conflict_notes(found: list[Found]) -> list[str]:
    notes = []
    for f in found:
        if f.others:
            values = "、".join(o.text_value for o in f.others)
            notes.append(f"注意：{f.name}报告中同一项目另有不同数字（{values}），见引用原文。")
    return notes


def _row(f: Found) -> dict:
    return {"部门": short_name(f.report.department), "年度": f.report.year, "指标": f.metric,
            "数值": f.fact.text_value, "原文": " ".join(f.fact.quote.split())}


class UnheldSubject(Shape):
    """A project, fund or programme the question names that the facts do not hold: never the
    department's figure in its place (the evidence stage then reads the report's text)."""

    name = "unheld_subject"

    def matches(self, query: Query) -> bool:
        return about_figures(query) and bool(query.named_subject)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return _abstain(query, f"事实表中没有“{query.named_subject}”的数字。")


class Share(Shape):
    """One figure as a percentage of another ("…占…的比重")."""

    name = "share"

    def matches(self, query: Query) -> bool:
        return computes(query, Intent.SHARE)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return two_figures(ctx.facts, query, reports_of(query, ctx))


class Figures(Shape):
    """The asked figures of the asked reports (the shape every other figure question falls
    back to)."""

    name = "figures"

    def matches(self, query: Query) -> bool:
        return about_figures(query) and not query.named_subject and query.intent != Intent.SHARE

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        reports = reports_of(query, ctx)
        held = held_subjects(ctx.facts, query, reports)
        if held and not query.subjects:
            # a fund or project named by the head of its name: its figure, not the department's
            query = replace(query, subjects=(held[0],))
        if (query.order or query.intent == Intent.COMPARISON) and len(query.subjects) == 1:
            # two of one report's funds or projects compared ("政府性基金和一般公共预算哪个执行率高")
            key = subject_key(query.subjects[0])
            other = [h for h in held if not same_subject(subject_key(h), key)]
            query = replace(query, subjects=(*query.subjects, *other[:1]))
        return figures(ctx.facts, query, reports, other_periods(ctx, query, reports))


def held_subjects(read: Lookup, q: Query, reports: Sequence[ReportRecord]) -> list[str]:
    """The projects and funding sources of the asked report whose names begin with a word the
    question names that is no metric term ("政府性基金" for 政府性基金预算财政拨款), in the
    question's order; a word that begins two names says none. Only for one report."""
    if len(reports) != 1:
        return []
    terms = {t.text for t in TERMS}
    pairs = [a + b for asked in q.asked for a, b in zip(asked.words, asked.words[1:], strict=False)]
    words = [w for w in (*(w for a in q.asked for w in a.words), *pairs) if len(w) >= 3 and w not in terms]
    held = {f.subject for f in read.facts(reports[0].id) if f.scope in ("project", "source") and f.subject}
    out: list[str] = []
    for word in words:
        starting = [s for s in held if s.startswith(word) and s != word]
        if len(starting) == 1 and starting[0] not in out:
            out.append(starting[0])
    return out
