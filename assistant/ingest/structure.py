"""Find a report's department, year and section tree in its normalised text.

Each line of the normalised text is a paragraph. Headings are the short lines that start
with 一、 / （一） / 1. or 1、 / （1） and do not read as a sentence; a heading's level comes
from its marker. Department and year come from the title or, failing that, the body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.ingest.aliases import NAME_RUN, department_aliases, is_org_name, org_name_at
from assistant.ingest.normalise import NormText
from assistant.text.markers import (
    ARABIC_PAREN,
    ARABIC_POINT,
    ATTACHMENT_LINE,
    ATTACHMENT_MARK,
    CIRCLED,
    CN_COMMA,
    CN_PAREN,
    COVER_NOTICE,
    DEPARTMENT_FIELDS,
    HEADING_CLAUSE,
    HEADING_PATTERNS,
    LEADING_ORDINAL,
    MAX_HEADING,
    PAGE_NOISE,
    TITLE_GENRE,
)
from assistant.text.numbers import YEAR_IN_TEXT as YEAR_IN_BODY
from assistant.text.numbers import YEAR_IN_TITLE
from assistant.text.orgnames import split as split_name

TITLE_SUFFIX = re.compile(r"(?:部门)?(?:整体)?(?:支出)?(?:绩效)?(?:自评|评价)?(?:报告)$")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of normalised text with the headings above it."""

    start: int  # normalised offsets
    end: int
    path: tuple[str, ...]  # heading texts from the top level down
    is_heading: bool = False
    level: int = 0


@dataclass(frozen=True)
class ReportStructure:
    title: str
    department: str
    year: int | None
    aliases: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...] = field(default_factory=tuple)

    def sections(self, top_level_contains: str) -> list[Paragraph]:
        """Body paragraphs under a top-level heading whose text contains the given words."""
        return [
            p
            for p in self.paragraphs
            if p.path and top_level_contains in p.path[0] and not p.is_heading
        ]


def heading_level(line: str) -> int:
    """1-4 when the line is a heading, else 0."""
    text = line.strip()
    for level, pattern in HEADING_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        rest = text[m.end():]
        if not rest or len(text) > MAX_HEADING[level]:
            return 0
        body = rest.rstrip("。：:")
        if HEADING_CLAUSE.search(body):
            return 0
        if level >= 3 and rest.endswith(("。", "；")):
            return 0  # a numbered list item that is a full sentence
        return level
    return 0


