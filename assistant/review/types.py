"""The review's data types: a finding (审核意见) with its quoted spans, and a whole review."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# categories, in the order a 审核意见书 lists them
COMPLETENESS, CONSISTENCY, REASONABLENESS, CONFORMITY = "完整性", "一致性", "合理性", "规范性"
CATEGORIES = (COMPLETENESS, CONSISTENCY, REASONABLENESS, CONFORMITY)
# severities: must be corrected before publication / a suggestion
MUST, SUGGEST = "须修改", "建议"


@dataclass(frozen=True)
class Quote:
    """A verbatim span of a report: its file, section path, page and the text itself."""

    file: str
    section: str
    page: int
    quote: str
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict:
        return {"file": self.file, "section": self.section, "page": self.page, "quote": self.quote}


@dataclass(frozen=True)
class Finding:
    """One 审核意见: what is wrong, where (the quoted spans) and what is expected instead."""

    category: str  # one of CATEGORIES
    severity: str  # MUST | SUGGEST
    rule: str  # the rule that found it (part_missing, unmet_full_marks, …)
    message: str
    quotes: tuple[Quote, ...] = ()
    expected: str = ""

    def to_dict(self) -> dict:
        return {"category": self.category, "severity": self.severity, "rule": self.rule,
                "message": self.message, "quotes": [q.to_dict() for q in self.quotes],
                "expected": self.expected}


@dataclass(frozen=True)
class Review:
    """The 审核意见 of one report (and the previous year's report it was read against)."""

    report: str  # the report's file name
    department: str
    year: int | None
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    previous: str = ""  # the previous year's report's file name, when one was read

    def by_category(self) -> dict[str, list[Finding]]:
        return {c: [f for f in self.findings if f.category == c] for c in CATEGORIES}

    def to_dict(self) -> dict:
        return {"report": self.report, "department": self.department, "year": self.year,
                "previous": self.previous, "findings": [f.to_dict() for f in self.findings]}


def as_dict(obj) -> dict:
    return asdict(obj)
