"""Whose figure, read from the document's structure (facts/discourse.py, facts/rank.py) and what
it states (a target, a change): synthetic reports written for these tests."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.facts.checks import check_facts
from assistant.facts.discourse import item_lead, lead_subject, paragraph_subject
from assistant.facts.model import role_metric
from assistant.facts.vocabulary import same_value
from tests.facts.extracted import department, facts

TITLE = "某市农业农村局2023年部门整体支出绩效自评报告\n"
MONEY = "二、部门整体收支情况\n（一）收支总体情况\n本部门全年预算数8,000.00万元，全年执行数7,600.00万元，预算执行率95.00%。\n"
PROJECTS = (
    "（二）重点项目支出情况\n"
    "1.高标准农田建设项目。全年预算1,200.00万元，执行1,150.00万元，执行率95.83%。\n"
    "2.动物防疫补助资金：全年预算300.00万元，执行240.00万元，执行率80.00%。\n"
    "3.农村人居环境整治：全年预算500.00万元，执行500.00万元，执行率100%。\n"
    "（三）专项资金情况\n全年预算900.00万元，执行数800.00万元。\n"
)




def findings(text: str):
    rows = [SimpleNamespace(**f.to_dict(), report_id="r.txt") for f in facts(text)]
    return check_facts(rows)


# the list item's lead and the heading path ------------------------------------------------------
def test_a_list_items_lead_names_the_subject_of_its_figures() -> None:
    found = facts(TITLE + MONEY + PROJECTS)
    assert department(found, "预算数") == [8000.0]
    assert department(found, "执行率") == [95.0]
    projects = {(f.subject, f.metric, f.value) for f in found if f.scope == "project"}
    assert ("高标准农田建设项目", "预算数", 1200.0) in projects
    assert ("动物防疫补助资金", "执行率", 80.0) in projects
    # under a 重点项目 heading a lead with no project word still names the project
    assert ("农村人居环境整治", "预算数", 500.0) in projects


def test_a_bare_figure_under_a_project_heading_is_unresolved_not_the_departments() -> None:
    found = facts(TITLE + MONEY + PROJECTS)
    unresolved = {f.value for f in found if f.scope == "unresolved"}
    assert {900.0, 800.0} <= unresolved


def test_a_sentence_naming_the_department_under_a_project_heading_is_the_departments() -> None:
    text = TITLE + "二、项目情况\n本部门全年预算数6,000.00万元。\n"
    assert department(facts(text), "预算数") == [6000.0]


def test_leads() -> None:
    assert item_lead("1.高标准农田建设项目。全年预算…") == "高标准农田建设项目"
    assert item_lead("2.动物防疫补助资金：全年预算…") == "动物防疫补助资金"
    assert item_lead("全年预算300万元。") == ""
    assert lead_subject("收入情况", False, ()) is None  # a topic of the department's
    assert lead_subject("本局机关", True, ()) == ("department", "")
    assert lead_subject("产出指标", False, ()) == ("indicator", "产出指标")
    assert lead_subject("整改完成率", False, (), scoring=True) == ("indicator", "整改完成率")
    assert paragraph_subject("预算300万元", ("二、所属学校情况",), ()) == ("unresolved", "")
    assert paragraph_subject("预算300万元", ("二、收支情况",), ()) is None


# roles -------------------------------------------------------------------------------------------
def test_a_target_is_filed_apart_from_the_actual_level() -> None:
    text = TITLE + MONEY + "三、绩效目标\n部门预算执行率不低于90%，年度预算执行率力争达到100%。\n"
    found = facts(text)
    assert department(found, "执行率") == [95.0]
    assert sorted(f.value for f in found if f.metric == "执行率目标") == [90.0, 100.0]


def test_a_target_after_the_figure_and_a_result_after_the_target_word() -> None:
    found = facts(TITLE + "四、自评\n部门预算执行率98%的目标未能实现，部门预算执行率为96.5%。\n")
    assert department(found, "执行率") == [96.5]
    assert [f.value for f in found if f.metric == "执行率目标"] == [98.0]


def test_a_change_written_before_its_figure_is_no_level() -> None:
    found = facts(TITLE + MONEY + "（三）绩效管理\n会议费预算偏高的问题已在本年度经费预算中调减 30 万元。\n")
    assert department(found, "预算数") == [8000.0]
    assert role_metric("执行率", "目标") == "执行率目标"


def test_a_deduction_is_not_a_score() -> None:
    text = (TITLE + "四、自评情况\n（一）自评结论\n部门整体支出绩效自评得分为97分。\n"
            "（二）扣分情况\n1.资金到位率。实际为90%，低于95%的目标，扣2分。\n"
            "2.群众满意度。实际为85%，扣1分。\n")
    found = facts(text)
    assert department(found, "自评得分") == [97.0]
    assert sorted(f.value for f in found if f.metric == "扣分") == [1.0, 2.0]
    assert findings(text) == []


def test_a_total_above_what_the_listed_deductions_leave_is_a_finding() -> None:
    text = (TITLE + "四、自评情况\n（一）自评结论\n部门整体支出绩效自评得分为98分。\n"
            "（二）扣分情况\n1.资金到位率。实际为90%，扣2分。\n2.群众满意度。实际为85%，扣1分。\n")
    assert [f.kind for f in findings(text)] == ["score"]


def test_a_qualified_part_of_a_count_is_not_the_count() -> None:
    found = facts(TITLE + "一、基本情况\n年末在职人员50人，在职人员中具有高级职称的12人。对全部8个项目开展监控，"
                  "对进度偏慢的3个项目发出提醒。\n")
    assert department(found, "在职人员") == [50.0]
    assert department(found, "项目数") == [8.0]


# one department value per metric ------------------------------------------------------------------
def test_a_weaker_second_candidate_is_re_scoped() -> None:
    text = TITLE + MONEY + "五、其他\n支出情况说明。预算数5,000.00万元。\n"
    found = facts(text)
    assert department(found, "预算数") == [8000.0]
    assert 5000.0 in {f.value for f in found if f.scope == "unresolved"}
    assert findings(text) == []


def test_two_strongly_evidenced_values_are_kept_and_found() -> None:
    text = TITLE + MONEY + "五、其他\n本部门全年预算数8,100.00万元。\n"
    assert sorted(department(facts(text), "预算数")) == [8000.0, 8100.0]
    assert any(f.kind == "conflict" for f in findings(text))


def test_a_yuan_row_and_the_wan_text_are_one_statement() -> None:
    wan = SimpleNamespace(value=48652.22, unit="万元", text_value="48,652.22万元")
    yuan = SimpleNamespace(value=48652.2233892, unit="万元", text_value="486,522,233.92元")
    other = SimpleNamespace(value=48652.30, unit="万元", text_value="48,652.30万元")
    assert same_value(wan, yuan)
    assert not same_value(wan, other)
    rate = SimpleNamespace(value=95.0, unit="%", text_value="95%")
    assert not same_value(rate, SimpleNamespace(value=95.05, unit="%", text_value="95.05%"))


def test_a_bare_execution_figure_and_the_departments_other_projects() -> None:
    text = TITLE + MONEY + PROJECTS + "此外，某市农业农村局其余6个一般性项目合计执行120.00万元。\n"
    found = facts(text)
    assert department(found, "支出") == [7600.0]
    spent = {(f.subject, f.value) for f in found if f.metric == "支出" and f.scope == "project"}
    assert ("高标准农田建设项目", 1150.0) in spent
    assert ("其余6个一般性项目", 120.0) in spent


def test_a_generic_figure_with_no_evidence_is_nobodys_unless_its_paragraph_is_the_departments() -> None:
    alone = facts(TITLE + "三、工作成效\n各类任务完成率均达到100%。\n")
    assert department(alone, "执行率") == []
    led = facts(TITLE + "三、工作成效\n本部门预算总额500万元，其中基本支出400万元。完成率均达到100%。\n")
    assert department(led, "执行率") == [100.0]


def test_a_compared_year_does_not_carry_to_the_sentences_later_figures() -> None:
    text = TITLE + "二、部门整体收支情况\n“三公”经费全年支出5.20万元，比上年减少0.40万元，其中公务接待费1.10万元。\n"
    found = {(f.metric, f.period, f.text_value) for f in facts(text)}
    assert ("公务接待费", "", "1.10万元") in found
    assert not any(f.period for f in facts(text) if f.text_value == "1.10万元")
    # the compared year's own figure stays that year's
    text = TITLE + "二、部门整体收支情况\n“三公”经费实际支出比2022年的6.30万元下降17.46%。\n"
    assert any(f.period == "2022年" and f.text_value == "6.30万元" for f in facts(text))


def test_a_topic_label_is_no_indicator_and_a_long_indicator_name_is_kept_whole() -> None:
    text = TITLE + ("四、绩效目标完成情况\n实际完成情况：困难群众救助资金按时发放率100%；"
                    "新增社区食堂5个，未完成目标；群众满意度92.5%。自评得分90.5分，等级为“优”。\n")
    found = {(f.metric, f.scope, f.subject, f.text_value) for f in facts(text)}
    assert ("自评得分", "department", "", "90.5分") in found
    assert ("实际值", "indicator", "群众满意度", "92.5%") in found
    assert ("实际值", "indicator", "困难群众救助资金按时发放率", "100%") in found
    assert not any(f.subject == "实际完成情况" for f in facts(text))


def test_a_heading_that_names_a_spending_item_makes_its_figures_the_items() -> None:
    text = (TITLE + MONEY + "（二）“三公”经费\n"
            "“三公”经费年初预算6.00万元，全年实际支出5.10万元，其中公务接待费1.10万元。\n")
    found = {(f.scope, f.metric, f.subject, f.value) for f in facts(text)}
    assert ("item", "支出", "“三公”经费", 5.1) in found
    assert ("item", "年初预算数", "“三公”经费", 6.0) in found
    assert department(facts(text), "支出") == [7600.0]
    assert lead_subject("“三公”经费", False, ()) == ("item", "“三公”经费")
    assert lead_subject("“高标准农田建设项目”", False, ()) == ("project", "高标准农田建设项目")


# a lead that names projects in general opens their scope ----------------------------------------
def test_a_generic_lead_is_a_scope_and_each_clause_names_its_own_project() -> None:
    text = (TITLE + MONEY + "主要项目：河道保洁项目全年预算150.00万元，执行120.00万元，执行率80.00%；"
            "农机购置补贴经费预算70.00万元，执行70.00万元，执行率100%。\n")
    found = facts(text)
    subjects = {(f.subject, f.metric, f.value) for f in found if f.scope == "project"}
    assert ("河道保洁项目", "支出", 120.0) in subjects
    assert ("农机购置补贴经费", "预算数", 70.0) in subjects
    assert not [f for f in found if f.subject == "主要项目"]
    assert not [x for x in findings(text) if "主要项目" in x.message]


def test_a_numbered_generic_lead_names_no_project() -> None:
    text = (TITLE + MONEY + "（四）重点项目。林下经济示范项目预算40.00万元，执行36.00万元；"
            "护林员培训项目预算12.00万元，执行9.00万元。\n")
    found = facts(text)
    assert {f.subject for f in found if f.scope == "project"} == {"林下经济示范项目", "护林员培训项目"}
    assert lead_subject("重点项目", False, ()) == ("unresolved", "")


# a clause parallel to a source's clause names another source ------------------------------------
def test_a_parallel_clause_names_its_own_funding_source() -> None:
    text = (TITLE + "二、预算执行\n按资金来源分，财政拨款执行600.00万元，"
            "自营收入（门诊收费等）执行150.00万元。本部门全年支出750.00万元。\n")
    found = facts(text)
    sources = {(f.subject, f.value) for f in found if f.scope == "source"}
    assert ("财政拨款", 600.0) in sources
    assert ("自营收入", 150.0) in sources
    assert ("财政拨款", 150.0) not in sources
    assert not [x for x in findings(text) if "不同数值" in x.message]


def test_a_clause_with_the_term_alone_keeps_the_earlier_subject() -> None:
    text = TITLE + "二、预算执行\n财政拨款预算600.00万元，执行580.00万元。\n"
    assert ("财政拨款", 580.0) in {(f.subject, f.value) for f in facts(text) if f.scope == "source"}
