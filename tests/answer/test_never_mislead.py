"""Answers that never mislead: a figure the facts table misses is quoted from the text; a
related but different item is named as such and the question declined; a model's figure is
bound to the department and item it is said of; figures the checks flag carry a warning;
the CLI prints every answer it computes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer.chain import QA
from assistant.answer.evidence.statements import Asked, related_item, states
from assistant.cli.main import main
from assistant.factory import build_assistant
from assistant.settings import Settings
from assistant.text.numbers import number_values

EAST = """东湖区水务局2023年度部门整体支出绩效自评报告
一、部门基本情况
本局内设机构5个，在职人员42人，退休人员18人。
二、部门整体支出情况
2023年全年预算数1,200.50万元，执行数1,150.20万元，预算执行率95.81%。其中基本支出800.00万元，项目支出350.20万元。
政府采购支出总额120.5万元，其中授予中小企业合同金额100万元。
河道保洁项目年初安排资金60万元，年中追加至75万元，全年实际拨付72万元。
三、存在的问题
部分项目前期论证不充分。
"""
WEST = """西山区水务局2023年度部门整体支出绩效自评报告
一、部门基本情况
本局内设机构4个，在职人员30人。
二、部门整体支出情况
2023年全年预算数900.00万元，执行数880.00万元，预算执行率97.78%。
三、存在的问题
绩效目标设置不够细化。
"""
SOUTH = """南湖区文化馆2023年度部门整体支出绩效自评报告
一、部门基本情况
本馆在职人员25人，退休人员9人。
二、部门整体支出情况
2023年全年预算数500.00万元，执行数450.00万元，预算执行率95.00%。
全年“三公”经费（因公出国费、公务接待费、公务用车费）实际开支2.35万元。
三、存在的问题
部分项目前期论证不充分。
"""


@pytest.fixture()
def assistant(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("JIXIAO_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("JIXIAO_LLM", "none")
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(tmp_path / "data"))
    paths = []
    for name, text in (("east.txt", EAST), ("west.txt", WEST), ("south.txt", SOUTH)):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    a = build_assistant(Settings.from_env())
    a.ingest(paths)
    return a


def _qa(assistant, response: str) -> QA:
    qa = QA(assistant.library, llm=FakeListChatModel(responses=[response]), backend="fake")
    qa.retriever.use_dense = False  # fake vectors rank at random
    return qa


# 1. never claim absence the text contradicts -------------------------------------------------
def test_a_figure_the_facts_table_misses_is_quoted_from_the_text(assistant) -> None:
    facts = assistant.library.store.facts()
    assert not any(f.metric == "三公经费" for f in facts)  # the table reads it otherwise
    a = assistant.ask("南湖区文化馆2023年“三公”经费是多少？")
    assert not a.abstained and a.route == "text"
    assert "2.35万元" in a.text
    [c] = a.citations
    assert "2.35万元" in c.quote and c.file == "south.txt"


def test_an_odd_phrasing_is_answered_from_the_sentence_that_states_it(assistant) -> None:
    a = assistant.ask("东湖区水务局2023年河道保洁项目实际拨付了多少？")
    assert not a.abstained and "72万元" in a.text
    assert a.citations and "实际拨付72万元" in a.citations[0].quote


def test_an_item_no_sentence_states_is_still_declined(assistant) -> None:
    a = assistant.ask("东湖区水务局2023年的土地出让收入是多少？")
    assert a.abstained and not number_values(a.text)


# 2. a related item is not the answer -----------------------------------------------------------
@pytest.mark.parametrize("question, related", [
    ("东湖区水务局2023年离休人员有多少？", "退休人员"),
    ("东湖区水务局2023年政府采购预算是多少？", "政府采购支出"),
])
def test_a_related_item_is_named_and_the_question_declined(assistant, question, related) -> None:
    a = assistant.ask(question)
    assert a.abstained
    assert f"报告只给出了{related}" in a.text and "没有给出" in a.text
    assert not number_values(a.text)  # the decline states no figure; the citation shows it
    assert a.citations and related in a.citations[0].quote


def test_statement_and_related_item_by_their_words() -> None:
    asked = Asked("离休人员", ("离休", "人员"), {}, "people")
    assert related_item(asked, "在职人员42人，退休人员18人。") == "退休人员"
    assert not states(asked, "在职人员42人，退休人员18人。")
    assert states(asked, "离休人员3人，退休人员18人。")
    assert not states(asked, "离休人员情况见附表。")  # no figure
    budget = Asked("政府采购预算", ("政府", "采购", "政府采购", "预算"), {}, "money")
    assert related_item(budget, "政府采购支出总额120.5万元。") == "政府采购支出"
    assert related_item(budget, "项目支出总额120.5万元。") == ""  # more than one word differs


# 3. bind every figure to its department and item ----------------------------------------------
QUESTION = "这些报告里哪个部门的预算执行率最低，为什么？"


def test_a_model_figure_of_another_department_is_flagged(assistant) -> None:
    a = _qa(assistant, "东湖区水务局的预算执行率最低，为97.78%。").ask(QUESTION)
    assert "97.78%（⚠未核实）" in a.text or "97.78（⚠未核实）%" in a.text
    assert a.flags and any("西山区水务局" in f for f in a.flags)


def test_a_model_figure_of_its_own_department_is_verified(assistant) -> None:
    a = _qa(assistant, "西山区水务局的预算执行率为97.78%，东湖区水务局为95.81%。").ask(QUESTION)
    assert a.flags == [] and "⚠" not in a.text
    assert {c.file for c in a.citations} >= {"east.txt", "west.txt"}  # the sentences used


def test_a_model_figure_moved_onto_another_item_is_flagged(assistant) -> None:
    a = _qa(assistant, "东湖区水务局的基本支出为350.20万元。").ask("东湖区水务局2023年为什么支出没有全部执行？")
    assert "350.20（⚠未核实）" in a.text
    assert any("项目支出" in f for f in a.flags)


def test_a_model_answer_without_marks_still_carries_its_citations(assistant) -> None:
    a = _qa(assistant, "东湖区水务局存在项目前期论证不充分的问题。").ask("东湖区水务局2023年为什么存在问题？")
    assert not a.abstained and a.citations


# 4. figures the checks flag -----------------------------------------------------------------
def test_a_figure_the_checks_flag_is_marked_next_to_it(assistant) -> None:
    a = assistant.ask("南湖区文化馆2023年预算执行率是多少？")
    assert "95.00%（⚠ 报告中该数字与" in a.text and "不一致）" in a.text
    assert any("90.00%" in f for f in a.flags)
    clean = assistant.ask("西山区水务局2023年预算执行率是多少？")
    assert "⚠" not in clean.text and clean.flags == []


# 5. the CLI prints every answer ---------------------------------------------------------------
def test_cli_prints_a_retrieval_answer_without_a_model(assistant) -> None:
    result = CliRunner().invoke(main, ["ask", "东湖区水务局2023年存在哪些不足，原因是什么？"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    body = result.output.split("[1]")[0]
    assert "前期论证不充分" in body  # the answer itself, not only the sources


def test_each_number_is_said_of_the_department_named_before_it() -> None:
    from assistant.answer.evidence.binding import attributions

    names = [("东湖区水务局", "东湖区水务局"), ("西山区水务局", "西山区水务局")]
    got = [(raw, set(who)) for raw, _, _, who in attributions(
        "东湖区水务局为95.81%，西山区水务局为97.78%。其执行数为880万元。", names, ["默认"])]
    assert got == [("95.81", {"东湖区水务局"}), ("97.78", {"西山区水务局"}),
                   ("880", {"西山区水务局"})]


def test_a_unit_slip_marks_the_amount_not_the_count() -> None:
    from assistant.answer.evidence.binding import inconsistency_notes
    from assistant.facts.checks import Finding, Source

    finding = Finding("r", "unit", "金额单位疑应为万元", (
        Source("慰问人数", "", "120人", "", 0, 0), Source("慰问标准", "", "300元/人", "", 0, 0),
        Source("资金", "", "3.6元", "", 0, 0)))
    text, flags = inconsistency_notes("慰问120人，资金3.6元。", ["r"], [finding])
    assert "120人（⚠" not in text
    assert "3.6元（⚠ 单位疑有误：120人 × 300元/人 = 36000元，即3.6万元）" in text
    assert flags == ["金额单位疑应为万元"]
    untouched, none = inconsistency_notes("慰问120人，资金3.6元。", ["other"], [finding])
    assert untouched == "慰问120人，资金3.6元。" and none == []


NO_FIGURE = """某区档案馆2023年度部门整体支出绩效自评报告
一、部门基本情况
本馆建立馆领导、科室负责人员、值班人员三级值班制度，确保档案安全。
二、部门整体支出情况
全年预算数 600.00万元，执行数 590.00万元，预算执行率 98.33%。
"""


def test_a_figure_question_never_gets_a_sentence_that_states_no_figure(tmp_path,
                                                                       monkeypatch) -> None:
    from tests.answer.test_facts_route_subjects import _assistant

    a = _assistant(tmp_path, monkeypatch, {"dag.txt": NO_FIGURE})
    answer = a.ask("某区档案馆2023年的离休人员有多少人？")
    assert answer.abstained, answer.text
    assert "值班" not in answer.text


def test_a_note_only_on_the_very_fact_the_answer_cites_and_once() -> None:
    from assistant.answer.evidence.binding import inconsistency_notes
    from assistant.facts.checks import Finding, Source

    finding = Finding("r", "rate", "执行率写作 98.00%，但执行数/预算数 = 96.00%", (
        Source("预算数", "", "500.00万元", "预算数500.00万元", 0, 10),
        Source("支出", "", "480.00万元", "执行数480.00万元", 20, 30),
        Source("执行率", "", "98.00%", "执行率98.00%", 40, 50)))
    answer = "预算数500.00万元，执行数480.00万元，执行率98.00%。"
    # the answer cites the statement of the rate: one note, at the first figure it involves
    text, flags = inconsistency_notes(answer, ["r"], [finding], shown=[("r", 40, 50)])
    assert text.count("⚠") == 1 and "98.00%（⚠" in text and flags == [finding.message]
    # a sentence stating all three: one note, on the stated rate the finding is about
    whole, _ = inconsistency_notes(answer, ["r"], [finding], shown=[("r", 0, 50)])
    assert whole.count("⚠") == 1 and "98.00%（⚠" in whole
    # an answer showing only the budget the rate is computed from: no note
    budget, _ = inconsistency_notes("预算数500.00万元。", ["r"], [finding], shown=[("r", 0, 10)])
    assert "⚠" not in budget
    # another subject's figure with the same value, cited elsewhere in the report: no note
    other, none = inconsistency_notes("执行率98.00%。", ["r"], [finding], shown=[("r", 100, 120)])
    assert "⚠" not in other and none == []


def test_a_conflict_note_quotes_the_other_statement() -> None:
    from assistant.answer.evidence.binding import inconsistency_notes
    from assistant.facts.checks import Finding, Source

    finding = Finding("r", "conflict", "部门预算数在报告中有不同数值：800万元、850万元", (
        Source("预算数", "", "800万元", "本部门全年预算数800万元，执行数760万元。", 0, 20),
        Source("预算数", "", "850万元", "经核实，本部门全年预算数（调整后）850万元。", 40, 62)))
    text, _ = inconsistency_notes("预算数为800万元。", ["r"], [finding], shown=[("r", 0, 20)])
    assert "800万元（⚠ 报告另一处写作“本部门全年预算数〔调整后〕850万元”，与该数字不一致）" in text


def test_a_conflict_within_the_one_sentence_shown_gets_no_another_place_note() -> None:
    from assistant.answer.evidence.binding import inconsistency_notes
    from assistant.facts.checks import Finding, Source

    finding = Finding("r", "conflict", "部门预算数在报告中有不同数值：60万元、900万元", (
        Source("预算数", "", "60万元", "压减会议费等预算60万元", 0, 11),
        Source("预算数", "", "900万元", "调整后预算为900万元", 12, 23)))
    sentence = "年中压减会议费等预算60万元，调整后预算为900万元。"
    text, flags = inconsistency_notes(sentence, ["r"], [finding], shown=[("r", 0, 24)])
    assert "⚠" not in text and flags == []
    apart, _ = inconsistency_notes("压减会议费等预算60万元。", ["r"], [finding], shown=[("r", 0, 11)])
    assert "另一处" in apart  # shown alone, the other statement is elsewhere


def test_a_sum_finding_notes_the_stated_total_not_a_part() -> None:
    from assistant.answer.evidence.binding import inconsistency_notes
    from assistant.facts.checks import Finding, Source

    finding = Finding("r", "sum", "支出合计写作 300.00万元，但各项目支出之和 100.00 + 190.00 = 290.00万元", (
        Source("支出", "甲项目", "100.00万元", "甲项目 | 100.00", 0, 10),
        Source("支出", "乙项目", "190.00万元", "乙项目 | 190.00", 20, 30),
        Source("支出", "合计", "300.00万元", "合计 | 300.00", 40, 50)))
    # a project row's figure: no note listing the other rows
    row, _ = inconsistency_notes("甲项目支出100.00万元。", ["r"], [finding], shown=[("r", 0, 10)])
    assert "⚠" not in row
    total, flags = inconsistency_notes("合计支出300.00万元。", ["r"], [finding], shown=[("r", 40, 50)])
    assert "300.00万元（⚠" in total and flags == [finding.message]


def test_one_figure_stated_in_yuan_and_in_wan_is_no_other_figure(tmp_path: Path, monkeypatch) -> None:
    from tests.answer.library import ingested
    report = ("北岭县林业局2024年度部门整体支出绩效自评报告\n一、部门收支情况\n"
              "2024年全年预算数2,513.18万元，全年执行数2,388.77万元，预算执行率95.05%。\n"
              "表1 资金来源（单位：元）\n资金来源 | 全年预算数 | 执行数 | 执行率\n"
              "合计 | 25,131,842.10 | 23,887,719.63 | 95.05%\n")
    a = ingested(tmp_path, monkeypatch, {"lin.txt": report})
    answer = a.ask("北岭县林业局2024年全年预算数是多少？")
    assert "2,513.18" in answer.text or "25,131,842.10" in answer.text
    assert "另有不同数字" not in answer.text
