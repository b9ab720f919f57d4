"""Table text: the column headers of 绩效自评 tables and what their cells hold.

Tables reach jixiao in many shapes (real grids, pipe rows, one cell per line, glued OCR
text). Whatever the shape, a table is recognised by its header vocabulary, and a cell is
placed in a column by what it holds: a name, an amount, a rate, a score, a free text. This
module knows the words; `ingest.tables.find` finds the tables, `facts.table_facts` reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# what a column holds
NAME = "name"  # a row label: an indicator, a project, a funding source, a class of spending
MONEY = "money"
RATE = "rate"
SCORE = "score"  # 分值 / 权重 / 得分
VALUE = "value"  # an indicator's target or actual: a number, a rate or a word (完成)
TEXT = "text"  # free text: criteria, reasons, units, signs


@dataclass(frozen=True)
class Header:
    word: str
    kind: str
    level: int = 0  # an indicator name column: 1, 2 or 3 (一级/二级/三级指标)


_WORDS: tuple[tuple[str, str, int], ...] = (
    ("一级指标", NAME, 1), ("二级指标", NAME, 2), ("三级指标", NAME, 3), ("级指标", NAME, 1),
    ("指标名称", NAME, 3), ("绩效指标", NAME, 3), ("指标内容", NAME, 3), ("项目名称", NAME, 0),
    ("资金来源", NAME, 0), ("资金性质", NAME, 0), ("支出类别", NAME, 0), ("科目名称", NAME, 0),
    ("科目", NAME, 0), ("类别", NAME, 0), ("单位名称", NAME, 0),
    ("年初预算数", MONEY, 0), ("年初预算", MONEY, 0), ("全年预算数", MONEY, 0),
    ("全年预算", MONEY, 0), ("调整后预算数", MONEY, 0), ("调整后预算", MONEY, 0),
    ("年度预算数", MONEY, 0), ("预算数", MONEY, 0), ("预算金额", MONEY, 0),
    ("预算执行数", MONEY, 0), ("全年执行数", MONEY, 0), ("全年执行", MONEY, 0), ("执行数", MONEY, 0),
    ("实际支出", MONEY, 0), ("全年支出", MONEY, 0), ("决算数", MONEY, 0), ("支出数", MONEY, 0), ("金额", MONEY, 0),
    ("预算执行率", RATE, 0), ("执行率", RATE, 0), ("完成率", RATE, 0),
    ("分值", SCORE, 0), ("权重", SCORE, 0), ("满分", SCORE, 0), ("得分", SCORE, 0),
    ("自评得分", SCORE, 0), ("评分", SCORE, 0),
    ("年度指标值", VALUE, 0), ("指标值", VALUE, 0), ("目标值", VALUE, 0), ("预期目标", VALUE, 0),
    ("实际完成值", VALUE, 0), ("完成值", VALUE, 0), ("实际值", VALUE, 0),
    ("全年实际值", VALUE, 0), ("实际完成", VALUE, 0),
    ("指标性质", TEXT, 0), ("度量单位", TEXT, 0), ("计量单位", TEXT, 0), ("评价标准", TEXT, 0),
    ("评分标准", TEXT, 0), ("指标说明", TEXT, 0), ("未完成原因分析", TEXT, 0),
    ("偏差原因分析", TEXT, 0), ("偏差原因", TEXT, 0), ("原因", TEXT, 0), ("备注", TEXT, 0),
    ("改进措施", TEXT, 0), ("评价依据", TEXT, 0),
)
HEADERS = tuple(Header(w, k, lv) for w, k, lv in _WORDS)
_BY_WORD = {h.word: h for h in HEADERS}
NUMERIC_KINDS = (MONEY, RATE, SCORE, VALUE)

# "(万元)" / "（元）" in a header: the unit of the column
_UNIT_IN = re.compile(r"[（(]\s*(万元|亿元|千元|元|%|分)\s*[）)]")
# a section label inside a table: "预算执行情况(10分)", "绩效指标（90分）"
SECTION_WEIGHT = re.compile(
    r"^(?P<name>[^\d（()]{2,16}?)\s*[（(]\s*(?P<num>\d+(?:\.\d+)?)\s*分\s*[）)]$")
# a caption giving a table's unit: "单位：万元", "金额单位:元"
CAPTION_UNIT = re.compile(r"(?:金额)?单位\s*[：:]\s*(万元|亿元|千元|元)(?![\u4e00-\u9fff])")
# a caption line that ends with its unit in brackets: "表2 重点项目资金执行情况（千元）"
_CAPTION_BRACKET = re.compile(r"[（(]\s*(万元|亿元|千元|元)\s*[）)]\s*$")
CAPTION_LINES = 3  # how many non-empty lines above a table its caption may be


def line_unit(line: str) -> str:
    """The money unit a caption line gives a table's amounts: its (last) "单位：千元", or the
    unit in brackets it ends with ("…执行情况（千元）"); "" when it gives none."""
    hits = CAPTION_UNIT.findall(line)
    if hits:
        return hits[-1]
    m = _CAPTION_BRACKET.search(line.strip())
    return m.group(1) if m else ""


def caption_unit(before: str) -> str:
    """The money unit a table's caption gives, read from the text just above the table: the
    nearest caption line with a unit (`line_unit`), looking no further up than a few
    non-empty lines; "" when none."""
    lines = [ln.strip() for ln in before.splitlines() if ln.strip()][-CAPTION_LINES:]
    return next((u for u in map(line_unit, reversed(lines)) if u), "")


# a form field of a 项目支出绩效自评表: its label, then its value in the next cell
FORM_FIELDS = ("项目名称", "主管部门", "实施单位", "预算单位", "部门名称", "单位名称")
# the code a 项目名称 cell may start with: "51000021R000000019951-工资性支出"
PROJECT_CODE = re.compile(r"^[0-9A-Za-z]{8,}\s*[-－—_:：]\s*")
# labels after which a form's table is over
TABLE_END_LABELS = ("评价结论", "存在问题", "改进措施", "项目负责人", "财务负责人", "项目基本情况",
                    "自评结论", "联系人", "填报人", "项目年度目标")
# where a row is a total of the table
TOTAL_LABELS = ("合计", "总计", "总额", "资金总额", "年度资金总额", "小计")
# the cells a table leaves empty on purpose
_BLANK = {"", "/", "-", "—", "－", "——", "无", "\\"}

# a figure cell, perhaps with a comparison sign before it and a short unit after it
# (≥12项, =100%, 1250人, 3.5万元)
_COMPARE = r"(?:[≥≤=<>＞＜≧≦]|>=|<=)?\s*"
# digits, grouped by commas or by blanks (12 860.40)
_DIGITS = r"\d(?:[\d,，]|[ \u00a0\u2009\u202f](?=\d{3}(?!\d)))*"
_NUMBER_CELL = re.compile(rf"^{_COMPARE}[-+]?{_DIGITS}(?:\.\d+)?\s*(?:[\u4e00-\u9fff]{{1,3}})?$")
_PCT_CELL = re.compile(rf"^{_COMPARE}[-+]?{_DIGITS}(?:\.\d+)?\s*[%％]$")

# the kinds of a cell's content
EMPTY, BLANK, NUMBER, PERCENT, WORDS = "empty", "blank", "number", "percent", "words"


def _bare(label: str) -> str:
    """A header label without spaces, its unit in brackets and a trailing colon."""
    label = re.sub(r"\s+", "", label)
    return _UNIT_IN.sub("", label).rstrip("：:")


def header_of(label: str) -> Header | None:
    """The header a table cell names, or None: the label (without its unit) is a header word
    or ends with one after a short qualifier (本年预算数, 项目年初预算). A label of a header
    that spans two rows ("预算执行情况 预算数（万元）": the group, then the column) names what
    its last part names."""
    found = _header_word(_bare(label))
    parts = label.split()
    if found is None and len(parts) > 1 and not _PERIOD_GROUP.search(" ".join(parts[:-1])):
        return header_of(parts[-1])
    return found


# a group header that names a period (2022年, 上年, 年初): its columns are not this year's
_PERIOD_GROUP = re.compile(r"(?:19|20)\d{2}|上年|去年|上一年|年初|以前年度")
_GROUP_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_GROUP_LAST_YEAR = re.compile(r"上年(?!结转|结余|末)|去年|上一年")
# the words of a period (not 上年结转, a funding source; not 年初结余)
_PERIOD_WORDS = re.compile(r"(?:19|20)\d{2}|上年(?!结转|结余|末)|去年|上一年|年初(?!结转|结余)")


def period_header(label: str) -> tuple[Header, str] | None:
    """A column whose header names a period, in a group header above it ("2022年度 执行数",
    which `header_of` does not read, so that no reader takes it for this year's column) or
    before its header word ("上年执行数"): the header word's header and the period's words,
    or None."""
    h = header_of(label)
    if h is not None:  # a period written into the header word ("上年执行数", "2022年度预算数")
        bare = _bare(label)
        group = bare[:-len(h.word)] if bare.endswith(h.word) else ""
    else:
        parts = label.split()
        if len(parts) < 2:
            return None
        group, h = " ".join(parts[:-1]), header_of(parts[-1])
    return (h, group) if h is not None and _PERIOD_WORDS.search(group) else None


def names_period(label: str) -> bool:
    """Whether a header label is a period alone (2023年度, 上年, 上年度): the group of the
    columns under or beside it, not a column of its own."""
    return bool(_PERIOD_LABEL.fullmatch(_bare(label)))  # its unit aside: 上年数（千元）


_PERIOD_LABEL = re.compile(r"(?:(?:19|20)\d{2}年?度?|上年度?|去年|上一年度?|本年度?)(?:数|决算|预算)?")


def group_period(group: str, year: int | None) -> str | None:
    """The period a group header names, as facts file it: "" for the report's own year,
    "2022年" for another year, "上年" for last year unnamed, "年初"; None when it is none of
    these (以前年度: no one period)."""
    m = _GROUP_YEAR.search(group)
    if m:
        return "" if year is not None and int(m.group(1)) == year else f"{m.group(1)}年"
    if _GROUP_LAST_YEAR.search(group):
        return "上年"
    return "年初" if "年初" in group else None


# a header that names two levels of indicators at once (二级/三级指标, 二、三级指标)
_LEVELS_JOINED = re.compile(r"[一二三]级?[/／、和及]([二三])级指标")


def _header_word(bare: str) -> Header | None:
    if not bare or len(bare) > 12:
        return None
    if bare in _BY_WORD:
        return _BY_WORD[bare]
    joined = _LEVELS_JOINED.fullmatch(bare)
    if joined:  # 二级/三级指标: one column for two levels, each row naming its deepest
        return _BY_WORD[f"{joined.group(1)}级指标"]
    for h in HEADERS:
        if bare.endswith(h.word) and len(bare) - len(h.word) <= 4 and h.kind != NAME:
            return h
    return None


def header_unit(label: str) -> str:
    """The unit a header names in brackets ("预算数（万元）" -> 万元), or ""."""
    m = _UNIT_IN.search(label)
    return m.group(1) if m else ""


def cell_kind(text: str) -> str:
    """What a cell holds: empty, blank (/ or 无), number, percent or words."""
    t = text.strip()
    if not t:
        return EMPTY
    if t in _BLANK:
        return BLANK
    if _PCT_CELL.match(t):
        return PERCENT
    if _NUMBER_CELL.match(t):
        return NUMBER
    return WORDS


def project_name(cell: str) -> str:
    """A 项目名称 cell without its budget code."""
    return PROJECT_CODE.sub("", cell.strip())
