"""The layout corpus (benchmarks/layout_corpus.py) is self-consistent: every gold quote is in
its report as loaded and states the gold's figure, planted contradictions really contradict,
and the reports without one are consistent."""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from docx import Document

from assistant.eval.facts_eval import figures_in, load_gold, load_inconsistencies

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import layout_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("layouts")
    return out, layout_corpus.generate(out, seed=5)


def loaded_text(path: Path) -> str:
    """The report's text the way a reader gets it: file text, docx paragraphs and cells, or
    the PDF's extracted text."""
    if path.suffix == ".docx":
        doc = Document(str(path))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def test_layouts_kinds_and_provinces_are_all_there(corpus) -> None:
    out, manifest = corpus
    reports = manifest["reports"]
    assert {r["layout"] for r in reports} == set(layout_corpus.LAYOUTS)
    assert {r["kind"] for r in reports} == {"局", "委", "中心", "学校", "镇", "街道办事处", "医院"}
    assert len({r["province"] for r in reports}) >= 5
    assert len({r["department"] for r in reports}) == len(reports)
    assert json.loads((out / "reports.json").read_text(encoding="utf-8")) == reports
    assert layout_corpus.generate(out / "again", seed=5)["facts"] == manifest["facts"]
    gb = next(r["file"] for r in reports if r["layout"] == "sources_pipe")
    with pytest.raises(UnicodeDecodeError):
        (out / gb).read_bytes().decode("utf-8")
    assert (out / next(r["file"] for r in reports if r["layout"] == "docx_tables")).read_bytes()[:2] == b"PK"


def test_every_quote_is_in_its_report_and_states_the_figure(corpus) -> None:
    out, manifest = corpus
    texts = {r["file"]: loaded_text(out / r["file"]) for r in manifest["reports"]}
    gold = load_gold(out / "facts.json")
    assert len(gold) == len(manifest["facts"]) > 150
    for g in gold:
        assert g.quote in texts[g.report], (g.report, g.quote)
        assert states(g.quote, Decimal(repr(g.value)).normalize()), g
    for i in load_inconsistencies(out / "inconsistencies.json"):
        assert all(q in texts[i.report] for q in i.quotes), i


def states(quote: str, value: Decimal) -> bool:
    """The quote states the value: as one of its figures, read with its line breaks as
    wrapped lines or as cell separators, or (OCR) as a weight glued to a following 100%."""
    if value in figures_in(quote.replace("\n", "")) | figures_in(quote):
        return True
    return re.search(rf"(?<![\d.]){value:f}100%", quote) is not None


def _report(manifest: dict, layout: str, planted: bool) -> str:
    return next(r["file"] for r in manifest["reports"]
                if r["layout"] == layout and bool(r["planted"]) == planted)


def test_cell_paragraphs_one_cell_a_paragraph(corpus) -> None:
    out, manifest = corpus
    text = loaded_text(out / _report(manifest, "cell_paragraphs", True))
    assert "|" not in text
    cells = text.strip().split("\n\n")
    assert all(c and "\n" not in c for c in cells)
    header = cells.index("资金来源")
    assert cells[header:header + 7] == ["资金来源", "年初预算数", "全年预算数", "全年执行数", "分值",
                                        "执行率", "得分"]
    k = cells.index("三级指标")
    assert cells[k:k + 5] == ["三级指标", "指标值", "完成值", "分值", "得分"]


def test_one_line_table_is_one_line(corpus) -> None:
    out, manifest = corpus
    text = loaded_text(out / _report(manifest, "one_line_table", False))
    line = next(x for x in text.splitlines() if x.startswith("资金来源 年初预算数 全年预算数"))
    assert " 合计 " in line and line.endswith("%") and line.count("%") == 4
    assert "执行率" not in text.replace(line, "")


