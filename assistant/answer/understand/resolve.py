"""Understand a question: which departments and years, which metric(s), which kind of answer.

Departments are resolved against the aliases of the indexed reports (derived by rule from
their full names), then by place name ("白云区") when that is unambiguous. A place that no
indexed report covers ("海珠区政府办") is remembered as unknown so the answer can say the
reports do not contain it. Follow-ups reuse the previous turn's departments, years and metric.

What generalises beyond the names of the samples:
- "这五个部门", "各单位", "所有报告", "全部" mean every indexed department (of the year named);
- words that only look like places (我是区…, 对各区…, 县级) are no places; a place with several
  indexed departments is asked back (`Query.ambiguous`) unless the question compares them;
- a long question (background text) is read from the clause it asks (`asked_clause`);
- a name that abbreviates one indexed name is that department; a name near one (a typo) is
  unknown, with the near names as suggestions (`Query.near_names`);
- English finance words are read as their metrics (`gloss`);
- a question naming a department and no figure asks for its key figures (`KEY_METRICS`);
- subjects of the facts table are found also when shortened (`_subjects`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.answer.fuzzy import (
    common_run,
    is_abbreviation,
    is_misspelt_abbreviation,
    is_subsequence,
    near_names,
)
from assistant.answer.understand.departments import abbreviates, misspells, place_typo
from assistant.answer.understand.departments import find as match_departments
from assistant.answer.understand.departments import places as name_places
from assistant.answer.understand.register import plain as plain_register
from assistant.answer.understand.tolerant import correct as correct_typos
from assistant.facts.vocabulary import CLASS_RATE, TERMS, subject_key
from assistant.index.records import ReportRecord
from assistant.ingest.aliases import (
    ORG_SUFFIXES,
    PLACE_ORGAN,
    names_of,
    names_organisation,
    organisation_of,
    place_of,
    short_name,
)
from assistant.text.numbers import YEAR_IN_TEXT, YEAR_MENTION

YEAR = YEAR_IN_TEXT
QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,40})[”\"」』]")
PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}?[区县])(?!级)")
# characters no place name is made of: a "place" containing one is a phrase (我是区, 对各区)
NOT_PLACE_CHARS = set("我你他她它们是对各每本该全此这那哪其在的和与及或了向为从把被等有到于给将由以让"
                      "所个些几多少省市区县乡镇级里")
# words for an area in general, not a named place
# (not 城区, 山区, 新区, 林区, 矿区, 地区: 东城区, 宝山区, 浦东新区 … are places)
AREA_WORDS = ("社区", "小区", "景区", "园区", "市区", "辖区", "片区", "街区", "校区", "灾区", "老区",
              "学区", "库区", "牧区", "农区", "功能区", "示范区", "保护区", "试验区")
_COUNT = r"[两二三四五六七八九十几\d]+"
ALL_DEPARTMENTS = re.compile(
    r"这几份|这些报告|这些部门|这些单位|各部门|各单位|各区|各县|各个(?:部门|单位)|每个(?:部门|单位)"
    r"|所有(?:部门|单位|报告)|哪个部门|哪一个部门|哪个单位|哪家|几个部门|几个单位|全部"
    rf"|这{_COUNT}(?:个|家|份)(?:部门|单位|报告)?|{_COUNT}(?:个|家|份)[\u4e00-\u9fff]{{0,6}}?(?:部门|单位|报告)")
# the key figures of a department, answered when a question names it and no figure
KEY_METRICS = ("预算数", "支出", "执行率", "自评得分")
# what is left of such a question once its department and year are taken out
FILLER = re.compile(r"[呢吗嘛吧啊呀的那么呃嗯了，。？！?!,.、\s（）()]|情况|怎么样|如何|介绍|一下|概况|主要|关键"
                    r"|数据|数字|指标|财务|请问|帮我|看看|说说|查询|查一下|查|年度|年|整体|部门|报告|绩效|自评")
LISTED_NEAR = 5  # at most this many names suggested
LONG_QUESTION = 120  # characters: past this, the asked clause decides
ASK_CUE = re.compile(r"[？?]|吗|多少|哪|什么|是否|几|如何|怎么|请问|请|帮我|列出|比较|对比|分别|有没有")

# colloquial ways to name a metric, checked before the report vocabulary
COLLOQUIAL: tuple[tuple[str, str], ...] = (
    (r"重点(?:任务)?项目(?:经费)?", "重点任务项目支出"),
    (r"(?:预算)?(?:执行|完成|支付|支出)[（(][^）)]{1,4}[）)]率", "执行率"),
    (r"花了多少钱|花了多少|花费|开支", "支出"),
    (r"预算(?=(?:金额|额)?(?:是|为|有|共|一共|总共)?多少)", "预算数"),
    (r"(?:实际)?执行了?(?=(?:是|为|有|共|一共|总共)?多少)", "支出"),
    (r"在职(?:在编)?(?:人员|人数)?|在编人员", "在职人员"),
    (r"退休", "退休人员"),
    (r"内设(?:科室|机构|处室)|几个科室", "内设机构数"),
    (r"自评(?:得分|分数)|评价得分|绩效得分|得了多少分|打了多少分|多少分|总分", "自评得分"),
    (r"评级|等级", "绩效评级"),
    (r"关键指标", "关键指标数"),
    (r"收支比率|收支比", "收支比率"),
)
INDICATOR_METRICS = (("实际", "实际值"), ("预期", "目标值"), ("目标", "目标值"),
                     ("得了多少分|得了几分|得分|多少分|几分", "得分"), ("分值|权重", "分值"),
                     ("指标值", "目标值"), ("完成值", "实际值"))

GENRE = re.compile(r"(?:部门)?整体支出绩效(?:自评|评价)?(?:报告)?")
# which of them is higher, in any wording (更高, 哪个高, 谁的…更多, 比…高还是低)
MAX_WORDS = re.compile(r"最高|最多|更高|更多|最大|更大|高于|多于|哪个(?:更)?[高多大]|哪一个(?:更)?[高多大]"
                       r"|谁[^，。？?]{0,16}[高多大]|[高多大]还是[低少小]"
                       r"|哪(?:一)?个[^，。？?]{1,8}?(?<![提])[高大](?![于低小])")  # 哪个执行率高
MIN_WORDS = re.compile(r"最低|最少|更低|更少|最小|更小|低于|少于|哪个(?:更)?[低少小]|哪一个(?:更)?[低少小]"
                       r"|谁[^，。？?]{0,16}[低少小](?!还是)"
                       r"|哪(?:一)?个[^，。？?]{1,8}?(?<![降减])[低小](?![于])")  # 哪个执行率低
# the words that ask which is higher (not what is compared): 谁的, 哪个多, 更高, 高还是低
COMPARE_CUE = re.compile(r"谁的|谁|哪(?:一)?个(?:更)?[高低多少大小]?|更[高低多少大小]|[高多大]还是[低少小]")
COMPARE = re.compile(r"哪个|哪一个|谁|比较|对比|更高|更低|更多|更少|最高|最低|最多|最少|排名|排序|分别")
DIFFERENCE = re.compile(r"多了多少|少了多少|差了多少|相差|差额|差距|高出|低了|多出|少出|差多少"
                        r"|比[^，。？?]{0,24}(?:多|少|高|低|增加|减少|增长|下降|提高|降低)了?(?:多少|几)"
                        r"|调增|调减|调高|调低|增加了多少|减少了多少|增长了多少|下降了多少")
SUM = re.compile(r"合计|加起来|总和|一共|总共|共计")
SHARE = re.compile(r"占[^，。？?]{0,12}?(?:的)?(?:比重|比例|百分比|多少)")
LIST = re.compile(r"哪些|什么问题|什么措施|怎么改进|如何改进|改进措施|存在的主要问题|主要问题|是什么|有什么|分别是")
PROBLEMS = re.compile(r"问题|不足")
MEASURES = re.compile(r"改进|措施|整改|下一步")
# measures the report has taken (采取了哪些措施, 主要做法): its text, not its list of next steps
MEASURES_TAKEN = re.compile(r"采取了?[^。？?]{0,6}(?:措施|做法)|主要做法|(?:开展|做)了哪些")
# both lists asked in one question: "存在哪些问题，下一步怎么改进"
ASKS_BOTH = re.compile(r"问题[^。？?]{0,12}(?:[，,、；和及与]|以及)[^。？?]{0,8}(?:改进|措施|整改|下一步)")
SUMMARY = re.compile(r"总结|概括|概述|归纳|摘要|简要介绍|简单介绍|主要内容|报告讲了什么|报告说了什么")
AGREE = re.compile(r"对得上|对不上|一致吗|是否一致|一致不|相符|吻合|是否相等|相等吗|等于[^，。？?]{0,12}吗|对吗|算得对|准确吗|有没有出入|有出入")
RECOMPUTE = re.compile(r"计算|算出|算的|算下来|换算|推算|按[^，。？?]{0,16}算")
TARGET = re.compile(r"达到(?:了)?(?:预期|年度|绩效)?目标|达标|完成(?:了)?(?:预期|年度|绩效)?目标|实现(?:了)?(?:预期|年度|绩效)?目标"
                    r"|完成了吗|完成没|完成了没|实现了吗|达到了吗|达到没|是否完成|是否达到|是否实现|有没有完成|有没有达到")
REMAINING = re.compile(r"没有?执行|未执行|未支出|没支出|没花|没有?用完|未用完|剩余|剩下|还剩|结余(?:了)?多少|尚未(?:执行|支出|使用)|未使用")
WHY = re.compile(r"为什么|原因|为何")
CARRIED = re.compile(r"结转")
NOT_PROJECT_METRIC = r"(?!支出|经费支出|资金支出|执行率|数量?|金额)"
TABLE_LISTS = (
    (re.compile(r"(?:哪些|各个?|每个|每一个|每一项|每项|所有|全部|具体)(?:重点|专项)?项目" + NOT_PROJECT_METRIC
                + r"|项目(?:有哪些|都有|分别是|清单|列表)"), "project"),
    (re.compile(r"(?:哪些|各个?|每个|每一?项|每种|所有|全部)资金来源|资金来源(?:有哪些|都有|分别)"), "source"),
    (re.compile(r"(?:哪些|各个?|每个|每一?项|所有|全部)(?:[一二三]级)?(?:绩效|考核|评价)?指标(?!数|体系)"
                r"|指标(?:有哪些|都有|分别是|清单)"), "indicator"),
)


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
    # figure | comparison | difference | sum | share | list | text | remaining | reconcile |
    # rate_check | target | summary
    kind: str = "figure"
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


@dataclass
class Catalog:
    """The indexed reports, as the question resolver needs them."""

    reports: list[ReportRecord]
    subjects: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # rid -> (scope, subject)

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


def resolve(question: str, catalog: Catalog, history: Sequence[Query] = ()) -> Query:
    """Resolve a question, filling gaps from the earlier turns of the conversation."""
    text, english = gloss(question.strip())
    text = plain_register(text)
    text, _ = correct_typos(text, catalog.words(), _kept_spans(text, catalog))
    previous = history[-1] if history else None
    span = asked_clause(text)
    focus = text[span[0]:span[1]]
    years = _years(text, focus)
    names = _names(text, span, catalog, previous, years)
    names.text = text
    mentions = names.mentions + tuple(m.span() for m in YEAR_MENTION.finditer(text))
    every = bool(ALL_DEPARTMENTS.search(focus))
    all_deps = every and not (names.departments or names.unknown or names.ambiguous)
    scope = _scope_ids(names.departments, years, all_deps, previous, catalog)
    subjects, subject_spans = _subjects(focus, catalog, scope)
    subjects = _every_subject(focus, catalog, scope) or subjects
    metrics = _metrics(focus, subject_spans)
    if not metrics and not subjects and focus != text:
        metrics = _metrics(text)
    kind, list_kind = _kind(focus, metrics)
    if kind not in {"share", "difference", "reconcile", "rate_check", "remaining"}:
        metrics = _specific(metrics)
    d = _Draft(names.departments, years, metrics, subjects, kind, names.ambiguous, every)
    if previous is not None and not all_deps:
        _follow_up(d, names, history)
    _complete(d, names, catalog, all_deps)
    key = bool(d.departments) and not d.metrics and not d.subjects and _names_only(text, mentions)
    if key:
        d.metrics, d.kind = KEY_METRICS, "figure"
    if len(d.departments) > 1 and d.kind == "figure":
        d.kind = "comparison"
    report_ids, missing = _reports(d.departments, d.years, catalog)
    if report_ids and d.subjects:
        d.subjects = _own_subjects(d.subjects, report_ids, catalog, text)
    named = "" if d.subjects else _named_subject(text, mentions)
    if not named and not d.subjects and d.kind == "target":
        named = _target_item(text, mentions)
    return Query(text=text, report_ids=report_ids, departments=d.departments, years=d.years,
                 unknown_places=names.unknown, missing_years=missing, metrics=d.metrics,
                 subjects=d.subjects, kind=d.kind, list_kind=list_kind, all_departments=all_deps,
                 mentions=mentions, ambiguous=d.ambiguous, near_names=names.near,
                 english=english, key_figures=key, named_subject=named,
                 understood=tuple(u for u in names.understood if u[1] in d.departments))


@dataclass
class _Draft:
    """What a question asks, while its gaps are filled."""

    departments: tuple[str, ...]
    years: tuple[int, ...]
    metrics: tuple[str, ...]
    subjects: tuple[str, ...]
    kind: str
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...]
    every: bool = False  # "各单位", "这几个部门": all that the place or library holds


def _follow_up(d: _Draft, names: _Names, history: Sequence[Query]) -> None:
    """Fill what a follow-up leaves out from the previous turn(s)."""
    previous = history[-1]
    if not d.departments and not names.unknown and not names.ambiguous:
        d.departments = previous.departments
        if d.kind == "comparison":
            d.departments = tuple(dict.fromkeys(x for q in history[-2:] for x in q.departments))
    if not d.years and (not d.departments or set(d.departments) & set(previous.departments)
                        or previous.years):
        d.years = previous.years
    if not d.metrics and not d.subjects and d.kind not in {"list"}:
        d.metrics, d.subjects = previous.metrics, previous.subjects
        if d.kind == "figure" and previous.kind not in {"list", "text"}:
            d.kind = previous.kind if len(d.departments) <= 1 else "comparison"


def _complete(d: _Draft, names: _Names, catalog: Catalog, all_deps: bool) -> None:
    """Departments the question means without naming them one by one."""
    if d.ambiguous and (d.kind == "comparison" or d.every):  # "比较某县各单位的…": all of the place
        d.departments = tuple(dict.fromkeys([*d.departments, *(x for _, ds in d.ambiguous for x in ds)]))
        d.ambiguous = ()
    if all_deps:
        d.departments = _all_departments(catalog, d.years, names.text)
    elif not d.departments and not names.unknown and not d.ambiguous:
        d.departments = _implied_departments(catalog, d.subjects)


# reading the question -----------------------------------------------------------------------------
ENGLISH: tuple[tuple[str, str], ...] = (
    (r"(?:budget )?(?:execution|implementation|completion|spending) rate", "执行率"),
    (r"self[- ]?(?:evaluation|assessment) scores?|(?:evaluation|performance) scores?|scores?",
     "自评得分"),
    (r"basic (?:expenditures?|spending)", "基本支出"),
    (r"project (?:expenditures?|spending)", "项目支出"),
    (r"initial budget|original budget", "年初预算"),
    (r"carry[- ]?overs?|balances?", "结转结余"),
    (r"left (?:unexecuted|unspent|unused)|unexecuted|unspent|not (?:yet )?(?:executed|spent)",
     "未执行"),
    (r"total (?:expenditures?|spending)|expenditures?|spending|spent|spend", "支出"),
    (r"budget(?:ed)?(?: amount)?", "预算数"),
    (r"revenues?|income", "收入合计"),
    (r"staff|employees|personnel|headcount", "在职人员"),
    (r"retir(?:ed|ees)(?: staff)?", "退休人员"),
    (r"problems?|issues?|shortcomings?", "存在的主要问题有哪些"),
    (r"next[- ]steps?", "下一步"),
    (r"improvement measures?|measures", "改进措施有哪些"),
    (r"funding sources?|sources? of funds?", "资金来源"),
    (r"does (?:it|this|that) match|match(?:es)?|consistent", "一致吗"),
    (r"lowest|least|smallest", "最低"),
    (r"highest|most|largest", "最高"),
    (r"compare|comparison", "比较"),
    (r"all (?:the )?(?:departments|reports|units)|each department|every department", "所有部门"),
    (r"which", "哪个"),
    (r"difference|more than|less than", "相差"),
    (r"sum|combined|altogether|in total", "合计"),
    (r"how (?:much|many)", "多少"),
)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# a question with this many English words is read as English (the Chinese names it keeps,
# however long, stay as written)
ENGLISH_WORDS = 3


def gloss(text: str) -> tuple[str, bool]:
    """A question asked in English, as the Chinese words its finance terms mean (names and
    anything else written in Chinese kept, words with no gloss dropped: "what is", "of");
    (text, False) for a Chinese question."""
    words = LATIN_WORD.findall(text)
    if len(words) < ENGLISH_WORDS:
        return text, False
    out = re.sub(r"\b(20\d{2})\b", r"\1年", re.sub(r"['’]s\b", "", text))
    for pattern, chinese in ENGLISH:
        out = re.sub(rf"\b(?:{pattern})\b", chinese, out, flags=re.I)
    out = LATIN_WORD.sub(" ", out)
    return re.sub(r"\s+", " ", out).strip(" ,.?") + "？", True


def asked_clause(text: str) -> tuple[int, int]:
    """The span of the clause a long question asks (the last sentence with a question cue,
    with the sentence before it when it is short); the whole text for a short question."""
    if len(text) <= LONG_QUESTION:
        return 0, len(text)
    ends = [m.end() for m in re.finditer(r"[。！？?!；;\n]+", text)]
    starts = [0, *ends]
    spans = [(a, b) for a, b in zip(starts, [*ends, len(text)], strict=False) if text[a:b].strip()]
    for a, b in reversed(spans):
        if ASK_CUE.search(text[a:b]):
            if b - a < 12:
                a = max((s for s, _ in spans if s < a), default=a)
            return a, b
    return spans[-1] if spans else (0, len(text))


def _kept_spans(text: str, catalog: Catalog) -> list[tuple[int, int]]:
    """Where the question writes a name of the library's departments as it is indexed, or a
    year (2023年 is never the 年 of a term: 2023年谋划 is no 年初)."""
    return [m.span() for alias, _ in catalog.names() if alias in text
            for m in re.finditer(re.escape(alias), text)] + \
        [m.span() for m in YEAR_MENTION.finditer(text)]


def _years(text: str, focus: str) -> tuple[int, ...]:
    found = YEAR.findall(focus) or YEAR.findall(text)
    return tuple(dict.fromkeys(int(y) for y in found))


def _names_only(text: str, mentions: tuple[tuple[int, int], ...]) -> bool:
    """Whether the question is only a department (and year): "市政府办公厅呢？"."""
    rest, last = [], 0
    for start, end in sorted(mentions):
        rest.append(text[last:start])
        last = max(last, end)
    rest.append(text[last:])
    return not FILLER.sub("", "".join(rest))


def _target_item(text: str, mentions: tuple[tuple[int, int], ...]) -> str:
    """What a "target met?" question asks about when it is no known subject nor metric
    (新增农村互助养老站目标完成了吗): the longest run of words left once the department, the
    year, the metric words and the question's cue are taken out; '' when nothing is left
    (预算执行达到目标了吗 asks about the department's budget)."""
    masked = list(text)
    spans = [*mentions, *_metric_spans(text), *(m.span() for m in TARGET.finditer(text))]
    for a, b in spans:
        masked[a:b] = [" "] * (b - a)
    rest = FILLER.sub(" ", "".join(masked))
    terms = [t.text for t in TERMS]
    runs = [r for r in re.findall(r"[\u4e00-\u9fff]{4,}", rest)
            if not any(r in t for t in terms)]  # 预算执行 is a metric word's beginning
    return max(runs, key=len) if runs else ""


def _scope_ids(departments, years, all_deps: bool, previous: Query | None,
               catalog: Catalog) -> tuple[str, ...]:
    """The reports whose subjects the question may name (for shortened names)."""
    if all_deps:
        return tuple(r.id for r in catalog.reports)
    if departments:
        return _reports(departments, years, catalog)[0]
    if previous:
        return previous.report_ids
    return tuple(r.id for r in catalog.reports) if len(catalog.departments()) == 1 else ()


def _all_departments(catalog: Catalog, years: tuple[int, ...], text: str = "") -> tuple[str, ...]:
    """Every indexed department (of the place the question names, "这四份临江的报告", when
    several are of it); of the years named, when a year is named and indexed."""
    every = tuple(catalog.departments())
    placed = tuple(d for d in every if any(stem in text for stem in _place_stems(d)))
    every = placed if len(placed) >= 2 else every
    if not years:
        return every
    dated = tuple(d for d in every if any(r.year in years for r in catalog.reports_of(d)))
    return dated or every


def _place_stems(department: str) -> list[str]:
    """The places a department's name opens with, with and without their level word
    (临江市, 临江)."""
    out = []
    for place in name_places(department):
        out += [place, place[:-1]] if len(place) >= 3 else [place]
    return [p for p in out if len(p) >= 2]


def _implied_departments(catalog: Catalog, subjects: tuple[str, ...]) -> tuple[str, ...]:
    """A question that names no department: the library's only department, or the one
    department whose reports hold every subject the question names."""
    every = catalog.departments()
    if len(every) == 1:
        return tuple(every)
    if not subjects:
        return ()
    keys = {subject_key(s) for s in subjects}
    holders = {catalog.department_of(rid) for rid, pairs in catalog.subjects.items()
               if keys <= {subject_key(s) for _, s in pairs}}
    holders.discard("")
    return tuple(holders) if len(holders) == 1 else ()


# departments ------------------------------------------------------------------------------------
@dataclass
class _Names:
    departments: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    mentions: tuple[tuple[int, int], ...] = ()
    near: tuple[str, ...] = ()
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()
    understood: tuple[tuple[str, str], ...] = ()  # (name as written, department it was read as)
    text: str = ""  # the question (a place it names narrows "all departments")


def _names(text: str, span: tuple[int, int], catalog: Catalog, previous: Query | None,
           years: tuple[int, ...]) -> _Names:
    """The departments the asked clause names; the whole question's when the clause names none."""
    a, b = span
    names = _departments(text[a:b], catalog, previous, years)
    if (a, b) != (0, len(text)) and not (names.departments or names.unknown or names.ambiguous):
        return _departments(text, catalog, previous, years)
    names.mentions = tuple((s + a, e + a) for s, e in names.mentions)
    return names


def _departments(text: str, catalog: Catalog, previous: Query | None,
                 years: tuple[int, ...] = ()) -> _Names:
    found, taken = _alias_mentions(text, catalog)
    places = catalog.places()
    out = _Names()
    unknown: list[str] = []
    near: list[str] = []
    ambiguous: list[tuple[str, tuple[str, ...]]] = []
    spans: list[tuple[int, int]] = []
    read_as: list[tuple[str, str]] = []
    for m in PLACE.finditer(text):
        typed = _place_name(m, places, taken)
        if typed is None or not is_place(typed):
            continue
        place = _known_place(typed, places)
        organ = _organ_after(text, m.end())
        if place in places and not _unknown_organ(organ, places[place], catalog):
            options = places[place]
            department = _place_department(text, m, options, previous, years, catalog)
            spans.append(_place_mention(text, m))
            if department:
                found.append((m.start(), department))
                read_as += [(typed + organ, department)] if typed != place else []
            else:
                ambiguous.append((place, tuple(sorted(options))))
        elif organ or names_organisation(text, m.end(), catalog.organisations()):
            unknown.append(place + organ)  # a department of a place no report covers
            spans.append((m.start(), m.end() + len(organ)))
            near += _near(place + organ, place, catalog)
        elif near_names(place, places):  # a typo of an indexed place
            unknown.append(place)
            near += _near(place, place, catalog)
    fuzzy_found, fuzzy_unknown, fuzzy_near, fuzzy_spans = _fuzzy_names(text, catalog, taken + spans)
    found += fuzzy_found
    for name, span, close in _unindexed(text, catalog, taken + spans + fuzzy_spans):
        unknown.append(name)
        spans.append(span)
        near += close
    if not found and not ambiguous:
        matched = _matched(text, catalog, taken + spans + fuzzy_spans, unknown, near)
        found += matched.found
        ambiguous += matched.ambiguous
        spans += matched.spans
        out.understood = matched.understood
        if matched.found or matched.ambiguous:
            unknown = [u for u in unknown if not any(u in said for said, _ in matched.written)]
            fuzzy_unknown = [u for u in fuzzy_unknown if not any(u in said for said, _ in matched.written)]
            near = fuzzy_near = [] if not (unknown or fuzzy_unknown) else near
    found.sort()
    out.departments = tuple(dict.fromkeys(d for _, d in found))
    out.unknown = tuple(dict.fromkeys([*unknown, *fuzzy_unknown]))
    out.near = tuple(dict.fromkeys([*near, *fuzzy_near]))
    out.ambiguous = tuple(dict.fromkeys(p for p in ambiguous if not set(p[1]) & set(out.departments)))
    out.mentions = tuple(taken + spans + fuzzy_spans)
    out.understood = (*read_as, *out.understood)
    return out


def _known_place(typed: str, places: dict[str, set[str]]) -> str:
    """The library's place `typed` stands for: itself, or the one place it is a typo of
    (白芸区 for 白云区; `understand.departments.place_typo`)."""
    if typed in places:
        return typed
    close = [p for p in places if place_typo(typed, p)]
    return close[0] if len(close) == 1 else typed


@dataclass
class _Matched:
    found: list = field(default_factory=list)  # (start, department)
    ambiguous: list = field(default_factory=list)  # (name, departments)
    spans: list = field(default_factory=list)
    understood: tuple[tuple[str, str], ...] = ()
    written: list = field(default_factory=list)  # (name as written, span)


def _matched(text: str, catalog: Catalog, taken: list[tuple[int, int]], unknown: list[str],
             near: list[str]) -> _Matched:
    """Names no alias lists, matched by the general matcher (`understand.departments`): by
    character order or a typo; a name "您是否要找" would suggest exactly one department for is
    read as that department."""
    out = _Matched()
    names = catalog.names()
    understood: list[tuple[str, str]] = []
    for m in match_departments(text, names, taken):
        out.spans.append((m.start, m.end))
        out.written.append((m.said, (m.start, m.end)))
        if len(m.departments) == 1:
            out.found.append((m.start, m.departments[0]))
            understood.append((m.said, m.departments[0]))
        else:
            out.ambiguous.append((m.said, m.departments))
    if not out.found and not out.ambiguous and len(unknown) == 1:
        suggested = {d for alias, d in names if alias in near}
        close = {d for alias, d in names if d in suggested
                 and (misspells(unknown[0], alias) or abbreviates(unknown[0], alias))}
        if len(suggested) == 1 and close == suggested:
            department = next(iter(suggested))
            at = text.find(unknown[0])
            out.found.append((max(at, 0), department))
            out.written.append((unknown[0], (at, at + len(unknown[0]))))
            understood.append((unknown[0], department))
    out.understood = tuple(understood)
    return out


def is_place(place: str) -> bool:
    """Whether a 区/县 word can be a named place: not a phrase (我是区, 对各区, 全县) nor a
    word for an area in general (社区, 辖区)."""
    return _place_stem(place[:-1]) and not place.endswith(AREA_WORDS)


def _place_stem(stem: str) -> bool:
    """Whether the characters before 区/县/市/镇 can name a place."""
    return len(stem) >= 2 and not set(stem) & NOT_PLACE_CHARS


# an organisation named right after a place: 财政局, 卫生健康委员会, 政府办 (no function words)
ORGAN_AFTER = re.compile(rf"[^\W\d_的是在和与及对各为了等年]{{0,8}}?(?:{'|'.join(ORG_SUFFIXES)})")


# a place above or below the county (保山市, 某州, 某镇) that an organisation's name begins with
OTHER_PLACE = re.compile(r"[\u4e00-\u9fff]{2,4}?[省市州盟旗镇乡]")


def _unindexed(text: str, catalog: Catalog, taken: list[tuple[int, int]]):
    """(name, span, near names) of each organisation of a city, prefecture or town the text
    names (保山市财政局) that is no indexed department's name."""
    out = []
    for m in OTHER_PLACE.finditer(text):
        place = m.group()
        organ = _organ_after(text, m.end())
        span = (m.start(), m.end() + len(organ))
        if (not organ or not _place_stem(place[:-1])
                or any(a < span[1] and span[0] < b for a, b in taken)):
            continue
        name = place + organ
        close = near_names(name, [a for a, _ in catalog.names()])
        stem = place[:-1]
        close = close or [short_name(d) for d in catalog.departments() if stem in d][:LISTED_NEAR]
        out.append((name, span, close))
        taken = [*taken, span]
    return out


def _organ_after(text: str, pos: int) -> str:
    m = ORGAN_AFTER.match(text, pos)
    return m.group() if m else ""


def _unknown_organ(organ: str, options: set[str], catalog: Catalog) -> bool:
    """Whether the organisation named after a known place is none of the place's indexed
    departments (番禺区财政局 when only its 政府办 is indexed)."""
    if len(organ) < 2:
        return False
    for department in options:
        for report in catalog.reports_of(department)[:1]:
            for alias in names_of(report):
                org = organisation_of(alias)
                if org and (org.startswith(organ[:2]) or organ.startswith(org[:2])):
                    return False
    return True


def _near(name: str, place: str, catalog: Catalog) -> list[str]:
    """Indexed names close to an unknown one: typos first, else the place's departments."""
    close = near_names(name, [a for a, _ in catalog.names()])
    if close:
        return close
    return [short_name(d) for d in sorted(catalog.places().get(place, ()))] or \
        [short_name(d) for p, ds in catalog.places().items() if near_names(place, [p])
         for d in sorted(ds)]


def _fuzzy_names(text: str, catalog: Catalog, taken: list[tuple[int, int]]):
    """Names that are no alias but abbreviate exactly one (a department) or come near one
    (a typo: unknown, with suggestions). Only names ending like a public body's are tried."""
    index = catalog.aliases_by_first()
    found, unknown, near, spans = [], [], [], []
    for end in sorted({m.end() for sfx in ORG_SUFFIXES for m in re.finditer(sfx, text)}):
        if any(a < end <= b for a, b in taken + spans):
            continue
        hit = _fuzzy_at(text, end, index, taken + spans)
        if hit is None:
            continue
        start, departments, close = hit
        spans.append((start, end))
        if len(departments) == 1 and not close:
            found.append((start, departments[0]))
        elif close:
            unknown.append(text[start:end])
            near += close
    return found, unknown, near, spans


def _fuzzy_at(text: str, end: int, index, taken):
    """(start, departments abbreviated, near aliases) for the name ending at `end`, longest first."""
    for start in range(max(0, end - 24), end - 3):
        if text[start] not in index or any(a < end and start < b for a, b in taken):
            continue
        name = text[start:end]
        if not re.fullmatch(r"[\u4e00-\u9fff（）()]+", name):
            continue
        pairs = [p for p in index[text[start]] if p[0][-1] == name[-1]]
        departments = sorted({d for alias, d in pairs if is_abbreviation(name, alias)})
        if departments:
            return start, departments, []
        close = near_names(name, [alias for alias, _ in pairs]) or sorted(
            {short_name(d) for alias, d in pairs if is_misspelt_abbreviation(name, alias)})[:3]
        if close:
            return start, [], close
    return None


def _alias_mentions(text: str, catalog: Catalog
                    ) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    """((start, department) of each alias in the text, the spans those aliases take)."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for alias, department in catalog.names():
        if alias not in text:  # most aliases: skip the regex
            continue
        for m in re.finditer(re.escape(alias), text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), department))
    return found, taken


def _place_name(m: re.Match, places: dict[str, set[str]],
                taken: list[tuple[int, int]]) -> str | None:
    """The place a PLACE match names (a known place it ends with, if any), or None when the
    match lies within an alias already found."""
    if any(a <= m.start() < b for a, b in taken):
        return None
    place = m.group(1)
    known = next((p for p in places if place.endswith(p)), None)
    if known and known != place and any(a <= m.start() + len(place) - len(known) < b
                                        for a, b in taken):
        return None
    return known or place.lstrip("年和与及的在、，")


def _place_department(text: str, m: re.Match, options: set[str], previous: Query | None,
                      years: tuple[int, ...], catalog: Catalog) -> str:
    """The department a known place names: its only one, else the one the words after the
    place, the year asked or the previous turn pick; "" when nothing decides."""
    if len(options) == 1:
        return next(iter(options))
    return (_by_organ(text[m.end():], options, catalog) or _by_year(options, years, catalog)
            or _by_previous(options, previous, catalog))


def _by_organ(after: str, options: set[str], catalog: Catalog) -> str:
    """"番禺区政府…", "番禺区委…": the option whose organisation the words after the place
    begin best (one unique best of at least one character)."""
    scores: dict[str, int] = {}
    for department in options:
        orgs = {organisation_of(a) for r in catalog.reports_of(department)[:1] for a in names_of(r)}
        orgs |= {o[2:] for o in orgs if o.startswith("人民")}
        scores[department] = max((_common_prefix(after, o) for o in orgs if o), default=0)
    best = max(scores.values(), default=0)
    winners = [d for d, s in scores.items() if s == best]
    return winners[0] if best >= 1 and len(winners) == 1 else ""


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _by_year(options: set[str], years: tuple[int, ...], catalog: Catalog) -> str:
    """"番禺区2023年…": the one department of the place with a report of that year."""
    if not years:
        return ""
    dated = [d for d in sorted(options) if any(r.year in years for r in catalog.reports_of(d))]
    return dated[0] if len(dated) == 1 else ""


def _by_previous(options: set[str], previous: Query | None, catalog: Catalog) -> str:
    """A follow-up ("那番禺区呢？"): the option the previous turn asked, else the one of the
    same organisation as the previous turn's department."""
    if previous is None:
        return ""
    same = [d for d in sorted(options) if d in previous.departments]
    if same:
        return same[0]
    before = {organisation_of(a) for d in previous.departments for r in catalog.reports_of(d)[:1]
              for a in names_of(r)} - {""}
    kin = [d for d in sorted(options)
           if before & {organisation_of(a) for r in catalog.reports_of(d)[:1] for a in names_of(r)}]
    return kin[0] if len(kin) == 1 else ""


def _place_mention(text: str, m: re.Match) -> tuple[int, int]:
    """"白云区政府办": the place and the office word that follows it."""
    tail = PLACE_ORGAN.match(text[m.end():])
    return m.start(), m.end() + (tail.end() if tail else 0)


def _metrics(text: str, masked: Sequence[tuple[int, int]] = ()) -> tuple[str, ...]:
    """Metrics in the order they are named: left to right, longest phrase at each place.
    A metric word inside a subject's name (支出 in 工资性支出项目) is part of the name."""
    candidates = [(m.start(), m.end(), metric) for pattern, metric in COLLOQUIAL
                  for m in re.finditer(pattern, text)
                  if not _qualified(text, m.start(), metric, masked)]
    candidates += [(m.start(), m.end(), t.metric) for t in TERMS
                   for m in re.finditer(re.escape(t.text), text)]
    candidates = [c for c in candidates
                  if not any(a <= c[0] and c[1] <= b and (a, b) != c[:2] for a, b in masked)]
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    # the genre's own name (部门整体支出绩效自评报告) is not a question about 支出
    covered: list[tuple[int, int]] = [m.span() for m in GENRE.finditer(text)]
    found = []
    for start, end, metric in candidates:
        if not any(a < end and start < b for a, b in covered):
            covered.append((start, end))
            found.append(metric)
    return tuple(dict.fromkeys(_class_rates(found)))


# what may stand right before a bare 预算 that asks the department's budget: a year, a
# department's name, 的/总/整体
_BARE_BUDGET_BEFORE = re.compile(r"(?:^|[年度的总体\s，,]|[局委办厅心院校镇府室站所队部门位])$")


def _qualified(text: str, start: int, metric: str, subjects: Sequence[tuple[int, int]]) -> bool:
    """A colloquial budget word qualified by a noun before it (政府采购预算, 培训费预算) asks
    for that item's budget, not the department's 预算数; right after a subject the question
    names (…巩固项目预算) it is that subject's."""
    if metric != "预算数" or any(start - 3 <= b <= start for _, b in subjects):
        return False
    return not _BARE_BUDGET_BEFORE.search(text[max(0, start - 3):start])


def _class_rates(found: list[str]) -> list[str]:
    """"项目支出的执行率", "基本支出是多少，执行率多少": a bare 执行率 asked after an expenditure
    class is that class's rate, never the department's."""
    out, last_class = [], ""
    for metric in found:
        if metric in CLASS_RATE:
            last_class = metric
        out.append(CLASS_RATE[last_class] if metric == "执行率" and last_class else metric)
    return out


def _specific(metrics: tuple[str, ...]) -> tuple[str, ...]:
    """"重点任务项目经费一共支出了多少": the specific 支出 metric is the one asked about."""
    if "支出" in metrics and any(m != "支出" and m.endswith("支出") for m in metrics):
        return tuple(m for m in metrics if m != "支出")
    return metrics


def _kind(text: str, metrics: tuple[str, ...]) -> tuple[str, str]:
    """(kind, list_kind) of a question; see `Query.kind`."""
    special = _special_kind(text, metrics)
    if special:
        return special
    if "绩效评级" in metrics and not PROBLEMS.search(text):
        return "figure", ""  # "自评等级是什么": the grade is a stated fact
    worded = _worded_kind(text)
    if worded:
        return worded
    if SHARE.search(text) and len(metrics) >= 1:
        return "share", ""
    if DIFFERENCE.search(text):
        return "difference", ""
    if SUM.search(text) and re.search(r"合计|加起来|总和|共计|这.{0,3}个|和", text):
        return "sum", ""
    if COMPARE.search(text):
        return "comparison", ""
    return "figure", ""


def _special_kind(text: str, metrics: tuple[str, ...]) -> tuple[str, str] | None:
    """A summary, a computed check, or a table of subjects (never for a why-question)."""
    if SUMMARY.search(text):
        return "summary", ""
    if WHY.search(text):
        return None
    computed, table = _computed_kind(text, metrics), _table_kind(text)
    if computed:
        return computed, ""
    return ("list", table) if table else None


def _worded_kind(text: str) -> tuple[str, str] | None:
    """A list of the report's problems or measures, or a text question."""
    if LIST.search(text) and not re.search(r"多少|几个|几项|是多少", text):
        if MEASURES_TAKEN.search(text) and not PROBLEMS.search(text):
            return "text", ""
        if PROBLEMS.search(text) and MEASURES.search(text) and ASKS_BOTH.search(text):
            return "list", "problem+measure"
        if PROBLEMS.search(text):
            return "list", "problem"
        if MEASURES.search(text):
            return "list", "measure"
        return "text", ""
    if re.search(r"为什么|原因|如何|怎样|怎么", text):
        if MEASURES.search(text) and not re.search(r"多少", text):
            return "list", "measure"
        return "text", ""
    return None


def _computed_kind(text: str, metrics: tuple[str, ...]) -> str:
    """The kinds whose answer is computed and checked: a stated rate against the computed one
    (rate_check), parts against their total or two figures against each other (reconcile),
    target against actual (target), the budget not yet spent (remaining)."""
    if AGREE.search(text):
        if "执行率" in metrics and RECOMPUTE.search(text):
            return "rate_check"
        return "reconcile"
    if TARGET.search(text):
        return "target"
    if REMAINING.search(text) and not CARRIED.search(text):
        return "remaining"
    return ""


def _table_kind(text: str) -> str:
    """A list of the facts table's subjects with their figures: projects, funding sources or
    indicators ("有哪些项目，每个项目执行情况如何", "各资金来源的执行数分别是多少")."""
    for pattern, kind in TABLE_LISTS:
        if pattern.search(text):
            return kind
    return ""


def _subjects(text: str, catalog: Catalog, scope: Sequence[str] = ()
              ) -> tuple[tuple[str, ...], list[tuple[int, int]]]:
    """Project, indicator, source … names the question names, and where: quoted; a known
    subject in full or without its generic suffix or year (2023年全县…); failing those, a
    subject of the asked reports named shortened (a run of most of its characters)."""
    quoted = [(m.start(1), m.group(1), m.span(1)) for m in QUOTED.finditer(text)]
    flat, where = _flat(text)
    known = []
    for pairs in catalog.subjects.values():
        for _, subject in pairs:
            hit = _named(subject, flat)
            if hit:
                known.append((where[hit[0]], subject, (where[hit[0]], where[hit[1] - 1] + 1)))
    known = _innermost(_outermost(known, _metric_spans(text)), text)
    if not known and scope:
        known = _shortened(text, flat, where, catalog, scope) or _contained(text, catalog, scope)
    found = sorted([*quoted, *known])
    subjects = tuple(dict.fromkeys([*(s for _, s, _ in quoted), *(s for _, s, _ in sorted(known))]))
    return subjects, [span for *_, span in found]


def _outermost(known: list, words: list[tuple[int, int]]) -> list:
    """Known subjects named in their own right: not only part of a longer subject named
    (预算执行 of 预算执行情况) nor of a metric word (预算执行 of 预算执行率)."""
    spans = [span for *_, span in known] + words
    return [k for k in known if not any(_part_of(k[2], span) for span in spans)]


def _part_of(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    """Whether a span is only part of a longer word: inside it, or the word starts within
    the span and runs on past its end (预算执行 of 预算执行数 matched as 执行数)."""
    (s, e), (a, b) = inner, outer
    # the word must take at least half of the span: 一般公共预算 is named in its own right in
    # 一般公共预算执行率 (预算执行率 takes only its last two characters)
    return (a <= s and e <= b and (a, b) != (s, e)) or (s < a < e < b and 2 * (e - a) >= e - s)


# "各资金来源的执行数", "各项目预算", "各指标得分": every subject of that kind the reports hold
EVERY_SUBJECT = {"source": re.compile(r"各(?:项|个|类)?(?:资金)?来源|各类资金|分资金来源"),
                 "project": re.compile(r"各(?:个|项)?项目|每个项目|所有项目"),
                 "indicator": re.compile(r"各(?:项|个)?(?:三级|二级|一级)?(?:绩效)?指标|每(?:项|个)指标")}


def _every_subject(text: str, catalog: Catalog, scope: Sequence[str]) -> tuple[str, ...]:
    for kind, pattern in EVERY_SUBJECT.items():
        if pattern.search(text):
            return tuple(dict.fromkeys(s for rid in scope for k, s in catalog.subjects.get(rid, ())
                                       if k == kind))
    return ()


def _innermost(known: list, text: str) -> list:
    """"工资性支出项目中财政专户管理资金…": a subject named as the part of another ("A中B",
    "A的B") is the one asked; the one containing it only says where to look."""
    if len(known) < 2:
        return known
    ordered = sorted(known, key=lambda k: k[2])
    outer = {id(a) for a, b in zip(ordered, ordered[1:], strict=False)
             if re.fullmatch(r"(?:项目|经费|资金|专项)?(?:中|中的|的|里|里的|之中)", text[a[2][1]:b[2][0]])}
    return [k for k in known if id(k) not in outer]


def _flat(text: str) -> tuple[str, list[int]]:
    """The text without separators and quote marks, with each character's place in text."""
    keep = [(i, ch) for i, ch in enumerate(text) if not re.match(r"[、，,\s“”\"]", ch)]
    return "".join(ch for _, ch in keep), [i for i, _ in keep]


def _keys(subject: str) -> list[str]:
    """How a question may write a subject: whole, without its generic suffix, without the
    year and the place-wide word that open a project's name (2023年全县…)."""
    whole = re.sub(r"[、，,\s“”\"]", "", subject)
    key = re.sub(r"[、，,\s]", "", subject_key(subject))
    core = re.sub(r"^(?:(?:20\d{2})?年度?)?(?:全[省市州县区镇乡]|本级)?", "", key)
    return [k for k in dict.fromkeys((whole, key, core)) if len(k) >= 4]


def _named(subject: str, flat: str) -> tuple[int, int] | None:
    for key in _keys(subject):
        at = flat.find(key)
        if at >= 0:
            return at, at + len(key)
    return None


LONG_RUN = 6  # characters in a row shared with a subject's name: that subject, however long


def _shortened(text: str, flat: str, where: list[int], catalog: Catalog,
               scope: Sequence[str]) -> list[tuple[int, str, tuple[int, int]]]:
    """Subjects of the asked reports the question names by a run of at least four and 60 %
    of the characters of their core name (or of six, whatever the name's length: 一体化系统运维
    of 预算管理一体化系统运维及升级项目), not inside a metric word (预算执行 of 预算执行率)."""
    words = _metric_spans(text)
    best: list[tuple[int, int, str, tuple[int, int]]] = []
    for rid in scope:
        for _, subject in catalog.subjects.get(rid, ()):
            core = _keys(subject)[-1] if _keys(subject) else ""
            start, length = common_run(core, flat)
            if length < 4 or (length < 0.6 * len(core) and length < LONG_RUN):
                continue
            span = (where[start], where[start + length - 1] + 1)
            if any(_part_of(span, word) for word in words):
                continue
            best.append((length, span[0], subject, span))
    top = max((b[0] for b in best), default=0)
    return [(at, subject, span) for length, at, subject, span in best if length == top]


# a short name with a generic head word (低保资金, 维修项目): it may name a subject whose full
# name holds it (城乡低保资金)
SHORT_NAMED = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:项目|专项|经费|资金|工程)")


def _contained(text: str, catalog: Catalog, scope: Sequence[str]
               ) -> list[tuple[int, str, tuple[int, int]]]:
    """The one subject of the asked reports whose name holds a short name the question gives
    with its generic head word (低保资金 of 城乡低保资金); none when several hold it."""
    words = _metric_spans(text)
    names = [n for rid in scope for _, subject in catalog.subjects.get(rid, ())
             if (n := re.sub(r"[、，,\s“”\"]", "", subject))]
    for m in SHORT_NAMED.finditer(text):
        # a metric word may share the head word (经费预算 of 特困供养经费预算), not the name
        if any(a <= m.start() and m.end() <= b for a, b in words):
            continue
        phrase = m.group(0)
        for k in range(len(phrase) - 3):  # the longest tail a subject holds (the department's
            name = phrase[k:]             # name may stand before it: 某局低保资金)
            if DEPARTMENT_WIDE.match(name) or SUBJECT_OPENERS.match(name):
                continue
            # a name ending as the phrase does (its head word is the subject's) comes first
            holders = ({n for n in names if n.endswith(name)} or {n for n in names if name in n}
                       or {n for n in names if _abridges(name, n)})
            if len(holders) == 1:
                return [(m.end() - len(name), holders.pop(), (m.end() - len(name), m.end()))]
            if holders:
                break
    return []


def _abridges(said: str, name: str) -> bool:
    """Whether a short name leaves characters out of a subject's name but keeps its order,
    its first character and its head word (特困供养经费 of 特困人员供养经费)."""
    return (said[0] == name[0] and name.endswith(said[-2:]) and 3 * len(said) >= 2 * len(name)
            and is_subsequence(said, name))


def _metric_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for pattern, _ in COLLOQUIAL for m in re.finditer(pattern, text)]
    return spans + [m.span() for t in TERMS for m in re.finditer(re.escape(t.text), text)]


