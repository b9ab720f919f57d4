"""Facts from rebuilt tables: each cell becomes a fact, its row label the subject and its
column header the metric.

The subject follows from the row and the form around the table, never by default from the
department: a 项目支出绩效自评表's 总额 row is the project's (its 项目名称 field), a 其中:财政资金
row is a funding source's, an indicator row is its 三级指标's (with the 一级/二级 weights of the
levels above filed under their own names). Only the 合计 row of a table outside a project form
and not listing projects, or a row naming an expenditure class (基本支出/项目支出), speaks for
the department; a table of projects' 合计 row is the listed projects' total (subject 合计).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.facts.discourse import totals_of_parts
from assistant.facts.model import (
    CLASS,
    DEPARTMENT,
    INDICATOR,
    INITIAL,
    ITEM,
    PROJECT,
    SOURCE,
    Fact,
    period_metric,
)
from assistant.facts.vocabulary import CLASS_RATE, CLASS_WORDS, SOURCE_WORDS, TERMS
from assistant.ingest.normalise import NormText
from assistant.ingest.structure import ReportStructure
from assistant.ingest.tables.grid import Cell, Field, FormTitle, Found, Section, Table
from assistant.text.headers import (
    CAPTION_UNIT,
    MONEY,
    NAME,
    RATE,
    SCORE,
    TEXT,
    TOTAL_LABELS,
    VALUE,
    caption_unit,
    group_period,
    header_of,
    header_unit,
    line_unit,
    names_period,
    period_header,
    project_name,
)
from assistant.text.numbers import CELL_FIGURE, parse_number, to_canonical

# column header word -> metric
COLUMN_METRIC = {
    "年初预算数": "年初预算数", "年初预算": "年初预算数",
    "全年预算数": "预算数", "全年预算": "预算数", "调整后预算数": "预算数", "调整后预算": "预算数",
    "年度预算数": "预算数", "预算数": "预算数", "预算金额": "预算数",
    "预算执行数": "支出", "全年执行数": "支出", "全年执行": "支出", "执行数": "支出", "实际支出": "支出", "全年支出": "支出",
    "决算数": "支出", "支出数": "支出", "金额": "支出",
    "分值": "分值", "权重": "分值", "满分": "分值", "得分": "得分", "自评得分": "得分", "评分": "得分",
    "年度指标值": "目标值", "指标值": "目标值", "目标值": "目标值", "预期目标": "目标值",
    "实际完成值": "实际值", "完成值": "实际值", "实际值": "实际值", "全年实际值": "实际值",
    "实际完成": "实际值",
}
# funding sources as table rows name them, besides the prose words of the vocabulary
TABLE_SOURCE_WORDS = SOURCE_WORDS + ("财政资金", "财政拨款", "单位资金", "其他资金", "自筹", "社会投入",
                                     "银行贷款", "专项资金", "中央", "省级", "市级", "县级", "区级")
# what the 分值/得分 columns of a budget table score
BUDGET_EXECUTION = "预算执行情况"
# a row label that speaks for the department as a whole
WHOLE_DEPARTMENT = ("部门整体", "单位整体", "整体支出", "本部门", "本单位")
UNIT_COLUMNS = ("度量单位", "计量单位", "单位")
COMPARISON = ("", "≥", "≤", ">", "<", "＞", "＜", "=", "＝", ">=", "<=")  # "≥95%" is 95%
_LEAD = re.compile(r"^(?:其中|含)\s*[：:]?\s*")
CLAUSE_END = re.compile(r"[。；;！？]")  # a line with one is prose, not a caption
FRACTION = re.compile(r"[01](?:\.\d+)?")  # a rate written as a fraction: 0.9528, 1, 1.02
# the metrics a metric-row table states, and the unit of those that are not amounts
ROW_METRICS = ("年初预算数", "预算数", "支出", "执行率", "基本支出", "项目支出", "收入", "自评得分")
ROW_UNITS = {"执行率": "%", "自评得分": "分"}
YEAR_IN_LABEL = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
THIS_YEAR_LABEL = re.compile(r"本年|当年")
QUALIFIER = re.compile(r"[（(][^（）()]*[）)]")  # a bracketed note in a row label
CAPTION_LINE = re.compile(r"^附?表\s*[0-9一二三四五六七八九十]+")  # 表3 …, 附表1 … (not a header row)


@dataclass
class _Form:
    """What the form around a table says: its project and its money unit."""

    project: str = ""
    unit: str = ""


def table_facts(found: Found, norm: NormText, structure: ReportStructure) -> list[Fact]:
    """The facts of every rebuilt table, in reading order."""
    place = _Placer(norm, structure)
    form = _Form()
    facts: list[Fact] = []
    previous_end = 0  # where the table before ends: a caption above it is not this one's
    for event in found.events:
        if isinstance(event, FormTitle):
            form = _Form(unit=form.unit)
            place.project = ""
        elif isinstance(event, Field):
            if event.label == "项目名称":
                form.project = place.project = project_name(event.value.text)
        elif isinstance(event, Section):
            facts.append(place.fact("分值", INDICATOR, event.name, event.weight, "分",
                                    event.cell.start, event.cell.end))
        else:
            form.unit = _caption_unit(norm.original, event, previous_end) or form.unit
            parts = _totals_parts(norm.original, event, previous_end, place)
            previous_end = event.end
            facts.extend(_table(event, form, place, parts))
    return facts


def _totals_parts(text: str, table: Table, previous_end: int, place: _Placer) -> bool:
    """Whether the table's 合计 row totals other subjects than the department: its caption (a
    表N… line or a line giving a unit, among the two lines just above it) or its heading path is about projects, sub-units or
    special funds (`totals_of_parts`), not about the department's funding sources or income."""
    line_start = text.rfind("\n", 0, table.start) + 1  # the table's first line is no caption
    above = [ln.strip() for ln in text[max(previous_end, line_start - 300):line_start].splitlines()
             if ln.strip()]
    captions = tuple(ln for ln in above[-2:] if len(ln) <= 40 and not CLAUSE_END.search(ln)
                     and (CAPTION_LINE.match(ln) or line_unit(ln)))
    return totals_of_parts(place.path_at(table.start) + captions)


