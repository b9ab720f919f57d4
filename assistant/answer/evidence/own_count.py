"""A count asked of a department with nothing else named ("疾控现在有多少人？", "北塅站几个人？"):
the count that the library's reports most often state of a department as a whole in that
unit (for 人 that is its staff, 在职人员 — learnt from the facts of every report, not listed),
when the asked report states it: the sentence or table row that does, quoted.

The question must name nothing but the department and the count: any other word the library
writes (退休, 编制, 专业技术) names another item, and the nearest-passage search answers it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from assistant.answer.evidence.passages import Sentence
from assistant.index.records import FactRecord

MAJORITY = 0.5  # the metric must be stated by more than half the reports that state such a count


def usual_metric(unit: str, facts: Sequence[FactRecord]) -> str | None:
    """The metric of the department's own count in `unit` that most reports of the library
    state, when more than half of the reports stating any such count state it and no other
    metric is stated by as many."""
    own = [f for f in facts if f.unit == unit and f.scope == "department" and not f.period]
    reports = {f.report_id for f in own}
    by_metric = Counter(m for m, _ in {(f.metric, f.report_id) for f in own})
    if not by_metric:
        return None
    (metric, n), *rest = by_metric.most_common(2)
    if rest and rest[0][1] == n:
        return None  # two metrics as usual as each other (a small library): neither is
    return metric if n > MAJORITY * len(reports) else None


def own_count(unit: str, report_facts: Sequence[FactRecord], library_facts: Sequence[FactRecord]
              ) -> Sentence | None:
    """The asked report's statement of its own count in `unit` (see the module doc); None when
    the library shows no usual metric for it, or the report states none, or several values."""
    metric = usual_metric(unit, library_facts)
    if metric is None:
        return None
    stated = [f for f in report_facts if f.metric == metric and f.unit == unit
              and f.scope == "department" and not f.period]
    if not stated or len({f.value for f in stated}) != 1:
        return None
    f = stated[0]
    return Sentence(f.report_id, f.section, f.quote, f.quote, f.start, f.end, 0)
