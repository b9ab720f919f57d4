"""Departments named in a question, resolved against the catalog of indexed departments by a
general matcher instead of listed abbreviations.

A name in the question *abbreviates* a department when its characters stand in the full name
in the same order (广电体局 in 某市广播电视体育局, 人社厅 in 某省人力资源和社会保障厅), the
place prefix being optional (市人民医院 for 云州市人民医院), beginning with the full name's
first character (after the place, if the question leaves the place out) and ending with its
last. A name within typo distance of a full name or an alias also matches (one edit per five
characters). A word that only says what kind of body or thing is meant (项目, 单位, 部门,
委托, 业务, 服务) is never a department, nor is a name whose last character begins such a
word in the question (某某镇委托… is no 镇委).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.answer.fuzzy import edit_distance, is_subsequence, typo_limit
from assistant.answer.understand.lexicon import is_word

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
    for body in bodies(full)[:2]:
        theirs, ours = places(body), places(said)
        if any(a != b and not place_typo(b, a) for a, b in zip(theirs, ours, strict=False)):
            continue
        if len(said) >= 4 and said != body and \
                edit_distance(said, body, typo_limit(body)) <= typo_limit(body):
            return True
    return False


def place_typo(said: str, place: str) -> bool:
    """Whether the place `said` is `place` typed with one wrong character: same level word,
    one character of the name different, and `said`'s name no word or place name the
    dictionary knows (白芸区 for 白云区, 林江市 for 临江市; 西城区 is a place of its own)."""
    stem, their_stem = said[:-1], place[:-1]
    return (said[-1] == place[-1] and len(stem) == len(their_stem) >= 2
            and sum(a != b for a, b in zip(stem, their_stem, strict=True)) == 1
            and not is_word(stem))


def generic(said: str) -> bool:
    return said in GENERIC or len(said) < MIN_NAME


def candidates(said: str, names: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The departments `said` abbreviates (any of their names), else those it misspells."""
    names = list(names)
    if generic(said):
        return ()
    hit = sorted({d for alias, d in names if abbreviates(said, alias)})
    if hit:
        return tuple(hit)
    return tuple(sorted({d for alias, d in names if misspells(said, alias)}))


def find(text: str, names: Sequence[tuple[str, str]], taken: Sequence[tuple[int, int]] = ()
         ) -> list[Match]:
    """The department names in `text` outside the `taken` spans: for each place a body's name
    ends (and the word does not run on: 委托), the longest name before it that matches."""
    out: list[Match] = []
    spans = list(taken)
    for end in _ends(text):
        if CONTINUES.match(text, end) or any(a < end <= b for a, b in spans):
            continue
        best = _longest(text, end, names, spans)
        if best is not None:
            out.append(best)
            spans.append((best.start, best.end))
    return out


def _ends(text: str) -> list[int]:
    return sorted({m.end() for e in BODY_ENDS for m in re.finditer(e, text)})


def _longest(text: str, end: int, names: Sequence[tuple[str, str]],
             spans: Sequence[tuple[int, int]]) -> Match | None:
    for start in range(max(0, end - MAX_NAME), end - MIN_NAME + 1):
        said = text[start:end]
        if not all(NAME.match(ch) for ch in said) or any(a < end and start < b for a, b in spans):
            continue
        found = tuple(d for d in candidates(said, names) if _same_place(text[:start], said, d))
        if found:
            return Match(said, start, end, found)
    return None


# words that join or set names side by side; a name right after one starts there (和|市人民医院)
JOINERS = frozenset("和与及跟同比或对、的")
BEFORE_PLACE = re.compile(r"([\u4e00-\u9fff]{2}(?:省|市|州|区|县))$")  # the innermost place before a name


def _same_place(before: str, said: str, department: str) -> bool:
    """A name read after a place the department is not in (江北区|教育局 is no 南湖区教育局),
    or cut out of a longer word (区|教育局), names another body."""
    if (before and NAME.match(before[-1]) and before[-1] not in JOINERS
            and (LEVEL.match(said) or PLACE.match(before[-1] + said))):
        return False  # the name starts inside a place's name (西|城区教育局)
    m = BEFORE_PLACE.search(before)
    return m is None or m.group(1)[:2] in department
