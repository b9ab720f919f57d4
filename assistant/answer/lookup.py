"""Fact lookups the skills share: the one place that reads the facts table from the store for
them (a skill gets a `Lookup` through its context, never the store or the dispatcher).

`lookup(report, metric, subject)` finds a stated figure: the department's, or a subject's
(project, indicator, funding source), with the fallbacks a reader accepts (收支比率 for 执行率)
and a report about one project answering for that project."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answer.found import Found
from assistant.facts.vocabulary import ITEM_WORDS, TERMS, same_value, subject_key
from assistant.index.records import FactRecord, ItemRecord, ReportRecord
from assistant.index.store import Store

FALLBACK = {"执行率": ("收支比率",)}
# an indicator's figure and the one a reader reads it against
INDICATOR_COMPANION = {"得分": "分值", "实际值": "目标值", "目标值": "实际值"}  # a related figure, shown with its own name
PROJECT_METRIC = {"项目支出": "支出", "项目支出执行率": "执行率"}


class Lookup:
    """The facts, items and reports of the store, as the skills read them."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def report(self, report_id: str) -> ReportRecord | None:
        return self._store.report(report_id)

    def facts(self, report_id: str) -> list[FactRecord]:
        return self._store.facts(report_id)

    def report_text(self, report_id: str) -> str:
        return self._store.report_text(report_id)

    def table_of(self, fact: FactRecord) -> str:
        """The table a figure is a cell of, by its caption ("表1"), or "" (a sentence's figure,
        or a table with no numbered caption)."""
        return table_caption(self.report_text(fact.report_id), fact.start)

    def caption_at(self, report_id: str, start: int) -> tuple[str, int, int, str] | None:
        """(label, start, end, text) of the caption of the table whose cell starts at
        `start` ("表1", …, "表1 2024年度预算执行情况表"), or None."""
        text = self.report_text(report_id)
        found = caption_line(text, start)
        return None if found is None else (*found, text[found[1]:found[2]].strip())

    def items(self, report_id: str) -> list[ItemRecord]:
        return self._store.items(report_id)

    def stated(self, report: ReportRecord) -> list[str]:
        """The department metrics a report states."""
        return sorted({f.metric for f in self.facts(report.id) if f.scope == "department"})

    def lookup(self, report: ReportRecord, metric: str, subject: str = "",
               of_indicator: str = "") -> Found | None:
        """The stated figure; `of_indicator` is what the question asks of an indicator
        (`Query.indicator_metric`). A spending item's spending is filed either as the item's
        own figure (三公经费 7.2万元) or as the item's 支出 (“三公”经费…实际支出7.2万元): either
        answers for the other."""
        hit = self._lookup(report, metric, subject, of_indicator)
        if hit is not None or not (dated := DATED.fullmatch(metric)):
            return hit
        # a figure of the year before asked by another name of that year (上年 in a 2024
        # report is 2023年), or a spending item's of that year (2023年三公经费: the item's 2023年支出)
        period, plain = dated.groups()
        periods = prior_periods(report)
        names = [p for p in periods if period in periods and p != period]
        for name in (period, *names):
            hit = (self._lookup(report, f"{name}{plain}", subject, of_indicator) if name != period else None)
            if hit is None and item_metric(plain) and (not subject or item_metric(subject) == plain):
                hit = self._stated(report, f"{name}支出", subject or plain, of_indicator)
            if hit is not None:
                return hit
        return None

    def _lookup(self, report: ReportRecord, metric: str, subject: str, of_indicator: str) -> Found | None:
        hit = self._stated(report, metric, subject, of_indicator)
        if hit is not None:
            return hit
        if subject and metric and item_metric(subject) == metric:
            # a spending item asked by its own name (三公经费 of “三公”经费): its spending
            return self._stated(report, "支出", subject, of_indicator) or self._stated(report, metric, "", of_indicator)
        if subject and metric in ("支出", "") and (item := item_metric(subject)):
            return self._stated(report, item, "", of_indicator)
        if not subject and item_metric(metric):
            return self._stated(report, "支出", metric, of_indicator)
        return None

    def _stated(self, report: ReportRecord, metric: str, subject: str,
                of_indicator: str) -> Found | None:
        rows = self.facts(report.id)
        if subject and _about(report, subject):
            # a report about one project: its own figures are that project's
            hit = self.lookup(report, metric, "", of_indicator)
            if hit:
                return hit
        if subject:
            key = subject_key(subject)
            rows = [r for r in rows if r.scope != "department" and same_subject(subject_key(r.subject), key)]
            if rows and rows[0].scope == "indicator":
                # an indicator asked with no figure named ("群众满意度是多少"): what it reached
                metric = of_indicator or metric or "实际值"
            else:
                metric = PROJECT_METRIC.get(metric, metric)
        else:
            rows = [r for r in rows if r.scope == "department"]
        for candidate in (metric, *FALLBACK.get(metric, ())):
            hits = [r for r in rows if r.metric == candidate]
            if hits:
                first = hits[0]
                # one figure stated twice (the text's 万元 and a table's 元) is no other figure
                same = tuple(h for h in hits if same_value(h, first))
                others = tuple(h for h in hits if not same_value(h, first))
                return Found(report, candidate, same, others)
        return None

    def earlier(self, report: ReportRecord, metric: str, year: int, subject: str = "") -> Found | None:
        """A figure of an earlier year that a later report states (its 上年 or 2023年 column or
        sentence), found under the report of that year: the answer for a year whose own report
        is not in the library. None when the report states none."""
        if not report.year or year >= report.year or not metric:
            return None
        periods = [f"{year}年", f"{year}年度", *(["上年"] if year == report.year - 1 else [])]
        # a spending item asked by its own name is its spending, or the department's item figure
        asked = [(metric, subject)]
        if subject and item_metric(subject) == metric:
            asked = [("支出", subject), (metric, "")]
        for period in periods:
            for name, of in asked:
                hit = self._stated(report, f"{period}{name}", of, "")
                if hit is not None and hit.fact.period:
                    return Found(replace(report, year=year), metric, hit.facts, hit.others)
        return None

    def lone_project(self, report: ReportRecord, metric: str, of_indicator: str) -> Found | None:
        """A figure asked of a report that gives it for no one but its single project (a
        project's self-evaluation form): the project's figure, shown under the project's name
        so that it is never taken for the department's."""
        if not metric:
            return None
        wanted = PROJECT_METRIC.get(metric, metric)
        rows = self.facts(report.id)
        projects = {r.subject for r in rows if r.scope == "project"}
        if len(projects) != 1 or (any(r.scope == "department" and r.metric == metric for r in rows)
                                  and not self.restates_project(report)):
            return None
        return self.lookup(report, wanted, next(iter(projects)), of_indicator)

    def restates_project(self, report: ReportRecord) -> bool:
        """Whether the report's department-level figures are its single project's: one project,
        whose budget is the department's whole budget (a project's self-evaluation form, its
        说明 restating the form's figures as if they were the unit's)."""
        rows = [r for r in self.facts(report.id) if r.value is not None and not r.period]
        if len({r.subject for r in rows if r.scope == "project"}) != 1:
            return False
        budgets = {r.scope: r.value for r in rows if r.metric == "预算数" and r.scope in ("department", "project")}
        return len(budgets) == 2 and budgets["department"] == budgets["project"]

    def projects_named(self, report: ReportRecord, subjects: Sequence[str]) -> list[str]:
        """The projects among the asked subjects that the report holds."""
        rows = self.facts(report.id)
        held = {r.subject for r in rows if r.scope == "project"}
        placed = {p for p in held for r in rows
                  if r.scope == "indicator" and p in (r.section or "")}
        if not placed:
            return []  # indicators are not placed under projects in this report
        return [p for s in subjects for p in held if s and same_subject(subject_key(s), subject_key(p))]

    def companions(self, report: ReportRecord, hit: Found) -> list[Found]:
        """Figures a reader needs beside the one asked: an indicator's weight beside its
        score, its target beside what it reached (and the reverse), the score beside a grade; the
        final budget beside an initial one that differs (年中调整)."""
        fact = hit.fact
        wanted = INDICATOR_COMPANION.get(hit.metric) if fact.scope == "indicator" else None
        wanted = wanted or {"年初预算数": "预算数", "绩效评级": "自评得分"}.get(hit.metric)
        if not wanted:
            return []
        rows = [r for r in self.facts(report.id) if r.metric == wanted
                and r.scope == fact.scope and r.subject == fact.subject
                and r.section == fact.section and r.value is not None]
        if not rows or (wanted == "预算数" and rows[0].value == fact.value):
            return []
        return [Found(report, wanted, (rows[0],))]

    def context(self, report: ReportRecord, hit: Found) -> list[Found]:
        """The figures a reader checks the asked one against, stated beside it: a subject's
        (project, item, fund) budget, spending and rate together; the parts a "其中" right
        after the figure's statement lists; the 年初 budget beside a final one that differs."""
        fact = hit.fact
        rows = [r for r in self.facts(report.id) if r.value is not None and r.id != fact.id]
        out: list[FactRecord] = []
        if fact.subject and hit.metric in TRIAD and not fact.period:
            for metric in TRIAD:
                own = _OWN.get(metric, ((metric, ""),))
                same = [r for r in rows if r.subject == fact.subject and r.scope == fact.scope
                        and metric != hit.metric and (r.metric, r.period) in own]
                out += sorted(same, key=lambda r: own.index((r.metric, r.period)))[:1]
        if not fact.subject and hit.metric == "预算数":
            first = [r for r in rows if r.metric == "年初预算数" and r.scope == fact.scope
                     and not r.subject and r.period in ("", "年初") and r.value != fact.value]
            out += first[:1]
        out += _parts_after(fact, rows)
        return [Found(report, r.metric, (r,)) for r in dict.fromkeys(out)]

    def stated_with(self, report: ReportRecord, hit: Found) -> list[Found]:
        """What the report states with the asked figure that a reader expects after it: the
        table rows below its row that open with 其中 (its parts), the amount a class's rate is
        of, the same figure of the year before and the change the report states against it."""
        fact = hit.fact
        rows = [r for r in self.facts(report.id) if r.value is not None and r.id != fact.id]
        out = _part_rows(fact, rows) if not _said_parts(fact, rows) else []
        out += _rated(fact, rows)
        if not fact.period and hit.metric == fact.metric:
            prior = _prior(report, fact, rows)
            out += prior + _changes(report, fact, rows, prior)
        return [Found(report, r.metric, (r,)) for r in dict.fromkeys(out)]


