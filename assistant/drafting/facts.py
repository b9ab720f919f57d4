"""The facts a draft may state, from the store (an ingested department-year) or from a
YAML/JSON facts file, checked field by field."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from assistant.drafting.corpus import report_sections
from assistant.drafting.sections import SECTION_KINDS, kind_of_heading, kind_of_path, resolve_kind
from assistant.drafting.types import DraftFacts
from assistant.drafting.values import (
    TEXT_FIGURES,
    canonical_metric,
    default_unit,
    fmt,
    parse_quantity,
    to_decimal,
)
from assistant.errors import JixiaoError
from assistant.facts.model import DEPARTMENT, INDICATOR, PROJECT
from assistant.facts.vocabulary import subject_key
from assistant.index.records import FactRecord
from assistant.ingest.aliases import match_department
from assistant.text.markers import ITEM_START
from assistant.text.markers import STATEMENT_LEAD as LEAD
from assistant.text.numbers import HAS_FIGURE, to_canonical

# kinds whose statements come from the department's own report (qualitative sections)
STATEMENT_KINDS = ("部门职能/机构设置概况", "年度总体工作和重点工作任务", "部门整体支出绩效目标",
                   "部门整体绩效管理情况", "管理效率分析", "主要工作成效")
# facts-file shortcuts for statements
STATEMENT_KEYS = {"functions": "部门职能/机构设置概况", "tasks": "年度总体工作和重点工作任务",
                  "goals": "部门整体支出绩效目标", "management": "部门整体绩效管理情况",
                  "efficiency": "管理效率分析", "achievements": "主要工作成效"}
FILE_KEYS = ("department", "year", "figures", "indicators", "projects", "problems", "measures",
             "notes", "statements", "sections", "source", *STATEMENT_KEYS)
NOTE_KIND = re.compile(r"^【(?P<kind>[^】]{2,20})】\s*(?P<text>.+)$")


class FactsFileError(JixiaoError):
    """A facts file that cannot be used; the message names the file and the field."""

    def __init__(self, path: Path | str, field: str, problem: str) -> None:
        self.path, self.field, self.problem = Path(path), field, problem
        where = f"{field}: " if field else ""
        super().__init__(f"{self.path.name}: {where}{problem}")


# from the store ---------------------------------------------------------------------------------
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
        if kind == "部门职能/机构设置概况":  # its figures are written from the facts table
            items = [i for i in items if not HAS_FIGURE.search(i)]
        if items:
            statements[kind] = items
            sources[kind] = f"{report.file} · {section.path}"
    return statements, sources


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


# from a file ----------------------------------------------------------------------------------------
def load_facts_file(path: Path | str) -> DraftFacts:
    """Facts from a YAML or JSON file: department, year, figures, indicators, projects,
    problems, measures, notes, and statements per section kind (or the shortcuts
    functions, tasks, goals, management, efficiency, achievements)."""
    path = Path(path)
    if not path.is_file():
        raise FactsFileError(path, "", "file not found")
    try:
        raw_text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FactsFileError(path, "", "not UTF-8 text") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw_text)
        else:
            import yaml

            data = yaml.safe_load(raw_text)
    except (json.JSONDecodeError, Exception) as e:  # yaml.YAMLError has no common import here
        raise FactsFileError(path, "", f"cannot be parsed ({type(e).__name__}: {e})") from None
    return facts_from_mapping(data, path)


def facts_from_mapping(data, path: Path | str = "facts") -> DraftFacts:
    """Check and convert a facts mapping (as read from a file); errors name the field."""
    path = Path(path)

    def fail(field: str, problem: str):
        raise FactsFileError(path, field, problem)

    department, year = _file_header(data, fail)
    facts = DraftFacts(department=department, year=year,
                       source=str(data.get("source") or path))
    facts.figures = _file_figures(data, path, fail)
    facts.indicators = [_file_indicator(i, x, fail) for i, x in enumerate(_list(data, "indicators", fail))]
    facts.projects = [_file_project(i, x, fail) for i, x in enumerate(_list(data, "projects", fail))]
    for key in ("problems", "measures", "notes"):
        setattr(facts, key, _strings(data, key, fail))
    statements = _file_statements(data, fail)
    facts.statements = statements
    facts.statement_sources = {k: str(path.name) for k in statements}
    return normalise_facts(facts)


def _file_header(data, fail) -> tuple[str, int | None]:
    """(department, year) of a facts mapping, after checking that it is one with known fields."""
    if not isinstance(data, dict):
        fail("", "must be a mapping with department, year, figures, …")
    unknown = [k for k in data if k not in FILE_KEYS]
    if unknown:
        fail(str(unknown[0]), f"unknown field; known fields: {', '.join(FILE_KEYS)}")
    department = data.get("department")
    if not isinstance(department, str) or not department.strip():
        fail("department", "required: the department's full name")
    year = data.get("year")
    if year is not None:
        if isinstance(year, str) and year.strip().isdigit():
            year = int(year.strip())
        if isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2100:
            fail("year", "must be a year such as 2024")
    return department.strip(), year


def _file_figures(data: dict, path: Path, fail) -> dict[str, dict]:
    """The figures of a facts mapping, by canonical metric."""
    found: dict[str, dict] = {}
    figures = data.get("figures") or {}
    if not isinstance(figures, dict):
        fail("figures", "must be a mapping of name: value")
    for name, value in figures.items():
        metric = canonical_metric(str(name))
        found[metric] = _file_figure(str(name), metric, value, path, fail)
    return found


def _file_statements(data: dict, fail) -> dict[str, list[str]]:
    """Statements by section kind: from statements/sections blocks, then the shortcuts."""
    statements: dict[str, list[str]] = {}
    for key in ("statements", "sections"):
        block = data.get(key) or {}
        if not isinstance(block, dict):
            fail(key, "must be a mapping of section kind: list of statements")
        for kind_name, texts in block.items():
            try:
                kind = resolve_kind(str(kind_name))
            except JixiaoError:
                fail(f"{key}.{kind_name}", f"unknown section kind; choose one of: {', '.join(SECTION_KINDS)}")
            statements.setdefault(kind, []).extend(_strings({kind_name: texts}, kind_name, fail, key))
    for key, kind in STATEMENT_KEYS.items():
        if key in data:
            statements.setdefault(kind, []).extend(_strings(data, key, fail))
    return statements


def _list(data: dict, key: str, fail) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        fail(key, "must be a list")
    return value


def _strings(data: dict, key: str, fail, prefix: str = "") -> list[str]:
    value = data.get(key)
    field = f"{prefix}.{key}" if prefix else key
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        fail(field, "must be a list of texts")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, (str, int, float)) or isinstance(item, bool):
            fail(f"{field}[{i}]", "must be a text")
        if str(item).strip():
            out.append(str(item).strip())
    return out


def _file_figure(name: str, metric: str, value, path: Path, fail) -> dict:
    field = f"figures.{name}"
    unit = ""
    text = None
    if isinstance(value, dict):
        unknown = [k for k in value if k not in ("value", "unit", "text", "source")]
        if unknown:
            fail(f"{field}.{unknown[0]}", "unknown field; use value, unit, text, source")
        unit = str(value.get("unit") or "")
        text = value.get("text")
        source = str(value.get("source") or path.name)
        value = value.get("value", text)
    else:
        source = path.name
    if metric in TEXT_FIGURES:
        if not isinstance(value, str) or not value.strip():
            fail(field, "must be a word such as 优 or 良")
        return {"value": None, "unit": "", "text": value.strip(), "label": name, "source": source,
                "quote": ""}
    if isinstance(value, bool) or value is None:
        fail(field, "value must be a number")
    if isinstance(value, (int, float)):
        number = to_decimal(value)
    else:
        parsed = parse_quantity(str(value))
        if parsed is None:
            fail(field, f"value must be a number (got {value!r})")
        number, written_unit = parsed
        if written_unit and unit and written_unit != unit:
            fail(field, f"unit {written_unit!r} in the value disagrees with unit {unit!r}")
        unit = unit or written_unit
    unit = unit or default_unit(metric)
    shown = str(text) if text else f"{fmt(number)}{unit}"
    canonical, canonical_unit = to_canonical(float(number), unit) if unit in ("元", "千元", "亿元") \
        else (float(number), unit)
    return {"value": canonical, "unit": canonical_unit, "text": shown, "label": name,
            "source": source, "quote": ""}


def _quantity_text(value, field: str, fail, unit: str = "") -> str | None:
    """A number or a string with a unit, as text ('95%'); None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        fail(field, "must be a number or a text such as '95%'")
    if isinstance(value, (int, float)):
        return f"{fmt(value)}{unit}"
    if not isinstance(value, str):
        fail(field, "must be a number or a text such as '95%'")
    return value.strip()


