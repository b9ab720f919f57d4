"""Whose figure and which period (facts/scope.py): sentences in the genre, in the styles of
different provinces and kinds of department, each with every fact it must give as
(metric, scope, subject, period, value). A figure of a funding source, a class, a 三公 item, a
sub-unit, a project, an indicator or another year is never the department's headline."""

from __future__ import annotations

import pytest

from assistant.facts import extract_facts
from assistant.facts.model import HEADLINE_METRICS, period_metric
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse

HEAD = "某县教育局2023年部门整体支出绩效自评报告\n一、部门基本情况\n"
GPB = "一般公共预算财政拨款"

CASES = [
    # funding sources
    ("2023年一般公共预算财政拨款预算数1000万元，执行数950万元，执行率95%。",
     [("预算数", "source", GPB, "", 1000), ("支出", "source", GPB, "", 950),
      ("执行率", "source", GPB, "", 95)]),
    ("本年收入合计1200万元，其中：一般公共预算财政拨款1000万元，上年结转200万元。",
     [("收入", "department", "", "", 1200), ("收入", "source", GPB, "", 1000),
      ("收入", "source", "上年结转", "", 200)]),
    ("按资金来源分：政府性基金预算安排45万元，执行数40万元，执行率88.89%。",
     [("预算数", "source", "政府性基金预算", "", 45), ("支出", "source", "政府性基金预算", "", 40),
      ("执行率", "source", "政府性基金预算", "", 88.89)]),
    ("本年度财政专户管理资金预算数12.5万元。", [("预算数", "source", "财政专户管理资金", "", 12.5)]),
    ("事业收入80万元，经营收入20万元。",
     [("收入", "source", "事业收入", "", 80), ("收入", "source", "经营收入", "", 20)]),
    ("单位资金支出320.6万元，占比8.5%。",
     [("支出", "source", "单位资金", "", 320.6), ("支出占比", "source", "单位资金", "", 8.5)]),
    # a source-specific metric names its own subject: the department's, as before
    ("政府性基金预算支出50万元。", [("政府性基金支出", "department", "", "", 50)]),
    # expenditure classes
    ("基本支出预算数800万元，执行数790万元。",
     [("预算数", "class", "基本支出", "", 800), ("支出", "class", "基本支出", "", 790)]),
    ("按支出性质分，基本支出2100.5万元，项目支出312.8万元。",
     [("基本支出", "department", "", "", 2100.5), ("项目支出", "department", "", "", 312.8)]),
    # 三公 items
    ("“三公”经费预算数20万元，实际支出15.5万元。",
     [("预算数", "item", "“三公”经费", "", 20), ("支出", "item", "“三公”经费", "", 15.5)]),
    ("会议费支出3.2万元，培训费支出5.1万元。",
     [("支出", "item", "会议费", "", 3.2), ("支出", "item", "培训费", "", 5.1)]),
    ("公务接待费支出2.3万元，较上年减少0.5万元。",
     [("支出", "item", "公务接待费", "", 2.3), ("支出减少额", "item", "公务接待费", "", 0.5)]),
    # other periods and changes
    ("2022年部门预算数900万元，执行数850万元。",
     [("2022年预算数", "department", "", "2022年", 900), ("2022年支出", "department", "", "2022年", 850)]),
    ("上年度支出总额为880万元。", [("上年支出", "department", "", "上年", 880)]),
    ("上年支出2680.5万元。", [("上年支出", "department", "", "上年", 2680.5)]),
    ("2022年我局收入合计2800万元，2023年收入合计3100万元。",
     [("2022年收入", "department", "", "2022年", 2800), ("收入", "department", "", "", 3100)]),
    ("支出总额1100万元，同比增长5%，比上年增加100万元。",
     [("支出", "department", "", "", 1100), ("支出增幅", "department", "", "", 5),
      ("支出增加额", "department", "", "", 100)]),
    ("2023年度本部门支出总额较2022年减少156.3万元，下降4.2%。",
     [("支出减少额", "department", "", "", 156.3), ("支出降幅", "department", "", "", 4.2)]),
    ("截至2022年12月31日，结余资金30万元。", [("2022年结转结余", "department", "", "2022年", 30)]),
    ("本单位年初预算数为980万元，全年预算数为1050万元，实际支出1032.4万元。",
     [("年初预算数", "department", "", "年初", 980), ("预算数", "department", "", "", 1050),
      ("支出", "department", "", "", 1032.4)]),
    # projects inside a department paragraph
    ("其中，乡村教师培训项目预算数50万元，实际支出48万元，执行率96%。",
     [("预算数", "project", "乡村教师培训项目", "", 50), ("支出", "project", "乡村教师培训项目", "", 48),
      ("执行率", "project", "乡村教师培训项目", "", 96)]),
    ("其中，“智慧校园”建设项目预算数120万元，执行数118.5万元，预算执行率98.75%。",
     [("预算数", "project", "智慧校园建设项目", "", 120), ("支出", "project", "智慧校园建设项目", "", 118.5),
      ("执行率", "project", "智慧校园建设项目", "", 98.75)]),
    ("《农村饮水安全巩固提升工程》预算300万元，支出280万元。",
     [("预算数", "project", "农村饮水安全巩固提升工程", "", 300),
      ("支出", "project", "农村饮水安全巩固提升工程", "", 280)]),
    ("卫生院改造工程经费支出85.6万元。", [("支出", "project", "卫生院改造工程经费", "", 85.6)]),
    ("其中：河道堤防巡查维护经费 36.00 万元。", [("金额", "project", "河道堤防巡查维护经费", "", 36)]),
    # sub-units
    ("局属二级单位支出合计1560万元，执行率97.2%。",
     [("支出", "unit", "局属二级单位", "", 1560), ("执行率", "unit", "局属二级单位", "", 97.2)]),
    ("所属事业单位支出200万元。", [("支出", "unit", "所属事业单位", "", 200)]),
    ("下属3所学校支出合计600万元。", [("支出", "unit", "下属3所学校", "", 600)]),
    # the department: 本部门, 我局, 合计 lines, amounts in 元
    ("我局2023年度预算数1200万元，执行数1150万元，执行率95.83%。",
     [("预算数", "department", "", "", 1200), ("支出", "department", "", "", 1150),
      ("执行率", "department", "", "", 95.83)]),
    ("部门整体支出合计5012.34万元，执行率99.12%。",
     [("支出", "department", "", "", 5012.34), ("执行率", "department", "", "", 99.12)]),
    # the report's own body speaking (a 局 says 我局; 我委 in a 局's report is another body's)
    ("我局本年度收入合计9,876,543.21元，支出合计9,654,321.00元，执行率97.75%。",
     [("收入", "department", "", "", 987.654321), ("支出", "department", "", "", 965.4321),
      ("执行率", "department", "", "", 97.75)]),
    ("某县教育局收入合计6543210.5元，支出合计6012345.67元。",
     [("收入", "department", "", "", 654.32105), ("支出", "department", "", "", 601.234567)]),
    ("全年预算执行率96.5%。", [("执行率", "department", "", "", 96.5)]),
    # indicators named by the noun before a rate
    ("政府采购执行率100%。", [("实际值", "indicator", "政府采购执行率", "", 100)]),
    ("目标任务完成率100%。", [("实际值", "indicator", "目标任务完成率", "", 100)]),
    # figures with a clear label and no vocabulary metric
    ("慰问困难职工120人，慰问标准500元/人。",
     [("慰问困难职工人数", "department", "", "", 120), ("慰问标准", "department", "", "", 500)]),
    ("下属包括中心校、幼儿园2个二级单位。", [("二级单位数", "department", "", "", 2)]),
    ("局机关下属包括文化馆、图书馆3二级单位。", [("二级单位数", "department", "", "", 3)]),
    ("全局共有在职人员45人，下属二级单位3个。",
     [("在职人员", "department", "", "", 45), ("二级单位数", "department", "", "", 3)]),
    ("共有1个项目纳入绩效监控。", [("项目数", "department", "", "", 1)]),
    ("满意度指标全部完成，群众满意度95%", [("实际值", "indicator", "群众满意度", "", 95)]),
    # a named year keeps its period through 全年; an item's budget is the item's
    ("2022年全年支出1,288.00万元。", [("2022年支出", "department", "", "2022年", 1288)]),
    ("“三公”经费预算18万元，实际支出15.6万元。",
     [("预算数", "item", "“三公”经费", "", 18), ("支出", "item", "“三公”经费", "", 15.6)]),
    ("2023年全年预算数1500万元。", [("预算数", "department", "", "", 1500)]),
]


