"""The tabs' handlers, called as gradio calls them (no server): chat, compare, library, draft."""

from __future__ import annotations

import json
from pathlib import Path

import gradio as gr
import pytest

from assistant.factory import build_assistant
from tests.conftest import CORPUS, sample
from tests.ui import fakes as ui_fakes
from ui import draft_facts
from ui.chat_tab import ChatTab, example_questions
from ui.compare_tab import CompareTab
from ui.draft_tab import DraftTab
from ui.library_tab import LibraryTab


def last(gen):
    out = None
    for item in gen:
        out = item
    return out


def test_chat_streams_answer_then_sources_and_follow_up(ingested) -> None:
    chat = ChatTab(ingested)
    steps = list(chat.respond("荔湾区政府办2023年的执行率是多少？", [], None))
    _, history, conversation = steps[0]
    assert history[-1]["content"].startswith("正在查找资料")  # shown at once
    box, history, conversation = steps[-1]
    assert box == "" and [m["role"] for m in history] == ["user", "assistant", "assistant"]
    assert "99.6%" in history[1]["content"]
    assert history[2]["metadata"]["title"].startswith("来源与原文")
    assert "<mark>99.6%</mark>" in history[2]["content"]
    _, history, _ = last(chat.respond("番禺区委办呢？", history, conversation))
    assert "95.53%" in history[-2]["content"] and len(history) == 6


def test_comparison_question_gets_the_table_inline(ingested) -> None:
    _, history, _ = last(ChatTab(ingested).respond("比较各部门的预算执行率", [], None))
    answer = history[1]["content"]
    assert "| 部门 | 年度 | 指标 | 数值 | 原文 |" in answer and "| 番禺区委办 | 2023 | 执行率 | 95.53% |" in answer


def test_chat_errors_become_a_message(ingested, monkeypatch) -> None:
    chat = ChatTab(ingested)
    monkeypatch.setattr(type(ingested.qa), "stream", lambda *a, **k: iter(_boom()))
    _, history, _ = last(chat.respond("番禺区政府办2022年基本支出有多少？", [], None))
    assert history[-1]["content"] == "⚠ 操作失败：RuntimeError：索引损坏"


def _boom():
    raise RuntimeError("索引损坏")
    yield  # pragma: no cover


def test_example_questions_name_indexed_departments(ingested) -> None:
    questions = example_questions(ingested.reports())
    assert questions[0] == "番禺区政府办2022年基本支出有多少？" and "比较各部门的预算执行率" in questions
    answer = ingested.qa.ask(questions[0])
    assert not answer.abstained and "3246.07" in answer.text


def test_compare_tab_table_chart_and_csv(ingested, tmp_path) -> None:
    tab = CompareTab(ingested, tmp_path)
    summary, table, plot, download, _ = tab.run("自评得分", [], [2023])
    assert list(table["数值"]) == ["97.8分", "97.23分", "未披露"]
    assert "未披露：荔湾区政府办 2023" in summary
    assert list(plot["value"]["数值"]) == [97.8, 97.23]  # the missing one is not drawn
    csv = Path(download["value"]).read_text(encoding="utf-8")
    assert csv.startswith("\ufeff部门,年度,指标,数值,原文,文件") and "未披露" in csv


def test_compare_tab_from_a_question(ingested, tmp_path) -> None:
    tab = CompareTab(ingested, tmp_path)
    summary, table, *_ = tab.run("", [], [], "比较各部门的预算执行率")
    assert len(table) == 5 and summary.startswith("**执行率**")
    summary, *rest = tab.run("", [], [], "你好")  # said in the page, outputs left as they were
    assert summary.startswith("⚠ 没能从问题中识别出要对比的指标") and rest[0] == {"__type__": "update"}
    with pytest.raises(gr.Error, match="请选择一个指标"):
        tab.compare_api()


