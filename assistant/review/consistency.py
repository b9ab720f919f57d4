"""一致性: the consistency checker's findings (assistant.facts.checks), each with every span it
compares, quoted with its section and page. Nothing is re-checked here."""

from __future__ import annotations

import re

from assistant.review.source import ReportView
from assistant.review.types import CONSISTENCY, MUST, Finding
from assistant.review.vocabulary import bigrams

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
MEASURED = re.compile(r"元|%|％")
# …and the overall score (the prose's against its 自评表's total); other scores are of parts
SCORED = ("自评得分",)
# two values closer than this (relative) are one amount written in two units
VALUE_TOLERANCE = 1e-4
SUM_STATED = 0.015  # 万元
# a project or special fund named before a figure: the figure is that project's
PROJECT_NAMED = re.compile(r"项目|专项|工程")
LABEL_REACH = 10  # characters before a figure that name it
ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")


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
            quotes.append(view.quote(s.start, s.end))  # the original text, verbatim
        out.append(Finding(CONSISTENCY, MUST, f"check_{f.kind}", f.message, tuple(quotes),
                           EXPECTED.get(f.kind, "请核对相关数据。")))
    return out


def well_evidenced(view: ReportView, finding) -> bool:
    """Keep a checker finding only when its evidence is unambiguous (a review prefers fewer,
    well-evidenced findings; the checker's facts may file two different things under one
    name). Conflicts and sums are read again against the report's own text."""
    if finding.kind == "conflict":
        return _true_conflict(view, finding.sources)
    if finding.kind == "sum":
        return _true_sum(view, finding.sources)
    return True


def _true_conflict(view: ReportView, sources) -> bool:
    """Exactly two amounts or rates, different in value (not the same amount in 元 and in
    万元), stated in two sentences, each after the same words (预算数 … 预算数, not 执行率 …
    任务完成率), and both about the same kind of owner (a 项目/专项 named before the figure in
    both or in neither)."""
    if len(sources) != 2 or not all(MEASURED.search(s.text_value) or s.metric in SCORED for s in sources):
        return False
    a, b = sources
    if _compact(a.quote) == _compact(b.quote):
        return False
    va, vb = _value(view, a), _value(view, b)
    if va is None or vb is None or abs(va - vb) <= VALUE_TOLERANCE * max(abs(va), abs(vb), 1):
        return False
    if not (_table_row(a) or _table_row(b)) and not bigrams(_label(a)) & bigrams(_label(b)):
        return False  # written after different words: two different figures (a table row
        # names its figures by its columns, not by the words before them)
    return _project_before(a) == _project_before(b)


def _true_sum(view: ReportView, sources) -> bool:
    """Parts and total in one section; no part listed twice (one amount in 元 and in 万元);
    the parts' sum not stated anywhere as the same metric (then the total quoted is another
    figure's); the parts at least half the total (else the list is partial, not wrong)."""
    *parts, total = sources
    if len({_section(view, s.start) for s in sources}) != 1:
        return False
    subjects = [p.subject or p.metric for p in parts]
    if len(set(subjects)) != len(subjects):
        return False
    values = [_value(view, p) for p in parts]
    whole = _value(view, total)
    if whole is None or any(v is None for v in values):
        return False
    summed = sum(values)
    stated = [f for f in view.facts if f.metric == total.metric and f.value is not None
              and abs(float(f.value) - summed) <= SUM_STATED]
    return not stated and summed >= whole / 2


def _value(view: ReportView, source) -> float | None:
    """The value (money in 万元) of the fact a checker's source cites."""
    for f in view.facts:
        if f.start == source.start and f.metric == source.metric and f.text_value == source.text_value:
            return None if f.value is None else float(f.value)
    return None


def _table_row(source) -> bool:
    return "|" in source.quote or source.quote.count("：") >= 2


def _label(source) -> str:
    """The words right before a source's figure in its quote (asides in brackets dropped)."""
    quote, value = ASIDE.sub("", _compact(source.quote)), _compact(source.text_value)
    at = quote.find(value)
    return quote[max(0, at - LABEL_REACH):at] if at >= 0 else ""


def _project_before(source) -> bool:
    quote, value = _compact(source.quote), _compact(source.text_value)
    at = quote.find(value)
    return bool(PROJECT_NAMED.search(quote[:at] if at >= 0 else quote))


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _section(view: ReportView, offset: int) -> str:
    span = view.paragraph_at(offset)
    return span.section if span is not None else ""
