"""`jixiao eval-facts`: recall, department precision and findings against known
inconsistencies, on made-up facts lists and on a tiny corpus ingested with fake embeddings."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli.main import main
from assistant.eval.facts_eval import (
    GoldSet,
    Inconsistency,
    evaluate_facts,
    figures_in,
    finds,
    format_table,
    gold_figure,
    gold_sets,
    load_gold,
    score_set,
)

R = "甲.txt"


def fact(metric: str, value: float | None, *, subject: str = "", scope: str = "department",
         report: str = R, text: str = "") -> dict:
    return {"report_id": report, "metric": metric, "scope": scope, "subject": subject,
            "value": value, "text_value": text or f"{value}"}


def gold(metric: str, value, unit: str = "万元", report: str = R, quote: str = "") -> dict:
    return {"report": report, "department": "某县水利局", "year": 2023, "metric": metric,
            "value": value, "unit": unit, "quote": quote or f"{metric}{value}{unit}"}


def finding(kind: str, message: str, *values: str, report: str = R) -> dict:
    return {"report_id": report, "kind": kind, "message": message,
            "sources": [{"metric": "", "subject": "", "text_value": v, "quote": ""} for v in values]}


def one_set(rows: list[dict], known: list[Inconsistency] | None = None) -> GoldSet:
    return GoldSet("g", [g for g in map(gold_figure, rows) if g], known)


def test_gold_rows_of_both_shapes() -> None:
    grade = gold_figure(gold("自评等级", "优秀", ""))
    project = gold_figure(gold("项目预算数:道路养护", 12.5))
    department = gold_figure(gold("执行数", 4800000, "元"))
    line = gold_figure({"file": "乙.txt", "metric": "预算数", "scope": "project",
                        "subject": "道路养护", "value": 12.5, "unit": "万元", "quote": "x"})
    assert grade is None
    assert (project.department_level, department.department_level) == (False, True)
    assert (line.report, line.metric, line.department_level) == ("乙.txt", "预算数:道路养护", False)
    assert department.readings() == ((4800000.0, 2), (480.0, 4))


def test_recall_reads_yuan_as_wan_and_lists_the_missing() -> None:
    rows = [gold("执行数", 4800000, "元"), gold("预算数", 500), gold("编制人数", 25, "人"),
            gold("自评等级", "优", "")]
    result = score_set(one_set(rows), [fact("支出", 480.0), fact("预算数", 500.0)], [])
    report = result["reports"][0]
    assert (report["found"], report["gold"], report["recall"]) == (2, 3, 0.667)
    assert report["missing"] == ["编制人数=25人"]


def test_precision_judges_department_headline_facts_only() -> None:
    rows = [gold("预算数", 500), gold("执行数", 480), gold("执行率", 96, "%"),
            gold("项目预算数:道路养护", 60)]
    facts = [fact("预算数", 500.0), fact("预算数", 60.0, text="60万元"),  # a project's budget as the department's
             fact("支出", 480.0), fact("执行率", 96.0),
             fact("预算数", 60.0, subject="道路养护", scope="project"),  # filed with its subject: not judged
             fact("基本支出", 300.0),  # the gold states no 基本支出: not judged
             fact("自评得分", 95.0)]  # not a headline metric
    report = score_set(one_set(rows), facts, [])["reports"][0]
    assert (report["judged"], report["wrong"], report["precision"]) == (4, 1, 0.75)
    assert report["wrong_figures"] == ["预算数=60万元"]
    assert report["found"] == 4


def test_precision_accepts_a_department_figure_stated_in_yuan() -> None:
    report = score_set(one_set([gold("收入", 9570171.39, "元")]), [fact("收入", 957.017139)],
                       [])["reports"][0]
    assert (report["judged"], report["wrong"], report["found"]) == (1, 0, 1)


def test_a_finding_finds_an_inconsistency_when_it_names_a_figure_of_each_quote() -> None:
    known = Inconsistency(R, "rate", "执行率与执行数/预算数不符",
                          ("2023年预算执行率为90.00%", "全年支出480.00万元"))
    both = finding("rate", "部门执行率写作 90.00%，但执行数/预算数 = 480.00万元 / 500.00万元 = 96.00%")
    by_sources = finding("rate", "执行率不符", "90%", "480万元")
    one = finding("conflict", "部门执行率在报告中有不同数值：90.00%、75%")
    assert finds(both, known) and finds(by_sources, known)
    assert not finds(one, known)
    assert figures_in("2023年预算执行率为90.00%，1,200.50万元") == {Decimal("90"), Decimal("1200.5")}


def test_findings_counted_found_missed_and_false_alarms() -> None:
    known = [Inconsistency(R, "rate", "执行率不符", ("执行率为90%", "支出480万元")),
             Inconsistency(R, "sum", "基本+项目≠支出", ("基本支出300万元", "项目支出170万元"))]
    findings = [finding("rate", "执行率 90% 与 480/500 = 96% 不符"),
                finding("conflict", "预算数有不同数值：500万元、520万元"),
                finding("rate", "执行率 90% 与 480/500 不符", report="乙.txt")]  # another report
    report = score_set(one_set([gold("预算数", 500)], known), [fact("预算数", 500.0)],
                       findings)["reports"][0]
    assert (report["findings"], report["inconsistencies"], report["found_inconsistencies"]) == (2, 2, 1)
    assert report["missed_inconsistencies"] == ["sum: 基本+项目≠支出"]
    assert report["false_alarms"] == ["[conflict] 预算数有不同数值：500万元、520万元"]
    assert report["false_alarm_count"] == 1


def test_a_set_without_inconsistencies_counts_findings_but_does_not_judge_them() -> None:
    result = evaluate_facts([one_set([gold("预算数", 500)])], [fact("预算数", 500.0)],
                            [finding("conflict", "预算数有不同数值：500万元、520万元")])
    total = result["sets"][0]["total"]
    assert (total["findings"], total["inconsistencies"], total["false_alarm_count"]) == (1, None, None)
    assert "—" in format_table(result).splitlines()[-1]


def test_reports_of_a_set_without_facts_score_zero_and_totals_add_up() -> None:
    rows = [gold("预算数", 500), gold("预算数", 80, report="乙.txt"), gold("执行数", 70, report="乙.txt")]
    result = score_set(one_set(rows, []), [fact("预算数", 500.0)], [])
    assert [(r["report"], r["facts"], r["found"], r["gold"]) for r in result["reports"]] == \
        [(R, 1, 1, 1), ("乙.txt", 0, 0, 2)]
    t = result["total"]
    assert (t["found"], t["gold"], t["recall"], t["inconsistencies"]) == (1, 3, 0.333, 0)
    assert t["missing"] == ["乙.txt: 预算数=80万元", "乙.txt: 执行数=70万元"]


def test_gold_sets_pair_inconsistency_files_with_their_folder(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for d in (a, b, c):
        d.mkdir()
    (a / "facts.json").write_text(json.dumps([gold("预算数", 1)]), encoding="utf-8")
    (a / "inconsistencies.json").write_text(json.dumps(
        [{"report": R, "check": "rate", "what": "x", "quotes": ["1", "2"]}]), encoding="utf-8")
    (b / "gold.jsonl").write_text(json.dumps(
        {"file": "乙.txt", "metric": "支出", "scope": "department", "subject": "", "value": 2,
         "unit": "万元", "quote": "2"}) + "\n", encoding="utf-8")
    (c / "known.json").write_text(json.dumps(
        [{"report": "乙.txt", "check": "sum", "what": "y", "quotes": ["3", "4"]}]), encoding="utf-8")
    sets = gold_sets([a / "facts.json", b / "gold.jsonl"], [c / "known.json"])
    assert [s.name for s in sets] == ["a", "gold"]
    assert [i.check for i in sets[0].inconsistencies] == ["rate"]  # the file beside it
    assert [i.check for i in sets[1].inconsistencies] == ["sum"]  # the one given for no folder
    assert load_gold(b / "gold.jsonl")[0].department_level
    assert [s.inconsistencies for s in gold_sets([b / "gold.jsonl"])] == [None]


REPORT_A = """溪口县农业农村局2023年度部门整体支出绩效自评报告

