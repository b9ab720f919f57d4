"""The department matcher on a synthetic catalog of invented names: a name in a question is
read by the forms the stored name derives (places and level words optional, 人民 and 第
dropped, a town's government by the town), by its characters in order (contractions), by a
typo; two similar bodies are asked back, a generic word is no department."""

from __future__ import annotations

import pytest

from assistant.answer.understand.departments import candidates, find
from assistant.ingest.aliases import department_aliases, short_name
from assistant.text.orgnames import name_forms, split

NAMES = ("青禾市第三中学", "青禾市卫生健康委员会", "青禾市疾病预防控制中心", "青禾市南堤区疾病预防控制中心",
         "鹭山镇人民政府", "青禾市市场监督管理局", "苍梧县人力资源和社会保障局", "苍梧县人民医院")
CATALOG = [(n, n) for n in NAMES]


def _read(text: str) -> list[tuple[str, ...]]:
    return [m.departments for m in find(text, CATALOG)]


def test_a_name_splits_into_its_places_and_its_organisation() -> None:
    assert split("青禾市南堤区疾病预防控制中心") == ((("青禾", "市"), ("南堤", "区")), "疾病预防控制中心")
    assert split("鹭山镇人民政府") == ((("鹭山", "镇"),), "人民政府")
    forms = name_forms("青禾市第三中学")
    assert {"青禾三中", "青禾市三中", "青禾第三中学"} <= set(forms)
    # an outer place without the inner one is another body
    assert "青禾市疾病预防控制中心" not in name_forms("青禾市南堤区疾病预防控制中心")


@pytest.mark.parametrize("question, expected", [
    ("鹭山镇2025年的预算是多少？", ("鹭山镇人民政府",)),  # a prefix: the town is its government
    ("青禾三中2025年支出多少？", ("青禾市第三中学",)),  # place level and 第 left out, 中学 -> 中
    ("青禾市市监局的得分", ("青禾市市场监督管理局",)),  # a contraction: first characters kept
    ("青禾卫健委去年执行率", ("青禾市卫生健康委员会",)),
    ("苍梧县人社局的在职人数", ("苍梧县人力资源和社会保障局",)),
    ("青禾市卫生健糠委员会的得分", ("青禾市卫生健康委员会",)),  # a typo
    ("南堤区疾控中心的支出", ("青禾市南堤区疾病预防控制中心",)),  # the 区 body, not the 市 one
    ("区疾控中心的支出", ("青禾市南堤区疾病预防控制中心",)),  # the level word says which
    ("市疾控中心的支出", ("青禾市疾病预防控制中心",)),
    ("市三中2025年支出", ("青禾市第三中学",)),
])
def test_a_shortened_name_is_read_as_its_department(question, expected) -> None:
    assert _read(question) == [expected]


def test_two_similar_bodies_are_asked_back_or_told_apart() -> None:
    both = ("青禾市南堤区疾病预防控制中心", "青禾市疾病预防控制中心")
    assert _read("疾控中心的支出是多少") == [both]  # no place: both, asked back
    assert _read("青禾疾控2025年的支出") == [("青禾市疾病预防控制中心",)]  # the 市 body's own form wins


def test_generic_words_are_no_departments() -> None:
    for word in ("项目", "单位", "部门", "中心", "委托"):
        assert candidates(word, CATALOG) == ()
    assert _read("本单位的项目支出是多少") == []
    assert _read("鹭山镇单位支出") in ([("鹭山镇人民政府",)], [])  # 单位 is never read as a body
    assert _read("市场主体信用平台运维项目执行了多少") == []


def test_answers_call_a_department_by_its_name_or_an_organ_short_form() -> None:
    assert short_name("青禾市市场监督管理局") == "青禾市市场监督管理局"
    assert short_name("苍梧县人民医院") == "苍梧县人民医院"
    assert short_name("某某市某某区人民政府办公室") == "某某区政府办"
    # aliases never cut a word: the 市 of 市场 is no place's level
    assert "青禾场监督管理局" not in department_aliases("青禾市市场监督管理局")
    assert "鹭山镇" in department_aliases("鹭山镇人民政府")


