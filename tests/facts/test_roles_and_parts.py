"""Whose figure and what it states, read from the structure around it: a header over two
table rows, a table of projects after a 序号 column, a 合计 under a projects heading, a list
of targets, parts after 其中, a rate named by its own noun, a sum over an incomplete set of
parts. Synthetic reports written for these tests."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import docx

from assistant.facts.checks import check_facts
from assistant.index.pipeline import prepare
from assistant.ingest.readers.load import load_report
from assistant.text.headers import header_of
from tests.facts.extracted import department, facts

TITLE = "某县文化广电旅游体育局2024年度部门整体支出绩效自评报告\n"




def messages(found) -> list[str]:
    rows = [SimpleNamespace(**f.to_dict(), report_id="r") for f in found]
    return [f.message for f in check_facts(rows)]


# a table header over two rows ----------------------------------------------------------------
def _two_row_header_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某县文化广电旅游体育局2024年度部门整体支出绩效自评报告")
    document.add_paragraph("一、部门收支情况")
    document.add_paragraph("本部门全年预算数900.00万元，全年执行数850.00万元，预算执行率94.44%。")
    document.add_paragraph("二、重点项目实施情况")
    rows = [("序号", "项目名称", "资金使用情况", "", "", "项目得分"),
            ("", "", "预算数（万元）", "执行数（万元）", "执行率", ""),
            ("1", "乡村文化舞台建设", "200.00", "180.00", "90.00%", "88"),
            ("2", "全民健身场地维护", "100.00", "100.00", "100.00%", "95"),
            ("合计", "", "300.00", "290.00", "96.67%", "—")]
    table = document.add_table(rows=len(rows), cols=6)
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    table.cell(0, 2).merge(table.cell(0, 4)).text = "资金使用情况"
    for col, label in ((0, "序号"), (1, "项目名称"), (5, "项目得分")):
        table.cell(0, col).merge(table.cell(1, col)).text = label
    table.cell(4, 0).merge(table.cell(4, 1)).text = "合计"
    document.save(path)


def test_a_header_over_two_rows_names_each_column_by_its_second_row(tmp_path: Path) -> None:
    path = tmp_path / "two_rows.docx"
    _two_row_header_docx(path)
    text = load_report(path).text
    assert "资金使用情况 执行数（万元）：180.00" in text
    assert header_of("资金使用情况 执行数（万元）").word == "执行数"
    assert header_of("资金使用情况 执行率").word == "执行率"


def test_a_table_of_projects_after_a_number_column_gives_each_projects_figures(tmp_path: Path
                                                                              ) -> None:
    path = tmp_path / "two_rows.docx"
    _two_row_header_docx(path)
    found = prepare(path, load_report(path).text).facts
    rows = {(f.scope, f.subject, f.metric, f.value) for f in found}
    assert ("project", "乡村文化舞台建设", "支出", 180.0) in rows
    assert ("project", "全民健身场地维护", "执行率", 100.0) in rows
    # the table's one score column is each project's own score, not a scored item's
    assert ("project", "乡村文化舞台建设", "自评得分", 88.0) in rows
    # the 合计 row is the listed projects' total: it is checked against them, and it is
    # never the department's 支出
    assert ("project", "合计", "支出", 290.0) in rows
    assert department(found, "支出") == [850.0]
    assert any("各项目支出之和" in m for m in messages(found))


# a 合计 under a heading about projects -------------------------------------------------------
def test_a_total_under_a_projects_heading_is_the_projects_not_the_departments() -> None:
    text = (TITLE + "一、部门收支情况\n（一）预算情况\n2024年全年预算数5,000.00万元。\n"
            "（二）重点项目情况\n全年共实施重点项目4个，调整后预算合计1,600.00万元。\n")
    found = facts(text)
    assert department(found, "预算数") == [5000.0]
    assert 1600.0 in {f.value for f in found if f.scope == "unresolved"}


def test_a_total_outside_a_projects_heading_stays_the_departments() -> None:
    found = facts(TITLE + "一、部门收支情况\n全年各项资金预算数合计1,600.00万元。\n")
    assert department(found, "预算数") == [1600.0]


# the weight of a first-level indicator ----------------------------------------------------------
def test_the_full_marks_of_a_first_level_indicator_are_that_indicators_weight() -> None:
    found = facts(TITLE + "四、自评结果\n产出指标满分40分，得36分；效益指标满分30分，得28分。\n"
                  "部门整体支出绩效自评得分92分。\n")
    weights = {(f.scope, f.subject, f.value) for f in found if f.metric == "分值"}
    assert weights == {("indicator", "产出", 40.0), ("indicator", "效益", 30.0)}
    assert department(found, "自评得分") == [92.0]
    assert not any("分值" in m for m in messages(found))


# the budget of spending ------------------------------------------------------------------------
def test_a_spending_budget_is_a_budget_not_the_spending() -> None:
    found = facts(TITLE + "二、部门收支情况\n2024年全年支出预算3,000.00万元，实际支出2,850.00万元，"
                  "预算执行率95.00%。\n")
    assert department(found, "预算数") == [3000.0]
    assert department(found, "支出") == [2850.0]
    assert messages(found) == []


# a part after 其中 ------------------------------------------------------------------------------
def test_a_part_after_qizhong_is_not_its_total_stated_again() -> None:
    found = facts(TITLE + "一、部门基本情况\n年末在职职工860人，其中在编人员510人、编外人员350人。\n")
    assert department(found, "在职人员") == [860.0]
    assert department(found, "在编人员") == [510.0]
    assert not any("在职人员" in m for m in messages(found))


def test_counts_of_kinds_of_offices_are_each_their_own() -> None:
    found = facts(TITLE + "一、部门基本情况\n馆内设业务科室5个、行政科室3个。\n")
    assert department(found, "业务科室数") == [5.0]
    assert department(found, "行政科室数") == [3.0]
    assert messages(found) == []


# a rate named by its own noun -------------------------------------------------------------------
def test_a_rate_whose_noun_names_an_indicator_is_not_an_earlier_projects_rate() -> None:
    found = facts(TITLE + "五、存在的问题\n（一）进度偏慢。场馆提升改造项目资金执行率为76.50%，"
                  "年度任务完成率60%。\n")
    rates = {(f.scope, f.subject, f.metric, f.value) for f in found if f.unit == "%"}
    assert ("project", "场馆提升改造项目", "执行率", 76.5) in rates
    assert not any(scope == "project" and value == 60.0 for scope, _, _, value in rates)
    assert not any("执行率" in m for m in messages(found))


# a sum over the complete set of parts only ---------------------------------------------------------
INCOME = (TITLE + "二、部门收支情况\n（一）收入情况\n2024年本单位总收入1,000.00万元。按来源分，"
          "财政拨款收入300.00万元；{middle}其他收入{other}万元。\n")


def test_income_parts_are_summed_only_when_they_are_all_the_parts_listed() -> None:
    complete_but_three = INCOME.format(middle="事业收入650.00万元；", other="50.00")
    assert messages(facts(complete_but_three)) == []
    two_parts_wrong = INCOME.format(middle="", other="60.00")
    assert any("与收入" in m for m in messages(facts(two_parts_wrong)))


# a list of targets ---------------------------------------------------------------------------------
def test_every_item_of_a_list_a_lead_calls_targets_is_a_target() -> None:
    text = (TITLE + "三、绩效目标\n年初设定的部门整体绩效目标为：全年举办惠民演出不少于120场；"
            "公共图书馆年接待读者量30万人次；群众文化活动满意度95%；部门预算执行率100%。\n")
    found = facts(text)
    assert department(found, "执行率") == []
    assert department(found, "执行率目标") == [100.0]
    actuals = [f for f in found if f.metric == "实际值"]
    assert actuals == []
    assert 95.0 in {f.value for f in found if f.metric == "目标值"}


def test_a_lead_paragraph_passes_the_target_role_to_the_items_below_it() -> None:
    text = (TITLE + "三、绩效目标\n本年度部门整体支出绩效目标如下：\n1.群众文化活动满意度95%。\n"
            "2.部门预算执行率100%。\n四、完成情况\n群众文化活动满意度96.2%。\n")
    found = facts(text)
    assert department(found, "执行率目标") == [100.0]
    values = {(f.metric, f.value) for f in found}
    assert ("目标值", 95.0) in values and ("实际值", 96.2) in values
    assert ("实际值", 95.0) not in values


def test_a_lead_about_results_keeps_its_items_actuals() -> None:
    text = TITLE + "四、绩效目标完成情况\n绩效目标完成情况：群众文化活动满意度96.2%；部门预算执行率98.00%。\n"
    found = facts(text)
    assert department(found, "执行率") == [98.0]
    assert ("实际值", 96.2) in {(f.metric, f.value) for f in found}


# the topic of a clause -------------------------------------------------------------------------
def test_a_fund_named_inside_an_earlier_clause_is_not_the_subject_of_the_total() -> None:
    text = (TITLE + "二、部门收支情况\n年度执行中，市财政追加了体育场馆免费开放专项资金，"
            "调整后全年预算数为4,200.00万元。\n")
    found = facts(text)
    assert department(found, "预算数") == [4200.0]
    assert not any(f.scope == "project" for f in found)


def test_a_project_opening_an_earlier_clause_stays_the_subject_of_the_next() -> None:
    text = (TITLE + "五、存在的问题\n（一）进度偏慢。乡村文化舞台建设项目受雨季影响，"
            "项目执行率仅为80.00%。\n")
    rates = {(f.scope, f.subject, f.metric, f.value) for f in facts(text) if f.unit == "%"}
    assert rates == {("project", "乡村文化舞台建设项目", "执行率", 80.0)}


def test_a_target_of_a_named_year_keeps_its_year() -> None:
    text = TITLE + "六、改进措施\n加大投入，力争2026年群众文化活动满意度达到97%。\n"
    values = {(f.metric, f.value) for f in facts(text)}
    assert ("2026年目标值", 97.0) in values


# a bare 预算 before its amount ----------------------------------------------------------------------
def test_a_bare_budget_word_in_a_project_item_is_the_projects_budget() -> None:
    text = (TITLE + "二、部门收支情况\n（三）主要项目执行情况\n1. 乡村舞台设备购置：预算200.00万元，"
            "执行180.00万元，执行率90.00%。\n2. 全民健身场地维护：追加预算30.00万元。\n")
    found = {(f.scope, f.subject, f.metric, f.value) for f in facts(text)}
    budgets = {f for f in found if f[2].startswith("预算数") and not f[2].endswith("增加额")}
    assert budgets == {("project", "乡村舞台设备购置", "预算数", 200.0)}
    # 追加预算30.00万元 is the project's budget change, never its level
    assert ("project", "全民健身场地维护", "预算数增加额", 30.0) in found


def test_a_header_group_that_names_a_period_does_not_pass_its_columns_on() -> None:
    assert header_of("年初 预算数").word == "年初预算数"
    assert header_of("2022年 预算数") is None
    assert header_of("2023年度 执行数") is None


def test_spending_parts_are_summed_only_over_the_classes_listed() -> None:
    text = (TITLE + "二、部门收支情况\n全年支出1,000.00万元。按支出性质分，基本支出600.00万元，"
            "项目支出300.00万元，经营支出100.00万元；其中一般公共预算财政拨款支出700.00万元。\n")
    assert not any("与支出" in m for m in messages(facts(text)))
    wrong = text.replace("，经营支出100.00万元", "")
    assert any("与支出" in m for m in messages(facts(wrong)))


# 该项目 refers back --------------------------------------------------------------------------------
def test_this_project_refers_back_to_the_project_an_earlier_sentence_named() -> None:
    text = (TITLE + "二、部门收支情况\n（二）重点项目情况\n全民健身场地维护项目是本年投入最大的项目。"
            "2023年该项目预算420.00万元、执行400.00万元。\n"
            "乡村舞台设备购置经费按合同进度付款，执行率在3个项目中最高；该项目上年执行率为97.50%。\n")
    rows = {(f.scope, f.subject, f.metric, f.value) for f in facts(text)}
    assert ("project", "全民健身场地维护项目", "2023年预算数", 420.0) in rows
    assert ("project", "全民健身场地维护项目", "2023年支出", 400.0) in rows
    assert ("project", "乡村舞台设备购置经费", "上年执行率", 97.5) in rows


def test_a_total_under_a_funding_sources_heading_stays_the_departments() -> None:
    text = (TITLE + "二、部门收支情况\n（一）资金来源情况\n全年各项资金预算数合计2,400.00万元，"
            "其中一般公共预算财政拨款2,000.00万元、上年结转400.00万元。\n")
    assert department(facts(text), "预算数") == [2400.0]


def test_a_lead_that_only_mentions_a_target_does_not_make_its_items_targets() -> None:
    text = TITLE + "二、部门收支情况\n围绕年度工作目标，全年预算执行情况如下：部门预算执行率96.00%。\n"
    assert department(facts(text), "执行率") == [96.0]


def test_a_verb_before_offices_names_no_kind_of_office() -> None:
    found = facts(TITLE + "一、部门基本情况\n馆内下设科室5个。\n")
    assert not any(f.metric.startswith("下设") for f in found)
