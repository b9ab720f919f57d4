"""完整性: the parts the genre requires (missing, or a heading with nothing under it) and the
headline figures a report must state."""

from __future__ import annotations

import re

from assistant.ingest.structure import HEADING_PATTERNS
from assistant.review.source import ReportView
from assistant.review.types import COMPLETENESS, MUST, SUGGEST, Finding
from assistant.review.vocabulary import (
    DEPARTMENT_ONLY,
    EMPTY_BODY,
    FIGURE_NEAR,
    HEADLINE,
    IN_BODY,
    MIN_PARTS,
    OPTIONAL_PARTS,
    PROJECT_REPORT,
    REQUIRED_PARTS,
    parts_of,
)


def strip_marker(heading: str) -> str:
    text = heading.strip()
    for _, pattern in HEADING_PATTERNS:
        m = pattern.match(text)
        if m:
            text = text[m.end():]
            break
    return text.strip().rstrip("。：:；;，, ")


def is_project_report(view: ReportView) -> bool:
    head = view.title or view.text[:200]
    return bool(PROJECT_REPORT.search(head)) and "部门整体" not in head


def completeness(view: ReportView) -> list[Finding]:
    found = parts_found(view)
    if len(found) < MIN_PARTS:  # a form, an excerpt or a text without headings: its parts
        return []  # and headline figures cannot be judged against the genre's layout
    return _parts(view, found) + _headline(view)


def parts_found(view: ReportView) -> dict[str, list]:
    """The required parts the report's headings name, with their sections."""
    found: dict[str, list] = {}
    for section in view.sections:
        for part in parts_of(strip_marker(section.heading)):
            found.setdefault(part, []).append(section)
    return found


def _parts(view: ReportView, found: dict[str, list]) -> list[Finding]:
    out = []
    for part, names in REQUIRED_PARTS:
        sections = found.get(part, [])
        if not sections:
            if part in IN_BODY and IN_BODY[part].search(view.text):
                continue
            out.append(Finding(
                COMPLETENESS, SUGGEST if part in OPTIONAL_PARTS else MUST, "part_missing",
                f"报告缺少“{part}”部分：没有一个标题与之相近（如{'、'.join(names[:3])}）。",
                expected=f"按部门整体支出绩效自评报告的结构补写“{part}”部分。"))
        elif all(len(re.sub(r"\s", "", s.body)) < EMPTY_BODY for s in sections):
            s = sections[0]
            out.append(Finding(
                COMPLETENESS, MUST, "part_empty", f"“{part}”部分只有标题，没有实质内容。",
                (view.quote(s.start, s.end),), expected=f"在该标题下写明{part}的具体内容。"))
    return out


def _headline(view: ReportView) -> list[Finding]:
    metrics = {f.metric for f in view.facts if not f.period}
    project = is_project_report(view)
    missing = []
    for label, names, words in HEADLINE:
        if project and label in DEPARTMENT_ONLY:
            continue
        if metrics & set(names) or _stated(view.text, label, words):
            continue
        missing.append(label)
    if not missing:
        return []
    return [Finding(COMPLETENESS, SUGGEST if len(missing) < 3 else MUST, "figure_missing",
                    f"报告未披露以下主要数据：{'、'.join(missing)}。",
                    expected="在收支情况和自评结论中写明这些数据（金额、比率、得分和等级）。")]


def _stated(text: str, label: str, words: str) -> bool:
    if label == "自评等级":
        return bool(re.search(words, text))
    return bool(re.search(f"(?:{words}){FIGURE_NEAR}", text))
