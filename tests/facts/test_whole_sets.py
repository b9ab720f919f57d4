"""Findings only over what was read whole, like with like: a table's 合计 against its rows only
when every row was read as one of its projects, a sum only over a breakdown with no amount left
unread, no conflict between the items of one list, and a budget adjustment against the two
budgets it bridges."""

from types import SimpleNamespace

from assistant.facts.checks import check_facts
from tests.facts.extracted import facts


def findings_of(text: str):
    return check_facts([SimpleNamespace(**f.to_dict(), report_id="r.md") for f in facts(text)])


TABLE = "\n".join([
    "一、部门概况",
    "本中心2024年全年预算900.00万元，实际支出880.00万元。",
    "二、重点项目情况",
    "表2 重点项目执行情况（单位：万元）",
    "| 项目名称 | 全年预算 | 执行数 |",
    "| --- | --- | --- |",
    "| 乡镇污水管网改造（市级配套） | 300.00 | 290.00 |",
    "| 河道保洁 | 120.00 | 110.00 |",
    "| 水质监测 | 80.00 | 75.00 |",
    "| 合计 | 500.00 | 475.00 |",
    "",
])


def _rows(text: str, metric: str) -> dict[str, str]:
    return {f.subject: f.scope for f in facts(text) if f.metric == metric and f.subject}


def test_a_bracketed_qualifier_does_not_make_a_project_row_a_funding_source() -> None:
    assert _rows(TABLE, "预算数")["乡镇污水管网改造（市级配套）"] == "project"
    assert findings_of(TABLE) == []


def test_a_whole_table_of_projects_that_does_not_add_up_is_still_found() -> None:
    wrong = TABLE.replace("| 合计 | 500.00 | 475.00 |", "| 合计 | 510.00 | 475.00 |")
    found = [f.message for f in findings_of(wrong)]
    assert len(found) == 1 and "500.00万元" in found[0]


def test_no_sum_over_a_table_whose_first_row_was_read_as_another_subject() -> None:
    # the first row is read as a funding source: the projects below it are not the whole table
    mixed = TABLE.replace("| 乡镇污水管网改造（市级配套） |", "| 市级资金 |")
    assert _rows(mixed, "预算数")["市级资金"] == "source"
    assert [f for f in findings_of(mixed) if "合计" in f.message] == []


def _fact(metric, value, text_value, num_start, quote, start=0, para=0, scope="department",
          subject=""):
    return SimpleNamespace(
        report_id="r", metric=metric, scope=scope, subject=subject, value=value, unit="万元",
        text_value=text_value, quote=quote, start=start, end=start + len(quote),
        num_start=num_start, para=para, period="", section="收入")


def _income_rows(quote: str):
    def at(figure: str) -> int:
        return quote.index(figure)
    return [_fact("收入", 1000.0, "1,000.00万元", at("1,000.00"), quote),
            _fact("财政拨款收入", 700.0, "700.00万元", at("700.00"), quote),
            _fact("其他收入", 100.0, "100.00万元", at("100.00"), quote)]


def test_no_sum_over_parts_when_the_list_holds_an_amount_left_unread() -> None:
    listed = "收入合计1,000.00万元，其中财政拨款收入700.00万元、捐建款200.00万元、其他收入100.00万元。"
    assert check_facts(_income_rows(listed)) == []
    short = "收入合计1,000.00万元，其中财政拨款收入700.00万元、其他收入100.00万元。"
    assert [f.kind for f in check_facts(_income_rows(short))] == ["sum"]


def test_a_source_with_a_bracketed_note_is_read_and_the_income_adds_up() -> None:
    text = ("本年收入合计1,000.00万元，其中财政拨款收入700.00万元、事业收入200.00万元（主要为培训费）、"
            "其他收入100.00万元。\n")
    assert ("source", "收入", "事业收入", 200.0) in {
        (f.scope, f.metric, f.subject, f.value) for f in facts(text)}
    assert findings_of(text) == []


def test_values_listed_in_one_sentence_are_no_conflict() -> None:
    one = "甲10分、乙20分"
    rows = [_fact("分值", 10.0, "10分", 1, one), _fact("分值", 20.0, "20分", 5, one)]
    for r in rows:
        r.unit = "分"
    assert check_facts(rows) == []
    rows[1].start = 40  # the same item given another value in another sentence
    assert [f.kind for f in check_facts(rows)] == ["conflict"]


SCORES = ("经综合评价，本院2024年度自评得分{total}分，其中决策指标9分（满分10分）、过程指标19分（满分20分）、"
          "产出指标37.5分（满分40分）、效益指标28.5分（满分30分）。\n")


def test_scores_written_after_each_indicators_name_are_that_indicators() -> None:
    found = {(f.scope, f.metric, f.subject, f.value) for f in facts(SCORES.format(total=94))}
    assert ("indicator", "得分", "决策", 9.0) in found
    assert ("indicator", "分值", "过程", 20.0) in found
    assert not any(scope == "department" and metric == "分值" for scope, metric, *_ in found)
    assert findings_of(SCORES.format(total=94)) == []


def test_a_total_score_the_indicators_listed_do_not_make_is_found() -> None:
    found = findings_of(SCORES.format(total=95))
    assert len(found) == 1 and "94分" in found[0].message


ADJUSTED = "2024年本局年初预算2,000.00万元，年中调增{change}万元，调整后预算2,350.00万元。全年支出2,300.00万元。\n"


def test_a_budget_adjustment_that_bridges_the_two_budgets_is_no_finding() -> None:
    assert findings_of(ADJUSTED.format(change="350.00")) == []


def test_a_budget_adjustment_that_does_not_bridge_them_is_found() -> None:
    found = findings_of(ADJUSTED.format(change="530.00"))
    assert [f.kind for f in found] == ["sum"] and "350.00万元" in found[0].message


def test_a_part_of_the_adjustment_is_not_checked_against_the_whole() -> None:
    text = ("2024年本局年初预算2,000.00万元，调整后预算2,350.00万元，"
            "其中调增防汛项目预算200.00万元。\n")
    assert findings_of(text) == []


def test_the_budget_after_an_adjustment_is_a_level_not_a_change() -> None:
    text = "2024年本馆年初预算1,000.00万元，年中追加调整后全年预算数1,200.00万元，全年执行数1,150.00万元。\n"
    found = {(f.metric, f.value) for f in facts(text) if f.scope == "department"}
    assert ("预算数", 1200.0) in found
    assert not any(metric.endswith("增加额") for metric, _ in found)


def test_a_budget_added_in_the_year_is_a_change_of_the_budget() -> None:
    text = ("2023年本站年初预算800.00万元，年中因设备更新追加预算120.00万元，全年预算数为920.00万元。"
            "全年执行数900.00万元。\n")
    found = {(f.metric, f.value) for f in facts(text) if f.scope == "department"}
    assert ("预算数增加额", 120.0) in found and ("预算数", 920.0) in found
    assert findings_of(text) == []
    assert [f.kind for f in findings_of(text.replace("120.00万元", "210.00万元"))] == ["sum"]