def _caption_unit(text: str, table: Table, previous_end: int) -> str:
    """The money unit the table's own caption gives: a 单位：千元 or a caption ending in
    （千元） in the lines just above it (not above the table before it), else a 单位： cell
    among its first cells; "" when it gives none (the unit of the table before it in the
    same form then holds)."""
    above = caption_unit(text[max(previous_end, table.start - 300):table.start])
    if above:
        return above
    m = CAPTION_UNIT.search(text, table.start, min(table.end, table.start + 200))
    return m.group(1) if m else ""


def _with_periods(table: Table, year: int | None) -> Table:
    """The table with each column under a group header that names a period ("2022年度 执行数")
    read as its header word's column of that period (this year's group: this year's column)."""
    columns = []
    for c in table.columns:
        found = period_header(c.label) if c.kind == NAME or header_of(c.label) else None
        period = group_period(found[1], year) if found else None
        columns.append(replace(c, kind=found[0].kind, period=period) if period is not None else c)
    return replace(table, columns=columns) if columns != table.columns else table


def _period_amounts(table: Table, year: int | None) -> Table:
    """The table with its bare period columns (本年数, 上年数（千元）, 2023年) read as that period's
    金额, when every figure column is one and one of them is the report's own year; else as is."""
    figures = [(i, c.label) for i, c in enumerate(table.columns)
               if c.kind != NAME or names_period(c.label)]
    if not all(names_period(label) for _, label in figures):
        return table
    periods = {i: _column_period(QUALIFIER.sub("", label), year) for i, label in figures}
    if len(periods) < 2 or None in periods.values() or "" not in periods.values():
        return table
    columns = [replace(c, label=f"{QUALIFIER.sub('', c.label)} 金额{_unit_note(c.label)}", kind=MONEY)
               if i in periods else c for i, c in enumerate(table.columns)]
    return replace(table, columns=columns)


def _unit_note(label: str) -> str:
    """A header's bracketed unit (（千元）), kept so that the column's unit is still read."""
    m = QUALIFIER.search(label)
    return m.group() if m else ""


def _table(table: Table, form: _Form, place: _Placer, parts: bool = False) -> list[Fact]:
    table = _with_periods(table, place.year)
    unit = next((header_unit(c.label) for c in table.columns if header_unit(c.label)), "")
    unit = unit or form.unit or "万元"
    if any(c.level for c in table.columns):
        return _indicator_rows(table, form, place)
    by_metric = None if parts else _metric_rows(table, form, place, unit)
    if by_metric is not None:
        return by_metric
    # not a table of headline metrics: columns of periods alone (项目 | 本年数 | 上年数) give the
    # amount of each row in each period
    table = _with_periods(_period_amounts(table, place.year), place.year)
    out: list[Fact] = []
    projects = _rows_are_projects(table, form) or (parts and not form.project)
    fractions = _fraction_columns(table)
    for k in range(len(table.rows)):
        out.extend(_budget_row(table, k, form, unit, place, projects, fractions))
    return out


