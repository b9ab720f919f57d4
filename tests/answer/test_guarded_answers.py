"""A model answer under the one guard: a loop (stopped while streaming), a cut-off ending or
an echoed instruction falls back to the extractive answer with a note and flags, never shown
as clean; a sentence that names a department must be supported by a cited passage of that
department's report; a cited figure's qualifier (接近, 以上) is kept."""

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer.chain import QA
from assistant.answer.evidence.claims import (
    UNSUPPORTED_NOTE,
    Passage,
    bind_sentences,
    restore_qualifiers,
)
from assistant.answer.evidence.guarded import GuardedStream, review
from assistant.prompts import render

REFORMS = "番禺区委办2023年谋划形成了多少项具体改革措施？"


@pytest.fixture(scope="module")
def model_qa(ingested):
    """A QA over the samples whose chat model answers `response` (keyword retrieval)."""
    def make(response: str):
        qa = QA(ingested.library, llm=FakeListChatModel(responses=[response]), backend="fake")
        qa.retriever.use_dense = False
        return qa
    return make


def _stream(qa, question):
    parts = list(qa.stream(question))
    return "".join(p for p in parts[:-1]), parts[-1]


def test_a_looping_model_answer_is_stopped_and_replaced_by_the_extractive_answer(model_qa) -> None:
    loop = "加强预算管理，提高资金使用效益。" * 20
    streamed, answer = _stream(model_qa(loop), REFORMS)
    assert len(streamed) < len(loop) // 2  # the stream stopped once it looped
    assert answer.text.startswith("（模型回答未采用（文字循环重复")
    assert "以下为报告原文摘录" in answer.text and "126项具体改革措施" in answer.text
    assert "资金使用效益。加强预算管理" not in answer.text
    assert answer.flags and answer.flags[0].startswith("模型回答未采用：文字循环重复")
    assert answer.citations and not answer.abstained


def test_a_cut_off_model_answer_is_replaced_by_the_extractive_answer(model_qa) -> None:
    _, answer = _stream(model_qa("番禺区委办谋划形成了126项具体改"), REFORMS)
    assert answer.text.startswith("（模型回答未采用（结尾不完整")
    assert "126项具体改革措施" in answer.text and answer.citations
    assert any("结尾不完整" in f for f in answer.flags)


def test_an_answer_that_echoes_its_instructions_is_not_used(model_qa) -> None:
    echo = "每份报告只说明它自己的部门：不要把一份报告中的数字或说法用到其他部门。谋划形成了126项具体改革措施[1]。"
    _, answer = _stream(model_qa(echo), REFORMS)
    assert answer.text.startswith("（模型回答未采用（输出中含有提示词")


def test_a_clean_model_answer_stays_and_a_decline_may_end_without_a_stop(model_qa) -> None:
    _, answer = _stream(model_qa("谋划形成了126项具体改革措施[1]。"), REFORMS)
    assert answer.text == "谋划形成了126项具体改革措施[1]。" and answer.flags == []
    _, declined = _stream(model_qa("资料中未提及"), "白云区政府办2023年有没有开展绩效培训的具体人次？")
    assert declined.abstained and "模型回答未采用" not in declined.text


def test_a_sentence_about_the_answer_itself_is_dropped_not_the_answer(model_qa) -> None:
    _, answer = _stream(model_qa("谋划形成了126项具体改革措施[1]。希望以上回答对您有所帮助。"), REFORMS)
    assert answer.text == "谋划形成了126项具体改革措施[1]。"
    assert any("说明文字" in f for f in answer.flags)


def test_a_sentence_giving_a_figure_to_another_department_is_flagged(model_qa) -> None:
    _, answer = _stream(model_qa("白云区政府办谋划形成了126项具体改革措施[1]。"), REFORMS)
    assert UNSUPPORTED_NOTE in answer.text
    assert any("未在所述部门的报告中找到依据" in f for f in answer.flags)


def test_the_cited_qualifier_is_kept(model_qa) -> None:
    _, answer = _stream(model_qa("白云区政府办2023年收支比率为100%[1]。"), "白云区政府办2023年收支比率情况如何？")
    assert "收支比率接近100%" in answer.text and "为100%" not in answer.text
    assert any("接近100%" in f for f in answer.flags)


# the mechanisms on small texts of their own ------------------------------------------------

NAMES = [("东湖区文化馆", "东湖区文化馆"), ("西山县档案局", "西山县档案局")]
OWNER = {"a": "东湖区文化馆", "b": "西山县档案局"}.get
GIVEN = [Passage("a", "东湖区文化馆年末结转资金主要因展馆改造工程延期验收。"),
         Passage("b", "西山县档案局结余原因是数字化扫描项目采购流程较长。")]


def test_department_b_s_reason_given_to_department_a_is_flagged() -> None:
    text = "东湖区文化馆资金结转的原因是数字化扫描项目采购流程较长[2]。"
    marked, flags = bind_sentences(text, GIVEN, GIVEN, NAMES, OWNER)
    assert marked == "东湖区文化馆资金结转的原因是数字化扫描项目采购流程较长" + UNSUPPORTED_NOTE + "[2]。"
    assert "西山县档案局" in flags[0]
    # the same words cited to department A's own passage: its content is not there either
    marked, _ = bind_sentences(text.replace("[2]", "[1]"), GIVEN, GIVEN, NAMES, OWNER)
    assert UNSUPPORTED_NOTE in marked


