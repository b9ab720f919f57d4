"""What the store gives back: typed, frozen records of reports, chunks, facts and list items.

Nothing above `index/` sees a database row. A fact's value is a `Decimal` built from the
figure as the report states it (its `text_value`), so that money and rates never pass
through a float on their way to an answer or a draft.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from assistant.facts.model import SCOPE_NAMES
from assistant.ingest.aliases import short_name as _short_name
from assistant.text.numbers import LEADING_NUMBER, NOT_NUMBER_CHAR, parse_decimal, parse_number

# a row read back from the store: sqlite3.Row, or a dict from PostgreSQL (read by column name)
Row = Mapping[str, Any]
# shown after a figure that a scan's OCR read with low confidence (`index.ocr_marks`)
OCR_MARK = "（OCR低置信）"


@dataclass(frozen=True)
class ReportRecord:
    id: str
    file: str
    path: str
    sha256: str
    kind: str
    title: str
    department: str
    year: int | None
    aliases: tuple[str, ...]
    embed_model: str
    ingested_at: float
    n_chunks: int = 0
    n_facts: int = 0

    @classmethod
    def from_row(cls, r: Row) -> ReportRecord:
        return cls(
            id=r["id"], file=r["file"], path=r["path"], sha256=r["sha256"], kind=r["kind"],
            title=r["title"], department=r["department"], year=r["year"],
            aliases=tuple(json.loads(r["aliases"])), embed_model=r["embed_model"],
            ingested_at=r["ingested_at"], n_chunks=r["n_chunks"], n_facts=r["n_facts"],
        )

    @property
    def short_name(self) -> str:
        """The department's short name, e.g. 番禺区政府办."""
        return short_name(self.department)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ChunkRecord:
    id: str
    report_id: str
    ord: int
    section: str  # section path, " > " joined
    text: str  # normalised chunk text
    header: str
    start: int  # span in the report's original text
    end: int
    tokens: tuple[str, ...]  # BM25 tokens

    @classmethod
    def from_row(cls, r: Row) -> ChunkRecord:
        return cls(id=r["id"], report_id=r["report_id"], ord=r["ord"], section=r["section"],
                   text=r["text"], header=r["header"], start=r["start"], end=r["end"],
                   tokens=tuple(r["tokens"].split()))

    @property
    def index_text(self) -> str:
        """What was embedded: the header line and the text."""
        return f"{self.header}\n{self.text}"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class FactRecord:
    """One stated figure of an indexed report, with its verbatim sentence."""

    id: int
    report_id: str
    department: str
    year: int | None
    metric: str
    scope: str  # department | project | indicator | source | class | item | unit (facts.model)
    subject: str
    value: Decimal | None  # normalised (money in 万元); None for text values such as grades
    unit: str
    text_value: str  # as the report writes it, e.g. "4,144.86万元" or "优"
    raw: str
    quote: str  # verbatim sentence
    start: int
    end: int
    num_start: int
    num_end: int
    section: str
    para: int
    page: int
    period: str = ""  # "" = the report's year; 年初, 上年 or a named year (facts.model)

    @classmethod
    def from_row(cls, r: Row) -> FactRecord:
        return cls(
            id=r["id"], report_id=r["report_id"], department=r["department"], year=r["year"],
            metric=r["metric"], scope=r["scope"], subject=r["subject"],
            value=stated_value(r["value"], r["text_value"]), unit=r["unit"],
            text_value=r["text_value"], raw=r["raw"], quote=r["quote"], start=r["start"],
            end=r["end"], num_start=r["num_start"], num_end=r["num_end"], section=r["section"],
            para=r["para"], page=r["page"], period=r["period"] or "",
        )

    @property
    def whose(self) -> str:
        """Whose figure it is, for a reader: "（部门整体）", or the subject and its kind
        ("财政拨款（资金来源）")."""
        if not self.subject:
            return f"（{SCOPE_NAMES.get(self.scope, self.scope)}）"
        return f"{self.subject}（{SCOPE_NAMES.get(self.scope, self.scope)}）"

    @property
    def stated(self) -> tuple[Decimal, str] | None:
        """The figure with the digits and unit the report writes: (9570171.39, 元) for
        "9570171.39元"; None for a text value such as a grade."""
        m = LEADING_NUMBER.match(self.text_value or "")
        value = parse_decimal(m.group(1)) if m else None
        return None if value is None else (value, m.group(2))

    @property
    def number(self) -> float | None:
        """The value as a float (consistency checks and JSON output)."""
        return None if self.value is None else float(self.value)

    def to_dict(self) -> dict:
        """The fact as JSON-friendly values (the value as a number)."""
        d = asdict(self)
        d["value"] = self.number
        return d


@dataclass(frozen=True)
class ItemRecord:
    """One item of a report's 存在的主要问题 or 改进措施 list."""

    report_id: str
    kind: str  # problem | measure
    ord: int
    title: str
    text: str
    quote: str
    start: int
    end: int
    section: str

    @classmethod
    def from_row(cls, r: Row) -> ItemRecord:
        return cls(report_id=r["report_id"], kind=r["kind"], ord=r["ord"], title=r["title"],
                   text=r["text"], quote=r["quote"], start=r["start"], end=r["end"],
                   section=r["section"])

    def to_dict(self) -> dict:
        return asdict(self)


def short_name(department: str) -> str:
    """A department's short name for display (番禺区政府办); the name itself when it has none."""
    return _short_name(department) or department


def stated_value(number: float | None, text_value: str) -> Decimal | None:
    """The exact value of a stored figure: the number parsed from the report's own text
    (`text_value`) when it is the stored one, else the stored number (a unit converted, e.g.
    元 to 万元) to six decimals. The facts route used to do this at question time."""
    if number is None:
        return None
    try:
        stated = Decimal(str(parse_number(NOT_NUMBER_CHAR.sub("", text_value))))
    except (ValueError, ArithmeticError):  # no number in the text (a grade, a dash)
        stated = None
    if stated is not None and abs(float(stated) - number) < 1e-9:
        return stated
    return Decimal(str(round(number, 6))).normalize()
