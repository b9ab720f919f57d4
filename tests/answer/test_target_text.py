"""Target and actual read from a report's sentences when the facts hold no pair of them."""

from decimal import Decimal

from assistant.answer.skills.target_text import read_target, unwrapped

REPORT = (
    "一、部门概况\n"
    "本年度整体绩效目标为：新建步道不少于30公里，游客满意度不低于85%，接待人次50万人次。\n"
    "二、完成情况\n"
    "（一）新建步道26.5公里，年度目标30公里，剩余工程延至明年。\n"
    "（二）游客满意度为88.2%，高于目标。\n"
    "（三）力争垃圾清运率达到99%，实际清运率97.5%，扣1分。\n"
    "| 三级指标 | 目标值 | 实际值 | 分值 |\n"
    "| 志愿者培训覆盖率 | ≥90% | 86.4% | 5 |\n"
)


def test_target_in_the_next_clause_and_the_actual_before_it():
    goal, actual, used = read_target(REPORT, ("新建步道",))
    assert (goal.value, goal.unit, actual.value, actual.unit) == (Decimal(30), "公里", Decimal("26.5"), "公里")
    assert used and "26.5公里" in used[0].quote


def test_target_from_the_goal_list_actual_from_another_sentence():
    goal, actual, _ = read_target(REPORT, ("游客满意度",))
    assert (goal.value, goal.relation, actual.value) == (Decimal(85), ">=", Decimal("88.2"))


def test_a_target_word_before_the_name_and_points_lost_are_not_the_actual():
    goal, actual, _ = read_target(REPORT, ("垃圾清运率",))
    assert (goal.value, actual.value) == (Decimal(99), Decimal("97.5"))


def test_a_sign_marks_the_target_in_a_row_of_figures():
    goal, actual, _ = read_target(REPORT, ("志愿者培训覆盖率",))
    assert (goal.value, goal.relation, actual.value) == (Decimal(90), ">=", Decimal("86.4"))


def test_no_pair_no_reading():
    assert read_target(REPORT, ("图书馆藏书量",)) == (None, None, [])


def test_a_thousands_comma_does_not_cut_a_clause():
    text = "绩效指标：受益居民户数；目标值：≥2,000户；实际完成值：1,860户\n"
    goal, actual, _ = read_target(text, ("受益居民户数",))
    assert (goal.value, actual.value) == (Decimal(2000), Decimal(1860))


def test_wrapped_lines_join_only_in_wrapped_text():
    wrapped = "\n".join(["某某中心全年服务对象满意度调查结果为八十八，目标为不低于九十"] * 6)
    assert "\n" not in unwrapped(wrapped)
    paragraphs = "第一段话。\n第二段很长的一句话写到这里为止\n第三段"
    assert unwrapped(paragraphs) == paragraphs


def test_characters_scattered_over_a_long_sentence_name_nothing():
    text = "老旧小区改造涉及居民意见协调和管线迁改，前期工作周期较长，全年执行率仅为85.47%。\n"
    assert read_target(text, ("居民满意度",)) == (None, None, [])


def test_each_item_of_a_goal_list_parted_by_enumeration_commas_has_its_own_target():
    text = ("年初设定的目标包括：修缮古建筑不少于4处、开放展厅8个、接待研学团队120批次。\n"
            "实际完成情况：修缮古建筑5处；开放展厅7个，另有1个因布展延期。\n")
    goal, actual, _ = read_target(text, ("开放展厅",))
    assert (goal.value, goal.unit, actual.value) == (Decimal(8), "个", Decimal(7))
