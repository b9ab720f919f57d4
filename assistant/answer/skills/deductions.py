"""The points a self-evaluation lost: every deduction the report lists, added up (never one of
them standing for all), and set against the stated 自评得分 — the score and the deductions
make the full score, or the answer says by how much they do not.

The deductions are read from the report's own lines that hold its 扣分 facts (a deduction the
facts stage missed there still counts); a stated total (合计扣7分) is the total, and its parts
are checked against it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.answer import arithmetic as ar
from assistant.answer.found import Found, abstain, answer, report_name
from assistant.answer.lookup import Lookup
from assistant.answer.skills.base import Context, Shape, about_figures, reports_of
from assistant.answer.skills.table_rows import FULL_SCORE, SCORE
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.types import Intent, Query
from assistant.index.records import FactRecord, ReportRecord
from assistant.text.deductions import Deduction, deductions_in

DEDUCTED = "扣分"
ASKED_WITH = {DEDUCTED, SCORE}  # the metrics a question about deductions may name
INTENTS = (Intent.FIGURE, Intent.RECONCILE, Intent.SUM)
REACH = 1500  # characters the lines holding a report's deductions may span, at most


@dataclass(frozen=True)
class Listed:
    """The deductions a report lists, where it lists them."""

    parts: tuple[Deduction, ...]
    total: Deduction | None  # a stated total (合计扣7分)
    cite: Citation

    @property
    def points(self) -> Decimal:
        return self.total.value if self.total else sum((p.value for p in self.parts), Decimal(0))


def listed(read: Lookup, report: ReportRecord) -> Listed | None:
    """Every deduction of the lines that hold the report's department-level 扣分 facts (and
    the lines between them); None when the facts hold none."""
    facts = [f for f in read.facts(report.id) if f.scope == "department" and f.metric == DEDUCTED
             and f.value is not None and not f.period]
    if not facts:
        return None
    text = read.report_text(report.id)
    start = text.rfind("\n", 0, min(f.start for f in facts)) + 1
    end = text.find("\n", max(f.end for f in facts))
    end = len(text) if end < 0 else end
    if end - start > REACH:  # lines far apart: only the facts' own statements
        found = [_of_fact(f) for f in facts]
    else:
        found = deductions_in(text[start:end], start)
        found += [_of_fact(f) for f in facts if not any(d.start <= f.num_start < d.end for d in found)]
    found.sort(key=lambda d: d.start)
    total = next((d for d in found if d.total), None)
    parts = tuple(d for d in found if not d.total)
    cite = Citation(report.id, report.file, facts[0].section, text[start:end].strip(), start, end)
    return Listed(parts, total, cite)


def subject_deduction(read: Lookup, report: ReportRecord, subject: str) -> Found | None:
    """The points a named indicator lost: a 扣分 the report states in the sentence that names
    it ("居民健康素养水平27.1%，未达到28%的目标，扣2分"), shown under the indicator's name."""
    name = re.sub(r"\s", "", subject)
    rows = [f for f in read.facts(report.id) if f.metric == DEDUCTED and f.value is not None
            and not f.period and len(name) >= 2 and name in re.sub(r"\s", "", f.quote)]
    return Found(report, DEDUCTED, (replace(rows[0], subject=subject),)) if len(rows) == 1 else None


def _of_fact(f: FactRecord) -> Deduction:
    return Deduction(Decimal(str(f.value)), f.text_value, f.num_start, f.num_end)


def deductions(read: Lookup, q: Query, reports: Sequence[ReportRecord]) -> Answer | None:
    lines, found, cites, derived = [], [], [], []
    for report in reports:
        held = listed(read, report)
        if held is None:
            return None  # a report whose deductions the facts do not hold: the other skills
        score = read.lookup(report, SCORE)
        line, calc = _line(report_name(report), held, score)
        lines.append(line)
        derived += calc
        cites.append(held.cite)
        found += [score] if score is not None else []
    if not lines:
        return None
    if q.intent == Intent.RECONCILE and not found:
        return abstain(q, f"报告没有给出{SCORE}，无法核对。" + "".join(lines))
    out = answer(q, "\n".join(lines), found, derived=derived)
    out.citations = [*cites, *out.citations]
    return out


def _line(name: str, held: Listed, score: Found | None) -> tuple[str, list[dict]]:
    parts = [ar.Operand("", d.value, "分") for d in held.parts]
    derived: list[dict] = []
    text = f"{name}报告列出的扣分：{'、'.join(d.raw for d in held.parts) or held.total.raw}"
    if len(parts) > 1:
        summed = ar.total(parts)
        derived.append(summed.derived())
        text += f"，合计扣{_points(summed.value)}分（{summed.calc}）"
        if held.total:
            agree = "一致" if summed.value == held.total.value else "不一致"
            text += f"，与报告所写的合计{held.total.raw}{agree}"
    elif held.total and held.parts:
        text += f"；报告写明合计{held.total.raw}"
    points = held.points
    if score is None:
        return text + "。", derived
    whole = ar.total([ar.Operand(SCORE, _plain(score.value), "分", source=score),
                      ar.Operand("扣分", _plain(points), "分")])
    derived.append(whole.derived())
    gap = whole.value - FULL_SCORE
    text += f"；{SCORE}{score.fact.text_value}，加上扣分{_points(points)}分为{_points(whole.value)}分（{whole.calc}）"
    if gap == 0:
        return text + f"，正好是满分{FULL_SCORE}分，扣分与{SCORE}对得上。", derived
    if gap > 0:
        return (text + f"，比满分{FULL_SCORE}分多{_points(gap)}分，对不上：按所列扣分，得分最多为"
                       f"{_points(FULL_SCORE - points)}分。"), derived
    return (text + f"，比满分{FULL_SCORE}分少{_points(-gap)}分：报告所列扣分不能说明其余"
                   f"{_points(-gap)}分。"), derived


def _plain(value: Decimal) -> Decimal:
    """93.0 → 93: a score as a reader writes it."""
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def _points(value: Decimal) -> str:
    return ar.show(value.normalize()) if value == value.to_integral() else ar.show(value)


class Deductions(Shape):
    """The points lost, all of them, against the stated score."""

    name = "deductions"

    def matches(self, query: Query) -> bool:
        return (about_figures(query) and query.intent in INTENTS and not query.subjects
                and DEDUCTED in query.metrics and set(query.metrics) <= ASKED_WITH)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return deductions(ctx.facts, query, reports_of(query, ctx))