def _file_indicator(i: int, item, fail) -> dict:
    field = f"indicators[{i}]"
    if not isinstance(item, dict):
        fail(field, "must be a mapping with name, target, actual, weight, score")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        fail(f"{field}.name", "required")
    unit = str(item.get("unit") or "")
    out = {"name": name.strip(), "source": str(item.get("source") or "")}
    for key in ("target", "actual"):
        out[key] = _quantity_text(item.get(key), f"{field}.{key}", fail, unit)
    for key in ("weight", "score"):
        value = item.get(key)
        if value is not None and (isinstance(value, bool) or to_decimal(value) is None):
            fail(f"{field}.{key}", "value must be a number")
        out[key] = None if value is None else float(to_decimal(value))
    return out


def _file_project(i: int, item, fail) -> dict:
    field = f"projects[{i}]"
    if not isinstance(item, dict):
        fail(field, "must be a mapping with name, budget, spent, rate")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        fail(f"{field}.name", "required")
    out = {"name": name.strip(), "source": str(item.get("source") or "")}
    for key, unit in (("budget", "万元"), ("spent", "万元"), ("rate", "%")):
        value = item.get(key)
        if value is None or value == "":
            out[key] = None
            continue
        number = to_decimal(value) if not isinstance(value, (bool, str)) else None
        if isinstance(value, str):
            parsed = parse_quantity(value)
            if parsed and parsed[1] in ("", unit):
                number = parsed[0]
        if number is None:
            fail(f"{field}.{key}", f"value must be a number (in {unit})")
        out[key] = float(number)
    kind = item.get("kind") or item.get("section")
    out["kind"] = resolve_kind(str(kind)) if kind else ""
    return out


