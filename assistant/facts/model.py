"""The facts data types."""

from __future__ import annotations

from dataclasses import asdict, dataclass

DEPARTMENT = "department"
PROJECT = "project"
INDICATOR = "indicator"


@dataclass(frozen=True)
class Fact:
    """One figure a report states, with the verbatim sentence it comes from."""

    metric: str  # canonical metric, e.g. 预算数, 执行率, 自评得分, 目标值
    scope: str  # department | project | indicator
    subject: str  # project or indicator name; "" for the department
    value: float | None  # normalised (money in 万元); None for text values such as grades
    unit: str  # canonical unit: 万元 % 分 人 个 (or "" for a grade)
    text_value: str  # the value as the report writes it, e.g. "4,144.86万元" or "优"
    raw: str  # verbatim original text of the number and its unit
    quote: str  # verbatim original sentence around it
    start: int  # original span of the quote
    end: int
    num_start: int  # original span of the number
    num_end: int
    section: str  # section path, " > " joined
    para: int  # paragraph number in the report (facts in one paragraph belong together)
    page: int = 1

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ListItem:
    """One item of a report's 存在的主要问题 or 改进措施 list."""

    kind: str  # problem | measure
    ord: int
    title: str  # the item's first sentence (its heading, when the report gives one)
    text: str  # the whole item, normalised
    quote: str  # verbatim original
    start: int
    end: int
    section: str