# a subject's budget, spending and rate: each is read beside the others
TRIAD = ("预算数", "支出", "执行率")
# a subject's budget is its final one, else the only one stated, the 年初 one
# the figures that stand for a metric beside a subject's other two, best first: a subject given
# only its 年初 budget shows that one
_OWN = {"预算数": (("预算数", ""), ("年初预算数", ""), ("年初预算数", "年初"))}
PARTS_OPEN = re.compile(r"^[\s，,；;]*其中")
# a table row whose label cell opens with 其中 ("项目：其中：人员经费；本年数：…", "其中：人员经费 …")
PART_ROW = re.compile(r"^[\s，,；;]*(?:[^：:；;\n]{1,10}[：:])?[\s]*其中")
ROW_GAP = 4  # characters between one row's end and the next row's start, at most


def _parts_after(fact: FactRecord, rows: Sequence[FactRecord]) -> list[FactRecord]:
    """The figures of the "其中…" clause that follows the figure's own statement (the parts of
    the asked total, in the report's order)."""
    end = fact.end
    parts = [r for r in rows if r.quote and PARTS_OPEN.match(r.quote)
             and 0 <= r.start - end <= 4 and r.metric not in TRIAD[2:]]
    if not parts:  # the parts in the same statement, after 其中
        at = fact.quote.find("其中", max(0, fact.num_end - fact.start))
        if at >= 0:
            parts = [r for r in rows if r.start == fact.start and r.num_start >= fact.start + at]
    return sorted(parts, key=lambda r: r.num_start)[:6]


