"""Question resolution against the ingested samples: aliases, years, metrics, kinds, follow-ups."""

import pytest

from assistant.answer.understand.resolve import resolve


@pytest.fixture(scope="module")
def catalog(ingested):
    return ingested.qa.catalog()


@pytest.mark.parametrize("question, report, metrics, kind", [
    ("番禺区政府办2022年基本支出有多少？", "000", ("基本支出",), "figure"),
    ("广州市番禺区人民政府办公室2022年全年支出了多少钱？", "000", ("支出",), "figure"),
    ("中共番禺区委办公室（2023年）有几个内设科室？", "003", ("内设机构数",), "figure"),
    ("广州市政府办公厅2022年一共支出了多少？", "001", ("支出",), "figure"),
    ("番禺区委办2023年部门整体支出绩效评价得分是多少？", "003", ("自评得分",), "figure"),
    ("番禺区政府办2022年重点任务项目经费一共支出了多少？", "000", ("重点任务项目支出",), "figure"),
    ("荔湾区政府办2023年预算数比执行数多了多少？", "002", ("预算数", "支出"), "difference"),
    ("番禺区委办2023年项目支出占支出总额的比重是多少？", "003", ("项目支出", "支出"), "share"),
    # a rate asked after an expenditure class is that class's rate, never the department's
    ("荔湾区政府办2023年项目支出的执行率是多少？", "002", ("项目支出", "项目支出执行率"), "figure"),
    ("荔湾区政府办2023年基本支出是多少，执行率多少？", "002", ("基本支出", "基本支出执行率"), "figure"),
    ("荔湾区政府办2023年执行率是多少？", "002", ("执行率",), "figure"),
])
def test_single_department_questions(catalog, question, report, metrics, kind) -> None:
    q = resolve(question, catalog)
    assert [r[:3] for r in q.report_ids] == [report]
    assert (q.metrics, q.intent) == (metrics, kind)


def test_several_departments_and_all_departments(catalog) -> None:
    q = resolve("2023年荔湾区政府办、番禺区委办和白云区政府办中，哪个部门支出最少？", catalog)
    assert [r[:3] for r in q.report_ids] == ["002", "003", "004"]
    assert q.intent == "comparison" and q.unknown_places == ()
    q = resolve("这几份部门整体支出绩效自评报告里，哪个部门的自评得分最高？", catalog)
    assert len(q.report_ids) == 5 and q.metrics == ("自评得分",)


def test_unknown_department_and_missing_year(catalog) -> None:
    q = resolve("海珠区政府办2023年的预算执行率是多少？", catalog)
    assert q.unknown_places == ("海珠区政府办",) and q.report_ids == ()
    q = resolve("番禺区委办2022年的预算完成率是多少？", catalog)
    assert q.report_ids == () and q.missing_years


def test_follow_ups_reuse_department_year_and_metric(catalog) -> None:
    history = []
    for text in ("荔湾区政府办2023年的执行率是多少？", "那白云区呢？", "哪个更高？"):
        history.append(resolve(text, catalog, history))
    first, second, third = history
    assert second.metrics == ("执行率",) and second.years == (2023,)
    assert [r[:3] for r in second.report_ids] == ["004"]
    assert third.intent == "comparison" and [r[:3] for r in third.report_ids] == ["002", "004"]
    year = resolve("2022年呢？", catalog, [resolve("番禺区政府办2022年的项目支出是多少？", catalog)])
    assert year.metrics == ("项目支出",)


def test_project_subjects_from_the_question(catalog) -> None:
    q = resolve("白云区政府办2023年对外联络会议及调研、机关饭堂、智慧白云信息化建设这三个项目的预算合计多少？", catalog)
    assert q.intent == "sum" and len(q.subjects) == 3
