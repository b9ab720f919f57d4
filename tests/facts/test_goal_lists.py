"""A list of targets in one sentence: each 、-separated item is its own indicator, with its own
figure and measure, paired with the result a later clause states for it."""

from tests.facts.extracted import facts

TEXT = "\n".join([
    "三、绩效目标完成情况",
    "本中心年度绩效目标为：林木种苗供应稳定在120万株以上、新造林面积不少于2.4千亩、"
    "苗木成活率不低于90%、建成示范苗圃3个。",
    "完成情况：全年供应林木种苗131万株；新造林面积2.62千亩；抽查苗木1,200株，成活率92.5%；"
    "建成示范苗圃2个，另有1个因土地流转延后。",
    "",
])


def _indicators(text: str) -> dict[tuple[str, str], tuple[float, str]]:
    return {(f.subject, f.metric): (f.value, f.unit) for f in facts(text) if f.scope == "indicator"}


def test_each_item_keeps_its_own_figure_and_measure() -> None:
    found = _indicators(TEXT)
    assert found[("林木种苗供应", "目标值")] == (120.0, "万株")
    assert found[("新造林面积", "目标值")] == (2.4, "千亩")
    assert found[("苗木成活率", "目标值")] == (90.0, "%")
    assert found[("建成示范苗圃", "目标值")] == (3.0, "个")


def test_each_target_is_paired_with_the_result_that_names_it() -> None:
    found = _indicators(TEXT)
    assert found[("林木种苗供应", "实际值")] == (131.0, "万株")
    assert found[("新造林面积", "实际值")] == (2.62, "千亩")
    assert found[("苗木成活率", "实际值")] == (92.5, "%")
    assert found[("建成示范苗圃", "实际值")] == (2.0, "个")


def test_a_target_no_later_clause_names_is_not_added_alone() -> None:
    # alone it would stand for the indicator in place of the sentences that say more of it
    text = TEXT.replace("建成示范苗圃2个，另有1个因土地流转延后。", "其余工作按计划推进。")
    found = _indicators(text)
    assert ("建成示范苗圃", "目标值") not in found and ("建成示范苗圃", "实际值") not in found
    assert found[("新造林面积", "实际值")] == (2.62, "千亩")


def test_a_list_of_results_is_no_list_of_targets() -> None:
    text = "目标完成情况：林木种苗供应131万株、新造林面积2.62千亩、建成示范苗圃2个。\n"
    assert not any(metric == "目标值" for _, metric in _indicators(text))


def test_items_separated_by_commas_keep_a_thousands_separator_inside_their_figure() -> None:
    text = ("本站年度绩效目标为：全年检测样品不少于12,000批次，检测报告差错率低于0.5%，"
            "服务满意度保持95%以上。\n完成情况：检测样品12,450批次，检测报告差错率0.3%，服务满意度96.2%。\n")
    found = _indicators(text)
    assert found[("检测样品", "目标值")] == (12000.0, "批次")
    assert found[("检测样品", "实际值")] == (12450.0, "批次")
    assert found[("检测报告差错率", "目标值")] == (0.5, "%")
    assert found[("服务满意度", "实际值")] == (96.2, "%")
