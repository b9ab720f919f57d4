"""Subjects named in a question: projects, indicators, funding sources (quoted, known to the
catalog in full or shortened), and a named project the facts do not hold."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.fuzzy import (
    common_run,
    common_run_one_typo,
    is_subsequence,
)
from assistant.answer.understand.intent import COUNTED_ROWS, FILLER, TARGET
from assistant.answer.understand.metrics import metric_spans
from assistant.answer.understand.types import Catalog
from assistant.facts.vocabulary import CLASS_WORDS, TERMS, subject_key
from assistant.ingest.aliases import names_of
from assistant.text.orgnames import name_forms

QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,40})[”\"」』]")

def target_item(text: str, mentions: tuple[tuple[int, int], ...]) -> str:
    """What a "target met?" question asks about when it is no known subject nor metric
    (新增农村互助养老站目标完成了吗): the longest run of words left once the department, the
    year, the metric words and the question's cue are taken out; '' when nothing is left
    (预算执行达到目标了吗 asks about the department's budget)."""
    masked = list(text)
    spans = [*mentions, *metric_spans(text), *(m.span() for m in TARGET.finditer(text))]
    for a, b in spans:
        masked[a:b] = [" "] * (b - a)
    rest = FILLER.sub(" ", "".join(masked))
    terms = [t.text for t in TERMS]
    runs = [r for r in re.findall(r"[\u4e00-\u9fff]{4,}", rest)
            if not any(r in t for t in terms)]  # 预算执行 is a metric word's beginning
    return max(runs, key=len) if runs else ""


def subjects_of(text: str, catalog: Catalog, scope: Sequence[str] = ()
              ) -> tuple[tuple[str, ...], list[tuple[int, int]]]:
    """Project, indicator, source … names the question names, and where: quoted; a known
    subject in full or without its generic suffix or year (2023年全县…); failing those, a
    subject of the asked reports named shortened (a run of most of its characters)."""
    quoted = [(m.start(1), m.group(1), m.span(1)) for m in QUOTED.finditer(text)
              if not _spells_a_term(text, m.span())]
    flat, where = _flat(text)
    known = []
    # the asked reports' own subjects (another report's subject is never this one's); every
    # report's when the question names none
    held = [catalog.subjects.get(rid, ()) for rid in scope] if scope else catalog.subjects.values()
    for pairs in held:
        for _, subject in pairs:
            hit = _named(subject, flat)
            if hit:
                known.append((where[hit[0]], subject, (where[hit[0]], where[hit[1] - 1] + 1)))
    words = metric_spans(text)
    known = _innermost(_outermost(known, words), text)
    if not known and scope:
        known = _shortened(text, flat, where, catalog, scope) or _contained(text, catalog, scope)
    elif not known:  # no report asked: a long name only one subject of the library holds
        known = (_contained(text, catalog, tuple(catalog.subjects), least=LIBRARY_WIDE)
                 or _unit_named(text, flat, where, catalog) or _contracted(text, flat, where, catalog))
    found = sorted([*quoted, *known])
    subjects = tuple(dict.fromkeys([*(s for _, s, _ in quoted), *(s for _, s, _ in sorted(known))]))
    return subjects, [span for *_, span in found]


def _spells_a_term(text: str, span: tuple[int, int]) -> bool:
    """Quote marks that are part of a term's spelling (“三公”经费): the quoted word is the term's,
    not a subject of its own."""
    for term in TERMS:
        for m in re.finditer(re.escape(term.text), text):
            if m.start() <= span[0] and span[1] <= m.end() and (m.start(), m.end()) != span:
                return True
    return False


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


def every_subject(text: str, catalog: Catalog, scope: Sequence[str]) -> tuple[str, ...]:
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
    words = metric_spans(text)
    # the asked departments' own names: a unit sharing the department's place and field
    # (某区退役军人服务中心 of 某区退役军人事务局) is not named by the department's name
    own = [n for r in catalog.reports if r.id in scope for n in names_of(r)]
    best: list[tuple[int, int, str, tuple[int, int]]] = []
    for rid in scope:
        for _, subject in catalog.subjects.get(rid, ()):
            core = _keys(subject)[-1] if _keys(subject) else ""
            start, length = common_run(core, flat)
            if length < 4 or (length < 0.6 * len(core) and length < LONG_RUN):
                # one character typed wrong inside the run (高标准农天 of 高标准农田建设): the run
                # with it must be long enough, and hold four right characters; else a
                # contraction of the name (单站运维成本 of 单站年运维成本)
                start, length = common_run_one_typo(core, flat)
                if length < 5 or (length < 0.6 * len(core) and length < LONG_RUN):
                    start, length = contraction(core, flat)
                    if not length:
                        continue
                length -= 1  # a reading with a typo or gaps ranks below one without
            span = (where[start], where[start + length - 1] + 1)
            if any(_part_of(span, word) for word in words) \
                    or any(flat[start:start + length] in n for n in own):
                continue
            best.append((length, span[0], subject, span))
    top = max((b[0] for b in best), default=0)
    return [(at, subject, span) for length, at, subject, span in best if length == top]


# a short name with a generic head word (低保资金, 维修项目): it may name a subject whose full
# name holds it (城乡低保资金)
SHORT_NAMED = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:项目|专项|经费|资金|工程)")