def facts_of(sentence: str):
    norm = normalise(HEAD + sentence + "\n")
    return extract_facts(norm, analyse(norm))


@pytest.mark.parametrize(("sentence", "want"), CASES, ids=[c[0][:14] for c in CASES])
def test_each_figure_gets_its_subject_and_period(sentence: str, want: list[tuple]) -> None:
    got = [(f.metric, f.scope, f.subject, f.period, round(f.value, 6)) for f in facts_of(sentence)]
    assert got == [(m, s, subj, p, round(float(v), 6)) for m, s, subj, p, v in want]


@pytest.mark.parametrize("sentence", [c[0] for c in CASES])
def test_no_headline_figure_of_another_subject_or_period(sentence: str) -> None:
    for f in facts_of(sentence):
        if f.metric in HEADLINE_METRICS:
            assert f.period == "" and (f.scope != "department" or f.subject == "")


@pytest.mark.parametrize("sentence", [
    "根据《某省预算绩效管理办法》（某财预〔2023〕12号）文件要求开展自评。",
    "索引号：11530000-2023-00012，联系电话0871-1234567。",
    "2023年3月15日召开第2次党组会议。",
    "建立共有 200 人的专家库，深入 10 个单位调研。",
    "完成了 6个项目的支出审核。",
])
def test_no_fact_from_dates_document_numbers_or_qualifiers(sentence: str) -> None:
    assert facts_of(sentence) == []