def _said_parts(fact: FactRecord, rows: Sequence[FactRecord]) -> bool:
    """Whether the figure's own statement or the one right after it lists its parts."""
    return bool(_parts_after(fact, rows))


def _part_rows(fact: FactRecord, rows: Sequence[FactRecord]) -> list[FactRecord]:
    """The rows right below the figure's row that open with 其中, each row's figure of the
    figure's period (the same metric, or, filed under a part's own name, any one figure)."""
    ends: dict[int, int] = {}
    for r in rows:
        ends[r.start] = max(ends.get(r.start, r.end), r.end)
    end = max(fact.end, ends.get(fact.start, fact.end))
    out: list[FactRecord] = []
    while True:
        below = [r for r in rows if 0 <= r.start - end <= ROW_GAP and r.quote
                 and PART_ROW.match(r.quote) and r.period == fact.period and r.unit == fact.unit]
        if not below:
            return out
        same = [r for r in below if r.metric == fact.metric] or below
        out.append(min(same, key=lambda r: r.num_start))
        end = ends.get(below[0].start, below[0].end)
        if len(out) >= 6:
            return out


# a metric filed with its period: 上年支出, 2023年三公经费, 2023年度自评得分
DATED = re.compile(r"(上年|\d{4}年度?)(.+)")
# how a report names the change of a figure against the year before (支出增幅, 三公经费降幅)
CHANGE_ENDINGS = ("增加额", "减少额", "增幅", "降幅")


