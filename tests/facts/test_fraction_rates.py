"""Rates a table writes as fractions (a sheet's 0.9528 whose % format was lost or never set)
are read as the percentages they are; a column of real percentages stays as written."""

from pathlib import Path

from assistant.index.pipeline import prepare
from assistant.ingest.readers.load import load_report
from tests.facts.extracted import facts

TABLE = "\n".join([
    "二、资金来源",
    "表1 资金来源执行情况（单位：万元）",
    "| 资金来源 | 全年预算数 | 全年执行数 | 执行率 |",
    "| --- | --- | --- | --- |",
    "| 一般公共预算财政拨款 | 800.00 | 760.00 | {a} |",
    "| 上年结转 | 200.00 | 200.00 | {b} |",
    "| 合计 | 1,000.00 | 960.00 | {c} |",
    "",
])


def _rates(found) -> dict[str, tuple[float, str]]:
    return {f.subject or "部门": (f.value, f.text_value) for f in found if f.metric == "执行率"}


def test_a_column_of_fractions_reads_as_percentages() -> None:
    rates = _rates(facts(TABLE.format(a="0.95", b="1", c="0.9600")))
    assert rates == {"一般公共预算财政拨款": (95.0, "95%"), "上年结转": (100.0, "100%"),
                     "部门": (96.0, "96.00%")}


def test_a_column_of_percentages_is_kept() -> None:
    rates = _rates(facts(TABLE.format(a="95.00%", b="100.00%", c="96.00%")))
    assert rates["部门"] == (96.0, "96.00%")
    small = _rates(facts(TABLE.format(a="0.95%", b="1%", c="0.96%")))  # written with a % sign
    assert small["部门"][0] == 0.96


def test_a_workbook_with_rates_in_general_format(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "预算执行"
    sheet.append(["某县图书馆2024年度部门整体支出绩效自评表"])
    sheet.append(["资金来源", "全年预算数（万元）", "全年执行数（万元）", "执行率"])
    sheet.append(["一般公共预算财政拨款", 500.0, 470.0, 0.94])
    sheet.append(["其他资金", 100.0, 100.0, 1])
    sheet.append(["合计", 600.0, 570.0, 0.95])
    path = tmp_path / "report.xlsx"
    book.save(path)
    found = prepare(path, load_report(path).text).facts
    rates = {(f.scope, f.value) for f in found if f.metric == "执行率"}
    assert ("department", 95.0) in rates and ("source", 94.0) in rates
    assert not any(value < 1.5 for _, value in rates)
