"""Whose figure and which period: the subject a clause names before a figure, and the year
(or stage of the budget) the figure holds.

A report's prose mixes the department's own totals with figures of its funding sources
(一般公共预算财政拨款…), expenditure classes, 三公经费 items, sub-units, projects and
indicators, and with last year's figures quoted for comparison. The extractor finds the
metric (the vocabulary term before the number); this module decides the rest:

- the subject: the nearest mention before the figure in its clause (else the nearest one in
  the sentence's earlier clauses). A mention of the department itself (本部门, 我局, 部门整体,
  its name) and a total (合计, 总额, 全年…) are positive evidence for the department. With no
  mention at all the paragraph's context decides (the department, as before), so the plain
  sentences of a department's 收支 section keep their figures.
- the scope of a figure of a generic metric (预算数, 支出, 执行率, 收入…) is its subject's; a
  specific metric (基本支出, 财政拨款支出, 三公经费…) names its own subject and stays the
  department's unless a sub-unit or a project is named before it.
- the period: a named year other than the report's, 上年/去年, or 年初 (budgets only) in the
  clause before the figure; a named other year carries to the sentence's later clauses.
- a change from another period (较上年增加…, 同比下降…) is filed as a change, never as a level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.facts.model import (
    CLASS,
    CURRENT,
    DEPARTMENT,
    INDICATOR,
    INITIAL,
    ITEM,
    LAST_YEAR,
    PROJECT,
    SOURCE,
    UNIT,
    period_metric,
)
from assistant.facts.vocabulary import (
    ADJUSTED,
    BUDGET_RATE_WORDS,
    CHANGE,
    CHANGE_UP,
    CLASS_WORDS,
    COMPARED_WITH,
    DIRECT_CHANGE,
    DOCUMENT_ENDS,
    FILLER_WORD,
    GENERIC_PROJECTS,
    GROUP_NAME,
    INITIAL_WORDS,
    ITEM_WORDS,
    LABEL_BEFORE,
    LABEL_VERBS,
    LAST_YEAR_WORDS,
    MONEY_LABEL_ENDS,
    NAME_FILLERS,
    NAMED_YEAR,
    PROJECT_MENTION,
    ROLE_LEAD,
    SELF_WORDS,
    SIGNED_CHANGE,
    SOURCE_WORDS,
    TARGET_AFTER,
    TARGET_BEFORE,
    UNIT_MENTION,
    Term,
    self_words,
)
from assistant.text.markers import ITEM_START, LEADING_MARK
from assistant.text.numbers import MONEY, PEOPLE, RATE

# a name that is only its kind (what a project's name ends with)
NAME_KINDS = ("项目", "工程", "专项", "经费", "专项资金")
# a clause-opening word that is a verb, which may also stand inside a project's name
VERB_FILLER = re.compile(r"(?!其中|另外|此外|包括|主要|以及|按照|根据|通过|情况|分析|如下)[\u4e00-\u9fff]{2}")

# metrics that name no subject of their own: whose they are is the clause's subject
GENERIC_METRICS = {"预算数", "年初预算数", "支出", "执行率", "收入", "结转结余"}
COUNTED = re.compile(r"在\s*\d+\s*[个项]")
# words that refer back to the project named before (2022年该项目预算…)
REFER_BACK = re.compile(r"该项目|本项目|此项目|该专项|本专项|此专项|该工程|本工程|该项资金|此项资金")
# a noun that names a project, not an indicator, before a rate (项目执行率)
PROJECT_NOUNS = ("项目", "工程", "专项")
# what may stand between a clause's start and its topic (其中，2024年度 …)
CLAUSE_OPENING = re.compile(
    r"[\s　]*(?:其中|另外|此外|同时|以及|而|但)?[\s　]*(?:(?:19|20)\d{2}年度?|全年|本年度?|年内)?[\s　]*")
# a clause ends here (a subject named before it no longer qualifies what follows nearest)
CLAUSE_BREAK = re.compile(r"[，,；;：:]")
# what may stand between a subject's name and its figure ("…经费 46.00万元", "…为 3.6万元")
LABEL_GAP = re.compile(r"^[\s为是：:共计约达配套安排下达拨付投入金额资金预算收入支出]*$")
# a total: the department's own figure whatever subject came earlier in the sentence
# (全年 is a period, not a subject: a project's 全年预算 is the project's)
TOTAL = re.compile(r"合计|总计|总额|总金额|总收入|总支出|总预算")
CURRENT_WORDS = re.compile(r"本年度|本年|当年|今年|本期")
# a first clause that is only a comparison (与上年相比，…): it governs every clause after it
SENTENCE_COMPARISON = re.compile(
    r"[\s　]*(?:与|和|同|跟)(?:上年度?|上一年度?|去年|(?:19|20)\d{2}\s*年度?)(?:相比|比较)[，,]")
# a budget's final stage, of whichever year the clause names: it undoes 年初, not a named year
FINAL_WORDS = re.compile(r"调整后|全年")
# a word of the result after a target word: the figure is what was achieved
ACTUAL_AFTER = re.compile(r"实际|完成|实现")
BARE_CHANGE = re.compile(r"(增加|增长|提高|上升|减少|下降|降低)[了约达为]*\s*$")
COMPARED = re.compile(r"同比|环比|较(?!好|为|大|高|低|多|少|快|慢|强|弱)|比(?!例|重|率)|相比")
# a note in brackets after a name (其他资金（医疗收入等）): no part of the name
BRACKETED = re.compile(r"[（(][^（）()]{0,20}[）)]")
# a clause's own lead name: a short run of Han characters and nothing else
LEAD_NAME = re.compile(r"[\u4e00-\u9fff]{2,12}")
# where a subject's name ends to be a subject of the figure (the mention must end before it)
SPECIFIC_OVERRIDES = (UNIT,)
# preference among the subjects of one clause: what is spent on before where it comes from
NAMED_FIRST = (PROJECT, UNIT, ITEM, CLASS)


@dataclass(frozen=True)
class Report:
    """What the extractor knows of the report: its year and the department's names."""

    year: int | None = None
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    scope: str
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Decided:
    """A figure's metric, whose it is and when."""

    metric: str
    scope: str
    subject: str
    period: str = CURRENT
    base: str = ""  # the metric before its period was added (年初预算数 -> 预算数 of 年初)

    @property
    def filed(self) -> Decided:
        """The decision with the period in its metric (see model.period_metric)."""
        base = self.base or self.metric
        return replace(self, metric=period_metric(base, self.period), base=base)