一、部门基本情况
溪口县农业农村局负责全县农业农村工作。

二、部门预算执行情况
2023年度部门预算数为500.00万元，全年支出480.00万元，预算执行率为90.00%。其中基本支出300.00万元，项目支出180.00万元。
"""
REPORT_B = """青禾镇人民政府2022年度部门整体支出绩效自评报告

一、部门基本情况
青禾镇人民政府负责全镇经济社会事务。

二、部门预算执行情况
2022年度部门预算数为200.00万元，全年支出150.00万元，预算执行率为75.00%。其中基本支出100.00万元，项目支出50.00万元。
"""


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "tiny"
    corpus.mkdir()
    (corpus / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (corpus / "b.txt").write_text(REPORT_B, encoding="utf-8")
    rows = [gold("预算数", 500, report="a.txt"), gold("执行数", 4800000, "元", report="a.txt"),
            gold("执行率", 90, "%", report="a.txt"), gold("基本支出", 300, report="a.txt"),
            gold("项目支出", 180, report="a.txt"), gold("编制人数", 25, "人", report="a.txt"),
            gold("自评等级", "优", "", report="a.txt"),
            gold("预算数", 200, report="b.txt"), gold("执行数", 150, report="b.txt"),
            gold("执行率", 80, "%", report="b.txt")]  # the report says 75%: its fact is wrong
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "facts.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    (gold_dir / "inconsistencies.json").write_text(json.dumps([
        {"report": "a.txt", "check": "rate", "what": "执行率与执行数/预算数不符",
         "quotes": ["预算执行率为90.00%", "全年支出480.00万元"]}], ensure_ascii=False), encoding="utf-8")
    return corpus, gold_dir / "facts.json"


def test_cli_scores_a_corpus_ingested_with_fake_embeddings(tiny, tmp_path, monkeypatch) -> None:
    corpus, gold_file = tiny
    monkeypatch.setenv("JIXIAO_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("JIXIAO_LLM", "none")
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(tmp_path / "untouched"))
    out = tmp_path / "scores.json"
    run = CliRunner().invoke(main, ["eval-facts", str(gold_file), "--corpus", str(corpus),
                                    "--json", "--out", str(out)])
    assert run.exit_code == 0, run.output
    result = json.loads(run.output)
    assert result == json.loads(out.read_text(encoding="utf-8"))
    by = {r["report"]: r for r in result["sets"][0]["reports"]}
    assert (by["a.txt"]["found"], by["a.txt"]["gold"], by["a.txt"]["missing"]) == (5, 6, ["编制人数=25人"])
    assert (by["a.txt"]["judged"], by["a.txt"]["wrong"]) == (5, 0)
    assert (by["a.txt"]["found_inconsistencies"], by["a.txt"]["false_alarm_count"]) == (1, 0)
    assert (by["b.txt"]["found"], by["b.txt"]["gold"]) == (2, 3)
    assert (by["b.txt"]["judged"], by["b.txt"]["wrong"], by["b.txt"]["wrong_figures"]) == \
        (3, 1, ["执行率=75.00%"])
    assert (by["b.txt"]["findings"], by["b.txt"]["false_alarm_count"]) == (0, 0)
    total = result["sets"][0]["total"]
    assert (total["recall"], total["precision"], total["found_inconsistencies"]) == (0.778, 0.875, 1)
    assert not (tmp_path / "untouched").exists()


def test_cli_text_table_on_the_current_index(tiny, tmp_path, monkeypatch) -> None:
    corpus, gold_file = tiny
    monkeypatch.setenv("JIXIAO_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("JIXIAO_LLM", "none")
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(tmp_path / "data"))
    assert CliRunner().invoke(main, ["ingest", str(corpus)]).exit_code == 0
    run = CliRunner().invoke(main, ["eval-facts", str(gold_file)])
    assert run.exit_code == 0, run.output
    lines = run.output.splitlines()
    assert lines[0].split()[:3] == ["report", "facts", "recall"]
    assert lines[3].split()[:4] == ["=", "gold", "10", "7/9"]
    assert "  wrong department figures: 执行率=75.00%" in lines


def test_a_quote_that_holds_the_other_is_told_apart_by_what_it_adds() -> None:
    known = Inconsistency(R, "rate", "合计执行率不符",
                          ("| 合计 | 1,000.00 | 900.00 | 95.00%", "| 合计 | 1,000.00 | 900.00"))
    assert finds(finding("rate", "执行率写作 95.00%，但 900.00 / 1,000.00 = 90.00%"), known)
    assert not finds(finding("conflict", "预算数有不同数值：1,000.00、1,200.00"), known)


def test_subject_recall_wants_the_golds_subject() -> None:
    rows = [gold("项目预算数:道路养护", 12.5), gold("资金来源执行数:一般公共预算财政拨款", 300),
            gold("执行数", 480), gold("基本支出", 200), gold("编制人数", 25, "人")]
    facts = [fact("预算数", 12.5, subject="乡村道路养护", scope="project"),
             fact("一般公共预算支出", 300.0),  # the metric names the source itself
             fact("支出", 480.0, subject="财政拨款", scope="source"),  # a source's, not the department's
             fact("预算数", 200.0, subject="基本支出", scope="class"),
             fact("编制数", 25.0, subject="某科", scope="unit")]
    report = score_set(one_set(rows), facts, [])["reports"][0]
    assert (report["found"], report["found_subject"]) == (5, 4)
    assert report["misfiled"] == ["执行数=480万元"]
    assert "with subject" in format_table({"sets": [score_set(one_set(rows), facts, [])]})
