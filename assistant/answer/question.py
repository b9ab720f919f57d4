"""Understand a question: which departments and years, which metric(s), which kind of answer.

Departments are resolved against the aliases of the indexed reports (derived by rule from
their full names), then by place name ("白云区") when that is unambiguous. A place that no
indexed report covers ("海珠区政府办") is remembered as unknown so the answer can say the
reports do not contain it. Follow-ups reuse the previous turn's departments, years and metric.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.facts.vocabulary import CLASS_RATE, TERMS, subject_key
from assistant.index.records import ReportRecord
from assistant.ingest.aliases import (
    PLACE_ORGAN,
    names_of,
    names_organisation,
    organisation_of,
    place_of,
)
from assistant.text.numbers import YEAR_IN_TEXT, YEAR_MENTION

YEAR = YEAR_IN_TEXT
QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,40})[”\"」』]")
PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}?[区县])(?=[\u4e00-\u9fff（(])")
ALL_DEPARTMENTS = re.compile(r"这几份|这些报告|各部门|所有部门|哪个部门|哪一个部门|哪家|各个部门|几个部门|全部")

# colloquial ways to name a metric, checked before the report vocabulary
COLLOQUIAL: tuple[tuple[str, str], ...] = (
    (r"重点(?:任务)?项目(?:经费)?", "重点任务项目支出"),
    (r"(?:预算)?(?:执行|完成|支付|支出)[（(][^）)]{1,4}[）)]率", "执行率"),
    (r"花了多少钱|花了多少|花费|开支", "支出"),
    (r"在职(?:在编)?(?:人员|人数)?|在编人员", "在职人员"),
    (r"退休", "退休人员"),
    (r"内设(?:科室|机构|处室)|几个科室", "内设机构数"),
    (r"自评(?:得分|分数)|评价得分|绩效得分|得了多少分|打了多少分|多少分", "自评得分"),
    (r"评级|等级", "绩效评级"),
    (r"关键指标", "关键指标数"),
    (r"收支比率|收支比", "收支比率"),
)
INDICATOR_METRICS = (("实际", "实际值"), ("预期", "目标值"), ("目标", "目标值"),
                     ("得了多少分|得了几分|得分|多少分|几分", "得分"), ("分值|权重", "分值"),
                     ("指标值", "目标值"), ("完成值", "实际值"))

GENRE = re.compile(r"(?:部门)?整体支出绩效(?:自评|评价)?(?:报告)?")
COMPARE = re.compile(r"哪个|哪一个|谁|比较|对比|更高|更低|更多|更少|最高|最低|最多|最少|排名|排序|分别")
DIFFERENCE = re.compile(r"多了多少|少了多少|差了多少|相差|差额|差距|高出|低了|多出|少出|差多少"
                        r"|比[^，。？?]{0,24}(?:多|少|高|低|增加|减少|增长|下降|提高|降低)了?(?:多少|几)"
                        r"|调增|调减|调高|调低|增加了多少|减少了多少|增长了多少|下降了多少")
SUM = re.compile(r"合计|加起来|总和|一共|总共|共计")
SHARE = re.compile(r"占[^，。？?]{0,12}?(?:的)?(?:比重|比例|百分比|多少)")
LIST = re.compile(r"哪些|什么问题|什么措施|怎么改进|如何改进|改进措施|存在的主要问题|主要问题|是什么|有什么|分别是")
PROBLEMS = re.compile(r"问题|不足")
MEASURES = re.compile(r"改进|措施|整改|下一步")
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
    text = question.strip()
    previous = history[-1] if history else None
    departments, unknown, mentions = _departments(text, catalog, previous)
    years = tuple(dict.fromkeys(int(y) for y in YEAR.findall(text)))
    mentions += tuple(m.span() for m in YEAR_MENTION.finditer(text))
    all_deps = bool(ALL_DEPARTMENTS.search(text)) and not departments
    metrics = _metrics(text)
    kind, list_kind = _kind(text, metrics)
    if kind not in {"share", "difference", "reconcile", "rate_check", "remaining"}:
        metrics = _specific(metrics)
    subjects = _subjects(text, catalog)

    follow_up = previous is not None and not all_deps
    if follow_up and not departments and not unknown:
        departments = previous.departments
        if kind == "comparison":
            departments = tuple(dict.fromkeys(d for q in history[-2:] for d in q.departments))
    if follow_up and not years and (not departments or set(departments) & set(previous.departments)
                                    or previous.years):
        years = previous.years
    if follow_up and not metrics and not subjects and kind not in {"list"}:
        metrics, subjects = previous.metrics, previous.subjects
        if kind == "figure" and previous.kind not in {"list", "text"}:
            kind = previous.kind if len(departments) <= 1 else "comparison"
    if all_deps:
        departments = tuple(dict.fromkeys(r.department for r in catalog.reports))
    if len(departments) > 1 and kind == "figure":
        kind = "comparison"
    report_ids, missing = _reports(departments, years, catalog)
    if report_ids and subjects:
        subjects = _own_subjects(subjects, report_ids, catalog, text)
    return Query(text=text, report_ids=report_ids, departments=departments, years=years,
                 unknown_places=unknown, missing_years=missing, metrics=metrics,
                 subjects=subjects, kind=kind, list_kind=list_kind, all_departments=all_deps,
                 mentions=mentions)


def _departments(text: str, catalog: Catalog, previous: Query | None):
    found, taken = _alias_mentions(text, catalog)
    places = catalog.places()
    unknown: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in PLACE.finditer(text):
        place = _place_name(m, places, taken)
        if place is None:
            continue
        if place in places:
            found.append((m.start(), _place_department(text, m, places[place], previous)))
            spans.append(_place_mention(text, m))
        elif names_organisation(text, m.end(), catalog.organisations()):  # a place not indexed
            unknown.append(place)
    found.sort()
    return (tuple(dict.fromkeys(d for _, d in found)), tuple(dict.fromkeys(unknown)),
            tuple(taken + spans))


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


def _place_department(text: str, m: re.Match, options: set[str],
                      previous: Query | None) -> str:
    """The department a known place names: its only one, else one picked by context."""
    if len(options) == 1:
        return next(iter(options))
    return _disambiguate(text[m.end():], options, previous)


def _place_mention(text: str, m: re.Match) -> tuple[int, int]:
    """"白云区政府办": the place and the office word that follows it."""
    tail = PLACE_ORGAN.match(text[m.end():])
    return m.start(), m.end() + (tail.end() if tail else 0)


def _disambiguate(after: str, options: set[str], previous: Query | None) -> str:
    """"番禺区" names two departments: pick by what follows, else by the previous turn."""
    party = after.startswith(("委", "区委")) or "委办" in after[:4]
    for d in sorted(options):
        if party == ("委员会" in d or "中共" in d):
            if after[:2] in {"政府", "委办"} or not previous:
                return d
    if previous:
        kind = any("委员会" in d for d in previous.departments)
        for d in sorted(options):
            if ("委员会" in d) == kind:
                return d
    return sorted(options)[0]


def _metrics(text: str) -> tuple[str, ...]:
    """Metrics in the order they are named: left to right, longest phrase at each place."""
    candidates = [(m.start(), m.end(), metric) for pattern, metric in COLLOQUIAL
                  for m in re.finditer(pattern, text)]
    candidates += [(m.start(), m.end(), t.metric) for t in TERMS
                   for m in re.finditer(re.escape(t.text), text)]
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    # the genre's own name (部门整体支出绩效自评报告) is not a question about 支出
    covered: list[tuple[int, int]] = [m.span() for m in GENRE.finditer(text)]
    found = []
    for start, end, metric in candidates:
        if not any(a < end and start < b for a, b in covered):
            covered.append((start, end))
            found.append(metric)
    return tuple(dict.fromkeys(_class_rates(found)))


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
    special = _special_kind(text, metrics) or _worded_kind(text)
    if special:
        return special
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


def _subjects(text: str, catalog: Catalog) -> tuple[str, ...]:
    """Project or indicator names: quoted, or a known subject named in the question."""
    quoted = [q for q in QUOTED.findall(text)]
    flat = re.sub(r"[、，,\s“”\"]", "", text)
    known = []
    for pairs in catalog.subjects.values():
        for _, subject in pairs:
            key = re.sub(r"[、，,\s]", "", subject_key(subject))
            if len(key) >= 4 and key in flat:
                known.append((flat.index(key), subject))
    known.sort()
    return tuple(dict.fromkeys([*quoted, *(s for _, s in known)]))


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
