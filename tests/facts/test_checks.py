"""Consistency checks, on the samples' real contradictions and on small made-up reports."""

from types import SimpleNamespace

from assistant.facts import extract_facts
from assistant.facts.checks import check_facts
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse
from tests.conftest import SAMPLES


def findings_of(text: str, report_id: str = "r.txt"):
    norm = normalise(text)
    rows = [SimpleNamespace(**f.to_dict(), report_id=report_id) for f in extract_facts(norm, analyse(norm))]
    return check_facts(rows)


def test_sample_project_with_525_budget_25_spent_and_100_percent_is_flagged() -> None:
    path = next(p for p in SAMPLES if p.name.startswith("004"))
    original = path.read_text(encoding="utf-8")
    found = findings_of(original, path.name)
    rate = [f for f in found if f.kind == "rate"]
    assert len(rate) == 1
    assert "文书档案规范化处理入馆" in rate[0].message and "4.76%" in rate[0].message
    quotes = [s.quote for s in rate[0].sources]
    assert all(q in original for q in quotes)
    assert {s.text_value for s in rate[0].sources} == {"525万元", "25万元", "100%"}
    conflicts = {f.message for f in found if f.kind == "conflict"}
    assert any("525万元、25万元" in m for m in conflicts)
    assert any("173.52万元、165.28万元" in m for m in conflicts)


def test_consistent_samples_raise_nothing() -> None:
    for path in SAMPLES:
        if path.name.startswith("004"):
            continue
        assert findings_of(path.read_text(encoding="utf-8"), path.name) == [], path.name


def test_parts_that_do_not_add_up_to_the_total() -> None:
    found = findings_of("（三）收支情况\n全年支出 1000 万元。按支出分类：基本支出 700 万元，项目支出 200 万元。\n")
    assert [f.kind for f in found] == ["sum"]
    assert "900.00万元" in found[0].message and len(found[0].sources) == 3


def test_rate_that_disagrees_with_execution_over_budget() -> None:
    found = findings_of("全年预算数 200万元，执行数 150万元，完成预算的 90%。\n")
    assert [f.kind for f in found] == ["rate"] and "75.00%" in found[0].message


def test_rounded_rate_is_not_flagged() -> None:
    assert findings_of("全年预算数 3181.27万元，执行数 3168.61万元，完成预算的 99.6%。\n") == []


def test_score_above_its_weight() -> None:
    found = findings_of("三级指标：群众满意度；年度指标值：90%；实际完成值：92%；分值：10；得分：12\n")
    assert [f.kind for f in found] == ["score"]


def test_suspected_unit_mix_up() -> None:
    found = findings_of("该项目预算数 120 万元，执行数 1,150,000 万元。\n")
    assert "unit" in {f.kind for f in found}


def test_amount_in_yuan_that_is_people_times_standard_in_wan() -> None:
    text = ("某市退役军人事务局2023年度项目绩效自评报告（节日走访慰问项目）\n"
            "一、绩效目标完成情况\n1.产出指标全部完成，走访慰问对象250人，慰问标准400元/人。\n"
            "二、预算执行情况\n节日走访慰问项目区级资金安排10元，全部使用完毕，执行率100%。\n")
    found = [f for f in findings_of(text) if f.kind == "unit"]
    assert len(found) == 1
    assert "10元" in found[0].message and "100,000元" in found[0].message
    assert {s.text_value for s in found[0].sources} >= {"250人", "10元"}
    fine = text.replace("安排10元", "安排10万元")
    assert [f for f in findings_of(fine) if f.kind == "unit"] == []


def test_all_projects_listed_must_add_up_to_project_spending() -> None:
    head = ("某县水利服务中心2022年整体支出绩效自评报告\n一、整体情况\n"
            "部门预算总金额 500.00 万元，其中：基本支出 420.00 万元，项目支出 80.00 万元。\n")
    two = "我单位共有 2 个项目批复了绩效目标。其中：堤防巡查经费 50.00 万元，闸站运维经费 {x} 万元。\n"
    found = [f for f in findings_of(head + two.format(x="29.50")) if f.kind == "sum"]
    assert len(found) == 1 and "79.50万元" in found[0].message and "80.00万元" in found[0].message
    assert [f for f in findings_of(head + two.format(x="30.00")) if f.kind == "sum"] == []
    # a report that lists only some of its projects says nothing about the rest
    some = "其中：堤防巡查经费 50.00 万元。\n"
    assert [f for f in findings_of(head + some) if f.kind == "sum"] == []


