"""The 起草 tab's facts form: DraftFacts <-> editable tables and text boxes."""

from __future__ import annotations

import pandas as pd

from assistant.drafting.types import DraftFacts
from assistant.text.numbers import LEADING_NUMBER

FIGURE_COLUMNS = ["名称", "数值（含单位）", "来源"]
INDICATOR_COLUMNS = ["指标名称", "目标值", "实际完成值", "权重", "得分"]
PROJECT_COLUMNS = ["项目名称", "预算数（万元）", "执行数（万元）", "执行率"]
BLANK_FIGURES = ("预算数", "支出", "基本支出", "项目支出", "执行率", "自评得分")
_INDICATOR_KEYS = ("name", "target", "actual", "weight", "score")
_PROJECT_KEYS = ("name", "budget", "spent", "rate")
_NUMBER = LEADING_NUMBER


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _value(text):
    """'3246.07' -> 3246.07; '' -> None; anything else stays text."""
    text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text).strip()
    if not text:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return text


def to_form(facts: DraftFacts) -> tuple:
    """(department, year, figures, indicators, projects, problems, measures, notes)."""
    figures = pd.DataFrame([[name, f.get("text") or f"{_text(f.get('value'))}{f.get('unit') or ''}",
                             f.get("source", "")] for name, f in facts.figures.items()],
                           columns=FIGURE_COLUMNS)
    indicators = pd.DataFrame([[_text(i.get(k)) for k in _INDICATOR_KEYS] for i in facts.indicators],
                              columns=INDICATOR_COLUMNS)
    projects = pd.DataFrame([[_text(p.get(k)) for k in _PROJECT_KEYS] for p in facts.projects],
                            columns=PROJECT_COLUMNS)
    return (facts.department, facts.year, figures, indicators, projects,
            "\n".join(facts.problems), "\n".join(facts.measures), "\n".join(facts.notes))


def blank_form() -> tuple:
    facts = DraftFacts(department="", year=None,
                       figures={n: {"value": None, "unit": "", "text": "", "source": ""}
                                for n in BLANK_FIGURES})
    return to_form(facts)


def _rows(table) -> list[list]:
    if table is None:
        return []
    if isinstance(table, pd.DataFrame):
        return table.fillna("").values.tolist()
    if isinstance(table, dict):  # the API's {"headers", "data"}
        return list(table.get("data") or [])
    return list(table)


def from_form(department, year, figures, indicators, projects, problems, measures, notes,
              source: str = "") -> DraftFacts:
    """Facts as edited; rows without a value are left out, so the draft shows a placeholder."""
    figs = {}
    for row in _rows(figures):
        name, text = str(row[0]).strip(), str(row[1] if len(row) > 1 else "").strip()
        if not name or not text:
            continue
        m = _NUMBER.match(text)
        value, unit = (float(m.group(1).replace(",", "").replace("，", "")), m.group(2)) if m else (None, "")
        figs[name] = {"value": value, "unit": unit, "text": text,
                      "source": str(row[2]).strip() if len(row) > 2 else ""}
    inds = [dict(zip(_INDICATOR_KEYS, [str(r[0]).strip(), *(_value(x) for x in r[1:5])]))
            for r in _rows(indicators) if r and str(r[0]).strip()]
    projs = [dict(zip(_PROJECT_KEYS, [str(r[0]).strip(), *(_value(x) for x in r[1:4])]))
             for r in _rows(projects) if r and str(r[0]).strip()]

    def lines(text) -> list[str]:
        return [x.strip(" -·•\t") for x in str(text or "").splitlines() if x.strip(" -·•\t")]

    year_value = int(year) if year not in (None, "") and not pd.isna(year) else None
    return DraftFacts(department=str(department or "").strip(), year=year_value, figures=figs,
                      indicators=inds, projects=projs, problems=lines(problems),
                      measures=lines(measures), notes=lines(notes), source=source)