def test_ocr_runon_glues_names_weights_criteria_and_scores(corpus) -> None:
    out, manifest = corpus
    for planted in (True, False):
        report = _report(manifest, "ocr_runon", planted)
        text = loaded_text(out / report)
        assert "指标分值二级指标分值三级指标分值评价标准指标说明得分投入" in text
        assert re.search(r"\n\d、", text) and re.search(r"[\u4e00-\u9fff]\d{1,2}100%计满分", text)
        rows = [g for g in manifest["facts"] if g["report"] == report]
        levels = {g["metric"].split(":")[0] for g in rows}
        assert {"一级指标分值", "二级指标分值", "指标分值", "指标得分", "预算数", "执行数", "执行率"} <= levels
        firsts = sum(g["value"] for g in rows if g["metric"].startswith("一级指标分值:"))
        weights = sum(g["value"] for g in rows if g["metric"].startswith("指标分值:"))
        assert firsts == weights == 100


def test_unruled_pdf_has_no_lines_and_spaces_between_cells(corpus) -> None:
    out, manifest = corpus
    with pdfplumber.open(out / _report(manifest, "pdf_unruled", True)) as doc:
        page = doc.pages[0]
        assert not page.lines and not page.rects
        text = page.extract_text()
    assert "单位：元" in text and "资金来源 年初预算数 全年预算数 全年执行数 执行率" in text
    total = next(x for x in text.splitlines() if x.startswith("合计 "))
    assert re.fullmatch(r"合计( [\d,]+\.\d\d){3} [\d.]+%", total)


def test_the_ruled_pdf_table_goes_over_a_page_break(corpus) -> None:
    out, manifest = corpus
    pdf = next(r["file"] for r in manifest["reports"] if r["layout"] == "pdf_ruled")
    with pdfplumber.open(out / pdf) as doc:
        pages = [page.extract_text() for page in doc.pages]
    assert len(pages) == 2 and "单位：元" in pages[0]
    assert "合计" in pages[1] and "项目名称" in pages[0] and "项目名称" in pages[1]


def _contradicts(check: str, f: dict) -> bool:
    if check == "rate":
        return abs(f["spent"] / f["budget"] * 100 - f["rate"]) > 0.5
    if check == "sum":
        return abs(sum(f["parts"]) - f["total"]) > 0.01
    if check == "score":
        return f["score"] > f["weight"]
    if check == "conflict":
        return len(set(f["values"])) > 1
    if check == "unit":  # the stated 元 figure is the 万元 of 人数×标准
        return f["people"] * f["standard"] / 10000 == f["stated"] != f["people"] * f["standard"]
    raise AssertionError(check)


def test_planted_contradictions_contradict_and_the_rest_is_consistent(corpus) -> None:
    out, manifest = corpus
    planted = manifest["inconsistencies"]
    assert {i["check"] for i in planted} == {"rate", "sum", "score", "conflict", "unit"}
    assert all(_contradicts(i["check"], i["figures"]) for i in planted)
    with_plant = {i["report"] for i in planted}
    assert with_plant == {r["file"] for r in manifest["reports"] if r["planted"]}
    clean = [r["file"] for r in manifest["reports"] if not r["planted"]]
    assert len(clean) >= 5
    for report in clean:
        rows = [g for g in manifest["facts"] if g["report"] == report]
        assert _rates_agree(rows), report
        assert all(g["value"] <= _weight(rows, g) for g in rows if g["metric"].startswith("指标得分:"))


def _money(g: dict) -> float:
    return g["value"] / 10000 if g["unit"] == "元" else g["value"]


def _rates_agree(rows: list[dict]) -> bool:
    """The department's stated rate is 执行数 / 预算数 (the adjusted budget), when stated."""
    rate = [g["value"] for g in rows if g["metric"] == "执行率"]
    budgets = [_money(g) for g in rows if g["metric"] == "预算数" and g.get("which") != "年初预算数"]
    spent = {_money(g) for g in rows if g["metric"] == "执行数"}
    if not (rate and budgets and spent):
        return True
    return len(spent) == 1 and abs(spent.pop() / budgets[0] * 100 - rate[0]) < 0.01


def _weight(rows: list[dict], score: dict) -> float:
    name = score["metric"].split(":", 1)[1]
    return next(g["value"] for g in rows if g["metric"] == f"指标分值:{name}")
