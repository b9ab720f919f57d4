"""Which project of one report has the most or least of a figure ("哪个项目花钱最多",
"执行率最低的项目是哪个"): every project the facts table holds with that figure, ranked in
code, the top one named, each cited."""

from __future__ import annotations

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found
from assistant.answer.found import answer as _answer
from assistant.answer.lookup import Lookup
from assistant.answer.skills.base import Context, Shape
from assistant.answer.types import Answer
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.facts.checks import TOTAL_ROW


def project_ranking(read: Lookup, q: Query) -> Answer | None:
    if len(q.report_ids) != 1 or Cue.ASKS_PROJECT not in q.cues:
        return None
    most, least = Cue.MOST in q.cues, Cue.LEAST in q.cues
    if not (most or least):
        return None
    metric = q.rank_by
    report = read.report(q.report_ids[0])
    if report is None:
        return None
    by_subject: dict[str, Found] = {}
    for f in read.facts(report.id):
        if f.scope == "project" and f.metric == metric and f.value is not None \
                and not TOTAL_ROW.match(f.subject):  # a table's 合计 row is no project
            by_subject.setdefault(f.subject, Found(report, metric, (f,)))
    if len(by_subject) < 2:
        return None
    ranked = sorted(by_subject.values(), key=lambda f: f.value, reverse=bool(most))
    refs = _refs(ranked)
    ends = [(ranked, most)] if most != least else [(ranked, True), (ranked[::-1], False)]
    said = "，".join(_end(metric, order, high) for order, high in ends)
    counted = ar.count([f.fact.subject for f in ranked], "个")
    lines = [f"{ranked[0].name}的报告列出的{counted.text}项目中，{said}。"
             f"各项目{metric}（{'从高到低' if most else '从低到高'}）："]
    lines += [f"{n}. {f.fact.subject}：{f.fact.text_value} {ref}"
              for n, (f, ref) in enumerate(zip(ranked, refs, strict=True), 1)]
    table = [{"部门": ranked[0].name, "项目": f.fact.subject, "指标": metric,
              "数值": f.fact.text_value} for f in ranked]
    return _answer(q, "\n".join(lines), ranked, table=table, derived=[counted.derived()])


def _end(metric: str, ordered: list[Found], high: bool) -> str:
    """"执行率最高的是“A”（99.17%）": the first of `ordered` and those tied with it."""
    word = ("最多" if high else "最少") if metric == "支出" else ("最高" if high else "最低")
    top = ordered[0]
    names = "、".join(f"“{f.fact.subject}”" for f in ordered if f.value == top.value)
    return f"{metric}{word}的是{names}（{top.fact.text_value}）"


def _refs(ranked: list[Found]) -> list[str]:
    """The citation mark of each figure, numbered as `found.citations` numbers them."""
    spans: list[tuple] = []
    out = []
    for f in ranked:
        key = (f.fact.report_id, f.fact.start, f.fact.end)
        if key not in spans:
            spans.append(key)
        out.append(f"[{spans.index(key) + 1}]")
    return out


class ProjectRanking(Shape):
    """Which project of one report has the most or least of a figure."""

    name = "project_ranking"

    def matches(self, query: Query) -> bool:
        return bool(query.report_ids) and query.intent == Intent.COMPARISON

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return project_ranking(ctx.facts, query)