# characters a name needs to find its subject among every report's (信用监管平台运维项目)
LIBRARY_WIDE = 8


def _contained(text: str, catalog: Catalog, scope: Sequence[str], least: int = 4
               ) -> list[tuple[int, str, tuple[int, int]]]:
    """The one subject of the asked reports whose name holds a short name the question gives
    with its generic head word (低保资金 of 城乡低保资金); none when several hold it, or when
    the name is shorter than `least`."""
    words = metric_spans(text)
    names = [n for rid in scope for _, subject in catalog.subjects.get(rid, ())
             if (n := re.sub(r"[、，,\s“”\"]", "", subject))]
    for m in SHORT_NAMED.finditer(text):
        # a metric word may share the head word (经费预算 of 特困供养经费预算), not the name
        if any(a <= m.start() and m.end() <= b for a, b in words):
            continue
        phrase = m.group(0)
        for k in range(len(phrase) - least + 1):  # the longest tail a subject holds (the
            name = phrase[k:]                      # department's name may stand before it)
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


def _contracted(text: str, flat: str, where: list[int], catalog: Catalog
                ) -> list[tuple[int, str, tuple[int, int]]]:
    """With no report asked: the one subject of the library (by name, whichever reports hold
    it) that a long stretch of the question contracts (`contraction`, `LIBRARY_WIDE`
    characters at least: 优抚对象抚恤补助 of 优抚对象抚恤和生活补助, 农作物新品种示范 of
    主要农作物新品种示范; a project's head word written after it counts: 辅具适配补贴项目), not
    inside a metric word."""
    words = metric_spans(text)
    found: dict[str, tuple[int, str, tuple[int, int]]] = {}
    for pairs in catalog.subjects.values():
        for _, subject in pairs:
            keys = _keys(subject)
            if not keys or len(keys[-1]) < LIBRARY_WIDE:
                continue
            start, length = contraction(keys[-1], flat)
            if length + _head_after(flat[start + length:], keys[-1]) < LIBRARY_WIDE:
                continue
            span = (where[start], where[start + length - 1] + 1)
            if not any(_part_of(span, word) for word in words):
                found.setdefault(subject_key(subject), (span[0], subject, span))
    return list(found.values()) if len(found) == 1 else []


HEAD_WORD = re.compile(r"^(?:项目|专项|资金|经费|工程)")


def _head_after(rest: str, name: str) -> int:
    """The characters of a project's head word the question writes right after a short name
    the subject's own name lacks (辅具适配补贴|项目): they mark the name as a project's."""
    m = HEAD_WORD.match(rest)
    return len(m.group(0)) if m and not name.endswith(m.group(0)) else 0


