"""Scanned reports read offline: a page drawn with Pillow (text and a budget table) saved as
an image-only PDF, and a mixed PDF (a text page, then a scanned page), are ingested; the
facts recovered are checked against the text they were drawn from. Two OCR'd pages in all:
the OCR engine is real (RapidOCR with the models its wheel ships), the network is off."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.factory import build_assistant
from assistant.ingest.readers import ocr
from assistant.ingest.readers.load import load_report
from assistant.settings import Settings

from ..conftest import CORPUS

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from pdf_writer import PdfDoc  # noqa: E402
from scan_writer import ScanDoc, find_cjk_font  # noqa: E402

pytest.importorskip("rapidocr_onnxruntime", reason="the OCR engine is not installed")
pypdfium2 = pytest.importorskip("pypdfium2")
FONT = find_cjk_font()
pytestmark = pytest.mark.skipif(
    FONT is None, reason="no Chinese font on this system to draw a scan with "
                         "(Debian: fonts-noto-cjk)")

TITLE = "某县农业农村局2024年度部门整体支出绩效自评报告"
SCAN_LINES = [
    TITLE,
    "一、部门基本情况",
    "本年度部门预算收入合计2,356.80万元，预算执行率为97.35%。",
    "单位：万元",
]
TABLE = [["项目名称", "全年预算数", "全年执行数", "执行率"],
         ["农田水利维护", "420.00", "401.25", "95.54%"],
         ["动物疫病防控", "186.40", "186.40", "100.00%"]]
# an indicator table whose 三级指标 cell wraps onto two lines
INDICATORS = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"],
              ["产出指标", "数量指标", "组织开展基层农技人员业务培训班次", "≥12期", "14期", "10"],
              ["效益指标", "满意度指标", "服务对象满意度", "≥90%", "96%", "9.5"]]


def scan_page() -> ScanDoc:
    doc = ScanDoc(FONT)
    for line in SCAN_LINES:
        doc.text(line)
    doc.table(TABLE, col_widths=[3, 2, 2, 2])
    doc.text("二、绩效指标完成情况")
    doc.table(INDICATORS, col_widths=[2, 2, 4, 2, 2, 1])
    doc.text("三、存在的问题")
    return doc


def mixed_pdf() -> bytes:
    """Page 1 has a text layer; page 2 is a scan."""
    text = PdfDoc().text("某县农业农村局2024年度部门整体支出绩效自评报告（续）", size=14) \
        .text("一、部门整体支出情况").text("本年度基本支出1,120.60万元。").to_bytes()
    scan = ScanDoc(FONT).text("二、项目支出情况").text("本年度项目支出836.20万元，自评得分93.5分。")
    merged = pypdfium2.PdfDocument(text)
    merged.import_pages(pypdfium2.PdfDocument(scan.to_pdf()))
    out = io.BytesIO()
    merged.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("scans")
    (base / "扫描件.pdf").write_bytes(scan_page().to_pdf())
    (base / "部分扫描.pdf").write_bytes(mixed_pdf())
    return {"dir": base, "scan": base / "扫描件.pdf", "mixed": base / "部分扫描.pdf"}


@pytest.fixture(scope="module")
def library(scans, tmp_path_factory):
    """Both files ingested; every OCR'd box counts as uncertain (the threshold is raised
    above any confidence), so marked figures are exactly those read by OCR."""
    base = tmp_path_factory.mktemp("ocr-lib")
    settings = Settings(data_dir=base / "data", models_dir=base / "m", corpus_dir=CORPUS,
                        embedding_model="fake", llm="none")
    lib = build_assistant(settings).library
    labels: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ocr, "LOW_CONFIDENCE", 1.01)
        results = lib.ingest([scans["scan"], scans["mixed"]],
                             progress=lambda done, total, label: labels.append(label))
    assert [r.status for r in results] == ["added", "added"], [r.message for r in results]
    return {"lib": lib, "labels": labels, "data": base / "data"}


def facts_of(lib, report: str) -> dict[tuple[str, str], object]:
    return {(f.subject, f.metric): f for f in lib.store.facts() if f.report_id == report}


def test_a_scan_is_read_into_lines_and_table_rows_with_its_confidence(scans) -> None:
    calls: list[tuple[int, int]] = []
    doc = load_report(scans["scan"], progress=lambda k, n: calls.append((k, n)))
    lines = doc.text.split("\n")
    assert lines[:4] == SCAN_LINES
    assert "项目名称：农田水利维护；全年预算数（万元）：420.00；全年执行数（万元）：401.25；" \
           "执行率：95.54%" in lines
    assert calls == [(1, 1)]
    assert doc.ocr is not None and doc.ocr.pages == (1,)
    assert min(line.conf for line in doc.ocr.lines) > 0.8
    assert doc.page_starts == (0,)


def test_facts_of_a_scan_match_the_text_it_was_drawn_from(library) -> None:
    facts = facts_of(library["lib"], "扫描件.pdf")
    report = library["lib"].store.report("扫描件.pdf")
    assert report.department == "某县农业农村局" and report.year == 2024
    values = {k: float(f.value) for k, f in facts.items() if f.value is not None}
    assert values[("", "收入")] == 2356.80
    assert values[("", "执行率")] == 97.35
    assert values[("农田水利维护", "预算数")] == 420.00
    assert values[("农田水利维护", "支出")] == 401.25
    assert values[("动物疫病防控", "执行率")] == 100.00
    assert values[("组织开展基层农技人员业务培训班次", "得分")] == 10
    assert values[("服务对象满意度", "目标值")] == 90
    assert values[("服务对象满意度", "实际值")] == 96
    assert values[("服务对象满意度", "得分")] == 9.5
    assert all(f.page == 1 for f in facts.values())


def test_a_mixed_pdf_keeps_its_text_layer_and_reads_the_scanned_page(library) -> None:
    lib = library["lib"]
    text = lib.store.report_text("部分扫描.pdf")
    assert "本年度基本支出1,120.60万元。" in text  # from the text layer, verbatim
    facts = facts_of(lib, "部分扫描.pdf")
    basic, projects, score = facts[("", "基本支出")], facts[("", "项目支出")], facts[("", "自评得分")]
    assert (float(basic.value), basic.page) == (1120.60, 1)
    assert (float(projects.value), projects.page) == (836.20, 2)
    assert (float(score.value), score.page) == (93.5, 2)
    assert "部分扫描.pdf page 1/1" in library["labels"]
    assert "扫描件.pdf page 1/1" in library["labels"]


def test_jixiao_facts_marks_the_figures_ocr_was_unsure_of(library, monkeypatch) -> None:
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(library["data"]))
    monkeypatch.setenv("JIXIAO_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("JIXIAO_LLM", "none")
    from assistant.cli.main import main

    runner = CliRunner()
    shown = runner.invoke(main, ["facts", "--report", "部分扫描.pdf"], catch_exceptions=False)
    lines = shown.output.split("\n")
    assert any("项目支出 = 836.20万元（OCR低置信）" in line for line in lines), shown.output
    assert any(line.endswith("基本支出 = 1,120.60万元") for line in lines), shown.output
    listed = json.loads(runner.invoke(main, ["facts", "--json", "--report", "部分扫描.pdf"],
                                      catch_exceptions=False).output)
    marked = {f["metric"] for f in listed["facts"] if f.get("ocr_low_confidence")}
    assert "项目支出" in marked and "基本支出" not in marked


def test_an_unchanged_scan_is_not_read_again(library, scans, monkeypatch) -> None:
    def no_ocr(*args, **kwargs):
        raise AssertionError("an unchanged scan was OCR'd again")

    monkeypatch.setattr(ocr, "ocr_pages", no_ocr)
    [result] = library["lib"].ingest([scans["scan"]])
    assert result.status == "unchanged"