def _catalog():
    from assistant.answer.understand.types import Catalog
    from assistant.index.records import ReportRecord

    def report(rid: str, department: str) -> ReportRecord:
        return ReportRecord(rid, rid, rid, "", "txt", "", department, 2025,
                            tuple(department_aliases(department)[1:]), "fake", 0.0)
    reports = [report(f"r{i}.txt", n) for i, n in enumerate(NAMES)]
    subjects = {"r5.txt": [("project", "企业登记信用信息归集平台维护项目"), ("project", "计量器具检定项目")],
                "r2.txt": [("project", "病媒生物监测项目")], "r3.txt": [("project", "病媒生物监测项目")]}
    return Catalog(reports, subjects)


def test_a_long_project_name_held_by_one_report_finds_its_subject_without_a_department() -> None:
    from assistant.answer.understand.resolve import resolve
    query = resolve("信用信息归集平台维护项目执行了多少？", _catalog())
    assert query.subjects == ("企业登记信用信息归集平台维护项目",)
    assert query.departments == ("青禾市市场监督管理局",)
    # a name two reports hold, or a short one, implies no department
    assert resolve("病媒生物监测项目执行了多少？", _catalog()).departments == ()
    assert resolve("检定项目执行了多少？", _catalog()).subjects == ()


def test_a_shortened_name_in_a_question_reads_its_department() -> None:
    from assistant.answer.understand.resolve import resolve
    query = resolve("鹭山镇2025年全年预算是多少？", _catalog())
    assert query.departments == ("鹭山镇人民政府",) and query.report_ids == ("r4.txt",)
    query = resolve("青禾三中2025年实际支出多少？", _catalog())
    assert query.departments == ("青禾市第三中学",)
    assert ("青禾三中", "青禾市第三中学") in query.understood


def test_a_catalog_with_aliases_reads_a_name_by_its_best_alias() -> None:
    from assistant.answer.understand.resolve import resolve
    query = resolve("2025年市疾控中心预算执行率是多少？", _catalog())
    assert query.departments == ("青禾市疾病预防控制中心",)


def test_another_number_or_another_place_is_no_typo() -> None:
    assert _read("青禾一中2025年支出多少") == []  # 一中 is another school than 三中
    assert _read("白山镇政府2025年的预算") == []  # another town, not 鹭山镇 mistyped
    assert _read("鹭山真政府2025年的预算") == [("鹭山镇人民政府",)]


def test_a_places_own_organ_is_no_name_without_the_place() -> None:
    names = [("某州市白沙街道办事处", "某州市白沙街道办事处"), ("某州市人民政府办公室", "某州市人民政府办公室")]
    assert candidates("办事处", names) == () and candidates("政府办公室", names) == ()
    assert _read_in(names, "某州市白河街道办事处的预算") == []  # another street, no typo
    assert _read_in(names, "白沙街道的预算") == [("某州市白沙街道办事处",)]


def _read_in(names, text: str) -> list[tuple[str, ...]]:
    return [m.departments for m in find(text, names)]


def test_a_typo_in_a_shortened_name_is_read_through_resolve() -> None:
    from assistant.answer.understand.resolve import resolve
    query = resolve("苍梧人民医阮2025年支出多少？", _catalog())
    assert query.departments == ("苍梧县人民医院",)


def test_the_only_report_of_a_year_is_never_picked_for_a_question_naming_no_department() -> None:
    from dataclasses import replace

    from assistant.answer.understand.resolve import resolve
    from assistant.answer.understand.types import Catalog
    base = _catalog()
    catalog = Catalog([replace(base.reports[0], year=2026), *base.reports[1:]], base.subjects)
    for question in ("2026年预算执行率是多少？", "中心2026年支出", "单位2026年的支出", "政府2026年支出"):
        assert resolve(question, catalog).departments == ()


def test_a_name_is_not_stretched_into_the_next_word_as_a_typo() -> None:
    said = [m.said for m in find("2025年苍梧县人民医院事业收入有多少？", CATALOG)]
    assert said == ["苍梧县人民医院"]
    said = [m.said for m in find("2025年县人民医院事业收入有多少？", CATALOG)]
    assert said == ["县人民医院"]


