"""The listed projects of a report taken together ("几个项目一共执行了多少", "五个项目的自评得分
平均是多少", "四个重点项目预算一共多少"): how many the report lists, each one's figure, their sum
(and average) computed here, set against the table's 合计 row and the department's own project
spending, and, when what is left is asked, the budget not spent. A project without the figure
is named, never skipped."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, answer, operands, report_name
from assistant.answer.lookup import Lookup
from assistant.answer.skills.ask_back import chinese_count
from assistant.answer.skills.base import NOT_FIGURES, Context, Shape, reports_of
from assistant.answer.skills.table_rows import project_table
from assistant.answer.types import Answer
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.index.records import FactRecord, ReportRecord

SCORES = ("自评得分", "得分")
MONEY = ("预算数", "支出")
BUDGETS = ("预算数", "年初预算数")
# the department's own figure the projects' spending adds up to, when it states one
PROJECT_SPENDING = ("重点任务项目支出", "项目支出")
NOT_ROWS = (Intent.TARGET, Intent.SHARE, Intent.GROWTH, Intent.DIFFERENCE, Intent.RATE_CHECK)


def wanted(q: Query) -> tuple[str, ...]:
    """The project figures to add: the score when a score is asked, else the budget and the
    spending (the asked one first: the metric, else the figure the words rank by); () for a
    rate, which no sum of rows gives."""
    if any(m in SCORES for m in q.metrics):
        return ("自评得分",)
    if any("率" in m for m in q.metrics):
        return ()
    budget_first = (any(m in BUDGETS for m in q.metrics) or q.rank_by in BUDGETS) and "支出" not in q.metrics
    return MONEY[::-1] if not budget_first else MONEY


class ProjectRows(Shape):
    """The listed projects of one report taken together: count, figures, sum, average."""

    name = "project_rows"

    def matches(self, query: Query) -> bool:
        return (bool(query.report_ids) and Cue.ROWS in query.cues and not query.subjects
                and not query.order and query.intent not in (*NOT_FIGURES, *NOT_ROWS))

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        reports = reports_of(query, ctx)
        if not reports or len({r.department for r in reports}) > 1:
            return None
        return rows_answer(ctx.facts, query, reports[0])


def rows_answer(read: Lookup, q: Query, report: ReportRecord) -> Answer | None:
    facts = read.facts(report.id)
    lines: list[str] = []
    found: list[Found] = []
    derived: list[dict] = []
    sums: dict[str, ar.Result] = {}
    for metric in wanted(q):
        rows, total_row, lacking = project_table(facts, metric)
        if q.row_count and q.row_count < len(rows) + len(lacking):
            return None  # fewer than the report lists: some of them, named (the sum's)
        if lacking:
            lines.append(f"报告没有给出{'、'.join(f'“{s}”' for s in lacking)}的{metric}。")
        if not rows or lacking:
            continue
        line, summed, used, calc = _summed(read, q, report, metric, rows, total_row)
        lines.append(line)
        found += used
        derived += calc
        sums[metric] = summed
    if not sums:
        return None
    if q.intent == Intent.REMAINING and len(sums) == 2:
        left = ar.difference(ar.Operand("预算合计", sums["预算数"].value, sums["预算数"].unit),
                             ar.Operand("支出合计", sums["支出"].value, sums["支出"].unit))
        lines.append(f"各项目尚未执行{left.text}（{left.calc}）。")
        derived.append(left.derived())
    return answer(q, "\n".join(lines), found, derived=derived)


def _summed(read: Lookup, q: Query, report: ReportRecord, metric: str, rows: list[FactRecord],
            total_row: FactRecord | None):
    """One figure of every listed project: the listing, sum, average when asked, and the
    checks against the table's 合计 row and the department's project spending."""
    used = [Found(report, metric, (f,)) for f in rows]
    summed = ar.total(operands(used, [f.subject for f in rows]))
    n = len(rows)
    where = read.table_of(rows[0]) or "报告"
    # the question's own count, in words: a number the report does not hold is never shown
    counted = f"（问题所说为{chinese_count(q.row_count)}个）" if q.row_count and q.row_count != n else ""
    listing = "，".join(f"{f.subject}{f.text_value}" for f in rows)
    text = f"{report_name(report)}{where}列出{n}个项目{counted}，{metric}：{listing}；{n}个项目{metric}合计{summed.text}（{summed.calc}）"
    derived = [summed.derived(), ar.count([f.subject for f in rows], "个", used).derived()]
    if Cue.AVERAGE in q.cues:
        mean = (summed.value / n).quantize(Decimal("0.01"), ROUND_HALF_UP).normalize()
        calc = f"{summed.text} ÷ {n} = {ar.show(mean)}{summed.unit}"
        text += f"，平均{ar.show(mean)}{summed.unit}（{calc}）"
        derived.append({"value": float(mean), "text": f"{ar.show(mean)}{summed.unit}", "calc": calc})
    for label, stated in _stated_totals(read, report, metric, total_row):
        gap = ar.difference(ar.Operand("各项目之和", summed.value, summed.unit),
                            operands([stated], [label])[0])
        verdict = "两者一致" if gap.value == 0 else f"两者不一致，相差{ar.show(abs(gap.value))}{gap.unit}（{gap.calc}）"
        text += f"；{label}为{stated.fact.text_value}，{verdict}"
        derived += [] if gap.value == 0 else [{**gap.derived(), "value": float(abs(gap.value))}]
        used.append(stated)
    return text + "。", summed, used, derived


def _stated_totals(read: Lookup, report: ReportRecord, metric: str, total_row: FactRecord | None):
    """(label, figure) the projects' sum is checked against: the table's 合计 row, and for
    spending the department's own project spending."""
    out = []
    if total_row is not None:
        out.append((f"表中{total_row.subject}行", Found(report, metric, (total_row,))))
    if metric == "支出":
        hit = next((h for m in PROJECT_SPENDING if (h := read.lookup(report, m)) is not None), None)
        if hit is not None and hit.fact.unit == (total_row.unit if total_row else hit.fact.unit):
            out.append((f"报告所写{hit.metric}", hit))
    return out
