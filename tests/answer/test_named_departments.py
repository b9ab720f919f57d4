"""Questions that name several departments: 一共/合计 across them is a sum (分别 keeps each
one's own), and every department the question names is answered or asked back about."""

from __future__ import annotations

import pytest

from tests.answer.library import ingested


def _report(name: str, budget: str, spent: str, score: str) -> str:
    return (f"{name}2024年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"
            f"2024年全年预算数{budget}万元，全年支出{spent}万元。\n"
            f"二、自评结论\n经自评，本单位2024年度自评得分{score}分，等级为优。\n")


FILES = {
    "east.txt": _report("某县东坪乡农机站", "210.00", "200.50", "90"),
    "west.txt": _report("某县西坪乡农机站", "130.00", "120.25", "94"),
    "lib1.txt": _report("青川市图书馆", "900.00", "880.00", "96"),
    "lib2.txt": _report("白石市图书馆", "700.00", "690.00", "92"),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    yield ingested(tmp_path_factory.mktemp("named_deps"), mp, FILES)
    mp.undo()


def test_altogether_across_departments_is_a_sum(assistant) -> None:
    a = assistant.ask("两个乡农机站2024年一共花了多少钱？")
    assert "320.75万元" in a.text and "合计" in a.text


def test_each_ones_total_stays_side_by_side(assistant) -> None:
    a = assistant.ask("两个乡农机站2024年分别一共花了多少钱？")
    assert "320.75万元" not in a.text and "200.50" in a.text and "120.25" in a.text


def test_name_after_a_year_is_read(assistant) -> None:
    a = assistant.ask("2024年度县东坪乡农机站和青川市图书馆的自评得分谁高？")
    assert "东坪乡农机站" in a.text and "青川市图书馆" in a.text


def test_ambiguous_name_beside_another_is_asked_back(assistant) -> None:
    a = assistant.ask("东坪乡农机站和市图书馆的自评得分谁高？")
    text = a.text
    assert "青川市图书馆" in text and "白石市图书馆" in text
    # never a comparison of the two libraries with the named station left out
    assert "东坪乡农机站" in text or "哪一个" in text or "哪个" in text
    assert not ("青川市图书馆2024年比白石市图书馆" in text or "白石市图书馆2024年比青川市图书馆" in text)
