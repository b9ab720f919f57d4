"""The guard against degenerate generation: loops, cut-off endings and echoed prompt lines are
found by pure checks; the chain retries once, then falls back to the template, and never
passes such text as verified."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.drafting import check
from assistant.drafting.chain import DraftChain, prompt_texts, repair_ending, stop_sequences
from assistant.drafting.derived import derive
from assistant.drafting.facts_file import facts_from_mapping
from assistant.drafting.templates import template_text

KIND = "部门整体收支情况"
FACTS = {"department": "某县农业农村局", "year": 2024,
         "figures": {"预算数": "1250.4万元", "支出": "1198.2万元", "执行率": "95.83%",
                     "基本支出": "860.5万元", "项目支出": "337.7万元"}}
GOOD = ("2024年度，本局全年预算数1250.4万元，执行数1198.2万元，预算执行率为95.83%。"
        "按支出性质分，基本支出860.5万元；项目支出337.7万元。")
LOOP = "2024年，本局整体支出绩效目标是：" + "提高行政效能，降低行政成本，提升行政效率，降低行政成本，" * 50 + "提高行"
ECHO = GOOD + "\n修改要求：更简洁一些\n可用数字：\n- 预算数：1250.4万元"


def facts():
    return facts_from_mapping(FACTS)


def test_a_loop_of_clauses_is_found() -> None:
    assert check.looping(LOOP) == "文字循环重复：“降低行政成本”出现100次"
    assert check.looping("本局" + "加强项目资金管理" * 5 + "。") is not None  # without punctuation
    assert check.looping("全年预算执行率为95.83%，" * 6) is not None  # a figure back to back
    sentence = "本局严格执行中央八项规定精神，压减一般性支出。"
    assert check.looping(sentence * 2) is not None  # a long sentence written twice


def test_lists_and_placeholders_are_not_loops() -> None:
    listing = "\n".join(f"（{n}）{name}：预算数{b}万元，执行数{b}万元，执行率100%。"
                        for n, name, b in (("一", "农田水利维修", 12), ("二", "种子补贴", 30),
                                           ("三", "农技培训", 8), ("四", "动物防疫", 15)))
    assert check.looping(listing) is None
    blanks = "\n".join(f"（{n}）{x}：目标值【待补充：目标值】，实际完成值【待补充：实际完成值】。"
                       for n, x in (("一", "培训人次"), ("二", "覆盖乡镇"), ("三", "满意度")))
    assert check.looping(blanks) is None
    assert check.defects(GOOD, prompt_texts()) == []


def test_a_cut_off_ending_is_found_and_a_finished_one_is_not() -> None:
    assert check.truncated("本局全年预算数1250.4万元，执行数1198") is not None
    assert check.truncated("") == "输出为空"
    assert check.truncated(GOOD) is None
    assert check.truncated("其他说明：【待补充：其他说明】") is None
    # most of the text kept: the unfinished last sentence is dropped
    assert repair_ending(GOOD + "下一步，本局将进一") == GOOD
    assert repair_ending("本局全年预算数1250.4万元。" + "执行情况总体良好，但个别项目进度" * 3) .endswith("进度")


def test_echoed_instructions_are_found() -> None:
    prompts = prompt_texts()
    assert check.echoed(ECHO, prompts) in ("输出中含有提示词：“修改要求：”", "输出中含有提示词：“可用数字：”")
    system_line = "你是撰写部门整体支出绩效自评报告的助手，用规范、平实的公文语言写作。"
    assert check.echoed(GOOD + system_line, prompts) is not None
    assert check.echoed("本局的工作要点是加强管理。" + GOOD, prompts) is None  # a word, not a label line
    assert "修改要求：" in stop_sequences() and "<|im_end|>" in stop_sequences()


def test_the_templates_pass_the_guard() -> None:
    f = facts()
    derived = derive(f)
    for kind in ("部门整体收支情况", "部门整体支出绩效目标", "各项工作任务绩效目标完成情况",
                 "存在的主要问题", "下一步改进措施", "管理效率分析"):
        assert check.defects(template_text(kind, f, derived), prompt_texts()) == [], kind


def test_a_looping_model_is_retried_then_replaced_by_the_template() -> None:
    f = facts()
    llm = FakeListChatModel(responses=[LOOP, LOOP])
    draft = DraftChain(llm=llm).invoke({"kind": KIND, "facts": f})
    assert draft.text == template_text(KIND, f, derive(f))
    assert "降低行政成本" not in draft.text and draft.clean
    assert any("大模型生成的文字不可用" in n for n in draft.notes)
    assert any(n.startswith("第一次生成未采用：文字循环重复") for n in draft.notes)


def test_a_loop_then_a_good_text_keeps_the_good_one() -> None:
    draft = DraftChain(llm=FakeListChatModel(responses=[LOOP, GOOD])).invoke({"kind": KIND, "facts": facts()})
    assert draft.text == GOOD and draft.clean


def test_a_revision_echoing_its_prompt_is_not_used() -> None:
    f = facts()
    longer = GOOD + "全年收支总体平稳，资金使用规范有序。"
    first = DraftChain(llm=FakeListChatModel(responses=[longer])).invoke({"kind": KIND, "facts": f})
    chain = DraftChain(llm=FakeListChatModel(responses=[ECHO, ECHO]))
    revised = chain.invoke({"kind": KIND, "facts": f, "instruction": "更简洁一些", "previous": first})
    assert "修改要求" not in revised.text and "可用数字" not in revised.text
    assert revised.text == GOOD  # shortened by rule instead: the sentence without figures dropped
    assert any(n.startswith("大模型的修改未被采用，已按规则修改") for n in revised.notes)
    assert revised.clean and revised.revisions == ["更简洁一些"]


def test_defective_text_is_never_verified_clean() -> None:
    from assistant.drafting.chain import verify

    f = facts()
    for text in (LOOP, ECHO, GOOD[:-8]):
        assert not verify(KIND, f, derive(f), text).clean


def test_a_loop_is_cut_off_while_streaming() -> None:
    f = facts()
    parts = list(DraftChain(llm=FakeListChatModel(responses=[LOOP, LOOP])).stream({"kind": KIND, "facts": f}))
    streamed = "".join(p for p in parts if isinstance(p, str))
    assert streamed.count("降低行政成本") < 20  # stopped soon after the loop began, twice
    assert "重新生成" in streamed and streamed.endswith(parts[-1].text)  # then the template


def test_a_section_the_facts_say_nothing_about_is_not_given_to_the_model() -> None:
    f = facts()  # no statements on management efficiency: the template is a frame of placeholders
    invented = "（一）预算编制和执行方面：本局严格执行预算。\n（二）信息公开方面：本局及时公开信息。"
    draft = DraftChain(llm=FakeListChatModel(responses=[invented])).invoke({"kind": "管理效率分析", "facts": f})
    assert draft.text == template_text("管理效率分析", f, derive(f))
    assert "严格执行预算" not in draft.text and len(draft.placeholders) == 5
    assert any("未交给大模型编写" in n for n in draft.notes)


def test_a_meta_sentence_is_dropped_from_a_model_draft_and_flagged_in_a_given_text() -> None:
    f = facts()
    llm = FakeListChatModel(responses=[GOOD + "\n以上是本局“部门整体收支情况”一节正文。"])
    draft = DraftChain(llm=llm).invoke({"kind": KIND, "facts": f})
    assert draft.text == GOOD and draft.clean
    assert any("说明文字" in n for n in draft.notes)
    from assistant.drafting.chain import verify
    assert not verify(KIND, f, derive(f), GOOD + "以上为本节正文。").clean
    assert not verify(KIND, f, derive(f), "本局全年预算数×万元。").clean
