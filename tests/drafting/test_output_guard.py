"""The one guard for model text (assistant/text/output_guard): loops, cut-off endings,
echoed prompt lines, sentences about the text itself and placeholder symbols where a figure
stood; answers and drafts call the same `guard`."""

from __future__ import annotations

from assistant.text.output_guard import (
    Problem,
    drop_meta,
    guard,
    meta_sentence,
    placeholder_symbols,
    repair_ending,
)

PROMPT = "任务：为{department}撰写一节。\n请根据要点写出本节正文，语言规范、简洁，不要解释。"
CLEAN = "2022年度，本中心全年预算数842.6万元，支出817.3万元。资金使用总体规范。"


def kinds(text: str, prompts=(PROMPT,)) -> list[str]:
    return [p.kind for p in guard(text, prompts)]


def test_a_clean_text_passes() -> None:
    assert guard(CLEAN, [PROMPT]) == []
    assert guard("目标值【待补充：目标值】，实际完成值【待补充：实际完成值】。") == []


def test_each_defect_is_named_by_its_kind() -> None:
    assert kinds("加强队伍建设，" * 12 + "。") == ["loop"]
    assert kinds(CLEAN + "下一步本中心将进") == ["cut"]
    assert kinds(CLEAN + "\n任务：写一节。") == ["echo"]
    assert kinds(CLEAN + "以上是本中心“部门概况”一节正文。") == ["meta"]
    assert kinds("全年预算数×万元，支出××万元。") == ["placeholder"]


def test_a_problem_reads_as_its_message() -> None:
    problem = guard(CLEAN + "执行率为XX%。")[0]
    assert isinstance(problem, Problem) and str(problem) == problem.message
    assert "XX%" in problem.message


def test_meta_sentences_and_real_report_sentences() -> None:
    assert meta_sentence("修改后的正文如下：本中心……") is not None
    assert meta_sentence(CLEAN + "希望以上内容对您有所帮助。") is not None
    # report sentences that merely open with 以上 / 这 are no meta sentences
    assert meta_sentence("以上工作取得了明显成效。这一年本中心整体运行平稳。") is None
    text, said = drop_meta(CLEAN + "\n以上为本节正文。")
    assert text == CLEAN and said == ["以上为本节正文。"]
    assert drop_meta(CLEAN) == (CLEAN, [])


def test_placeholder_symbols_only_where_a_figure_stood() -> None:
    assert placeholder_symbols("支出合计为××。") is not None
    assert placeholder_symbols("完成……项培训。") is not None
    assert placeholder_symbols("按照“×××”要求推进工作，成效明显。") is None  # no unit, no 为
    assert placeholder_symbols("缺少【待补充：预算数】万元。") is None


def test_an_ending_can_be_left_to_the_caller() -> None:
    cut = CLEAN + "下一步本中心将进"
    assert [p.kind for p in guard(cut, ending=False)] == []
    assert repair_ending(cut) == CLEAN


def test_sentences_of_a_report_quoted_in_an_answer_are_no_meta_sentences() -> None:
    assert meta_sentence("此次检查内容如下：资金使用规范[1]。") is None
    assert meta_sentence("这体现了对群众诉求的及时回答。") is None
    assert meta_sentence("这是本节的正文。") is not None
    assert guard("根据报告，2023年预算执行率为99.6%[1]。") == []  # an answer may end with its citation
