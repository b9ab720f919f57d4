"""The types of understanding: `Intent` (what shape of answer a question asks), `Cue`
(further words that change how a skill answers), `Query` (a resolved question) and `Catalog`
(the indexed reports, as the resolver needs them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from assistant.facts.vocabulary import TERMS
from assistant.index.records import ReportRecord
from assistant.ingest.aliases import (
    NAMED_OFFICE,
    names_of,
    organisation_of,
    place_of,
)
from assistant.text.plain import plain_text


class Cue(StrEnum):
    """A further word of the question that changes how a skill answers (`intent.cues_of`)."""

    ASKS_PROJECT = "asks_project"  # 哪个项目, 的项目是: which project
    MOST = "most"  # 最多/最高/最大 (a ranking of projects)
    LEAST = "least"  # 最少/最低/最小
    CRITERIA = "criteria"  # 评分标准: how an indicator is scored
    HOW_MANY = "how_many"  # 多少, 几个: a figure is asked
    CONVERT = "convert"  # 折合, 多少万元: the figure in another unit
    ADJUSTED = "adjusted"  # 预算调增/调减: the final budget against the initial one
    LAST_YEAR = "last_year"  # 上年, 去年
    INITIAL = "initial"  # 年初, 调整
    SUM_WORD = "sum_word"  # 加起来, 合计: named parts added up
    DEPARTMENT_WIDE = "department_wide"  # 部门整体: the department's own figure
    INDICATOR_WORD = "indicator_word"  # 指标
    WITHIN = "within"  # 下设, 包括: what an indicator holds
    LEAVES_ONLY = "leaves_only"  # 三级 (indicators)
    WEIGHT_WORD = "weight_word"  # 权重 for 分值
    POINTS = "points"  # 哪些, 分别: numbered points may answer
    RATE_WORD = "rate_word"  # a 率 is asked
    BARE = "bare"  # little beyond the names and the year ("…的情况")
    WHY = "why"  # 为什么, 原因, 咋没: the reason is asked
    NAMES = "names"  # 叫什么, 哪几个: the names of what is counted are asked
    YES_NO = "yes_no"  # 算不算, 是不是, 是否属于: yes or no about what the report says
    SEVERAL_YEARS = "several_years"  # 两年, 历年, 各年度: more than one period (every year's report) is asked
    CHANGE = "change"  # 多了还是少了, 有什么变化: a change is asked (the years before the newest count)
    ROWS = "rows"  # 几个项目, 五个重点项目, 项目平均: the listed projects taken together
    AVERAGE = "average"  # 平均, 均值
    TIMES = "times"  # 多少倍, 几倍: a ratio asked as a multiple
    WHOLE_FIRST = "whole_first"  # the ratio's whole is named first ("B的预算，A是它的几倍")


class Intent(StrEnum):
    """What shape of answer a question asks (`understand.intent.intent_of` decides it)."""

    FIGURE = "figure"
    COMPARISON = "comparison"
    DIFFERENCE = "difference"
    GROWTH = "growth"  # this period against an earlier one: the change and its percentage
    SUM = "sum"
    SHARE = "share"
    RATIO = "ratio"  # one figure against another: 是…的多少倍, 完成了几成, 百分之几
    LIST = "list"
    TEXT = "text"
    REMAINING = "remaining"
    RECONCILE = "reconcile"
    RATE_CHECK = "rate_check"
    TARGET = "target"
    SUMMARY = "summary"


@dataclass(frozen=True)
class Query:
    """A resolved question."""

    text: str
    report_ids: tuple[str, ...] = ()  # reports the question is about, in mention order
    departments: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    unknown_places: tuple[str, ...] = ()  # departments named that no report covers
    missing_years: tuple[str, ...] = ()  # "番禺区政府办 2023" when only 2022 is indexed
    metrics: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()  # quoted or recognised project/indicator names
    intent: Intent = Intent.FIGURE  # the shape of answer asked
    list_kind: str = ""  # problem | measure | project | source | indicator (a table of figures)
    all_departments: bool = False
    mentions: tuple[tuple[int, int], ...] = ()  # spans of `text` naming a department or year
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (place, its departments) to ask
    near_names: tuple[str, ...] = ()  # indexed names close to an unknown one (typos)
    english: bool = False  # asked in English (text is then its Chinese gloss)
    key_figures: bool = False  # a department named and no figure: its key figures
    # names no alias lists, read as a department by the general matcher: (as written, department)
    understood: tuple[tuple[str, str], ...] = ()
    # a project, fund or programme the question names that no fact subject matches
    # ("应急值守及热线协调经费执行了多少"): never answered with the department's figure
    named_subject: str = ""
    # what the question names that the library's reports hold, when it names no department:
    # (phrase, the departments holding it); one is the department answered, several are asked
    held: tuple[str, tuple[str, ...]] = ()
    cues: frozenset[Cue] = frozenset()
    order: str = ""  # max | min: which is higher, or lower, is asked
    rank_by: str = ""  # the figure a ranking of projects is by
    indicator_metric: str = ""  # 实际值 | 目标值 | 得分 | 分值: what is asked of an indicator
    # operands, as (phrase, metric it names or ""): the phrase is matched to the metrics the
    # asked report states when it names none of the vocabulary (see `answer.lookup`)
    addends: tuple[tuple[str, str], ...] = ()  # "A、B和C加起来"
    compared: tuple[tuple[str, str], ...] = ()  # "A比B多多少"
    agreed: tuple[tuple[str, str], ...] = ()  # "A与B一致吗"
    asked: tuple = ()  # the items asked figures of (`understand.items.Asked`), in order
    row_count: int = 0  # how many rows the question counts ("五个项目": 5; 0 for 几 or none)
    # the year answered when none is asked and the unit has reports of several years (its
    # newest; `understand.newest`), 0 otherwise
    newest: int = 0

    def topic(self) -> str:
        """The question without the departments and years it names: what a passage that
        answers it must talk about. (Once retrieval is filtered to the named reports, the
        names only pull in title lines and, in a large index, outweigh the real terms.)"""
        out, last = [], 0
        for start, end in sorted(self.mentions):
            if start >= last:
                out += [self.text[last:start], " "]
            last = max(last, end)
        out.append(self.text[last:])
        return "".join(out)

    def search_terms(self) -> str:
        """Keyword query: when the search is already confined to the named reports, their names
        and years add nothing but title lines, so only the topic is searched; a follow-up
        ("那白云区呢？") brings the metric and subjects it inherited."""
        text = self.topic() if self.report_ids else self.text
        inherited = [w for w in (*self.metrics, *self.subjects) if w not in text]
        return " ".join([text, *inherited])

    def content(self) -> str:
        """The question without department names and years: what a passage must talk about
        (offices named but not indexed, "海珠区政府办", are not in the mentions)."""
        return NAMED_OFFICE.sub(" ", self.topic())


MEMO_LIMIT = 100_000  # phrases remembered with their holders


def in_order(phrase: str, name: str) -> bool:
    """Whether `phrase`'s characters appear in `name` in order."""
    rest = iter(name)
    return all(c in rest for c in phrase)


