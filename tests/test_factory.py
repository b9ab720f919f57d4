"""The front door: the Assistant's methods, which are all the CLI and the UI use, and the
typed records they return (fake embeddings, no LLM)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.answer.types import Answer, CompareRow
from assistant.drafting.types import Draft, DraftFacts
from assistant.errors import JixiaoError
from assistant.factory import Assistant, build_assistant, model_names
from assistant.index.records import FactRecord, ItemRecord, ReportRecord, short_name, stated_value

from .conftest import sample

LIWAN = sample("002").name  # 广州市荔湾区人民政府办公室 2023
BAIYUN = sample("004").name  # 白云区政府办 2023: a project whose rate disagrees


def test_ask_and_a_follow_up_in_one_conversation(ingested) -> None:
    conversation = ingested.conversation()
    first = ingested.ask("荔湾区政府办2023年的执行率是多少？", conversation)
    assert isinstance(first, Answer) and first.route == "facts" and "99.6%" in first.text
    follow = ingested.ask("番禺区委办呢？", conversation)
    assert "95.53%" in follow.text
    alone = ingested.ask("番禺区委办呢？")  # no conversation: nothing to follow, its key figures
    assert alone.text != follow.text and "自评得分" in alone.text and "预算数" in alone.text


def test_stream_yields_text_then_the_answer(ingested) -> None:
    parts = list(ingested.stream("番禺区政府办2022年基本支出有多少？"))
    assert all(isinstance(p, str) for p in parts[:-1]) and isinstance(parts[-1], Answer)
    assert "3246.07" in "".join(parts[:-1]) and parts[-1].citations
    assert ingested.ask("番禺区政府办2022年基本支出有多少？", with_retrieval=True).retrieved


def test_compare_by_metric_and_by_question(ingested) -> None:
    rows = ingested.compare("自评得分", years=[2023])
    assert all(isinstance(r, CompareRow) for r in rows)
    assert [r.text_value for r in rows] == ["97.8分", "97.23分", "未披露"]
    metric, report_ids, years = ingested.compare_question("比较各部门的预算执行率")
    assert metric == "执行率" and len(ingested.compare(metric, report_ids, years)) == 5
    assert ingested.compare_question("你好") is None


def test_reports_facts_and_items_are_typed_records(ingested) -> None:
    reports = ingested.reports()
    assert len(reports) == 5 and all(isinstance(r, ReportRecord) for r in reports)
    liwan = ingested.report(LIWAN)
    assert liwan.department == "广州市荔湾区人民政府办公室" and liwan.year == 2023
    assert liwan.short_name == "荔湾区政府办" and liwan.n_facts == len(ingested.facts(LIWAN))
    [rate] = ingested.facts(Path(LIWAN).stem, "执行率")  # a report by its file stem, too
    assert isinstance(rate, FactRecord) and rate.value == Decimal("99.6") and rate.number == 99.6
    assert rate.text_value == "99.6%" and "99.6%" in rate.quote
    assert rate.to_dict()["value"] == 99.6
    assert {f.report_id for f in ingested.facts(metric="执行率")} == {r.id for r in reports}
    items = ingested.items(LIWAN)
    assert items and all(isinstance(i, ItemRecord) for i in items)
    assert {i.kind for i in items} == {"problem", "measure"}
    assert ingested.report("nope.txt") is None and ingested.facts("nope") == []


def test_fact_values_are_decimals_from_the_stated_text() -> None:
    assert stated_value(4144.86, "4,144.86万元") == Decimal("4144.86")
    assert str(stated_value(98.05, "98.05%")) == "98.05"
    assert str(stated_value(100.0, "100.00分")) == "100.0"  # the stated number, as parsed
    assert stated_value(4144.86, "41,448,600元") == Decimal("4144.86")  # converted to 万元
    assert stated_value(None, "优") is None
    assert short_name("广州市番禺区人民政府办公室") == "番禺区政府办"


def test_findings_of_all_reports_and_of_one(ingested) -> None:
    findings = ingested.findings()
    assert {f.report_id for f in findings} == {BAIYUN}
    rate = [f for f in ingested.findings(BAIYUN) if f.kind == "rate"]
    assert len(rate) == 1 and "文书档案规范化处理入馆" in rate[0].message
    assert ingested.findings(LIWAN) == []


def test_findings_are_computed_once_per_version_of_the_store(settings, monkeypatch) -> None:
    from assistant.facts import checks

    calls = []
    real = checks.check_facts
    monkeypatch.setattr(checks, "check_facts", lambda facts: calls.append(1) or real(facts))
    assistant = build_assistant(settings)
    assistant.ingest([sample("004")])
    assert assistant.findings() and assistant.findings(BAIYUN) and len(calls) == 1
    assistant.ingest([sample("002")])
    assert assistant.findings(LIWAN) == [] and len(calls) == 2
    assert assistant.remove(BAIYUN) and assistant.findings() == [] and len(calls) == 3


def test_ingest_remove_and_the_reason_a_file_failed(settings, tmp_path) -> None:
    assistant = build_assistant(settings)
    empty = tmp_path / "blank-report.txt"
    empty.write_text("", encoding="utf-8")
    odd = tmp_path / "表格.key"
    odd.write_bytes(b"x")
    broken = tmp_path / "表格.xlsx"
    broken.write_bytes(b"x")
    results = {r.file: r for r in assistant.ingest([sample("002"), empty, odd, broken])}
    assert results[LIWAN].status == "added" and results[LIWAN].reason == ""
    assert (results[empty.name].status, results[empty.name].reason) == ("failed", "empty")
    assert results[odd.name].reason == "unsupported"
    assert results[broken.name].reason == "corrupt"
    assert assistant.ingest_file(sample("002")).status == "unchanged"
    assert [r.id for r in assistant.reports()] == [LIWAN]
    assert assistant.audit()["ok"] and assistant.reconcile(fix=False)["orphan_vectors"] == 0
    assert assistant.remove(Path(LIWAN).stem) and not assistant.remove(LIWAN)
    assert assistant.reports() == [] and assistant.facts() == []


def test_draft_facts_draft_revise_and_export(ingested, tmp_path) -> None:
    facts = ingested.draft_facts("荔湾区政府办", 2023)
    assert isinstance(facts, DraftFacts) and facts.source == f"store:{LIWAN}"
    assert ingested.draft_facts(report_id=LIWAN) == facts
    with pytest.raises(JixiaoError, match="is not an indexed department"):
        ingested.draft_facts("不存在的部门")
    kind = Assistant.section_kind("收支情况")
    assert kind == "部门整体收支情况" and kind in dict(Assistant.section_kinds())
    parts = list(ingested.stream_draft(kind, facts))
    draft = parts[-1]
    assert isinstance(draft, Draft) and draft.clean and "99.6%" in draft.text
    assert "".join(p for p in parts[:-1]) == draft.text
    assert ingested.draft(kind, facts).text == draft.text
    baiyun = ingested.draft_facts("白云区政府办")
    problems = ingested.draft("存在的主要问题", baiyun)
    revised = ingested.revise(problems, "改成两点", baiyun)
    assert revised.revisions == ["改成两点"] and revised.kind == "存在的主要问题"
    assert revised.text.count("\n（") == 2
    md = ingested.export_draft(revised, tmp_path / "d.md")
    docx = ingested.export_draft(revised, tmp_path / "d.docx")
    assert md.read_text(encoding="utf-8") and docx.read_bytes()[:2] == b"PK"


def test_facts_file_through_the_front_door(ingested, tmp_path) -> None:
    path = tmp_path / "f.json"
    path.write_text('{"department": "某部门", "figures": {"支出": "10万元"}}', encoding="utf-8")
    assert ingested.facts_file(path).figures["支出"]["value"] == 10.0


def test_models_and_labels(settings) -> None:
    assistant = build_assistant(settings)
    assert assistant.llm_backend == "none" and not assistant.llm_pending
    assert assistant.backend_label == "未使用大模型（抽取式回答）"
    assistant.warm_up()  # fake embeddings, no chat model: loads what there is
    assert build_assistant(settings.with_(llm="local")).llm_pending
    assert set(model_names()) == {"embeddinggemma", "qwen-gguf"}


def test_evaluate_scores_each_backend_and_the_baseline(ingested) -> None:
    items = [{"id": "q1", "question": "番禺区政府办2022年基本支出有多少？", "kind": "figure",
              "answer": "3246.07万元", "sources": [{"file": sample("000").name, "quote": "3246.07"}]}]
    report = ingested.evaluate(items, ["none"], baseline=True)
    assert set(report["systems"]) == {"jixiao (none)", "baseline (none)"}
    assert report["systems"]["jixiao (none)"]["accuracy/figure"] == 1.0
    empty = build_assistant(ingested.settings.with_(data_dir=ingested.settings.data_dir / "empty"))
    with pytest.raises(JixiaoError, match="nothing is indexed yet"):
        empty.evaluate(items, ["none"])


def test_the_chains_behind_the_front_door_are_runnables(ingested) -> None:
    from langchain_core.runnables import Runnable

    from tests.callbacks import Recorder

    assert isinstance(ingested.answer_chain, Runnable)
    assert isinstance(ingested.draft_chain, Runnable)
    chain = ingested.draft_chain  # handed the assistant's parts, never the assistant itself
    assert chain.store is ingested.library.store and chain.backend == ingested.llm_backend
    assert not any(value is ingested for value in vars(chain).values())
    seen = Recorder()
    answer = ingested.ask("荔湾区政府办2023年的执行率是多少？",
                          config={"callbacks": [seen], "run_name": "front-door"})
    assert "99.6%" in answer.text and "front-door" in seen.names()
    answers = ingested.answer_chain.batch(["荔湾区政府办2023年的执行率是多少？",
                                           "番禺区委办2023年的执行率是多少？"])
    assert ["99.6%" in answers[0].text, "95.53%" in answers[1].text] == [True, True]
    facts = ingested.draft_facts("荔湾区政府办", 2023)
    seen = Recorder()
    draft = ingested.draft("部门整体收支情况", facts, config={"callbacks": [seen],
                                                        "run_name": "draft-door"})
    assert "3181.27" in draft.text and "draft-door" in seen.names()


def test_the_readme_python_example_runs(tmp_path, monkeypatch, capsys) -> None:
    """The README's Python example, as written, against the samples (fake embeddings)."""
    import re

    from tests.conftest import CORPUS, ROOT

    code = re.search(r"## Python\n.*?```python\n(.*?)```", (ROOT / "README.md").read_text(
        encoding="utf-8"), re.S).group(1)
    (tmp_path / "corpus").symlink_to(CORPUS)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JIXIAO_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("JIXIAO_LLM", "none")
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "3246.07" in out and "3181.27" in out
    assert (tmp_path / "收支情况.docx").stat().st_size > 0 and (tmp_path / "data").is_dir()
