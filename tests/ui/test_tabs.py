"""The tabs' handlers, called as gradio calls them (no server): chat, compare, library, draft."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import gradio as gr
import pandas as pd
import pytest

from assistant.answer.types import CompareRow
from assistant.factory import build_assistant
from tests.conftest import CORPUS, sample
from tests.ui import fakes as ui_fakes
from ui import draft_facts
from ui.chat_tab import ChatTab, example_questions
from ui.compare_tab import DEFAULT_YEARS, CompareTab, latest_year, one_line
from ui.draft_tab import DraftTab
from ui.library_tab import LibraryTab


def last(gen):
    out = None
    for item in gen:
        out = item
    return out


def test_chat_streams_answer_then_sources_and_follow_up(ingested) -> None:
    chat = ChatTab(ingested)
    steps = list(chat.respond("荔湾区政府办2023年的执行率是多少？"))
    history = steps[0]
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert history[-1]["content"].startswith("正在查找资料")  # shown at once
    history = steps[-1]
    assert [m["role"] for m in history] == ["user", "assistant", "assistant"]
    assert "99.6%" in history[1]["content"]
    assert history[2]["metadata"]["title"].startswith("来源与原文")
    assert "<mark>99.6%</mark>" in history[2]["content"]
    history = last(chat.respond("番禺区委办呢？"))
    assert "95.53%" in history[-2]["content"] and len(history) == 6


def test_a_question_sent_during_an_answer_is_queued_and_answered_in_turn(ingested) -> None:
    chat = ChatTab(ingested)
    me = "a"
    box, shown = chat.submit("荔湾区政府办2023年的执行率是多少？", me)
    worker = chat.answer_all(me)
    assert next(worker)[-1]["content"].startswith("正在查找资料")  # the first is being answered
    box, shown = chat.submit("番禺区委办2023年的执行率是多少？", me)  # sent meanwhile
    assert box == "" and shown[-2]["content"] == "番禺区委办2023年的执行率是多少？"
    assert shown[-1]["content"].startswith("（已排队）")
    assert last(chat.answer_all(me))[-1] == shown[-1]  # a second worker leaves it to the first
    final = last(worker)
    answers = [m["content"] for m in final if m["role"] == "assistant" and "metadata" not in m]
    assert "99.6%" in answers[0] and "95.53%" in answers[1] and len(final) == 6
    assert chat.sessions.get("b").messages == []  # another browser has its own chat


def test_stop_ends_the_running_answer_and_the_queue_goes_on(ingested) -> None:
    chat = ChatTab(ingested)
    me = "stop"
    chat.submit("荔湾区政府办2023年的执行率是多少？", me)
    worker = chat.answer_all(me)
    next(worker)
    chat.submit("番禺区委办2023年的执行率是多少？", me)
    shown = chat.stop(me)
    assert shown[1]["content"] == "（已停止回答）"
    assert list(worker)[-1][1]["content"] == "（已停止回答）"  # the old worker changes nothing
    final = last(chat.answer_all(me))  # the worker started after 停止
    assert "95.53%" in final[3]["content"] and final[1]["content"] == "（已停止回答）"


def test_a_worker_cut_off_frees_the_session_and_a_reloaded_page_goes_on(ingested) -> None:
    chat = ChatTab(ingested)
    chat.submit("荔湾区政府办2023年的执行率是多少？", "cut")
    worker = chat.answer_all("cut")
    next(worker)
    chat.submit("番禺区委办2023年的执行率是多少？", "cut")
    worker.close()  # gradio cancelled it: the page went away
    session = chat.sessions.get("cut")
    assert not session.busy and session.shown()[1]["content"].startswith("（页面刷新或关闭")
    final = last(chat.resume("cut"))  # the reloaded page answers both, in turn
    assert "99.6%" in final[1]["content"] and "95.53%" in final[4]["content"]
    assert not session.busy and not session.pending


def test_clear_forgets_the_chat_and_the_follow_up_context(ingested) -> None:
    chat = ChatTab(ingested)
    me = "clear"
    last(chat.respond("番禺区委办2023年的执行率是多少？", me))
    assert chat.clear(me) == ("", [])
    follow = last(chat.respond("基本支出呢？", me))
    assert len(follow) == 2 and "1900.21" not in follow[1]["content"]  # not 番禺区委办's
    assert "请问" in follow[1]["content"]  # it asks which department


def test_a_browser_finds_its_chat_again_after_a_reload(ingested) -> None:
    chat = ChatTab(ingested)
    key, shown = chat.restore("")  # first visit: a new key, an empty chat
    assert len(key) == 32 and shown == []
    last(chat.respond("荔湾区政府办2023年的执行率是多少？", key))
    again, shown = chat.restore(key)
    assert again == key and "99.6%" in shown[1]["content"]
    assert chat.restore("")[1] == []  # another browser
    page = SimpleNamespace(session_hash="page-1")
    chat.submit("番禺区委办2023年的执行率是多少？", "", page)  # sent before the page's load ran
    again, shown = chat.restore(key, page)
    assert again == key and shown[0]["content"] == "番禺区委办2023年的执行率是多少？"
    assert "95.53%" in last(chat.answer_all(key))[1]["content"]  # nothing is lost
    first, shown = chat.restore("", SimpleNamespace(session_hash="page-2"))
    assert first == "page-2" and shown == []  # a first visit takes the page's key


def test_empty_question_keeps_the_box(ingested) -> None:
    assert ChatTab(ingested).submit("   ", "e") == ("   ", [])


def test_comparison_question_gets_the_table_inline(ingested) -> None:
    history = last(ChatTab(ingested).respond("比较各部门的预算执行率"))
    answer = history[1]["content"]
    assert "| 部门 | 年度 | 指标 | 数值 | 原文 |" in answer and "| 番禺区委办 | 2023 | 执行率 | 95.53% |" in answer


def test_chat_errors_become_a_message(ingested, monkeypatch) -> None:
    chat = ChatTab(ingested)
    monkeypatch.setattr(type(ingested.qa), "stream", lambda *a, **k: iter(_boom()))
    history = last(chat.respond("番禺区政府办2022年基本支出有多少？"))
    assert history[-1]["content"] == "⚠ 操作失败：RuntimeError：索引损坏"


def _boom():
    raise RuntimeError("索引损坏")
    yield  # pragma: no cover


def test_an_answer_that_finds_nothing_lists_the_library(ingested) -> None:
    history = last(ChatTab(ingested).respond("市卫健委存在的主要问题有哪些？"))
    assert "资料库现有：番禺区政府办（2022年）" in history[1]["content"]
    assert "白云区政府办（2023年）" in history[1]["content"]


def test_example_questions_name_indexed_departments_and_work_in_an_empty_chat(ingested) -> None:
    questions = example_questions(ingested.reports())
    assert questions[0] == "番禺区政府办2022年基本支出有多少？" and "比较各部门的预算执行率" in questions
    assert not any(q.endswith("呢？") for q in questions)
    for q in questions:  # each from a fresh chat
        answer = ingested.qa.ask(q)
        assert not answer.abstained, q
    assert "3246.07" in ingested.qa.ask(questions[0]).text


def test_compare_tab_table_chart_and_exports(ingested, tmp_path) -> None:
    tab = CompareTab(ingested, tmp_path)
    summary, table, chart, csv, xlsx, _ = tab.run("自评得分", [], [2023])
    assert list(table["数值"]) == ["97.8分", "97.23分", "未披露"]
    assert "未披露：荔湾区政府办 2023" in summary
    assert re.findall(r'data-label="([^"]+)" data-value="([^"]+)"', chart) == [
        ("番禺区委办 2023", "97.8"), ("白云区政府办 2023", "97.23")]  # the missing one not drawn
    assert ">97.8分</text>" in chart and "自评得分（分）" in chart and "未披露不画出：荔湾区政府办 2023" in chart
    frame = pd.read_csv(csv["value"], encoding="utf-8-sig")
    assert list(frame.columns[:6]) == ["部门", "年度", "指标", "数值", "单位", "原文数值"]
    assert frame["数值"].tolist()[:2] == [97.8, 97.23] and frame["单位"].tolist()[:2] == ["分", "分"]
    assert frame["原文数值"].tolist()[2] == "未披露" and pd.isna(frame["数值"][2])
    sheet = pd.read_excel(xlsx["value"])
    assert sheet["数值"].sum() == pytest.approx(195.03) and sheet["页码"].tolist()[:2] == [1, 1]


def test_compare_tab_marks_approximate_figures_and_shows_differences(ingested, tmp_path) -> None:
    _, table, chart, csv, _, _ = CompareTab(ingested, tmp_path).run("执行率", [], [])
    assert "接近100%" in list(table["数值"])  # as the report states it
    labels = re.findall(r'data-label="([^"]+)"', chart)
    assert len(labels) == 4 and not any("白云区" in x for x in labels)  # the 约数 is not drawn
    assert "收支比率接近100%（约数，不画出）" in chart and "横轴从 92 起" in chart
    frame = pd.read_csv(csv["value"], encoding="utf-8-sig")
    assert frame.loc[frame["原文数值"] == "接近100%", "约数"].tolist() == ["是"]
    assert not frame["原文"].str.contains("万 元").any()


def test_two_comparisons_in_a_row_each_show_their_own_chart(ingested, tmp_path) -> None:
    tab = CompareTab(ingested, tmp_path)
    first = tab.run("基本支出", [], [])[2]
    second = tab.run("自评得分", [], [])[2]
    assert 'data-metric="基本支出"' in first and "3,246.07万元" in first
    assert 'data-metric="自评得分"' in second and "万元" not in second


def test_compare_tab_from_a_question(ingested, tmp_path) -> None:
    tab = CompareTab(ingested, tmp_path)
    summary, table, *_ = tab.run("", [], [], "比较各部门的预算执行率")
    assert len(table) == 5 and summary.split("\n\n")[1].startswith("**执行率**（2022、2023年）")
    _, table, *_ = tab.run("", [], [2023], "比较各部门的基本支出")  # the year chosen above
    assert set(table["年度"]) == {2023} and len(table) == 3
    _, table, *_ = tab.run("", [], [2023], "比较番禺区政府办和荔湾区政府办的执行率")  # named
    assert list(table["数值"]) == ["99.6%", "98.05%"]
    summary, *rest = tab.run("", [], [], "你好")  # said in the page, outputs left as they were
    assert summary.startswith("⚠ 没能从问题中识别出要对比的指标") and rest[0] == {"__type__": "update"}
    with pytest.raises(gr.Error, match="请选择一个指标"):
        tab.compare_api()


def test_the_first_comparison_shows_every_department_with_its_year(ingested, tmp_path) -> None:
    assert latest_year(ingested.reports()) == [2023] and latest_year([]) == []
    assert DEFAULT_YEARS == []  # the 年度 filter starts empty: every report, each its own year
    tab = CompareTab(ingested, tmp_path)
    summary, table, *_ = tab.run("执行率", [], DEFAULT_YEARS)
    assert len(table) == len({r.department for r in ingested.reports()}) == 5
    assert "各行年度：" in summary and "2022" in summary and "2023" in summary
    assert "**答：" not in summary  # the one-line answer is for a question


def test_a_comparison_question_gets_a_one_line_answer(ingested, tmp_path) -> None:
    tab = CompareTab(ingested, tmp_path)
    summary, table, *_ = tab.run("", [], [], "比较各部门的预算执行率")
    rates = {r: v for r, v, m in zip(table["部门"], table["数值"], table["指标"], strict=True) if m == "执行率"}
    top = max(rates, key=lambda k: float(rates[k].rstrip("%")))
    assert summary.startswith("**答：执行率最高的是") and f"（{rates[top]}）" in summary.split("\n")[0]


def test_one_line_ranks_exact_figures_of_the_metric() -> None:
    def row(dept, value, text, approx="", metric="执行率"):
        return CompareRow("r", dept, dept, 2024, metric, value, text, "", "", "", "%", 0, approx)

    rows = [row("甲局", 98.1, "98.1%"), row("乙局", 90.2, "90.2%"), row("丙局", 100, "接近100%", "接近100%"),
            row("丁局", None, "未披露"), row("戊局", 95.0, "95%")]
    assert one_line("执行率", rows) == "执行率最高的是甲局 2024（98.1%），最低的是乙局 2024（90.2%）。"
    assert one_line("执行率", rows[:2]) == "甲局 2024的执行率（98.1%）高于乙局 2024（90.2%）。"
    assert one_line("执行率", rows[:1]) == "" and one_line("执行率", rows[2:4]) == ""


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
    # the failed upload is gone from data/uploads; the ingested one stays until removed
    assert sorted(p.name for p in tab.upload_dir.iterdir()) == [sample("002").name]
    status, table, *_ = tab.on_remove(sample("002").name)
    assert status.startswith("已删除") and table.empty
    assert list(tab.upload_dir.iterdir()) == []  # its upload went with it


def test_only_orphan_uploads_in_the_upload_folder_are_deleted(settings, tmp_path) -> None:
    tab = LibraryTab(build_assistant(settings))
    tab.ingest_files([str(sample("002"))])
    kept = tab.upload_dir / sample("002").name
    assert not tab.drop_orphan_upload(kept) and kept.exists()  # a report refers to it
    outside = tmp_path / "别处.txt"
    outside.write_text("x", encoding="utf-8")
    assert not tab.drop_orphan_upload(outside) and outside.exists()
    stray = tab.upload_dir / "stray.txt"
    stray.write_text("x", encoding="utf-8")
    assert tab.drop_orphan_upload(stray) and not stray.exists()


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
    from assistant.ingest.readers.load import SUPPORTED_SUFFIXES
    from ui.library_tab import SUPPORTED

    assert SUPPORTED == SUPPORTED_SUFFIXES
