"""Draft data types shared by the drafting chain, the CLI and the UI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from assistant.text.output_guard import FILL_IN

# where a draft lacks a fact it says so in the text: 【待补充：预算数】
PLACEHOLDER = FILL_IN


@dataclass
class DraftFacts:
    """What a draft may state: figures, indicators, problems and notes of one department-year."""

    department: str
    year: int | None
    figures: dict[str, dict] = field(default_factory=dict)  # name -> {"value", "unit", "text", "source"}
    indicators: list[dict] = field(default_factory=list)  # {"name", "target", "actual", "weight", "score"}
    projects: list[dict] = field(default_factory=list)  # {"name", "budget", "spent", "rate"}
    problems: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: str = ""  # "store:<report id>" or the facts file path
    # section kind -> statements given for it (duties, tasks, achievements …); numbers in
    # them count as given facts. A note written "【主要工作成效】…" is read as one, too.
    statements: dict[str, list[str]] = field(default_factory=dict)
    statement_sources: dict[str, str] = field(default_factory=dict)  # kind -> "file · section"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Draft:
    kind: str  # a section kind, e.g. 部门整体收支情况
    department: str
    year: int | None
    text: str
    facts_used: list[dict] = field(default_factory=list)  # {"name", "text", "source"}
    placeholders: list[str] = field(default_factory=list)  # 【待补充：…】 items
    flags: list[str] = field(default_factory=list)  # numbers not in the facts, etc.
    exemplars: list[dict] = field(default_factory=list)  # {"file", "section", "quote"}
    backend: str = "none"
    notes: list[str] = field(default_factory=list)  # consistency warnings, unmet instructions
    derived: list[dict] = field(default_factory=list)  # {"key", "name", "value", "unit", "text", "calc"}
    revisions: list[str] = field(default_factory=list)  # instructions applied so far, in order
    seconds: float = 0.0

    @property
    def clean(self) -> bool:
        return not self.flags

    def to_dict(self) -> dict:
        d = asdict(self)
        d["clean"] = self.clean
        return d


@dataclass
class SectionProgress:
    """One step of a whole-report run: a text piece of section `index` (of `total`) while
    it is written, or, with `draft` set, the finished section."""

    index: int  # 1-based, in report order
    total: int
    kind: str
    heading: str  # the section's heading in the report
    piece: str = ""
    draft: Draft | None = None

    @property
    def done(self) -> bool:
        return self.draft is not None


@dataclass
class ReportDraft:
    """A whole report of one department-year: every drafted section in report order, the
    key figures (each with its source), the 【待补充】 items of all sections."""

    department: str
    year: int | None
    title: str  # the cover title: <部门>20XX年度部门整体支出绩效自评报告
    sections: list[Draft] = field(default_factory=list)
    key_figures: list[dict] = field(default_factory=list)  # {"name", "text", "source", "missing"}
    placeholders: list[dict] = field(default_factory=list)  # {"text", "sections": [heading, …]}
    source: str = ""  # where the facts came from (store:<id> or a facts file)
    seconds: float = 0.0

    @property
    def clean(self) -> bool:
        return all(d.clean for d in self.sections)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["clean"] = self.clean
        d["sections"] = [s.to_dict() for s in self.sections]
        return d
