"""A table whose rows are the headline metrics and whose columns are years (a two-year
comparison under a merged 金额 header): each figure is that metric of that year."""

from pathlib import Path

from assistant.index.pipeline import prepare
from assistant.ingest.readers.load import load_report

PAGE = """<html><head><title>某县博物馆2024年度部门整体支出绩效自评报告</title></head><body>
<h1>某县博物馆2024年度部门整体支出绩效自评报告</h1>
<p>一、部门整体支出情况</p>
<p>2024年本馆全年预算数620.00万元，全年执行数590.00万元，预算执行率95.16%。两年对比如下：</p>
<table>
<caption>表1 两个年度预算执行对比</caption>
<tr><th rowspan="2">项目</th><th colspan="2">金额（万元）</th><th rowspan="2">变化情况</th></tr>
<tr><th>2023年度</th><th>2024年度</th></tr>
<tr><td>年初预算数</td><td>540.00</td><td>600.00</td><td>增加60.00</td></tr>
<tr><td>全年预算数</td><td>560.00</td><td>620.00</td><td>增加60.00</td></tr>
<tr><td>全年执行数</td><td>530.00</td><td>590.00</td><td>增加60.00</td></tr>
<tr><td>预算执行率</td><td>94.64%</td><td>95.16%</td><td>提高0.52个百分点</td></tr>
<tr><td>自评得分（分）</td><td>91</td><td>92.5</td><td>提高1.5</td></tr>
</table>
<p>二、绩效目标完成情况</p>
<p>全年举办展览12场。</p>
</body></html>
"""


def _facts(tmp_path: Path):
    path = tmp_path / "report.html"
    path.write_text(PAGE, encoding="utf-8")
    return prepare(path, load_report(path).text).facts


def test_each_years_column_gives_that_years_figures(tmp_path: Path) -> None:
    found = {(f.metric, f.period, f.value) for f in _facts(tmp_path)
             if f.scope == "department" and not f.subject}
    assert {("年初预算数", "年初", 600.0), ("预算数", "", 620.0), ("支出", "", 590.0),
            ("执行率", "", 95.16), ("自评得分", "", 92.5)} <= found
    assert {("2023年预算数", "2023年", 560.0), ("2023年支出", "2023年", 530.0),
            ("2023年执行率", "2023年", 94.64), ("2023年自评得分", "2023年", 91.0)} <= found


def test_the_change_column_and_other_rows_give_no_level(tmp_path: Path) -> None:
    facts = _facts(tmp_path)
    assert not any(f.value == 60.0 for f in facts)
    current = [f.value for f in facts if f.metric == "预算数" and f.scope == "department"]
    assert set(current) == {620.0}


def test_a_table_of_projects_is_not_read_by_metric_rows() -> None:
    from tests.facts.extracted import facts

    text = "\n".join([
        "三、项目支出情况",
        "| 项目名称 | 全年预算数 | 执行数 |",
        "| --- | --- | --- |",
        "| 展陈提升 | 200.00 | 190.00 |",
        "| 文物修复 | 80.00 | 78.00 |",
        "",
    ])
    found = {(f.scope, f.subject, f.metric) for f in facts(text)}
    assert ("project", "展陈提升", "预算数") in found


def test_the_same_table_in_a_workbook_with_merged_header_cells(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "对比"
    sheet.append(["某县博物馆2024年度部门整体支出绩效自评表"])
    sheet.append(["项目", "金额（万元）", None, "变化情况"])
    sheet.append([None, "2023年度", "2024年度", None])
    for row in (["年初预算数", 540.0, 600.0, "增加60.00"], ["全年预算数", 560.0, 620.0, "增加60.00"],
                ["全年执行数", 530.0, 590.0, "增加60.00"], ["预算执行率", "94.64%", "95.16%", "提高0.52"]):
        sheet.append(row)
    sheet.merge_cells("B2:C2")
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("D2:D3")
    path = tmp_path / "report.xlsx"
    book.save(path)
    found = {(f.metric, f.value) for f in prepare(path, load_report(path).text).facts
             if f.scope == "department"}
    assert {("预算数", 620.0), ("支出", 590.0), ("2023年预算数", 560.0), ("执行率", 95.16)} <= found
