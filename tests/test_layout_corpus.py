"""The layout corpus (benchmarks/layout_corpus.py) is self-consistent: every gold quote is in
its report as loaded and states the gold's figure, planted contradictions really contradict,
and the reports without one are consistent."""

from __future__ import annotations

import json
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
        assert Decimal(repr(g.value)).normalize() in figures_in(g.quote.replace("\n", "")), g
    for i in load_inconsistencies(out / "inconsistencies.json"):
        assert all(q in texts[i.report] for q in i.quotes), i


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