@pytest.mark.parametrize("question", ["鹭山镇2025年支出较上年增长多少？", "青禾三中2025年比2024年多执行了多少？",
                                      "苍梧县人民医院2025年收入较去年减少了多少"])
def test_a_change_against_another_period_is_a_growth_question(question) -> None:
    """(Read as a difference on the names branch; the growth skill merged beside it answers the
    change and its percentage, so these are growth questions now.)"""
    from assistant.answer.understand.resolve import resolve
    assert resolve(question, _catalog()).intent == "growth"


def test_an_indicator_named_like_a_figure_implies_no_department() -> None:
    from assistant.answer.understand.resolve import resolve
    from assistant.answer.understand.types import Catalog

    base = _catalog()
    subjects = {**base.subjects, "r5.txt": [*base.subjects["r5.txt"], ("indicator", "预算完成率")]}
    catalog = Catalog(base.reports, subjects)
    # every department has a 预算完成率 of its own: one report's score-table row names none
    assert resolve("预算完成率是多少？", catalog).departments == ()
    assert resolve("信用信息归集平台维护项目执行了多少？", catalog).departments == ("青禾市市场监督管理局",)


def test_a_bare_place_of_the_library_before_a_name_is_another_place() -> None:
    catalog = [(n, n) for n in ("青禾市档案馆", "青禾市南堤区职业学校")]
    # 南堤 is a place of the library (南堤区): 南堤档案馆 is no 青禾市档案馆
    assert [m.departments for m in find("南堤档案馆2024年的执行率", catalog)] == []
    assert [m.departments for m in find("青禾档案馆2024年的执行率", catalog)] == [("青禾市档案馆",)]
    assert [m.departments for m in find("南堤职业学校和档案馆", catalog)] == [
        ("青禾市南堤区职业学校",), ("青禾市档案馆",)]


def test_an_organ_after_a_place_that_names_none_of_its_bodies_is_asked_back() -> None:
    from assistant.answer.understand.resolve import resolve
    from assistant.answer.understand.types import Catalog
    from assistant.index.records import ReportRecord

    def report(rid: str, department: str, year: int) -> ReportRecord:
        return ReportRecord(rid, rid, rid, "", "txt", "", department, year,
                            tuple(department_aliases(department)[1:]), "fake", 0.0)
    catalog = Catalog([report("a", "青禾市鹭江区人民政府办公室", 2022),
                       report("b", "中共青禾市鹭江区委员会办公室", 2023)])
    # 鹭江区为办: a typo of one of the two offices; the year held by one of them decides nothing
    typo = resolve("鹭江区为办2022年的预算执行率是多少？", catalog)
    assert typo.departments == () and typo.ambiguous
    # the place and a year alone still pick the one body with a report of that year
    assert resolve("鹭江区2022年的预算执行率", catalog).departments == ("青禾市鹭江区人民政府办公室",)


def test_a_branch_named_after_its_parent_goes_by_its_own_name() -> None:
    forms = name_forms("青禾市公安局鹭山分局")
    assert "鹭山分局" in forms and "青禾鹭山分局" in forms
    assert "鹭山水文站" in name_forms("青禾市水文局鹭山水文站")
    # a unit of a body whose own name is only its kind (监督所) has no name of its own
    assert "监督所" not in name_forms("青禾市卫生健康委员会监督所")
    catalog = [(n, n) for n in ("青禾市公安局鹭山分局", "鹭山镇人民政府", "青禾市公安局")]
    assert [m.departments for m in find("鹭山分局2024年的预算是多少", catalog)] == [("青禾市公安局鹭山分局",)]


def test_a_two_character_contraction_names_the_bodies_it_contracts() -> None:
    """疾控 of 疾病预防控制(中心): the first characters of the first and the last word; both
    bodies of that kind answer (asked back), and no head with its body word (市局) or two
    characters standing together (卫生) is a name."""
    assert _read("疾控和三中哪个支出多？")[0] == ("青禾市南堤区疾病预防控制中心", "青禾市疾病预防控制中心")
    assert candidates("市局", CATALOG) == () and candidates("卫生", CATALOG) == ()


