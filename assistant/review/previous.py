"""Against the previous year's report of the same department: problems repeated nearly word
for word (整改未落实) and headline figures that changed sharply with no reason given."""

from __future__ import annotations

from assistant.review.source import ReportView
from assistant.review.types import MUST, REASONABLENESS, SUGGEST, Finding
from assistant.review.vocabulary import (
    CHANGE_METRICS,
    EXPLAINED,
    REPEATED,
    SHARP_CHANGE,
    similarity,
)


def find_previous(store, record):
    """The indexed report of the same department for the year before, or None."""
    if not record.year:
        return None
    same = [r for r in store.reports() if r.id != record.id and r.year == record.year - 1
            and r.department == record.department]
    return same[0] if same else None


def against_previous(view: ReportView, before: ReportView) -> list[Finding]:
    return _repeated(view, before) + _sharp_changes(view, before)


def _repeated(view: ReportView, before: ReportView) -> list[Finding]:
    old = [i for i in before.items if i.kind == "problem"]
    out = []
    for p in (i for i in view.items if i.kind == "problem"):
        match = max(old, key=lambda o: similarity(o.text, p.text), default=None)
        if match is None or similarity(match.text, p.text) < REPEATED:
            continue
        out.append(Finding(
            REASONABLENESS, MUST, "problem_repeated",
            f"问题“{p.title[:30]}”与上年报告所列问题几乎相同，上年问题整改未落实。",
            (view.quote(p.start, p.end, section=p.section),
             before.quote(match.start, match.end, section=match.section)),
            "说明上年问题的整改情况和仍未解决的原因，提出更有针对性的措施。"))
    return out


def headline_fact(view: ReportView, metric: str):
    rows = [f for f in view.facts if f.metric == metric and f.scope == "department"
            and not f.subject and not f.period and f.value is not None and float(f.value) > 0]
    return rows[0] if rows else None


def _sharp_changes(view: ReportView, before: ReportView) -> list[Finding]:
    out = []
    for metric in CHANGE_METRICS:
        now, then = headline_fact(view, metric), headline_fact(before, metric)
        if now is None or then is None:
            continue
        change = (float(now.value) - float(then.value)) / float(then.value)
        if abs(change) <= SHARP_CHANGE or EXPLAINED.search(view.paragraph_text(now.start)):
            continue
        out.append(Finding(
            REASONABLENESS, SUGGEST, "sharp_change",
            f"{metric}由上年 {then.text_value} 变为 {now.text_value}（{change:+.1%}），"
            "变动较大，报告未说明原因。",
            (view.quote(now.start, now.end), before.quote(then.start, then.end)),
            f"说明{metric}较上年大幅变动的原因。"))
    return out
