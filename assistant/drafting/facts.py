"""What drafting knows about facts wherever they come from (an ingested report, a facts file,
the UI's form): the statement kinds, and the normalisation every DraftFacts goes through
before drafting. `from_store` and `facts_file` build them."""

from __future__ import annotations

import copy
import re

from assistant.drafting.sections import SECTION_KINDS, kind_of_heading
from assistant.drafting.types import DraftFacts
from assistant.drafting.values import (
    TEXT_FIGURES,
    canonical_metric,
    default_unit,
    fmt,
    parse_quantity,
    to_decimal,
)

# kinds whose statements come from the department's own report (qualitative sections)
STATEMENT_KINDS = ("部门职能/机构设置概况", "年度总体工作和重点工作任务", "部门整体支出绩效目标",
                   "部门整体绩效管理情况", "自评结论综述", "各项工作任务绩效目标完成情况", "管理效率分析",
                   "主要工作成效")
# kinds whose figures the template writes from the facts table: their statements keep only the
# sentences that state no figure (a duty paragraph ending with the staff count, a summary that
# repeats the score and the execution rate)
FIGURES_FROM_FACTS = ("部门职能/机构设置概况", "自评结论综述")
NOTE_KIND = re.compile(r"^【(?P<kind>[^】]{2,20})】\s*(?P<text>.+)$")


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

