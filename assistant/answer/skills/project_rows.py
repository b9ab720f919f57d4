"""The project rows of one table added up ("5个重点项目的预算合计", "表1里各项目执行数加起来和
合计行对得上吗"): the projects the facts place in one section (the table with the most of
them), each row's figure of the asked kind, their sum with its calculation, and the table's
own 合计 row set against it. A row without the figure is named, never skipped: a sum of part
of a table is no answer to a sum of the table."""

from __future__ import annotations

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, abstain, answer, operands, report_name
from assistant.answer.lookup import Lookup
from assistant.answer.types import Answer
from assistant.answer.understand.types import Query
from assistant.facts.checks import TOTAL_ROW
from assistant.index.records import FactRecord, ReportRecord

ADDABLE = ("预算数", "支出", "年初预算数")  # a rate is no sum
PROJECTS_METRIC = "重点任务项目支出"  # what the question's 重点项目 reads as


def asks_project_rows(read: Lookup, q: Query, report: ReportRecord) -> bool:
    """The question adds up the report's projects, and the report states no total of them as
    a department figure."""
    return PROJECTS_METRIC in q.metrics and read.lookup(report, PROJECTS_METRIC) is None


def project_rows_sum(read: Lookup, q: Query, report: ReportRecord) -> Answer | None:
    metric = q.rank_by if q.rank_by in ADDABLE else "支出"
    rows, total, lacking = _table(read.facts(report.id), metric)
    if not rows and not lacking:
        return None
    if lacking:
        return abstain(q, f"{report_name(report)}的报告没有给出{'、'.join(f'“{s}”' for s in lacking)}"
                          f"的{metric}，无法合计各项目。")
    found = [Found(report, metric, (f,)) for f in rows]
    ops = operands(found, [f.subject for f in rows])
    summed = ar.total(ops)
    listing = "，".join(f"{f.subject}{f.text_value}" for f in rows)
    text = f"{report_name(report)}报告列出的{len(rows)}个项目{metric}：{listing}；合计{summed.text}（{summed.calc}）"
    derived = [summed.derived()]
    if total is not None:
        whole = Found(report, metric, (total,))
        gap = ar.difference(ar.Operand("各项目合计", summed.value, summed.unit),
                            operands([whole], [f"{total.subject}行"])[0])
        verdict = ("两者一致" if gap.value == 0 else
                   f"两者不一致，相差{ar.show(abs(gap.value))}{gap.unit}（{gap.calc}）")
        text += f"；表中{total.subject}行为{total.text_value}，{verdict}"
        found.append(whole)
        derived += [] if gap.value == 0 else [gap.derived()]
    return answer(q, text + "。", found, derived=derived)


def _table(facts: list[FactRecord], metric: str):
    """(the rows of the section with the most projects, its 合计 row, projects lacking the
    figure)."""
    projects = [f for f in facts if f.scope == "project" and f.value is not None and not f.period
                and f.metric in ADDABLE]
    by_section: dict[str, list[FactRecord]] = {}
    for f in projects:
        by_section.setdefault(f.section, []).append(f)
    if not by_section:
        return [], None, []
    section = max(by_section, key=lambda s: len({f.subject for f in by_section[s]}))
    here = by_section[section]
    names = list(dict.fromkeys(f.subject for f in here if not TOTAL_ROW.match(f.subject)))
    rows = [next(f for f in here if f.subject == n and f.metric == metric)
            for n in names if any(f.subject == n and f.metric == metric for f in here)]
    total = next((f for f in here if TOTAL_ROW.match(f.subject) and f.metric == metric), None)
    lacking = [n for n in names if all(f.subject != n or f.metric != metric for f in here)]
    if len(names) < 2:
        return [], None, []
    return rows, total, lacking
