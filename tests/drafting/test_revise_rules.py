"""Revisions by rule (the model off) and the check of a model's revision against its
instruction: each common instruction changes the text as asked or says why it cannot."""

from __future__ import annotations

from assistant.drafting.derived import derive
from assistant.drafting.facts_file import facts_from_mapping
from assistant.drafting.revise import revise_by_rules, unmet
from assistant.drafting.text import parse

FACTS = facts_from_mapping({"department": "某市教育局", "year": 2023,
                            "figures": {"预算数": "5600万元", "支出": "5488万元", "执行率": "98%"}})
PARAGRAPHS = ("2023年度，本局全年预算数5600万元，执行数5488万元。全年资金拨付及时，使用规范。"
              "各科室密切配合，形成了工作合力。\n"
              "本局进一步健全内部控制制度，规范资产管理和政府采购流程，确保资金安全。")
POINTS = ("经自评，本局主要存在以下问题：\n（一）预算编制不够细化，年中调整较多。\n"
          "（二）绩效目标设置不够具体。\n（三）部分项目支付进度偏慢。\n（四）绩效自评质量有待提高。")


def revise(text: str, instruction: str):
    return revise_by_rules(text, instruction, FACTS, derive(FACTS))


def test_shorter_drops_secondary_sentences_and_keeps_figures() -> None:
    out = revise(PARAGRAPHS, "更简洁一些")
    assert out.text == ("2023年度，本局全年预算数5600万元，执行数5488万元。\n"
                        "本局进一步健全内部控制制度，规范资产管理和政府采购流程，确保资金安全。")
    assert out.applied and not out.notes


def test_shorter_drops_middle_clauses_when_every_sentence_counts() -> None:
    text = "本局进一步健全内部控制制度，规范资产管理和政府采购流程，严格财务审批，确保资金安全。"
    out = revise(text, "精简一点")
    assert out.text == "本局进一步健全内部控制制度，确保资金安全。"
    assert out.applied == ["精简：删去长句中不含数字的次要分句"]


def test_nothing_to_shorten_is_said() -> None:
    out = revise("本局全年预算数5600万元。", "更简洁一些")
    assert out.text == "本局全年预算数5600万元。" and not out.applied
    assert out.notes and "未改动" in out.notes[0]


def test_n_points_regroups_into_that_many() -> None:
    out = revise(POINTS, "改成三点")
    body = parse(out.text)
    assert len(body.points) == 3 and out.applied == ["调整为3点"]
    assert body.points[0] == "预算编制不够细化，年中调整较多；绩效目标设置不够具体。"
    two = parse(revise(PARAGRAPHS, "分为两点").text)  # paragraphs become the points
    assert len(two.points) == 2


def test_adding_a_figure_states_it_from_the_facts() -> None:
    out = revise(PARAGRAPHS, "加上预算执行率")
    assert "本局全年预算数5600万元，执行数5488万元。" in out.text
    assert "本部门预算执行率为98%。" in out.text and out.applied == ["增加预算执行率（98%）"]
    again = revise(out.text, "加上预算执行率")
    assert again.text == out.text and "原稿已写明预算执行率" in again.notes[0]
    missing = revise(PARAGRAPHS, "加上基本支出")
    assert "【待补充：基本支出】" in missing.text


def test_formal_tone_and_unknown_instructions() -> None:
    out = revise("我们非常重视绩效管理工作。", "语气正式一些")
    assert out.text == "本部门十分重视绩效管理工作。"
    unknown = revise(PARAGRAPHS, "换一种写法")
    assert unknown.text == PARAGRAPHS and "无法按“换一种写法”修改" in unknown.notes[0]


def test_unmet_judges_a_models_revision() -> None:
    assert unmet("更简洁一些", PARAGRAPHS, PARAGRAPHS) == ["修改后的文字与原稿相同"]
    assert unmet("改成三点", POINTS, POINTS.replace("（四）绩效自评质量有待提高。", "")) == []
    assert unmet("改成两点", POINTS, POINTS.replace("（四）绩效自评质量有待提高。", "")) == ["要求两点，修改稿为3点"]
    assert unmet("更简洁一些", PARAGRAPHS, PARAGRAPHS + "此外还有其他工作。") == ["要求更简洁，修改稿没有变短"]
    assert unmet("语气正式一些", "我们做了工作。", "我们认真做了工作。") == ["修改稿仍有口语词"]
    assert unmet("删除第二点", POINTS, POINTS.replace("（二）绩效目标设置不够具体。\n", "")) == []


def test_an_instruction_already_met_is_said_without_a_model() -> None:
    from assistant.drafting.revise import already_met

    two = "本局存在以下问题：\n（一）预算编制不够细化。\n（二）支付进度偏慢。"
    assert "原稿已是2点" in already_met("改成两点", two)
    assert already_met("改成三点", two) is None
    concise = "本局全年预算数5600万元，执行数5488万元。"
    assert "原稿已经简洁" in already_met("更简洁一些", concise)
    assert already_met("更简洁一些", PARAGRAPHS) is None  # sentences without figures can go
    assert already_met("更简洁一些", concise * 12) is None  # long: the model may reword it
    assert already_met("换一种写法", concise) is None
