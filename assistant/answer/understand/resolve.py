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
from dataclasses import dataclass, field, replace

from assistant.answer.fuzzy import (
    is_abbreviation,
    is_misspelt_abbreviation,
    near_names,
)
from assistant.answer.understand.departments import (
    BODY_ENDS,
    LEVEL_WORD,
    NUMERAL,
    abbreviates,
    joined,
    misspells,
    misspells_short,
    place_typo,
)
from assistant.answer.understand.departments import find as match_departments
from assistant.answer.understand.departments import places as name_places
from assistant.answer.understand.holders import among, elsewhere, holder, holding
from assistant.answer.understand.intent import (
    ALL_DEPARTMENTS,
    ASK_CUE,
    FILLER,
    PLURAL_BEFORE,
    SUM_WORD,
    cues_of,
    indicator_metric,
    intent_of,
    order_of,
    rank_by,
    row_count,
)
from assistant.answer.understand.items import asked_items
from assistant.answer.understand.metrics import (
    KEY_METRICS,
    item_reading,
    metric_spans,
    metrics_of,
    share_order,
    specific,
)
from assistant.answer.understand.newest import newest_year
from assistant.answer.understand.operands import addends, agreed, compared, whole_named_first
from assistant.answer.understand.register import plain as plain_register
from assistant.answer.understand.subjects import (
    every_subject,
    named_subject,
    own_subjects,
    subjects_of,
    target_item,
    units_to_ask,
)
from assistant.answer.understand.titled import titled_department
from assistant.answer.understand.tolerant import correct as correct_typos
from assistant.answer.understand.types import Catalog, Cue, Intent, Query, in_order
from assistant.facts.vocabulary import subject_key
from assistant.ingest.aliases import (
    ORG_SUFFIXES,
    PLACE_ORGAN,
    names_of,
    names_organisation,
    organisation_of,
    short_name,
)
from assistant.text.numbers import YEAR_IN_TEXT, YEAR_MENTION
from assistant.text.plain import plain_text

YEAR = YEAR_IN_TEXT
# a year named as the base a change is measured from: 比2023年, 较2023年度, 与2023年相比
BASE_YEAR = re.compile(r"(?:比|较|相比|对比)\s*((?:19|20)\d{2})\s*年度?"
                       r"|与\s*((?:19|20)\d{2})\s*年度?(?:相比|比较|对比)")
DEMONSTRATIVE = re.compile(r"这|那|上述|以上")  # these (the ones just named), not every one
PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}?[区县])(?!级)")
# characters no place name is made of: a "place" containing one is a phrase (我是区, 对各区)
NOT_PLACE_CHARS = set("我你他她它们是对各每本该全此这那哪其在的和与及或了向为从把被等有到于给将由以让"
                      "所个些几多少省市区县乡镇级里")
# words for an area in general, not a named place
# (not 城区, 山区, 新区, 林区, 矿区, 地区: 东城区, 宝山区, 浦东新区 … are places)
AREA_WORDS = ("社区", "小区", "景区", "园区", "市区", "辖区", "片区", "街区", "校区", "灾区", "老区",
              "学区", "库区", "牧区", "农区", "功能区", "示范区", "保护区", "试验区")
EACH_OWN = re.compile(r"分别|各自|各[个家]?(?:部门|单位)?(?:的)?(?:一共|合计|总共|共计)")  # each one's own total
LISTED_NEAR = 5  # at most this many names suggested
LONG_QUESTION = 120  # characters: past this, the asked clause decides