# any facts, e.g. edited in the UI -----------------------------------------------------------------
def normalise_facts(facts: DraftFacts) -> DraftFacts:
    """A copy with canonical figure names (执行数 -> 支出), values and units filled from the
    text when only one is given, indicator values as text, and notes written
    "【kind】text" moved to that kind's statements."""
    out = copy.deepcopy(facts)
    figures: dict[str, dict] = {}
    for name, fig in (facts.figures or {}).items():
        fig = dict(fig or {})
        metric = canonical_metric(str(name))
        text = str(fig.get("text") or "").strip()
        value, unit = fig.get("value"), str(fig.get("unit") or "")
        if metric in TEXT_FIGURES:
            text = text or str(value or "")
            if text:
                figures[metric] = {**fig, "value": None, "unit": "", "text": text,
                                   "label": fig.get("label", name)}
            continue
        if (value is None or isinstance(value, str)) and (text or isinstance(value, str)):
            parsed = parse_quantity(text or str(value))
            if parsed is None:
                continue
            value, unit = float(parsed[0]), unit or parsed[1]
        if value is None:
            continue
        unit = unit or default_unit(metric)
        text = text or f"{fmt(value)}{unit}"
        if metric not in figures:
            figures[metric] = {**fig, "value": float(value), "unit": unit, "text": text,
                               "label": fig.get("label", name), "source": fig.get("source", "")}
    out.figures = figures
    out.indicators = [_norm_indicator(i) for i in facts.indicators or [] if i and i.get("name")]
    out.projects = [_norm_project(p) for p in facts.projects or [] if p and p.get("name")]
    out.statements = {k: list(v) for k, v in (facts.statements or {}).items()}
    notes = []
    for note in facts.notes or []:
        m = NOTE_KIND.match(note.strip())
        kind = kind_of_heading(m.group("kind")) if m else None
        if m and (m.group("kind") in SECTION_KINDS or kind):
            out.statements.setdefault(m.group("kind") if m.group("kind") in SECTION_KINDS else kind,
                                      []).append(m.group("text").strip())
        else:
            notes.append(note)
    out.notes = notes
    out.problems = [p for p in (facts.problems or []) if str(p).strip()]
    out.measures = [m for m in (facts.measures or []) if str(m).strip()]
    return out


def _norm_indicator(ind: dict) -> dict:
    out = dict(ind)
    for key in ("target", "actual"):
        value = out.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[key] = fmt(value)
        elif value is not None:
            out[key] = str(value).strip() or None
    for key in ("weight", "score"):
        d = to_decimal(out.get(key))
        out[key] = None if d is None else float(d)
    return out


def _norm_project(proj: dict) -> dict:
    out = dict(proj)
    for key in ("budget", "spent", "rate"):
        value = out.get(key)
        if isinstance(value, str):
            parsed = parse_quantity(value)
            value = float(parsed[0]) if parsed else None
        d = to_decimal(value)
        out[key] = None if d is None else float(d)
    out.setdefault("kind", "")
    return out
