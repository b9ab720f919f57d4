"""Whether a target was met: the sentence stating the target is shown beside the one stating
what was done, and the two figures compared when they are of one quantity (own wording)."""

from __future__ import annotations

from assistant.answer.evidence.passages import Sentence
from assistant.answer.evidence.target_pair import target_sentence, verdict
from assistant.text.targets import bound, in_base

NAMES = ("白沙县救助站",)


def _s(text: str, start: int) -> Sentence:
    return Sentence("r1", "三、目标完成情况", text, text, start, start + len(text), 0)


GOALS = _s("本年度计划：救助人次不少于800人次，接报到场时间不超过2小时，回访率不低于90%。", 0)
DONE_TIME = _s("接报平均到场时间95分钟；", 60)
DONE_VISIT = _s("回访率为86%。", 80)
OTHER = _s("站内共有床位40张。", 100)
POOL = [GOALS, DONE_TIME, DONE_VISIT, OTHER]


def test_bounds_from_above_and_below():
    assert bound("到场时间不超过2小时") == "max"
    assert bound("回访率不低于90%") == "min"
    assert bound("费用控制在5万元以内") == "max"
    assert in_base(2, "小时") == (7200.0, "秒") and in_base(3, "万元") == (30000.0, "元")


def test_the_target_sentence_joins_the_actual_one():
    target = target_sentence("白沙县救助站接报到场时间达到目标了吗？", NAMES, POOL, [DONE_TIME])
    assert target is GOALS
    # the sentences found already state the target: nothing is added
    assert target_sentence("白沙县救助站接报到场时间达到目标了吗？", NAMES, POOL, [GOALS, DONE_TIME]) is None


def test_met_or_not_when_the_figures_are_of_one_quantity():
    q = "白沙县救助站接报到场时间达到目标了吗？"
    assert verdict(q, NAMES, GOALS, DONE_TIME) == "已达到"  # 95分钟 within 2小时
    assert verdict("白沙县救助站回访率达标了吗？", NAMES, GOALS, DONE_VISIT) == "未达到"  # 86% < 90%
    assert verdict(q, NAMES, GOALS, OTHER) == ""  # 张 is no time: no verdict


def test_share_of_the_target_from_the_worded_pair_or_the_row_order():
    from assistant.answer.evidence.target_pair import share_done

    prose = _s("全年新增救助床位仅完成12张（计划20张），其余任务均已完成。", 200)
    r = share_done("白沙县救助站救助床位完成了几成？", NAMES, prose)
    assert r is not None and r.calc == "完成12张 ÷ 目标20张 = 60.00%"
    row = _s("救助床位 20张 12张 10 6", 260)  # a table row: the target's column first
    assert share_done("救助床位完成比例是多少", NAMES, row).calc == "完成12张 ÷ 目标20张 = 60.00%"
    # no share asked, or no pair of one unit: nothing computed
    assert share_done("救助床位有多少张？", NAMES, prose) is None
    assert share_done("救助床位完成了几成？", NAMES, _s("新增床位12张，投入8.5万元。", 300)) is None
