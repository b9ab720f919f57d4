"""Points lost are all of them: the deductions a report lists are added up (one the facts
missed, written 扣一分, too) and set against the stated score; a check never takes one of
several stated figures for all of them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.text.deductions import deductions_in
from tests.answer import library

PIER = """丙镇文化站2024年度部门整体支出绩效自评报告
一、基本情况
本站2024年全年预算数80.00万元，全年支出76.00万元，预算执行率95.00%。
二、自评结论
经自评，本站2024年度部门整体支出绩效自评得分为九十二分，评价等级为“优”。扣分情况：图书采购晚于计划，扣二点五分；活动台账不全，扣一分；部分指标未细化，扣四点五分。
"""
HALL = """丁区体育馆2024年度部门整体支出绩效自评报告
一、基本情况
2024年全年预算数300.00万元，全年支出282.00万元，预算执行率94.00%。
二、自评结论
本馆2024年度自评得分95分，评价等级为“优”。
1. 场馆开放时长未达目标，扣2分；
2. 群众满意度低于目标，扣1分。
三、绩效指标完成情况
| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |
|---|---|---|---|---|
| 产出 | 时效指标 | 场馆开放时长 | 10 | 8 |
| 效益 | 满意度指标 | 群众满意度 | 10 | 9 |
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield library.ingested(tmp_path_factory.mktemp("deductions"), monkeypatch,
                               {"pier.txt": PIER, "hall.txt": HALL})


def test_deductions_in_prose_with_a_total_and_chinese_numerals() -> None:
    found = deductions_in("进度滞后，扣一分；资料不全，扣减１．５分；以上合计扣2.5分。十分重要。")
    assert [str(d.value) for d in found] == ["1", "1.5", "2.5"]
    assert [d.total for d in found] == [False, False, True]


def test_all_deductions_against_the_score(assistant) -> None:
    text = assistant.ask("丙镇文化站扣了几分，和自评得分对得上吗？").text
    assert "合计扣8分" in text and "2.5分 + 1分 + 4.5分 = 8" in text
    assert "100分" in text and "对得上" in text and "不一致" not in text


def test_deductions_that_leave_points_unexplained_are_said(assistant) -> None:
    text = assistant.ask("丁区体育馆2024年扣了几分，跟自评得分对得上吗？").text
    assert "合计扣3分" in text and "98分" in text and "少2分" in text
    assert "相差" not in text


def test_a_check_on_one_of_several_figures_gives_no_verdict() -> None:
    from assistant.answer.found import Found, one_of_many
    from assistant.index.records import FactRecord, ReportRecord

    def fact(value: str, text: str) -> FactRecord:
        return FactRecord(id=0, report_id="r", department="甲", year=2024, metric="支出",
                          scope="department", subject="", value=Decimal(value), unit="万元",
                          text_value=text, raw=text, quote=text, start=0, end=1,
                          num_start=0, num_end=1, section="", para=0, page=0)

    report = ReportRecord(id="r", file="r.txt", path="r.txt", sha256="", kind="txt", title="",
                          department="甲", year=2024, aliases=(), embed_model="", ingested_at=0.0)
    single = Found(report, "支出", (fact("5", "5万元"),))
    several = Found(report, "支出", (fact("5", "5万元"),), (fact("7", "7万元"),))
    assert one_of_many([single, None]) == ""
    assert one_of_many([single, several]) == "支出有5万元、7万元"


def test_points_a_quote_writes_in_words_trace_an_answer() -> None:
    from assistant.answer.evidence.verify import untraced_numbers

    quote = "自评得分为九十三分。扣分：资料不全，扣一分；进度慢，扣六分。"
    assert untraced_numbers("扣1分、6分，得分93分", [quote]) == []
    assert untraced_numbers("扣2分", [quote]) == ["2"]


def test_the_points_a_named_indicator_lost(assistant) -> None:
    text = assistant.ask("丁区体育馆2024年场馆开放时长扣了几分？").text
    assert "“场馆开放时长”扣分为2分" in text
