"""A score table whose indicator column names two levels at once (二级/三级指标) beside a 一级指标
column repeated down merged rows: each row's score is its own indicator's, so the rows add up
against the stated total instead of colliding under the 一级指标's name."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from assistant.facts.checks import check_facts
from assistant.index.pipeline import prepare
from assistant.text.headers import header_of

TITLE = "某县档案馆2024年度部门整体支出绩效自评报告\n三、自评得分\n"
ROWS = [("投入", "目标设定", 10, 10), ("投入", "预算编制", 10, 8), ("过程", "资金管理", 20, 19),
        ("过程", "采购管理", 10, 9), ("产出", "档案接收量", 30, 28), ("效益", "利用满意度", 20, 18)]


def _facts(total: int):
    lines = [f"经自评，本馆整体支出绩效自评得分{total}分。", "一级指标 二级/三级指标 分值 得分"]
    lines += [f"一级指标：{a}；二级/三级指标：{b}；分值：{w}；得分：{s}" for a, b, w, s in ROWS]
    return prepare(Path("report.txt"), TITLE + "\n".join(lines) + "\n").facts


def test_a_header_naming_two_levels_is_the_deeper_level() -> None:
    assert header_of("二级/三级指标").level == 3
    assert header_of("二、三级指标").level == 3
    assert header_of("一级/二级指标").level == 2


def test_each_rows_score_is_its_own_indicators() -> None:
    scores = {(f.subject, f.value) for f in _facts(92) if f.metric == "得分"}
    assert ("预算编制", 8.0) in scores and ("采购管理", 9.0) in scores
    assert not [s for s in scores if s[0] in ("投入", "过程", "产出", "效益")]


def test_the_rows_sum_is_checked_against_the_stated_total() -> None:
    def messages(total: int) -> list[str]:
        rows = [SimpleNamespace(**f.to_dict(), report_id="r.txt") for f in _facts(total)]
        return [f.message for f in check_facts(rows)]

    assert not [m for m in messages(92) if "之和" in m]
    assert [m for m in messages(95) if "之和为 92分" in m]
    # the 一级指标 no longer seems to hold several different scores
    assert not [m for m in messages(92) if "不同数值" in m]
