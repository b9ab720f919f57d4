"""A whole report: every section kind drafted in the standard order for one department-year,
with the key figures (each with its source), the 【待补充】 placeholders of all sections, and
per-section verification notes. `stream_report` yields progress section by section (text
pieces as they are written, then each finished Draft) so a UI can show the first section
long before the last one is written; `draft_report` returns the finished ReportDraft.

The drafter is anything with ``stream_draft(kind, facts)`` yielding text pieces and then a
Draft (the Assistant does; tests pass stand-ins). The data types (SectionProgress,
ReportDraft) are in `types`, for the CLI and the UI; rendering is in `report_export`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from assistant.drafting.derived import derive
from assistant.drafting.facts import normalise_facts
from assistant.drafting.sections import SECTION_KIND_LIST, SECTION_KINDS, ordered, resolve_kind
from assistant.drafting.templates import placeholder
from assistant.drafting.types import Draft, DraftFacts, ReportDraft, SectionProgress

# the key figures of the summary table: (metric in the facts, the label the table shows)
KEY_FIGURES: tuple[tuple[str, str], ...] = (
    ("收入", "收入总额"), ("预算数", "全年预算数"), ("支出", "执行数（支出总额）"),
    ("执行率", "预算执行率"), ("基本支出", "基本支出"), ("项目支出", "项目支出"),
    ("自评得分", "自评得分"), ("绩效评级", "绩效评级"),
)
# the ones a report cannot do without: missing, they become 【待补充】 rows
REQUIRED_FIGURES = ("预算数", "支出", "执行率", "自评得分")
# a missing figure's placeholder in the words the section templates use, so the final list
# names it once
PLACEHOLDER_WORDS = {"支出": "全年执行数（支出总额）"}
TABLE_NAME = "主要数据一览"  # the key-figure table's caption


def report_title(department: str, year: int | None) -> str:
    """The cover title: <部门>20XX年度部门整体支出绩效自评报告."""
    return f"{department}{f'{year}年度' if year else ''}部门整体支出绩效自评报告"


def placeholders_of(report: ReportDraft) -> list[dict]:
    """Every 【待补充】 item once, with where it is: {"text", "sections": [heading, …]};
    missing key figures first (主要数据一览), then the sections' in report order."""
    found: dict[str, list[str]] = {}
    for fig in report.key_figures:
        if fig["missing"]:
            found.setdefault(fig["text"], []).append(TABLE_NAME)
    for draft in report.sections:
        heading = SECTION_KINDS[draft.kind].heading
        for text in draft.placeholders:
            where = found.setdefault(text, [])
            if heading not in where:
                where.append(heading)
    return [{"text": text, "sections": where} for text, where in found.items()]


def all_kinds() -> list[str]:
    """Every section kind, in report order."""
    return [k.name for k in SECTION_KIND_LIST]


def outline_of_kinds() -> list[tuple[str, str]]:
    """(kind, heading) of every section kind, in report order."""
    return [(k.name, k.heading) for k in SECTION_KIND_LIST]


def key_figures(facts: DraftFacts) -> list[dict]:
    """The summary table's rows: each key figure as given (with its source) or computed
    from given ones (with its calculation); required figures that are neither become a
    【待补充】 row. A stated rate that disagrees with its computation is replaced by the
    computed one, as the section texts do."""
    derived = derive(facts)
    disputed = {"执行率"} if any("执行率" in w for w in derived.warnings) else set()
    rows = []
    for metric, label in KEY_FIGURES:
        given = facts.figures.get(metric)
        computed = derived.get(metric)
        if given and given.get("text") and not (metric in disputed and computed):
            rows.append({"name": label, "text": str(given["text"]),
                         "source": str(given.get("source") or facts.source or ""), "missing": False})
        elif computed:
            rows.append({"name": label, "text": computed["text"], "source": f"计算：{computed['calc']}",
                         "missing": False})
        elif metric in REQUIRED_FIGURES:
            rows.append({"name": label, "text": placeholder(PLACEHOLDER_WORDS.get(metric, label)),
                         "source": "", "missing": True})
    return rows


def stream_report(drafter, facts: DraftFacts,
                  kinds: Iterable[str] | None = None) -> Iterator[SectionProgress | ReportDraft]:
    """Progress of each section in report order (text pieces, then the finished Draft),
    then the ReportDraft. A section that fails stops the run (its error propagates)."""
    started = time.monotonic()
    facts = normalise_facts(facts)
    if not facts.year:
        facts.year = None
    names = ordered(resolve_kind(k) for k in kinds) if kinds is not None else all_kinds()
    report = ReportDraft(facts.department, facts.year, report_title(facts.department, facts.year),
                         key_figures=key_figures(facts), source=facts.source)
    for index, kind in enumerate(names, 1):
        heading = SECTION_KINDS[kind].heading
        for part in drafter.stream_draft(kind, facts):
            if isinstance(part, Draft):
                report.sections.append(part)
                yield SectionProgress(index, len(names), kind, heading, draft=part)
            elif part:
                yield SectionProgress(index, len(names), kind, heading, piece=part)
    report.placeholders = placeholders_of(report)
    report.seconds = round(time.monotonic() - started, 2)
    yield report


def draft_report(drafter, facts: DraftFacts, kinds: Iterable[str] | None = None) -> ReportDraft:
    """The finished ReportDraft (no progress)."""
    result = None
    for part in stream_report(drafter, facts, kinds):
        if isinstance(part, ReportDraft):
            result = part
    assert result is not None
    return result