def resolve(question: str, catalog: Catalog, history: Sequence[Query] = ()) -> Query:
    """Resolve a question, filling gaps from the earlier turns of the conversation."""
    text, english = gloss(question.strip())
    text = plain_register(text)  # also 24年: 2024年
    text, _ = correct_typos(text, catalog.words(), _kept_spans(text, catalog))
    previous = history[-1] if history else None
    span = asked_clause(text)
    focus = text[span[0]:span[1]]
    years = _years(text, focus)
    names = _names(text, span, catalog, previous, years)
    names.text = text
    names.departments = names.departments or _titled(names, text, catalog, years)
    mentions = names.mentions + tuple(m.span() for m in YEAR_MENTION.finditer(text))
    every = bool(ALL_DEPARTMENTS.search(focus)) and not _those_before(focus, previous)
    all_deps = every and not (names.departments or names.unknown or names.ambiguous)
    scope = _scope_ids(names.departments, years, all_deps, previous, catalog)
    subjects, subject_spans = subjects_of(focus, catalog, scope)
    subjects = every_subject(focus, catalog, scope) or subjects
    named = [(a - span[0], b - span[0]) for a, b in names.mentions if span[0] <= a and b <= span[1]]
    metrics = metrics_of(focus, subject_spans, named)
    if not metrics and not subjects and focus != text:
        metrics = metrics_of(text)
    kind, list_kind = intent_of(focus, metrics, subject_spans)
    if kind == "share":
        metrics = share_order(focus, metrics)
    if kind not in {"share", "ratio", "difference", "reconcile", "rate_check", "remaining"}:
        metrics = specific(metrics)
    metrics, subjects = item_reading(metrics, subjects, kind)
    d = _Draft(names.departments, years, metrics, subjects, kind, names.ambiguous, every)
    if previous is not None and not all_deps:
        _follow_up(d, names, history)
    _complete(d, names, catalog, all_deps)
    if not d.subjects and not scope and d.departments:
        # departments known only now ("两个农业局的…"): subjects named shortened are read in their reports
        d.subjects = subjects_of(focus, catalog, reports_of(d.departments, d.years, catalog)[0])[0]
    _held_subject(d, catalog)
    key = bool(d.departments) and not d.metrics and not d.subjects and _names_only(text, mentions)
    if key:
        d.metrics, d.kind = KEY_METRICS, "figure"
    if len(d.departments) > 1 and d.kind == "figure":
        # several departments: their figures side by side, or added up when the question says
        # so (一共, 合计, 加起来) and does not ask each one's own (分别, 各自)
        d.kind = "sum" if SUM_WORD.search(focus) and not EACH_OWN.search(focus) else "comparison"
    report_ids, missing = reports_of(d.departments, d.years, catalog)
    if report_ids and d.subjects:
        d.subjects = own_subjects(d.subjects, report_ids, catalog, text)
    named = "" if d.subjects else named_subject(text, mentions) or _held_name(d)
    if not named and not d.subjects and d.kind == "target":
        named = target_item(text, mentions)
    query = Query(text=text, report_ids=report_ids, departments=d.departments, years=d.years,
                 unknown_places=names.unknown, missing_years=missing, metrics=d.metrics,
                 subjects=d.subjects, intent=Intent(d.kind), list_kind=list_kind, all_departments=all_deps,
                 mentions=mentions, ambiguous=d.ambiguous, near_names=names.near,
                 english=english, key_figures=key, named_subject=named, held=d.held,
                 understood=tuple(u for u in names.understood if u[1] in d.departments))
    return newest_year(_cued(query), catalog)


def _cued(query: Query) -> Query:
    """The query with the cues, order, operands and asked items its words give."""
    text, topic = query.text, query.topic()
    cues = cues_of(text) | ({Cue.WHOLE_FIRST} if whole_named_first(text, query.mentions) else set())
    return replace(query, cues=frozenset(cues), order=order_of(text), rank_by=rank_by(text),
                   indicator_metric=indicator_metric(text), addends=addends(text),
                   compared=compared(topic), agreed=agreed(topic),
                   asked=asked_items(topic, query.named_subject, query.metrics),
                   row_count=row_count(text))


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
    held: tuple[str, tuple[str, ...]] = ()  # the subject's holders (`understand.holders`)
    read_from_text: bool = False  # the one department was read from `held` (no fact's subject)


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
        if d.kind == "figure" and previous.intent not in {"list", "text"}:
            d.kind = previous.intent if len(d.departments) <= 1 else "comparison"


def _complete(d: _Draft, names: _Names, catalog: Catalog, all_deps: bool) -> None:
    """Departments the question means without naming them one by one."""
    # a comparison among one name's matches ("档案馆哪个执行率高") takes them all; beside other
    # named departments an ambiguous name is asked back, unless the question is plural for it
    among_its_own = d.kind == "comparison" and not d.departments and len(d.ambiguous) == 1
    if d.ambiguous and (among_its_own or d.every or plural(names.text, d.ambiguous)):
        # "比较某县各单位的…", "两个农业局的…": all of the place, or all the name answers to
        d.departments = tuple(dict.fromkeys([*d.departments, *(x for _, ds in d.ambiguous for x in ds)]))
        d.ambiguous = ()
    if len(d.ambiguous) == 1 and not d.departments:
        # one name several departments answer to: the one whose report alone holds what the
        # question names beside it
        held = among(names.text, names.mentions, d.ambiguous[0][1], catalog)
        if held is not None:
            d.departments, d.ambiguous, d.held = held.departments, (), (held.phrase, held.departments)
    if all_deps:
        d.departments = _all_departments(catalog, d.years, names.text)
    elif not d.departments and not names.unknown and not d.ambiguous:
        d.departments = _implied_departments(catalog, d.subjects)
        if d.departments and len(catalog.departments()) > 1:  # say how it was read
            d.held = ("、".join(d.subjects), d.departments)
            _unless_elsewhere(d, names.text, catalog)
        if not d.departments and not d.subjects:  # a unit several departments hold: ask which
            d.ambiguous = units_to_ask(names.text, catalog)
        if not d.departments and not d.ambiguous:  # a subject one report (or a few) holds
            _by_holder(d, names, catalog)


