"""The facts route: answer figure, comparison, arithmetic and list questions from the facts
table. Every figure shown is a stated fact with its verbatim sentence; derived figures are
computed here with Decimal and shown with the figures they come from. A department without
the figure gets "未给出" for that department instead of a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from assistant.answer.arithmetic import ratio
from assistant.answer.checks import rate_check, reconcile, target
from assistant.answer.computed import difference, remaining, total
from assistant.answer.criteria import criteria
from assistant.answer.found import Found, operands
from assistant.answer.found import abstain as _abstain
from assistant.answer.found import answer as _answer
from assistant.answer.found import decimal as _decimal
from assistant.answer.listing import subjects_table
from assistant.answer.project_rank import project_ranking
from assistant.answer.question import INDICATOR_METRICS, MAX_WORDS, MIN_WORDS, Query
from assistant.answer.summary import summarise
from assistant.answer.types import Answer, Citation
from assistant.facts.vocabulary import subject_key
from assistant.index.records import ReportRecord
from assistant.index.store import Store
from assistant.ingest.aliases import short_name
from assistant.text.markers import LEADING_MARK

FALLBACK = {"执行率": ("收支比率",)}
ASKS_DEPARTMENT = re.compile(r"部门整体|整体支出|单位整体|全部门")
# answers of their own shape: how an indicator is scored (text questions: nothing else here),
# which project ranks first
SHAPED = {"text": criteria, "comparison": project_ranking, "summary": summarise}  # a related figure, shown with its own name
PROJECT_METRIC = {"项目支出": "支出", "项目支出执行率": "执行率"}
# the report's own list items (problem+measure: both lists asked); other lists are tables
ITEM_LISTS = ("problem", "measure", "problem+measure")
ITEM_NAMES = {"problem": "存在的主要问题", "measure": "下一步改进措施"}
NO_METRIC_KINDS = ("remaining", "target", "rate_check", "difference")  # the kind itself names the figures
COMPUTED = {"difference": difference, "sum": total, "remaining": remaining,
            "reconcile": reconcile, "rate_check": rate_check, "target": target}


def _about(report: ReportRecord, subject: str) -> bool:
    """Whether a report is about the subject itself (a project report's title names it)."""
    key = subject_key(subject)
    return len(key) >= 2 and key in subject_key(report.title or "")


class FactAnswerer:
    def __init__(self, store: Store) -> None:
        self.store = store

    def answer(self, q: Query) -> Answer | None:
        """An answer from the facts, or None when the facts cannot answer this question."""
        if not q.report_ids and (q.unknown_places or q.missing_years):
            return _absent_reports(q)
        if q.kind == "list" and q.list_kind in ITEM_LISTS:
            return self._items(q) if q.report_ids else None
        if not q.report_ids:
            return None
        if q.kind == "list" and q.list_kind:
            return subjects_table(self, q)
        if q.kind in SHAPED:
            shaped = SHAPED[q.kind](self, q)
            if shaped is not None or q.kind in ("text", "summary"):
                return shaped
        if not (q.metrics or q.subjects or q.kind in NO_METRIC_KINDS or q.named_subject):
            return None
        return self._computed(q)

    def _computed(self, q: Query) -> Answer | None:
        if q.named_subject and q.kind not in ("list", "text", "summary"):
            # a project the facts do not hold: never the department's figure in its place
            return _abstain(q, f"事实表中没有“{q.named_subject}”的数字。")
        reports = [self.store.report(r) for r in q.report_ids]
        reports = [r for r in reports if r is not None]
        handler = COMPUTED.get(q.kind)
        if handler is not None:
            return handler(self, q, reports) or self._figures(q, reports)
        if q.kind == "share":
            return self._two_figures(q, reports)
        return self._figures(q, reports)

    # lookups ----------------------------------------------------------------------------------
    def lookup(self, report: ReportRecord, metric: str, subject: str = "", text: str = "") -> Found | None:
        rows = self.store.facts(report.id)
        if subject and _about(report, subject):
            # a report about one project: its own figures are that project's
            hit = self.lookup(report, metric, "", text)
            if hit:
                return hit
        if subject:
            key = subject_key(subject)
            rows = [r for r in rows if r.scope != "department" and _same(subject_key(r.subject), key)]
            if rows and rows[0].scope == "indicator":
                # an indicator asked with no figure named ("群众满意度是多少"): what it reached
                metric = _indicator_metric(text) or metric or "实际值"
            else:
                metric = PROJECT_METRIC.get(metric, metric)
        else:
            rows = [r for r in rows if r.scope == "department"]
        for candidate in (metric, *FALLBACK.get(metric, ())):
            hits = [r for r in rows if r.metric == candidate]
            if hits:
                first = hits[0]
                same = tuple(h for h in hits if _decimal(h) == _decimal(first))
                others = tuple(h for h in hits if _decimal(h) != _decimal(first))
                return Found(report, candidate, same, others)
        return None

    # answer shapes ------------------------------------------------------------------------------
    def _figures(self, q: Query, reports: Sequence[ReportRecord]) -> Answer:
        found, missing, elsewhere = self._lookups(q, reports)
        missing += [f"资料库中没有{p}的报告" for p in q.unknown_places]
        missing += [f"资料库中没有{m}的报告" for m in q.missing_years]
        if not found and elsewhere:
            declined = _abstain(q, "；".join(elsewhere) + "。")
            declined.final = True
            return declined
        if not found and not q.metrics:
            return None  # a subject without a figure asked of it: the report's text may say
        if not found:
            return _abstain(q, "；".join(missing) + "。")
        lines = []
        primary = [f for f in found if f.metric in q.metrics or f.fact.scope != "department"]
        if len(primary) > 1 and len({f.metric for f in primary}) == 1 and len(reports) > 1:
            lines.append(_ranking_sentence(q, primary))
            lines += [_figure_sentence(f, q.text) for f in found if f not in primary]
        else:
            lines += [_figure_sentence(f, q.text) for f in found]
        lines = list(dict.fromkeys(lines))
        lines += [m + "。" for m in missing]
        lines += _conflict_notes(found)
        table = [_row(f) for f in found] + [{"部门": m} for m in missing] if len(reports) > 1 else None
        return _answer(q, "\n".join(lines), found, table=table,
                       derived=[d for f in found if (d := _conversion(f)) is not None])

    def _lookups(self, q: Query, reports: Sequence[ReportRecord]
                 ) -> tuple[list[Found], list[str], list[str]]:
        """Every asked (report, subject, metric): the figures found, what is missing, and
        indicators asked of a project whose form lacks them."""
        subjects = q.subjects or ("",)
        metrics = q.metrics or ("",)
        found: list[Found] = []
        missing: list[str] = []
        elsewhere: list[str] = []
        for report in reports:
            projects = self._projects_named(report, subjects)
            for subject in subjects:
                for metric in metrics:
                    hit = self.lookup(report, metric, subject, q.text)
                    if hit is None and subject and metric and metric in subject:
                        # 基本支出 asked as such; 预算执行率 (an indicator's name) asked as 执行率
                        hit = self.lookup(report, metric, "", q.text)
                    if hit is None and not subject:
                        hit = self._lone_project(report, metric, q.text)
                        if hit is not None and ASKS_DEPARTMENT.search(q.text):
                            # the department's own figure was asked: the project's is another
                            missing.append(f"{_report_name(report)}的报告没有给出部门整体的"
                                           f"{_label(metric, subject, q.text)}（该报告是"
                                           f"“{hit.fact.subject}”的项目自评，只给出了该项目的数字）")
                            continue
                    label = _label(metric, subject, q.text)
                    if hit is not None and not _in_forms(hit, projects):
                        elsewhere.append(f"{_report_name(report)}的报告中，“{projects[0]}”没有"
                                         f"“{subject}”这项指标（该指标属于报告中另一张自评表）")
                    elif hit:
                        found.append(hit)
                        found += [c for c in self._companions(report, hit, q.text)
                                  if all(c.fact.id != f.fact.id for f in found)]
                    else:
                        missing.append(f"{_report_name(report)}的报告没有给出{label}")
        return found, missing, elsewhere

    def _lone_project(self, report: ReportRecord, metric: str, text: str) -> Found | None:
        """A figure asked of a report that gives it for no one but its single project (a
        project's self-evaluation form): the project's figure, shown under the project's name
        so that it is never taken for the department's."""
        if not metric:
            return None
        wanted = PROJECT_METRIC.get(metric, metric)
        rows = self.store.facts(report.id)
        projects = {r.subject for r in rows if r.scope == "project"}
        if len(projects) != 1 or any(r.scope == "department" and r.metric == metric
                                     for r in rows):
            return None
        return self.lookup(report, wanted, next(iter(projects)), text)

    def _projects_named(self, report: ReportRecord, subjects: Sequence[str]) -> list[str]:
        """The projects among the asked subjects that the report holds."""
        rows = self.store.facts(report.id)
        held = {r.subject for r in rows if r.scope == "project"}
        placed = {p for p in held for r in rows
                  if r.scope == "indicator" and p in (r.section or "")}
        if not placed:
            return []  # indicators are not placed under projects in this report
        return [p for s in subjects for p in held if s and _same(subject_key(s), subject_key(p))]

    def _companions(self, report: ReportRecord, hit: Found, text: str) -> list[Found]:
        """Figures a reader needs beside the one asked: an indicator's weight beside its
        score; the final budget beside an initial one that differs (年中调整)."""
        fact = hit.fact
        wanted = {"得分": "分值", "年初预算数": "预算数"}.get(hit.metric)
        if not wanted or (wanted == "分值" and fact.scope != "indicator"):
            return []
        rows = [r for r in self.store.facts(report.id) if r.metric == wanted
                and r.scope == fact.scope and r.subject == fact.subject
                and r.section == fact.section and r.value is not None]
        if not rows or (wanted == "预算数" and rows[0].value == fact.value):
            return []
        return [Found(report, wanted, (rows[0],))]

    def _two_figures(self, q: Query, reports: Sequence[ReportRecord]) -> Answer | None:
        """A share: the first figure as a percentage of the second."""
        if len(q.metrics) >= 2 and reports:
            a = self.lookup(reports[0], q.metrics[0], "", q.text)
            b = self.lookup(reports[0], q.metrics[1], "", q.text)
        elif len(reports) >= 2 and q.metrics:
            a = self.lookup(reports[0], q.metrics[0], "", q.text)
            b = self.lookup(reports[1], q.metrics[0], "", q.text)
        else:
            return None
        if not a or not b:
            return self._figures(q, reports)
        x, y = operands([a, b], [a.metric, b.metric])
        result = ratio(x, y)
        if result is None:
            return self._figures(q, reports)
        text = (f"{a.name}{a.metric}{a.fact.text_value}，{b.metric}{b.fact.text_value}，"
                f"{a.metric}占{b.metric}的比重约为{result.text}（{result.calc}）。")
        return _answer(q, text, [a, b], derived=[result.derived()])

    def _items(self, q: Query) -> Answer:
        """The report's own problem or measure lists, each item cited; a report without such a
        list says so (measures taken, 采取了哪些措施, are a text question: see question.py)."""
        kinds = q.list_kind.split("+")
        held = {(rid, kind): [i for i in self.store.items(rid) if i.kind == kind]
                for rid in q.report_ids for kind in kinds}
        lines, cites = [], []
        for rid in q.report_ids:
            report = self.store.report(rid)
            for kind in kinds:
                items = held[(rid, kind)]
                if not items:
                    lines.append(f"{_report_name(report)}的报告没有列出{ITEM_NAMES[kind]}。")
                    continue
                lines.append(f"{_report_name(report)}的报告列出的{ITEM_NAMES[kind]}：")
                for n, item in enumerate(items, 1):
                    body = item.text  # whole: its title and what the report says of it
                    lines.append(f"{n}. {_strip_marker(body)} [{len(cites) + 1}]")
                    cites.append(Citation(rid, report.file, item.section, item.quote,
                                          item.start, item.end))
        return Answer(question=q.text, text="\n".join(lines), abstained=not cites,
                      route="facts", citations=cites)


# helpers ------------------------------------------------------------------------------------------


def _show(value: Decimal) -> str:
    return format(value, "f")






def _same(a: str, b: str) -> bool:
    a, b = re.sub(r"[、，,\s]", "", a), re.sub(r"[、，,\s]", "", b)
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a)))


