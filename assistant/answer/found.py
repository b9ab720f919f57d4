"""A figure found in the facts table for a question, and the Answer shapes the facts route
builds from such figures (each figure cited by its verbatim sentence)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.answer.arithmetic import Operand, convert
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.types import Query
from assistant.facts.vocabulary import subject_key
from assistant.index.records import FactRecord, ReportRecord
from assistant.ingest.aliases import short_name


@dataclass(frozen=True)
class Found:
    report: ReportRecord
    metric: str  # the metric actually found (may be a fallback)
    facts: tuple[FactRecord, ...]  # facts with the same value (first is cited)
    others: tuple[FactRecord, ...] = ()  # different values for the same item: a conflict

    @property
    def fact(self) -> FactRecord:
        return self.facts[0]

    @property
    def name(self) -> str:
        return report_name(self.report)

    @property
    def value(self) -> Decimal:
        return decimal(self.fact)

    @property
    def stated_values(self) -> tuple[str, ...]:
        """Each different figure the report states for this item, as written: more than one
        when the lookup found one of several (several deductions, a conflict)."""
        return tuple(dict.fromkeys(f.text_value for f in (self.fact, *self.others)))

    @property
    def label(self) -> str:
        """The figure's name with its subject: 支出, “办公楼维修”支出."""
        return subject_label(self.fact.subject, self.metric)


def one_of_many(found: Sequence[Found | None]) -> str:
    """"" when each figure is the report's only one of its kind; else what the report states
    for each that has several ("扣分有1.5分、6分"): a check on one of them would be no check."""
    return "，".join(f"{f.label}有{'、'.join(f.stated_values)}" for f in found
                    if f is not None and len(f.stated_values) > 1)


def subject_label(subject: str, metric: str) -> str:
    """A figure's name with its subject (“办公楼维修”支出), the metric alone when the subject is
    only the metric's own name (“三公”经费 of 三公经费)."""
    if not subject or subject_key(subject) == subject_key(metric):
        return metric
    return f"“{subject}”{metric}"


def decimal(fact: FactRecord) -> Decimal:
    return Decimal(0) if fact.value is None else fact.value


def report_name(report: ReportRecord | None) -> str:
    if report is None:
        return ""
    return f"{short_name(report.department)}{report.year or ''}年"


def operands(found: Sequence[Found], labels: Sequence[str] | None = None) -> list[Operand]:
    """The figures to compute with: as the report writes them when all are stated in one
    unit (元 stays 元), else in the stored unit (万元)."""
    labels = labels or [f.label for f in found]
    stated = [f.fact.stated for f in found]
    units = {s[1] for s in stated if s}
    if all(stated) and len(units) == 1 and units != {""}:
        return [Operand(lab, s[0], s[1], source=f)
                for lab, s, f in zip(labels, stated, found, strict=True)]
    # mixed units: each in the stored unit, a converted one at two places (万元 as reports write
    # it), its conversion recorded ("368,412.50元 = 36.84万元")
    out = []
    for lab, f in zip(labels, found, strict=True):
        digits = _converted_places(f)
        if digits is not None:
            convert(f.fact.text_value, f.value, f.fact.unit, digits, f)
        out.append(Operand(lab, f.value, f.fact.unit, digits, source=f))
    return out


def _converted_places(f: Found) -> int | None:
    stated = f.fact.stated
    if stated and stated[1] and stated[1] != f.fact.unit and f.fact.unit == "万元":
        return 2
    return None


def citations(found: Sequence[Found]) -> list[Citation]:
    out: list[Citation] = []
    seen = set()
    for f in found:
        for row in (*f.facts[:1], *f.others):
            key = (row.report_id, row.start, row.end)  # table cells of one row share a start
            if key in seen:
                continue
            seen.add(key)
            out.append(Citation(row.report_id, f.report.file, row.section, row.quote,
                                row.start, row.end))
    return out


def unnoted(f: Found) -> tuple[str, int, int, str]:
    """How an answer lists a figure it shows only beside the asked ones (`Answer.unnoted`)."""
    return f.fact.report_id, f.fact.start, f.fact.end, f.fact.metric


def answer(q: Query, text: str, found: Sequence[Found], table=None, derived=None) -> Answer:
    return Answer(question=q.text, text=text, abstained=False, route="facts",
                  citations=citations(found), table=table, derived=derived or [])


def abstain(q: Query, message: str) -> Answer:
    return Answer(question=q.text, text=f"报告中未找到：{message}", abstained=True, route="facts")
