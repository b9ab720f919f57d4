"""The facts of an ingested department-year for drafting: figures, indicators, projects,
problems, measures and statements, each with its source."""

from __future__ import annotations

import copy

from assistant.drafting.corpus import report_sections
from assistant.drafting.facts import FIGURES_FROM_FACTS, STATEMENT_KINDS
from assistant.drafting.sections import kind_of_path
from assistant.drafting.types import DraftFacts
from assistant.drafting.values import (
    fmt,
)
from assistant.errors import JixiaoError
from assistant.facts.model import DEPARTMENT, INDICATOR, PROJECT
from assistant.facts.vocabulary import subject_key
from assistant.index.records import FactRecord
from assistant.ingest.aliases import match_department
from assistant.text.markers import ITEM_START
from assistant.text.markers import STATEMENT_LEAD as LEAD
from assistant.text.numbers import HAS_FIGURE, STATES_FIGURE


def find_report(store, department_or_alias: str, year: int | None = None):
    """The indexed report of a department (full name, alias or report id) and year (None:
    the latest). Raises with the choices when there is none."""
    name = (department_or_alias or "").strip()
    reports = store.reports()
    if not reports:
        raise JixiaoError("nothing is indexed yet: run `jixiao ingest` first")
    exact = match_department(name, reports)
    departments = {r.department for r in exact}
    if not exact or len(departments) > 1:
        choices = "; ".join(sorted({f"{r.department} ({r.year or '年份未知'})" for r in reports}))
        problem = "matches several departments" if exact else "is not an indexed department"
        raise JixiaoError(f"{name!r} {problem}; choose one of: {choices}")
    if year is not None:
        matching = [r for r in exact if r.year == int(year)]
        if not matching:
            years = ", ".join(str(r.year) for r in exact)
            raise JixiaoError(f"no {year} report for {exact[0].department}; indexed years: {years}")
        exact = matching
    return max(exact, key=lambda r: (r.year or 0, r.n_facts))


def facts_from_store(store, department_or_alias: str, year: int | None = None) -> DraftFacts:
    """Figures, indicators, projects, problems, measures and qualitative statements of one
    ingested department-year, each with its verbatim source."""
    report = find_report(store, department_or_alias, year)
    rows = store.facts(report.id)
    facts = DraftFacts(department=report.department, year=report.year, source=f"store:{report.id}")
    facts.figures, facts.notes = _department_figures(rows, report.file)
    facts.indicators = _indicators(rows, report.file)
    facts.projects = _projects(rows, report.file)
    facts.problems, facts.measures = _store_items(store, report.id)
    facts.statements, facts.statement_sources = _store_statements(store, report)
    return facts


def _department_figures(rows: list[FactRecord], file: str) -> tuple[dict[str, dict], list[str]]:
    """(the department's figures by metric, the first of each; notes on metrics the report
    gives different numbers for)."""
    figures: dict[str, dict] = {}
    notes: list[str] = []
    for row in rows:
        if row.scope != DEPARTMENT:
            continue
        figure = _figure_from_row(row, file)
        known = figures.get(row.metric)
        if known is None:
            figures[row.metric] = figure
        elif known["value"] != figure["value"] or known["text"] != figure["text"]:
            notes.append(f"报告中{row.metric}有不同的数：{known['text']}、{figure['text']}，"
                         f"起草采用前者，请核实。")
    return figures, notes


def _store_items(store, report_id: str) -> tuple[list[str], list[str]]:
    """(problems, measures) of the report, as cleaned item texts."""
    problems: list[str] = []
    measures: list[str] = []
    for item in store.items(report_id):
        text = _item_text(item.text)
        if text:
            (problems if item.kind == "problem" else measures).append(text)
    return problems, measures


def _store_statements(store, report) -> tuple[dict[str, list[str]], dict[str, str]]:
    """(statements by section kind, their "file · section" sources) from the report's own
    qualitative sections."""
    statements: dict[str, list[str]] = {}
    sources: dict[str, str] = {}
    sections = report_sections(store, report.id)
    for kind in STATEMENT_KINDS:
        section = sections.by_kind.get(kind)
        if section is None:
            continue
        items = section.items()
        if kind in FIGURES_FROM_FACTS:  # their figures are written from the facts table
            items = [kept for kept in (_without_figures(i) for i in items) if kept]
        if items:
            statements[kind] = items
            sources[kind] = f"{report.file} · {section.path}"
    return statements, sources


