"""A two-column PDF page (a gazette's) is read column by column (`readers.pdf_columns`); a
page of one column, or of a table without rules, is left to `extract_text`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from assistant.eval.perturb_pdf import borderless_pdf, two_column_pdf
from assistant.ingest.readers.load import load_report

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from pdf_writer import PdfDoc  # noqa: E402

BODY = ("2024年年初预算612.40万元，年中追加寒潮专项救助和设施维修资金75.75万元，全年预算688.15万元。"
        "全年支出671.02万元，预算执行率97.51%。上年（2023年）支出640.57万元，执行率96.20%。"
        "全年支出中，基本支出455.36万元，其中人员经费401.28万元、公用经费54.08万元；项目支出215.66万元。"
        "“三公”经费支出6.40万元，其中公务用车运行维护费6.18万元，公务接待费0.22万元。")
REPORT = f"某某市救助管理站2024年度\n单位整体支出绩效自评报告\n一、预算执行情况\n{BODY}\n{BODY}\n二、问题\n{BODY}"


def _load(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    return load_report(path).text


def test_a_two_column_page_reads_each_column_top_to_bottom(tmp_path: Path) -> None:
    text = _load(tmp_path, two_column_pdf(REPORT)[1])
    lines = text.split("\n")
    assert lines[:2] == ["某某市救助管理站2024年度", "单位整体支出绩效自评报告"]
    body = "".join(lines[lines.index("一、预算执行情况") + 1:lines.index("二、问题")])
    assert body == BODY + BODY  # no line of the right column inside the left one's


def test_a_page_of_one_column_is_not_cut(tmp_path: Path) -> None:
    doc = PdfDoc()
    for _ in range(3):
        doc.text(BODY)
    text = _load(tmp_path, doc.to_bytes())
    assert text.replace("\n", "") == BODY * 3


@pytest.mark.parametrize("rows", [6, 14])
def test_a_table_without_rules_is_not_taken_for_two_columns(tmp_path: Path, rows: int) -> None:
    table = "\n".join(["| 资金来源 | 全年预算 | 全年支出 | 执行率 |"]
                      + [f"| 资金{k} | 1{k}0.00 | 1{k}0.00 | 100.00% |" for k in range(rows)])
    text = _load(tmp_path, borderless_pdf(f"某某局2024年度部门整体支出绩效自评报告\n{table}")[1])
    assert "资金1 110.00 110.00 100.00%" in text.split("\n")


GAZETTE = Path(__file__).resolve().parents[2] / "benchmarks" / "sets" / "hb" / "hb_g_report.pdf"


@pytest.mark.skipif(not GAZETTE.is_file(), reason="the benchmark sets are not in the repository")
def test_the_gazette_pages_budget_is_read_beside_its_label() -> None:
    from assistant.index.pipeline import prepare

    text = load_report(GAZETTE).text
    assert "年中追加寒潮\n专项救助和设施维修资金75.75万元，全年预算\n688.15万元。" in text
    facts = {(f.metric, f.scope, f.value) for f in prepare(GAZETTE, text).facts}
    assert ("预算数", "department", 688.15) in facts and ("执行率", "department", 97.51) in facts