# metric-row tables ---------------------------------------------------------------------------------
def _metric_rows(table: Table, form: _Form, place: _Placer, unit: str) -> list[Fact] | None:
    """A table whose rows are the headline metrics and whose columns are years (项目 | 2023年度 |
    2024年度 | 变化情况, rows 年初预算数, 全年预算数, 全年执行数, 预算执行率 …): each figure is that
    metric of that year, the department's (the project's in a project form); None when the
    table is not one (fewer than three rows, or less than two thirds of them, name a metric)."""
    rows = [(k, row, _label(table, row)) for k, row in enumerate(table.rows)]
    rows = [(k, row, cell, _row_metric(cell.text)) for k, row, cell in rows if cell is not None]
    named = [r for r in rows if r[3]]
    if len(named) < 3 or 3 * len(named) < 2 * len(rows):
        return None
    periods = {i: p for i, c in enumerate(table.columns)
               if c.kind != NAME and (p := _column_period(c.label, place.year)) is not None}
    if not periods:
        return None
    scope, subject = (PROJECT, form.project) if form.project else (DEPARTMENT, "")
    out = []
    for k, row, label, metric in named:
        cell_unit = ROW_UNITS.get(metric, unit)
        for i, cell in row:
            if i in periods:
                fact = place.cell_fact(metric, scope, subject, cell, cell_unit,
                                       table.row_start(k, label.start), periods[i])
                if fact is not None:
                    out.append(fact)
    return out


def _row_metric(label: str) -> str:
    """The headline metric a row label names (全年执行数 -> 支出, 预算执行率 -> 执行率), or ""."""
    bare = re.sub(r"[（(][^）)]*[）)]|[“”\"\s]", "", label)
    metric = next((t.metric for t in TERMS if t.text == bare), "") or COLUMN_METRIC.get(bare, "")
    if metric == "得分":
        metric = "自评得分"
    return metric if metric in ROW_METRICS else ""


def _column_period(label: str, year: int | None) -> str | None:
    """The period a column of a metric-row table holds: the year its header names ("" for the
    report's own), or None for a column that names no year (变化情况, 备注)."""
    if YEAR_IN_LABEL.search(label):
        return group_period(label, year)
    if names_period(label):  # 上年 | 本年 (上年度, 本年度)
        return "" if THIS_YEAR_LABEL.search(label) else group_period(label, year)
    return None


def _fraction_columns(table: Table) -> frozenset[int]:
    """The rate columns whose cells are all fractions written without a % sign (0.9528, 1): a
    sheet's rates stored as fractions whose % format was lost, or written so. A rate of the
    budget as low as 1% in every row is no table's; the column reads as percentages."""
    out = set()
    for i, column in enumerate(table.columns):
        if column.kind != RATE:
            continue
        texts = [c.text.strip() for row in table.rows for j, c in row if j == i]
        figures = [t for t in texts if FRACTION.fullmatch(t)]
        if figures and len(figures) == len([t for t in texts if CELL_FIGURE.search(t)]) \
                and any(0 < float(t) < 1 for t in figures):
            out.add(i)
    return frozenset(out)


def _as_percent(fact: Fact) -> Fact:
    """A fact of a fraction column as the percentage it is (0.9528 -> 95.28%)."""
    percent = format(Decimal(fact.raw.strip()).scaleb(2), "f")
    return replace(fact, value=float(percent), text_value=f"{percent}%")


def _rows_are_projects(table: Table, form: _Form) -> bool:
    """Whether a table lists projects (two or more project rows, no class or source row): its
    合计 row is then the listed projects' total, not the department's."""
    scopes = []
    for row in table.rows:
        cell = _label(table, row)
        if cell is not None:
            scopes.append(_row_subject(_LEAD.sub("", re.sub(r"\s+", "", cell.text)), table, form)[0])
    return scopes.count(PROJECT) >= 2 and not {CLASS, SOURCE} & set(scopes)