# a name that ends in a project's generic head word names a project, fund or programme
NAMED_SUBJECT = re.compile(r"[\u4e00-\u9fffA-Za-z\d]{2,30}?(?:项目|专项|经费|资金|工程)")
DEPARTMENT_WIDE = re.compile(r"(?:本)?(?:部门|单位|整体|全部门)")  # the department's own money
SUBJECT_OPENERS = re.compile(r"^(?:的|了|在|对|用|把|给|为|和|与|及)+")


def _named_subject(text: str, mentions: Sequence[tuple[int, int]]) -> str:
    """A project, fund or programme the question names (a run of at least four characters
    ending in 项目/专项/经费/资金/工程) outside its department names and years and not only a
    metric word (项目支出, “三公”经费): what the question asks the figure of."""
    masked = list(text)
    for a, b in [*mentions, *_metric_spans(text)]:
        masked[a:b] = [" "] * (b - a)
    for m in NAMED_SUBJECT.finditer("".join(masked)):
        # the name is what follows the last 的 (批复绩效目标的项目 names none)
        name = SUBJECT_OPENERS.sub("", m.group(0).rsplit("的", 1)[-1])
        if len(subject_key(name)) >= 4 and not DEPARTMENT_WIDE.match(name):
            return name
    return ""


def _own_subjects(subjects: tuple[str, ...], report_ids: tuple[str, ...], catalog: Catalog,
                  text: str) -> tuple[str, ...]:
    """The subjects the asked reports hold (a name another report's table uses, such as its
    indicator 预算执行, is not a subject of this question); quoted names are always kept."""
    held = {subject_key(s) for rid in report_ids for _, s in catalog.subjects.get(rid, ())}
    quoted = set(QUOTED.findall(text))
    return tuple(s for s in subjects
                 if s in quoted or subject_key(s) in held or not _inside_metric_word(s, text))


def _inside_metric_word(subject: str, text: str) -> bool:
    """Whether the subject is only part of a metric word the question uses (预算执行 in
    预算执行率): then it names no subject. A subject the asked reports lack but the question
    names in its own right stays, so that the answer says the reports do not give it."""
    words = [t.text for t in TERMS if subject in t.text and t.text != subject]
    spans = [m.span() for w in words for m in re.finditer(re.escape(w), text)]
    own = [m.span() for m in re.finditer(re.escape(subject), text)]
    return bool(own) and all(any(a <= s and e <= b for a, b in spans) for s, e in own)


def _reports(departments: tuple[str, ...], years: tuple[int, ...], catalog: Catalog):
    chosen: list[str] = []
    missing: list[str] = []
    for d in departments:
        reports = catalog.reports_of(d)
        if years:
            hit = [r for r in reports if r.year in years]
            if not hit:
                missing.append(f"{d}（{'、'.join(str(y) for y in years)}年）")
            reports = hit
        chosen.extend(r.id for r in sorted(reports, key=lambda r: r.year or 0, reverse=True))
    return tuple(dict.fromkeys(chosen)), tuple(missing)
