"""Changes are filed as changes with their subject (调减/调增/较上年增加), the level a change
reaches is a level, and a stated growth is checked against the two levels the report states."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.facts import extract_facts
from assistant.facts.checks import check_facts
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse

HEAD = "某县农业农村局2024年度部门整体支出绩效自评报告\n一、预算执行情况\n"


def _facts(text: str):
    norm = normalise(text)
    return extract_facts(norm, analyse(norm))


def _rows(text: str) -> set[tuple]:
    return {(f.metric, f.scope, f.subject, f.value) for f in _facts(text)}


def _growth(text: str) -> list[str]:
    rows = [SimpleNamespace(**f.to_dict(), report_id="r.txt") for f in _facts(text)]
    return [f.message for f in check_facts(rows) if f.kind == "growth"]


def test_an_adjustment_of_several_projects_is_a_change_of_the_department_budget() -> None:
    rows = _rows(HEAD + "年初预算5,000.00万元。年中压减农机补贴等项目预算260.00万元，调整后全年预算为"
                        "4,740.00万元。")
    assert ("预算数减少额", "department", "", 260.0) in rows
    assert ("预算数", "department", "", 4740.0) in rows
    assert not [r for r in rows if "压减" in r[2] or "等项目" in r[2]]


def test_a_project_items_initial_budget_its_cut_and_the_level_after_it_are_the_projects() -> None:
    text = HEAD + "（二）重点项目\n1. 高标准农田建设项目。年初预算800.00万元，年中调减50.00万元后为" \
                  "750.00万元，执行720.00万元，执行率96.00%。\n"
    rows = _rows(text)
    assert ("年初预算数", "project", "高标准农田建设项目", 800.0) in rows
    assert ("预算数减少额", "project", "高标准农田建设项目", 50.0) in rows
    assert ("预算数", "project", "高标准农田建设项目", 750.0) in rows
    assert not [r for r in rows if r[1] == "department" and r[3] in (800.0, 750.0)]


def test_a_change_after_last_years_level_is_this_years_change() -> None:
    rows = _rows(HEAD + "2024年全年支出3,300.00万元。2023年全年支出3,000.00万元，2024年较上年增加"
                        "300.00万元，较上年增长10.00%。")
    assert ("支出增加额", "department", "", 300.0) in rows
    assert ("支出增幅", "department", "", 10.0) in rows


def test_a_list_items_number_stays_apart_from_a_name_that_opens_with_digits() -> None:
    text = HEAD + "（二）重点项目\n2. 12316热线运行项目。全年预算40.00万元，执行38.00万元。\n"
    rows = _rows(text)
    assert ("预算数", "project", "12316热线运行项目", 40.0) in rows


def test_a_growth_rate_that_the_levels_contradict_is_a_finding() -> None:
    wrong = HEAD + "2024年全年支出3,300.00万元。2023年全年支出3,000.00万元，较上年增长11.00%。"
    found = _growth(wrong)
    assert len(found) == 1 and "11.00%" in found[0] and "10.00%" in found[0]
    right = wrong.replace("11.00%", "10.00%")
    assert _growth(right) == []


def test_a_growth_amount_that_the_levels_contradict_is_a_finding() -> None:
    wrong = HEAD + "2024年全年支出3,300.00万元。2023年全年支出3,000.00万元，较上年增加320.00万元。"
    assert len(_growth(wrong)) == 1
    assert _growth(wrong.replace("320.00", "300.00")) == []


def test_no_growth_finding_without_both_levels_or_across_subjects() -> None:
    # only this year's level: nothing to check
    assert _growth(HEAD + "2024年全年支出3,300.00万元，较上年增长25.00%。") == []
    # a project's growth is not checked against the department's levels
    text = HEAD + "2024年全年支出3,300.00万元。2023年全年支出3,000.00万元。\n（二）重点项目\n" \
                  "1. 农机购置补贴项目。执行420.00万元，该项目执行数较上年增长18.60%。\n"
    assert _growth(text) == []


def test_a_change_after_the_earlier_level_in_the_same_clause_is_read_past_its_thousands_comma() -> None:
    text = HEAD + "2024年全年支出3,300.00万元。本年度支出较2023年的3,000.00万元增加300.00万元，增长10.00%。"
    rows = _rows(text)
    assert ("2023年支出", "department", "", 3000.0) in rows
    assert ("支出增加额", "department", "", 300.0) in rows
    assert ("支出增幅", "department", "", 10.0) in rows
    assert _growth(text) == []


def test_the_level_a_comparison_names_is_that_periods_level() -> None:
    rows = _rows(HEAD + "全年实际支出2,100.00万元，执行率97.20%，比2023年的94.10%提高了3.1个百分点。")
    assert ("2023年执行率", "department", "", 94.1) in rows
    assert ("执行率", "department", "", 97.2) in rows
    assert not [r for r in rows if r[3] == 3.1]  # 个百分点 is no count


def test_a_change_of_the_initial_budget_is_a_change_of_the_budget_with_no_vague_subject() -> None:
    rows = _rows(HEAD + "部分项目年初预算编制偏紧，全年预算比年初预算增加210.00万元。")
    assert ("预算数增加额", "department", "", 210.0) in rows


def test_a_growth_finding_notes_the_stated_change_not_the_levels() -> None:
    from assistant.answer.evidence.binding import inconsistency_notes
    from assistant.facts.checks import Finding, Source

    finding = Finding("r", "growth", "支出增幅写作 11.00%，但…= 10.00%", (
        Source("2023年支出", "", "3,000.00万元", "", 0, 0), Source("支出", "", "3,300.00万元", "", 0, 0),
        Source("支出增幅", "", "11.00%", "", 0, 0)))
    text, _ = inconsistency_notes("全年支出3,300.00万元，较上年增长11.00%。", ["r"], [finding])
    assert "3,300.00万元（⚠" not in text
    assert "11.00%（⚠" in text


def test_a_total_against_many_parts_is_noted_once_by_its_finding_not_a_list_of_parts() -> None:
    from assistant.answer.evidence.binding import inconsistency_notes
    from assistant.facts.checks import Finding, Source

    parts = tuple(Source("得分", f"指标{k}", "5分", "", 0, 0) for k in range(6))
    message = "自评得分写作 31分，但评分表6项指标得分之和为 30分"
    finding = Finding("r", "sum", message, (*parts, Source("自评得分", "", "31分", "", 0, 0)))
    text, _ = inconsistency_notes("自评得分31分。", ["r"], [finding])
    assert text == f"自评得分31分（⚠ 报告中该数字不一致：{message}）。"


def test_a_comparison_opening_the_sentence_governs_its_later_change_clauses() -> None:
    text = HEAD + ("全年支出１，３２０．００万元。与上年相比，２０２３年支出1,200.00万元，本年增加120.00万元，"
                   "增长10.00%，主要是新建冷库。\n")
    rows = _rows(text)
    assert ("支出增加额", "department", "", 120.0) in rows
    assert ("支出增幅", "department", "", 10.0) in rows
    assert ("支出", "department", "", 120.0) not in rows
    wrong = text.replace("增长10.00%", "增长12.00%")
    assert _growth(text) == []
    assert len(_growth(wrong)) == 1


def test_a_this_year_change_right_after_last_years_level_is_a_change() -> None:
    rows = _rows(HEAD + "全年支出900.00万元。2023年支出1,000.00万元，本年减少100.00万元。\n")
    assert ("支出减少额", "department", "", 100.0) in rows


@pytest.mark.parametrize(("sentence", "fact"), [
    ("2023年全年支出1,164.35万元，本年支出较上年（-3.20%）。", ("支出降幅", "department", "", 3.2)),
    ("“三公”经费支出5.19万元，较上年5.54万元变动（-6.32%）。", ("三公经费降幅", "department", "", 6.32)),
    ("基本支出836.47万元，同比+2.5%。", ("基本支出增幅", "department", "", 2.5)),
    ("基本支出836.47万元，增减率（2.5%）。", ("基本支出增幅", "department", "", 2.5)),
])
def test_a_signed_change_with_no_verb_is_a_change_not_a_level(sentence: str, fact: tuple) -> None:
    rows = _rows(HEAD + sentence)
    assert fact in rows
    assert not any(r[3] == fact[3] and not r[0].endswith(("增幅", "降幅")) for r in rows)


def test_a_period_in_brackets_after_a_comparison_is_no_change() -> None:
    rows = _rows(HEAD + "项目支出280.62万元，较上年（2023年）增加10.00万元。")
    assert ("项目支出增加额", "department", "", 10.0) in rows and ("项目支出", "department", "", 280.62) in rows


def test_a_growth_rate_whose_clause_names_an_amount_is_that_amounts_growth() -> None:
    rows = _rows(HEAD + "2023年全年支出3,187.44万元，执行率95.12%，本年支出较上年增长3.69%。")
    assert ("支出增幅", "department", "", 3.69) in rows
    assert not [r for r in rows if r[0] == "执行率增幅"]
    # a growth rate whose clause names nothing stays with the figure before it
    rows = _rows(HEAD + "全年支出3,306.88万元，较上年增长3.75%。")
    assert ("支出增幅", "department", "", 3.75) in rows
