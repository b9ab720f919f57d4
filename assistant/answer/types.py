"""What an answer is: text, citations a reader can check, and how it was produced."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

# metrics the 对比 tab offers
METRIC_CHOICES = ("执行率", "预算数", "支出", "基本支出", "项目支出", "收入", "自评得分",
                  "在职人员", "内设机构数", "结转结余", "财政拨款支出")
NOT_DISCLOSED = "未披露"


@dataclass(frozen=True)
class Citation:
    """A verbatim span of a report that supports (part of) an answer."""

    report_id: str
    file: str
    section: str
    quote: str  # verbatim original text (a sentence-level span)
    start: int  # span in the report's original text
    end: int

    def to_dict(self) -> dict:
        return {"file": self.file, "section": self.section, "quote": self.quote,
                "report_id": self.report_id, "start": self.start, "end": self.end}


@dataclass
class Answer:
    question: str
    text: str
    abstained: bool
    route: str  # "facts" | "retrieval"
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[str] = field(default_factory=list)  # top-k chunk texts, rank order
    seconds: float = 0.0
    backend: str = "none"  # none | local | openai | baseline
    flags: list[str] = field(default_factory=list)  # verification notes shown to the user
    table: list[dict] | None = None  # comparison rows, when the answer is a table
    derived: list[dict] = field(default_factory=list)  # {"value", "text", "calc"} computed in code
    # a decline that found the asked item to be another's (another project's form, a related
    # item): the report's text is not searched again
    final: bool = False
    skill: str = ""  # the skill that answered ("": the evidence stage)
    # figures shown only beside the asked ones (the year before, 其中 rows), as (report id,
    # start, end of the statement, metric): no 不一致 note is put after them (a note concerns
    # the very fact asked)
    unnoted: list[tuple[str, int, int, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["citations"] = [c.to_dict() for c in self.citations]
        return d

    def to_result(self) -> dict:
        """The shape `jixiao ask --json` prints and the eval scores."""
        d = self.to_dict()
        return {"answer": d["text"], "abstained": d["abstained"], "route": d["route"],
                "citations": [{k: c[k] for k in ("file", "section", "quote")} for c in d["citations"]],
                "retrieved": d["retrieved"], "seconds": round(d["seconds"], 4), "derived": d["derived"],
                "flags": d["flags"], "backend": d["backend"]}


@dataclass(frozen=True)
class CompareRow:
    """One report's figure for a compared metric (未披露 when the report lacks it)."""

    report_id: str
    department: str
    short: str
    year: int | None
    metric: str  # the metric found (a related one, e.g. 收支比率, is named as such)
    value: float | None
    text_value: str  # as the report writes it, or 未披露
    quote: str
    file: str
    section: str
    unit: str = ""  # the value's unit (money in 万元, as `value`)
    page: int = 0  # the quote's page (0 when the report has no pages)
    approx: str = ""  # the figure with its qualifier when stated as a bound ("接近100%")

    def to_dict(self) -> dict:
        return asdict(self)


def to_csv(rows: Sequence[CompareRow]) -> str:
    """Compared rows as CSV that Excel opens (UTF-8 with a BOM)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["部门", "年度", "指标", "数值", "原文", "文件"])
    for r in rows:
        writer.writerow([r.department, r.year or "", r.metric, r.text_value,
                         " ".join(r.quote.split()), r.file])
    return "\ufeff" + buf.getvalue()  # BOM: Excel opens UTF-8 CSV correctly
