"""What an answer is: text, citations a reader can check, and how it was produced."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


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