def _indicator_metric(text: str) -> str:
    for pattern, metric in INDICATOR_METRICS:
        if re.search(pattern, text):
            return metric
    return ""


def _label(metric: str, subject: str, text: str) -> str:
    if subject:
        m = _indicator_metric(text) if "指标" in text else ""
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


def _figure_sentence(f: Found, text: str) -> str:
    subject = _quoted(f.fact.subject)
    note = f"（报告未给出{_asked(f)}，此为{f.metric}）" if f.metric in sum(FALLBACK.values(), ()) else ""
    converted = ""
    if f.fact.unit == "万元" and not f.fact.text_value.endswith("万元"):
        wan, exact = _in_wan(f.value)
        converted = f"（折合{'' if exact else '约'}{wan}万元）"
    return f"{f.name}{subject}{f.metric}为{f.fact.text_value}{converted}{note}。"


def _in_forms(hit: Found, projects: Sequence[str]) -> bool:
    """An indicator asked together with a project must be in that project's form (a file of
    several forms places each indicator under its project, see facts.table_facts)."""
    if not projects or hit.fact.scope != "indicator":
        return True
    return any(p in (hit.fact.section or "") for p in projects)


def _in_wan(value: Decimal) -> tuple[str, bool]:
    """An amount in 万元 as a reader wants it: two decimals ("约" when rounded)."""
    rounded = value.quantize(Decimal("0.01"), ROUND_HALF_UP)
    return format(rounded, "f"), rounded == value


