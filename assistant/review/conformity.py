"""规范性: measures that say neither when nor who, problems written as boilerplate (no item,
no figure)."""

from __future__ import annotations

import re

from assistant.review.reasonableness import substantive
from assistant.review.source import ReportView
from assistant.review.types import CONFORMITY, SUGGEST, Finding
from assistant.review.vocabulary import BOILERPLATE_LEN, OWNER, SPECIFIC, TIME


def conformity(view: ReportView) -> list[Finding]:
    return _vague_measures(view) + _boilerplate_problems(view)


def _vague_measures(view: ReportView) -> list[Finding]:
    measures = substantive(view, "measure")
    vague = [m for m in measures if not TIME.search(m.text) and not OWNER.search(m.text)]
    if not vague:
        return []
    return [Finding(CONFORMITY, SUGGEST, "measure_without_time_owner",
                    f"{len(vague)} 条改进措施未写明完成时限和责任主体。",
                    tuple(view.quote(m.start, m.end, section=m.section) for m in vague),
                    "每条改进措施写明完成时限和责任科室（单位）。")]


def _boilerplate_problems(view: ReportView) -> list[Finding]:
    problems = substantive(view, "problem")
    vague = [p for p in problems if not SPECIFIC.search(_body(p.text))
             and len(re.sub(r"\s", "", _body(p.text))) < BOILERPLATE_LEN]
    if not vague:
        return []
    return [Finding(CONFORMITY, SUGGEST, "boilerplate_problem",
                    f"{len(vague)} 条问题表述笼统，未指明具体事项或数据。",
                    tuple(view.quote(p.start, p.end, section=p.section) for p in vague),
                    "问题应指明具体项目、指标或数据，并分析原因。")]


def _body(text: str) -> str:
    """An item's text without its leading ordinal (（一）, 1.)."""
    return re.sub(r"^\s*[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*", "", text)
