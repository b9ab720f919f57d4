"""What keeps a whole report and a revision fast: token limits sized to the text, no second
generation where it would fail the same way, exact revisions done by rule without a model
call, and the local model's per-call costs recorded for the benchmarks. Fake models only."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.drafting import budget
from assistant.drafting.chain import DraftChain, verify, worth_retry
from assistant.drafting.derived import derive
from assistant.drafting.facts_file import facts_from_mapping
from assistant.drafting.revise import exact_by_rules
from assistant.drafting.templates import template_text
from assistant.models.llm import LocalGGUFChat, call_stats
from assistant.text.output_guard import Problem

KIND = "部门整体收支情况"
FACTS = {"department": "某市林业局", "year": 2024,
         "figures": {"预算数": "860.2万元", "支出": "842.6万元", "执行率": "97.95%",
                     "基本支出": "610.4万元", "项目支出": "232.2万元"}}
GOOD = ("2024年度，本局全年预算数860.2万元，执行数842.6万元，预算执行率为97.95%。"
        "其中基本支出610.4万元，项目支出232.2万元。")
CUT = "2024年度，本局全年预算数860.2万元，执行数842.6万元，预算执行率为97.95%，其中基本支出610"
POINTS = "（一）完善预算编制，细化项目测算。\n（二）加强支出进度管理，按月通报。\n（三）推进绩效结果应用。"


def facts():
    return facts_from_mapping(FACTS)


def test_token_limits_follow_the_length_of_the_text() -> None:
    short, long = budget.polish_tokens("预" * 60), budget.polish_tokens("预" * 500)
    assert budget.MIN_TOKENS <= short < long <= budget.MAX_TOKENS
    assert budget.polish_tokens("预" * 5000) == budget.MAX_TOKENS
    assert budget.polish_tokens("预" * 500, cap=90) == 90  # the caller's cap wins
    text = "预算执行" * 120
    assert budget.revision_tokens(text, shorter=True) < budget.revision_tokens(text, shorter=False)
    assert budget.revision_tokens(text, shorter=True) < budget.tokens(len(text))


def test_only_accidents_of_sampling_are_retried() -> None:
    assert worth_retry([Problem("loop", "文字循环重复")])
    assert worth_retry([Problem("echo", "输出中含有提示词")])
    assert not worth_retry([Problem("cut", "结尾不完整")])
    assert not worth_retry([])  # a content rejection (points lost, instruction not met)


def test_a_text_cut_at_the_limit_is_not_generated_again() -> None:
    f = facts()
    llm = FakeListChatModel(responses=[CUT, GOOD])
    draft = DraftChain(llm=llm).invoke({"kind": KIND, "facts": f})
    assert llm.i == 1  # one generation only
    assert draft.text == template_text(KIND, f, derive(f)) and draft.clean
    assert any(n.startswith("第一次生成未采用：结尾不完整") for n in draft.notes)
    assert not any(n.startswith("第二次") for n in draft.notes)


def test_an_unmet_revision_falls_back_to_the_rules_after_one_call() -> None:
    f = facts()
    first = DraftChain(llm=FakeListChatModel(responses=[GOOD + "全年资金使用规范有序。"])).invoke(
        {"kind": KIND, "facts": f})
    llm = FakeListChatModel(responses=[first.text, GOOD])  # the first reply is the text unchanged
    revised = DraftChain(llm=llm).invoke({"kind": KIND, "facts": f, "instruction": "更简洁一些",
                                          "previous": first})
    assert llm.i == 1 and revised.text == GOOD  # the rules shortened it, not a second call
    assert any(n.startswith("大模型的修改未被采用，已按规则修改") for n in revised.notes)


def test_instructions_the_rules_do_exactly_are_recognised() -> None:
    assert exact_by_rules("删除第二点")
    assert exact_by_rules("请删除第3条")
    assert exact_by_rules("加一条关于资产管理的问题")
    assert exact_by_rules("加上预算执行率")
    assert not exact_by_rules("删除第二点，并写得更生动")
    assert not exact_by_rules("更简洁一些")
    assert not exact_by_rules("改成两点")
    assert not exact_by_rules("换一种写法")


def test_an_exact_revision_needs_no_model_call() -> None:
    f = facts()
    first = verify("下一步改进措施", f, derive(f), POINTS)
    llm = FakeListChatModel(responses=["（一）不该用到的模型文字。"])
    revised = DraftChain(llm=llm).invoke({"kind": "下一步改进措施", "facts": f,
                                          "instruction": "删除第二点", "previous": first})
    assert llm.i == 0  # no model call
    assert "支出进度" not in revised.text and "绩效结果应用" in revised.text
    assert revised.revisions == ["删除第二点"]
    assert any("未调用大模型" in n for n in revised.notes)


def test_the_local_model_records_what_each_call_cost() -> None:
    info = {"finish_reason": "length",
            "timings": {"prompt_n": 120, "cache_n": 380, "predicted_n": 200, "prompt_ms": 2400.4,
                        "predicted_ms": 20000.6}}
    stats = call_stats(info, {"max_tokens": 200}, 23.456)
    assert stats == {"prompt_n": 120, "cache_n": 380, "predicted_n": 200, "prompt_ms": 2400,
                     "predicted_ms": 20001, "max_tokens": 200, "finish_reason": "length",
                     "seconds": 23.46}

    class Server:
        def handle_chat_completions(self, body, callback) -> None:
            callback({"choices": [{"index": 0, "delta": {"content": GOOD}, "finish_reason": None}]})
            callback({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                      "timings": info["timings"]})

    llm = LocalGGUFChat(model_path="/nonexistent.gguf", max_tokens=64)
    llm._server = Server()
    assert llm.invoke("你好").content == GOOD
    assert [(c["cache_n"], c["max_tokens"], c["finish_reason"]) for c in llm.calls] == [(380, 64, "stop")]