def _by_holder(d: _Draft, names: _Names, catalog: Catalog) -> None:
    """The department(s) whose reports hold what the question names (`understand.holders`).
    A phrase that is part of departments' own names (水文站) names those departments: one is
    read as the department; several are compared when the question compares or counts them
    ("两个水文站谁的…"), else asked back, as a name several departments answer to."""
    held = holder(names.text, names.mentions, catalog)
    if held is None:
        return
    named = tuple(x for x in catalog.departments() if held.phrase in x)
    one = held.departments[0] if len(held.departments) == 1 else ""
    organisation = held.phrase.endswith(ORG_SUFFIXES)
    place = _place_before(names.text, held.phrase)
    if organisation and place and not any(in_order(place + held.phrase, x) for x in (*named, one) if x):
        # 柘湄卫生健康局: a body of a place none of the holders is of: not in the library
        names.unknown = (*names.unknown, place + held.phrase)
        return
    if not named and organisation and one and in_order(held.phrase, one):
        named = (one,)  # the department's own name, shortened (县农技站)
    if not named and organisation and one and d.kind not in {"list", "text"} \
            and not holding(held.phrase, reports_of((one,), d.years, catalog)[0], catalog):
        # an organisation whose figures no report's facts hold (a body one report only
        # mentions): a department the library holds no report of, never another's figure
        names.unknown = (*names.unknown, held.phrase)
        return
    before = place or _level_before(names.text, held.phrase)
    if len(named) > 1 and before:
        # 市交易中心 / 区交易中心: the level or place written before the phrase keeps the
        # departments of that level or place (琮阳市… of 市, 棠陂区… of 区)
        named = tuple(x for x in named if _of_place(before, x, held.phrase)) or named
    if len(named) == 1:
        d.departments, d.held = named, (held.phrase, named)
    elif named:
        d.ambiguous = ((held.phrase, named),)
        if d.kind == "comparison" or d.every or plural(names.text, d.ambiguous):
            d.departments, d.ambiguous = named, ()
    else:
        d.held = (held.phrase, held.departments)
        d.read_from_text = len(held.departments) == 1
        d.departments = held.departments if len(held.departments) == 1 else ()
        _unless_elsewhere(d, names.text, catalog)


def _of_place(place: str, name: str, phrase: str) -> bool:
    """Whether `name` is of the place written before `phrase` in the question: a level word
    alone (市, 区, 县) is the level of the name's innermost place; a place's own characters
    stand in order in the name before the phrase."""
    before = name[:name.find(phrase)] if phrase in name else name
    if len(place) == 1 and LEVEL_WORD.search(place):
        inner = name_places(name)
        return bool(inner) and inner[-1].endswith(place)
    return in_order(place, before)


def _level_before(text: str, phrase: str) -> str:
    """A level word (市, 区, 县, 镇) written right before `phrase`, not after a place's own
    name or a count ("两个区交易中心")."""
    plain = plain_text(text)
    at = plain.find(phrase)
    if at < 1 or not LEVEL_WORD.search(plain[at - 1]):
        return ""
    if at >= 2 and (PLURAL_BEFORE.search(plain[:at]) or "\u4e00" <= plain[at - 2] <= "\u9fff"
                    and plain[at - 2] not in NOT_PLACE_CHARS):
        return ""
    return plain[at - 1]


def _place_before(text: str, phrase: str) -> str:
    """The characters written right before `phrase` that can be a place's (柘湄 of
    柘湄卫生健康局; none after 在, 的, a count: "两个水文站"), at most three."""
    plain = plain_text(text)
    at = plain.find(phrase)
    out = ""
    while at > 0 and len(out) < 3:
        c = plain[at - 1]
        if not "\u4e00" <= c <= "\u9fff" or c in NOT_PLACE_CHARS or PLURAL_BEFORE.fullmatch(c):
            break
        out, at = c + out, at - 1
    return out


