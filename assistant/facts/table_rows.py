"""Facts from table rows written as "列名：值；列名：值" (the loaders' form for .docx and pipe
tables), so indicator and project tables in other layouts are read by their headers."""

from __future__ import annotations

import re

from assistant.facts.model import DEPARTMENT, INDICATOR, PROJECT, Fact
from assistant.facts.vocabulary import TERMS
from assistant.ingest.normalise import NormText
from assistant.text.numbers import CELL_FIGURE as CELL_NUMBER
from assistant.text.numbers import HEADER_UNIT, parse_number, to_canonical

PAIR = re.compile(r"(?P<key>[^：:；;]{1,24})[：:](?P<value>[^；;]*)")

NAME_COLUMNS = (
    (INDICATOR, ("三级指标", "指标名称", "绩效指标", "二级指标", "指标")),
    (PROJECT, ("项目名称", "项目")),
    (DEPARTMENT, ("科目", "类别", "名称", "内容")),
)
# column header words -> metric (for indicator and project rows)
COLUMN_METRICS = (
    ("实际完成值", "实际值"), ("实际值", "实际值"), ("完成值", "实际值"), ("实际完成", "实际值"),
    ("年度指标值", "目标值"), ("目标值", "目标值"), ("指标值", "目标值"), ("年度目标", "目标值"),
    ("预期", "目标值"), ("分值", "分值"), ("权重", "分值"), ("得分", "得分"),
    ("执行率", "执行率"), ("完成率", "执行率"), ("预算数", "预算数"), ("年初预算", "预算数"),
    ("全年预算", "预算数"), ("执行数", "支出"), ("决算数", "支出"), ("实际支出", "支出"),
    ("支出", "支出"), ("金额", "支出"),
)
DEFAULT_UNIT = {"分值": "分", "得分": "分", "执行率": "%"}


def split_row(line: str) -> list[tuple[str, str]]:
    """The (header, value) pairs of a table-row line, or [] when the line is prose."""
    if "；" not in line and ";" not in line:
        return []
    pairs = []
    for part in re.split(r"[；;]", line.strip().rstrip("。")):
        if not part.strip():
            continue
        m = PAIR.fullmatch(part.strip())
        if not m or re.search(r"[，。,]", m.group("key")):
            return []
        pairs.append((m.group("key").strip(), m.group("value").strip()))
    return pairs if len(pairs) >= 2 else []


def row_facts(line: str, offset: int, norm: NormText, section: str, index: int) -> list[Fact]:
    """Facts of one table row; `offset` is the row's start in the normalised text."""
    pairs = split_row(line)
    scope, subject, name_key = _row_subject(pairs)
    if not scope:
        return []
    term = None
    if scope == DEPARTMENT:
        term = _row_term(subject)
        if term is None:
            return []
    facts = []
    for key, value in pairs:
        if key == name_key:
            continue
        metric = _column_metric(key, scope, term)
        if metric is None:
            continue
        cell = CELL_NUMBER.search(value)
        if not cell:
            continue
        unit = cell.group("unit") or _header_unit(key) or DEFAULT_UNIT.get(metric, "")
        if not unit:
            continue
        facts.append(_row_fact(line, offset, norm, section, index, scope, subject, metric,
                               key, value, cell, unit))
    return facts


def _column_metric(key: str, scope: str, term) -> str | None:
    """The metric a column of the row gives, or None: for indicator and project rows the
    metric its header names; for a department row the row's term, from a spending column
    only."""
    column = next((metric for word, metric in COLUMN_METRICS if word in key), "")
    if not column:
        return None
    if scope == DEPARTMENT:
        return term.metric if column == "支出" else None
    return column


def _row_subject(pairs: list[tuple[str, str]]) -> tuple[str, str, str]:
    for scope, names in NAME_COLUMNS:
        for name in names:  # most specific header first: 三级指标 before 指标
            for key, value in pairs:
                if name in key and value and not CELL_NUMBER.fullmatch(value):
                    return scope, value, key
    return "", "", ""


def _row_term(label: str):
    hits = [t for t in TERMS if t.kind == "money" and t.text == label]
    return hits[0] if hits else None


def _header_unit(key: str) -> str:
    m = HEADER_UNIT.search(key)
    return m.group(1) if m else ""


def _row_fact(
    line: str, offset: int, norm: NormText, section: str, index: int, scope: str,
    subject: str, metric: str, key: str, value: str, cell: re.Match, unit: str,
) -> Fact:
    number = parse_number(cell.group("num"))
    canonical_value, canonical_unit = to_canonical(number, unit)
    pos = line.find(f"{key}：{value}") if f"{key}：{value}" in line else line.find(value)
    cell_start = offset + max(pos, 0) + (len(key) + 1 if f"{key}：{value}" in line else 0)
    cell_start += cell.start()
    n_start, n_end = norm.original_span(cell_start, cell_start + len(cell.group()))
    start, end = norm.original_span(offset, offset + len(line))
    return Fact(
        metric=metric, scope=scope, subject=subject, value=canonical_value,
        unit=canonical_unit, text_value=f"{cell.group('num')}{unit}",
        raw=norm.original[n_start:n_end], quote=norm.original[start:end], start=start,
        end=end, num_start=n_start, num_end=n_end, section=section, para=index,
    )