def test_a_contraction_takes_the_head_of_a_three_character_last_word() -> None:
    catalog = [(n, n) for n in ("苍梧县盲人协作联合会", "苍梧县人民医院", "苍梧县财政局")]
    assert [m.departments for m in find("盲联今年的支出是多少", catalog)] == [("苍梧县盲人协作联合会",)]
    assert [m.departments for m in find("县盲联的预算", catalog)] == [("苍梧县盲人协作联合会",)]


def test_a_subordinate_unit_is_read_by_a_short_form_or_contraction() -> None:
    from assistant.answer.understand.subjects import _unit_said
    assert _unit_said("苍梧县第三中学", "第三中学", "三中的支出多少") == "三中"
    assert _unit_said("苍梧县聋哑康复学校", "聋哑康复学校", "聋康学校执行率") == "聋康学校"
    assert _unit_said("苍梧县聋哑康复学校", "聋哑康复学校", "三中执行率") == ""


def test_two_subordinate_units_named_short_are_both_read() -> None:
    from assistant.answer.understand.resolve import resolve
    from assistant.answer.understand.types import Catalog
    from assistant.index.records import ReportRecord
    def report(rid: str, name: str) -> ReportRecord:
        return ReportRecord(rid, rid, rid, "", "txt", "", name, 2025,
                            tuple(department_aliases(name)[1:]), "fake", 0.0)
    catalog = Catalog([report("e.txt", "苍梧县教育体育局"), report("f.txt", "苍梧县财政局")],
                      {"e.txt": [("unit", "苍梧县第三中学"), ("unit", "苍梧县聋哑康复学校")]})
    query = resolve("三中和聋康学校谁的执行率高？", catalog)
    assert set(query.subjects) == {"苍梧县第三中学", "苍梧县聋哑康复学校"}
    assert query.report_ids == ("e.txt",)


def test_a_project_named_alone_by_a_contraction_is_the_library_s_one_subject() -> None:
    from assistant.answer.understand.resolve import resolve
    from assistant.answer.understand.types import Catalog
    from assistant.index.records import ReportRecord

    def report(rid: str, name: str) -> ReportRecord:
        return ReportRecord(rid, rid, rid, "", "txt", "", name, 2025,
                            tuple(department_aliases(name)[1:]), "fake", 0.0)
    catalog = Catalog([report("a.txt", "苍梧县民政局"), report("b.txt", "苍梧县财政局")],
                      {"a.txt": [("project", "老年人助听器具验配补贴")]})
    query = resolve("助具验配补贴项目花了多少？", catalog)
    assert query.subjects == ("老年人助听器具验配补贴",)
    assert query.report_ids == ("a.txt",)
    assert resolve("验配补贴项目花了多少？", catalog).subjects == ()  # too short to be read library-wide


def test_two_characters_may_contract_a_name_to_its_first_and_last_character() -> None:
    names = [(n, n) for n in ("青禾市体育运动学校", "青禾市体育局", "青禾市第三中学")]
    assert candidates("体校", names) == ("青禾市体育运动学校",)
    assert candidates("体局", names) == ()  # two characters standing in no long form


def test_a_town_s_name_alone_names_its_government() -> None:
    assert "鹭山" in name_forms("鹭山镇人民政府")
    assert _read("鹭山全年支出多少") == [("鹭山镇人民政府",)]
    assert "青禾" not in name_forms("青禾市第三中学")  # a city's name is no body of it


def test_a_town_s_name_before_another_level_is_another_place() -> None:
    names = [(n, n) for n in ("云岭市西江街道办事处", "云岭市财政局")]
    assert [m.departments for m in find("西江街道全年支出", names)] == [("云岭市西江街道办事处",)]
    assert [m.departments for m in find("西江全年支出", names)] == [("云岭市西江街道办事处",)]
    assert not [m for m in find("西江镇政府2023年自评得分", names) if m.departments]


def test_a_contraction_before_a_word_that_opens_like_an_organ_is_still_read() -> None:
    names = [(n, n) for n in ("青禾市体育运动学校", "青禾市财政局")]
    assert [m.departments for m in find("体校政府性基金预算多少", names)] == [("青禾市体育运动学校",)]
