"""A target stated in another clause than its indicator's actual (目标为…，实际…; …，年度目标为…;
…，低于…的目标; a 绩效目标为： list) is the indicator's target, and no role word leaks into its name."""

from __future__ import annotations

from assistant.facts import extract_facts
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse

HEAD = "某县卫生健康局2024年度部门整体支出绩效自评报告\n三、绩效目标完成情况\n"


def _indicators(text: str) -> set[tuple]:
    norm = normalise(HEAD + text)
    return {(f.metric, f.subject, f.value) for f in extract_facts(norm, analyse(norm))
            if f.scope == "indicator"}


def test_a_target_after_the_actual_is_the_same_indicators_target() -> None:
    got = _indicators("签约居民满意度91.5%，年度目标为93%，主要是上门服务不够及时。")
    assert ("实际值", "签约居民满意度", 91.5) in got
    assert ("目标值", "签约居民满意度", 93.0) in got


def test_an_actual_after_the_target_is_the_same_indicators_actual() -> None:
    got = _indicators("目标为孕产妇系统管理率不低于90%，实际达到92.4%。")
    assert got == {("目标值", "孕产妇系统管理率", 90.0), ("实际值", "孕产妇系统管理率", 92.4)}


def test_a_target_word_does_not_leak_into_the_name() -> None:
    got = _indicators("力争疫苗接种及时率达到97%，实际接种及时率96.1%。")
    assert ("目标值", "疫苗接种及时率", 97.0) in got
    assert ("实际值", "疫苗接种及时率", 96.1) in got
    assert not [g for g in got if g[1].startswith(("力争", "实际", "标为"))]


def test_a_target_named_after_the_figure_is_a_target() -> None:
    got = _indicators("健康档案建档率88.0%，低于90%的目标。")
    assert ("目标值", "健康档案建档率", 90.0) in got


def test_two_indicators_in_one_sentence_are_not_paired() -> None:
    got = _indicators("家属满意度为95.0%，患者满意度为93.2%。")
    assert got == {("实际值", "家属满意度", 95.0), ("实际值", "患者满意度", 93.2)}


def test_a_list_of_targets_gives_each_indicator_its_target_and_the_year_is_no_part_of_a_name() -> None:
    got = _indicators("年度绩效目标为：规范化接种门诊覆盖率不低于85%，群众满意度不低于90%。\n"
                      "四、产出情况\n经统计，2024年规范化接种门诊覆盖率87.5%。\n")
    assert ("目标值", "规范化接种门诊覆盖率", 85.0) in got
    assert ("目标值", "群众满意度", 90.0) in got
    assert ("实际值", "规范化接种门诊覆盖率", 87.5) in got