# mentions ----------------------------------------------------------------------------------------
def mentions(sentence: str, report: Report) -> list[Mention]:
    """The subjects a sentence names, in order, none overlapping (words before projects)."""
    words: list[Mention] = []
    for scope, table in ((DEPARTMENT, self_words(report.names) + report.names), (SOURCE, SOURCE_WORDS),
                         (CLASS, CLASS_WORDS), (ITEM, ITEM_WORDS)):
        words += [Mention(scope, w, m.start(), m.end()) for w in table if w
                  for m in re.finditer(re.escape(w), sentence)]
    words += [Mention(UNIT, m.group(), m.start(), m.end()) for m in UNIT_MENTION.finditer(sentence)]
    kept = _longest_first(words)
    projects = [p for p in _projects(sentence, report.names)
                if not any(_overlap(p, k) for k in kept)]
    return sorted(kept + projects, key=lambda x: x.start)


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _longest_first(found: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for m in sorted(found, key=lambda x: (-(x.end - x.start), x.start)):
        if not any(_overlap(m, k) for k in kept):
            kept.append(m)
    return kept


def _projects(sentence: str, names: tuple[str, ...] = ()) -> list[Mention]:
    out = []
    for m in PROJECT_MENTION.finditer(sentence):
        if m.group("book"):
            name = m.group("book")
            if name.endswith(DOCUMENT_ENDS):
                continue
            out.append(Mention(PROJECT, name, m.start(), m.end()))
        elif m.group("quoted"):
            if m.group("qsuffix") or _is_project_name(m.group("quoted")):
                out.append(Mention(PROJECT, m.group("quoted") + (m.group("qsuffix") or ""),
                                   m.start(), m.end()))
        else:
            mention = _plain_project(m, names)
            if mention:
                out.append(mention)
            elif m.end("plain") - m.start("plain") > 4:
                # a run that only ends in a generic word (X项目是…最大的项目): the name may
                # stand earlier in it
                inner = _projects(sentence[:m.end("plain") - 1], names)
                out += [n for n in inner if n.start >= m.start("plain")]
    return out


def _is_project_name(name: str) -> bool:
    return name.endswith(("项目", "工程", "专项", "经费", "专项资金"))


def _plain_project(m: re.Match, names: tuple[str, ...] = ()) -> Mention | None:
    raw = m.group("plain")
    # the name after the last word that opens a clause (…完成X项目); when that leaves only the
    # kind of name and the word is a verb, not a particle, the verb is part of the name
    # (农村供水保障工程), which starts after the word before it
    cuts = list(FILLER_WORD.finditer(raw))
    name = _bare_name(raw[cuts[-1].end():] if cuts else raw, names)
    if cuts and name in NAME_KINDS and VERB_FILLER.fullmatch(cuts[-1].group()):
        name = _bare_name(raw[cuts[-2].end():] if len(cuts) > 1 else raw, names)
    if name in GENERIC_PROJECTS or len(name) < 4 or COUNTED.search(name) \
            or GROUP_NAME.search(name):
        return None  # 在5个项目中, X等项目: several projects, not a project's name
    start = m.start("plain") + len(raw) - len(name)
    return Mention(PROJECT, name, start, m.end("plain"))


def _bare_name(name: str, names: tuple[str, ...]) -> str:
    """A project's name without a list marker, a year or the department speaking before it."""
    name = LEADING_MARK.sub("", name)  # （2）…经费: the item's marker
    name = re.sub(r"^(?:(?:19|20)\d{2}年度?|年度|全年|本年度?|当年)", "", name)
    for word in (*SELF_WORDS, *names):  # 本局其余项目, <the department>其余15个项目
        if name.startswith(word):
            name = name[len(word):]
    return name


def _clause_start(sentence: str, pos: int) -> int:
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, pos)]
    return breaks[-1] if breaks else 0