# the place a subordinate unit's name opens with (松阜区|军供站, 某市某县|光荣院)
UNIT_PLACE = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}?[省市州盟])?[\u4e00-\u9fff]{1,4}?[区县旗市镇乡]")
UNIT_LEAST = 3  # characters of a unit's own name (光荣院, 军供站)


def unit_own_name(subject: str) -> str:
    """A subordinate unit's own name without its place (某区光荣院 → 光荣院); '' for a subject
    that does not open with a place."""
    m = UNIT_PLACE.match(subject)
    own = subject[m.end():] if m else ""
    return own if len(own) >= UNIT_LEAST else ""


def _units_in(text: str, flat: str, where: list[int], catalog: Catalog
              ) -> list[tuple[str, tuple[int, int], dict[str, str]]]:
    """Subordinate units the question names without their place (军供站 of 某区军供站), longest
    first: (the words given, their span, {subject: report} of the library's units so named)."""
    holders: dict[str, dict[str, str]] = {}
    for rid, pairs in catalog.subjects.items():
        for _, subject in pairs:
            own = unit_own_name(subject)
            said = _unit_said(subject, own, flat) if own else ""
            if said:
                holders.setdefault(said, {}).setdefault(subject, rid)
    words = metric_spans(text)
    found = []
    for own in sorted(holders, key=len, reverse=True):
        at = flat.find(own)
        span = (where[at], where[at + len(own) - 1] + 1)
        if not any(_part_of(span, w) for w in words):
            found.append((own, span, holders[own]))
    return found


def _unit_said(subject: str, own: str, flat: str) -> str:
    """The words of `flat` that name a subordinate unit: its own name, the longest form of
    its name a reader writes (二中 of 某区第二中学), else a contraction of its own name (its
    first and last characters kept, the rest in order, three characters at least: 特教学校)."""
    forms = [f for f in (own, *name_forms(subject)) if len(f) >= 2 and f in flat]
    if forms:
        return max(forms, key=len)
    for i in (m.start() for m in re.finditer(re.escape(own[0]), flat)):
        for j in range(min(len(flat), i + len(own) - 1), i + UNIT_LEAST - 1, -1):
            if flat[j - 1] == own[-1] and is_subsequence(flat[i:j], own):
                return flat[i:j]
    return ""


def _unit_named(text: str, flat: str, where: list[int], catalog: Catalog
                ) -> list[tuple[int, str, tuple[int, int]]]:
    """A subordinate unit named without its place when no report is asked: the one subject of
    the whole library whose name is a place and then the words the question gives (each unit
    the question names so); none when several reports hold such a unit (`units_to_ask` asks
    back which)."""
    found = _units_in(text, flat, where, catalog)
    if not found or len(found[0][2]) != 1:
        return []
    out: list[tuple[int, str, tuple[int, int]]] = []
    for _, span, held in found:  # two units compared or summed (实验小学和二中): each of them
        if len(held) == 1 and not any(span[0] < b and a < span[1] for _, _, (a, b) in out):
            out.append((span[0], next(iter(held)), span))
    return out


def units_to_ask(text: str, catalog: Catalog) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A unit named without its place that several departments' reports hold (两个区的军供站):
    (the words given, those departments), to ask back which; () otherwise."""
    flat, where = _flat(text)
    found = _units_in(text, flat, where, catalog)
    if not found or len(found[0][2]) < 2:
        return ()
    own, _, held = found[0]
    departments = tuple(dict.fromkeys(catalog.department_of(rid) for rid in held.values()))
    return ((own, departments),) if len(departments) > 1 else ()


def contraction(name: str, flat: str) -> tuple[int, int]:
    """The longest stretch of `flat` that contracts `name` (`_abridges`: the name's order, its
    last two characters, two thirds of what it spans, four characters at least), starting
    with two characters that stand together in the name: (its start, its length); (0, 0)."""
    best = (0, 0)
    for j in (m.end() for m in re.finditer(re.escape(name[-2:]), flat)):
        for i in range(max(0, j - len(name)), j - 3):
            if j - i > best[1] and _opens(flat[i:i + 2], name) and _abridges(flat[i:j], name):
                best = (i, j - i)
                break
    return best


def _opens(two: str, name: str) -> bool:
    return any(_opens_at(two, name, i) for i in range(len(name) - 1))


def _opens_at(two: str, name: str, i: int) -> bool:
    """Whether a short name's first two characters stand together in the name at `i`, or are
    a four-character word's first and last (辅具 of 辅助器具)."""
    return name[i:i + 2] == two or (name[i] == two[0] and name[i + 3:i + 4] == two[1])


