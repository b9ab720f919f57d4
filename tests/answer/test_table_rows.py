"""The rows of one table added up: projects against the 合计 row, scores against the total."""

from __future__ import annotations

import pytest

from tests.answer import library

REPORT = """某县文化馆2024年度部门整体支出绩效自评报告
一、部门整体支出情况
2024年全年预算数300.00万元，全年支出280.00万元，预算执行率93.33%。
二、重点项目执行情况
| 项目名称 | 全年预算（万元） | 实际支出（万元） | 执行率 |
|---|---|---|---|
| 非遗展演活动 | 60.00 | 55.00 | 91.67% |
| 公共文化讲座 | 40.00 | 40.00 | 100.00% |
| 乡村文艺培训 | 30.00 | 27.50 | 91.67% |
| 合计 | 130.00 | 124.50 | 95.77% |
三、绩效指标完成情况
项目名称：非遗展演活动；绩效指标：演出覆盖村数；目标值：≥30个；实际完成值：28个
项目名称：非遗展演活动；绩效指标：受益群众户数；目标值：≥1,000户；实际完成值：950户
一级指标：满意度指标；二级指标：服务对象满意度；三级指标：活动参与群众满意度；年度指标值：≥92%；实际完成值：94.5%
四、自评得分情况
一级指标：决策；三级指标：目标设定合理性；分值：20；得分：18
一级指标：过程；三级指标：资金管理规范性；分值：30；得分：27
一级指标：产出；三级指标：活动完成率；分值：30；得分：28
一级指标：效益；三级指标：群众满意度；分值：20；得分：19
五、自评结论
本部门2024年度自评得分为91分。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield library.ingested(tmp_path_factory.mktemp("rows"), monkeypatch, {"wh.md": REPORT})


def test_the_rows_add_up_and_meet_the_total_row(assistant) -> None:
    answer = assistant.ask("某县文化馆2024年3个重点项目的预算合计是多少？")
    assert not answer.abstained and "合计130.00万元" in answer.text and "两者一致" in answer.text


def test_a_total_row_that_differs_is_said(assistant) -> None:
    answer = assistant.ask("某县文化馆2024年重点项目的执行数加起来是多少？和合计行对得上吗？")
    assert "合计122.50万元" in answer.text and "不一致" in answer.text and "2.00万元" in answer.text


def test_an_indicator_figure_comes_with_its_target(assistant) -> None:
    answer = assistant.ask("某县文化馆2024年活动参与群众满意度是多少？")
    assert "94.5%" in answer.text and "92%" in answer.text


def test_the_score_rows_are_set_against_the_stated_score(assistant) -> None:
    answer = assistant.ask("某县文化馆2024年自评得分表各项得分加起来是多少？和总分一致吗？")
    assert "合计92分" in answer.text and "不一致" in answer.text and "91分" in answer.text


def test_a_project_named_by_the_head_of_its_name_gets_its_own_figure(assistant) -> None:
    text = assistant.ask("某县文化馆2024年乡村文艺执行了多少？").text
    assert "乡村文艺培训" in text and "27.50" in text and "280.00" not in text


def test_a_project_indicator_comes_with_the_project_other_targets(assistant) -> None:
    text = assistant.ask("某县文化馆2024年非遗展演活动的受益群众户数达到目标了吗？").text
    assert "1,000户" in text and "950户" in text and "少50户" in text
    assert "同一项目的其他指标" in text and "30个" in text and "28个" in text
