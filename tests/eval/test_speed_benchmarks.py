"""The pure parts of the speed and guard benchmarks: where a report's time went
(report_bench.profile), and how model_answers reads the prompt's passages, the chain's flags
and a shown sentence that names a department its passages do not support."""

from __future__ import annotations

from benchmarks.model_answers import (
    department_of_label,
    flagged_kinds,
    passages_of,
    written_by_model,
    wrong_department_sentences,
)
from benchmarks.report_bench import profile

NAMES = [("甲市乙区农业农村局", "甲市乙区农业农村局"), ("甲市丙区水务局", "甲市丙区水务局"),
         ("乙区农业局", "甲市乙区农业农村局"), ("丙区水务局", "甲市丙区水务局")]
PROMPT = ("资料：\n[1] （甲市乙区农业农村局2023年｜存在问题）部分项目前期论证不充分，资金结转386.5万元。\n"
          "[2] （甲市丙区水务局2023年｜存在问题）个别工程进度滞后，预算执行率为88.2%。\n\n问题：…")


def test_the_prompt_passages_are_read_with_their_departments() -> None:
    passages = passages_of(PROMPT)
    assert passages[1][0] == "甲市乙区农业农村局" and passages[2][0] == "甲市丙区水务局"
    assert passages[2][1].startswith("个别工程进度滞后")
    assert department_of_label("某县财政局年") == "某县财政局"  # a report without a year


def test_a_sentence_resting_on_another_departments_passage_is_found() -> None:
    passages = passages_of(PROMPT)
    cited = {"甲市乙区农业农村局", "甲市丙区水务局"}
    wrong = wrong_department_sentences("乙区农业局存在工程进度滞后的问题[2]。", passages, cited, NAMES)
    assert [(w["department"], w["flagged"]) for w in wrong] == [("甲市乙区农业农村局", False)]
    marked = "乙区农业局存在工程进度滞后的问题（⚠ 未在该部门报告中找到依据）[2]。"
    assert wrong_department_sentences(marked, passages, cited, NAMES)[0]["flagged"]
    # its own passage, its own figure: nothing wrong
    assert wrong_department_sentences("乙区农业局资金结转386.5万元[1]。", passages, cited, NAMES) == []
    # a figure of the other department's passage
    figure = wrong_department_sentences("丙区水务局资金结转386.5万元。", passages, cited, NAMES)
    assert figure and "386.5" in figure[0]["why"]


def test_the_chains_flags_are_sorted_by_defect() -> None:
    flags = ["模型回答未采用：文字循环重复：“加强管理”出现9次",
             "以下说法未在所述部门的报告中找到依据，已标注：“…”（所引资料是某部门的报告）",
             "已按引用原文恢复数字的限定词：接近100%"]
    assert flagged_kinds(flags) == ["loop", "qualifier_restored", "wrong_department"]
    assert flagged_kinds([]) == []


def test_a_reports_profile_counts_calls_retries_and_cached_tokens() -> None:
    call = {"prompt_n": 500, "cache_n": 200, "predicted_n": 150, "prompt_ms": 5000, "predicted_ms": 15000}
    sections = [{"model_calls": [call, call]}, {"model_calls": [call]}, {"model_calls": []}]
    p = profile(sections)
    assert (p["model_calls"], p["retries"], p["sections_without_model"]) == (3, 1, 1)
    assert (p["prompt_tokens"], p["cached_tokens"], p["output_tokens"]) == (1500, 600, 450)
    assert (p["prompt_s"], p["generate_s"]) == (15.0, 45.0)


def test_only_the_models_own_sentences_are_judged_and_a_year_is_no_figure() -> None:
    passages = {1: ("甲市乙区农业农村局", "乙区农业局年末结转资金386.5万元，主要是工程进度滞后。")}
    shown = ("【第一问】乙区农业局2023年结转多少？\n乙区农业局2023年结转资金为386.5万元，见表3。\n"
             "【第二问】原因是什么？\n乙区农业局结转的原因是工程进度滞后[1]。")
    model = "乙区农业局结转的原因是工程进度滞后[1]。"
    assert wrong_department_sentences(shown, passages, {"甲市乙区农业农村局"}, NAMES, model) == []
    # the model's own sentence with a figure no passage of its department holds is still found
    bad = model.replace("滞后", "滞后，涉及512.3万元")
    wrong = wrong_department_sentences(shown.replace(model, bad), passages, {"甲市乙区农业农村局"}, NAMES, bad)
    assert [w["why"] for w in wrong] == ["数字512.3不在该部门的资料中"]


def test_a_facts_sentence_that_shares_the_items_name_with_the_model_is_not_the_models() -> None:
    model = "隐患整改完成率为96.5%，剩余项目正在整改[1]。"
    facts = "甲市乙区农业农村局“隐患整改完成率”目标值为100%，见表2。"
    assert written_by_model(model.replace("96.5%", "96.5%（⚠未核实）"), model)
    assert not written_by_model(facts, model)