def own_report(store, facts: DraftFacts):
    """The department's own indexed report for facts that do not come from the index (a
    facts file, the form): the same year's, else the latest before it (None: none, or the
    department is not indexed under exactly that name)."""
    name = (facts.department or "").strip()
    if not name or str(facts.source).startswith("store:") or store is None:
        return None
    mine = [r for r in store.reports() if name in (r.department, *r.aliases)]
    if facts.year:
        mine = [r for r in mine if r.year and r.year <= int(facts.year)]
    return max(mine, key=lambda r: (r.year or 0, r.n_facts), default=None)


def ground_in_own_report(store, facts: DraftFacts) -> tuple[DraftFacts, dict[str, str]]:
    """(facts, {kind: note}) with the kinds of STATEMENT_KINDS that the facts leave empty
    filled from the department's own report (`own_report`): its section's items, each
    without the sentences that state a figure or a year (those are never carried over
    unverified); the note says where they come from and what was left out."""
    report = own_report(store, facts)
    if report is None:
        return facts, {}
    facts = copy.deepcopy(facts)  # the caller's facts stay as given
    sections = report_sections(store, report.id)
    notes: dict[str, str] = {}
    for kind in STATEMENT_KINDS:
        section = sections.by_kind.get(kind)
        if facts.statements.get(kind) or section is None:
            continue
        items, left_out = [], 0
        for item in section.items():
            kept = [x for x in _sentences(item) if not STATES_FIGURE.search(x)]
            left_out += len(_sentences(item)) - len(kept)
            if "".join(kept).strip():
                items.append("".join(kept).strip())
        if not items:
            continue
        facts.statements[kind] = items
        facts.statement_sources[kind] = f"{report.file} · {section.path}"
        notes[kind] = (f"本节内容取自本部门{report.year or ''}年度报告（{report.file} · {section.path}），"
                       f"共{len(items)}条" + (f"，其中含数字或年份的{left_out}句未沿用" if left_out else "")
                       + (f"，请按{facts.year}年度情况核实更新。" if facts.year and facts.year != report.year
                          else "，请核实。"))
    return facts, notes


def _sentences(item: str) -> list[str]:
    from assistant.drafting.text import sentences

    return sentences(item)


def _without_figures(item: str) -> str:
    """The item's sentences that state no figure (a duty paragraph may end with the staff
    count, which the facts table gives); empty when every sentence states one."""
    from assistant.drafting.text import sentences

    return "".join(x for x in sentences(item) if not HAS_FIGURE.search(x)).strip()


def _source(file: str, section: str) -> str:
    return f"{file} · {section}" if section else file


def _figure_from_row(row: FactRecord, file: str) -> dict:
    value, unit = row.number, row.unit
    text = row.text_value
    if value is not None and not text.endswith(unit):  # 元 in the report, 万元 canonical
        text = f"{fmt(value)}{unit}"
    return {"value": value, "unit": unit, "text": text, "label": row.metric,
            "source": _source(file, row.section), "quote": row.quote}


def _indicators(rows: list[FactRecord], file: str) -> list[dict]:
    found: dict[str, dict] = {}
    fields = {"目标值": "target", "实际值": "actual", "分值": "weight", "自评得分": "score", "得分": "score"}
    for row in rows:
        if row.scope != INDICATOR or row.metric not in fields:
            continue
        ind = found.setdefault(row.subject, {"name": row.subject, "target": None, "actual": None,
                                             "weight": None, "score": None,
                                             "source": _source(file, row.section),
                                             "quote": row.quote})
        key = fields[row.metric]
        if ind[key] is None:
            ind[key] = row.text_value
    return list(found.values())


def _projects(rows: list[FactRecord], file: str) -> list[dict]:
    """One entry per project and section kind (a report may give a project twice, in
    different sections and with different figures)."""
    found: dict[tuple[str, str], dict] = {}
    fields = {"预算数": "budget", "支出": "spent", "执行率": "rate"}
    for row in rows:
        if row.scope != PROJECT or row.metric not in fields:
            continue
        kind = kind_of_path(row.section.split(" > ")) or ""
        key = (kind, subject_key(row.subject))
        proj = found.setdefault(key, {"name": row.subject, "budget": None, "spent": None,
                                      "rate": None, "kind": kind,
                                      "source": _source(file, row.section), "quote": row.quote})
        field = fields[row.metric]
        if proj[field] is None:
            proj[field] = row.number
    return list(found.values())


def _item_text(text: str) -> str:
    text = " ".join(text.split())
    text = ITEM_START.sub("", text, count=1)
    text = LEAD.sub("", text, count=1)
    return text.strip().rstrip("；;，,。")

