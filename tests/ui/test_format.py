"""The web app's pure helpers: highlighting, tables, messages, errors, login rules."""

from __future__ import annotations

import pytest

from assistant.answer.types import Answer, Citation
from assistant.errors import JixiaoError
from ui.app import auth_from_env, is_loopback
from ui.format import (
    answer_messages,
    figures_in,
    friendly_error,
    highlight,
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