def _unless_elsewhere(d: _Draft, text: str, catalog: Catalog) -> None:
    """A department read from a subject that the question places in another department
    ("北塅森林覆盖率" when only 南塅's report holds one) is not read: asked back with both."""
    if len(d.departments) != 1 or not d.held:
        return
    others = elsewhere(text, d.held[0], d.departments[0], catalog)
    if others:
        d.held = (d.held[0], (*d.departments, *others))
        d.departments, d.read_from_text = (), False


def _held_subject(d: _Draft, catalog: Catalog) -> None:
    """The department read from what the question names (`understand.holders`): that subject
    is what the figure is asked of, not a metric word the reading took for one (项目支出)."""
    if d.read_from_text and d.departments == d.held[1]:
        # no other subject: a metric word read as one (“三公”经费) would give the department's
        # own figure for a unit's (实验小学三公经费)
        d.subjects = holding(d.held[0], reports_of(d.departments, d.years, catalog)[0], catalog)


def _held_name(d: _Draft) -> str:
    """The phrase the department was read from when no fact's subject is named: a subject of
    the report's text, asked of itself, never answered with the department's own figure."""
    return d.held[0] if d.read_from_text and d.departments and not d.subjects else ""


def _those_before(text: str, previous: Query | None) -> bool:
    """"这两个局", "这几家单位" after a turn that named several departments: those, not the
    whole library."""
    m = ALL_DEPARTMENTS.search(text)
    return (m is not None and previous is not None and len(previous.departments) >= 2
            and DEMONSTRATIVE.match(m.group()) is not None)


def plural(text: str, ambiguous: Sequence[tuple[str, Sequence[str]]]) -> bool:
    """Whether the question names one of its ambiguous names in the plural ("两个农业局",
    "各卫生院"): it means every department the name answers to, not one to ask back about."""
    return any(PLURAL_BEFORE.search(text[:m.start()]) for name, _ in ambiguous
               for m in re.finditer(re.escape(name), text))


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
    (r"comput(?:e|ed|ing)|calculat(?:e|ed|ing)|work(?:ed)? out", "计算"),
    (r"should (?:it|this|that) be|should be", "应该是"),
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
    """Where the question writes a name of the library's departments as it is indexed or as
    the matcher reads it (枫浦疾控|得分: 控得分 is no typo of 总得分), or a year (2023年 is
    never the 年 of a term: 2023年谋划 is no 年初)."""
    return [m.span() for alias, _ in catalog.names() if alias in text
            for m in re.finditer(re.escape(alias), text)] + \
        [(m.start, m.end) for m in match_departments(text, catalog.names())] + \
        [m.span() for m in YEAR_MENTION.finditer(text)]


def _years(text: str, focus: str) -> tuple[int, ...]:
    """The years asked; a year named only as the base of a change (比2023年增加了多少, 与2023年
    相比) is not the asked period: the report that states the change (the newest) answers."""
    found = YEAR.findall(focus) or YEAR.findall(text)
    years = tuple(dict.fromkeys(int(y) for y in found))
    bases = {int(m.group(1) or m.group(2)) for m in BASE_YEAR.finditer(text)}
    return () if years and set(years) <= bases else years


def _names_only(text: str, mentions: tuple[tuple[int, int], ...]) -> bool:
    """Whether the question is only a department (and year): "市政府办公厅呢？"."""
    rest, last = [], 0
    for start, end in sorted(mentions):
        rest.append(text[last:start])
        last = max(last, end)
    rest.append(text[last:])
    return not FILLER.sub("", "".join(rest))


def _scope_ids(departments, years, all_deps: bool, previous: Query | None,
               catalog: Catalog) -> tuple[str, ...]:
    """The reports whose subjects the question may name (for shortened names)."""
    if all_deps:
        return tuple(r.id for r in catalog.reports)
    if departments:
        return reports_of(departments, years, catalog)[0]
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
    # a subject that is itself a figure's name (预算完成率, 满意度: an indicator of one report's
    # score table) is asked of every department alike: it says nothing of whose report is meant
    subjects = tuple(s for s in subjects if not _names_a_figure(s))
    if not subjects:
        return ()
    keys = {subject_key(s) for s in subjects}
    holders = {catalog.department_of(rid) for rid, pairs in catalog.subjects.items()
               if keys <= {subject_key(s) for _, s in pairs}}
    holders.discard("")
    return tuple(holders) if len(holders) == 1 else ()