def _rated(fact: FactRecord, rows: Sequence[FactRecord]) -> list[FactRecord]:
    """The amount a class's rate is of (项目支出 beside 项目支出执行率): same scope, subject and
    period, the first stated."""
    base = fact.metric.removesuffix("执行率")
    if not fact.metric.endswith("执行率") or not base:
        return []
    return [r for r in rows if r.metric == base and r.scope == fact.scope
            and r.subject == fact.subject and r.period == fact.period][:1]


def prior_periods(report: ReportRecord) -> tuple[str, ...]:
    """The periods a report names the year before its own by: 上年, and 2023年 in a 2024 report."""
    if not report.year:
        return ("上年",)
    return ("上年", f"{report.year - 1}年", f"{report.year - 1}年度")


def _prior(report: ReportRecord, fact: FactRecord, rows: Sequence[FactRecord]) -> list[FactRecord]:
    """The same figure of the year before, as the report states it (a 上年数 column, "较上年的
    24.90万元", "2024年为951.37万元"): same metric, scope and subject, filed with its period."""
    periods = prior_periods(report)
    key = subject_key(fact.subject)
    same = [r for r in rows if r.period in periods and r.scope == fact.scope
            and subject_key(r.subject) == key and r.metric == f"{r.period}{fact.metric}"
            and r.unit == fact.unit]
    return sorted(same, key=lambda r: periods.index(r.period))[:1]


def _changes(report: ReportRecord, fact: FactRecord, rows: Sequence[FactRecord],
             prior: Sequence[FactRecord]) -> list[FactRecord]:
    """The change of a figure against the year before that the report states (…增幅/降幅,
    …增加额/减少额 of the same metric and subject), in the prior figure's sentence or in one
    that names the year before. Not for a rate (its change is in 个百分点, computed)."""
    if not prior or fact.unit == "%":
        return []
    names = prior_periods(report)
    key = subject_key(fact.subject)
    return [r for r in rows if r.scope == fact.scope and subject_key(r.subject) == key
            and r.metric in {f"{fact.metric}{e}" for e in CHANGE_ENDINGS} and not r.period
            and (r.start == prior[0].start or any(n in r.quote for n in names))][:2]


# a numbered table's caption at a line's start: 表1 2024年度部门预算执行情况表
CAPTION = re.compile(r"(?m)^[ \t]*(表[ \t]*\d{1,2})(?=[ \t（(]|$)")
CAPTION_REACH = 4000  # characters a table runs on from its caption, at most
PROSE_LINE = re.compile(r"[。！？]\s*$")
TABLE_LINE = re.compile(r"\t|\||；[^；]*[：:]|\d\s{2,}\d")  # cells: tabs, bars, "列：值；列：值"


def table_caption(text: str, start: int) -> str:
    """"表1" when the figure at `start` sits in the table under that caption: no line of prose
    (ending in 。) between the caption and the figure's line."""
    caption = caption_line(text, start)
    return caption[0] if caption else ""


def caption_line(text: str, start: int) -> tuple[str, int, int] | None:
    """("表1", start, end of the caption's line) of the table the figure at `start` is a cell
    of (see `table_caption`), or None."""
    line_start = text.rfind("\n", 0, start) + 1
    captions = list(CAPTION.finditer(text, max(0, line_start - CAPTION_REACH), line_start))
    if not captions:
        return None
    caption = captions[-1]
    line_end = text.find("\n", start)
    own_line = text[line_start:line_end if line_end >= 0 else len(text)]
    between = text[caption.end():line_start].split("\n")
    if not TABLE_LINE.search(own_line) or any(PROSE_LINE.search(line) for line in [*between, own_line]):
        return None
    end = text.find("\n", caption.end())
    return re.sub(r"\s", "", caption.group(1)), caption.start(1), end if end >= 0 else len(text)


def item_metric(name: str) -> str:
    """The canonical metric of a spending item's name (“三公”经费 → 三公经费), or ""."""
    key = subject_key(name)
    return next((t.metric for t in TERMS if t.text in ITEM_WORDS and subject_key(t.text) == key), "")


def stated_metric(phrase: str, report_metrics: Sequence[str]) -> str:
    """The report metric the end of an operand's phrase begins (longest match first): the
    phrase the question names an operand by, read against what the asked report states."""
    for n in range(len(phrase), 1, -1):
        tail = phrase[-n:]
        hits = [m for m in report_metrics if m.startswith(tail)]
        if hits:
            return min(hits, key=len)
    return ""


def same_subject(a: str, b: str) -> bool:
    a, b = re.sub(r"[、，,\s]", "", a), re.sub(r"[、，,\s]", "", b)
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a)))


def _about(report: ReportRecord, subject: str) -> bool:
    """Whether a report is about the subject itself (a project report's title names it)."""
    key = subject_key(subject)
    return len(key) >= 2 and key in subject_key(report.title or "")