@dataclass
class Catalog:
    """The indexed reports, as the question resolver needs them."""

    reports: list[ReportRecord]
    subjects: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # rid -> (scope, subject)
    # a report's text by its id (the store's), read once when a question names no department
    text_of: Callable[[str], str] | None = field(default=None, repr=False, compare=False)

    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def names(self) -> list[tuple[str, str]]:
        """(alias, department), longest alias first."""
        if "names" not in self._memo:
            pairs = {(a, r.department) for r in self.reports for a in names_of(r)}
            self._memo["names"] = sorted(pairs, key=lambda p: -len(p[0]))
        return self._memo["names"]

    def reports_of(self, department: str) -> list[ReportRecord]:
        return [r for r in self.reports if r.department == department]

    def department_of(self, report_id: str) -> str:
        return next((r.department for r in self.reports if r.id == report_id), "")

    def departments(self) -> list[str]:
        """The indexed departments, in the order of their reports."""
        return list(dict.fromkeys(r.department for r in self.reports))

    def aliases_by_first(self) -> dict[str, list[tuple[str, str]]]:
        """(alias, department) by the alias's first character (names of four or more)."""
        if "first" not in self._memo:
            out: dict[str, list[tuple[str, str]]] = {}
            for alias, department in self.names():
                if len(alias) >= 4:
                    out.setdefault(alias[0], []).append((alias, department))
            self._memo["first"] = out
        return self._memo["first"]

    def words(self) -> list[str]:
        """The words a question is read against for typos: the metric terms and the short
        subject names (projects, indicators, funds) the library's reports use."""
        if "words" not in self._memo:
            subjects = {s for pairs in self.subjects.values() for _, s in pairs if 2 <= len(s) <= 12}
            self._memo["words"] = sorted({t.text for t in TERMS} | subjects)
        return self._memo["words"]

    def texts(self) -> dict[str, str]:
        """Each department's reports' text and subjects, joined (for `holders_of`)."""
        if "texts" not in self._memo:
            out: dict[str, list[str]] = {}
            for r in self.reports:
                parts = out.setdefault(r.department, [])
                parts += [s for _, s in self.subjects.get(r.id, ())]
                if self.text_of is not None:
                    parts.append(self.text_of(r.id))
            self._memo["texts"] = {d: plain_text("\n".join(parts)) for d, parts in out.items()}
        return self._memo["texts"]

    def subject_holders(self, phrase: str) -> tuple[str, ...]:
        """The departments with a subject (project, indicator, fund, item) naming `phrase`."""
        return tuple(dict.fromkeys(self.department_of(rid) for rid, pairs in self.subjects.items()
                                   if any(phrase in plain_text(s) for _, s in pairs)))

    def subsequence_holders(self, phrase: str) -> tuple[str, ...]:
        """The departments with a subject whose name holds `phrase`'s characters in order,
        from its first (耕地监测: 耕地质量监测), at most twice its length."""
        out = []
        for rid, pairs in self.subjects.items():
            for _, s in pairs:
                name = plain_text(s)
                at = name.find(phrase[0])
                if at >= 0 and len(name) <= 2 * len(phrase) + at and in_order(phrase, name[at:]):
                    out.append(self.department_of(rid))
                    break
        return tuple(dict.fromkeys(out))

    def holders_of(self, phrase: str) -> tuple[str, ...]:
        """The departments whose reports hold `phrase` (in their text or their subjects)."""
        memo = self._memo.setdefault("holders", {})
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        if phrase not in memo:
            memo[phrase] = tuple(d for d, text in self.texts().items() if phrase in text)
        return memo[phrase]

    def organisations(self) -> list[str]:
        """The organisations the indexed departments are, without their places (政府办 …)."""
        if "organisations" not in self._memo:
            found = {organisation_of(n) for r in self.reports for n in names_of(r)}
            self._memo["organisations"] = sorted(o for o in found if len(o) >= 2)
        return self._memo["organisations"]

    def places(self) -> dict[str, set[str]]:
        if "places" in self._memo:
            return self._memo["places"]
        out: dict[str, set[str]] = {}
        for r in self.reports:
            for alias in names_of(r):
                place = place_of(alias)
                if place:
                    out.setdefault(place, set()).add(r.department)
        self._memo["places"] = out
        return out
