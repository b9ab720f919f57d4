"""`jixiao review` (--json, --out .docx/.xlsx, a file not indexed) and `jixiao export --summary`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli.main import main
from tests.review import reports as r


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JIXIAO_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("JIXIAO_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("JIXIAO_LLM", "none")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "lin_a.txt").write_text(r.report(indicators=r.INDICATORS.replace(
        "实际为93.5%，权重30分，得30分", "实际为86.0%，权重30分，得30分")), encoding="utf-8")
    (d / "lin_b.txt").write_text(r.report(year=2022).replace("松溪县林业局", "松溪县水利局").replace(
        "“三公”经费支出9.20万元，其中公务用车运行维护费7.40万元、公务接待费1.80万元。\n", ""),
        encoding="utf-8")
    return d


def test_review_json_of_an_indexed_report(run, folder) -> None:
    assert run("ingest", str(folder)).exit_code == 0
    out = json.loads(run("review", "lin_a", "--json").output)
    assert out["report"] == "lin_a.txt"
    [finding] = out["findings"]
    assert finding["category"] == "合理性" and finding["severity"] == "须修改"
    assert "苗木成活率" in finding["quotes"][0]["quote"]
    assert set(finding["quotes"][0]) == {"file", "section", "page", "quote"}


def test_review_of_a_file_not_indexed(run, folder) -> None:
    out = json.loads(run("review", str(folder / "lin_b.txt"), "--json").output)
    assert out["report"] == "lin_b.txt"
    assert [f["rule"] for f in out["findings"]] == ["figure_missing"]
    assert json.loads(run("reports", "--json").output) == []  # nothing was indexed


def test_review_out_docx_and_xlsx(run, folder, tmp_path) -> None:
    import docx
    import openpyxl

    run("ingest", str(folder))
    result = run("review", "lin_a.txt", "--out", str(tmp_path / "审核意见.docx"))
    assert result.exit_code == 0 and "苗木成活率" in result.output
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "审核意见.docx")).paragraphs)
    assert "审核意见" in text and "合理性" in text and "苗木成活率" in text and "修改要求" in text
    run("review", "lin_a", "--out", str(tmp_path / "审核意见.xlsx"))
    ws = openpyxl.load_workbook(tmp_path / "审核意见.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][:3] == ("序号", "类别", "严重程度")
    assert len(rows) == 3 and rows[2][1] == "合理性" and "苗木成活率" in rows[2][9]


def test_export_summary(run, folder, tmp_path) -> None:
    import openpyxl

    run("ingest", str(folder))
    assert run("export", "--summary", str(tmp_path / "汇总.xlsx")).exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    rows = list(wb["汇总表"].iter_rows(values_only=True))
    header, *body = rows
    assert header[:4] == ("部门", "年度", "文件", "预算数（万元）")
    by_file = {row[2]: dict(zip(header, row, strict=True)) for row in body}
    assert by_file["lin_a.txt"]["预算数（万元）"] == 2000.0
    assert by_file["lin_a.txt"]["自评等级"] == "优"
    assert by_file["lin_b.txt"]["三公经费（万元）"] == "未披露"
    sources = list(wb["来源"].iter_rows(values_only=True))
    assert any(row[4] == "lin_a.txt" and "2,000.00万元" in row[7] for row in sources[1:])
