"""Draft data types shared by the drafting chain, the CLI and the UI."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

# where a draft lacks a fact it says so in the text: 【待补充：预算数】
PLACEHOLDER = re.compile(r"【待补充[:：][^】]*】")


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
