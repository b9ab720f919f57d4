"""存在的主要问题 / 下一步改进措施 as report prose: each point a paragraph with what, why or
effect (the report's own sentence, else the facts on its topic), and what will be done."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.drafting.chain import DraftChain
from assistant.drafting.derived import derive
from assistant.drafting.expand import pair
from assistant.drafting.facts_file import facts_from_mapping
from assistant.drafting.templates import template_text
from assistant.drafting.text import parse

FACTS = {"department": "某县卫生健康局", "year": 2023,
         "figures": {"预算数": "2400万元", "支出": "2280万元", "执行率": "95%"},
         "projects": [{"name": "基层医疗设备购置", "budget": 300, "spent": 240, "rate": 80}],
         "problems": ["部分项目支付进度偏慢", "绩效目标设置不够细化", "无"],
         "measures": ["细化绩效目标，设置可衡量的产出和效益指标", "加快项目支付进度，按月通报执行情况"]}
CONTEXT = ["全县卫生系统运转正常。",
           "由于设备采购招标延期，项目支付进度偏慢，导致资金滞留。",
           "因采购价格下降，节约资金12万元。"]  # 12 is not a given figure: not quoted


def facts():
    return facts_from_mapping(FACTS)


def test_problems_become_paragraphs_with_cause_and_measure() -> None:
    f = facts()
    text = template_text("存在的主要问题", f, derive(f), context=CONTEXT)
    body = parse(text)
    assert body.head == ["经自评，本部门主要存在以下问题："]
    first, second, third = body.points
    assert first == ("部分项目支付进度偏慢。由于设备采购招标延期，项目支付进度偏慢，导致资金滞留。"
                     "对此，下一步将加快项目支付进度，按月通报执行情况。")
    assert second.startswith("绩效目标设置不够细化。")
    assert second.endswith("对此，下一步将细化绩效目标，设置可衡量的产出和效益指标。")
    assert third == "无。"
    assert "12万元" not in text


def test_without_report_text_the_facts_give_the_why() -> None:
    f = facts()
    text = template_text("存在的主要问题", f, derive(f))
    first = parse(text).points[0]
    assert "2023年度，本部门全年预算执行率为95%，其中基层医疗设备购置执行率为80%。" in first


def test_measures_name_the_problem_they_answer() -> None:
    f = facts()
    body = parse(template_text("下一步改进措施", f, derive(f), context=CONTEXT))
    assert body.points == [
        "细化绩效目标。针对“绩效目标设置不够细化”的问题，本部门将设置可衡量的产出和效益指标。",
        "加快项目支付进度。针对“部分项目支付进度偏慢”的问题，本部门将按月通报执行情况。"]


def test_pairs_share_words_and_a_measure_is_used_once() -> None:
    assert pair(["支付进度偏慢", "目标不够细化"], ["细化目标", "加快支付进度"]) == {0: 1, 1: 0}
    assert pair(["支付进度偏慢", "支付进度不均衡"], ["加快支付进度"]) in ({0: 0}, {1: 0})


def test_the_models_polish_must_keep_every_point() -> None:
    f = facts()
    expanded = template_text("存在的主要问题", f, derive(f))
    dropped = "经自评，本部门主要存在以下问题：\n（一）部分项目支付进度偏慢。"
    draft = DraftChain(llm=FakeListChatModel(responses=[dropped, dropped])).invoke(
        {"kind": "存在的主要问题", "facts": f})
    assert draft.text == expanded and draft.clean
    assert any("润色稿只有1点，原有3点" in n for n in draft.notes)
