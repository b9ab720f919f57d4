"""What a report section is about, read from its heading: the topics a question may ask a
section for (its problems, its next measures, its results), and the heading line shapes of any
numbering style (第一部分, 一、, （一）, 1., （1）, ①) that an outline is built from.

A heading names its topic by its head, the noun it ends with ("存在的主要问题", "问题及原因
分析", "下一步工作打算"), or by the words it opens with ("下一步…", "改进…"); a heading that
merely mentions a topic word inside a work item ("群众反映问题办理情况") is no such section.
"""

from __future__ import annotations

import re

from assistant.text.markers import CIRCLED, NUMERALS

# the head words of each topic: a section heading ends with one of them (optionally followed
# by a tail such as 及原因分析, 和建议), or opens with one of the leads
_TAIL = r"(?:(?:及|和|与|以及)?(?:其?原因|原因分析|分析|情况|说明)|(?:及|和|与|以及)\S{1,8})?[：:]?$"
TOPICS: dict[str, re.Pattern[str]] = {
    "problem": re.compile(rf"(?:问题|不足|短板|差距|薄弱环节|困难){_TAIL}|^(?:存在|主要)(?:的)?(?:问题|不足)"),
    "measure": re.compile(rf"(?:措施|建议|打算|思路|工作安排|工作计划|方向){_TAIL}"
                          r"|^(?:下一步|下一年度?|今后|改进|整改|后续)"),
    "result": re.compile(rf"(?:成效|成果|成绩|亮点|效果|完成情况|做法|经验|效益){_TAIL}"),
}
# words that make a heading of the topic the better one when several are (改进措施 before the
# 主要措施 a report took during the year)
PREFERRED: dict[str, re.Pattern[str]] = {
    "problem": re.compile(r"存在|问题|不足"),
    "measure": re.compile(r"改进|下一步|建议|整改|打算|今后|下一年|后续|方向"),
    "result": re.compile(r"成效|成果|成绩"),
}
# a question's words that ask for a topic's section (a text question: 成效 and the like)
ASKS_TOPIC: dict[str, re.Pattern[str]] = {
    "result": re.compile(r"成效|成果|成绩|亮点|主要做法|经验"),
}

# heading line shapes, each a style of its own (its depth in the outline comes from the order
# in which the styles first appear)
_CN = f"[{NUMERALS}]+"
HEADING_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^第\s*(?:{_CN}|\d+)\s*(?:部分|章|篇|节)\s*[、：:.．]?\s*")),
    ("cn", re.compile(rf"^{_CN}\s*[、．.]\s*")),
    ("cn_paren", re.compile(rf"^[（(]\s*{_CN}\s*[）)]\s*")),
    ("arabic", re.compile(r"^\d{1,2}\s*[、．.](?!\d)\s*")),
    ("arabic_paren", re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*")),
    ("circled", re.compile(rf"^{CIRCLED}\s*")),
)
# an item of a section's body: a numbered line, or 一是 opening it
ITEM_LINE = re.compile(
    rf"^(?:第\s*{_CN}\s*[、，,]|{_CN}\s*[、．.]|[（(]\s*(?:{_CN}|\d{{1,2}})\s*[）)]|\d{{1,2}}\s*[、．.](?!\d)"
    rf"|{CIRCLED}|{_CN}是)")
HEADING_MAX = 30  # a heading line's text beyond its marker
SENTENCE_MARK = re.compile(r"[。；;，,！？!?|\t]")  # a heading holds no clause (nor a table cell)
# closing matter after a report's last section: a date line, a signature
DATE_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*$")
