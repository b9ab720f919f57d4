"""How Chinese report text marks its structure: sentence ends, headings (一、 （一） 1. （1）),
list markers (一是 ① 1、), page marks and labels. The one place that knows what they look
like; ingest, facts, answering and drafting import them from here.

Several patterns below look alike on purpose: each answers a different question (is this
line a level-2 heading? does this paragraph open with an item marker? where does an inline
enumeration start?). They are kept apart, side by side, so that a change to one convention
is a change in one file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

# sentences -----------------------------------------------------------------------------------
SENTENCE_ENDS = "。；;！？!?"
# evidence sentences of the retrieval route have always been cut without the ASCII ";"
# (cutting there too changes answers on the dev reports, so it stays a parameter)
PASSAGE_SENTENCE_ENDS = "。；！？!?"
# what a draft's point-writer treats as a sentence end (no ASCII ! and ?)
DRAFT_SENTENCE_ENDS = "。！？；;"


@lru_cache(maxsize=16)
def sentence_pattern(ends: str = SENTENCE_ENDS, lines: bool = True, bare: bool = False) -> re.Pattern[str]:
    """A sentence: text up to and including one of `ends` (or to the end of the text). With
    `lines`, a line break ends a sentence too (and is not part of it). With `bare`, an end
    mark standing alone ("。。") is a sentence of its own; otherwise a sentence has text."""
    stop = ends + ("\n" if lines else "")
    return re.compile(rf"[^{stop}]{'*' if bare else '+'}[{ends}]|[^{stop}]+")


def sentence_spans(text: str, start: int = 0, end: int | None = None, *, ends: str = SENTENCE_ENDS,
                   lines: bool = True, bare: bool = False) -> Iterator[tuple[int, int]]:
    """The [start, end) spans of the sentences of text[start:end], offsets into `text`."""
    pattern = sentence_pattern(ends, lines, bare)
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        yield m.start(), m.end()


def sentences(text: str, *, ends: str = SENTENCE_ENDS, lines: bool = True, bare: bool = False) -> list[str]:
    """The sentences of a text, stripped, empty ones dropped."""
    pattern = sentence_pattern(ends, lines, bare)
    return [s for s in (m.group().strip() for m in pattern.finditer(text)) if s]


# where an excerpt may end (the last of these before its limit)
EXCERPT_ENDS = "。；;！？"
# the end of an item's first sentence (its title)
ITEM_TITLE_END = re.compile(r"[。；;]")
# the separators of the items of a list written in one line (gold answers, 、-lists)
LIST_SEPARATORS = re.compile(r"[；;。，,、\n]")
# names listed in a sentence, three or more joined by 、 (the last may follow 和/及/以及):
# 设办公室、财务股、业务股和综合股
NAME_LIST = re.compile(r"[\u4e00-\u9fff（）()“”]{2,24}(?:、[\u4e00-\u9fff（）()“”]{2,24}){1,}"
                       r"(?:(?:、|和|及|以及)[\u4e00-\u9fff（）()“”]{2,24})")
# clause ends before which a list marker opens an item
CLAUSE_ENDS = "\n。；;：:，"
# words that give a cause or an effect (a problem's why: 由于…，导致…；受疫情影响…)
CAUSE_WORDS = re.compile(r"由于|因为|因素|原因|受[^，。；]{0,12}影响|导致|造成|致使|以致|使得|影响了")
# a clause that says what the clause before it brought about (……维护资金不足，影响设备完好率):
# the clause before is a cause
EFFECT_AFTER = re.compile(r"[，,](?:进而|从而|并)?(?:影响|制约|拖累)(?!因素)")

# headings and list markers -----------------------------------------------------------------------
# the pieces every marker below is made of
NUMERALS = "一二三四五六七八九十"  # what headings and list markers count with


def _cn(times: str = "+") -> str:
    """Chinese ordinal numerals, `times` of them (a regex quantifier)."""
    return f"[{NUMERALS}]{times}"


_OPEN, _CLOSE = "[（(]", "[）)]"
_ORDINAL = rf"[{NUMERALS}\d]"  # a Chinese or Arabic ordinal character
_DOT = "[、．.]"  # the mark after an ordinal: 一、 1. 1．
CN_COMMA = f"{_cn()}{_DOT}"  # 一、
CN_PART = f"第{_cn('{1,3}')}(?:部分|章)"  # 第一部分: a top-level part, as 一、 is
CN_PAREN = f"{_OPEN}{_cn()}{_CLOSE}"  # （一）
ARABIC_POINT = rf"\d{{1,2}}\s*{_DOT}(?!\d)"  # 1. 1、 (not 1.5)
ARABIC_PAREN = rf"{_OPEN}\d{{1,2}}{_CLOSE}"  # （1）
CN_IS = f"{_cn()}是"  # 一是
CIRCLED = "[①②③④⑤⑥⑦⑧⑨⑩]"  # ①

# 一、 / （一） / 1. 1、 / （1）: the marker that opens a heading of each level
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^(?:{CN_COMMA}|{CN_PART}[、：:.．]?)[\s　]*")),
    (2, re.compile(rf"^{CN_PAREN}\s*")),
    (3, re.compile(rf"^{ARABIC_POINT}\s*")),
    (4, re.compile(rf"^{ARABIC_PAREN}\s*")),
)
MAX_HEADING = {1: 30, 2: 40, 3: 32, 4: 32}  # longer lines are sentences, not headings
HEADING_CLAUSE = re.compile(r"[，。；;,]")  # a heading holds no clause punctuation
WRAPPED_HEADING_CLAUSE = re.compile(r"[，。；]")  # (as the line-joiner checks a heading line)
# a line that starts a new block when normalising: a heading or a list item marker
BLOCK_START = re.compile(
    rf"^\s*(?:{CN_COMMA}|{CN_PART}|{CN_PAREN}|{ARABIC_POINT}|{ARABIC_PAREN}|{CN_IS}|{CIRCLED}|附件)")
# a heading or a title line: short, no closing punctuation (signposts, not answers)
HEADING_LIKE = re.compile(r"^[^。；！？!?：:]{1,45}$")
# the marker of a numbered heading: 一、 （一） (1) 1.
HEADING_MARK = re.compile(
    rf"^(?:{_cn('{1,3}')}{_DOT}|{CN_PART}[、：:.．]?[\s　]*|{_OPEN}{_ORDINAL}{{1,3}}{_CLOSE}|\d{{1,2}}{_DOT})")
# a level-1 heading line as a model may repeat it at the top of a draft: 一、标题
TOP_HEADING_LINE = re.compile(rf"^{_cn()}、\S{{2,20}}$")
# a heading numbered with Arabic digits: 1、 (1) （2）
NUMBERED_HEADING = re.compile(rf"^{_OPEN}?\d{{1,2}}[）)、.．]")
NUMBERED_HEADING_MARK = re.compile(rf"^{_OPEN}?\d{{1,2}}[）)、.．]\s*")
ATTACHMENT_LINE = re.compile(r"^附件\s*\d*$")  # "附件 2" above a title
ATTACHMENT_MARK = re.compile(r"^附件\s*\d*")
PAGE_MARK = re.compile(r"^\s*(?:[—–\-－]+\s*\d{1,4}\s*[—–\-－]+|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4})\s*$")
# "机关饭堂工作：" opening a labelled paragraph
LABEL_START = re.compile(r"^[^，。；：:、“”\d]{2,20}[：:]")
# a label after an optional marker: "（1）收文处理率：…" -> name 收文处理率
LABEL = re.compile(
    rf"^(?:{_OPEN}?{_ORDINAL}{{1,3}}[）)、.．]\s*)?(?P<name>[^，。；：:]{{2,30}}?)[：:]")

ENUM = re.compile(CN_IS)  # 一是 二是 …
# an inline enumeration: 一是…；二是… (after a clause end or at the start)
INLINE_ENUM = re.compile(rf"(?:^|(?<=[。；;，,：:]))\s*({_cn('{1,2}')})是")
# list markers that open an item of a report section: 1. 1、 （1） (1) （一） ①
ITEM_START = re.compile(
    rf"^(?:{ARABIC_POINT}|{ARABIC_PAREN}|{_OPEN}{_cn('{1,3}')}{_CLOSE}|{CIRCLED})\s*")
# markers of the items of a problems/measures list, anywhere in its body
ITEM_MARK = re.compile(
    rf"(?:{CN_IS}|{_OPEN}{_ORDINAL}{{1,3}}{_CLOSE}|(?<![\d.])\d{{1,2}}{_DOT}(?!\d))")
# a point of a draft body: （一） 一是 1. （1）
POINT_START = re.compile(
    rf"^\s*(?:{_OPEN}{_cn('{1,3}')}{_CLOSE}|{_cn('{1,3}')}是|{ARABIC_POINT}|{ARABIC_PAREN})\s*")
# the lead of a statement taken from a report: 一是 （一）
STATEMENT_LEAD = re.compile(rf"^(?:{_cn('{1,2}')}是|{_OPEN}{_cn('{1,3}')}{_CLOSE})\s*")
# a marker before a quoted item or subject: 一是 （1） 1.
LEADING_MARK = re.compile(rf"^(?:{CN_IS}|{_OPEN}{_ORDINAL}+{_CLOSE}|\d+{_DOT})")
# a marker before a project or indicator name (the closing bracket may be missing); a Chinese
# numeral with nothing after it is part of the name (三公经费, 一般公共预算, 十大工程)
SUBJECT_MARK = re.compile(rf"^(?:{_OPEN}{_ORDINAL}+[）)、.．]?|{_ORDINAL}+[）)、.．]|\d+)")
# list markers and sequence words an answer may open its items with (scoring)
ANSWER_ITEM_MARKS = re.compile(
    rf"^(?:{CN_IS}|{_OPEN}{_ORDINAL}+{_CLOSE}|{_cn()}[、.]|\d{{1,2}}[、.](?!\d)|{CIRCLED}"
    r"|首先|其次|再次|最后|此外|另外)+")
# a small count in an instruction: 三点, 5条, 两个方面
SMALL_COUNT = r"([一二三四五六七八九十两\d]{1,3})"


# a web site's own line: a breadcrumb (首页 > 信息公开 > …) or the site's name
_CHROME = r"^[^。，；]{0,40}[>＞»›][^。，；]{0,40}[>＞»›]|^\s*[^。，；\s]{0,30}(?:门户网站|政府网站)\s*$"
CHROME_LINE = re.compile(_CHROME)
# the line that opens each sheet of a workbook in its text (the Excel loader writes it): a new
# sheet is a new form, and the line is never a report's title
SHEET_LINE_LEAD = "工作表："
# lines above a report's title that are not the report: web-page chrome, the metadata block
# of a government site (索引号/发布机构/文号/发布日期 …), form numbers, file names, share notes,
# a workbook's sheet line
_ISSUE = (r"^\s*[^。，；\s]{0,30}(?:公报|报|刊|简报|通讯|专刊)\s*(?:(?:19|20)\d{2}\s*年)?\s*"
          r"第\s*[\d一二三四五六七八九十]+\s*期|总第\s*\d+\s*期"
          r"|^\s*(?:(?:19|20)\d{2}\s*年\s*)?第\s*[\d一二三四五六七八九十]+\s*期\s*$")
PAGE_NOISE = re.compile(
    r"^[•·●▪◆■\-\s]*(?:工作表：|索引号|发布机构|发文机关|发布日期|成文日期|公开目录|公开方式|文号|浏览量|"
    r"浏览次数|主题词|主题分类|信息来源|来源[:：]|字号|报表编号|表号|打印|关闭|无障碍|适老化|"
    r"登录|注册|首页|当前位置|您当前的位置|分享到)"
    r"|\.(?:docx?|pdf|xlsx?|wps|txt|html?)\s*[)）]?$"
    r"|由会员分享|在线阅读|请在.{0,12}搜索"
    rf"|{_CHROME}|^[•·●▪◆■]"
    # any field whose value is a date (发布时间：2024-06-12, 更新日期: 2024年6月12日) is metadata
    r"|^[^：:，。；\s]{1,8}[:：]\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}"
    r"|^[|\s]*$"
    # a gazette's or bulletin's issue header (某某公报 2025年第4期（总第216期）): the publication,
    # not the report printed in it
    rf"|{_ISSUE}",
)
# a cover notice that publishes a report (关于印发《X》的通知): the report's title is X
COVER_NOTICE = re.compile(r"关于(?:印发|转发|公布|公开|报送|上报)[《“\"]?(?P<inner>.+?)[》”\"]?"
                          r"(?:的(?:通知|函|公告|公示)|$)")
# words that name the genre of a report or form; a title line carries one of them
TITLE_GENRE = re.compile(r"报告|自评表|评价表|评价报告")
# a list ordinal a flattened page puts before its first line ("1、…")
LEADING_ORDINAL = re.compile(r"^\s*\d{1,2}[、.．]\s*")
# fields of a form or table that name the department the report is about, most specific first
DEPARTMENT_FIELDS = ("部门(单位)名称", "部门（单位）名称", "单位名称", "部门名称", "预算单位名称",
                     "实施单位", "预算单位", "主管部门", "发布机构")
