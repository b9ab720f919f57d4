"""Extract the figures a report states, each with its verbatim sentence.

For every number with a unit, the metric is the vocabulary term of the same unit kind that
ends nearest before it, looking no further back than the previous number in the sentence
(so "预算数 3181.27万元，执行数 3168.61万元" pairs each number with its own term). A number
with no term is not a fact: precision first. The paragraph decides the scope: an indicator
paragraph ("（1）收文处理率：预期…95%，实际…100%"), a project paragraph ("X工作：…该项目预算数…"
or a numbered heading under a 项目 section), or the department; inside a department paragraph
the subject a clause names before the figure (a funding source, an expenditure class, a 三公
item, a sub-unit, a project, an indicator) and the period it holds (上年, 2022年, 年初) are
decided by `facts.scope`. A number with no term of its own may still be read from what the
sentence just stated: the other role of the indicator just stated (…88.6%，年度目标为90%), the
level a change reached (调减120.00万元后为380.00万元), the earlier period's level a comparison
names (比2023年的92.47%), or an indicator's actual/target pair in a measure of its own
(`facts.measures`). Changes (调减…, 较上年增加…) are filed as changes of the metric they change.
Tables, whatever shape they arrive in, are rebuilt and read by `table_facts`; the prose
reading of their text is dropped, and the prose beside a table is read apart from it. A
workbook's label lines (基本支出 29,384,516.26, in the caption's 元) are read by `label_lines`;
a change written from one level to another (由A提高到B) by `levels`; a report that evaluates
one project files its unit-wide figures under that project (`project_report`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from assistant.facts.discourse import (
    is_list_scope,
    label_lead,
    lead_subject,
    paragraph_subject,
    totals_of_parts,
)
from assistant.facts.goal_lists import goal_list_facts
from assistant.facts.label_lines import label_line_facts, with_label_lines
from assistant.facts.levels import is_from_level, level_reached, start_level
from assistant.facts.measures import measure_pairs
from assistant.facts.model import (
    DEPARTMENT,
    INDICATOR,
    INITIAL,
    ITEM,
    LAST_YEAR,
    PROJECT,
    TARGET,
    UNRESOLVED,
    Fact,
    role_metric,
)
from assistant.facts.project_report import evaluated_project, filed_under_project
from assistant.facts.rank import one_department_value
from assistant.facts.scope import (
    CLAUSE_OPENING,
    COMPARED,
    CURRENT_WORDS,
    GENERIC_METRICS,
    LEAD_NAME,
    SENTENCE_COMPARISON,
    Decided,
    Report,
    SentenceReader,
    label_metric,
    label_scope,
    rate_indicator,
)
from assistant.facts.table_facts import inside, table_facts
from assistant.facts.vocabulary import (
    ACTUAL_WORDS,
    BARE_COUNT,
    BARE_TERMS,
    CLASS_RATE,
    COMPARED_LEVEL,
    COUNT_AFTER,
    GRADE,
    INDICATOR_MENTION,
    ITEM_BREAK,
    LEVEL_AFTER_CHANGE,
    LIST_LEAD,
    OFFICE_KIND,
    PER_PERSON,
    PROJECT_LEAD,
    RESULT_LEAD,
    SCORED_INDICATOR,
    TARGET_BEFORE,
    TARGET_LEAD,
    TARGET_LEAD_END,
    TARGET_WORDS,
    TERMS,
    Term,
    subject_key,
)
from assistant.ingest.normalise import NormText
from assistant.ingest.structure import Paragraph, ReportStructure
from assistant.ingest.tables.find import find_tables
from assistant.text.markers import (
    ENUM,
    ITEM_START,
    LABEL,
    NUMBERED_HEADING,
    NUMBERED_HEADING_MARK,
    sentence_pattern,
)
from assistant.text.numbers import (
    COUNT,
    MONEY,
    PEOPLE,
    RATE,
    SCORE,
    as_written,
    parse_number,
    to_canonical,
    unit_figures,
    unit_kind,
)

SENTENCE = sentence_pattern()
NAME_FILLERS_LEAD = re.compile(r"^(?:其中|其次|另外|此外|以及|和|及|的)[，,、：:]?")
PROJECT_HINT = re.compile(r"该项目|本项目|本专项|专项预算|项目预算|该专项|此项目|此项资金|该项资金")
# the end of a figure's clause, after a note on it in brackets (事业收入286.50万元（主要为…）、)
CLAUSE_END = re.compile(r"\s*(?:[（(][^（）()]{0,30}[）)]\s*)?(?:$|[，,。；;、）)]|以上|左右)")
# a count after a clause that qualifies what it counts (…偏慢的5个项目)
QUALIFIED = re.compile(r"的\s*$")
# the kind of a project's name a term may open with (资金预算: …资金 is the fund's name)
NAME_KIND_OPENING = re.compile(r"专项资金|项目|工程|专项|经费|资金")
SHARE = re.compile(r"占[^，。；]{0,10}?(?:的)?(?:比重|比例)?(?:为|达)?$")
CHANGE_ENDS = ("增加额", "减少额", "增幅", "降幅")
# a paragraph about a project or a spending item (its heading or lead names it): its budget,
# spending and rate are that subject's
OWN_FIGURES = (PROJECT, ITEM)
PROJECT_METRICS = {"预算数": "预算数", "年初预算数": "年初预算数", "支出": "支出", "项目支出": "支出", "执行率": "执行率",
                   "项目支出执行率": "执行率"}


@dataclass(frozen=True)
class Context:
    scope: str
    subject: str
    report: Report = field(default_factory=Report)
    targets_from: int = -1  # where the paragraph's list of targets starts (-1: it has none)
    # a 合计 in the paragraph totals the subjects its heading is about (重点项目, 二级单位), not
    # the department's money (as the sources under a 资金来源 heading add up to)
    totals_of_parts: bool = False


def extract_facts(norm: NormText, structure: ReportStructure, page_of=None) -> list[Fact]:
    """All facts of one report, in reading order, without exact duplicates."""
    facts: list[Fact] = []
    listing = False  # a lead paragraph introduced a list of targets, its items follow
    found = find_tables(norm.folded)
    tables = _normalised_spans(norm, found.spans)
    for index, para in enumerate(structure.paragraphs):
        if para.is_heading:
            listing = False
            continue
        text = norm.text[para.start:para.end]
        section = " > ".join(para.path)
        targets_from, listing = _targets_from(text, listing)
        ctx = replace(_context(text, para, structure), targets_from=targets_from,
                      totals_of_parts=totals_of_parts(para.path))
        facts.extend(_paragraph_facts(_without_tables(text, para.start, tables), para, ctx, norm,
                                      section, index))
    facts = _with_tables(facts, norm, structure, found)
    facts = with_label_lines(facts, label_line_facts(norm, structure, found.spans,
                                                     _pseudo_reader(_report(structure))))
    facts = _with_goal_lists(facts, goal_list_facts(norm, structure))
    facts = filed_under_project(facts, evaluated_project(norm.folded, structure, found))
    facts = one_department_value(facts, _report(structure).names)
    if page_of is not None:
        facts = [_with_page(f, page_of(f.num_start)) for f in facts]
    return _dedupe(facts)


def _pseudo_reader(report: Report):
    """The reader of the sentence a label line stands for (`facts.label_lines`): each of its
    figures' decision, in order (None where it has no metric)."""
    def decide(sentence: str) -> list[tuple[int, Decided | None]]:
        reader = SentenceReader(sentence, report)
        ctx = Context(DEPARTMENT, "", report)
        out, previous_end = [], 0
        for k, m in enumerate(unit_figures(sentence)):
            window_start, previous_end = previous_end, m.end()
            decided = _metric(sentence, window_start, m, ctx, reader)
            if decided is not None:
                reader.remember(decided)
            out.append((k, decided))
        return out
    return decide


