"""When the facts are silent the report's own text answers: a labelled table row gives the
asked project's figure of the asked kind (not a rate that merely mentions the project), a
why-question leads with the sentence that gives the reason, and a text question whose words
the report does not use is answered from the sentence its synonyms find."""

from __future__ import annotations

import pytest

from assistant.answer.evidence.passages import Sentence
from assistant.answer.evidence.reasons import reasons
from assistant.answer.evidence.rows import row_leads, row_units, with_unit
from tests.answer.test_facts_route_subjects import _assistant

REPORT = """某区水务局2024年度部门整体支出绩效自评报告
一、部门概况
全局在职人员52人，负责全区供水、排水和河道管理。
下属事业单位2个，分别为区排水管理所和区河道管护站。
2024年绩效目标为：排水管网清淤不少于40公里；居民满意度不低于95%。
二、项目执行
项目执行情况见下表。
表1 2024年度项目执行情况
单位：万元
序号：1；项目名称：排水管网清淤；2024年度预算数：120.00；2024年度执行数：110.50；2023年度执行数：98.20；执行率：92.08%
序号：2；项目名称：河道保洁；2024年度预算数：80.00；2024年度执行数：79.00；2023年度执行数：75.00；执行率：98.75%
三、绩效目标完成情况
居民满意度91.2%，年度目标为95%，主要是汛期部分路段积水消退较慢。
全年被省水利厅评为河湖长制工作先进单位。
四、存在的问题
1.受汛期影响，排水管网清淤周期较长，排水管网清淤项目执行率仅为92.08%。
2.部分河道保洁外包合同考核不细。
"""


@pytest.fixture(scope="module")
def water(tmp_path_factory, request):
    mp = pytest.MonkeyPatch()
    request.addfinalizer(mp.undo)
    return _assistant(tmp_path_factory.mktemp("water"), mp, {"sw.txt": REPORT})


def test_a_project_figure_comes_from_its_table_row_of_the_asked_year(water) -> None:
    answer = water.ask("某区水务局2024年排水管网清淤项目执行了多少？")
    assert not answer.abstained, answer.text
    assert "110.50" in answer.text
    assert "98.20" not in answer.text  # the previous year's cell of the same row
    assert "执行率仅为92.08%" not in answer.text  # a rate is no amount spent


def test_a_why_question_leads_with_the_reason(water) -> None:
    answer = water.ask("某区水务局2024年居民满意度为什么没达到目标？")
    assert not answer.abstained, answer.text
    body = answer.text.split("\n", 1)[1]
    assert body.startswith("居民满意度91.2%") and "积水消退较慢" in body


def test_a_question_in_other_words_than_the_report_finds_its_sentence(water) -> None:
    answer = water.ask("某区水务局2024年获得了哪些表彰？")
    assert not answer.abstained, answer.text
    assert "河湖长制工作先进单位" in answer.text


def _s(text: str, start: int, section: str = "二、完成情况") -> Sentence:
    return Sentence("r", section, text, text, start, start + len(text), 0)


def test_the_reason_after_the_sentence_naming_the_item_leads_it() -> None:
    named = _s("服务满意度为86%，未达到目标。", 0)
    cause = _s("主要原因是窗口人手紧张，排队时间较长。", 20)
    other = _s("全年办理业务3万件。", 40)
    assert reasons("服务满意度为什么未达到目标", [named, cause, other])[:2] == [cause, named]
    assert reasons("服务满意度为什么未达到目标", [named, other]) == []


def test_a_row_names_its_cells_and_gives_their_unit() -> None:
    text = "单位：万元\n项目名称：路灯维护；预算数：50.00；执行数：45.00\n"
    name, budget, spent = (_s(t, text.index(t)) for t in ("项目名称：路灯维护；", "预算数：50.00；", "执行数：45.00"))
    leads = row_leads([name, budget, spent], text)
    assert leads[(spent.start, spent.end)] is name
    assert with_unit(spent, row_units([name, budget, spent], text)) == "执行数：45.00万元"


def test_an_actual_figure_leads_before_the_target_and_a_target_question_finds_it(water) -> None:
    answer = water.ask("某区水务局2024年居民满意度是多少？")
    assert "91.2%" in answer.text, answer.text
    assert not answer.text.split("\n", 1)[-1].startswith("居民满意度不低于95%")
    met = water.ask("某区水务局2024年居民满意度达到目标没有？")
    assert not met.abstained and "91.2%" in met.text, met.text


def test_the_askers_own_filler_words_are_not_required_but_a_missing_modifier_is() -> None:
    from assistant.answer.evidence.search import askers_words
    from assistant.answer.understand.items import Asked

    text = "局机关下属事业单位3个，在职人员52人。"
    below = Asked("下面有几个事业单位", ("下面", "事业", "单位", "事业单位"), {}, "")
    assert askers_words(below, text) == {"下面"}
    retired = Asked("离休人员有多少人", ("离休", "人员"), {}, "people")
    assert askers_words(retired, text) == set()  # without 离休 the item is another
    degree = Asked("硕士研究生人员有多少人", ("硕士", "研究生", "人员"), {}, "people")
    assert askers_words(degree, text) == set()



def test_a_why_question_the_facts_answer_gets_the_reason_first(water) -> None:
    answer = water.ask("某区水务局2024年排水管网清淤项目执行率为什么偏低？")
    assert not answer.abstained, answer.text
    lines = answer.text.split("\n")
    assert "周期较长" in lines[1], answer.text  # the reason leads
    assert "92.08%" in answer.text


def test_a_cause_in_the_sentence_after_the_item_that_refers_back_to_it() -> None:
    item = _s("路灯改造项目：预算80万元，执行60万元，执行率75%。", 0)
    cause = _s("该项目因灯杆供货延迟，部分工程款未支付。", 30)
    assert reasons("路灯改造项目执行率为什么偏低", [item, cause]) == [cause, item]


def test_a_verb_that_modifies_the_noun_after_it_is_part_of_the_item() -> None:
    from assistant.answer.evidence.search import askers_words
    from assistant.answer.understand.items import Asked

    fund = Asked("维修资金执行了多少", ("维修", "资金", "执行"), {}, "money")
    assert askers_words(fund, "低保资金执行3,050.20万元。") == set()
    made = Asked("一共搞出了多少项具体改革措施", ("搞出", "改革", "措施"), {}, "")
    assert askers_words(made, "形成126项具体改革措施。") == {"搞出"}


LISTED = """某县应急管理局2024年度部门整体支出绩效自评报告
一、绩效管理工作开展情况
按照县财政局要求，我局对全部预算资金开展全过程绩效管理：
1.健全内部审批制度。
2.每季度开展资金使用检查。
3.组织业务骨干参加绩效培训。
4.将评价结果与下年预算安排挂钩。
二、年度工作
全年组织应急演练12次。
"""


def test_a_long_numbered_list_is_quoted_for_a_question_in_other_words(tmp_path, monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"yj.txt": LISTED})
    answer = a.ask("某县应急管理局2024年在绩效管理方面采取了哪些措施？")
    assert "健全内部审批制度" in answer.text and "将评价结果与下年预算安排挂钩" in answer.text, answer.text


def test_the_names_of_what_is_counted_are_quoted_with_the_count(water) -> None:
    answer = water.ask("某区水务局下属事业单位有几个，叫什么？")
    assert not answer.abstained, answer.text
    assert "区排水管理所" in answer.text and "区河道管护站" in answer.text, answer.text