def test_library_ingest_reports_each_file_and_keeps_the_rest(settings, tmp_path) -> None:
    assistant = build_assistant(settings.with_(max_file_mb=0.05))
    tab = LibraryTab(assistant)
    empty = tmp_path / "空白.txt"
    empty.write_text("", encoding="utf-8")
    big = tmp_path / "太大.txt"
    big.write_text("一" * 40_000, encoding="utf-8")
    other = tmp_path / "说明.key"
    other.write_bytes(b"x")
    steps = []
    results = tab.ingest_files([str(empty), str(sample("002")), str(big), str(other)],
                               progress=lambda frac, desc="": steps.append(desc))
    by_file = {r["file"]: r for r in results}
    assert by_file[sample("002").name]["status"] == "added"
    assert by_file["空白.txt"]["status"] == "failed"
    assert "超过上限 0.05 MB" in by_file["太大.txt"]["message"]
    assert "不支持的文件类型 .key" in by_file["说明.key"]["message"]
    assert steps[-1] == "导入完成" and any("正在导入" in s for s in steps)
    table = tab.report_table()
    assert list(table.columns) == ["部门", "年度", "文件", "分块数", "事实数", "一致性提示"]
    assert table.iloc[0]["部门"] == "广州市荔湾区人民政府办公室"
    note, facts = tab.facts_view(sample("002").name)
    assert "数字事实" in note and "99.6%" in set(facts["数值"])
    status, table, *_ = tab.on_remove(sample("002").name)
    assert status.startswith("已删除") and table.empty


def test_library_messages_explain_failures_in_chinese(settings, tmp_path) -> None:
    tab = LibraryTab(build_assistant(settings))
    empty = tmp_path / "空白.txt"
    empty.write_text("", encoding="utf-8")
    status, *_ = tab.on_ingest([str(empty)], progress=lambda *a, **k: None)
    assert "成功 0 个，失败 1 个" in status and "✗ 失败 **空白.txt**：文件为空" in status


@pytest.fixture
def draft_tab(ingested, tmp_path) -> DraftTab:
    return DraftTab(ui_fakes.FakeDrafting(ingested), tmp_path)


def test_draft_from_store_generate_revise_and_download(draft_tab) -> None:
    *form, source, note = draft_tab.load_report("002_cd3852ef0e2c6df8.txt")
    assert form[0] == "广州市荔湾区人民政府办公室" and form[1] == 2023 and "已载入" in note
    assert "执行率" in set(form[2]["名称"])
    steps = list(draft_tab.generate("部门整体收支情况", *form, source))
    assert steps[0][0].startswith("正在起草") and steps[1][0].endswith("▌")  # streams
    text, checks, draft, docx, md = steps[-1]
    assert "99.6%" in text and checks.startswith("✓ 核验通过")
    assert Path(docx["value"]).suffix == ".docx" and Path(md["value"]).read_text(encoding="utf-8").startswith("# 部门整体收支情况")
    text, *_ = last(draft_tab.revise("更简洁一些", draft, "部门整体收支情况", *form, source))
    assert text.startswith("（已按要求修改：更简洁一些）")


def test_draft_blank_form_shows_placeholders_and_edits_count(draft_tab) -> None:
    *form, source, _ = draft_tab.blank()
    form[0] = "某区财政局"
    text, checks, *_ = last(draft_tab.generate("部门整体收支情况", *form, source))
    assert "<mark>【待补充：主要数字】</mark>" in text and "待补充（1）" in checks
    form[2].loc[0, "数值（含单位）"] = "1200.5万元"
    facts = draft_facts.from_form(*form)
    assert facts.figures == {"预算数": {"value": 1200.5, "unit": "万元", "text": "1200.5万元", "source": ""}}
    text, *_ = last(draft_tab.generate("部门整体收支情况", "", *form[1:], source))
    assert text == "⚠ 请填写部门名称。"
    text, *_ = last(draft_tab.revise("", None, "部门整体收支情况", *form, source))
    assert text == "⚠ 请先生成一版草稿，再提出修改要求。"


def test_draft_facts_file_errors_are_shown(draft_tab, tmp_path) -> None:
    good = tmp_path / "facts.json"
    good.write_text(json.dumps({"department": "某区财政局", "year": 2024, "problems": ["甲"]},
                               ensure_ascii=False), encoding="utf-8")
    *form, source, note = draft_tab.load_file(str(good))
    assert form[0] == "某区财政局" and form[5] == "甲"
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    *_, note = draft_tab.load_file(str(bad))
    assert note == "⚠ 事实文件有误：bad.json: missing field 'department'"


def test_corpus_is_where_the_tests_expect() -> None:
    assert (CORPUS / sample("002").name).exists()


def test_the_upload_accepts_what_the_loader_reads() -> None:
    from assistant.ingest.load import SUPPORTED_SUFFIXES
    from ui.library_tab import SUPPORTED

    assert SUPPORTED == SUPPORTED_SUFFIXES
