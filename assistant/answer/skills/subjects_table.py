"""Lists of a report's projects, funding sources or indicators with their figures, from the
facts table: one line and one table row per subject, each cited by the sentences (or table
rows) its figures come from. No subject of the kind in the facts table: None (the text may
still list them, so the retrieval route answers)."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer import arithmetic as ar
from assistant.answer.found import report_name
from assistant.answer.indicator_tree import subtree_of, weights_in_order
from assistant.answer.lookup import Lookup
from assistant.answer.skills.base import Context, Shape
from assistant.answer.skills.report_items import ITEM_LISTS
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.facts.table_facts import BUDGET_EXECUTION
from assistant.facts.vocabulary import subject_key
from assistant.index.records import FactRecord, ReportRecord
from assistant.text.headers import SECTION_WEIGHT

KIND_NAMES = {"project": "项目", "source": "资金来源", "indicator": "绩效指标"}
# the columns each kind shows, in order (others the facts hold follow)
COLUMNS = {
    "project": ("年初预算数", "预算数", "支出", "执行率", "金额", "分值", "得分"),
    "source": ("年初预算数", "预算数", "支出", "执行率", "金额"),
    "indicator": ("目标值", "实际值", "分值", "得分"),
}
ASKED = {"项目支出": "支出", "项目支出执行率": "执行率", "财政拨款支出": "支出", "自评得分": "得分"}




def subjects_table(read: Lookup, q: Query) -> Answer | None:
    kind = q.list_kind
    within = _asks_within_indicator(read, q)
    if within:
        return within_indicator(read, q, within)
    lines: list[str] = []
    rows: list[dict] = []
    cites: list[Citation] = []
    for rid in q.report_ids:
        report = read.report(rid)
        if report is None:
            continue
        groups = _groups([f for f in read.facts(rid) if f.scope == kind
                          and not (kind == "indicator" and _section_weight(f))])
        columns = _columns(kind, groups, q.metrics)
        groups = {s: fs for s, fs in groups.items() if any(f.metric in columns for f in fs)}
        if not groups:
            continue
        lines.append(f"{report_name(report)}的报告列出的{KIND_NAMES[kind]}及其数字：")
        for n, (subject, facts) in enumerate(groups.items(), 1):
            line, row, refs = _line(report, subject, facts, columns, cites, _labels(q))
            lines.append(f"{n}. {line} {refs}")
            rows.append(row)
    if not rows:
        return None
    return Answer(question=q.text, text="\n".join(lines), abstained=False, route="facts",
                  citations=cites, table=rows)


def _asks_within_indicator(read: Lookup, q: Query) -> str:
    """The indicator a question asks the contents of ("“预算配置”下设了哪些指标"), or ""; a
    question naming every indicator (各指标) is a table of them."""
    held = {subject_key(f.subject) for rid in q.report_ids for f in read.facts(rid)
            if f.scope == "indicator"}
    named = [s for s in q.subjects if subject_key(s) in held]
    return named[0] if len(named) == 1 and Cue.WITHIN in q.cues else ""


def within_indicator(read: Lookup, q: Query, name: str) -> Answer | None:
    """What one indicator holds, rebuilt from the weights (indicator_tree); None when the
    weights do not add up (the text may still say, so the retrieval route answers)."""
    leaves_only = Cue.LEAVES_ONLY in q.cues
    for rid in q.report_ids:
        report = read.report(rid)
        node = subtree_of(name, weights_in_order(read.facts(rid)))
        if report is None or node is None:
            continue
        cites: list[Citation] = []
        kids = node.leaves() if leaves_only else node.children
        head = (f"{report_name(report)}的指标表中，“{node.fact.subject}”"
                f"（分值{node.fact.text_value}）[{_cite(report, node.fact, cites)}]"
                f"下设{ar.count([k.fact.subject for k in kids], '个').text}{'三级' if leaves_only else ''}指标：")
        lines = [head]
        rows = []
        for n, kid in enumerate(kids, 1):
            score = _score_of(read, rid, kid.fact.subject)
            text = f"分值{kid.fact.text_value} [{_cite(report, kid.fact, cites)}]"
            if score is not None:
                text += f"，得分{score.text_value} [{_cite(report, score, cites)}]"
            if kid.children:
                text += "，下设" + "、".join(c.fact.subject for c in kid.children)
            lines.append(f"{n}. {kid.fact.subject}：{text}")
            rows.append({"报告": report_name(report), "名称": kid.fact.subject,
                         "分值": kid.fact.text_value,
                         "得分": score.text_value if score is not None else ""})
        sums = " + ".join(_plain(k.fact) for k in kids)
        lines.append(f"（表格的层级按分值推得：{sums} = {_plain(node.fact)}分。）")
        return Answer(question=q.text, text="\n".join(lines), abstained=False, route="facts",
                      citations=cites, table=rows)
    return None


def _score_of(read: Lookup, rid: str, subject: str) -> FactRecord | None:
    key = subject_key(subject)
    return next((f for f in read.facts(rid) if f.scope == "indicator"
                 and f.metric == "得分" and subject_key(f.subject) == key), None)


def _plain(f: FactRecord) -> str:
    return format(f.value.normalize(), "f") if f.value is not None else f.text_value


def _section_weight(f: FactRecord) -> bool:
    """The weight of a form's section (绩效指标(90分), 预算执行情况): not an indicator of the
    indicator table, so not listed among the indicators."""
    return f.subject == BUDGET_EXECUTION or bool(SECTION_WEIGHT.match(f.quote.strip()))


def _groups(facts: Sequence[FactRecord]) -> dict[str, list[FactRecord]]:
    """Facts by subject, in the order the report names the subjects."""
    out: dict[str, list[FactRecord]] = {}
    for f in sorted(facts, key=lambda f: f.start):
        if f.subject:
            out.setdefault(f.subject, []).append(f)
    return out


def _columns(kind: str, groups: dict[str, list[FactRecord]], asked: Sequence[str]) -> list[str]:
    held = {f.metric for fs in groups.values() for f in fs}
    wanted = [ASKED.get(m, m) for m in asked]
    wanted = [m for m in wanted if m in held]
    if wanted:
        return wanted
    order = [m for m in COLUMNS[kind] if m in held]
    return order + sorted(held - set(order) - {m for m in held if m[:1].isdigit()})


def _labels(q: Query) -> dict[str, str]:
    """The question's own word for a figure (权重 for 分值) is the word the answer uses."""
    return {"分值": "权重"} if Cue.WEIGHT_WORD in q.cues else {}