def test_a_supported_sentence_and_one_about_that_unit_follow_their_department() -> None:
    text = ("东湖区文化馆结转资金主要因展馆改造工程延期验收[1]。"
            "该单位的结余原因是数字化扫描项目采购流程较长[2]。")
    marked, flags = bind_sentences(text, GIVEN, GIVEN, NAMES, OWNER)
    first, second = marked.split("。")[:2]
    assert UNSUPPORTED_NOTE not in first and UNSUPPORTED_NOTE in second and len(flags) == 1
    # a sentence naming no department is not checked
    assert bind_sentences("资金结转原因是流程较长[2]。", GIVEN, GIVEN, NAMES, OWNER)[1] == []


def test_words_of_the_question_are_no_claim() -> None:
    text = "东湖区文化馆在场馆开放服务与读者活动组织方面的做法是展馆改造工程延期验收[1]。"
    assert UNSUPPORTED_NOTE in bind_sentences(text, GIVEN, GIVEN, NAMES, OWNER)[0]
    asked = "东湖区文化馆在场馆开放服务与读者活动组织方面有什么做法？"
    assert bind_sentences(text, GIVEN, GIVEN, NAMES, OWNER, question=asked)[1] == []


def test_a_figure_repeated_from_the_question_does_not_vouch_for_the_sentence() -> None:
    given = [Passage("a", "东湖区文化馆结转资金主要因展馆改造工程延期验收，执行率未达100%。"),
             Passage("b", "西山县档案局结余原因是数字化扫描项目采购流程较长。")]
    asked = "东湖区文化馆为什么没有100%支出？"
    wrong = "东湖区文化馆未能100%支出的原因是数字化扫描项目采购流程较长[1]。"
    assert UNSUPPORTED_NOTE in bind_sentences(wrong, given, given, NAMES, OWNER, question=asked)[0]
    right = "东湖区文化馆未能100%支出的原因是展馆改造工程延期验收[1]。"
    assert bind_sentences(right, given, given, NAMES, OWNER, question=asked)[1] == []


def test_a_department_no_cited_passage_belongs_to_is_flagged() -> None:
    marked, flags = bind_sentences("西山县档案局结余原因是采购流程较长。", GIVEN, GIVEN[:1], NAMES, OWNER)
    assert UNSUPPORTED_NOTE in marked and "所引资料中没有西山县档案局的报告" in flags[0]


@pytest.mark.parametrize(("answer", "quote", "restored"), [
    ("收支比率为100%。", "全年收支比率接近100%。", "收支比率接近100%。"),
    ("完成率为95%。", "完成率达95%以上。", "完成率为95%以上。"),
    ("结余约12万元。", "结余约12万元。", "结余约12万元。"),
    ("执行率为100%。", "执行率100%，收支比率接近100%。", "执行率为100%。"),  # also stated exactly
])
def test_qualifiers_of_cited_figures_are_restored(answer, quote, restored) -> None:
    text, flags = restore_qualifiers(answer, [quote])
    assert text == restored
    assert bool(flags) == (text != answer)


def test_the_guarded_stream_stops_a_loop_and_closes_the_model() -> None:
    closed = []

    def pieces():
        try:
            while True:
                yield "做好督查督办工作，"
        finally:
            closed.append(True)

    stream = GuardedStream(pieces())
    assert len("".join(stream)) < 400 and stream.looped and closed


def test_numbered_copies_of_one_point_are_a_loop() -> None:
    numbered = "甲单位在督办方面做了以下工作：\n" + "".join(
        f"{i}. 强化责任，提案办理重实效。\n" for i in range(1, 6))
    assert review(numbered, [])[2][0].kind == "loop"
    varied = "甲单位做了以下工作：\n1. 强化督办责任。\n2. 提案办理重实效。\n3. 建立台账，逐项销号。"
    assert review(varied, [])[2] == []


def test_a_sentence_introducing_a_list_claims_nothing_to_check() -> None:
    intro = "东湖区文化馆在场馆开放方面做了以下工作：[1]"
    assert bind_sentences(intro, GIVEN, GIVEN, NAMES, OWNER, question="东湖区文化馆在场馆开放方面做了哪些工作？")[1] == []
    opens = "东湖区文化馆在场馆开放方面做了以下几件事：\n1. 展馆改造工程延期验收。"
    assert bind_sentences(opens, GIVEN, GIVEN, NAMES, OWNER)[1] == []
    # the same words closing a sentence are a claim, and are judged
    closes = "东湖区文化馆在场馆开放方面做了以下几件事。"
    assert bind_sentences(closes, GIVEN, GIVEN, NAMES, OWNER)[1]


def test_review_finds_every_problem_and_spares_a_short_decline() -> None:
    system = render("answer_system")
    assert review("资料中未提及", [system], declined=True)[2] == []
    long_cut = "资料中未提及具体人次，但报告写明全年组织了多场培训，覆盖各科室和下属单位的工作人员以及"
    assert [p.kind for p in review(long_cut, [system], declined=True)[2]] == ["cut"]
    kinds = [p.kind for p in review("执行率为××%，", [system])[2]]
    assert "placeholder" in kinds and "cut" in kinds
