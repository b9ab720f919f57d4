"""The metric vocabulary: the words reports use, mapped to canonical metrics.

A term maps to a canonical metric and the kind of unit it takes. The extractor picks, for
each number, the term nearest before it (longest term when several end at the same place),
so specific terms ("项目支出支付率") win over general ones ("支付率").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.markers import SUBJECT_MARK
from assistant.text.numbers import (  # units and their kinds are text conventions
    CANONICAL_UNIT,
    COUNT,
    MONEY,
    PEOPLE,
    RATE,
    SCORE,
    TO_WAN,
    UNIT_FIGURE,
    UNIT_KIND,
    to_canonical,
    unit_kind,
)

__all__ = ["CANONICAL_UNIT", "COUNT", "MONEY", "NUMBER", "PEOPLE", "RATE", "SCORE", "TERMS",
           "TO_WAN", "UNIT_KIND", "Term", "subject_key", "to_canonical", "unit_kind"]


@dataclass(frozen=True)
class Term:
    text: str
    metric: str
    kind: str


def _terms(kind: str, table: dict[str, tuple[str, ...]]) -> list[Term]:
    return [Term(t, metric, kind) for metric, words in table.items() for t in words]


_MONEY = {
    "预算数": ("预算数", "全年预算数", "预算收入指标", "预算总额", "预算金额", "调整预算数",
             "预算安排", "批复预算", "调整后预算", "调整后预算数", "全年预算", "专项预算数", "预算为",
             "预算总金额"),
    # the budget first approved, before in-year adjustments: a different figure, not a conflict
    "年初预算数": ("年初预算数", "年初预算", "年初预算安排"),
    "收入": ("收入总额", "总收入", "财政资金收入", "部门收入", "收入合计", "本年收入", "全年收入"),
    "财政拨款收入": ("财政拨款收入",),
    "一般公共预算收入": ("一般公共预算收入", "一般公共预算财政拨款收入"),
    "其他收入": ("其他收入",),
    "支出": ("执行数", "实际执行数", "支出总额", "全年支出", "共支出", "总支出", "财政资金支出",
            "实际支出", "决算数", "支出合计", "本年支出", "支出数", "经费支出", "支出"),
    "基本支出": ("基本支出",),
    "项目支出": ("项目支出",),
    "财政拨款支出": ("一般公共预算财政拨款支出", "一般公共预算支出", "财政拨款支出"),
    "政府性基金支出": ("政府性基金预算财政拨款支出", "政府性基金预算支出", "政府性基金支出"),
    "国有资本经营支出": ("国有资本经营预算财政拨款支出", "国有资本经营预算支出"),
    "其他资金支出": ("其他资金支出",),
    "结转结余": ("年末结转和结余", "结转和结余", "结转结余", "年末结余", "结余资金"),
    "政府采购支出": ("政府采购支出总额", "政府采购支出", "政府采购金额", "采购支出总额"),
    "重点任务项目支出": ("重点任务项目经费支出", "重点任务项目支出", "重点项目支出"),
    "三公经费": ("三公经费", "“三公”经费", "\"三公\"经费", "三公经费支出"),
    "因公出国费": ("因公出国（境）费", "因公出国(境)费", "因公出国费", "出国（境）费"),
    "公务接待费": ("公务接待费",),
    "公务用车费": ("公务用车购置及运行费", "公务用车购置及运行维护费", "公务用车运行维护费",
               "公务用车购置费", "公务用车费"),
}
_RATE = {
    "执行率": ("执行率", "完成率", "支付率", "支出率", "完成预算的", "完成预算", "预算完成率",
            "预算执行率", "执行进度", "支出进度"),
    "项目支出执行率": ("项目支出支付率", "项目支出执行率", "项目支出完成率"),
    "基本支出执行率": ("基本支出支付率", "基本支出执行率", "基本支出完成率"),
    "收支比率": ("收支比率", "收支比"),
    "中小企业采购份额": ("预留采购份额", "采购份额", "中小企业份额"),
}
_SCORE = {
    "自评得分": ("自评得分", "绩效自评得分", "评价评分", "评价得分", "综合得分", "总得分", "自评分",
             "评分", "得分"),
    "分值": ("权重", "分值", "满分"),
}
_PEOPLE = {
    "在职人员": ("在职在编人员", "在职人员", "在编人员", "在职职工", "实有人数", "在职在编"),
    "编制数": ("编制数", "核定编制", "编制人数", "人员编制"),
    "退休人员": ("退休干部", "离退休人员", "退休人员", "离退休干部"),
    "自聘合同人员": ("自聘合同人员", "自聘人员", "编外人员"),
    "租赁合同人员": ("租赁合同人员",),
    "劳务派遣人员": ("劳务派遣人员",),
}
_COUNT_BEFORE = {
    "内设机构数": ("内设机构", "内设科室", "内设处室"),
    "下属事业单位数": ("下属事业单位", "所属事业单位", "直属事业单位"),
    "独立编制机构数": ("独立编制机构数", "独立编制机构"),
    "行政单位数": ("行政单位",),
    "关键指标数": ("关键指标",),
}
# "等9个科室", "10项关键指标": the noun after the count names it
_COUNT_AFTER = {
    "内设机构数": ("科室", "内设机构", "内设科室", "处室", "职能科室"),
    "下属事业单位数": ("下属事业单位", "事业单位"),
    "关键指标数": ("关键指标", "绩效指标"),
}

TERMS: list[Term] = (
    _terms(MONEY, _MONEY)
    + _terms(RATE, _RATE)
    + _terms(SCORE, _SCORE)
    + _terms(PEOPLE, _PEOPLE)
    + _terms(COUNT, _COUNT_BEFORE)
)
COUNT_AFTER: list[Term] = _terms(COUNT, _COUNT_AFTER)

# an expenditure class whose figure a bare rate right after it belongs to:
# "项目支出1719355.94元,执行率达47.72%" is the 项目支出执行率, not the department's
CLASS_RATE = {"基本支出": "基本支出执行率", "项目支出": "项目支出执行率"}

# Indicator columns and phrases
TARGET_WORDS = ("预期", "目标值", "目标", "计划", "指标值", "年度目标", "预计")
ACTUAL_WORDS = ("实际", "完成值", "实际值", "实际完成值", "全年实际", "完成情况")

# A number with its unit (what a figure looks like lives in text/numbers)
NUMBER = UNIT_FIGURE
GRADE = re.compile(
    r"(?:绩效评级|评价等级|自评等级|绩效等级|评价结果|评级|等级)(?:为|是|：|:)?\s*[“\"「]?"
    r"(?P<grade>优秀|优|良好|良|中等|中|合格|及格|差|不合格)"
)


SUBJECT_SUFFIXES = ("工作", "项目", "专项", "经费", "支出", "资金")


def subject_key(subject: str) -> str:
    """A matching key for project/indicator names: drop markers, quotes and generic suffixes."""
    key = SUBJECT_MARK.sub("", subject)
    key = re.sub(r"[“”\"'《》\s]", "", key)
    changed = True
    while changed:
        changed = False
        for suffix in SUBJECT_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                key = key[: -len(suffix)]
                changed = True
    return key
