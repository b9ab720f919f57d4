"""The rewrites of `eval-facts --perturb` (pure) and the check that compares what ingest reads
from each (it finds a changed fact, and finds none on a sample under the rewrites)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.eval import perturb
from assistant.eval.perturb_check import (
    compare,
    diff_facts,
    format_check,
    report_texts,
    run_check,
    scratch_ingest,
)
from assistant.ingest.readers.load import load_report
from tests.conftest import SAMPLES

REPORT = """附件 1

某某县水务局 2023 年度
部门整体支出绩效自评报告

一、部门基本情况
（一）部门职能
1. 负责全县水资源管理。
（1）全年预算数 1,234.56 万元，执行率 -2.5% 同比。
项目 | 预算数 | 执行数 |
河道保洁 | 30.00 | 29.50 |
"""


def test_full_width_rewrites_every_number_and_only_numbers() -> None:
    out = perturb.full_width(REPORT)
    assert "１，２３４．５６ 万元" in out and "－２．５％" in out and "２０２３ 年度" in out
    assert "某某县水务局" in out and "，执行率" in out


def test_field_label_and_list_marker_go_before_the_title_not_the_attachment_mark() -> None:
    assert "\n填报单位：某某县水务局 2023 年度\n" in perturb.field_label(REPORT)
    assert "\n2.某某县水务局 2023 年度\n" in perturb.list_marker(REPORT)
    assert perturb.list_marker(REPORT).startswith("附件 1\n")


def test_crlf() -> None:
    assert perturb.crlf("a\nb") == "a\r\nb"


def test_heading_styles_are_swapped_both_ways_so_levels_stay_apart() -> None:
    out = perturb.heading_style(REPORT).split("\n")
    assert "第一部分 部门基本情况" in out and "（1）负责全县水资源管理。" in out
    assert any(line.startswith("1.全年预算数") for line in out)
    assert perturb.heading_style("第二部分 绩效\n（3）结论") == "二、绩效\n3.结论"
    assert perturb.heading_style("2.35万元为其余") == "2.35万元为其余"  # a decimal, not a marker


def test_table_rows_one_cell_per_line_or_tab_separated() -> None:
    lines = perturb.cells_per_line(REPORT).split("\n")
    assert lines[-5:-1] == ["执行数", "河道保洁", "30.00", "29.50"]
    assert "河道保洁\t30.00\t29.50" in perturb.tab_separated(REPORT)
    assert "\n执行数\n\n河道保洁\n\n30.00\n\n29.50\n" in perturb.cells_per_paragraph(REPORT)
    assert "一\n\n\n\n二" in perturb.cells_per_paragraph("| 一 |  | 二 |")  # an empty cell


def test_web_page_and_docx_keep_the_text(tmp_path: Path) -> None:
    for render in (perturb.web_page, perturb.word_document):
        suffix, data = render(REPORT)
        path = tmp_path / f"r{suffix}"
        path.write_bytes(data)
        text = load_report(path).text
        assert "某某县水务局 2023 年度" in text and "1,234.56" in text
    html = perturb.web_page(REPORT)[1].decode("utf-8")
    assert "首页 &gt; 信息公开" in html and "发布日期" in html and "【打印】" in html


def _fact(metric: str, value: float, subject: str = "") -> dict:
    return {"metric": metric, "scope": "project" if subject else "department",
            "subject": subject, "value": value, "unit": "万元", "period": ""}


def test_diff_counts_lost_and_gained_facts_as_multisets() -> None:
    before = [_fact("预算数", 10.0), _fact("预算数", 10.0), _fact("支出", 5, "保洁")]
    after = [_fact("预算数", 10), _fact("支出", 5.0, "保洁"), _fact("支出", 6)]
    assert diff_facts(before, after) == {"lost": ["预算数=10万元"], "gained": ["支出=6万元"]}


def test_compare_reports_renames_and_missing_reports() -> None:
    original = {"a": {"department": "某局", "year": 2023, "facts": [_fact("预算数", 1)]},
                "b": {"department": "某委", "year": 2023, "facts": []}}
    perturbed = {"a": {"department": "填报单位：某局", "year": 2023, "facts": [_fact("预算数", 1)]}}
    changes = compare(original, perturbed)
    assert changes[0]["department"] == ["某局", "填报单位：某局"] and changes[0]["changed"] == 0
    assert changes[1]["missing"]


def test_a_fact_changing_rewrite_is_detected_without_ingest() -> None:
    def fake_ingest(folder: Path) -> dict:
        text = next(folder.iterdir()).read_text(encoding="utf-8")
        return {"r": {"department": "某局", "year": 2023,
                      "facts": [_fact("预算数", 2.0 if "２" in text else 1.0)]}}

    result = run_check({"r": "预算 2 万元"}, fake_ingest, [perturb.perturbation("full_width"),
                                                       perturb.perturbation("crlf")])
    rows = {r["name"]: r["changed"] for r in result["perturbations"]}
    assert rows == {"full_width": 2, "crlf": 0} and result["changed"] == 2
    assert "CHANGED: 2" in format_check(result)


def _builder(settings):
    from assistant.factory import build_assistant

    return lambda data_dir: build_assistant(settings.with_(data_dir=data_dir))


def test_no_fact_of_a_sample_changes_under_the_rewrites(settings, tmp_path: Path) -> None:
    """Two samples, ingested with fake embeddings as written and under every rewrite but the
    table ones (the samples have no table rows to rewrite)."""
    folder = tmp_path / "two"
    folder.mkdir()
    for sample in SAMPLES[2:4]:
        (folder / sample.name).write_bytes(sample.read_bytes())
    texts = report_texts([folder])
    chosen = [p for p in perturb.PERTURBATIONS if p.name not in ("cells_per_line", "tab_separated")]
    result = run_check(texts, scratch_ingest(_builder(settings)), chosen)
    assert result["reports"] == 2 and result["facts"] > 20
    assert result["changed"] == 0, format_check(result)


def test_the_check_fails_on_a_rewrite_that_changes_a_figure(settings, tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / SAMPLES[2].name).write_bytes(SAMPLES[2].read_bytes())
    texts = report_texts([folder])
    stem = SAMPLES[2].stem
    figure = "3181.27"
    assert figure in texts[stem]
    wrong = perturb.Perturbation("wrong", "a figure changed",
                                 lambda text: (".txt", text.replace(figure, "3281.27").encode()))
    result = run_check(texts, scratch_ingest(_builder(settings)), [wrong])
    lost = result["perturbations"][0]["reports"][0]["facts"]["lost"]
    assert result["changed"] > 0 and any("3181.27" in f for f in lost)


def test_other_labels_markers_and_chrome_lines_before_the_title() -> None:
    assert "\n部门（单位）名称: 某某县水务局 2023 年度\n" in perturb.field_label_ascii(REPORT)
    assert "\n（一）某某县水务局 2023 年度\n" in perturb.list_marker_paren(REPORT)
    chrome = perturb.page_chrome(REPORT).split("\n")
    assert chrome[:5] == list(perturb.PAGE_CHROME) and chrome[5] == "附件 1"


def test_space_grouped_thousands() -> None:
    assert perturb.space_grouped("预算 1,234,567.89 万元，2023 年，12,3") == "预算 1 234 567.89 万元，2023 年，12,3"
    assert perturb.no_break_grouped("预算 1,234.5 万元，12,3") == "预算 1\u00a0234.5 万元，12,3"


def test_a_form_one_cell_per_line_in_a_web_page(tmp_path: Path) -> None:
    suffix, data = perturb.web_form(REPORT)
    path = tmp_path / f"r{suffix}"
    path.write_bytes(data)
    lines = load_report(path).text.split("\n")
    k = lines.index("河道保洁")
    assert lines[k - 1:k + 3] == ["执行数", "河道保洁", "30.00", "29.50"]


SHARED_EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
SHARED_SETS = [SHARED_EVAL / "reports-dev", SHARED_EVAL / "fictional-dev" / "linjiang",
               SHARED_EVAL / "fictional-dev" / "yunzhou"]


@pytest.mark.skipif(not all(d.is_dir() for d in SHARED_SETS),
                    reason="the shared eval sets are not beside the repository")
def test_no_fact_of_any_shared_report_changes_under_any_rewrite(settings, tmp_path: Path) -> None:
    """The metamorphic check of the issue, run in CI: every shared report (the samples, the
    real and the fictional sets) under every rewrite, fake embeddings (about two minutes)."""
    folder = tmp_path / "shared"
    folder.mkdir()
    for d in SHARED_SETS:
        for report in sorted(d.glob("r[0-9]*_*.txt")) + sorted(d.glob("report_*")):
            (folder / report.name).write_bytes(report.read_bytes())
    texts = report_texts([settings.corpus_dir, folder])
    result = run_check(texts, scratch_ingest(_builder(settings)))
    assert result["reports"] == 5 + 6 + 7
    assert result["changed"] == 0, format_check(result)


BENCHMARK_SETS = Path(__file__).resolve().parents[2] / "benchmarks" / "sets"
# reports of the repository's benchmark sets whose layouts the rewrites used to change: a
# table aligned by spaces (hy_b), forms one cell per line with empty cells (hz_a), a .docx's
# pipe tables (hz_b), a project form in tab rows (hz_f)
LAYOUTS = ("hy/hy_b_report.txt", "hz/hz_a_report.txt", "hz/hz_b_report.docx",
           "hz/hz_f_report.txt")


def _prepared_library(folder: Path) -> dict:
    """A library read with the ingest stages alone (no index, no model): fast enough for a
    unit test."""
    from assistant.index.pipeline import prepare
    from assistant.ingest.readers.load import iter_report_files

    library = {}
    for path in iter_report_files([folder]):
        p = prepare(path, load_report(path).text)
        library[path.stem] = {"department": p.structure.department, "year": p.structure.year,
                              "facts": [f.to_dict() for f in p.facts]}
    return library


@pytest.mark.skipif(not all((BENCHMARK_SETS / r).is_file() for r in LAYOUTS),
                    reason="the benchmark sets are not in the repository")
def test_no_fact_changes_in_space_aligned_tables_forms_and_web_pages(tmp_path: Path) -> None:
    folder = tmp_path / "layouts"
    folder.mkdir()
    for r in LAYOUTS:
        (folder / Path(r).name).write_bytes((BENCHMARK_SETS / r).read_bytes())
    chosen = [perturb.perturbation(n) for n in
              ("space_grouped", "nbsp_grouped", "heading_style", "cells_per_line",
               "cells_per_paragraph", "tab_separated", "web_page", "web_form",
              "ideographic_aligned", "word_spans")]
    result = run_check(report_texts([folder]), _prepared_library, chosen)
    assert result["reports"] == 4 and result["facts"] > 200
    assert result["changed"] == 0, format_check(result)


def test_ideographic_alignment_pads_rectangular_tables_only() -> None:
    out = perturb.ideographic_aligned("| 名称 | 金额 |\n| --- | --- |\n| 办公费 | 1.50 |\n正文")
    assert out.split("\n") == ["名称\u3000\u3000\u3000金额", "办公费\u3000\u30001.50", "正文"]
    form = "| 绩效指标 | 一级 | 二级 |\n| 产出 | 10 |  |\n| 合计 |\n正文"
    assert perturb.ideographic_aligned(form) == form  # merged cells: as written, once


def test_word_spans_split_numbers_across_runs_and_read_back(tmp_path: Path) -> None:
    suffix, data = perturb.word_spans(REPORT)
    page = data.decode("utf-8")
    assert suffix == ".html" and "1,23</span><span" in page and "\r\n" in page
    path = tmp_path / f"r{suffix}"
    path.write_bytes(data)
    text = load_report(path).text
    assert "全年预算数 1,234.56 万元" in text and "某某县水务局 2023 年度" in text
