"""The parts of a public body's name and the forms people write it in, derived from the name
itself by the conventions of Chinese organisation names (no list of departments).

A name is a chain of places, outermost first (某省, 某市, 某区, 某镇), then the organisation
(市场监督管理局, 第二中学, 人民政府). People leave out

- the places above the innermost, any place at all, or a place's level word (岚浦市 -> 岚浦);
- the word 人民 of a government, hospital or court (人民政府 -> 政府), 第 before a number
  (第二中学 -> 二中学), the 学 of a school's kind after a number (二中学 -> 二中);
- a town's or street's government entirely: 汐江镇人民政府 is 汐江镇 (but a place's own organ is
  never named without its place: 人民政府, 办事处 alone name no one);
- the kind word 中心 after a field of four or more characters (疾病预防控制中心 -> 疾病预防控制,
  from which the matcher's ordered subsequence reads 疾控);
- the parent body of a branch named after it (某市公安局某某分局 -> 某某分局, 某市水文局某某水文站
  -> 某某水文站).

Contractions that keep a word's first character (市场监督管理局 -> 市监局, 疾病预防控制中心 ->
疾控中心) are ordered subsequences of these forms; the matcher reads them, they are not listed.
"""

from __future__ import annotations

import re
from functools import lru_cache

# one place level at the start of a name: 2–5 characters and its level word
PLACE = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,5}?)(省|自治区|自治州|市|州|盟|地区|区|县|旗|镇|乡|街道)")
# a place's own government or office: the place alone names it
PLACE_ORGANS = ("人民政府", "政府", "办事处", "街道办事处", "街道办")
TOWN_LEVELS = ("镇", "乡", "街道")
# a school's kind after an ordinal: 第二中学 -> 二中, 第三小学 -> 三小
ORDINAL_SCHOOL = re.compile(r"第?([一二三四五六七八九十]+|\d+)(中|小)学")
MIN_ORGANISATION = 2
# a branch named after its parent body (公安局|苇塘分局, 水文局|苇塘水文站): the branch's own name,
# of four or more characters, goes by itself
BRANCH = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?:局|委员会|委|厅|院|中心)"
                    r"([\u4e00-\u9fff]{2,8}(?:分局|分所|分中心|分院|分校|支队|大队|中队|分队|站|所))$")
# a place's own organs (its government, its party committee, their offices): named only with it
PLACE_ORGAN = re.compile(r"^(?:人民)?(?:政府|办事处|街道办|委员会|党委|[省市区县]委)(?:办公室|办公厅|办)?$")


def split(name: str) -> tuple[tuple[tuple[str, str], ...], str]:
    """((stem, level) of each place the name opens with, outermost first; the organisation).
    A place is taken only when an organisation of two characters or more follows it, or the
    place is a town or street (its name is then its government's: 汐江镇)."""
    out, rest = [], name
    while m := PLACE.match(rest):
        after = rest[m.end():]
        if len(after) < MIN_ORGANISATION and not (m.group(2) in TOWN_LEVELS and not after):
            break
        out.append((m.group(1), m.group(2)))
        rest = after
    return tuple(out), rest


def organisation_forms(organisation: str, town: bool = False) -> tuple[str, ...]:
    """The organisation as written and in the forms it goes by (see the module doc); "" when
    the organisation is a town's government (the place names it)."""
    forms = [organisation, organisation.replace("人民", "")]
    school = ORDINAL_SCHOOL.search(organisation)
    if school:
        forms.append(organisation[:school.start()] + school.group(1) + school.group(2))
        forms.append(organisation[:school.start()] + school.group(1) + school.group(2) + "学")
    if organisation.endswith("中心") and len(organisation) >= 6:
        forms.append(organisation[:-2])
    if organisation.endswith("委员会"):
        forms.append(organisation[:-3] + "委")
    branch = BRANCH.match(organisation)
    if branch and len(branch.group(1)) >= 4:
        forms.append(branch.group(1))
    if town and organisation in (*PLACE_ORGANS, ""):
        forms.append("")
    return tuple(f for f in dict.fromkeys(forms) if f or town)


def place_forms(places: tuple[tuple[str, str], ...], levels: bool = False) -> tuple[str, ...]:
    """The ways the places before an organisation are written: every chain that ends with the
    innermost place, each with or without its first level word, and no place at all (never an
    outer place without the inner: 某市人民政府 is another body than 某市某区人民政府)."""
    if not places:
        return ("",)
    full = ["".join(s + lv for s, lv in places[i:]) for i in range(len(places))]
    if levels:
        return (*full, "")
    forms = [*full]
    forms += [places[i][0] + "".join(s + lv for s, lv in places[i + 1:]) for i in range(len(places))]
    forms.append("")
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=8192)
def name_forms(name: str, levels: bool = False) -> tuple[str, ...]:
    """Every form of `name` a reader may write (the name first), each a place form followed by
    an organisation form; never an empty form nor a bare place above a town. With `levels`,
    only the forms that keep every place they name whole (for typos: 东城区 and 西城区 are two
    places, 东城 and 西城 may be one mistyped)."""
    places, organisation = split(name)
    town = bool(places) and places[-1][1] in TOWN_LEVELS and organisation in (*PLACE_ORGANS, "")
    out = [name]
    for org in organisation_forms(organisation, town):
        for place in place_forms(places, levels):
            if not place and places and PLACE_ORGAN.match(org):
                continue  # 人民政府, 办事处, 政府办公室: every place has one
            if not org and (not place or not place.endswith(TOWN_LEVELS) and not town):
                continue
            if not org and places and not place.endswith(places[-1][0] + places[-1][1]) \
                    and place != places[-1][0]:
                continue  # a town's name (蕖湾镇, 蕖湾) is the town, not the county above it
            out.append(place + org)
    return tuple(dict.fromkeys(f for f in out if f))