# budget rows -----------------------------------------------------------------------------------
def _budget_row(table: Table, k: int, form: _Form, unit: str, place: _Placer,
                projects: bool = False, fractions: frozenset[int] = frozenset()) -> list[Fact]:
    row = table.rows[k]
    label_cell = _label(table, row)
    if label_cell is None:
        return []
    label = _LEAD.sub("", re.sub(r"\s+", "", label_cell.text))
    scope, subject = _row_subject(label, table, form)
    if projects and scope == DEPARTMENT:
        scope, subject = PROJECT, label  # the listed projects' 合计
    out = []
    for i, cell in row:
        column = table.columns[i]
        if column.kind not in (MONEY, RATE, SCORE):
            continue
        metric = _column_metric(column)
        if not metric:
            continue
        cell_unit = "%" if column.kind == RATE else ("分" if column.kind == SCORE else unit)
        m_scope, m_subject, m_metric = scope, subject, metric
        if column.kind == SCORE and projects and scope == PROJECT and _own_scores(table):
            # a table of projects with one score column: each project's 自评得分
            m_metric = "自评得分"
        elif column.kind == SCORE:
            # the weight and score of the budget execution (of the department, or of the
            # project whose form this is: filed under the project by the placer), never the
            # project's or department's total score
            m_scope, m_subject = INDICATOR, BUDGET_EXECUTION
        elif scope == CLASS:
            m_scope, m_subject, m_metric = _class_metric(label, metric)
        fact = place.cell_fact(m_metric, m_scope, m_subject, cell, cell_unit,
                               table.row_start(k, label_cell.start), column.period)
        if fact is not None:
            out.append(_as_percent(fact) if i in fractions and cell_unit == "%" else fact)
    return out


def _own_scores(table: Table) -> bool:
    """Whether the table's score column is its rows' own score: a 得分 column with no 分值
    (权重, 满分) column beside it, which would make it the score of a scored item."""
    metrics = [_column_metric(c) for c in table.columns if c.kind == SCORE]
    return metrics == ["得分"]


def _label(table: Table, row: list[tuple[int, Cell]]) -> Cell | None:
    """The row's label: its last name cell before the figures (类别 | 项目 | 金额: the 项目)."""
    label = None
    for i, cell in row:
        if table.columns[i].kind != NAME:
            break
        label = cell
    return label


def _row_subject(label: str, table: Table, form: _Form) -> tuple[str, str]:
    total = any(label.startswith(w) for w in TOTAL_LABELS) or any(
        w in label for w in WHOLE_DEPARTMENT)
    if form.project and total:
        return PROJECT, form.project
    if any(w in _head(label) for w in TABLE_SOURCE_WORDS) and not label.endswith(CLASS_WORDS):
        return SOURCE, label
    if total:
        return DEPARTMENT, ""
    if label in CLASS_WORDS:
        return CLASS, label
    if any(header_of(c.label) and c.kind == NAME and "项目" in c.label for c in table.columns):
        return PROJECT, label  # a 项目名称 column (perhaps after a 序号 column)
    return ITEM, label


def _head(label: str) -> str:
    """A row label without its bracketed qualifiers: 高标准农田建设（县级配套） is a project that
    the county co-funds, not the 县级 funding source; （一）财政拨款 stays a source."""
    return QUALIFIER.sub("", label) or label


def _class_metric(label: str, metric: str) -> tuple[str, str, str]:
    """A 基本支出/项目支出 row: its spending is the department's 基本支出/项目支出, its rate the
    class's rate; its other columns stay under the class."""
    if metric == "支出" and label in CLASS_RATE:
        return DEPARTMENT, "", label
    if metric == "执行率" and label in CLASS_RATE:
        return DEPARTMENT, "", CLASS_RATE[label]
    return CLASS, label, metric


def _column_metric(column) -> str:
    h = header_of(column.label)
    if h is None and column.period is not None:
        found = period_header(column.label)
        h = found[0] if found else None
    if h is None:
        return ""
    if h.kind == RATE:
        return "执行率"
    return COLUMN_METRIC.get(h.word, "")


# indicator rows --------------------------------------------------------------------------------
def _indicator_rows(table: Table, form: _Form, place: _Placer) -> list[Fact]:
    owners = _score_owners(table)
    names: dict[int, Cell] = {}
    out: list[Fact] = []
    for k, row in enumerate(table.rows):
        cells = dict(row)
        if _is_total(row[0][1].text):
            out.extend(_total_score(row, form, place, table.row_start(k, row[0][1].start)))
            continue
        for i, column in enumerate(table.columns):
            if column.level and i in cells:
                names = {lv: c for lv, c in names.items() if lv < column.level}
                names[column.level] = cells[i]
        if not names or not any(table.columns[i].level for i in cells):
            continue
        deepest = names[max(names)]
        unit = _row_unit(table, cells)
        for i, cell in row:
            column = table.columns[i]
            metric = _column_metric(column)
            if column.kind not in (SCORE, VALUE) or not metric:
                continue
            owner = names.get(owners.get(i, 0), deepest) if metric == "分值" else deepest
            cell_unit = "分" if column.kind == SCORE else unit
            fact = place.cell_fact(metric, INDICATOR, _name(owner.text), cell, cell_unit,
                                   table.row_start(k, owner.start))
            if fact is not None:
                out.append(fact)
    return out


