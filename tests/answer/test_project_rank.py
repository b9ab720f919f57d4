"""Which project of a report has the most or least of a figure, ranked in code; and a flagged
figure's note goes next to the figure of the item it concerns, never another item's."""

from __future__ import annotations

from pathlib import Path

from assistant.answer.evidence.binding import mark_once
from tests.answer.test_facts_route_subjects import _assistant

REPORT = """某县卫生健康局2023年度部门整体支出绩效自评报告
一、部门整体支出情况
全年预算数 900.00万元，执行数 880.00万元，预算执行率 97.78%。
二、重点项目支出情况
1.家庭医生签约服务项目
该项目预算数 120.00万元，执行数 118.00万元，执行率 98.33%。
2.疫苗冷链建设项目
该项目预算数 300.00万元，执行数 240.00万元，执行率 80.00%。
3.健康教育宣传项目
该项目预算数 40.00万元，执行数 40.00万元，执行率 100.00%。
"""


def test_the_project_that_spent_most_is_named_with_every_project_ranked(tmp_path: Path,
                                                                         monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"wj.txt": REPORT})
    answer = a.ask("某县卫生健康局2023年哪个项目花钱最多？")
    assert answer.route == "facts" and not answer.abstained
    first = answer.text.splitlines()[0]
    assert "疫苗冷链建设项目" in first and "240" in first
    body = answer.text.splitlines()[1:]
    assert [line.split("：")[0][3:] for line in body] == [
        "疫苗冷链建设项目", "家庭医生签约服务项目", "健康教育宣传项目"]
    assert len(answer.citations) == 3


def test_the_project_with_the_lowest_rate(tmp_path: Path, monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"wj.txt": REPORT})
    answer = a.ask("某县卫生健康局2023年执行率最低的项目是哪个？")
    assert "疫苗冷链建设项目" in answer.text.splitlines()[0] and "80.00%" in answer.text


def test_a_note_goes_to_the_line_of_its_subject_and_never_inside_another_note() -> None:
    text = "1. 甲项目：100% [1]\n2. 乙项目：100% [2]"
    marked = mark_once(text, "100", "（⚠ 注）", "乙项目")
    assert marked == "1. 甲项目：100% [1]\n2. 乙项目：100%（⚠ 注） [2]"
    nested = "甲：5万元（⚠ 报告中该数字与乙7万元不一致）\n乙：7万元"
    assert mark_once(nested, "7", "（⚠ 另）") == "甲：5万元（⚠ 报告中该数字与乙7万元不一致）\n乙：7万元（⚠ 另）"


TABLE = """某县住建局2023年度部门整体支出绩效自评报告
一、部门整体支出情况
全年预算数 2,000.00万元，执行数 1,900.00万元，预算执行率 95.00%。
二、重点项目执行情况
序号 | 项目名称 | 预算数（万元） | 执行数（万元） | 执行率
1 | 燃气管网改造项目 | 500.00 | 450.00 | 90.00%
2 | 农房抗震改造项目 | 300.00 | 297.00 | 99.00%
3 | 城市道路养护项目 | 200.00 | 170.00 | 85.00%
合计 | | 1,000.00 | 917.00 | 91.70%
"""


def test_both_ends_of_a_ranking_of_the_key_projects(tmp_path: Path, monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"zj.txt": TABLE})
    answer = a.ask("某县住建局2023年哪个重点项目执行率最高，哪个最低？")
    first = answer.text.splitlines()[0]
    assert "最高的是“农房抗震改造项目”（99.00%）" in first
    assert "最低的是“城市道路养护项目”（85.00%）" in first
    assert "合计" not in answer.text and "3个项目" in first  # the 合计 row is no project
