"""Derive the short names people use for a department from its full name, by general rules.

广州市番禺区人民政府办公室 -> 番禺区人民政府办公室, 番禺区政府办公室, 番禺区政府办, …
中国共产党广州市番禺区委员会办公室 -> 中共番禺区委办公室, 番禺区委办, …
广州市人民政府办公厅 -> 市政府办公厅, 广州市政府办公厅, …
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

Rule = Callable[[str], Iterable[str]]


def _party(name: str) -> Iterable[str]:
    yield name.replace("中国共产党", "中共")
    m = re.match(r"^(?:中国共产党|中共)(.+?)(委员会)(.*)$", name)
    if m:
        place, _, rest = m.groups()
        yield f"{place}委{rest}"
        yield f"中共{place}委{rest}"


def _government(name: str) -> Iterable[str]:
    yield name.replace("人民政府", "政府")


def _office(name: str) -> Iterable[str]:
    if name.endswith("办公室"):
        yield name[: -len("办公室")] + "办"


def _drop_parent_place(name: str) -> Iterable[str]:
    """广州市番禺区… -> 番禺区…; 广州市人民政府… -> 市人民政府…"""
    m = re.match(r"^(中共)?([\u4e00-\u9fff]{2,4}?[省市])(?=[\u4e00-\u9fff]{2,4}?[区县市])(.+)$", name)
    if m:
        yield (m.group(1) or "") + m.group(3)
    m = re.match(r"^(中共)?[\u4e00-\u9fff]{2,4}?(市|省)((?:人民)?政府.*|委.*)$", name)
    if m:
        yield (m.group(1) or "") + m.group(2) + m.group(3)


def _drop_party_prefix(name: str) -> Iterable[str]:
    if name.startswith("中共") and re.match(r"^中共.+[区县市]委", name):
        yield name[len("中共"):]


# a body named after its place and its field: 施甸县|文化和旅游|局, 保山市|卫生健康|委员会
_FIELD_BODY = re.compile(r"^((?:[\u4e00-\u9fff]{2,4}?[省市州盟])?(?:[\u4e00-\u9fff]{1,4}?[区县旗])?)"
                         r"([\u4e00-\u9fff]{4,9}?)(局|委员会|委)$")
# names of a place's government or party committee are abbreviated by the rules above
_ORGAN_WORDS = ("政府", "人民", "中共", "共产党", "办公")


def _field_abbreviation(name: str) -> Iterable[str]:
    """施甸县文化和旅游局 -> 施甸县文旅局; 保山市卫生健康委员会 -> 保山市卫健委, 保山市卫生健康委;
    雨花区发展和改革局 -> 雨花区发改局: the first character of each word of the field."""
    m = _FIELD_BODY.match(name)
    if not m or any(w in name for w in _ORGAN_WORDS):
        return
    place, field, suffix = m.groups()
    if not place:
        return
    short_suffix = "委" if suffix == "委员会" else suffix
    if suffix == "委员会":
        yield f"{place}{field}委"
    if field in FIELD_SHORT:
        yield f"{place}{FIELD_SHORT[field]}{short_suffix}"
        return
    words = field.split("和") if "和" in field else ([field[:2], field[2:]] if len(field) == 4 else [])
    if len(words) == 2 and all(2 <= len(w) <= 4 for w in words):
        yield f"{place}{words[0][0]}{words[1][0]}{short_suffix}"


# a place below the county (镇/乡/街道) after the places above it: 某县|永川街道|办事处
_SUB_PLACE = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}?[省市州盟])?(?:[\u4e00-\u9fff]{1,4}?[区县旗市])?"
                        r"([\u4e00-\u9fff]{2,4}?(?:镇|乡|街道))(人民政府|政府|办事处|党委|.*)$")


def _sub_place(name: str) -> Iterable[str]:
    """兴宁市石溪镇人民政府 -> 石溪镇人民政府 and 石溪镇; 某县永川街道办事处 -> 永川街道办事处,
    永川街道办, 永川街道: a town or street office goes by its own place name."""
    m = _SUB_PLACE.match(name)
    if m and m.group(2):
        yield m.group(1) + m.group(2)
        if m.group(2) in ("人民政府", "政府", "办事处"):
            yield m.group(1)
    if name.endswith("街道办事处"):
        yield name[: -len("事处")]


def _people(name: str) -> Iterable[str]:
    """某县人民医院 -> 某县医院; 人民法院 -> 法院; 人民检察院 -> 检察院 (not a government's 人民)."""
    for body in ("医院", "法院", "检察院"):
        if name.endswith("人民" + body):
            yield name[: -len("人民" + body)] + body


# fields whose short form is not the first character of each word
FIELD_SHORT = {"住房和城乡建设": "住建", "城市管理和综合执法": "城管", "城市管理": "城管",
               "市场监督管理": "市场监管", "医疗保障": "医保", "退役军人事务": "退役军人",
               "应急管理": "应急", "交通运输": "交通", "生态环境": "环境"}


def _city_without_shi(name: str) -> Iterable[str]:
    """许昌市河湖水系水源调度中心 -> 许昌河湖水系水源调度中心 (not for a government's names)."""
    m = re.match(r"^([\u4e00-\u9fff]{2})市([\u4e00-\u9fff]{4,})$", name)
    if m and not any(w in name for w in _ORGAN_WORDS) and not re.match(r"^[\u4e00-\u9fff]{1,4}[区县]", m.group(2)):
        yield m.group(1) + m.group(2)


# a people's organisation's short form: the field's first character (or its usual short
# form) and 联 / 协 (残疾人联合会 -> 残联, 妇女联合会 -> 妇联, 科学技术协会 -> 科协)
FEDERATION = re.compile(r"^(?P<place>.*?[省市州盟区县旗])?(?P<field>[\u4e00-\u9fff]{2,6}?)"
                        r"(?P<kind>联合会|协会)$")
FEDERATION_SHORT = {"工商业": "工商", "归国华侨": "侨"}


def _federation(name: str) -> Iterable[str]:
    """某某市残疾人联合会 -> 某某市残联; 某某县科学技术协会 -> 某某县科协."""
    m = FEDERATION.match(name)
    if m:
        field = m.group("field")
        short = FEDERATION_SHORT.get(field, field[0])
        yield (m.group("place") or "") + short + m.group("kind")[0]


# the conventions that name a place's government, party committee and their offices: the short
# forms an answer may call a department by (番禺区政府办, 市政府办公厅, 汐江镇政府)
ORGAN_RULES: tuple[Rule, ...] = (_party, _government, _office, _drop_parent_place, _drop_party_prefix)
RULES: tuple[Rule, ...] = (*ORGAN_RULES, _field_abbreviation, _sub_place, _people, _federation)
# rules that read the full name only: applied to an alias they would cut a word (檀溪市场监督管理局
# is 檀溪 + 市场监督管理局; its 市 is no place's level word, 檀溪场监督管理局 no name)
FIRST_RULES: tuple[Rule, ...] = (_city_without_shi,)


def department_aliases(full_name: str, rules: tuple[Rule, ...] = RULES,
                       first: tuple[Rule, ...] = FIRST_RULES) -> list[str]:
    """All names derivable from `full_name` (itself first), longest first after it."""
    seen = {full_name}
    frontier = [full_name]
    for rule in first:
        for alias in rule(full_name):
            if alias and alias not in seen and len(alias) >= 3:
                seen.add(alias)
                frontier.append(alias)
    while frontier:
        nxt = []
        for name in frontier:
            for rule in rules:
                for alias in rule(name):
                    if alias and alias not in seen and len(alias) >= 3:
                        seen.add(alias)
                        nxt.append(alias)
        frontier = nxt
    rest = sorted(seen - {full_name}, key=lambda a: (-len(a), a))
    return [full_name, *rest]


def short_name(full_name: str) -> str:
    """The name an answer calls a department by: the shortest form the conventions for a
    place's government, party committee and offices give that still names the place
    (番禺区政府办, 市政府办公厅); else the name as stored (a field's contraction, 市监局 or
    疾控中心, is read in questions but not written in answers)."""
    aliases = department_aliases(full_name, ORGAN_RULES, ())
    placed = [a for a in aliases if re.match(r"^[\u4e00-\u9fff]{1,4}[区县]", a)]
    pool = placed or aliases
    return min(pool, key=len)


# Naming a department ----------------------------------------------------------------------------
# General conventions of Chinese organisation names, not a list of departments: every place
# has a government and a party committee (人民政府, 区委, 党委), each with an office
# (办公室/办公厅/办); other organisations are named by the indexed departments themselves
# (see `organisation_of`).
ORGAN = r"(?:人民)?(?:政府|[省市区县]?委)"
OFFICE = r"(?:办公室|办公厅|办)"
# a place's government or party committee, right after the place
ORGAN_AFTER_PLACE = re.compile(rf"{ORGAN}|党委")
# a place's organ (and its office) right after the place: 番禺区|政府办, 白云区|委办公室
PLACE_ORGAN = re.compile(rf"{ORGAN}{OFFICE}?")
# an office named with or without its place: 海珠区政府办, 区委办公室, 市政府办公厅
NAMED_OFFICE = re.compile(rf"(?:[\u4e00-\u9fff]{{2,3}}[区县]|[市省])?{ORGAN}{OFFICE}")
# the county-level place a department name starts with: (中共)(广州市)番禺区…
PLACE_PREFIX = re.compile(r"^(?:中共)?(?:[\u4e00-\u9fff]{2,3}市)?([\u4e00-\u9fff]{2,3}[区县])")
# jieba words for the short office names the alias rules make (政府办, 区委办 …, 办公厅)
OFFICE_WORDS: tuple[str, ...] = tuple(dict.fromkeys(
    [*(a for o in ("人民政府办公室", *(f"中共{lv}委员会办公室" for lv in "区县市省"))
       for a in department_aliases(o) if a.endswith("办") and len(a) == 3), "办公厅"]))


def names_of(report) -> tuple[str, ...]:
    """Every name a report's department goes by: its full name, then its aliases."""
    return (report.department, *report.aliases)


def place_of(name: str) -> str:
    """The district or county a department name starts with ("" when none)."""
    m = PLACE_PREFIX.match(name)
    return m.group(1) if m else ""


def organisation_of(name: str) -> str:
    """The organisation a department name names, without its place: 番禺区政府办 -> 政府办,
    施甸县文化和旅游局 -> 文化和旅游局 ("" when the name does not start with a place)."""
    m = PLACE_PREFIX.match(name)
    return name[m.end():] if m else ""


def names_organisation(text: str, pos: int, organisations: Iterable[str]) -> bool:
    """Whether text[pos:] names an organisation of a place: the place's government or party
    committee, or an organisation of the kind an indexed department is (its name without
    its place, e.g. 政府办 or 司法局)."""
    return bool(ORGAN_AFTER_PLACE.match(text, pos)) or any(
        text.startswith(o, pos) for o in organisations)


def match_department(name: str, reports: Iterable) -> list:
    """The reports `name` names: by report id or file stem, full department name or alias;
    failing that (two characters or more), the reports whose name or an alias contains it."""
    name = (name or "").strip()
    reports = list(reports)
    exact = [r for r in reports if name in (r.id, Path(r.id).stem, *names_of(r))]
    if not exact and len(name) >= 2:
        exact = [r for r in reports if any(name in n for n in names_of(r))]
    return exact


# how the name of a public body ends (longest first, so 委员会办公室 wins over 委员会 and 委)
ORG_SUFFIXES = ("人民政府办公室", "人民政府办公厅", "委员会办公室", "街道办事处", "政府办公室",
                "政府办公厅", "委员会", "联合会", "红十字会", "总工会", "协会", "办公室", "办公厅",
                "人民政府", "管理局", "管理处", "中心",
                "学校", "小学", "中学", "大学", "学院", "幼儿园", "医院", "卫生院", "研究院", "研究所",
                "事务所", "服务站", "纪念馆", "博物馆", "图书馆", "文化馆", "馆", "院", "所", "站", "队",
                "局", "委", "厅", "处", "镇", "乡", "街道", "办")
# a run of name characters (a table cell, or a name glued to the next field)
NAME_RUN = re.compile(r"[\u4e00-\u9fff（）()]{4,40}")


def is_org_name(text: str) -> bool:
    """True when the whole text reads as the name of a public body (…局, …委员会, …中心, …镇)."""
    text = text.strip()
    return 4 <= len(text) <= 40 and text.endswith(ORG_SUFFIXES)


def org_name_at(text: str) -> str:
    """The name of a public body that `text` starts with, cut where the name ends: the
    longest start of its run of name characters that ends like a body's name
    (…局本级 → …局, …改革局预算编码 → …改革局, …镇人民政府部门 → …镇人民政府); or ''."""
    m = NAME_RUN.match(text.strip())
    if not m:
        return ""
    run = m.group()
    return next((run[:end] for end in range(len(run), 3, -1) if is_org_name(run[:end])), "")
