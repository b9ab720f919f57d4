"""Departments named in a question, resolved against the catalog of indexed departments by a
general matcher instead of listed abbreviations.

Each stored name derives the forms a reader writes it in (`assistant.text.orgnames`): places
and their level words optional (岚浦二中 for 岚浦市第二中学), 人民 and 第 dropped, a town's
government by the town (汐江镇), 中心 optional after a long field. A name in the question
reads a department when it is one of those forms (the best reading), or *abbreviates* one:
its characters stand in the form in the same order, beginning with the form's first
character and ending with its last or with the first of its last word of two or three
characters (残联 in 残疾人联合会)
(市监局 in 市场监督管理局, 疾控 in 疾病预防控制). Each department scores its best form (a form
written out whole above any abbreviation, else the share of the form's characters kept);
departments scoring close to the best are asked back, the others dropped (青禾疾控 is the
市 body, not the 区 body of the same kind). A level word the question opens a name with is
the innermost place's (市二中). Only when no form fits anywhere in the question, a name
within typo distance of a form (one edit per five characters) matches, keeping its first
and last characters, its numbers (一中 is no 二中) and its places (西城区 is no 东城区).
A word that only says what kind of body or thing is meant (项目, 单位, 部门, 委托, 业务, 服务),
or a place's own organ without the place (办事处, 政府办公室), is never a department, nor is a
name whose last character begins such a word in the question (某某镇委托… is no 镇委).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.fuzzy import (
    edit_distance,
    is_misspelt_abbreviation,
    is_subsequence,
    typo_limit,
)
from assistant.answer.understand.lexicon import is_word
from assistant.text.orgnames import name_forms
from assistant.text.orgnames import split as split_name

# the characters a public body's name ends with (局, 厅, 委, 办, 院, 中心 …)
BODY_ENDS = ("局", "厅", "委", "办", "院", "中心", "站", "所", "队", "馆", "校", "处", "街道", "镇", "乡")
# words that say what kind of body or thing is meant, never which one; and words that a
# body's last character begins (委托, 局面, 院校 …): the name does not end there
GENERIC = frozenset(("项目", "单位", "部门", "委托", "业务", "服务", "机关", "政府", "本局", "该局",
                     "我局", "本委", "本院", "该院", "本办", "全局", "各局", "局里", "委里", "院里",
                     "全委", "委办", "本单位", "各单位", "各部门", "这个局", "那个局"))
CONTINUES = re.compile(r"托|派|员(?!会)|面|部(?!门)|势|限|外|内|办理|办法|校(?!区)|长|里|系")
PLACE = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{2,5}?(?:省|自治区|市|州|盟|地区|区|县|旗)")
LEVEL = re.compile(r"^(?:省|市|州|区|县)")  # a place's level word kept when its name is left out
NAME = re.compile(r"[\u4e00-\u9fff（）()]")
MIN_NAME = 3
MAX_NAME = 24


@dataclass(frozen=True)
class Match:
    said: str  # the name as the question writes it
    start: int
    end: int
    departments: tuple[str, ...]  # the catalog's departments it may name (one: resolved)


def bodies(full: str) -> list[str]:
    """The full name, and the name without each place level it opens with (临江市江北区财政局
    -> 江北区财政局 -> 财政局)."""
    out = [full]
    rest = full
    while (m := PLACE.match(rest)) and len(rest) - m.end() >= 2:
        rest = rest[m.end():]
        out.append(rest)
    return out


def abbreviates(said: str, full: str) -> bool:
    """Whether `said` names `full` by some of its characters in order (see the module doc)."""
    if said == full or len(said) < MIN_NAME or said[-1] != full[-1]:
        return False
    for body in bodies(full):
        for short in dict.fromkeys((said, LEVEL.sub("", said) if body != full else said)):
            if len(short) >= 2 and short[0] == body[0] and is_subsequence(short, body):
                return True
    return False


def places(name: str) -> list[str]:
    """The place words a name opens with, outermost first (云岭市, 东城区)."""
    out, rest = [], name
    while (m := PLACE.match(rest)) and len(rest) - m.end() >= 2:
        out.append(m.group(0))
        rest = rest[m.end():]
    return out


def misspells(said: str, full: str) -> bool:
    """Whether `said` is `full` (or `full` without its place) with a typo; a different place
    (西城区 for 东城区) is another place, not a typo, unless the place as typed is no place the
    dictionary knows (`place_typo`)."""
    if len(said) < 4:
        return False
    for body in dict.fromkeys((*bodies(full)[:2], *name_forms(full))):
        limit = typo_limit(body)
        # a name cut out of or run into a word (西|江镇政府, 人民医院|事) is no typo, nor is
        # another number (一中 and 二中 are two schools) or another place (西城区, 东城区)
        if said == body or said[:1] != body[:1] or said[-1:] != body[-1:] \
                or abs(len(said) - len(body)) > limit \
                or NUMERAL.findall(said) != NUMERAL.findall(body):
            continue
        theirs, ours = _places_down_to_towns(body), _places_down_to_towns(said)
        if any(a != b and not place_typo(b, a) for a, b in zip(theirs, ours, strict=False)):
            continue
        if edit_distance(said, body, limit) <= limit:
            return True
    return False


NUMERAL = re.compile(r"[一二两俩三四五六七八九十零百\d]")


def misspells_short(said: str, full: str) -> bool:
    """Whether `said` abbreviates `full` with one character mistyped (苇塘消仿大队 of 苇塘县消防
    救援大队), keeping its numbers (一中 is no 二中) and its places (`misspells`' guards)."""
    if not is_misspelt_abbreviation(said, full) or NUMERAL.findall(said) != NUMERAL.findall(full):
        return False
    theirs, ours = _places_down_to_towns(full), _places_down_to_towns(said)
    return all(a == b or place_typo(b, a) for a, b in zip(theirs, ours, strict=False))


@lru_cache(maxsize=4096)
def _places_down_to_towns(name: str) -> list[str]:
    """The places a name opens with, towns and streets included (西江镇, 汐江镇)."""
    return [stem + level for stem, level in split_name(name)[0]] or places(name)


LEVEL_WORD = re.compile(r"(?:省|自治区|市|州|盟|地区|区|县|旗|镇|乡|街道)$")


def place_typo(said: str, place: str) -> bool:
    """Whether the place `said` is `place` typed with one wrong character: same level word,
    one character of the name different, and `said`'s name no word or place name the
    dictionary knows (白芸区 for 白云区, 林江市 for 临江市; 西城区 is a place of its own)."""
    level = LEVEL_WORD.search(place)
    cut = len(level.group()) if level else 1
    stem, their_stem = said[:-cut], place[:-cut]
    return (said[-cut:] == place[-cut:] and len(stem) == len(their_stem) >= 2
            and sum(a != b for a, b in zip(stem, their_stem, strict=True)) == 1
            and not is_word(stem))


def generic(said: str) -> bool:
    return said in GENERIC or len(said) < MIN_NAME


def candidates(said: str, names: Iterable[tuple[str, str]], typos: bool = True) -> tuple[str, ...]:
    """The departments `said` names best: by a form of their names it abbreviates (the
    closest forms only, `CLOSE`), else (with `typos`) those it misspells."""
    names = tuple(names)
    if len(said) == CONTRACTED:
        # a two-character form of the name itself (a town's name: 蕖湾 of 蕖湾镇人民政府), else
        # a contraction (疾控)
        whole = {d for alias, d in names if said in name_forms(alias)}
        return tuple(sorted(whole or {d for alias, d in names if _contracts(said, alias)}))
    if generic(said) or _generic_organisation(said):
        return ()
    index = _by_first(tuple(alias for alias, _ in names))
    near = index.get(said[0], frozenset()) | (index.get(said[1], frozenset()) if LEVEL.match(said)
                                              else frozenset())
    scores: dict[str, float] = {}
    for alias, d in names:  # a name whose forms all start otherwise is read the old way only
        score = _score(said, alias) if alias in near else WEAK * abbreviates(said, alias)
        scores[d] = max(scores.get(d, 0.0), score)
    best = max(scores.values(), default=0.0)
    if best > 0:
        return tuple(sorted({d for d, s in scores.items() if s >= best * CLOSE}))
    if not typos:
        return ()
    return tuple(sorted({d for alias, d in names if misspells(said, alias)}))


CONTRACTED = 2  # characters of the shortest name read: a contraction of two words (疾控)
CONTRACTED_FORM = 5  # characters of the form such a contraction shortens, at least


def _contracts(said: str, full: str) -> bool:
    """Whether a two-character name contracts a long form of `full` to the first characters
    of its first and of its last two-character word, skipping the words between (疾控 of
    疾病预防控制), or to its first and its last character (体校 of 体育运动学校): never a form's head and its body word (市局), nor two characters that stand
    together in it."""
    if said in GENERIC or said[0] == said[1]:
        return False
    return any(len(form) >= CONTRACTED_FORM and said[0] == form[0]
               and (said[1] in _last_heads(form) or said[1] == form[-1] and not LEVEL_WORD.match(said[0]))
               and said not in form for form in name_forms(full))


def _last_heads(form: str) -> str:
    """The characters a contraction may take for a name's last word: the head of a last word
    of two characters (控制 of 疾病预防控制) or of three (联合会 of 残疾人联合会)."""
    return form[-3:-1] if len(form) > CONTRACTED_FORM else form[-2]


# the share of the best reading's score another department needs to be asked back with it
# (青禾疾控 keeps half of 青禾疾病预防控制 but a third of 青禾南堤区疾病预防控制: the 市 body)
CLOSE = 0.8
EXACT = 2.0  # a form written out whole scores above any abbreviation
WEAK = 0.25


def _score(said: str, full: str) -> float:
    """How well `said` names `full`: EXACT when it is one of the name's forms, else the share
    of the closest form's characters it keeps when it abbreviates that form (its first
    character kept, its last or the first of its last two-character word: 疾病预防控制 -> 疾控;
    the rest in order); 0 when it names `full` in no way."""
    best = 0.0
    for form in name_forms(full):
        for short in _without_level(said, full):
            if short == form:
                return EXACT
            if len(form) > len(short) and short[0] == form[0] \
                    and (short[-1] in form[-2:] or short[-1] == _last_heads(form)[0]) \
                    and is_subsequence(short, form):
                best = max(best, len(short) / len(form))
    if not best and abbreviates(said, full):  # a reading no form gives (a level word of
        return WEAK                            # another place left over): the weakest
    return best


@lru_cache(maxsize=64)
def _by_first(aliases: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """The names whose forms start with each character."""
    out: dict[str, set[str]] = {}
    for alias in aliases:
        for form in name_forms(alias):
            out.setdefault(form[0], set()).add(alias)
    return {ch: frozenset(found) for ch, found in out.items()}


def _without_level(said: str, full: str) -> tuple[str, ...]:
    """`said`, and `said` without a level word it opens with when the name's innermost place
    has that level (市二中 of 某市第二中学: the city's own school)."""
    places, _ = split_name(full)
    if len(said) >= MIN_NAME and places and LEVEL.match(said) and places[-1][1] == said[0]:
        return said, said[1:]
    return (said,)


def _generic_organisation(said: str) -> bool:
    """A name that, without its place, is only a word for a kind of body (汐江镇单位)."""
    rest = PLACE.sub("", said)
    return rest != said and rest in GENERIC


def find(text: str, names: Sequence[tuple[str, str]], taken: Sequence[tuple[int, int]] = ()
         ) -> list[Match]:
    """The department names in `text` outside the `taken` spans: for each place a body's name
    ends (and the word does not run on: 委托), from the last, the longest name before it that
    matches."""
    out: list[Match] = []
    spans = list(taken)
    ends = _ends(text, names)
    for typos in (False, True):  # names read by their forms first, then typos
        for end in reversed(ends):  # the longest name first: 岚浦二中, not 岚浦二
            if CONTINUES.match(text, end) or any(a < end <= b for a, b in spans):
                continue
            best = _longest(text, end, names, spans, typos)
            if best is not None:
                out.append(best)
                spans.append((best.start, best.end))
    return sorted(out, key=lambda m: m.start)


def _ends(text: str, names: Sequence[tuple[str, str]] = ()) -> list[int]:
    """Where a name may end: after a body's last word, or after any character a form of the
    catalog's names ends with (岚浦二中, 枫浦疾控)."""
    lasts = _last_characters(tuple(alias for alias, _ in names))
    return sorted({m.end() for e in BODY_ENDS for m in re.finditer(e, text)}
                  | {i + 1 for i, ch in enumerate(text) if ch in lasts})


@lru_cache(maxsize=64)
def _last_characters(aliases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(ch for a in aliases for f in name_forms(a) if len(f) >= MIN_NAME
                     for ch in f[-2:] + _last_heads(f))


# a level word right after a two-character name makes it a place of another body (西江|镇政府)
OTHER_BODY_AFTER = re.compile(r"(?:省|市|区|县|镇|乡|街道|村|社区)")


def _longest(text: str, end: int, names: Sequence[tuple[str, str]],
             spans: Sequence[tuple[int, int]], typos: bool = False) -> Match | None:
    """The longest name ending at `end` that names some department by one of its forms (with
    `typos`: that misspells one)."""
    for start in range(max(0, end - MAX_NAME), end - CONTRACTED + 1):
        said = text[start:end]
        if not all(NAME.match(ch) for ch in said) or any(a < end and start < b for a, b in spans):
            continue
        if len(said) == CONTRACTED and OTHER_BODY_AFTER.match(text, end):
            continue  # 西江镇政府: a place of another level or its government, not 西江街道
        stems = _place_stems(tuple(alias for alias, _ in names))
        found = tuple(d for d in candidates(said, names, typos)
                      if _same_place(text[:start], said, d, stems))
        if found:
            return Match(said, start, end, found)
    return None


# words that join or set names side by side; a name right after one starts there (和|市人民医院)
JOINERS = frozenset("和与及跟同比较是或对、的年")
YEAR_BEFORE = re.compile(r"(?:\d|[〇零一二三四五六七八九十]|本|上|今|去)年度?$")
BEFORE_PLACE = re.compile(r"([\u4e00-\u9fff]{2}(?:省|市|州|区|县))$")  # the innermost place before a name


@lru_cache(maxsize=64)
def _place_stems(aliases: tuple[str, ...]) -> frozenset[str]:
    """The names of the places the catalog's bodies are in, without their level words (北渚 of
    某市北渚区职业学校): a place a question may write bare before a body's name."""
    return frozenset(stem for alias in aliases for stem, _level in split_name(alias)[0] if len(stem) >= 2)


def _same_place(before: str, said: str, department: str, stems: frozenset[str] = frozenset()) -> bool:
    """A name read after a place the department is not in (江北区|教育局 is no 南湖区教育局, nor
    江北|教育局 when 江北 is a place of the library), or cut out of a longer word (区|教育局),
    names another body."""
    if any(before.endswith(stem) and stem not in department for stem in stems):
        return False
    before = YEAR_BEFORE.sub("", before)  # 2023年度|县农技站: a year ends where a name starts
    if (before and NAME.match(before[-1]) and before[-1] not in JOINERS
            and (LEVEL.match(said) or PLACE.match(before[-1] + said))):
        return False  # the name starts inside a place's name (西|城区教育局)
    m = BEFORE_PLACE.search(before)
    return m is None or m.group(1)[:2] in department


# two names joined before the words they share: 上杞和下杞卫生院 (上杞|卫生院), 东坪、西坪两个街道,
# 东坪西坪俩街道 (before a count the joining word may be left out)
JOIN_WORDS = "和|与|及|跟|同|、"  # the words that join two names
JOINER = re.compile(rf"(?:{JOIN_WORDS})$")
COUNTED_TAIL = re.compile(rf"([\u4e00-\u9fff]{{2,5}})(?:{JOIN_WORDS})?([\u4e00-\u9fff]{{2,5}}?)"
                          r"(?:这|那)?[两二俩]个?([\u4e00-\u9fff]{1,6})")
STEM = range(2, 7)  # characters a name's own part may have before the joiner


def joined(text: str, names: Sequence[tuple[str, str]], spans: Sequence[tuple[int, int]],
           known: Sequence[str] = ()) -> list[Match]:
    """Names written as a conjunction of their own parts before a shared tail, each read as
    one department: the part before the joiner takes the tail of the name after it
    (上杞和|下杞卫生院 -> 上杞卫生院), or both parts take the words after a count (东坪、西坪两个
    街道 -> 东坪街道, 西坪街道). Only a reading that names exactly one department, none of
    `known`, counts; nothing inside `spans` (names already read) is read again."""
    out: list[Match] = []
    for s, e in spans:
        j = s - 1
        if j < 0 or not JOINER.search(text[:s]):
            continue
        hit = _stem_with_tail(text, j, text[s:e], names, spans, [*known, *(m.departments[0] for m in out)])
        out += [hit] if hit else []
    for m in COUNTED_TAIL.finditer(text):
        # the shared words after the count may have been read already (林业站, several bodies'
        # name); the parts before it not
        if any(a < m.end(2) and m.start(1) < b for a, b in spans):
            continue
        out += _parts_with_tail(m, names, [*known, *(x.departments[0] for x in out)])
    return out


def _one(said: str, names: Sequence[tuple[str, str]], known: Sequence[str]) -> str:
    found = candidates(said, names, typos=False) if len(said) >= MIN_NAME else ()
    return found[0] if len(found) == 1 and found[0] not in known else ""


def _stem_with_tail(text: str, j: int, said: str, names: Sequence[tuple[str, str]],
                    spans: Sequence[tuple[int, int]], known: Sequence[str]) -> Match | None:
    """The name before the joiner at `j`: a stem of two to six characters with the tail of
    `said` (the name after the joiner) from the place the stem's own length gives, else from
    any later place leaving at least two characters."""
    for n in STEM:
        start = j - n
        stem = text[max(start, 0):j]
        if start < 0 or not all(NAME.match(ch) for ch in stem) \
                or any(a < j and start < b for a, b in spans):
            break
        for k in dict.fromkeys([n, *range(1, len(said) - 1)]):
            if k >= len(said) - 1:
                continue
            department = _one(stem + said[k:], names, known)
            if department:
                return Match(stem, start, j, (department,))
    return None


def _parts_with_tail(m: re.Match, names: Sequence[tuple[str, str]], known: Sequence[str]) -> list[Match]:
    """东坪、西坪两个街道: each part with the longest beginning of the words after the count
    that makes both name one department each (two different ones)."""
    tail, head = m.group(3), m.group(1)
    for t in range(len(tail), 0, -1):
        for n in range(2, len(head) + 1):  # the first part's own characters end at the joiner
            first = _one(head[-n:] + tail[:t], names, known)
            second = _one(m.group(2) + tail[:t], names, [*known, first]) if first else ""
            if second:
                return [Match(head[-n:], m.end(1) - n, m.end(1), (first,)),
                        Match(m.group(2), m.start(2), m.end(2), (second,))]
    return []
