"""A report that evaluates one project (a 项目支出绩效自评表, perhaps with a short 说明 after it)
is no report of its unit's whole spending: the figures its prose states with no subject of
their own — the budget, the spending, the rate, the score and grade — are the project's, filed
under the project its form names, and the unit gets no 部门整体 headline from it. The unit
stays the report's owner (its department). Head counts and other counts stay the unit's.

A report is one project's when its title (or its form's title) names a project's evaluation
(项目支出绩效自评表, 项目绩效自评报告) and not the whole unit's (部门整体, 单位整体, 整体支出), and
its forms name exactly one project (项目名称).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.facts.model import DEPARTMENT, PROJECT, Fact
from assistant.ingest.structure import ReportStructure
from assistant.ingest.tables.grid import Field, FormTitle, Found
from assistant.text.headers import project_name

PROJECT_TITLE = re.compile(r"项目(?:支出)?(?:绩效)?(?:自评|评价)")
WHOLE_TITLE = re.compile(r"部门整体|单位整体|整体支出|部门决算|部门预算执行")
# the units of what a project's form and its 说明 state for the project (counts stay the unit's)
PROJECT_UNITS = ("万元", "%", "分", "")
TITLE_MAX = 60  # a longer line is prose, not a title


def evaluated_project(text: str, structure: ReportStructure, found: Found) -> str:
    """The project the report evaluates when it evaluates only one (see the module), else "".
    A title line anywhere in the text (a sheet's, an appendix's) that names the whole unit's
    spending makes it no one-project report."""
    titles = [structure.title] + [e.cell.text for e in found.events if isinstance(e, FormTitle)]
    lines = [ln for ln in text.splitlines() if len(ln.strip()) <= TITLE_MAX]
    if any(WHOLE_TITLE.search(t) for t in [structure.title, *lines]) \
            or not any(PROJECT_TITLE.search(t) for t in titles):
        return ""
    names = {project_name(e.value.text) for e in found.events
             if isinstance(e, Field) and e.label == "项目名称" and e.value.text.strip()}
    return names.pop() if len(names) == 1 else ""


def filed_under_project(facts: list[Fact], project: str) -> list[Fact]:
    """The facts with the unit-wide figures of a one-project report filed as the project's."""
    if not project:
        return facts
    return [replace(f, scope=PROJECT, subject=project)
            if f.scope == DEPARTMENT and not f.subject and f.unit in PROJECT_UNITS else f
            for f in facts]
