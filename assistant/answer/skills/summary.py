"""A structured summary of a report from its facts and list items, no model needed:
职能与机构 (counts of units and people), 收支 (收入, 预算数, 支出, 执行率, 基本/项目支出),
绩效目标与得分 (自评得分, 等级, indicators with their figures), 问题 and 措施 (the report's own
list items). Every line cites the sentences its figures or items come from; a part the
report does not give is said to be missing."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer import arithmetic as ar
from assistant.answer.found import report_name
from assistant.answer.lookup import Lookup
from assistant.answer.skills.base import Context, Shape
from assistant.answer.skills.report_items import listed
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.types import Intent, Query
from assistant.index.records import FactRecord, ReportRecord
from assistant.text.markers import LEADING_MARK

MONEY = ("收入", "预算数", "支出", "执行率", "基本支出", "基本支出执行率", "项目支出", "项目支出执行率",
         "结转结余")
SCORE = ("自评得分", "绩效评级", "关键指标数")
ORGAN_UNITS = ("个", "人")
MAX_INDICATORS = 8
MAX_ITEMS = 6


def summarise(read: Lookup, q: Query, store=None) -> Answer | None:
    lines: list[str] = []
    cites: list[Citation] = []
    for rid in q.report_ids[:3]:
        report = read.report(rid)
        if report is None:
            continue
        facts = [f for f in read.facts(rid) if not f.period]
        lines.append(f"【{report_name(report)}报告概要】")
        lines += _section("职能与机构", _organisation(facts), report, cites)
        lines += _section("收支", _department(facts, MONEY), report, cites)
        lines += _section("绩效目标与得分", _department(facts, SCORE) + _indicators(facts),
                          report, cites)
        lines += _items("存在的问题", listed(read, rid, "problem", store), report, cites)
        lines += _items("改进措施", listed(read, rid, "measure", store), report, cites)
    if not cites:
        return None
    return Answer(question=q.text, text="\n".join(lines), abstained=False, route="facts",
                  citations=cites)


def _organisation(facts: Sequence[FactRecord]) -> list[FactRecord]:
    return [f for f in facts if f.scope == "department" and f.unit in ORGAN_UNITS
            and not f.subject and f.metric not in SCORE]


def _department(facts: Sequence[FactRecord], metrics: Sequence[str]) -> list[FactRecord]:
    out = []
    for metric in metrics:
        f = next((f for f in facts if f.scope == "department" and f.metric == metric), None)
        if f is not None:
            out.append(f)
    return out


def _indicators(facts: Sequence[FactRecord]) -> list[FactRecord]:
    shown = [f for f in facts if f.scope == "indicator" and f.metric in ("目标值", "实际值")]
    subjects = list(dict.fromkeys(f.subject for f in shown))[:MAX_INDICATORS]
    return [f for f in shown if f.subject in subjects]


def _section(title: str, facts: Sequence[FactRecord], report: ReportRecord,
             cites: list[Citation]) -> list[str]:
    if not facts:
        return [f"{title}：报告未给出相关数字。"]
    seen: set[tuple[str, str]] = set()
    parts: dict[str, list[str]] = {}  # a subject's figures go together
    refs = []
    for f in facts:
        if (f.subject, f.metric) in seen:
            continue
        seen.add((f.subject, f.metric))
        key = f.subject or f.metric
        parts.setdefault(key, []).append(f"{f.metric}{f.text_value}")
        refs.append(_cite(report, f.section, f.quote, f.start, f.end, cites))
    shown = [f"“{k}”{'、'.join(v)}" if k not in v[0] else v[0] for k, v in parts.items()]
    marks = "".join(f"[{r}]" for r in dict.fromkeys(refs))
    return [f"{title}：{'，'.join(shown)}。{marks}"]


def _items(title: str, items, report: ReportRecord, cites: list[Citation]) -> list[str]:
    if not items:
        return [f"{title}：报告未列出。"]
    out = [f"{title}："]
    for n, item in enumerate(items[:MAX_ITEMS], 1):
        ref = _cite(report, item.section, item.quote, item.start, item.end, cites)
        out.append(f"{n}. {LEADING_MARK.sub('', item.title or item.text)} [{ref}]")
    if len(items) > MAX_ITEMS:  # a summary may shorten a list, never silently
        for item in items[MAX_ITEMS:]:  # the items not shown are cited: the count is checkable
            _cite(report, item.section, item.quote, item.start, item.end, cites)
        titles = [LEADING_MARK.sub("", item.title or item.text) for item in items]
        every, first = ar.count(titles, "项"), ar.count(titles[:MAX_ITEMS], "项")
        out.append(f"（报告共列{every.text}，此处列出前{first.text}。）")
    return out


def _cite(report: ReportRecord, section: str, quote: str, start: int, end: int,
          cites: list[Citation]) -> int:
    for i, c in enumerate(cites, 1):
        if c.report_id == report.id and c.start == start and c.end == end:
            return i
    cites.append(Citation(report.id, report.file, section, quote, start, end))
    return len(cites)


class Summary(Shape):
    """A summary of a report: its key figures, indicators and lists, each cited."""

    name = "summary"

    def matches(self, query: Query) -> bool:
        return bool(query.report_ids) and query.intent == Intent.SUMMARY

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return summarise(ctx.facts, query, ctx.library.store if ctx.library is not None else None)
