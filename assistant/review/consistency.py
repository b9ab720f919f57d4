"""一致性: the consistency checker's findings (assistant.facts.checks), each with every span it
compares, quoted with its section and page. Nothing is re-checked here."""

from __future__ import annotations

import re

from assistant.review.source import ReportView
from assistant.review.types import CONSISTENCY, MUST, Finding

EXPECTED = {
    "rate": "执行率应等于执行数 ÷ 预算数，请核对三者并统一。",
    "sum": "分项之和应等于合计数，请核对各分项与合计。",
    "conflict": "同一数据在报告各处（正文与自评表）应一致，请核对后统一。",
    "score": "得分不应超过该项分值（总分不超过100分），请核对评分。",
    "unit": "请核对金额单位（元/万元）是否写错。",
    "sources": "各资金来源之和应等于合计数，请核对。",
    "parts": "各项目金额之和应等于项目支出合计，请核对。",
}


# figures two statements of which can contradict each other: money, rates and scores (a count of
# people or items is often of two different groups under one name)
MEASURED = re.compile(r"元|%|％|分$")


def consistency(view: ReportView) -> list[Finding]:
    out = []
    for f in view.checks:
        if not well_evidenced(view, f):
            continue
        quotes, seen = [], set()
        for s in f.sources:
            key = (s.start, s.end)
            if key in seen:
                continue
            seen.add(key)
            quotes.append(view.quote(s.start, s.end, text=" ".join(s.quote.split())))
        out.append(Finding(CONSISTENCY, MUST, f"check_{f.kind}", f.message, tuple(quotes),
                           EXPECTED.get(f.kind, "请核对相关数据。")))
    return out


def well_evidenced(view: ReportView, finding) -> bool:
    """Keep a checker finding only when its evidence is unambiguous: a conflict of exactly two
    values stated in two different sentences (more values, or two in one sentence, are
    figures of different things filed under one name); a sum whose parts and total stand in
    one section of the report (a total from another section is another total)."""
    sources = finding.sources
    if finding.kind == "conflict":
        values = {re.sub(r"[\s,，]", "", s.text_value) for s in sources}
        quotes = {" ".join(s.quote.split()) for s in sources}
        return len(values) == 2 and len(quotes) == len(sources) == 2 \
            and all(MEASURED.search(s.text_value) for s in sources)
    if finding.kind == "sum":
        return len({_section(view, s.start) for s in sources}) == 1
    return True


def _section(view: ReportView, offset: int) -> str:
    span = view.paragraph_at(offset)
    return span.section if span is not None else ""