def test_period_metric_names_a_figure_of_another_period() -> None:
    assert period_metric("预算数", "年初") == "年初预算数"
    assert period_metric("年初预算数", "年初") == "年初预算数"
    assert period_metric("支出", "2022年") == "2022年支出"
    assert period_metric("支出", "") == "支出"


def test_a_report_without_a_year_keeps_named_years_current() -> None:
    norm = normalise("某镇人民政府部门整体支出绩效自评报告\n一、部门基本情况\n2022年预算数500万元。\n")
    got = [(f.metric, f.period) for f in extract_facts(norm, analyse(norm))]
    assert got == [("预算数", "")]


@pytest.mark.parametrize(("sentence", "want"), [
    ("“预算执行率”指标分值10分，得分9.5分。",
     [("分值", "indicator", "预算执行率", "", 10), ("得分", "indicator", "预算执行率", "", 9.5)]),
    ("群众满意度指标得分9分。", [("得分", "indicator", "群众满意度", "", 9)]),
    ("其中一般公共预算财政拨款收入2465.22万元，政府性基金预算财政拨款收入132.27万元，上年结转96.75万元。",
     [("一般公共预算收入", "department", "", "", 2465.22), ("政府性基金收入", "department", "", "", 132.27),
      ("收入", "source", "上年结转", "", 96.75)]),
])
def test_indicator_scores_and_source_income_in_prose(sentence: str, want: list[tuple]) -> None:
    got = [(f.metric, f.scope, f.subject, f.period, round(f.value, 6)) for f in facts_of(sentence)]
    assert got == [(m, s, subj, p, round(float(v), 6)) for m, s, subj, p, v in want]
