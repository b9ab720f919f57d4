"""A whole report: every section kind drafted in the standard order for one department-year,
with the key figures (each with its source), the 【待补充】 placeholders of all sections, and
per-section verification notes. `stream_report` yields progress section by section (text
pieces as they are written, then each finished Draft) so a UI can show the first section
long before the last one is written; `draft_report` returns the finished ReportDraft.

The drafter is anything with ``stream_draft(kind, facts)`` yielding text pieces and then a
Draft (the Assistant does; tests pass stand-ins). Rendering is in `report_export`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from assistant.drafting.derived import derive
from assistant.drafting.facts import normalise_facts
from assistant.drafting.sections import SECTION_KIND_LIST, SECTION_KINDS, ordered, resolve_kind
from assistant.drafting.templates import placeholder
from assistant.drafting.types import Draft, DraftFacts

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


@dataclass
class SectionProgress:
    """One step of a whole-report run: a text piece of section `index` (of `total`) while
    it is written, or, with `draft` set, the finished section."""

    index: int  # 1-based, in report order
    total: int
    kind: str
    piece: str = ""
    draft: Draft | None = None

    @property
    def done(self) -> bool:
        return self.draft is not None


@dataclass
class ReportDraft:
    """Every drafted section of one department-year, in report order."""

    department: str
    year: int | None
    sections: list[Draft] = field(default_factory=list)
    key_figures: list[dict] = field(default_factory=list)  # {"name", "text", "source", "missing"}
    source: str = ""  # where the facts came from (store:<id> or a facts file)
    seconds: float = 0.0

    @property
    def title(self) -> str:
        return report_title(self.department, self.year)

    @property
    def placeholders(self) -> list[dict]:
        """Every 【待补充】 item once, with the sections that hold it: {"text", "sections"}."""
        found: dict[str, list[str]] = {}
        for fig in self.key_figures:
            if fig["missing"]:
                found.setdefault(fig["text"], []).append("主要数据一览")
        for draft in self.sections:
            heading = SECTION_KINDS[draft.kind].heading
            for text in draft.placeholders:
                where = found.setdefault(text, [])
                if heading not in where:
                    where.append(heading)
        return [{"text": text, "sections": where} for text, where in found.items()]

    @property
    def clean(self) -> bool:
        return all(d.clean for d in self.sections)

    def to_dict(self) -> dict:
        return {"title": self.title, "department": self.department, "year": self.year,
                "source": self.source, "seconds": self.seconds, "clean": self.clean,
                "key_figures": self.key_figures, "placeholders": self.placeholders,
                "sections": [d.to_dict() for d in self.sections]}


def report_title(department: str, year: int | None) -> str:
    """The cover title: <部门>20XX年度部门整体支出绩效自评报告."""
    return f"{department}{f'{year}年度' if year else ''}部门整体支出绩效自评报告"


def all_kinds() -> list[str]:
    """Every section kind, in report order."""
    return [k.name for k in SECTION_KIND_LIST]


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
    report = ReportDraft(facts.department, facts.year, key_figures=key_figures(facts),
                         source=facts.source)
    for index, kind in enumerate(names, 1):
        for part in drafter.stream_draft(kind, facts):
            if isinstance(part, Draft):
                report.sections.append(part)
                yield SectionProgress(index, len(names), kind, draft=part)
            elif part:
                yield SectionProgress(index, len(names), kind, piece=part)
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