def _targets_from(text: str, listing: bool) -> tuple[int, bool]:
    """Where a paragraph's list of targets starts (-1: none), and whether the paragraphs after
    it go on with that list. A lead that names targets ("绩效目标为：", "年度指标值如下：", not
    a lead about results) makes every item after its colon a target; a lead that ends its
    paragraph passes the role to the list items that follow, up to the first that is not one."""
    if listing and ITEM_START.match(text):
        return 0, True
    lead = LIST_LEAD.match(text)
    words = lead.group("lead") if lead else ""
    if not TARGET_LEAD.search(words) or not TARGET_LEAD_END.search(words) \
            or RESULT_LEAD.search(words):
        return -1, False
    return lead.end(), not text[lead.end():].strip()


def _normalised_spans(norm: NormText, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Original spans as spans of the normalised text."""
    return [(bisect.bisect_left(norm.offsets, a), bisect.bisect_left(norm.offsets, b))
            for a, b in spans]


def _without_tables(text: str, start: int, tables: list[tuple[int, int]]) -> str:
    """A paragraph's text with the tables in it as line breaks (one for one, offsets kept):
    the prose around a table is read in its own sentences, never run into the table's
    header and rows (…资金性质小型水库除险加固工程 is no project's name)."""
    chars = None
    for a, b in tables:
        lo, hi = max(a, start), min(b, start + len(text))
        if lo < hi:
            chars = chars or list(text)
            chars[lo - start:hi - start] = "\n" * (hi - lo)
    return "".join(chars) if chars else text


def _with_tables(facts: list[Fact], norm: NormText, structure: ReportStructure, found
                 ) -> list[Fact]:
    """Tables that the text has flattened are read as tables: their figures come from the
    rebuilt grid, and the prose reading of the same text is dropped."""
    if not found.spans:
        return facts
    kept = [f for f in facts if not inside(found.spans, f.num_start)]
    return sorted(kept + table_facts(found, norm, structure), key=lambda f: f.num_start)


def _with_goal_lists(facts: list[Fact], listed: list[Fact]) -> list[Fact]:
    """The targets of a list of them and their results (`facts.goal_lists`) replace the
    indicator readings of the same figures; a figure read as another subject's stays, and an
    indicator the report names in full elsewhere is left to that reading."""
    if not listed:
        return facts
    taken = {f.num_start for f in facts if f.scope != INDICATOR}
    listed = [f for f in listed if f.num_start not in taken]
    at = {f.num_start for f in listed}
    # an indicator the report names in full elsewhere (its form's 受益居民户数 for the list's
    # 受益居民) keeps that one name: the list's reading of it is not added
    elsewhere = [subject_key(f.subject) for f in facts
                 if f.scope == INDICATOR and f.num_start not in at and f.subject]
    listed = [f for f in listed
              if not any(subject_key(f.subject) in name for name in elsewhere)]
    # a target the report states no result for is only renamed where the extractor read it:
    # alone it would stand for the indicator in place of the sentences that say more
    paired = {f.subject for f in listed if f.metric == "实际值"}
    read = {f.num_start for f in facts}
    listed = [f for f in listed if f.subject in paired or f.num_start in read]
    at = {f.num_start for f in listed}
    return sorted([f for f in facts if f.num_start not in at] + listed, key=lambda f: f.num_start)


def _with_page(fact: Fact, page: int) -> Fact:
    return Fact(**{**fact.to_dict(), "page": page})


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple] = set()
    out = []
    for f in facts:
        key = (f.metric, f.scope, f.subject, f.value, f.text_value, f.num_start)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _context(text: str, para: Paragraph, structure: ReportStructure | None = None) -> Context:
    report = _report(structure)
    label = LABEL.match(text)
    # an indicator's paragraph: its name, then the target and the actual (收文处理率：预期…，
    # 实际…); the words in the label itself do not count (实际完成情况：A100%；B93.5%)
    body = text[label.end():] if label else ""
    if label and any(w in body for w in TARGET_WORDS[:3]) and "实际" in body:
        return Context(INDICATOR, label.group("name").strip(), report)
    if label and PROJECT_HINT.search(text):
        name = label.group("name").strip()
        if is_list_scope(name):  # 三个项目中：A项目预算…；B项目… — a scope, each clause its own
            return Context(UNRESOLVED, "", report)
        return Context(PROJECT, name, report)
    if len(para.path) >= 2 and para.path[-1] and "项目" in "".join(para.path[:-1]):
        heading = para.path[-1]
        if NUMBERED_HEADING.match(heading) and PROJECT_HINT.search(text):
            return Context(PROJECT, NUMBERED_HEADING_MARK.sub("", heading), report)
    found = paragraph_subject(text, para.path, report.names)
    if found is not None:
        return Context(*found, report)
    return Context(DEPARTMENT, "", report)


def _report(structure: ReportStructure | None) -> Report:
    """The report's year and the department's names (evidence of a department figure)."""
    if structure is None:
        return Report()
    names = tuple(n for n in (structure.department, *structure.aliases) if len(n) >= 3)
    return Report(year=structure.year, names=names)


def _paragraph_facts(
    text: str, para: Paragraph, ctx: Context, norm: NormText, section: str, index: int
) -> list[Fact]:
    facts: list[Fact] = []
    antecedent = None  # the project the paragraph's sentences so far named last (该项目 …)
    # the figures of the sentences just read when they end in ；: one sentence in meaning, what
    # a level of another year after the ； may be compared with (…支出3.86万元；2024年为4.12万元)
    carried: list = []
    for s in SENTENCE.finditer(text):
        sentence, s_off = s.group(), para.start + s.start()
        ctx = _relabelled(ctx, sentence) if s.start() > 0 else ctx
        if ctx.scope == INDICATOR:
            facts += _indicator_sentence(text, s.start(), sentence, ctx, norm, s_off, section, index)
        else:
            listed = max(0, ctx.targets_from - s.start()) if ctx.targets_from >= 0 else None
            reader = SentenceReader(sentence, ctx.report, listed, antecedent)
            reader.figures = list(carried)
            facts += _sentence_facts(sentence, ctx, norm, s_off, section, index, reader)
            facts += _measure_facts(sentence, norm, s_off, section, index)
            antecedent = reader.last_project() or antecedent
            carried = reader.figures if sentence.rstrip().endswith(CLAUSE_BREAKS) else []
        g = GRADE.search(sentence)
        if g and ctx.scope == DEPARTMENT:
            facts.append(_grade_fact(norm, g, s_off, sentence, section, index))
    return _keep_indicator_ends(facts) if ctx.scope == INDICATOR else facts


def _measure_facts(sentence: str, norm: NormText, s_off: int, section: str, index: int
                   ) -> list[Fact]:
    """An indicator's actual and target stated as a pair in a measure of their own
    (…治理长度10.6公里，年度目标12公里): see `facts.measures`."""
    out = []
    for pair in measure_pairs(sentence):
        for metric, (a, b) in (("实际值", pair.actual), ("目标值", pair.target)):
            start, end = norm.original_span(s_off, s_off + len(sentence))
            n_start, n_end = norm.original_span(s_off + a, s_off + b)
            number = sentence[a:b]
            out.append(Fact(
                metric=metric, scope=INDICATOR, subject=pair.name, value=parse_number(number),
                unit=pair.unit, text_value=f"{number}{pair.unit}",
                raw=norm.original[n_start:n_end], quote=norm.original[start:end], start=start,
                end=end, num_start=n_start, num_end=n_end, section=section, para=index))
    return out


def _relabelled(ctx: Context, sentence: str) -> Context:
    """A later sentence of a project's paragraph that opens with another project's label
    (…执行率97.00%。12320热线运行项目：预算…) is about that project from there on (lines the
    text joined into one paragraph)."""
    lead = label_lead(sentence) if ctx.scope in (PROJECT, UNRESOLVED) else ""
    found = lead_subject(lead, True, ctx.report.names) if lead else None
    return replace(ctx, scope=found[0], subject=found[1]) if found else ctx


def _indicator_sentence(
    text: str, start: int, sentence: str, ctx: Context, norm: NormText, s_off: int,
    section: str, index: int,
) -> list[Fact]:
    facts = []
    for m in unit_figures(sentence):
        metric = _indicator_metric(text[: start + m.start()], unit_kind(m.group("unit")))
        if metric:
            facts.append(_fact(norm, Decided(metric, INDICATOR, ctx.subject), m, s_off,
                               sentence, section, index))
    return facts


def _sentence_facts(
    sentence: str, ctx: Context, norm: NormText, s_off: int, section: str, index: int,
    reader: SentenceReader | None = None,
) -> list[Fact]:
    """The facts of one sentence outside indicator paragraphs: figures with a term, then
    figures with a clear label only (per-person standards, counts without a measure word).
    `reader`: the sentence's reader, when the paragraph gives it context (a list of targets,
    the project an earlier sentence named)."""
    reader = reader or SentenceReader(sentence, ctx.report)
    facts = []
    previous_end = 0
    taken: list[tuple[int, int]] = []
    for m in unit_figures(sentence):
        window_start, previous_end = previous_end, m.end()
        if sentence[m.end():m.end() + 2].startswith("/"):
            continue  # 300元/人: a per-person standard (see _unit_less)
        decided = _metric(sentence, window_start, m, ctx, reader)
        if decided is None:
            continue
        reader.remember(decided, *to_canonical(parse_number(m.group("num")), m.group("unit") or "个"))
        taken.append(m.span())
        facts.append(_fact(norm, decided, m, s_off, sentence, section, index))
    for m, decided in _unit_less(sentence, ctx, reader, taken):
        facts.append(_fact(norm, decided, m, s_off, sentence, section, index))
    return facts


def _metric(
    sentence: str, window_start: int, m: re.Match, ctx: Context, reader: SentenceReader
) -> Decided | None:
    """Metric, scope, subject and period of one number outside indicator paragraphs; None
    when the number has no clear metric."""
    window = sentence[window_start:m.start()]
    kind = unit_kind(m.group("unit"))
    previous = reader.previous
    if kind == RATE and previous and SHARE.search(window):
        return replace(previous, metric=f"{previous.metric}占比", base="")
    term = _nearest_term(window, kind)
    if kind in (PEOPLE, COUNT):
        term = _count_term(window, sentence[m.end():], kind, term)
        if term is False:
            return None
    term_start = window_start + _term_offset(window, term) if term else 0
    level = _compared_past_term(window, term, m, previous, reader)
    if level is not None:
        return level
    change = reader.change(m.start()) or (reader.adjusted(term_start) if term else "")
    if change:
        return _change(term, term_start, m, ctx, reader, change, (window, window_start))
    if term is None:
        reached, reader.from_level = level_reached(window, reader.from_level,
                                                   reader.named_period), None
        return (reached or _level_after_change(window, previous) or _paired(window, m, kind, reader)
                or _scored_indicator(sentence, m, kind, "得分")
                or _compared_level(window, m, previous, reader)
                or _labelled_role(_labelled(sentence, m, kind, ctx, reader), m, kind, reader))
    decided = _known_subject(window, term, m, kind, ctx, previous)
    if decided is None and kind == SCORE:
        decided = _indicator_score(sentence, term, m)
    if decided is None:
        scope, subject = _whose(term, term_start, m, ctx, reader)
        decided = Decided(term.metric, scope, subject)
        if kind == RATE and (scope == DEPARTMENT or _names_term(sentence, subject, term_start)
                             or reader.named_before_clause(term_start, m.start())):
            # the noun right before the rate names an indicator (任务完成率): it is that
            # indicator's, whatever subject an earlier clause named
            decided = _rate_subject(sentence, term, term_start, decided)
    decided = _part_of_total(decided, window, term, previous)
    decided = replace(decided, period=reader.period(m.start(), term.metric)).filed
    return _role(decided, window, m, kind, reader)


def _role(decided: Decided, window: str, m: re.Match, kind: str, reader: SentenceReader
          ) -> Decided | None:
    """A level read by its term as what it is: a target (不低于95%), the level a from–to
    change started from (执行率由95.78%提高到…: see `facts.levels`), else the level."""
    if kind != SCORE and reader.is_target(m.start(), m.end()):
        return _as_target(decided)
    if is_from_level(window, reader.sentence[m.end():]):
        reader.from_level = decided
        return start_level(decided, reader.sentence)
    return decided


def _part_of_total(decided: Decided, window: str, term: Term, previous: Decided | None
                   ) -> Decided:
    """A figure after 其中 that the vocabulary files under the same metric as the total before
    it (在职职工2,436人，其中在编人员1,712人) is a part of that total, not the total again:
    it is filed under the report's own words for it."""
    if (previous is None or "其中" not in window or previous.metric != decided.metric
            or previous.scope != decided.scope or previous.subject != decided.subject
            or term.text == decided.metric):
        return decided
    return replace(decided, metric=term.text, base="")


def _labelled_role(decided: Decided | None, m: re.Match, kind: str, reader: SentenceReader
                   ) -> Decided | None:
    """A figure read by its label, as a target when it is one (an item of a list of targets)."""
    if decided is not None and kind != SCORE and reader.is_target(m.start(), m.end()):
        return _as_target(decided)
    return decided


def _as_target(decided: Decided) -> Decided:
    """A target (不低于95%, 力争达到100%) filed apart from the actual level: an indicator's
    目标值, else the metric with 目标 after it (执行率目标)."""
    if decided.scope == INDICATOR and (decided.base or decided.metric) in ("实际值", "目标值"):
        return replace(decided, metric="目标值", base="").filed  # 2025年目标值 keeps its year
    return replace(decided, metric=role_metric(decided.metric, TARGET))


def _count_term(window: str, rest: str, kind: str, term: Term | None) -> Term | None | bool:
    """The term of a count (the noun after it when none is before it); False when the count
    is a part its clause picks out: 进度偏慢的5个项目, 在职人员中具有中级职称的32人."""
    if kind == COUNT and term is None:
        if QUALIFIED.search(window):
            return False
        term = _noun_after(rest) or _kind_of_office(window)
    if term is not None and _part_of(window, term):
        return False
    return term


def _kind_of_office(window: str) -> Term | None:
    """A count right after a kind of office (职能科室22个, 临床科室36个): the number of offices
    of that kind, each kind its own metric (they are parts, not rival counts of one thing)."""
    m = OFFICE_KIND.search(window)
    return Term(m.group("noun"), f"{m.group('noun')}数", COUNT) if m else None


def _part_of(window: str, term: Term) -> bool:
    """Whether a count follows its term as a part of it (在职人员中…的32人)."""
    after = window[_term_offset(window, term) + len(term.text):]
    return after.startswith("中") and "的" in after


def _change(
    term: Term | None, term_start: int, m: re.Match, ctx: Context, reader: SentenceReader,
    change: str, window: tuple[str, int] = ("", 0),
) -> Decided | None:
    """A change from another period (比上年增加100万元, 同比增长5%): filed as 支出增加额, 支出增幅 … under
    the metric it changes (its term, else the amount a rate's own clause names, else the
    sentence's previous figure's), never as a level. `window`: the text before the figure and
    where it starts."""
    previous = reader.previous
    rate = unit_kind(m.group("unit")) == RATE
    if term is None and rate:
        term, term_start = _changed_amount(*window)
    name = ("增幅" if change == "增加" else "降幅") if rate else f"{change}额"
    if term is not None:
        scope, subject = _whose(term, term_start, m, ctx, reader)
        base = _final(term.metric)  # 全年预算比年初预算增加…: a change of the budget
        return Decided(f"{base}{name}", scope, subject, base=base)
    if previous is None or (previous.period and not _against(reader, m.start(), previous)):
        return None
    base = _final(previous.base or previous.metric)  # 年初预算…，年中调减…: the budget's change
    return Decided(f"{base}{name}", previous.scope, previous.subject, base=base)


def _final(metric: str) -> str:
    """The metric a change of `metric` changes: a change of the 年初 budget is the budget's."""
    return metric[len(INITIAL):] if metric.startswith(INITIAL) else metric


def _compared_level(window: str, figure: re.Match, previous: Decided | None,
                    reader: SentenceReader) -> Decided | None:
    """A figure right after the period a comparison names (…执行率96.38%，比2023年的92.47%提高…,
    …，上年为6.95万元): the metric and subject of the figure it is compared with, in that period.
    That figure is the sentence's current figure of the same unit nearest in size (a year's
    level is compared with a level of like size: 三公经费5.19万元，其中…接待费0.37万元，较上年5.54万元
    compares the 三公经费), else the previous figure."""
    m = COMPARED_LEVEL.search(window)
    if m is None:
        return None
    previous = _compared_with(figure, reader) or previous
    if previous is None or previous.period or previous.metric.endswith(CHANGE_ENDS):
        return None
    year = m.group("year") or m.group("own")
    period = reader.named_period(year) if year else LAST_YEAR
    if not period:
        return None
    base = previous.base or previous.metric
    return Decided(base, previous.scope, previous.subject, period).filed


def _compared_past_term(window: str, term: Term | None, figure: re.Match,
                        previous: Decided | None, reader: SentenceReader) -> Decided | None:
    """A level of another period whose clause opens with the period (…，未发生公务接待费，上年为
    6.95万元): the term in an earlier clause is not this figure's."""
    compared = COMPARED_LEVEL.search(window)
    if term is None or compared is None or _term_offset(window, term) >= compared.start():
        return None
    return _compared_level(window, figure, previous, reader)


CLAUSE_BREAKS = ("；", ";")
# how far apart in size (a ratio) two years' levels of one metric may be
LEVEL_RATIO = 2.0


def _compared_with(figure: re.Match, reader: SentenceReader) -> Decided | None:
    """The sentence's current figure of the same unit nearest in size to `figure`; None
    when none is within LEVEL_RATIO of it."""
    value, unit = to_canonical(parse_number(figure.group("num")), figure.group("unit") or "个")
    if not value or value <= 0:
        return None
    near = [(max(v / value, value / v), d) for d, v, u in reader.figures
            if u == unit and v and v > 0 and not d.period and not d.metric.endswith(CHANGE_ENDS)]
    near = [(r, d) for r, d in near if r <= LEVEL_RATIO]
    return min(near, key=lambda x: x[0])[1] if near else None


def _paired(window: str, m: re.Match, kind: str, reader: SentenceReader) -> Decided | None:
    """The other role of the indicator the sentence's previous figure states: its target
    after its actual (满意度88.6%，年度目标为90% / 88.9%，低于90%的目标) or its actual after its
    target (定期检验率不低于99%，实际达到99.3% / 力争合格率达到98%，实际合格率97.6%); None
    when the words since that figure name no role, or the same one."""
    previous = reader.previous
    if kind != RATE or previous is None or previous.scope != INDICATOR \
            or previous.metric not in ("目标值", "实际值") or "%" not in m.group("unit"):
        return None
    actual = bool(re.search("|".join(ACTUAL_WORDS), window))
    target = not actual and (bool(TARGET_BEFORE.search(window))
                             or reader.is_target(m.start(), m.end()))
    role = "实际值" if actual else "目标值" if target else ""
    if not role or role == previous.metric:
        return None
    return Decided(role, INDICATOR, previous.subject)


def _level_after_change(window: str, previous: Decided | None) -> Decided | None:
    """The level a change just stated reached (调减120.00万元后为380.00万元: 380.00 is the
    budget's level after it), or None."""
    if (previous is None or not previous.base or not previous.metric.endswith(("增加额", "减少额"))
            or not LEVEL_AFTER_CHANGE.match(window)):
        return None
    return Decided(previous.base, previous.scope, previous.subject)


def _against(reader: SentenceReader, num_start: int, previous: Decided) -> bool:
    """Whether a change follows the figure it is measured against: last year's level, then
    较上年增加… in the change's own clause (this year's change), or the 年初 budget, then
    年中调减… (its adjustment)."""
    if previous.period == INITIAL:
        return True
    before = reader.sentence[:num_start]
    start = max(before.rfind(mark) for mark in "，；：。") + 1  # (not a thousands separator)
    # 较上年增加… in the change's clause; 本年增加… right after last year's level; or a
    # comparison that opens the sentence for all its clauses (与上年相比，2022年…，本年增加…)
    return bool(COMPARED.search(before, start) or CURRENT_WORDS.search(before, start)
                or SENTENCE_COMPARISON.match(reader.sentence))


def _known_subject(
    window: str, term: Term, m: re.Match, kind: str, ctx: Context, previous: Decided | None
) -> Decided | None:
    """The subjects the extractor always knew: an expenditure class's bare rate, the
    paragraph's project, the item of an enumeration (一是…经费支出X万元)."""
    previous_metric = previous.metric if previous else ""
    if _rate_of_class(window, term, previous_metric):
        return Decided(CLASS_RATE[previous_metric], previous.scope, previous.subject)
    if ctx.scope in OWN_FIGURES and term.metric in PROJECT_METRICS:
        return Decided(PROJECT_METRICS[term.metric], ctx.scope, ctx.subject)
    if kind == MONEY and term.metric in {"支出", "预算数"}:
        enum = list(ENUM.finditer(window))
        if enum and window.rfind(term.text) > enum[-1].end():
            name = window[enum[-1].end(): window.rfind(term.text)].strip("，、 ")
            if 2 <= len(name) <= 30:
                return Decided(term.metric, PROJECT, name)
    return None


def _indicator_score(sentence: str, term: Term, m: re.Match) -> Decided | None:
    """A weight or score after an indicator the sentence names (“预算执行率”指标分值10分，得分9.5分)
    is that indicator's, never the department's 自评得分."""
    if term.metric == "分值":
        scored = _scored_indicator(sentence, m, SCORE, "分值")
        if scored is not None:
            return scored
    named = list(INDICATOR_MENTION.finditer(sentence, 0, m.start()))
    if not named:
        return None
    name = named[-1].group("quoted") or named[-1].group("plain")
    metric = "分值" if term.metric == "分值" else "得分"
    return Decided(metric, INDICATOR, NAME_FILLERS_LEAD.sub("", name))


def _scored_indicator(sentence: str, m: re.Match, kind: str, metric: str) -> Decided | None:
    """A score written right after an indicator's name (决策指标9分) is that indicator's 得分,
    and a weight in the same item (…9分（满分10分）) its 分值: the name, the score and the
    weight stay within their own item of the list, never the department's."""
    if kind != SCORE:
        return None
    named = [n for n in SCORED_INDICATOR.finditer(sentence, 0, m.start() + 1)
             if not ITEM_BREAK.search(sentence, n.end(), m.start())]
    if not named or (metric == "得分" and named[-1].end() != m.start()):
        return None
    return Decided(metric, INDICATOR, NAME_FILLERS_LEAD.sub("", named[-1].group("name")))


def _whose(
    term: Term, term_start: int, m: re.Match, ctx: Context, reader: SentenceReader
) -> tuple[str, str]:
    """(scope, subject): the subject the sentence names for the figure, else the paragraph's."""
    named = reader.subject(term, term_start, m.start(), scoped=ctx.totals_of_parts)
    if named is not None:
        return named
    if ctx.scope in OWN_FIGURES and term.metric in PROJECT_METRICS:
        return ctx.scope, ctx.subject
    if ctx.scope == UNRESOLVED and term.metric in GENERIC_METRICS:
        # under a 重点项目 heading or a lead that lists projects, a bare 全年预算 is no
        # department's; a clause that opens with a fund's or project's name is about it
        lead = _clause_lead(reader, term, term_start)
        return (PROJECT, lead) if lead else (UNRESOLVED, "")
    return DEPARTMENT, ""


def _clause_lead(reader: SentenceReader, term: Term, term_start: int) -> str:
    """The name a clause opens with right before its term, when it names a project or fund
    (森林防火项目|预算…, 公益林补偿资金|预算… — also where the term takes in the name's last
    word: 公益林补偿|资金预算), else ""."""
    before = reader.sentence[reader.clause_start(term_start):term_start]
    opening = CLAUSE_OPENING.match(before)
    name = before[opening.end() if opening else 0:].strip()
    kind = NAME_KIND_OPENING.match(term.text)
    name += kind.group() if kind else ""
    return name if LEAD_NAME.fullmatch(name) and PROJECT_LEAD.search(name) else ""


def _names_term(sentence: str, subject: str, term_start: int) -> bool:
    """Whether a subject's name is the first half of the term's noun (政府采购|执行率)."""
    return bool(subject) and sentence[:term_start].endswith(subject)


def _rate_subject(sentence: str, term: Term, term_start: int, decided: Decided) -> Decided:
    """A rate whose term follows an indicator's noun (任务完成率) is that indicator's value."""
    name = rate_indicator(sentence, term, term_start)
    return Decided("实际值", INDICATOR, name) if name else decided


def _term_offset(window: str, term: Term) -> int:
    """Where the term starts in the window (quote marks inside it allowed: “三公”经费)."""
    pos = window.rfind(term.text)
    if pos >= 0:
        return pos
    quoted = "[“”\"'‘’「」]*".join(map(re.escape, term.text))
    hits = list(re.finditer(quoted, window))
    return hits[-1].start() if hits else len(window)


def _labelled(
    sentence: str, m: re.Match, kind: str, ctx: Context, reader: SentenceReader
) -> Decided | None:
    """A number with no term: a subject's figure when the subject labels it (其中：一般公共
    预算财政拨款800万元 -> the 收入 of that source; …经费 46万元 -> that project's 金额), else
    the metric its short noun label gives (慰问对象120人 -> 慰问对象人数)."""
    if (ctx.scope == PROJECT and kind != RATE) or not CLAUSE_END.match(sentence[m.end():]):
        return None  # 建立200人的人才库, 深入10个单位: the figure qualifies what follows
    subject = reader.label_subject(m.start()) if kind == MONEY else None
    previous = reader.previous
    if subject is not None:
        base = (previous.base or previous.metric) if previous and previous.scope != INDICATOR else ""
        metric = _label_subject_metric(sentence[subject.end:m.start()], subject.name, base)
        period = reader.period(m.start(), metric)
        return Decided(metric, subject.scope, subject.name, period).filed
    metric = label_metric(sentence, m.start(), kind)
    if not metric:
        return None
    scope = label_scope(kind) or ctx.scope
    period = reader.period(m.start(), metric)
    if scope == INDICATOR:
        before = sentence[:m.start()]
        cue = _indicator_metric(before[:before.rfind(metric)], kind)
        return Decided(cue or "实际值", INDICATOR, metric, period).filed
    return Decided(metric, scope, ctx.subject if scope != DEPARTMENT else "", period).filed


def _label_subject_metric(gap: str, name: str, base: str) -> str:
    """The metric of a subject's figure written without a term: the total the sentence broke
    down (其中：财政拨款1000万元 is that 收入's part), a 预算 or 收入 the label says, else 金额."""
    if base and _money(base):
        # a source's part of a total: the total's kind (a 财政拨款收入 before it: 收入)
        return next((kind for kind in ("收入", "支出") if base.endswith(kind) and base != kind),
                    base)
    for word, metric in (("预算", "预算数"), ("支出", "支出"), ("收入", "收入")):
        if word in gap:
            return metric
    return "收入" if name.endswith("收入") else "金额"


def _money(metric: str) -> bool:
    return any(t.metric == metric and t.kind == MONEY for t in TERMS)


def _unit_less(
    sentence: str, ctx: Context, reader: SentenceReader, taken: list[tuple[int, int]]
) -> list[tuple[re.Match, Decided]]:
    """Figures written without a unit the number pattern knows: a per-person standard
    (300元/人, 300/人) under its label, a count before a noun of units (3二级单位)."""
    out = []
    for m in PER_PERSON.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if not CLAUSE_END.match(sentence[m.end():]):
            continue
        label = label_metric(sentence, m.start(), MONEY) or "人均标准"
        out.append((m, Decided(label, ctx.scope, ctx.subject if ctx.scope != DEPARTMENT else "")))
    for m in BARE_COUNT.finditer(sentence):
        term = _noun_after(sentence[m.end():])
        if term is not None and not any(a <= m.start() < b for a, b in taken):
            out.append((m, Decided(term.metric, DEPARTMENT, "")))
    return out


def _rate_of_class(window: str, term: Term, previous_metric: str) -> bool:
    """A bare 执行率 that follows the figure of an expenditure class in the same clause
    ("项目支出X元,执行率达Y%") is that class's rate."""
    return (term.metric == "执行率" and previous_metric in CLASS_RATE
            and window.lstrip(" ,，、").startswith(term.text))


def _changed_amount(window: str, window_start: int) -> tuple[Term | None, int]:
    """(the amount a growth rate's own clause names before its change word, where it starts):
    本年支出较上年增长3.69% is the growth of 支出, not of the sentence's previous figure
    (执行率95.12%); (None, 0) when the clause names no amount."""
    term = _nearest_term(re.split(r"[，,；;：:]", window)[-1], MONEY)
    return (term, window_start + _term_offset(window, term)) if term else (None, 0)


def _nearest_term(window: str, kind: str) -> Term | None:
    """The term of this unit kind ending nearest the end of the window (longest on ties).
    Quote marks are ignored: “三公”经费 is 三公经费."""
    window = re.sub(r"[“”\"'‘’「」]", "", window)
    best: tuple[int, int, Term] | None = None
    for term in TERMS:
        if term.kind != kind:
            continue
        pos = window.rfind(term.text)
        if pos < 0:
            continue
        end = pos + len(term.text)
        rank = (end, len(term.text))
        if best is None or rank > best[:2]:
            best = (end, len(term.text), term)
    if kind == MONEY:
        for metric, pattern in BARE_TERMS.items():
            bare = pattern.search(window)
            if bare and (best is None or bare.end("term") > best[0]):
                best = (bare.end("term"), 0, Term(bare.group("term"), metric, MONEY))
    return best[2] if best else None


def _noun_after(rest: str) -> Term | None:
    """The counted noun right after a count (等9个科室); not one that qualifies what follows
    (6个项目的支出)."""
    for term in sorted(COUNT_AFTER, key=lambda t: -len(t.text)):
        if rest.startswith(term.text):
            return None if rest[len(term.text):].startswith("的") else term
    return None


def _indicator_metric(before: str, kind: str) -> str:
    """目标值 / 实际值 / 分值 / 得分 by the nearest cue word before the number."""
    if kind == SCORE:
        cues = [(max(before.rfind(w) for w in ("分值", "权重", "满分")), "分值"),
                (before.rfind("扣"), "扣分"), (before.rfind("得"), "得分")]
        pos, metric = max(cues)
        return metric if pos >= 0 else "得分"
    cues = [(before.rfind(w), "目标值") for w in TARGET_WORDS] + [
        (before.rfind(w), "实际值") for w in ACTUAL_WORDS
    ]
    pos, metric = max(cues)
    return metric if pos >= 0 else ""


def _keep_indicator_ends(facts: list[Fact]) -> list[Fact]:
    """An indicator paragraph may cite several actual figures; keep the first target and the
    last actual of the target's unit (the indicator's own value closes the paragraph)."""
    targets = [f for f in facts if f.metric == "目标值"]
    if not targets:
        return [f for f in facts if f.metric not in {"目标值", "实际值"}]
    unit = targets[0].unit
    actuals = [f for f in facts if f.metric == "实际值" and f.unit == unit]
    others = [f for f in facts if f.metric not in {"目标值", "实际值"}]
    return targets[:1] + actuals[-1:] + others


def _fact(
    norm: NormText, d: Decided, m: re.Match, s_off: int, sentence: str, section: str, index: int,
) -> Fact:
    unit = m.groupdict().get("unit") or ""
    value, canonical = to_canonical(parse_number(m.group("num")), unit or "个")
    if "/" in unit:  # a per-person standard stays in its own unit (元/人)
        value, canonical = parse_number(m.group("num")), unit if unit.startswith("元") else "元" + unit
    start, end = norm.original_span(s_off, s_off + len(sentence))
    n_start, n_end = norm.original_span(s_off + m.start(), s_off + m.end())
    return Fact(
        metric=d.metric, scope=d.scope, subject=d.subject, value=value, unit=canonical,
        text_value=f"{as_written(m.group('num'), norm.original[n_start:n_end])}{unit}",
        raw=norm.original[n_start:n_end], quote=norm.original[start:end], start=start, end=end,
        num_start=n_start, num_end=n_end, section=section, para=index, period=d.period,
    )


def _grade_fact(
    norm: NormText, g: re.Match, s_off: int, sentence: str, section: str, index: int
) -> Fact:
    start, end = norm.original_span(s_off, s_off + len(sentence))
    n_start, n_end = norm.original_span(s_off + g.start("grade"), s_off + g.end("grade"))
    return Fact(
        metric="绩效评级", scope=DEPARTMENT, subject="", value=None, unit="",
        text_value=g.group("grade"), raw=norm.original[n_start:n_end],
        quote=norm.original[start:end], start=start, end=end,
        num_start=n_start, num_end=n_end, section=section, para=index,
    )