def _conversion(f: Found) -> dict | None:
    """The derivation of a figure converted from 元 to 万元 (its operand is the stated one)."""
    if f.fact.unit != "万元" or f.fact.text_value.endswith("万元"):
        return None
    wan, _ = _in_wan(f.value)
    return {"value": float(wan), "text": f"{wan}万元",
            "calc": f"{f.fact.text_value} = {wan}万元（元折合万元，保留两位小数）"}


def _asked(f: Found) -> str:
    return next(k for k, v in FALLBACK.items() if f.metric in v)


def _ranking_sentence(q: Query, found: list[Found]) -> str:
    ordered = sorted(found, key=lambda f: f.value, reverse=not MIN_WORDS.search(q.text))
    listing = "；".join(f"{_who(f)}{f.fact.text_value}" for f in ordered)
    if MAX_WORDS.search(q.text) or MIN_WORDS.search(q.text):
        top = ordered[0]
        word = "最低" if MIN_WORDS.search(q.text) else "最高"
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


def _strip_marker(text: str) -> str:
    return LEADING_MARK.sub("", text)








def _absent_reports(q: Query) -> Answer:
    """No report of the department or year asked: say so (with near names for a typo), never
    another department's figure. (The chain's clarification adds what the library holds.)"""
    from assistant.answer.clarify import absent_reports

    return absent_reports(q)
