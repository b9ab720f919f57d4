"""How a Chinese question asks, apart from what it asks about: its question words and the
unit of the quantity it wants (多少人 asks for a count of people, 花了多少钱 for money, 几成 for a
share of a target). The evidence stage's nearest-passage scoring strips the former and
requires the latter in the passage it quotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# words and characters that phrase a question, never what it is about (the longest first)
ASKING = re.compile(
    r"为什么|为何|怎么样|怎么|如何|多少|哪些|哪个|哪家|哪位|哪里|哪一|什么|是否|有没有|能否|可否"
    r"|是不是|到底|究竟|一共|总共|大概|请问|具体|情况|这篇|这份|那个|这个|那篇|报告里|报告中"
    r"|[吗呢吧啊呀么谁哪几了的]")
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# jieba's tags of words that name a thing, a number or its measure; x: a term the project adds
# to jieba's dictionary without a tag (政府采购, 在职人员), which names a thing of the reports
NAMING = frozenset("nmqx")

COUNT_UNIT_CHARS = "人个名项次家所台辆件场户处条篇套间座张本批期天分株棵亩吨"
NUMBER_WITH = r"[\d０-９一二两三四五六七八九十百千]+(?:\.\d+)?\s*"
# the unit after 多少/几 (几个人: 人, the measure 个 of people; 几个科: 个)
COUNT_ASKED = re.compile(rf"(?:多少|几)(?:个(?=人))?([{COUNT_UNIT_CHARS}])")
PEOPLE_ASKED = re.compile(r"人(?:多|少|数)|多少人")  # 哪个人多: a number of people
MONEY_ASKED = re.compile(r"钱|(?:支出|预算|经费|资金|金额|投入|拨款|执行数?)(?:了|是|为)?多少"
                         r"|多少[^，。？?]{0,6}?(?:万|资金|经费|金额|费)")
MONEY_WORD = re.compile(r"钱|经费|资金|金额|预算|支出|投入|拨款|费用|补助|补贴|收入")
RATE_ASKED = re.compile(r"率|比重|占比")
SCORE_ASKED = re.compile(r"得分|总分|分数|分值")
HOW_MUCH = re.compile(r"多少|几|啥")
# the role of an amount a question asks (its budget, what was spent …), and the words a
# sentence stating that role's figure writes (安排 is a budget; 执行 is what was spent)
ROLE_KIN = {"预算": ("预算", "安排", "下达"), "支出": ("支出", "执行", "使用", "花"),
            "执行": ("执行", "支出", "使用"), "收入": ("收入",), "结转": ("结转",), "结余": ("结余",)}
ROLE_ASKED = re.compile("|".join(ROLE_KIN))
SHARE_ASKED = re.compile(r"几成|百分之几|完成率|完成比例|多大比例|占比|比例")
MONEY_FIGURE = re.compile(r"\d\s*(?:亿元|万元|千元|元)")
SHARE_FIGURE = re.compile(r"\d\s*[%％]|\d\s*成")
FIGURE_UNIT = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(亿元|万元|千元|元|[%％]|分钟|小时|秒|公里|平方米|["
                         + COUNT_UNIT_CHARS + r"])")


def asked_unit(question: str) -> Callable[[str], bool] | None:
    """A test of whether a text states a figure of the unit the question asks for (多少人: a
    number of 人; 花了多少钱, 补助经费发了多少: an amount; 几成: a share, or two figures of one
    unit — a target and what was done; 执行率是多少: a percentage; 得分多少: points), or None
    when the question names no unit."""
    if SHARE_ASKED.search(question):
        return lambda text: bool(SHARE_FIGURE.search(text)) or _two_of_one_unit(text)
    m = COUNT_ASKED.search(question)
    unit = m.group(1) if m else ("人" if PEOPLE_ASKED.search(question) else "")
    if unit:
        pattern = re.compile(NUMBER_WITH + re.escape(unit))
        return lambda text: bool(pattern.search(text))
    if not HOW_MUCH.search(question) and not MONEY_ASKED.search(question):
        return None
    if RATE_ASKED.search(question):
        return lambda text: bool(SHARE_FIGURE.search(text))
    if SCORE_ASKED.search(question):
        return lambda text: bool(re.search(r"\d\s*分", text))
    if MONEY_ASKED.search(question) or MONEY_WORD.search(question):
        return lambda text: bool(MONEY_FIGURE.search(text))
    return None


def asked_role(question: str) -> tuple[str, ...]:
    """The words of the role of the amount the question asks (预算: 预算, 安排, 下达), by the
    last role word it writes; () when it names none or asks a rate."""
    if RATE_ASKED.search(question):
        return ()
    found = ROLE_ASKED.findall(question)
    return ROLE_KIN[found[-1]] if found else ()


def _two_of_one_unit(text: str) -> bool:
    units = [u for _, u in unit_figures(text)]
    return any(units.count(u) >= 2 for u in set(units))


def content_runs(question: str, names: tuple[str, ...] = ()) -> list[str]:
    """The runs of Chinese characters that say what the question is about: the question
    without the names given (the asked department's), its question words and punctuation."""
    text = question
    for name in sorted(names, key=len, reverse=True):
        if name:
            text = text.replace(name, " ")
    text = ASKING.sub(" ", text)
    return [r for r in HAN_RUN.findall(text) if len(r) >= 2]


def asked_count(question: str) -> tuple[str, str]:
    """The unit of the count a question asks (几个人, 多少人 → 人; 多少项 → 项) and the question
    without that phrase; ("", question) when it asks no count."""
    m = COUNT_ASKED.search(question)
    if m is None:
        return "", question
    return m.group(1), question[:m.start()] + " " + question[m.end():]


def without_phrasing(runs: list[str], written: Callable[[str], bool]) -> list[str]:
    """The runs without the asker's own phrasing: the words (jieba's cut) that no report of
    the library writes (`written`), that name no thing and qualify none — 现在, 够不够, 叫,
    上班, 花. A noun the library never writes (人头费, 巡山) still names what is asked, and so
    does a measure (个); a word before a noun qualifies it (离休人员: which staff), and stays.
    What is left is cut again into runs of two characters or more."""
    import jieba.posseg as pseg

    out: list[str] = []
    for run in runs:
        words = list(pseg.cut(run))
        kept = "".join(
            w if written(w) or flag[:1] in NAMING
            or (i + 1 < len(words) and words[i + 1].flag[:1] == "n") else " "
            for i, (w, flag) in enumerate(words))
        out += [r for r in HAN_RUN.findall(kept) if len(r) >= 2]
    return out


def item_words(runs: list[str]) -> list[str]:
    """The words of two characters or more (jieba's cut) of the runs: what names the item."""
    import jieba.posseg as pseg

    return [w for run in runs for w, _ in pseg.cut(run) if len(w) >= 2]


def names_nothing(text: str, written: Callable[[str], bool]) -> bool:
    """Whether a text's content runs name nothing: each of their words (jieba's cut) is the
    asker's phrasing (see `without_phrasing`) or a single character that is no noun (有, 都);
    a word the library writes (退休) or any noun (科) names an item."""
    import jieba.posseg as pseg

    for run in HAN_RUN.findall(ASKING.sub(" ", text)):
        for w, flag in pseg.cut(run):
            if flag[:1] in NAMING or (len(w) > 1 and written(w)):
                return False
    return True


def unit_figures(text: str) -> list[tuple[float, str]]:
    """The figures of a text with their units, in order (6套 → (6.0, "套"))."""
    out: list[tuple[float, str]] = []
    for m in FIGURE_UNIT.finditer(text):
        try:
            out.append((float(m.group(1).replace(",", "").replace("，", "")), m.group(2)))
        except ValueError:
            continue
    return out