# subjects ----------------------------------------------------------------------------------------
class SentenceReader:
    """Decides scope, subject and period for the figures of one sentence, in reading order."""

    def __init__(self, sentence: str, report: Report, targets_from: int | None = None,
                 antecedent: Mention | None = None) -> None:
        self.sentence = sentence
        self.report = report
        # the project an earlier sentence of the paragraph named: what 该项目 refers back to
        self.antecedent = antecedent
        # where the items of a list that a lead introduces as targets (绩效目标为：A；B) start
        # in the sentence; None when the sentence is no part of one
        self.targets_from = targets_from
        self.mentions = mentions(sentence, report)
        self.previous: Decided | None = None  # the sentence's previous figure
        # the sentence's figures read so far, with their values (what a comparison may refer to)
        self.figures: list[tuple[Decided, float, str]] = []
        # the start level of a from–to change just read (执行率由95.78%…): what the level it
        # reached (…提高到96.37%) is a figure of (`facts.levels`)
        self.from_level: Decided | None = None

    def remember(self, decided: Decided, value: float | None = None, unit: str = "") -> None:
        self.previous = decided
        if value is not None:
            self.figures.append((decided, value, unit))

    def subject(self, term: Term, term_start: int, num_start: int, scoped: bool = False
                ) -> tuple[str, str] | None:
        """(scope, subject) that a clause names for a figure of `term`; None = no evidence.
        `scoped`: the paragraph sits under a heading about other subjects (重点项目 …), where a
        合计 is the total of those subjects, not the department's."""
        clause = _clause_start(self.sentence, term_start)
        if term.metric not in GENERIC_METRICS:
            return self._specific_subject(clause, term_start) if term.kind == MONEY else None
        here = [m for m in self.mentions if clause <= m.start and m.end <= num_start]
        if here:
            return _pick(here)
        referred = self._referred(num_start)
        if referred is not None:
            return referred
        if TOTAL.search(self.sentence[clause:num_start]) and not scoped:
            return DEPARTMENT, ""
        parallel = self._parallel_subject(clause, term, term_start)
        if parallel is not None:
            return parallel
        earlier = [m for m in self.mentions if m.end <= clause
                   and (m.scope == DEPARTMENT or self._topic(m))]
        return _pick(earlier) if earlier else None

    def _parallel_subject(self, clause: int, term: Term, term_start: int) -> tuple[str, str] | None:
        """A clause that opens with a name of its own and then the very term that an earlier
        clause wrote right after its subject (财政拨款执行…，其他资金（…）执行…) is the same
        construction about another subject of the same kind: the figure is that name's, not
        the earlier clause's subject (which the name is not in any list of ours)."""
        before = self.sentence[clause:term_start]
        opening = CLAUSE_OPENING.match(before)
        lead = BRACKETED.sub("", before[opening.end() if opening else 0:]).strip()
        if not LEAD_NAME.fullmatch(lead):
            return None
        for m in reversed([m for m in self.mentions if m.end <= clause]):
            after = BRACKETED.sub("", self.sentence[m.end:clause]).lstrip()
            if m.scope != DEPARTMENT and after.startswith(term.text) and lead != m.name:
                return m.scope, lead
        return None

    def _topic(self, mention: Mention) -> bool:
        """Whether a mention is the topic of its clause (it opens it, after a filler or a
        year at most), so that the clauses after it go on about it; a name inside a clause
        (区财政追加了…专项资金) is what that clause's action concerns, not a topic."""
        start = _clause_start(self.sentence, mention.start)
        opening = self.sentence[start:mention.start]
        if start == 0 and ITEM_START.match(opening):
            return True  # the first clause of a list item is about what it names
        opening = re.split(r"[\s　]{2,}", opening)[-1]  # a heading run in before spaces
        for other in self.mentions:  # whose it is may come first: 我局“三公”经费, 本局X项目
            if start <= other.start and other.end <= mention.start:
                opening = opening.replace(other.name, "")
        return bool(CLAUSE_OPENING.fullmatch(opening.replace("的", "")))

    def last_project(self) -> Mention | None:
        """The last project the sentence names (what a later 该项目 refers back to)."""
        return next((m for m in reversed(self.mentions) if m.scope == PROJECT), None)

    def _referred(self, num_start: int) -> tuple[str, str] | None:
        """The project a 该项目 / 本项目 before the figure refers back to: the last one named
        before it in the sentence, else in an earlier sentence of the paragraph."""
        back = list(REFER_BACK.finditer(self.sentence, 0, num_start))
        if not back:
            return None
        named = [m for m in self.mentions if m.scope == PROJECT and m.end <= back[-1].start()]
        target = named[-1] if named else self.antecedent
        return (PROJECT, target.name) if target is not None else None

    def named_before_clause(self, term_start: int, num_start: int) -> bool:
        """Whether the subject of a figure can only come from an earlier clause: its own
        clause names none before it, an earlier one does."""
        clause = _clause_start(self.sentence, term_start)
        if any(clause <= m.start and m.end <= num_start for m in self.mentions):
            return False
        return any(m.end <= clause for m in self.mentions)

    def _specific_subject(self, clause: int, term_start: int) -> tuple[str, str] | None:
        """A sub-unit named before a specific metric (下属单位基本支出…) owns the figure."""
        here = [m for m in self.mentions if clause <= m.start and m.end <= term_start]
        if here and here[-1].scope in SPECIFIC_OVERRIDES:
            return here[-1].scope, here[-1].name
        return None

    def label_subject(self, num_start: int) -> Mention | None:
        """A subject named right before a figure that has no term (its label)."""
        clause = _clause_start(self.sentence, num_start)
        here = [m for m in self.mentions if clause <= m.start and m.end <= num_start
                and m.scope != DEPARTMENT]
        if not here:
            return None
        best = _pick_mention(here)
        gap = self.sentence[best.end:num_start]
        for other in here:  # a source between a project and its figure qualifies it
            if other.start >= best.end:
                gap = gap.replace(other.name, "")
        return best if LABEL_GAP.match(gap) else None

    # periods -------------------------------------------------------------------------------------
    def period(self, num_start: int, metric: str) -> str:
        """The period of a figure: the last period word of its clause before it (a named other
        year also of the sentence's earlier clauses); 年初 qualifies budgets only."""
        clause = _clause_start(self.sentence, num_start)
        text = self.sentence[clause:num_start]
        marks = self._period_marks(text, compared_too=True)
        if "预算" in metric:
            initial = [m.end() for m in INITIAL_WORDS.finditer(text)]
            final = [m.end() for m in FINAL_WORDS.finditer(text)]
            if initial and (not final or max(initial) > max(final)):
                marks.append((max(initial), INITIAL))
        if marks:
            return max(marks)[1]
        return self._earlier_year(clause)

    def _earlier_year(self, clause: int) -> str:
        """A named other year (or 上年) of the sentence's earlier clauses: 截至2022年12月31日，
        结余资金30万元 is 2022's."""
        marks = self._period_marks(self.sentence[:clause])
        return max(marks)[1] if marks else CURRENT

    def _period_marks(self, text: str, compared_too: bool = False) -> list[tuple[int, str]]:
        """(end, period) of each period word of `text`. A year a comparison names (比上年,
        较2022年, 与上年相比) holds only in its own clause (比2022年的263.14万元 is 2022's): it is
        the reference of a change, not the period of the sentence's later figures."""
        def compared(m: re.Match[str]) -> bool:
            return not compared_too and bool(COMPARED_WITH.search(text, 0, m.start()))

        marks = [(m.end(), self._year(m.group(1))) for m in NAMED_YEAR.finditer(text)
                 if not compared(m)]
        marks += [(m.end(), LAST_YEAR) for m in LAST_YEAR_WORDS.finditer(text) if not compared(m)]
        marks += [(m.end(), CURRENT) for m in CURRENT_WORDS.finditer(text)]
        return marks

    def named_period(self, digits: str) -> str:
        """The period of a year the text names: "" for the report's own year, else "2023年"."""
        return self._year(digits)

    def _year(self, digits: str) -> str:
        if self.report.year is None or int(digits) == self.report.year:
            return CURRENT
        return f"{digits}年"

    def is_target(self, num_start: int, num_end: int) -> bool:
        """Whether a figure is a target, not an actual: an item of a list of targets (unless
        its clause says 实际), a target word before it in its clause with no word of the
        result after that word (目标不低于95% / 计划完成率 vs 实际完成), or 的目标 right after
        it (未达到100%的目标)."""
        clause = self.sentence[_clause_start(self.sentence, num_start):num_start]
        listed = self.targets_from is not None and num_start >= self.targets_from
        if listed and "实际" not in clause:
            return True
        cues = list(TARGET_BEFORE.finditer(clause))
        if cues and not ACTUAL_AFTER.search(clause, cues[-1].end()):
            return True
        return bool(TARGET_AFTER.match(self.sentence[num_end:]))

    def change(self, num_start: int) -> str:
        """增加/减少 when the figure is a change from another period (较上年增加…, 同比下降…;
        a bare 下降 after such a comparison earlier in the sentence; a signed figure after a
        comparison or 变动: 较上年（-3.20%）), else ""."""
        before = self.sentence[:num_start]
        clause = before[_clause_start(self.sentence, num_start):]
        m = CHANGE.search(clause) or DIRECT_CHANGE.search(clause)
        signed = None if m else SIGNED_CHANGE.search(clause)
        if signed:
            sign = signed.group("sign") or signed.group("own") or "+"
            return "减少" if sign in "-－−" else "增加"
        if m:
            verb = m.group("verb")
        else:
            bare = BARE_CHANGE.search(clause)
            if not (bare and COMPARED.search(before)):
                return ""
            verb = bare.group(1)
        if verb == "持平":
            return ""
        return "增加" if verb in CHANGE_UP else "减少"

    def clause_start(self, pos: int) -> int:
        """Where the clause holding `pos` starts."""
        return _clause_start(self.sentence, pos)

    def adjusted(self, term_start: int) -> str:
        """增加/减少 when the clause adjusts the money its term names (调减X等项目预算…,
        追加…经费预算…): the figure is the adjustment, not the money's level; else ""."""
        clause = self.sentence[_clause_start(self.sentence, term_start):term_start]
        m = ADJUSTED.search(clause)
        if not m:
            return ""
        return "增加" if m.group("verb") in CHANGE_UP else "减少"


