"""Everyday wording of a question, read in the report's own register before the question is
understood (the way `question.gloss` reads an English question): 花了多少钱 → 支出多少, 钱花出去
了百分之多少 → 执行率是多少, 毛病 → 问题.

One canonical table, every entry genre-general: the everyday way anyone asks about any
department's money, score or faults, naming no department, project or figure. What a report
calls a thing (its metric terms) is the facts vocabulary's; this table only says which of
those terms a plain word asks for.
"""

from __future__ import annotations

import re

REGISTER: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    # the money of an expenditure class or of the whole: 项目上的钱 is its 支出
    (r"(项目|基本|整体)(?:上|方面)?的钱", r"\1支出"),
    # the share of the money spent is the execution rate (钱花出去了百分之多少, 花了几成)
    (r"钱?花(?:出去|掉)?了?(?:百分之(?:多少|几)|几成)", "执行率是多少"),
    # spending: 花了多少钱, 花钱, 花得多, 花出去的
    (r"花(?:了|掉了?|出去了?)?多少钱?", "支出多少"),
    (r"花钱|花得|花销|花出去的?", "支出"),
    # money coming in: 收进来多少, 进账
    (r"收进来了?|进账", "收入总额"),
    # the budget as first approved: 一开始给了多少预算, 最初安排的预算
    (r"(?:一开始|刚开始|开始时|最初|起初|年初时?)(?:给|批|定|安排|下达)?了?(多少)?的?预算", r"年初预算\1"),
    # a level's own body: 市里农业局 is the 市's 农业局, 县里的 the 县's
    (r"(?<![\u4e00-\u9fff])(市|区|县)里的?(?=[\u4e00-\u9fff])", r"\1"),
    # a budget raised during the year
    (r"追加了?多少钱?", "调增了多少"),
    # a score: 拿了几分, 打了多少分
    (r"(?:拿|打)了?(?:几|多少)分", "得了多少分"),
    # a target: 原本定的目标
    (r"(?:原本|原来|当初)?定的目标", "预期目标"),
    # ranks, sums, shares in plain words
    (r"垫底|倒数第一", "最低"),
    (r"加(?:一块儿?|在一起|到一起)", "加起来"),
    (r"百分之几", "百分之多少"),
    # the two classes of spending, and of basic spending, named by their first word when
    # named together: 基本加项目, 人员和公用
    (r"基本(?=(?:加上?|和|与|及|、|\+)项目)", "基本支出"),
    (r"(?<=基本支出)(加上?|和|与|及|、|\+)项目(?!支出)", r"\1项目支出"),
    (r"人员(?=(?:加上?|和|与|及|、|\+)公用)", "人员经费"),
    (r"(?<=人员经费)(加上?|和|与|及|、|\+)公用(?!经费)", r"\1公用经费"),
    # 三公 alone is the everyday name of the 三公经费 (not inside its quoted form “三公”经费)
    (r"(?<![“\"])三公(?![经”\"])", "三公经费"),
    # faults and why
    (r"毛病|短板", "问题"),
    (r"为啥|咋(?=没|不)", "为什么"),
    (r"啥", "什么"),
))


# a year written with its last two digits (24年, 23、24两年): a report's year in this century;
# not a count of years (近3年, 前两年, 连续5年, 第10年, 满25年以上), a span or an age (10年来,
# 80年代, 3年级, 5年龄, 3年期, 10年限, 3年内)
_YY = r"(?:1[5-9]|2\d|3[0-5])"
SHORT_YEAR = re.compile(rf"(?<![\d.,，:：近前后满第每共续去余])({_YY})"
                        rf"(?=(?:[、和与至到-]{_YY})*(?:两|三)?年(?!来|以来|代|级|龄|期|限|内|间|以上|左右))")
# a year in a list that writes 年 once (2023、2024年): each year with its 年
YEAR_IN_LIST = re.compile(r"((?<!\d)20\d{2})(?=[、和与至到-]20\d{2}|[两三]年)")


def full_years(text: str) -> str:
    """`text` with each two-digit year written in full (24年 → 2024年, 23、24两年 → 2023年、
    2024年两年), and each year of a list that writes 年 once given its own."""
    return YEAR_IN_LIST.sub(r"\1年", SHORT_YEAR.sub(r"20\1", text))


def plain(text: str) -> str:
    """`text` with its everyday wording replaced by the report's register, a two-digit year
    written in full (24年 → 2024年)."""
    for pattern, report_words in REGISTER:
        text = pattern.sub(report_words, text)
    return full_years(text)
