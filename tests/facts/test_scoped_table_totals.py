"""A table under a heading or caption about projects (重点项目, 专项资金, 二级单位) totals those
subjects in its 合计 row: never the department's figure, whatever its rows are called."""

from __future__ import annotations

from pathlib import Path

from assistant.index.pipeline import prepare

REPORT = "\n".join([
    "# 某市甲县畜牧兽医局2024年度部门整体支出绩效自评报告",
    "",
    "## 一、部门收支情况",
    "",
    "2024年我局全年预算3,200.00万元，实际支出3,040.00万元，预算执行率95.00%。",
    "",
    "## 二、重点工作完成情况",
    "",
    "表3 2024年重点项目资金执行情况（单位：千元）",
    "",
    "| 名称 | 全年预算 | 执行数 | 执行率 |",
    "| --- | --- | --- | --- |",
    "| 动物疫病强制免疫 | 9,000.0 | 8,700.0 | 96.67% |",
    "| 畜禽粪污资源化利用 | 6,000.0 | 5,400.0 | 90.00% |",
    "| 合计 | 15,000.0 | 14,100.0 | 94.00% |",
    "",
])


def _department(text: str) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for f in prepare(Path("report.md"), text).facts:
        if f.scope == "department" and f.metric in ("预算数", "支出", "执行率"):
            out.setdefault(f.metric, []).append(f.value)
    return out


def test_a_project_tables_total_is_not_the_departments() -> None:
    assert _department(REPORT) == {"预算数": [3200.0], "支出": [3040.0], "执行率": [95.0]}


def test_a_total_under_a_funding_source_caption_stays_the_departments() -> None:
    sources = REPORT.replace("2024年重点项目资金执行情况（单位：千元）", "2024年资金来源执行情况（单位：万元）").replace(
        "| 动物疫病强制免疫 | 9,000.0 | 8,700.0 | 96.67% |", "| 一般公共预算财政拨款 | 2,000.00 | 1,900.00 | 95.00% |").replace(
        "| 畜禽粪污资源化利用 | 6,000.0 | 5,400.0 | 90.00% |", "| 政府性基金预算财政拨款 | 1,200.00 | 1,140.00 | 95.00% |").replace(
        "| 合计 | 15,000.0 | 14,100.0 | 94.00% |", "| 合计 | 3,200.00 | 3,040.00 | 95.00% |")
    found = _department(sources)
    assert set(found["预算数"]) == {3200.0} and len(found["预算数"]) == 2


def test_the_same_table_read_from_a_markdown_file(tmp_path) -> None:
    from assistant.ingest.readers.load import load_report

    path = tmp_path / "report.md"
    path.write_text(REPORT, encoding="utf-8")
    found: dict[str, list[float]] = {}
    for f in prepare(path, load_report(path).text).facts:
        if f.scope == "department" and f.metric in ("预算数", "支出", "执行率"):
            found.setdefault(f.metric, []).append(f.value)
    assert found == {"预算数": [3200.0], "支出": [3040.0], "执行率": [95.0]}
