"""Figures, lists and causes the report prints only in its prose, found by the evidence stage
before it declines: the figure that stands beside the asked item's head (not another sentence's
count of the same word), a question's 没付 read as the report's 未支付, a list sentence the
tokenizer cuts oddly (4个股室: 个股|室), and for a why-question the cause kept whole (the
sentence that tells more of it); a yes/no question answered by the passage that decides it. The report is invented for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.evidence.passages import Sentence
from assistant.answer.evidence.reasons import cause_of, told_more
from assistant.answer.evidence.statements import head_gap
from assistant.answer.understand.items import Asked
from assistant.answer.understand.resolve import resolve
from assistant.text.negation import says_not
from tests.answer.library import ingested

FORESTRY = """澄溪县林业局2025年度部门整体支出绩效自评报告
一、部门基本情况
澄溪县林业局负责全县森林资源保护、造林绿化和森林防火工作。2025年末，本局核定行政编制26名，在编人员23人，编外聘用护林员11人；本局内设综合股、林政资源股、营林股、森林防火股4个股室，另有下属林场1个。
本局下属事业单位分别为：澄溪县国有林场、澄溪县林业技术推广站和澄溪县森林病虫害防治检疫站。
二、部门整体支出情况
对照行政事业单位内部控制规范，本局梳理预算、收支、采购和资产四类业务风险。
全年预算数1,860.00万元，执行数1,702.35万元，预算执行率91.52%。
油茶苗木采购项目执行率78.40%，原因是两批嫁接苗因育苗基地供货推迟，至年底仍有36.80万元未支付。
三、绩效目标完成情况
苗木成活率：目标值95%，实际完成86%，未完成，原因是夏季持续干旱。
全年开展森林防火宣传进村入户活动42场。
7至8月持续干旱少雨，新造林地部分苗木失水枯死，已于11月补植完毕。
四、重点项目
1. 生态护林员培训经费。
全年预算12.00万元，执行11.40万元，执行率95.00%。
生态护林员补助方面，全年聘用生态护林员320名，补助资金由县财政直接发放到人，不在本局支出中反映，本局只承担护林员培训经费。
2. 油茶低产林改造项目。
油茶低产林改造项目年初预算180.00万元，全年预算215.00万元，执行200.10万元，执行率93.07%。
油茶低产林改造项目年初计划改造低产林3000亩，项目由县林场组织实施，改造项目全年按计划推进。
油茶低产林改造项目年中完成改造面积1800亩，改造项目资金调度及时，项目钱款按进度拨付。
五、存在的问题
在编人员中具有林学专业背景的仅6人，专业技术力量薄弱。
油茶低产林改造年中调增35.00万元，年初论证不够充分。
"""
WHO = "澄溪县林业局2025年"


@pytest.fixture(scope="module")
def forestry(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    try:
        yield ingested(Path(tmp_path_factory.mktemp("forestry")), mp, {"lyj.txt": FORESTRY})
    finally:
        mp.undo()


def test_the_count_beside_the_asked_head_answers(forestry) -> None:
    a = forestry.ask(f"{WHO}末在编多少人？")
    assert not a.abstained and "在编人员23人" in a.text
    assert "仅6人" not in a.text  # a count of another noun phrase that opens with 在编


def test_a_negated_question_word_is_read_in_the_reports_words(forestry) -> None:
    a = forestry.ask(f"{WHO}油茶苗木采购项目年底还有多少没付？")
    assert not a.abstained and "36.80万元" in a.text


def test_a_list_sentence_cut_oddly_by_the_tokenizer_is_found(forestry) -> None:
    a = forestry.ask(f"{WHO}有哪几个股室？")
    assert not a.abstained and "林政资源股" in a.text and "森林防火股" in a.text


def test_names_listed_in_one_sentence_answer_which_ones(forestry) -> None:
    a = forestry.ask("澄溪县林业局下属有哪些事业单位？")
    assert not a.abstained and "林业技术推广站" in a.text and "森林病虫害防治检疫站" in a.text
    assert "采购" not in a.text  # a list whose clause names no 事业单位


def test_the_count_asked_and_the_period_are_no_words_of_the_item(forestry) -> None:
    a = forestry.ask("澄溪县林业局去年搞了几场森林防火宣传活动？")
    assert not a.abstained and "42场" in a.text


def test_a_why_question_keeps_the_cause_whole(forestry) -> None:
    a = forestry.ask(f"{WHO}苗木成活率为什么只有86%？")
    assert not a.abstained
    assert a.text.index("原因是夏季持续干旱") < a.text.index("失水枯死")  # the cause, then the rest of it


def test_a_yes_no_question_is_answered_by_the_passage_that_decides_it(forestry) -> None:
    a = forestry.ask("生态护林员补助的钱算不算澄溪县林业局的支出？")
    assert not a.abstained
    assert a.text.lstrip().startswith("（报告原文）") and "不在本局支出中反映" in a.text


def test_a_difference_no_skill_computes_is_quoted_where_the_report_states_it(forestry) -> None:
    question = "澄溪县林业局油茶低产林改造项目年中调增了多少钱？"
    chain = forestry.qa.chain
    stated = chain._stated_difference(resolve(question, chain.catalog()))
    assert [s.text for s in stated] == ["油茶低产林改造年中调增35.00万元，年初论证不够充分。"]
    a = forestry.ask(question)
    assert not a.abstained and "35.00万元" in a.text
    # the two figures of the project that differ by it, from the facts, cited
    assert "年初预算数180.00万元" in a.text and "预算数215.00万元" in a.text and len(a.citations) == 3


def test_negated_words() -> None:
    assert says_not("没付", "至年底仍有5万元未支付")
    assert says_not("没到", "执行率未达到90%")
    assert not says_not("没付", "至年底已全部支付")
    assert not says_not("付款", "尚未支付")  # no negation asked


def _s(text: str, start: int, report: str = "r") -> Sentence:
    return Sentence(report, "三、绩效", text, text, start, start + len(text), 0)


def test_the_cause_and_the_sentence_that_tells_more_of_it() -> None:
    assert cause_of("完成率80%，原因是施工单位进场推迟。") == "施工单位进场推迟"
    assert cause_of("项目受汛期强降雨影响停工。") == "汛期强降雨"
    reason = _s("完成率80%，原因是施工单位进场推迟。", 0)
    more = _s("施工单位因招标流标两次，进场推迟至9月。", 40)
    other = _s("全年完成造林面积1.2万亩。", 80)
    elsewhere = _s("施工单位进场推迟至9月，工期顺延。", 120, report="other")
    assert told_more(reason, [reason, other, more, elsewhere], [reason]) == [more]
    assert told_more(reason, [reason, other], [reason]) == []


def test_the_gap_to_the_figure_ranks_only_sentences_that_have_the_head() -> None:
    staff = Asked(phrase="在编多少人", words=("在编",), metric_words={}, kind="people")
    assert head_gap(staff, "核定编制30名，在编人员27人") < head_gap(staff, "在编人员中具有专业背景的仅5人")
    # an item with no head word: no sentence is nearer than another (a short cell never wins)
    bare = Asked(phrase="够目标了吗", words=(), metric_words={}, kind="")
    assert head_gap(bare, "得分：8") == head_gap(bare, "满意度调查结果为88.9%，目标为不低于90%。")
