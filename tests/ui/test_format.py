"""The web app's pure helpers: highlighting, tables, messages, errors, login rules, the 对比
chart and its exports, a session's chat queue."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from assistant.answer.types import Answer, Citation, CompareRow
from assistant.errors import JixiaoError
from assistant.text.numbers import qualified_figure
from ui.app import auth_from_env, is_loopback
from ui.bar_chart import Bar, axis_range, bar_chart_svg, nice_step, tick_text
from ui.chat_session import CURSOR, QUEUED, STOPPED, ChatSession, ChatSessions
from ui.compare_export import export_frame, write_csv, write_xlsx
from ui.compare_tab import chart_bars
from ui.format import (
    answer_messages,
    figures_in,
    friendly_error,
    highlight,
    list_ends,
    markdown_table,
    tidy,
    unit_of,
)


def test_figures_skip_years_and_citation_marks() -> None:
    text = "番禺区政府办2022年基本支出为3,246.07万元[1]，完成率98.05%。"
    assert figures_in(text) == ["3246.07", "98.05"]


def test_highlight_marks_figure_with_unit_across_line_breaks_and_separators() -> None:
    quote = "全年支出\n\n4,144.86 万元，部门预算完成率为 98.05%。"
    shown = highlight(quote, ["4144.86", "98.05"])
    assert shown == "全年支出<mark>4,144.86 万元</mark>，部门预算完成率为 <mark>98.05%</mark>。"


def test_highlight_does_not_mark_inside_longer_numbers_and_escapes_html() -> None:
    shown = highlight("预算数 525 万元，执行数 25 万元 <b>", ["25"])
    assert shown == "预算数 525 万元，执行数 <mark>25 万元</mark> &lt;b&gt;"


def test_markdown_table_fills_not_disclosed_and_escapes_pipes() -> None:
    table = markdown_table([{"部门": "甲", "年度": 2023, "指标": "执行率", "数值": "99%",
                             "原文": "a|b\nc"}, {"部门": "乙"}])
    lines = table.splitlines()
    assert lines[0] == "| 部门 | 年度 | 指标 | 数值 | 原文 |"
    assert lines[2] == "| 甲 | 2023 | 执行率 | 99% | a\\|bc |"
    assert "| 乙 |  |  | 未披露 |  |" == lines[3]


def test_answer_messages_put_sources_in_a_collapsed_box() -> None:
    cite = Citation("r.txt", "r.txt", "一、基本情况", "基本支出 3246.07 万元。", 0, 10)
    answer = Answer(question="q", text="基本支出为3246.07万元。", abstained=False, route="facts",
                    citations=[cite], flags=["示例提示"],
                    table=[{"部门": "甲", "数值": "1%"}], seconds=0.2)
    main, sources = answer_messages(answer, "未使用大模型（抽取式回答）")
    assert main["content"].startswith("基本支出为3246.07万元。")
    assert "| 甲 |" in main["content"] and "⚠ 示例提示" in main["content"]
    assert "事实表直接回答" in main["content"]
    assert sources["metadata"] == {"title": "来源与原文（1 条）", "status": "done"}
    assert "r.txt · 一、基本情况" in sources["content"]
    assert "<mark>3246.07 万元</mark>" in sources["content"]


def test_retrieval_answer_names_the_backend() -> None:
    answer = Answer(question="q", text="甲。", abstained=False, route="retrieval", backend="local")
    (main,) = answer_messages(answer, "本地模型 Qwen")
    assert "检索 + 本地模型 Qwen" in main["content"]


def test_errors_are_messages_not_traces() -> None:
    assert friendly_error(JixiaoError("模型缺失：运行 jixiao models fetch")) == "模型缺失：运行 jixiao models fetch"
    text = friendly_error(ValueError("bad value\nTraceback (most recent call last): ..."))
    assert text == "操作失败：ValueError：bad value" and "Traceback" not in text


def test_tidy_and_unit() -> None:
    assert tidy("完成预算\n\n的 99.6%。") == "完成预算的 99.6%。"
    assert tidy("支出 1520.5 万 元，占 比 12%。") == "支出 1520.5 万元，占比 12%。"  # PDF spaces
    assert unit_of("3246.07万元") == "万元" and unit_of("99.6%") == "%"


def test_login_is_required_beyond_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert auth_from_env("127.0.0.1", env={}) is None
    assert auth_from_env("0.0.0.0", env={"JIXIAO_AUTH": "admin:s3cret"}) == ("admin", "s3cret")
    with pytest.raises(JixiaoError, match="JIXIAO_AUTH=user:password"):
        auth_from_env("0.0.0.0", env={})
    with pytest.raises(JixiaoError, match="user:password"):
        auth_from_env("127.0.0.1", env={"JIXIAO_AUTH": "admin"})


def test_a_figure_stated_as_a_bound_keeps_its_qualifier() -> None:
    text = "资金到位率接近 100%，培训约 300 人次，满意度 90%以上，支出 88.5%。"
    spans = {m.group(): m.span() for m in re.finditer(r"\d+(?:\.\d+)?\s*(?:%|人次)", text)}
    assert qualified_figure(text, *spans["100%"]) == "接近100%"
    assert qualified_figure(text, *spans["300 人次"]) == "约300人次"
    assert qualified_figure(text, *spans["90%"]) == "90%以上"
    assert qualified_figure(text, *spans["88.5%"]) == ""
    assert qualified_figure(text, 5, 999) == ""  # offsets outside the text


def test_axis_starts_above_zero_only_when_values_lie_close() -> None:
    assert axis_range([96.1, 99.2, 100.0]) == (94, 100, 2)  # differences show
    assert axis_range([1520.5, 310.0, 2800.0]) == (0, 3000, 1000)  # money far apart: from 0
    assert axis_range([88.0]) == (0, 100, 20)  # one value: from 0
    assert axis_range([-12.5, 30.0])[0] == -20  # a negative value is inside the axis
    assert nice_step(6.7) == 2 and nice_step(0.9) == 0.2 and tick_text(2800.0) == "2,800"


def test_bar_chart_draws_each_bar_with_its_value_in_order() -> None:
    svg = bar_chart_svg([Bar("某局 2024", 99.2, "99.2%"), Bar("某中心 2024（收支比率）", 96.1, "96.1%", True)])
    bars = re.findall(r'<g class="bar" data-label="([^"]+)" data-value="([^"]+)">', svg)
    assert bars == [("某局 2024", "99.2"), ("某中心 2024（收支比率）", "96.1")]
    assert ">99.2%</text>" in svg and ">96.1%</text>" in svg and "#93c5fd" in svg
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths[0] > 2 * widths[1]  # the axis starts at 94: the difference is visible
    assert bar_chart_svg([]) == ""
    assert "&lt;b&gt;" in bar_chart_svg([Bar("<b>", 1.0, "1")])  # names are escaped


def _row(dept: str, value: float | None, text: str, unit: str = "%", approx: str = "",
         metric: str = "执行率") -> CompareRow:
    return CompareRow(f"{dept}.pdf", dept, dept, 2024, metric, value, text,
                      f"{dept}预算执行率为 {text}，支出 520 万 元。" if value is not None else "",
                      f"{dept}.pdf", "一、基本情况", unit if value is not None else "", 3, approx)


def test_chart_leaves_out_approximate_figures_and_other_units() -> None:
    rows = [_row("某局", 100.0, "100%", approx="接近100%"), _row("某中心", 97.5, "97.5%"),
            _row("某学校", 520.0, "520万元", unit="万元"), _row("某镇", None, "未披露")]
    bars, unit, left_out = chart_bars(rows, "执行率")
    assert [(b.label, b.shown) for b in bars] == [("某中心 2024", "97.5%")] and unit == "%"
    assert left_out == ["某局 2024 执行率接近100%（约数，不画出）",
                        "某学校 2024 执行率 520万元（单位不同，不画出）"]


def test_exports_keep_numbers_numeric_with_unit_page_and_clean_quote(tmp_path) -> None:
    rows = [_row("某中心", 97.5, "97.5%"), _row("某局", 100.0, "100%", approx="接近100%"),
            _row("某镇", None, "未披露")]
    frame = export_frame(rows, {"某中心.pdf": "某中心2024年自评报告.pdf"})
    assert frame["数值"].dtype == "float64" and frame["页码"].tolist()[:2] == [3, 3]
    assert frame["文件"].tolist()[0] == "某中心2024年自评报告.pdf"
    csv = pd.read_csv(write_csv(frame, tmp_path / "c.csv"), encoding="utf-8-sig")
    assert csv["数值"].tolist()[:2] == [97.5, 100.0] and pd.isna(csv["数值"][2])
    assert csv["原文数值"].tolist() == ["97.5%", "接近100%", "未披露"] and csv["约数"].tolist()[1] == "是"
    assert csv["原文"][0] == "某中心预算执行率为 97.5%，支出 520 万元。"
    sheet = pd.read_excel(write_xlsx(frame, tmp_path / "c.xlsx", "执行率/对比"))
    assert sheet["数值"].sum() == pytest.approx(197.5) and sheet["章节"][0] == "一、基本情况"


def test_session_queue_answers_in_turn_and_stop_and_clear() -> None:
    s = ChatSession()
    first = s.add("甲")
    epoch = s.start_worker()
    assert epoch == 0 and s.start_worker() is None  # one worker per session
    assert s.next_slot(epoch) is first
    second = s.add("乙")
    assert second.messages[0]["content"] == QUEUED
    assert s.put(epoch, first, [{"role": "assistant", "content": "答甲"},
                                {"role": "assistant", "content": "来源甲"}])
    assert [m["content"] for m in s.shown()] == ["甲", "答甲", "来源甲", "乙", QUEUED]
    assert s.next_slot(epoch) is second
    s.stop()
    assert not s.put(epoch, second, [{"role": "assistant", "content": "迟到的回答"}])
    assert [m["content"] for m in s.shown()][-1] == STOPPED
    assert s.next_slot(epoch) is None and s.start_worker() == 1
    s.conversation = object()
    s.clear()
    assert s.shown() == [] and s.conversation is None and not s.pending


def test_sessions_are_per_browser_and_bounded() -> None:
    sessions = ChatSessions(limit=2)
    a = sessions.get("a")
    assert sessions.get("a") is a and sessions.get("b") is not a
    sessions.get("c")
    assert len(sessions) == 2 and sessions.get("a") is not a  # the oldest went
    sessions.drop("a")  # the browser left
    assert len(sessions) == 1


def test_stop_keeps_the_text_already_streamed() -> None:
    s = ChatSession()
    slot = s.add("甲")
    epoch = s.start_worker()
    assert s.next_slot(epoch) is slot
    assert s.put(epoch, slot, [{"role": "assistant", "content": "本部门全年预算数100万元，" + CURSOR}])
    s.stop()
    assert s.shown()[-1]["content"] == "本部门全年预算数100万元，\n\n" + STOPPED
    quiet = ChatSession()
    waiting = quiet.add("乙")  # nothing streamed yet: the mark alone
    quiet.next_slot(quiet.start_worker())
    quiet.stop()
    assert quiet.shown()[-1]["content"] == STOPPED and waiting.messages[0]["content"] == STOPPED


def test_a_list_table_shows_its_own_columns_and_no_empty_ones() -> None:
    rows = [{"报告": "甲局2023年", "名称": "河道清淤", "支出": "90.00万元", "原文": "一是河道清淤"},
            {"报告": "甲局2023年", "名称": "水厂巡检", "支出": "60.00万元", "原文": "二是水厂巡检"}]
    lines = markdown_table(rows).splitlines()
    assert lines[0] == "| 报告 | 名称 | 支出 | 原文 |"
    assert "未披露" not in "\n".join(lines)
    # a comparison's column that no row fills is left out; a missing figure stays 未披露
    lines = markdown_table([{"部门": "甲", "指标": "执行率", "数值": "99%"}, {"部门": "乙"}]).splitlines()
    assert lines[0] == "| 部门 | 指标 | 数值 |"
    assert lines[3] == "| 乙 |  | 未披露 |"


def test_a_line_after_a_list_is_not_read_into_its_last_item() -> None:
    text = "存在的问题：\n1. 甲 [1]\n2. 乙 [2]\n改进措施：\n1. 丙 [3]"
    assert list_ends(text) == "存在的问题：\n1. 甲 [1]\n2. 乙 [2]\n\n改进措施：\n1. 丙 [3]"
    answer = Answer(question="q", text=text, abstained=False, route="facts")
    assert "2. 乙 [2]\n\n改进措施：" in answer_messages(answer, "x")[0]["content"]
