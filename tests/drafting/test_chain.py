"""The drafting chain with a fake LLM: invented figures are flagged, revisions keep every
figure (a revision that drops one is flagged), exemplars come from other departments and
their figures never reach the prompt."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.drafting import Draft, Drafter, facts_from_store
from assistant.drafting.chain import draft_messages, verify
from assistant.drafting.check import numbers_in
from assistant.drafting.derived import derive
from assistant.drafting.exemplars import find_exemplars
from assistant.drafting.facts_file import facts_from_mapping
from assistant.drafting.templates import template_text
from tests.drafting.conftest import GOOD, KIND


def fake(*replies: str) -> FakeListChatModel:
    return FakeListChatModel(responses=list(replies))


def test_a_faithful_llm_draft_is_clean_and_streams(ingested, liwan) -> None:
    parts = list(Drafter(ingested.library.store, llm=fake(GOOD)).stream(KIND, liwan))
    draft = parts[-1]
    assert isinstance(draft, Draft)
    assert "".join(p for p in parts[:-1]) == GOOD  # the deltas add up to the reply
    assert draft.clean and draft.flags == []
    assert draft.text == GOOD
    assert {f["name"] for f in draft.facts_used} >= {"预算数", "支出", "执行率", "基本支出", "项目支出"}
    assert any(d["key"] == "基本支出占比" for d in draft.derived)


def test_an_invented_figure_is_flagged_and_marked(ingested, liwan) -> None:
    reply = GOOD + "全年共召开会议520次，节约经费12.5万元。"
    draft = Drafter(ingested.library.store, llm=fake(reply)).draft(KIND, liwan)
    assert not draft.clean
    assert draft.flags == ["数字“520”不在给定或计算得出的事实中", "数字“12.5”不在给定或计算得出的事实中"]
    assert "520（⚠未核实）次" in draft.text and "12.5（⚠未核实）万元" in draft.text
    assert "3181.27万元" in draft.text and "3181.27（⚠" not in draft.text


def test_a_changed_figure_is_flagged(ingested, liwan) -> None:
    draft = Drafter(ingested.library.store, llm=fake(GOOD.replace("99.6%", "99.7%"))).draft(KIND, liwan)
    assert draft.flags == ["数字“99.7”不在给定或计算得出的事实中"]


def test_years_ordinals_and_counts_are_not_figures(ingested, liwan) -> None:
    reply = ("2023年度，本部门主要做了以下3个方面工作：\n1. 全年预算数3181.27万元；2.执行数3168.61万元。\n"
             "第2点：截至2023年12月31日，预算执行率为99.6%。")
    draft = Drafter(ingested.library.store, llm=fake(reply)).draft(KIND, liwan)
    assert draft.clean, draft.flags


def test_the_model_heading_and_fences_are_removed(ingested, liwan) -> None:
    draft = Drafter(ingested.library.store, llm=fake("```\n一、部门整体收支情况\n" + GOOD + "\n```")).draft(KIND, liwan)
    assert draft.text == GOOD


def test_llm_revision_keeps_figures_or_is_flagged(ingested, liwan) -> None:
    # a sentence without figures: the text is not yet concise, so the model is asked
    first = Drafter(ingested.library.store, llm=fake(GOOD + "全年资金拨付及时，使用规范，管理有序。")).draft(KIND, liwan)
    kept = GOOD.replace("按支出性质分，", "其中")
    revised = Drafter(ingested.library.store, llm=fake(kept)).draft(KIND, liwan, instruction="更简洁一些", previous=first)
    assert revised.clean and revised.revisions == ["更简洁一些"]
    shorter = "2023年度，本部门全年预算数3181.27万元，预算执行率为99.6%。"
    # a model revision that loses given figures is not taken: the rule revision (or the
    # previous text) stands, and the text that lost them is still flagged if shown
    dropped = Drafter(ingested.library.store, llm=fake(shorter)).draft(KIND, liwan, instruction="更简洁一些", previous=first)
    assert dropped.clean and "3168.61" in dropped.text
    assert any("修改稿缺少原稿中的数字“3168.61”" in n for n in dropped.notes)
    flags = verify(KIND, liwan, derive(liwan), shorter, previous=first).flags
    assert "修改后缺少原稿中的数字“3168.61”（事实应保持不变）" in flags


class SpyChat(FakeListChatModel):
    """A fake chat model that keeps the messages it was sent."""

    seen: list = []

    def _stream(self, messages, *args, **kwargs):
        self.seen.append(messages)
        return super()._stream(messages, *args, **kwargs)


def test_revision_prompt_carries_previous_text_instruction_and_figures(ingested, liwan) -> None:
    first = Drafter(ingested.library.store, llm=fake(GOOD)).draft(KIND, liwan)
    model = SpyChat(responses=[GOOD], seen=[])
    Drafter(ingested.library.store, llm=model).draft(KIND, liwan, instruction="语气更正式", previous=first)
    prompt = model.seen[0][-1].content
    assert GOOD in prompt and "修改要求：语气更正式" in prompt
    assert "- 预算数：3181.27万元" in prompt


@pytest.mark.parametrize("instruction", ["更简洁一些", "改成三点", "加一条关于预算编制的问题", "语气更正式",
                                         "改成两点"])
def test_rule_revisions_keep_every_figure(ingested, instruction) -> None:
    facts = facts_from_store(ingested.library.store, "番禺区政府办")
    drafter = Drafter(ingested.library.store)
    for kind in ("部门整体收支情况", "年度总体工作和重点工作任务", "存在的主要问题", "重点任务项目支出完成情况"):
        first = drafter.draft(kind, facts)
        revised = drafter.draft(kind, facts, instruction=instruction, previous=first)
        assert revised.clean, (kind, revised.flags)
        before = {v for _, v in numbers_in(first.text)}
        after = {v for _, v in numbers_in(revised.text)}
        assert before <= after, (kind, instruction, before - after)


def test_rule_revisions_do_what_they_say(ingested) -> None:
    facts = facts_from_store(ingested.library.store, "白云区政府办")
    drafter = Drafter(ingested.library.store)
    first = drafter.draft("存在的主要问题", facts)
    assert first.text.count("\n（") == 3
    two = drafter.draft("存在的主要问题", facts, instruction="改成两点", previous=first)
    assert two.text.count("\n（") == 2 and "（二）" in two.text and "（三）" not in two.text
    added = drafter.draft("存在的主要问题", facts, instruction="加一条关于预算编制的问题", previous=two)
    assert added.text.endswith("\n（三）预算编制方面：【待补充：关于预算编制的问题】")
    assert added.placeholders == ["【待补充：关于预算编制的问题】"]
    assert added.revisions == ["改成两点", "加一条关于预算编制的问题"]
    short = drafter.draft("存在的主要问题", facts, instruction="更简洁一些", previous=first)
    assert len(short.text) < len(first.text)
    assert "因部分专项工作任务多集中在年底" not in short.text  # a second sentence without figures
    unknown = drafter.draft("存在的主要问题", facts, instruction="换成英文", previous=first)
    assert unknown.text == first.text and unknown.revisions == []
    assert any("无法按“换成英文”修改" in n for n in unknown.notes)
    assert not any("不一致" in n for n in first.notes)  # a warning about other figures is not shown


def test_exemplars_come_from_other_departments(ingested) -> None:
    store = ingested.library.store
    for department in ("荔湾区政府办", "番禺区委办", "白云区政府办"):
        facts = facts_from_store(store, department)
        own = {r.file for r in store.reports() if r.department == facts.department}
        draft = Drafter(ingested.library.store).draft("存在的主要问题", facts)
        assert 1 <= len(draft.exemplars) <= 2
        assert all(e["file"] not in own for e in draft.exemplars)
        assert all(set(e) == {"file", "section", "quote"} and e["quote"] for e in draft.exemplars)
        for e in draft.exemplars:  # the quote is verbatim report text
            raw = store.report_text(next(r.id for r in store.reports() if r.file == e["file"]))
            assert e["quote"] in raw


def test_exemplars_for_a_department_not_in_the_store(ingested) -> None:
    facts = facts_from_mapping({"department": "广州市海珠区人民政府办公室", "year": 2024})
    found = find_exemplars(ingested.library.store, "下一步改进措施", facts)
    assert [e["department"] for e in found][:1] != ["广州市海珠区人民政府办公室"]
    assert sum(len(e["text"]) for e in found) <= 320
    assert "区人民政府办公室" in found[0]["department"]  # the most similar name first


def test_prompt_is_short_lists_allowed_figures_and_masks_exemplar_numbers(ingested) -> None:
    store = ingested.library.store
    facts = facts_from_store(store, "番禺区政府办")
    derived = derive(facts)
    for kind in ("部门整体收支情况", "年度总体工作和重点工作任务", "自评结论综述"):
        exemplars = find_exemplars(store, kind, facts)
        messages = draft_messages(kind, facts, derived, template_text(kind, facts, derived), exemplars)
        system, user = messages[0][1], messages[1][1]
        assert len(system) + len(user) < 1500  # about 900 tokens for Qwen
        assert "【待补充：" in system and "不要执行" in system
        for e in exemplars:
            assert e["text"][:10] not in user or not any(c.isdigit() for c in e["text"][:10])
        section = user.split("范文（")[1].split("可用数字")[0]
        assert section.count("范文") == len(exemplars) >= 1
        assert not any(c.isdigit() for c in section)
    messages = draft_messages(KIND, facts, derived, template_text(KIND, facts, derived), [])
    assert "- 预算数：4,227.15万元" in messages[1][1]
    assert "- 基本支出占支出总额的比重（计算）：78.32%" in messages[1][1]


def test_a_draft_facts_dict_from_the_form_is_normalised(ingested) -> None:
    from assistant.drafting import DraftFacts

    facts = DraftFacts(department="某区政府办", year=2024,
                       figures={"预算数": {"value": 200.0, "unit": "万元", "text": "200万元"},
                                "执行数": {"value": 150.0, "unit": "万元", "text": "150万元"}})
    draft = Drafter(ingested.library.store).draft(KIND, facts)
    assert "执行数150万元" in draft.text and "预算执行率为75.00%" in draft.text
    assert draft.clean and "【待补充：基本支出】" in draft.placeholders


def test_verify_marks_only_unsupported_numbers(liwan) -> None:
    draft = verify(KIND, liwan, derive(liwan), "预算数3181.27万元，另有3181.5万元。")
    assert draft.text == "预算数3181.27万元，另有3181.5（⚠未核实）万元。"
    assert draft.flags == ["数字“3181.5”不在给定或计算得出的事实中"]


def test_a_figure_called_by_another_metric_is_flagged(ingested, liwan) -> None:
    # the small model once called the budget "收入" and swapped 基本/项目支出
    reply = ("2023年度，本部门收入3181.27万元，执行数3168.61万元。"
             "基本支出125.38万元，项目支出3043.23万元，占支出总额的3.96%。")
    draft = Drafter(ingested.library.store, llm=fake(reply)).draft(KIND, liwan)
    assert not draft.clean
    assert len(draft.flags) == 3
    assert "收入3181.27万元”：事实中3181.27万元是预算数" in draft.flags[0]
    assert "不是基本支出" in draft.flags[1] and "不是项目支出" in draft.flags[2]


def test_labels_of_every_template_draft_agree_with_the_facts(ingested) -> None:
    from assistant.drafting import SECTION_KINDS
    from assistant.drafting.chain import verify as verify_text

    for report in ingested.library.store.reports():
        facts = facts_from_store(ingested.library.store, report.department, report.year)
        for kind in SECTION_KINDS:
            text = template_text(kind, facts, derive(facts))
            draft = verify_text(kind, facts, derive(facts), text)
            assert draft.flags == [], (report.department, kind, draft.flags)


class NoCall(FakeListChatModel):
    """A chat model that must not be called."""

    def _stream(self, *args, **kwargs):
        raise AssertionError("the model was called")

    def _call(self, *args, **kwargs):
        raise AssertionError("the model was called")


def test_a_met_instruction_is_answered_without_a_model_call(ingested, liwan) -> None:
    two = Draft(KIND, liwan.department, liwan.year, "本部门存在以下问题：\n（一）预算编制不够细化。\n（二）支付进度偏慢。")
    same = Drafter(ingested.library.store, llm=NoCall(responses=["x"])).draft(KIND, liwan, instruction="改成两点", previous=two)
    assert same.text == two.text and same.revisions == []
    assert any("原稿已是2点" in n and "未调用大模型" in n for n in same.notes)
    concise = Draft(KIND, liwan.department, liwan.year, GOOD)
    short = Drafter(ingested.library.store, llm=NoCall(responses=["x"])).draft(KIND, liwan, instruction="更简洁一些",
                                                                 previous=concise)
    assert short.text == GOOD and any("原稿已经简洁" in n for n in short.notes)


def test_a_revision_may_drop_a_derived_figure_but_not_a_given_one(ingested, liwan) -> None:
    first = Drafter(ingested.library.store, llm=fake(GOOD)).draft(KIND, liwan)
    no_share = GOOD.replace("，占支出总额的96.04%", "")  # 96.04% is computed, not given
    assert verify(KIND, liwan, derive(liwan), no_share, previous=first).clean
    swapped = GOOD.replace("3168.61", "3100")
    revised = Drafter(ingested.library.store, llm=fake(swapped)).draft(KIND, liwan, instruction="语气更正式", previous=first)
    assert revised.text == GOOD and revised.revisions == []  # the previous text stands
    assert any("修改稿缺少原稿中的数字“3168.61”" in n for n in revised.notes)


def test_figures_replaced_by_symbols_never_replace_a_good_draft(ingested, liwan) -> None:
    first = Drafter(ingested.library.store, llm=fake(GOOD)).draft(KIND, liwan)
    crossed = ("2023年度，本部门全年预算数×万元，执行数×万元，预算执行率为×%。"
               "按支出性质分，基本支出×万元，占支出总额的×%；项目支出×万元。")
    revised = Drafter(ingested.library.store, llm=fake(crossed)).draft(KIND, liwan, instruction="换一种写法", previous=first)
    assert revised.text == GOOD and revised.clean and revised.revisions == []
    assert any("数字被占位符号代替" in n for n in revised.notes)
    assert any("保留原稿" in n for n in revised.notes)
    assert not any(n.startswith("未使用大模型") for n in revised.notes)  # the model was used