def _pick(found: list[Mention]) -> tuple[str, str]:
    best = _pick_mention(found)
    return (DEPARTMENT, "") if best.scope == DEPARTMENT else (best.scope, best.name)


def _pick_mention(found: list[Mention]) -> Mention:
    """The nearest mention; a department mention nearest wins, else a project, unit, item or
    class before a funding source (the source pays for it)."""
    if found[-1].scope == DEPARTMENT:
        return found[-1]
    named = [m for m in found if m.scope in NAMED_FIRST]
    return named[-1] if named else found[-1]


# indicators and labels -----------------------------------------------------------------------------
def rate_indicator(sentence: str, term: Term, term_start: int) -> str:
    """The indicator a rate term names with the noun right before it (任务完成率, 政府采购执行率),
    or "" when the rate is the budget's (部门预算执行率, 资金支付率, a bare 执行率)."""
    if term.metric != "执行率":
        return ""
    run = re.search(r"[\u4e00-\u9fff]{0,12}$", sentence[:term_start]).group()
    run = _without_role(sentence, term_start - len(run), NAME_FILLERS.sub("", run))
    run = re.sub(r"^(?:年度|全年|本年度?|当年)", "", run)
    if len(run) < 2 or run.endswith(BUDGET_RATE_WORDS) or any(w in run for w in SELF_WORDS):
        return ""
    if run.endswith(PROJECT_NOUNS):
        return ""  # 项目执行率, 该工程完成率: a project's rate, not an indicator's
    return run + term.text


