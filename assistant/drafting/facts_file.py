"""The facts of a YAML/JSON facts file for drafting, checked field by field; errors name the
file and the field."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.drafting.facts import normalise_facts
from assistant.drafting.sections import SECTION_KINDS, resolve_kind
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
from assistant.text.numbers import to_canonical

# facts-file shortcuts for statements
STATEMENT_KEYS = {"functions": "部门职能/机构设置概况", "tasks": "年度总体工作和重点工作任务",
                  "goals": "部门整体支出绩效目标", "management": "部门整体绩效管理情况",
                  "efficiency": "管理效率分析", "achievements": "主要工作成效"}
FILE_KEYS = ("department", "year", "figures", "indicators", "projects", "problems", "measures",
             "notes", "statements", "sections", "source", *STATEMENT_KEYS)


class FactsFileError(JixiaoError):
    """A facts file that cannot be used; the message names the file and the field."""

    def __init__(self, path: Path | str, field: str, problem: str) -> None:
        self.path, self.field, self.problem = Path(path), field, problem
        where = f"{field}: " if field else ""
        super().__init__(f"{self.path.name}: {where}{problem}")


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


