"""The rows of one table added up: the projects ("5个重点项目的预算合计", "表1里各项目执行数加起来
和合计行对得上吗": the projects the facts place in one section, the table with the most of
them, each row's figure of the asked kind, set against the table's own 合计 row) and the
indicators of a score table ("各项得分加起来和总分一致吗": the scores of one level, the one
whose weights make the full score, set against the stated 自评得分). A row without the figure
is named, never skipped: a sum of part of a table is no answer to a sum of the table."""

from __future__ import annotations

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, abstain, answer, operands, report_name
from assistant.answer.lookup import Lookup, same_subject
from assistant.answer.types import Answer
from assistant.answer.understand.types import Cue, Query
from assistant.facts.checks import TOTAL_ROW
from assistant.index.records import FactRecord, ReportRecord

ADDABLE = ("预算数", "支出", "年初预算数")  # a rate is no sum
PROJECTS_METRIC = "重点任务项目支出"  # what the question's 重点项目 reads as
SCORE = "自评得分"
FULL_SCORE = 100


def asks_project_rows(read: Lookup, q: Query, report: ReportRecord) -> bool:
    """The question adds up the report's projects, and the report states no total of them as
    a department figure."""
    return PROJECTS_METRIC in q.metrics and read.lookup(report, PROJECTS_METRIC) is None


def project_rows_sum(read: Lookup, q: Query, report: ReportRecord) -> Answer | None:
    metric = q.rank_by if q.rank_by in ADDABLE else "支出"
    rows, total, lacking = project_table(read.facts(report.id), metric)
    if not rows and not lacking:
        return None
    if lacking:
        return abstain(q, f"{report_name(report)}的报告没有给出{'、'.join(f'“{s}”' for s in lacking)}"
                          f"的{metric}，无法合计各项目。")
    table = read.table_of(rows[0])
    counted = ar.count([f.subject for f in rows], "个")
    lead = f"{report_name(report)}{table or '报告'}列出的{counted.text}项目{metric}"
    return _summed(q, report, lead, metric, rows, total, f"{table or '表'}中{total.subject}行" if total else "")


def asks_score_rows(q: Query) -> bool:
    """"各项得分加起来(和总分一致吗)": the score table's rows against the stated total."""
    return q.metrics == (SCORE,) and Cue.SUM_WORD in q.cues


def score_rows_sum(read: Lookup, q: Query, report: ReportRecord) -> Answer | None:
    facts = read.facts(report.id)
    rows = score_level(facts)
    if not rows:
        return None
    total = next((f for f in facts if f.scope == "department" and f.metric == SCORE
                  and f.value is not None and not f.period), None)
    lead = f"{report_name(report)}自评得分表{ar.count([f.subject for f in rows], '项').text}指标得分"
    return _summed(q, report, lead, "得分", rows, total, f"报告所写{SCORE}" if total else "")


def _summed(q, report, lead, metric, rows, total, total_label) -> Answer:
    found = [Found(report, metric, (f,)) for f in rows]
    summed = ar.total(operands(found, [f.subject for f in rows]))
    listing = "，".join(f"{f.subject}{f.text_value}" for f in rows)
    text = f"{lead}：{listing}；合计{summed.text}（{summed.calc}）"
    derived = [summed.derived()]
    if total is not None:
        whole = Found(report, total.metric, (total,))
        gap = ar.difference(ar.Operand("各项合计", summed.value, summed.unit),
                            operands([whole], [total_label])[0])
        verdict = ("两者一致" if gap.value == 0 else
                   f"两者不一致，相差{ar.show(abs(gap.value))}{gap.unit}（{gap.calc}）")
        text += f"；{total_label}为{total.text_value}，{verdict}"
        found.append(whole)
        derived += [] if gap.value == 0 else [gap.derived()]
    return answer(q, text + "。", found, derived=derived)


def score_level(facts: list[FactRecord]) -> list[FactRecord]:
    """The 得分 rows of the score table's one level whose weights (分值) make the full score:
    every indicator's row when they do, else none (a table that mixes levels is not summed)."""
    weights = [f for f in facts if f.scope == "indicator" and f.metric == "分值" and f.value is not None]
    scores = {f.subject: f for f in facts if f.scope == "indicator" and f.metric == "得分"
              and f.value is not None and not TOTAL_ROW.match(f.subject)}
    named = list(dict.fromkeys(f.subject for f in weights if not TOTAL_ROW.match(f.subject)))
    if len(named) < 2 or any(n not in scores for n in named):
        return []
    weight = sum(next(f.value for f in weights if f.subject == n) for n in named)
    return [scores[n] for n in named] if weight == FULL_SCORE else []


def project_table(facts: list[FactRecord], metric: str):
    """(the rows of the section with the most projects, its 合计 row, projects lacking the
    figure)."""
    projects = [f for f in facts if f.scope == "project" and f.value is not None and not f.period
                and (f.metric in ADDABLE or f.metric == metric)]
    by_section: dict[str, list[FactRecord]] = {}
    for f in projects:
        by_section.setdefault(f.section, []).append(f)
    if not by_section:
        return [], None, []
    section = max(by_section, key=lambda s: len({f.subject for f in by_section[s]}))
    here = by_section[section]
    names = _once(list(dict.fromkeys(f.subject for f in here if not TOTAL_ROW.match(f.subject))), here)
    rows = [next(f for f in here if f.subject == n and f.metric == metric)
            for n in names if any(f.subject == n and f.metric == metric for f in here)]
    total = next((f for f in here if TOTAL_ROW.match(f.subject) and f.metric == metric), None)
    lacking = [n for n in names if all(f.subject != n or f.metric != metric for f in here)]
    if len(names) < 2:
        return [], None, []
    return rows, total, lacking


def _once(names: list[str], facts: list[FactRecord]) -> list[str]:
    """The projects, each once: a project the text names again, longer or shorter, with the
    same figures (执法办案中心建设项目 … 执行1,864.30万元 beside the table's row 执法办案中心建设
    1,864.30) is that row, not a row of its own; of the two names, the one with more figures."""
    figures = {n: {f.metric: f.value for f in facts if f.subject == n} for n in names}
    kept: list[str] = []
    for n in sorted(names, key=lambda x: -len(figures[x])):
        twin = next((k for k in kept if same_subject(k, n) and _agree(figures[k], figures[n])), None)
        if twin is None:
            kept.append(n)
    return [n for n in names if n in kept]


def _agree(a: dict, b: dict) -> bool:
    """Two names' figures restate each other: at least one shared, none different."""
    shared = set(a) & set(b)
    return bool(shared) and all(a[m] == b[m] for m in shared)