def _without_role(sentence: str, start: int, name: str) -> str:
    """An indicator's name without the words of a figure's role that open it (目标为, 力争,
    实际 — also when they stand just before where the name was cut off) and without the
    rest of a year written before it (2023年高考本科上线率)."""
    lead = sentence[max(0, start - 6):start]
    joined = lead + name
    stripped = ROLE_LEAD.sub("", joined)
    if len(stripped) <= len(name):  # (a role word wholly before the name strips nothing)
        name = stripped
    if sentence[:start][-1:].isdigit() or lead.endswith(tuple("0123456789")):
        name = re.sub(r"^年度?", "", name)
    return name


def label_metric(sentence: str, num_start: int, kind: str) -> str:
    """The metric a short noun label right before a figure gives it, or "" when there is no
    clear one: 慰问对象120人 -> 慰问对象人数, 项目金额46万元 -> 项目金额, 群众满意度90% ->
    群众满意度 (an indicator's value). Counts are named by the noun after them instead."""
    m = LABEL_BEFORE.search(sentence[:num_start])
    if not m:
        return ""
    label = LABEL_VERBS.sub("", NAME_FILLERS.sub("", m.group("label")))
    if kind == RATE:
        label = _without_role(sentence, m.start("label") + len(m.group("label")) - len(label),
                              label)
    if len(label) < 2 or NAMED_YEAR.search(label) or label.endswith(("年", "月", "日", "第", "号")):
        return ""
    if kind == PEOPLE:
        return label if label.endswith(("人数", "人员")) else f"{label}人数"
    if kind == MONEY:
        return label if label.endswith(MONEY_LABEL_ENDS) else ""
    if kind == RATE:
        return label if label.endswith(("率", "度")) else ""
    return ""  # a count's label is the noun after it (3个二级单位), from the vocabulary


def label_scope(kind: str) -> str:
    """A labelled rate is an indicator's value; other labelled figures follow the paragraph."""
    return INDICATOR if kind == RATE else ""