def test_last_year_figures_are_not_compared_with_this_year() -> None:
    text = ("某区统计局2024年度部门整体支出绩效自评报告\n"
            "2024年全年预算数 300.00万元，执行数 290.00万元，预算执行率 96.67%。\n"
            "上年预算数 280.00万元，执行数 250.00万元。\n")
    assert findings_of(text) == []


def test_a_total_over_100_explained_by_one_indicator_is_one_finding() -> None:
    text = "\n".join([
        "某镇人民政府2024年度部门整体支出绩效自评报告",
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 分值 | 得分 |",
        "| 产出指标 | 数量指标 | 完成任务数 | 10 | 10 | 50 | 58 |",
        "| 效益指标 | 社会效益 | 群众满意度 | 90% | 95% | 50 | 50 |",
        "| 合计 | 100 | 108 | ||||",
    ])
    found = findings_of(text)
    assert [f.kind for f in found] == ["score"] and "完成任务数" in found[0].message


def _form(project: str, target: str) -> list[str]:
    return [
        "部门预算项目支出绩效自评表(2023年度) | ||||",
        f"项目名称 | {project} | ||||",
        "一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 权重 | 得分 |",
        f"满意度指标 | 服务对象满意度 | 群众满意度 | ≥{target}% | 96% | 10 | 10 |",
    ]


def test_the_same_indicator_in_two_project_forms_is_not_a_conflict() -> None:
    text = "\n".join(["某县民政局2023年度项目支出绩效自评报告",
                      *_form("养老服务补贴", "90"), *_form("社区服务中心运维", "95")])
    assert findings_of(text) == []
    norm = normalise(text)
    sections = {f.section for f in extract_facts(norm, analyse(norm)) if f.metric == "目标值"}
    assert len(sections) == 2 and all("养老服务补贴" in s or "社区服务中心运维" in s for s in sections)


def test_funding_sources_must_add_up_to_the_total_row() -> None:
    rows = ["资金来源 | 全年预算数 | 全年执行数 | 执行率 |",
            "一般公共预算财政拨款 | 500.00 | 480.00 | 96.00% |",
            "上年结转 | 100.00 | 90.00 | 90.00% |",
            "其他资金 | 50.00 | {x} | 80.00% |",
            "合计 | 650.00 | 610.00 | 93.85% |"]
    head = "某县档案馆2023年部门整体支出绩效自评报告\n二、预算执行情况\n"
    clean = head + "\n".join(rows).format(x="40.00")
    assert findings_of(clean) == []
    wrong = head + "\n".join(rows).format(x="45.00")
    found = [f for f in findings_of(wrong) if f.kind == "sum"]
    assert len(found) == 1 and "615.00万元" in found[0].message and "610.00万元" in found[0].message


def test_a_partial_list_of_sources_in_prose_is_not_a_finding() -> None:
    text = ("某县档案馆2023年部门整体支出绩效自评报告\n"
            "本年收入合计1200万元，其中：一般公共预算财政拨款1000万元，上年结转150万元。\n")
    assert findings_of(text) == []
    over = text.replace("上年结转150万元", "上年结转250万元")
    assert [f.kind for f in findings_of(over)] == ["sum"]


def test_personnel_and_public_costs_that_do_not_make_the_basic_spending() -> None:
    text = "（三）收支情况\n按支出性质分：基本支出 600.00 万元，其中人员经费 450.00 万元、公用经费 160.00 万元。\n"
    found = findings_of(text)
    assert [f.kind for f in found] == ["sum"] and "610.00万元" in found[0].message
    assert findings_of(text.replace("160.00", "150.00")) == []


PROJECT_TABLE = (
    "某县住建局2023年部门整体支出绩效自评报告\n二、重点项目情况\n表1 重点项目支出情况（单位：万元）\n"
    "| 项目名称 | 预算数 | 执行数 |\n| --- | --- | --- |\n"
    "| 道路养护项目 | 100.00 | 90.00 |\n| 路灯维护项目 | 50.00 | 45.00 |\n| 合计 | 150.00 | {spent} |\n"
)


def test_a_table_of_projects_total_row_is_theirs_and_must_add_up() -> None:
    norm = normalise(PROJECT_TABLE.format(spent="145.00"))
    facts = extract_facts(norm, analyse(norm))
    assert not [f for f in facts if f.scope == "department" and f.metric in ("预算数", "支出")]
    found = findings_of(PROJECT_TABLE.format(spent="145.00"))
    assert [f.kind for f in found] == ["sum"] and "135.00万元" in found[0].message
    assert findings_of(PROJECT_TABLE.format(spent="135.00")) == []
