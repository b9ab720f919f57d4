"""Naming a department, in one place: by id, full name or alias (then by part of a name),
its place, and the organisation it is without its place; office types by general rules."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.ingest.aliases import (
    NAMED_OFFICE,
    OFFICE_WORDS,
    department_aliases,
    match_department,
    names_organisation,
    organisation_of,
    place_of,
)


@dataclass(frozen=True)
class _Report:
    id: str
    department: str
    aliases: tuple[str, ...]


def _report(rid: str, department: str) -> _Report:
    return _Report(rid, department, tuple(department_aliases(department)[1:]))


REPORTS = [_report("a.txt", "广州市番禺区人民政府办公室"),
           _report("b.txt", "中国共产党广州市番禺区委员会办公室"),
           _report("c.txt", "施甸县文化和旅游局")]


def test_a_department_is_named_by_id_name_alias_or_part() -> None:
    assert [r.id for r in match_department("番禺区政府办", REPORTS)] == ["a.txt"]
    assert [r.id for r in match_department("番禺区委办", REPORTS)] == ["b.txt"]
    assert [r.id for r in match_department("c", REPORTS)] == ["c.txt"]
    assert [r.id for r in match_department("文化和旅游", REPORTS)] == ["c.txt"]
    assert [r.id for r in match_department("番禺区", REPORTS)] == ["a.txt", "b.txt"]
    assert match_department("海珠区政府办", REPORTS) == []


def test_places_and_organisations_come_from_the_names() -> None:
    assert place_of("广州市番禺区人民政府办公室") == "番禺区"
    assert place_of("中共番禺区委办") == "番禺区"
    assert organisation_of("番禺区政府办") == "政府办"
    assert organisation_of("施甸县文化和旅游局") == "文化和旅游局"
    assert organisation_of("广州市人民政府办公厅") == ""


def test_an_organisation_of_an_unindexed_place_by_general_rules() -> None:
    known = ["文化和旅游局", "政府办"]
    text = "海珠区政府办、越秀区委办、天河区人民政府、黄埔区文化和旅游局、南沙区文旅局"
    found = [names_organisation(text, text.index(p) + 3, known)
             for p in ("海珠区", "越秀区", "天河区", "黄埔区", "南沙区")]
    assert found == [True, True, True, True, False]
    assert NAMED_OFFICE.sub("", "海珠区政府办和市政府办公厅、区委办公室的支出") == "和、的支出"
    assert {"政府办", "区委办", "县委办", "办公厅"} <= set(OFFICE_WORDS)


@pytest.mark.parametrize("name, expected, absent", [
    ("某某县文化和旅游局", ["某某县文旅局"], []),
    ("某某市卫生健康委员会", ["某某市卫健委", "某某市卫生健康委"], []),
    ("某某市某某区发展和改革局", ["某某区发展和改革局", "某某区发改局"], []),
    ("某某县人力资源和社会保障局", ["某某县人社局"], []),
    ("某某市河道水源调度中心", ["某某河道水源调度中心"], []),
    # a place's government or party committee keeps its own rules: no field abbreviation
    ("某某市某某区人民政府办公室", ["某某区政府办"], ["某某区人政办"]),
    ("某某县司法局", [], ["某某司法局"]),  # a county keeps its 县: 某某司法局 names no place
    ("某某市石溪镇人民政府", ["石溪镇人民政府", "石溪镇政府", "石溪镇", "某某市石溪镇政府"], []),
    ("某某县永川街道办事处", ["永川街道办事处", "永川街道办", "永川街道", "某某县永川街道办"], []),
    ("某某县人民医院", ["某某县医院"], []),
    ("某某市中级人民法院", ["某某市中级法院"], []),
    ("某某县住房和城乡建设局", ["某某县住建局"], ["某某县住城局"]),
    ("某某市城市管理和综合执法局", ["某某市城管局"], ["某某市城综局"]),
    ("某某县第一中学", [], ["第一中学"]),
])
def test_aliases_of_any_kind_of_body(name: str, expected: list[str], absent: list[str]) -> None:
    aliases = department_aliases(name)
    assert aliases[0] == name
    assert all(a in aliases for a in expected), aliases
    assert not any(a in aliases for a in absent), aliases


def test_peoples_organisations_are_called_by_their_short_form() -> None:
    from assistant.ingest.aliases import department_aliases

    assert "某某市残联" in department_aliases("某某市残疾人联合会")
    assert "某某县科协" in department_aliases("某某县科学技术协会")
    assert "某某市工商联" in department_aliases("某某市工商业联合会")
