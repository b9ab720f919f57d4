"""The asker's own phrasing weighs neither way in the nearest-passage search (evidence.nearest
with `written`): words no report of the library writes that name no thing and qualify none
(够不够, 现在, 叫); a word that names or qualifies the item (离休人员) still weighs. A count
asked with nothing else named is the department's own (evidence.own_count)."""

from __future__ import annotations

from assistant.answer.evidence.nearest import nearest
from assistant.answer.evidence.own_count import own_count, usual_metric
from assistant.answer.evidence.passages import Sentence
from assistant.text.asking import asked_count, asked_unit, names_nothing, without_phrasing
from tests.answer.stub_facts import fact, report

NAMES = ("石门镇林业站", "林业站")


def _s(text: str, start: int, section: str = "三、绩效目标完成情况") -> Sentence:
    return Sentence("r1", section, text, text, start, start + len(text), 0)


POOL = [
    _s("本站核定编制5名，年末在职人员4人。", 0, "一、基本情况"),
    _s("全年支出120.50万元，执行率97.30%。", 30, "二、预算执行情况"),
    _s("产出指标 数量指标 森林防火巡护天数 ≥300天 281天 15 13", 60),
    _s("存在的问题：雨季巡护天数难以保证。", 100, "四、存在的问题"),
]
WORDS = {"天数", "巡护", "森林", "防火", "古树", "普查", "政府", "采购", "金额", "人员", "编制", "在职"}
WRITTEN = WORDS.__contains__


def test_words_no_report_writes_that_name_nothing_are_left_out():
    written = {"天数", "巡护"}.__contains__
    assert without_phrasing(["巡护天数够不够"], written) == ["巡护天数"]
    assert without_phrasing(["现在有"], written) == []
    # a noun the library never writes still names what is asked; so does a measure word
    assert without_phrasing(["人头费"], written) == ["人头费"]
    assert without_phrasing(["个科"], written) == ["个科"]
    # a word before a noun qualifies it: which staff, even where no report writes 离休
    assert without_phrasing(["离休人员"], written) == ["离休人员"]


def test_a_term_the_project_adds_to_the_dictionary_names_a_thing():
    from assistant.index.bm25 import tokenize

    tokenize("")  # the project's terms are in jieba's dictionary (tagged x)
    assert without_phrasing(["政府采购预算"], {"预算"}.__contains__) == ["政府采购预算"]


def test_the_asked_count_and_the_rest_of_the_question():
    assert asked_count("疾控现在有多少人？") == ("人", "疾控现在有 ？")
    assert asked_count("北塅站几个人？")[0] == "人"
    assert asked_count("预算是多少？") == ("", "预算是多少？")
    assert asked_count("有几个科？")[0] == "个"
    # 几个人 asks a number of people, not of 个
    assert asked_unit("档案馆有几个人上班？")("在职人员34人") and not asked_unit("几个人？")("3个")


def test_a_question_that_names_nothing_but_the_count():
    written = {"退休", "人员"}.__contains__
    assert names_nothing("现在有 ？", written)
    assert not names_nothing("退休了 ？", written)  # a word the library writes
    assert not names_nothing("有 科，都叫什么？", written)  # a noun


def test_a_colloquial_question_finds_the_row_that_states_it():
    # 现在 and 够不够: no report writes them, and they name nothing
    assert nearest("石门镇林业站巡护天数现在够不够？", NAMES, POOL) is None
    found = nearest("石门镇林业站巡护天数现在够不够？", NAMES, POOL, written=WRITTEN)
    assert found is not None and "281天" in found.sentence.text


def test_a_qualifying_word_no_report_writes_still_weighs():
    pool = [_s("年末在职人员4人。", 0, "一、基本情况"), *POOL[1:2]]
    assert nearest("石门镇林业站离休人员现在有多少人？", NAMES, pool, figure=True, written=WRITTEN) is None


def test_an_item_another_report_writes_stays_declined():
    # 政府采购 is written in the library, not in this report: the item is not held
    assert nearest("石门镇林业站政府采购花了多少钱？", NAMES, POOL, figure=True, written=WRITTEN) is None
    assert nearest("石门镇林业站古树现在有多少株？", NAMES, POOL, figure=True, written=WRITTEN) is None


def test_nothing_written_left_means_no_answer():
    assert nearest("石门镇林业站人头费多少钱？", NAMES, POOL, figure=True, written=WRITTEN) is None


def test_a_sentence_holding_every_pair_answers_when_no_word_of_it_is_theirs():
    pool = [_s("内设办公室、营林股和防火股3个股室。", 0, "一、基本情况"), *POOL[1:2]]
    found = nearest("石门镇林业站有几个股，都叫啥？", NAMES, pool, figure=True, written=WRITTEN)
    assert found is not None and "3个股室" in found.sentence.text


A, B, C = report("a", "甲站", 2024), report("b", "乙站", 2024), report("c", "丙站", 2024)
LIBRARY = [fact(1, A, "在职人员", "4", "人"), fact(2, A, "编制数", "5", "人"),
           fact(3, B, "在职人员", "12", "人"), fact(4, B, "退休人员", "3", "人"),
           fact(5, C, "在职人员", "30", "人"), fact(6, C, "编制数", "33", "人")]


def test_the_usual_count_is_learnt_from_the_library():
    assert usual_metric("人", LIBRARY) == "在职人员"
    assert usual_metric("项", LIBRARY) is None
    split = [fact(1, A, "在职人员", "4", "人"), fact(2, B, "编制数", "5", "人"), fact(3, C, "退休人员", "3", "人")]
    assert usual_metric("人", split) is None  # no metric most reports state
    one = [fact(1, A, "在职人员", "4", "人"), fact(2, A, "编制数", "5", "人")]
    assert usual_metric("人", one) is None  # one report: its two counts are as usual as each other


def test_the_department_own_count_is_its_statement():
    found = own_count("人", [f for f in LIBRARY if f.report_id == "b"], LIBRARY)
    assert found is not None and found.text.endswith("12人") and found.report_id == "b"
    assert own_count("人", [fact(7, A, "编制数", "5", "人")], LIBRARY) is None
    # another year's or a unit's count is not the department's own
    assert own_count("人", [fact(8, A, "在职人员", "3", "人", period="上年")], LIBRARY) is None


def test_a_count_of_people_is_asked_by_its_unit_not_by_its_words():
    pool = [_s("核定编制5名，年末在职人员4人，退休人员2人。", 0, "一、基本情况"), *POOL[1:2]]
    assert nearest("石门镇林业站有几个人上班？编制几个？", NAMES, pool, figure=True) is None
    found = nearest("石门镇林业站有几个人上班？编制几个？", NAMES, pool, figure=True, written=WRITTEN)
    assert found is not None and "4人" in found.sentence.text