def _line(report: ReportRecord, subject: str, facts: list[FactRecord], columns: list[str],
          cites: list[Citation], labels: dict[str, str] | None = None) -> tuple[str, dict, str]:
    cells, refs, shown = [], [], []
    row: dict = {"报告": report_name(report), "名称": subject}
    for metric in columns:
        f = next((f for f in facts if f.metric == metric), None)
        if f is None:
            continue
        label = (labels or {}).get(metric, metric)
        cells.append(f"{label}{f.text_value}")
        row[label] = f.text_value
        refs.append(_cite(report, f, cites))
        shown.append(f)
    row["原文"] = " ".join((shown or facts)[0].quote.split())
    marks = "".join(f"[{r}]" for r in dict.fromkeys(refs))
    return f"{subject}：{'，'.join(cells)}", row, marks


def _cite(report: ReportRecord, f: FactRecord, cites: list[Citation]) -> int:
    """The 1-based number of the citation of the fact's sentence (added when new)."""
    for i, c in enumerate(cites, 1):
        if c.report_id == f.report_id and c.start == f.start and c.end == f.end:
            return i
    cites.append(Citation(f.report_id, report.file, f.section, f.quote, f.start, f.end))
    return len(cites)


class SubjectsTable(Shape):
    """A table of the report's projects, funding sources or indicators with their figures."""

    name = "subjects_table"

    def matches(self, query: Query) -> bool:
        return (bool(query.report_ids) and query.intent == Intent.LIST and bool(query.list_kind)
                and query.list_kind not in ITEM_LISTS)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return subjects_table(ctx.facts, query)
