"""A column under a group header that names a period (2023年度 执行数, 上年 执行数) holds that
period's figures: this year's group is this year's, another year's gives prior-year facts."""

from __future__ import annotations

from pathlib import Path

from assistant.index.pipeline import prepare
from assistant.text.headers import group_period, period_header

TITLE = "某县司法局2024年度部门整体支出绩效自评报告\n二、项目资金情况\n"


def _rows(text: str) -> set[tuple]:
    return {(f.metric, f.scope, f.subject, f.value, f.period)
            for f in prepare(Path("report.txt"), TITLE + text).facts}


def test_period_header_and_group_period() -> None:
    h, group = period_header("2023年度 执行数")
    assert h.word == "执行数" and group == "2023年度"
    assert period_header("执行数") is None and period_header("年初预算数") is None
    assert period_header("上年执行数")[1] == "上年"
    assert period_header("上年结转 执行数") is None
    assert period_header("资金情况 执行数") is None  # a group that names no period
    assert group_period("2024年度", 2024) == ""
    assert group_period("2023年度", 2024) == "2023年"
    assert group_period("上年", 2024) == "上年"
    assert group_period("以前年度", 2024) is None


def test_row_lines_with_year_groups_give_this_years_and_last_years_figures() -> None:
    text = "\n".join([
        "单位：万元",
        "序号：1；项目名称：社区矫正经费；2024年度 预算数：120.00；2024年度 执行数：114.00；"
        "2024年度 执行率：95.00%；2023年度 执行数：101.50",
        "序号：2；项目名称：法律援助补助；2024年度 预算数：80.00；2024年度 执行数：80.00；"
        "2024年度 执行率：100.00%；2023年度 执行数：76.20",
        "",
    ])
    rows = _rows(text)
    assert ("支出", "project", "社区矫正经费", 114.0, "") in rows
    assert ("执行率", "project", "法律援助补助", 100.0, "") in rows
    assert ("2023年支出", "project", "社区矫正经费", 101.5, "2023年") in rows
    assert ("2023年支出", "project", "法律援助补助", 76.2, "2023年") in rows
    assert not [r for r in rows if r[0] == "支出" and r[3] in (101.5, 76.2)]


def test_a_pipe_table_with_a_last_year_group_column() -> None:
    text = "\n".join([
        "单位：万元",
        "| 项目名称 | 本年 预算数 | 本年 执行数 | 上年 执行数 |",
        "| 人民调解工作经费 | 60.00 | 57.00 | 52.00 |",
        "| 普法宣传经费 | 40.00 | 38.00 | 35.50 |",
        "",
    ])
    rows = _rows(text)
    assert ("上年支出", "project", "普法宣传经费", 35.5, "上年") in rows
    assert ("支出", "project", "普法宣传经费", 38.0, "") in rows
