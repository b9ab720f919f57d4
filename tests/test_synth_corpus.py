"""The synthetic benchmark corpus: its known facts come back from ingest in every layout, and
the inconsistencies planted in it are found — extraction checked on reports it was not
written against."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.factory import build_assistant
from assistant.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synth_corpus  # noqa: E402


def test_generator_is_deterministic_and_varied(tmp_path: Path) -> None:
    a = synth_corpus.generate(tmp_path / "a", 12, seed=3)
    b = synth_corpus.generate(tmp_path / "b", 12, seed=3)
    assert a == b
    assert {m["layout"] for m in a} == {"pdf", "clean", "md", "docx"}
    assert len({(m["department"], m["year"]) for m in a}) == 12
    assert (tmp_path / "a" / "manifest.jsonl").read_text(encoding="utf-8").count("\n") == 12
    docx = next(m for m in a if m["layout"] == "docx")
    assert (tmp_path / "a" / docx["file"]).read_bytes()[:2] == b"PK"
    row = json.loads((tmp_path / "a" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()[0])
    metrics = {f["metric"] for f in row["facts"] if f["scope"] == "department"}
    assert {"预算数", "支出", "执行率", "基本支出", "项目支出", "自评得分"} <= metrics


def test_known_facts_recovered_and_planted_problems_found(tmp_path: Path) -> None:
    manifest = synth_corpus.generate(tmp_path / "corpus", 16, seed=11)
    settings = Settings(data_dir=tmp_path / "data", models_dir=tmp_path / "models",
                        corpus_dir=tmp_path / "corpus", embedding_model="fake", llm="none")
    assistant = build_assistant(settings)
    results = assistant.ingest([tmp_path / "corpus"])
    assert [r.message for r in results if r.status == "failed"] == []
    extraction = synth_corpus.check_extraction(assistant, manifest)
    assert extraction["recall"] >= 0.95, extraction["missed_examples"]
    assert extraction["wrong_values"] == 0
    assert all(v >= 0.9 for v in extraction["recall_by_layout"].values())
    findings = synth_corpus.check_findings(assistant, manifest)
    assert findings["planted"] >= 1
    assert findings["found"] == findings["planted"]
    assert findings["reports_with_false_alarms"] == 0
