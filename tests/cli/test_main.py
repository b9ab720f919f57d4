"""The `jixiao` command, run through click's CliRunner against a temporary data dir."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli.main import main


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


def test_help_lists_the_verbs(run) -> None:
    out = run("--help").output
    for verb in ("ingest", "reports", "remove", "facts", "check", "models", "doctor"):
        assert verb in out


def test_ingest_then_reports_facts_and_check(run, corpus) -> None:
    result = run("ingest", str(corpus))
    assert result.exit_code == 0, result.output
    assert "5 ok, 0 failed" in result.output
    reports = json.loads(run("reports", "--json").output)
    assert {r["department"] for r in reports} >= {"广州市荔湾区人民政府办公室", "广州市人民政府办公厅"}
    facts = json.loads(run("facts", "--json", "--report", "002_cd3852ef0e2c6df8").output)
    by_metric = {f["metric"]: f for f in facts["facts"]}
    assert by_metric["执行率"]["value"] == 99.6
    assert "99.6%" in by_metric["执行率"]["quote"]
    # every listed fact is a figure (tools read "value" as a number); grades come apart
    everything = json.loads(run("facts", "--json").output)
    assert all(isinstance(f["value"], (int, float)) for f in everything["facts"])
    assert {f["metric"] for f in everything["text_facts"]} == {"绩效评级"}
    assert all(f["value"] is None for f in everything["text_facts"])
    assert [i["title"] for i in facts["items"] if i["kind"] == "problem"] == [
        "个别项目预算执行未达时序进度", "年初预算编制仍需进一步细化"]
    findings = json.loads(run("check", "--json").output)
    assert any(f["kind"] == "rate" and "文书档案" in f["message"] for f in findings)


def test_ingest_exit_code_says_a_file_failed(run, corpus) -> None:
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    result = run("ingest", str(corpus))
    assert result.exit_code == 1
    assert "broken.pdf" in result.output
    assert "5 ok, 1 failed" in result.output


def test_remove_unknown_report_is_an_error(run) -> None:
    result = CliRunner().invoke(main, ["remove", "nope"])
    assert result.exit_code != 0 and "no indexed report named 'nope'" in result.output


def test_missing_default_model_names_the_fix(tmp_path: Path, monkeypatch, corpus) -> None:
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JIXIAO_MODELS_DIR", str(tmp_path / "empty-models"))
    result = CliRunner().invoke(main, ["ingest", str(corpus)])
    assert result.exit_code != 0
    assert "jixiao models fetch" in result.output


def test_ask_batch_writes_the_contract_fields(run, corpus, tmp_path) -> None:
    assert run("ingest", str(corpus)).exit_code == 0
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        '{"id": "a", "question": "荔湾区政府办2023年年末结转和结余是多少？"}\n'
        '{"id": "b", "question": "海珠区政府办2023年的预算执行率是多少？"}\n', encoding="utf-8")
    lines = [json.loads(x) for x in run("ask", "--batch", str(batch), "--json").output.splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    first, second = lines
    assert set(first) >= {"id", "answer", "abstained", "route", "citations", "retrieved", "seconds"}
    assert first["route"] == "facts" and "0万元" in first["answer"] and not first["abstained"]
    assert first["citations"][0]["quote"].replace(" ", "").find("年末结转和结余0万元") >= 0
    assert len(first["retrieved"]) == 5
    assert second["abstained"] is True


def test_eval_prints_jixiao_and_baseline_side_by_side(run, corpus, tmp_path) -> None:
    assert run("ingest", str(corpus)).exit_code == 0
    questions = tmp_path / "dev.jsonl"
    questions.write_text(json.dumps({
        "id": "g1", "question": "荔湾区政府办2023年项目支出是多少？", "answer": "125.38万元",
        "kind": "figure", "sources": [{"file": "002_cd3852ef0e2c6df8.txt", "quote": "项目支出 125.38万元"}],
    }, ensure_ascii=False) + "\n", encoding="utf-8")
    out = run("eval", str(questions), "--llm", "none").output
    assert "jixiao (none)" in out and "baseline (none)" in out
    row = next(line for line in out.splitlines() if line.startswith("| accuracy · figure"))
    assert row.split("|")[2].strip().startswith("100.0%")


PERTURB_REPORT = """某某县档案局2023年度部门整体支出绩效自评报告
一、部门基本情况
本局全年预算数 1,234.56 万元，执行数 1,200.00 万元，预算执行率 97.20%。
"""


def test_eval_facts_perturb_lists_no_change_and_exits_zero(run, tmp_path, monkeypatch) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "r1.txt").write_text(PERTURB_REPORT, encoding="utf-8")
    monkeypatch.setenv("JIXIAO_CORPUS_DIR", str(samples))
    result = run("eval-facts", "--perturb", "--json")
    data = json.loads(result.output)
    assert result.exit_code == 0, result.output
    assert data["reports"] == 1 and data["facts"] >= 3 and data["changed"] == 0
    assert {"full_width", "crlf", "web_page", "docx"} <= {p["name"] for p in data["perturbations"]}


def test_eval_facts_without_gold_or_perturb_is_a_usage_error(run) -> None:
    result = CliRunner().invoke(main, ["eval-facts"])
    assert result.exit_code == 2 and "--perturb" in result.output