def _is_total(label: str) -> bool:
    label = re.sub(r"\s+", "", label)
    return any(label.startswith(w) for w in TOTAL_LABELS + ("总分",)) and len(label) <= 6


def _total_score(row: list[tuple[int, Cell]], form: _Form, place: _Placer,
                 start: int) -> list[Fact]:
    """The 合计/总分 row of a score table: its weights' total, then the total score, which is
    the project's (in a project form) or the department's 自评得分."""
    numbers = [c for _, c in row[1:] if CELL_FIGURE.fullmatch(c.text.strip())]
    if len(numbers) != 2:
        return []
    scope, subject = (PROJECT, form.project) if form.project else (DEPARTMENT, "")
    fact = place.cell_fact("自评得分", scope, subject, numbers[1], "分", start)
    return [fact] if fact is not None else []


def _score_owners(table: Table) -> dict[int, int]:
    """For each 分值/权重 column, the level of the name column it follows when a deeper name
    column comes after it (一级指标|分值|二级指标|分值|三级指标|分值)."""
    owners, level = {}, 0
    deepest = max(c.level for c in table.columns)
    for i, column in enumerate(table.columns):
        if column.level:
            level = column.level
        elif column.kind == SCORE and level and level < deepest:
            owners[i] = level
    return owners


def _row_unit(table: Table, cells: dict[int, Cell]) -> str:
    for i, cell in cells.items():
        if table.columns[i].kind == TEXT and table.columns[i].label in UNIT_COLUMNS:
            text = cell.text.strip()
            if text in ("%", "％"):
                return "%"
            if re.fullmatch(r"[^\d\s=<>≤≥＝/／、，,]{1,4}", text):
                return text
    return ""


def _name(text: str) -> str:
    return re.sub(r"\s+", "", text)


# placing facts in the report -------------------------------------------------------------------
class _Placer:
    """Builds facts from cells: original offsets, the paragraph and section they fall in."""

    def __init__(self, norm: NormText, structure: ReportStructure) -> None:
        self.project = ""  # the project whose form the cells are in: part of their section
        self.norm = norm
        self.paragraphs = structure.paragraphs
        self.year = structure.year
        self.starts = [p.start for p in self.paragraphs]

    def path_at(self, original: int) -> tuple[str, ...]:
        """The heading path of the paragraph an original offset falls in."""
        k, _ = self._para(original)
        return tuple(self.paragraphs[k].path) if self.paragraphs else ()

    def _para(self, original: int) -> tuple[int, str]:
        pos = bisect.bisect_left(self.norm.offsets, original)
        k = max(0, bisect.bisect_right(self.starts, pos) - 1)
        if not self.paragraphs:
            return 0, ""
        return k, " > ".join(self.paragraphs[k].path)

    def cell_fact(self, metric: str, scope: str, subject: str, cell: Cell, unit: str,
                  row_start: int, period: str = "") -> Fact | None:
        m = CELL_FIGURE.search(cell.text)
        lead = cell.text[:m.start()].strip() if m else ""
        if not m or lead not in COMPARISON or cell.text[m.end():].strip() not in ("", "%", "％"):
            return None
        written = m.group("unit") or ("%" if cell.text.strip().endswith(("%", "％")) else "")
        if unit == "%" and written not in ("", "%"):
            return None
        unit = written or unit
        num = Cell(m.group("num"), cell.start + m.start("num"), cell.start + m.end("num"))
        return self.fact(metric, scope, subject, num, unit, row_start, cell.end, period)

    def fact(self, metric: str, scope: str, subject: str, num: Cell, unit: str, start: int,
             end: int, period: str = "") -> Fact:
        value, canonical = to_canonical(parse_number(num.text), unit)
        para, section = self._para(num.start)
        if self.project:  # a file of several project forms: each cell's form is its place
            section = f"{section} > {self.project}" if section else self.project
        metric = period_metric(metric, period) if period else metric
        return Fact(
            metric=metric, scope=scope, subject=subject, value=value, unit=canonical,
            period=period or (INITIAL if metric.startswith(INITIAL) else ""),
            text_value=f"{num.text}{unit}", raw=self.norm.original[num.start:num.end],
            quote=self.norm.original[start:end], start=start, end=end, num_start=num.start,
            num_end=num.end, section=section, para=para,
        )


def inside(spans: Iterable[tuple[int, int]], offset: int) -> bool:
    """Whether an original offset falls inside one of the spans."""
    return any(a <= offset < b for a, b in spans)
