"""The indicators a report scores: target, actual value, weight and score, from the facts
table (a 自评表 row, a sentence) and, where the facts hold no target and actual for it, from an
indicator sentence of the prose (名称：目标…，实际…，权重…分，得…分) whatever its unit."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from assistant.review.source import ReportView
from assistant.review.vocabulary import INDICATOR_SENTENCE, LOWER_IS_BETTER, SCORE, WEIGHT
from assistant.text.markers import sentence_spans
from assistant.text.numbers import parse_number


@dataclass(frozen=True)
class Stated:
    """A figure an indicator sentence states (the facts' FactRecord has these fields too)."""

    value: float
    text_value: str
    unit: str


@dataclass(frozen=True)
class Indicator:
    name: str
    target: object  # FactRecord or Stated
    actual: object
    weight: float | None
    score: float | None
    lower_is_better: bool
    start: int = 0  # the span of the row or sentence that states it (all its facts)
    end: int = 0

    @property
    def unmet(self) -> bool:
        t, a = float(self.target.value), float(self.actual.value)
        return a > t + 1e-9 if self.lower_is_better else a < t - 1e-9

    @property
    def full_marks(self) -> bool:
        return self.weight is not None and self.score is not None and self.weight > 0 \
            and abs(self.weight - self.score) < 1e-9


def indicators_of(view: ReportView) -> list[Indicator]:
    """Indicators whose target and actual value the report states (in one row or sentence)."""
    groups: dict[tuple[str, int], dict[str, object]] = defaultdict(dict)
    for f in view.facts:
        if f.scope == "indicator" and f.value is not None:
            groups[(f.subject, f.para)].setdefault(f.metric, f)
    out = []
    for (name, _), by_metric in groups.items():
        target, actual = by_metric.get("目标值"), by_metric.get("实际值")
        if target is None or actual is None or target.unit != actual.unit:
            continue
        weight, score = _weight_score(view, target, by_metric)
        before = view.text[max(target.start, target.num_start - 8):target.num_start]
        facts = list(by_metric.values())
        out.append(Indicator(name, target, actual, weight, score, bool(LOWER_IS_BETTER.search(before)),
                             min(f.start for f in facts), max(f.end for f in facts)))
    named = {i.name for i in out}
    return out + [i for i in prose_indicators(view) if i.name not in named]


def prose_indicators(view: ReportView) -> list[Indicator]:
    """Indicator sentences of the prose: a name, its target, its actual value, its weight and
    its score in one sentence; both figures in the same unit (or none)."""
    out = []
    for start, end in sentence_spans(view.text):
        m = INDICATOR_SENTENCE.search(view.text, start, end)
        if m is None or (m.group("tu") or "") != (m.group("au") or "") and m.group("au"):
            continue
        name = re.sub(r"^[\s\d（(）)、.．]+", "", m.group("name")).strip()
        unit = m.group("tu") or ""
        target = Stated(parse_number(m.group("t")), m.group("t") + unit, unit)
        actual = Stated(parse_number(m.group("a")), m.group("a") + (m.group("au") or ""), unit)
        out.append(Indicator(name, target, actual, float(m.group("w")), float(m.group("s")),
                             bool(LOWER_IS_BETTER.search(m.group("dir") or "")), start, end))
    return out


def _weight_score(view: ReportView, target, by_metric: dict) -> tuple[float | None, float | None]:
    weight = by_metric.get("分值")
    score = by_metric.get("得分")
    if weight is not None and score is not None and score.quote != weight.quote:
        return float(weight.value), float(score.value)
    text = target.quote  # prose: 权重 10 分，得 8.6 分
    w, s = WEIGHT.search(text), SCORE.search(text)
    return (float(w.group(1)) if w else None), (float(s.group(1)) if s else None)