def analyse(norm: NormText, fallback_name: str = "") -> ReportStructure:
    """Title, department, year, aliases and the paragraph/section tree of a report."""
    text = norm.text
    lines = _line_spans(text)
    title = _title(text, lines)
    year = _year(title, text)
    department = _who(title, text) or fallback_name
    paragraphs: list[Paragraph] = []
    path: list[tuple[int, str]] = []
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            continue
        level = heading_level(line)
        if level:
            path = [(lv, t) for lv, t in path if lv < level]
            path.append((level, line.strip()))
            paragraphs.append(Paragraph(start, end, tuple(t for _, t in path), True, level))
        else:
            paragraphs.append(Paragraph(start, end, tuple(t for _, t in path)))
    return ReportStructure(
        title=title,
        department=department,
        year=year,
        aliases=tuple(department_aliases(department)) if department else (),
        paragraphs=tuple(paragraphs),
    )


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer("\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


# how far into a report its title may stand (web pages and forms put a lot above it)
TITLE_WINDOW = 40
TITLE_LINE = 60  # a longer line is body text, unless its title part ends early
LONG_TITLE = 80


def _title(text: str, lines: list[tuple[int, int]]) -> str:
    """The report's title; a cover notice's (关于印发X的通知) is X."""
    title = _title_lines(text, lines)
    cover = COVER_NOTICE.search(title)
    return cover.group("inner").strip() if cover else title


def _title_lines(text: str, lines: list[tuple[int, int]]) -> str:
    """Join the opening lines up to the one that ends the title (…报告, …自评表). Page chrome,
    metadata lines and file names are skipped and break a title apart; a table row or a long
    line can only be a title by itself (its part up to the genre word)."""
    parts: list[str] = []
    first = ""
    for start, end in lines[:TITLE_WINDOW]:
        line = text[start:end].strip()
        if not line or ATTACHMENT_LINE.match(line):
            continue
        if heading_level(line) == 1:
            break
        if PAGE_NOISE.search(line):
            parts = []
            continue
        alone = _title_alone(line)
        if alone is not None:
            if alone:
                return alone
            parts = []
            continue
        parts.append(line)
        first = first or line
        if TITLE_GENRE.search(line):
            break
    joined = "".join(parts)
    if TITLE_GENRE.search(joined):
        # a site's or a parent body's name on the line above a title that names its own
        # body (某某县人民政府 / 某某县档案局2023年度…报告) is not part of the title
        last = bare_title(parts[-1])
        if len(parts) > 1 and (_before_year(last) or is_org_name(_department(last))):
            return last
        return bare_title(joined)
    return bare_title(parts[0] if parts else first)


# what may stand before a title's name: list markers (2. （一） 一、 ① •) and a field's label of
# any wording (填报单位：, Unit:), each once or repeated
TITLE_MARK = re.compile(
    rf"^\s*(?:{CN_COMMA}|{CN_PAREN}|{ARABIC_POINT}|{ARABIC_PAREN}|{CIRCLED}|[•·●▪◆■]"
    r"|\d{1,2}[、.．](?=(?:19|20)\d{2}\s*年))\s*")  # 2.2023年度…: a marker, then the year
FIELD_LABEL = re.compile(r"^\s*(?P<label>[^：:，。；、\s|]{1,12})\s*[：:]\s*(?=\S)")


def bare_title(title: str) -> str:
    """A title without the list markers and the field label before it (2.填报单位：XX局… →
    XX局…); a label that is itself a body's name (XX局：…) stays."""
    while True:
        m = TITLE_MARK.match(title)
        if not m:
            label = FIELD_LABEL.match(title)
            if not label or is_org_name(label.group("label")):
                return title.strip()
            m = label
        title = title[m.end():]


def _title_alone(line: str) -> str | None:
    """For a table row or a long line: the title it holds ('' for none). None for a short
    plain line, which may be one line of a title that wraps."""
    if "|" not in line and len(line) <= TITLE_LINE:
        return None
    cell = LEADING_ORDINAL.sub("", line.replace("|", " ")).strip()
    m = TITLE_GENRE.search(cell)
    if m and m.end() <= LONG_TITLE:
        return cell[:m.end()].strip()
    return ""


# the year a form states for itself at its head: a line that is only the year in brackets
# (（2024年度）) or a year field of its own (评价年度：2024年, 年度 | 2024)
YEAR_LINE = re.compile(r"[\s|]*[（(【\[]?\s*(20\d{2})\s*年度?\s*[）)】\]]?[\s|]*")
YEAR_FIELD = re.compile(r"(?:^|(?<=[\s|]))(?:评价|所属|预算|实施|考核|自评)?年度[\s：:|]*[（(]?\s*(20\d{2})")
# a date (2025年3月): when something was written or is due, not the period a report covers
DATE = re.compile(r"(20\d{2})\s*年\s*\d{1,2}\s*月")


def _year(title: str, text: str) -> int | None:
    """The year a report evaluates: its title's, else the year its head states for itself
    (a form's bracketed year or 年度 field), else the body's most named year, dates aside."""
    m = YEAR_IN_TITLE.search(title)
    if m:
        return int(m.group(1))
    for line in text.splitlines()[:TITLE_WINDOW]:
        m = YEAR_LINE.fullmatch(line) or YEAR_FIELD.search(line)
        if m:
            return int(m.group(1))
    dated = Counter(int(y) for y in DATE.findall(text))
    counts = Counter(int(y) for y in YEAR_IN_BODY.findall(text)) - dated
    counts = counts or Counter(int(y) for y in YEAR_IN_BODY.findall(text))
    if not counts:
        return None
    best = max(counts.values())
    return max(y for y, c in counts.items() if c == best)


def _who(title: str, text: str) -> str:
    """The department a report is about: the name its title puts before the year or before
    关于…, the name of its title if that is a body's name, a form field naming the unit
    (单位名称, 实施单位, 主管部门), the body the text speaks as (我局 … XX局), a site's
    发布机构 (the publisher, a parent body, only when nothing names the unit), else the
    title's words (never a project's name) or the first body named in the text."""
    for name in (_before_year(title), _before_about(title), _in_brackets(title)):
        if name:
            return name
    from_title = _department(title)
    if from_title and is_org_name(from_title):
        return from_title
    return (_department_from_fields(text, UNIT_FIELDS) or _speaker(text)
            or _department_from_fields(text, PUBLISHER_FIELDS)
            or (from_title if not PROJECT_NAME.search(from_title) else "")
            or _department_from_body(text))


# the fields that name a report's publisher (a parent body), not necessarily its unit
PUBLISHER_FIELDS = ("发布机构", "发文机关")
UNIT_FIELDS = tuple(f for f in DEPARTMENT_FIELDS if f not in PUBLISHER_FIELDS)
# a title's words that name a project or a fund, not a body (…项目, 项目支出)
PROJECT_NAME = re.compile(r"项目|专项|资金$|经费$")
ABOUT = re.compile(r"关于")


BRACKETED = re.compile(r"[（(]([^（）()]{4,40})[）)]")


def _in_brackets(title: str) -> str:
    """A body's name the title gives in brackets (…自评报告（某某市残疾人联合会）)."""
    return next((m.group(1) for m in BRACKETED.finditer(title) if is_org_name(m.group(1))), "")


def _before_about(title: str) -> str:
    """The body whose 关于…的报告 the title is (XX局关于开展…的自评报告 → XX局)."""
    m = ABOUT.search(title)
    if not m:
        return ""
    return _org(ATTACHMENT_MARK.sub("", title[:m.start()]))


# the body a report speaks as: 我局, 本厅, 我委, 我院 … (its name ends the same way)
SPEAKER = re.compile(r"(?:我|本)(?P<suffix>局|厅|委|院|所|站|队|中心|办|馆|校|会(?![议计同上]))"
                     r"(?![长级属])")
SPEAKER_WINDOW = 6000


def _speaker(text: str) -> str:
    """The body the text speaks as: the name, among the bodies named near the top, that
    ends like the report's 我局/本厅/我院 (the one named most, then the first)."""
    head = text[:SPEAKER_WINDOW]
    said = Counter(m.group("suffix") for m in SPEAKER.finditer(head))
    if not said:
        return ""
    suffix = said.most_common(1)[0][0]
    names: list[str] = []
    for run in NAME_RUN.finditer(head):
        for k in range(SPEAKER_SHIFT):  # the name may start a character or two into a run
            name = org_name_at(run.group()[k:])
            if name.endswith(suffix) and len(name) > len(suffix) + 2 and name not in names:
                names.append(name)
    named = {n: head.count(n) for n in names}
    repeated = [n for n in names if named[n] > 1]
    return max(repeated, key=lambda n: (named[n], len(n))) if repeated else \
        (names[0] if names else "")


SPEAKER_SHIFT = 3


def _before_year(title: str) -> str:
    m = YEAR_IN_TITLE.search(title)
    if not m:
        return ""
    name = bare_title(LEADING_ORDINAL.sub("", ATTACHMENT_MARK.sub("", title[:m.start()])))
    return _org(name)


def _org(name: str) -> str:
    """The body's name a title's part is (关于 before it, （本级） after it dropped); ''."""
    name = NAME_LEAD.sub("", name.strip(" 　:：")).strip(" 　:：")
    name = _last_body(name)
    if is_org_name(name):
        return name
    name = NAME_TAIL.sub("", name)
    return name if is_org_name(name) else ""


PLACE_CHAIN = re.compile(r"(?:[\u4e00-\u9fff]{2,5}?(?:省|自治区|市|州|盟|地区|区|县|旗|镇|乡|街道))+")


def _last_body(name: str) -> str:
    """Of two bodies' names run together (a page header's firm before the title's own body:
    某会计师事务所（普通合伙）某市医疗保障局), the one a place leads that stands last; a name
    that is one body (or places then a body) is kept whole."""
    for k in range(len(name) - 4, 3, -1):  # the shortest such last body
        head, body = name[:k], name[k:]
        if split_name(body)[0] and is_org_name(body) and not PLACE_CHAIN.fullmatch(head) \
                and (is_org_name(head) or is_org_name(NAME_TAIL.sub("", head))):
            return body
    return name


NAME_LEAD = re.compile(r"^(?:关于|\d+[,，.．][\d,，.．]*[\s　]*)")  # 关于; a figure run into it (…浏览次数：1,326某某馆)
NAME_TAIL = re.compile(r"(?:[（(][^（）()]{0,8}[)）]|本级)$")  # 某某局（本级）, 某某局本级


def _department(title: str) -> str:
    name = YEAR_IN_TITLE.sub("", bare_title(title))
    name = ATTACHMENT_MARK.sub("", name)
    name = TITLE_SUFFIX.sub("", EMPTY_BRACKETS.sub("", name)).strip(" 　:：")
    name = _org(name) or name
    return name if 2 <= len(name) <= 40 else ""


EMPTY_BRACKETS = re.compile(r"[（(]\s*[)）]")


# between a field's label and its value: separators, cell bars, bullets, "(盖章)"
FIELD_LEAD = re.compile(r"^(?:[\s|:：•·]|[（(]盖章[)）])*")


def _department_from_fields(text: str, labels: tuple[str, ...] = DEPARTMENT_FIELDS) -> str:
    """The unit a form field names: the label, then (on the same line or the next cell) the
    name, cut where the name ends (…局本级 → …局)."""
    head = text[:4000]
    for label in labels:
        for m in re.finditer(re.escape(label), head):
            name = org_name_at(FIELD_LEAD.sub("", head[m.end():m.end() + 80]))
            if name:
                return name
    return ""


def _department_from_body(text: str) -> str:
    m = re.search(
        r"((?:中国共产党|中共)?[\u4e00-\u9fff]{2,12}?(?:省|市|区|县)[\u4e00-\u9fff]{0,12}?"
        r"(?:办公室|办公厅|局|委员会|中心))",
        text[:2000],
    )
    return m.group(1) if m else ""
