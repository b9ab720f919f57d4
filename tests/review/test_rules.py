"""Each review rule against a synthetic report that plants one defect in a clean one."""

from __future__ import annotations

import pytest

from assistant.review.types import CATEGORIES
from assistant.review.vocabulary import part_of, parts_of, similarity
from tests.review.conftest import rules


def review(library, name: str):
    return library.review(name)


def test_a_clean_report_gets_no_finding(library) -> None:
    assert review(library, "clean").findings == ()


def test_a_part_is_matched_by_similarity_not_one_wording(library) -> None:
    assert part_of("三、年度绩效目标设定情况") == "绩效目标"
    assert part_of("（三）存在问题及原因分析") == "存在的问题"
    assert part_of("四、下一步工作计划") == "改进措施"
    assert part_of("一、主要工作成效") == ""
    assert part_of("四、绩效目标完成情况") == "目标完成情况/自评结论"  # the longest name it holds
    assert part_of("五、自评结果") == "目标完成情况/自评结论"  # not 自评结果应用
    assert similarity("自评结果", "自评结论") >= 0.5
    assert review(library, "goal_heading_reworded").findings == ()


@pytest.mark.parametrize(("name", "rule", "category", "key"), [
    ("no_results", "part_missing", "完整性", "结果应用"),
    ("empty_goal", "part_empty", "完整性", "绩效目标"),
    ("no_sanggong", "figure_missing", "完整性", "三公经费"),
    ("rate_wrong", "check_rate", "一致性", "98.00%"),
    ("unmet_full", "unmet_full_marks", "合理性", "苗木成活率"),
    ("unmet_count", "unmet_full_marks", "合理性", "森林巡护里程"),
    ("low_rate", "low_rate_unexplained", "合理性", "80.00%"),
    ("table_total", "check_conflict", "一致性", "97.0分"),
    ("low_rate_generic_problem", "low_rate_unexplained", "合理性", "80.00%"),
    ("high_score", "high_score_unmet", "合理性", "98.0分"),
    ("unpaired", "problem_without_measure", "合理性", "林权档案数字化滞后"),
    ("unpaired", "measure_without_problem", "合理性", "森林防火宣传"),
    ("vague", "measure_without_time_owner", "规范性", "补设监测点位"),
    ("boilerplate", "boilerplate_problem", "规范性", "精细化程度"),
])
def test_a_planted_defect_is_found_with_its_quotes(library, name, rule, category, key) -> None:
    found = [f for f in review(library, name).findings if f.rule == rule]
    assert found, rules(review(library, name))
    f = found[0]
    assert f.category == category and f.category in CATEGORIES
    assert key in f.message or any(key in q.quote for q in f.quotes)
    assert f.expected
    text = library.library.store.report_text(f"{name}.txt")
    for q in f.quotes:  # a review never invents: every quote is verbatim, with its place
        assert q.quote in text and q.file == f"{name}.txt" and q.page >= 1


def test_a_planted_defect_brings_no_other_finding(library) -> None:
    assert rules(review(library, "unmet_full")) == ["unmet_full_marks"]
    assert rules(review(library, "rate_wrong")) == ["check_rate"]
    assert rules(review(library, "no_results")) == ["part_missing"]


def test_a_low_rate_with_its_reason_is_not_a_finding(library) -> None:
    assert "low_rate_unexplained" not in rules(review(library, "low_rate_explained"))


def test_a_lower_is_better_target_met_is_not_missed() -> None:
    from assistant.review.vocabulary import LOWER_IS_BETTER

    assert LOWER_IS_BETTER.search("目标不高于")
    assert LOWER_IS_BETTER.search("控制在")
    assert not LOWER_IS_BETTER.search("目标不低于")


def test_a_measure_named_after_a_part_of_the_genre_needs_no_problem(library) -> None:
    assert review(library, "results_measure").findings == ()


def test_lists_of_one_length_answer_each_other_in_order(library) -> None:
    assert review(library, "paired_by_order").findings == ()


@pytest.mark.parametrize("text", ["自评得分92分，综合评定为“优秀”等次。", "评价等级：良。", "自评结果为“优”。"])
def test_a_grade_is_stated_in_several_wordings(text) -> None:
    from assistant.review.completeness import _stated
    from assistant.review.vocabulary import HEADLINE

    label, _, words = next(h for h in HEADLINE if h[0] == "自评等级")
    assert _stated(text, label, words)
    assert not _stated("自评得分92分。", label, words)


@pytest.mark.parametrize("heading, parts", [
    ("绩效目标及完成情况", {"绩效目标", "目标完成情况/自评结论"}),
    ("存在的问题和改进措施", {"存在的问题", "改进措施"}),
    ("部门整体支出绩效目标", {"绩效目标"}),
])
def test_a_joined_heading_names_each_of_its_parts(heading: str, parts: set[str]) -> None:
    assert set(parts_of(heading)) == parts