def _names_a_figure(subject: str) -> bool:
    """The subject's whole name is read as a figure's (a metric the vocabulary knows)."""
    covered = {i for a, b in metric_spans(subject) for i in range(a, b)}
    return bool(covered) and len(covered) >= len(subject) - 1


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


def _titled(names: _Names, text: str, catalog: Catalog, years: tuple[int, ...]) -> tuple[str, ...]:
    """No department named and none unknown: the one whose report's title the question
    quotes when it asks whose report it is ("这份…报告是哪个单位的")."""
    if names.unknown or names.ambiguous:
        return ()
    titled = titled_department(text, catalog, years)
    return (titled,) if titled else ()


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
    matched = _matched(text, catalog, taken + spans + fuzzy_spans, [*unknown, *fuzzy_unknown],
                       [*near, *fuzzy_near])
    if found or ambiguous:
        # a second department shortened in a way the rules above do not read ("东岭区交通局和
        # 市人民医院"): a single-candidate match is added; one that answers to several is asked
        # back when it is a name of its own (never silently dropped), not inside a name found
        matched.ambiguous = [m for m in matched.ambiguous if _own_name(m, found, text)]
    found += matched.found
    ambiguous += matched.ambiguous
    spans += matched.spans
    if matched.found or matched.ambiguous:
        out.understood = matched.understood
        unknown = [u for u in unknown if not any(u in said for said, _ in matched.written)]
        fuzzy_unknown = [u for u in fuzzy_unknown if not any(u in said for said, _ in matched.written)]
        near = fuzzy_near = [] if not (unknown or fuzzy_unknown) else near
    out.understood = (*out.understood, *_joined(text, catalog, taken + spans + fuzzy_spans, found, spans))
    found.sort()
    out.departments = tuple(dict.fromkeys(d for _, d in found))
    out.unknown = tuple(dict.fromkeys([*unknown, *fuzzy_unknown]))
    out.near = tuple(dict.fromkeys([*near, *fuzzy_near]))
    out.ambiguous = tuple(dict.fromkeys(p for p in ambiguous if not set(p[1]) & set(out.departments)))
    out.mentions = tuple(taken + spans + fuzzy_spans)
    out.understood = (*read_as, *out.understood)
    return out


def _own_name(match: tuple[str, tuple[str, ...]], found: list, text: str) -> bool:
    """Whether an ambiguous match is a name the question writes on its own: none of its
    candidates is a department already found, and it is set beside the others by a joiner."""
    said, options = match
    if set(options) & {d for _, d in found}:
        return False
    at = text.find(said)
    return at >= 0 and ((at > 0 and text[at - 1] in "和与及跟同、") or text[at + len(said):at + len(said) + 1] in ("和", "与", "及", "跟", "、"))


def _joined(text: str, catalog: Catalog, taken: list[tuple[int, int]], found: list, spans: list
            ) -> list[tuple[str, str]]:
    """Names joined before a shared tail (`understand.departments.joined`): added to `found`
    and `spans`; (as written, department) of each."""
    read = []
    for m in joined(text, catalog.names(), taken, [d for _, d in found]):
        found.append((m.start, m.departments[0]))
        spans.append((m.start, m.end))
        read.append((m.said, m.departments[0]))
    return read


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
                 and (misspells(unknown[0], alias) or abbreviates(unknown[0], alias)
                      or misspells_short(unknown[0], alias))}  # 苇塘消仿大队
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
        # a count inside the name (北塅俩林业站: 俩 for 两个) is no typo of a name without it
        pairs = [p for p in pairs if NUMERAL.findall(p[0]) == NUMERAL.findall(name)]
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
    after = text[m.end():]
    chosen = _by_organ(after, options, catalog)
    if chosen or _writes_an_organ(after):
        # an organ written after the place that names none of its bodies (番禺区为办: a typo
        # of 区委办 or of 政府办?) is never settled by the year or the last turn: ask back
        return chosen
    return _by_year(options, years, catalog) or _by_previous(options, previous, catalog)


ORGAN_AFTER_PLACE = re.compile(rf"[\u4e00-\u9fff]{{1,3}}?(?:{'|'.join(BODY_ENDS)})")


def _writes_an_organ(after: str) -> bool:
    """The words after a place name a body of their own (为办, 卫建局), not a figure or a year."""
    m = ORGAN_AFTER_PLACE.match(after)
    return m is not None and not any(w in m.group() for w in ("预算", "支出", "收入", "执行", "得分"))


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


def reports_of(departments: Sequence[str], years: Sequence[int], catalog: Catalog):
    """The reports of the departments (of the years named), newest first; and the
    departments with no report of those years."""
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
