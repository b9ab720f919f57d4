"""The facts data types."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# Whose figure a fact is (its scope). A closed set: every fact is one of these, and only a
# DEPARTMENT fact of the CURRENT period is a figure of the department as a whole.
DEPARTMENT = "department"  # the department (or unit) the report is about, as a whole
PROJECT = "project"  # a project or special fund (《…》, “…”项目, …项目, …专项, …经费)
INDICATOR = "indicator"  # a performance indicator (收文处理率, 任务完成率 …)
SOURCE = "source"  # a funding source: 一般公共预算财政拨款, 政府性基金, 上年结转, 事业收入 …
CLASS = "class"  # an expenditure class named as the subject of another metric: 基本支出的预算数
ITEM = "item"  # a spending item: 三公经费 and its parts, 会议费, 培训费 …
UNIT = "unit"  # a sub-unit: 下属/所属/二级单位 …
# a figure whose subject the report does not make clear (a bare 全年预算 under a 重点项目
# heading, a weaker second candidate for a department figure): never the department's
UNRESOLVED = "unresolved"
SCOPES = (DEPARTMENT, PROJECT, INDICATOR, SOURCE, CLASS, ITEM, UNIT, UNRESOLVED)
# how a reader names each scope
SCOPE_NAMES = {DEPARTMENT: "部门整体", PROJECT: "项目", INDICATOR: "指标", SOURCE: "资金来源",
               CLASS: "支出类别", ITEM: "支出事项", UNIT: "下属单位",
               UNRESOLVED: "主体未明"}

# When a figure holds (its period). "" is the report's own year as finally stated (全年 and
# 调整后 figures are that year's figures); 年初 is the budget first approved, before in-year
# adjustments; 上年 is the year before, unnamed; "2022年" is another year the text names. A fact
# of another period carries it in its metric too (年初预算数, 上年支出, 2022年预算数), so that a
# reader of the metric alone never takes it for the current figure (the checks compare like
# with like, the facts route answers 支出 with this year's 支出).
CURRENT = ""
INITIAL = "年初"
LAST_YEAR = "上年"

# the department's headline metrics: only a department fact of the current period holds them
HEADLINE_METRICS = ("预算数", "支出", "执行率", "基本支出", "项目支出", "收入")


# What a figure states (its role). An actual level is filed under its metric; a target (不低于95%,
# 力争达到100%) under the metric with 目标 after it (执行率目标), a change (调减45万元, 较上年增加…)
# under …增加额 / …减少额 / …增幅 / …降幅, a share (占…的70%) under …占比 — so that no target,
# change or share is ever read as the level of a headline metric.
ACTUAL = ""
TARGET = "目标"


def role_metric(metric: str, role: str) -> str:
    """The metric a figure of `role` is filed under: 执行率 as a target -> 执行率目标."""
    if not role or metric.endswith(role):
        return metric
    return f"{metric}{role}"


def period_metric(metric: str, period: str) -> str:
    """The metric a fact of `period` is filed under: 预算数 of 年初 -> 年初预算数, 支出 of 上年 ->
    上年支出; the current period's metric is itself."""
    if not period or metric.startswith(period):
        return metric
    return f"{period}{metric}"


@dataclass(frozen=True)
class Fact:
    """One figure a report states, with the verbatim sentence it comes from."""

    metric: str  # canonical metric, e.g. 预算数, 执行率, 自评得分, 目标值
    scope: str  # one of SCOPES: department | project | indicator | source | class | item | unit
    subject: str  # the project's, source's … name; "" for the department
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
    period: str = ""  # CURRENT (""), INITIAL (年初), LAST_YEAR (上年) or a named year (2022年)

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
