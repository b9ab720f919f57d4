"""Consistency checks, on the samples' real contradictions and on small made-up reports."""

from types import SimpleNamespace

from assistant.facts import extract_facts
from assistant.facts.checks import check_facts
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse
from tests.conftest import SAMPLES


def findings_of(text: str, report_id: str = "r.txt"):
    norm = normalise(text)
    rows = [SimpleNamespace(**f.to_dict(), report_id=report_id) for f in extract_facts(norm, analyse(norm))]
    return check_facts(rows)


def test_sample_project_with_525_budget_25_spent_and_100_percent_is_flagged() -> None:
    path = next(p for p in SAMPLES if p.name.startswith("004"))
    original = path.read_text(encoding="utf-8")
    found = findings_of(original, path.name)
    rate = [f for f in found if f.kind == "rate"]
    assert len(rate) == 1
    assert "文书档案规范化处理入馆" in rate[0].message and "4.76%" in rate[0].message
    quotes = [s.quote for s in rate[0].sources]
    assert all(q in original for q in quotes)
    assert {s.text_value for s in rate[0].sources} == {"525万元", "25万元", "100%"}
    conflicts = {f.message for f in found if f.kind == "conflict"}
    assert any("525万元、25万元" in m for m in conflicts)
    assert any("173.52万元、165.28万元" in m for m in conflicts)


def test_consistent_samples_raise_nothing() -> None:
    for path in SAMPLES:
        if path.name.startswith("004"):
            continue
        assert findings_of(path.read_text(encoding="utf-8"), path.name) == [], path.name


def test_parts_that_do_not_add_up_to_the_total() -> None:
    found = findings_of("（三）收支情况\n全年支出 1000 万元。按支出分类：基本支出 700 万元，项目支出 200 万元。\n")
    assert [f.kind for f in found] == ["sum"]
    assert "900.00万元" in found[0].message and len(found[0].sources) == 3


def test_rate_that_disagrees_with_execution_over_budget() -> None:
    found = findings_of("全年预算数 200万元，执行数 150万元，完成预算的 90%。\n")
    assert [f.kind for f in found] == ["rate"] and "75.00%" in found[0].message


def test_rounded_rate_is_not_flagged() -> None:
    assert findings_of("全年预算数 3181.27万元，执行数 3168.61万元，完成预算的 99.6%。\n") == []


def test_score_above_its_weight() -> None:
    found = findings_of("三级指标：群众满意度；年度指标值：90%；实际完成值：92%；分值：10；得分：12\n")
    assert [f.kind for f in found] == ["score"]


def test_suspected_unit_mix_up() -> None:
    found = findings_of("该项目预算数 120 万元，执行数 1,150,000 万元。\n")
    assert "unit" in {f.kind for f in found}