def _abridges(said: str, name: str) -> bool:
    """Whether a short name contracts a subject's name: it keeps the characters' order and
    the head word, and two thirds of the stretch of the name it spans, which runs from the
    name's first character (特困供养经费 of 特困人员供养经费) or, the qualifiers in front left out,
    from where the short name's first two characters stand (站网运维项目 of 中小河流水文监测站网
    运行维护项目: 运行维护 contracted to 运维)."""
    if len(said) < 2 or not name.endswith(said[-2:]):
        return False
    starts = [0] if said[0] == name[0] else []
    starts += [i for i in range(1, len(name) - 1) if _opens_at(said[:2], name, i)]
    return any(3 * len(said) >= 2 * (len(name) - i) and is_subsequence(said, name[i:])
               for i in starts)


# a name that ends in a project's generic head word names a project, fund or programme
NAMED_SUBJECT = re.compile(r"[\u4e00-\u9fffA-Za-z\d]{2,30}?(?:项目|专项|经费|资金|工程)")
DEPARTMENT_WIDE = re.compile(r"(?:本)?(?:部门|单位|整体|全部门)")  # the department's own money
SUBJECT_OPENERS = re.compile(r"^(?:的|了|在|对|用|把|给|为|和|与|及|那个|这个|那项|这项|那|这)+")


# a part asked of a figure just named ("基本支出中人员经费", "项目支出里的会议费"): the part is asked
INNER_ITEM = re.compile(r"^\s*(?:中|里的?|当中|之中)的?([\u4e00-\u9fff]{1,8}?(?:经费|费|资金|支出))")


def named_subject(text: str, mentions: Sequence[tuple[int, int]]) -> str:
    """A project, fund or programme the question names (a run of at least four characters
    ending in 项目/专项/经费/资金/工程) outside its department names and years and not only a
    metric word (项目支出, “三公”经费): what the question asks the figure of; or a part of a
    figure named right after it (基本支出中|人员经费), whatever its length."""
    words = metric_spans(text)
    masked = list(text)
    for a, b in [*mentions, *words]:
        masked[a:b] = [" "] * (b - a)
    cut = _cut_class(text, words)
    if cut:
        return cut
    for _, end in words:
        inner = INNER_ITEM.match(text[end:])
        if inner and not any(a <= end + inner.start(1) < b for a, b in words):
            return inner.group(1)
    for m in NAMED_SUBJECT.finditer("".join(masked)):
        # the name is what follows the last 的 (批复绩效目标的项目 names none)
        name = SUBJECT_OPENERS.sub("", m.group(0).rsplit("的", 1)[-1])
        if len(subject_key(name)) >= 4 and not DEPARTMENT_WIDE.match(name) and not _counted(name):
            return name
    return ""


def _cut_class(text: str, words: Sequence[tuple[int, int]]) -> str:
    """An expenditure class the facts file as a subject (人员经费, 公用经费) whose name a metric
    word cuts into (人员|经费支出): the class is what the question asks the figure of, never
    the broader metric that took half its name."""
    for name in CLASS_WORDS:
        for m in re.finditer(re.escape(name), text):
            a, b = m.span()
            if not any(x <= a and b <= y for x, y in words) and any(a < x < b < y for x, y in words):
                return name
    return ""


def _counted(name: str) -> bool:
    """A count of the listed projects ("几个项目", "五个重点项目"): no project's name."""
    m = COUNTED_ROWS.search(name)
    return m is not None and m.end() == len(name)


def own_subjects(subjects: tuple[str, ...], report_ids: tuple[str, ...], catalog: Catalog,
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
