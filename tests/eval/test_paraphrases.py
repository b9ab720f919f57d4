"""The held-out paraphrase sets (benchmarks/paraphrases/*.jsonl) stay well formed and faithful to
the shared originals: valid JSON lines, unique ids, three paraphrases per original, each with a
known method, a different question and every other field (kind, answer, sources …) unchanged.
Skips when the shared eval folder (../shared beside the repository, or /work/shared) is absent."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PARA = ROOT / "benchmarks" / "paraphrases"

_spec = importlib.util.spec_from_file_location("paraphrase_assemble", PARA / "assemble.py")
assemble = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(assemble)

SHARED = assemble.shared_dir()
needs_shared = pytest.mark.skipif(SHARED is None, reason="shared eval folder absent")
ADDED = {"id", "question", "orig_id", "method"}


def records(name: str) -> list[dict]:
    lines = (PARA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def originals(name: str) -> dict[str, dict]:
    return {o["id"]: o for o in assemble.read_jsonl(SHARED / assemble.SETS[name])}


@pytest.mark.parametrize("name", sorted(assemble.SETS))
def test_file_is_json_lines_with_unique_ids_and_known_methods(name):
    recs = records(name)
    assert recs
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids))
    assert {r["method"] for r in recs} <= set(assemble.METHODS)
    for r in recs:
        assert r["id"] in {f"{r['orig_id']}-p{n}" for n in (1, 2, 3)}
        assert r["question"].strip()


@needs_shared
@pytest.mark.parametrize("name", sorted(assemble.SETS))
def test_every_original_has_three_faithful_paraphrases(name):
    recs, origs = records(name), originals(name)
    assert Counter(r["orig_id"] for r in recs) == Counter({i: 3 for i in origs})
    for r in recs:
        original = origs[r["orig_id"]]
        assert r["kind"] == original["kind"] and r["answer"] == original["answer"], r["id"]
        assert r["question"] != original["question"], r["id"]
        assert {k: v for k, v in r.items() if k not in ADDED} == \
            {k: v for k, v in original.items() if k not in ADDED}, r["id"]


@needs_shared
@pytest.mark.parametrize("name", sorted(assemble.SETS))
def test_file_is_what_the_triples_assemble_to(name):
    triples = assemble.read_triples(PARA / "triples" / f"{name}.txt")
    built = assemble.assemble(list(originals(name).values()), triples)
    assert built == records(name)


def test_assemble_rejects_a_copied_question_and_a_missing_paraphrase():
    original = [{"id": "q1", "question": "甲局2023年预算数是多少？", "kind": "figure", "answer": "1万元"}]
    good = [("q1", "reorder", "2023年甲局预算数是多少？"), ("q1", "abbrev", "甲局2023年预算多少？"),
            ("q1", "typo", "甲局2023年预算书是多少？")]
    assert [r["id"] for r in assemble.assemble(original, good)] == ["q1-p1", "q1-p2", "q1-p3"]
    with pytest.raises(ValueError, match="equals the original"):
        assemble.assemble(original, [*good[:2], ("q1", "typo", original[0]["question"])])
    with pytest.raises(ValueError, match="2 paraphrases"):
        assemble.assemble(original, good[:2])
    with pytest.raises(ValueError, match="unknown method"):
        assemble.assemble(original, [*good[:2], ("q1", "shuffle", "预算数？")])


_cspec = importlib.util.spec_from_file_location("paraphrase_compare", PARA / "compare.py")
compare = importlib.util.module_from_spec(_cspec)
_cspec.loader.exec_module(compare)


def test_compare_splits_by_method_and_counts_lost_items():
    orig = [{"id": "a", "kind": "figure", "correct": True, "wrong_abstain": False},
            {"id": "b", "kind": "unanswerable", "correct": True, "wrong_abstain": False}]
    para = [{"id": "a-p1", "kind": "figure", "correct": True, "wrong_abstain": False},
            {"id": "a-p3", "kind": "figure", "correct": False, "wrong_abstain": True},
            {"id": "b-p3", "kind": "unanswerable", "correct": False, "wrong_abstain": False}]
    rows = dict(compare.table(orig, para, {"a-p1": "reorder", "a-p3": "typo", "b-p3": "typo"}))
    assert rows["originals"]["figures"] == "1/1 (1.00)"
    assert rows["paraphrases"]["lost"] == "2/3 (0.67)"
    assert rows["typo"]["refused"] == "1/1 (1.00)" and rows["typo"]["declined"] == "0/1 (0.00)"
    assert rows["reorder"]["lost"] == "0/1 (0.00)" and "english" not in rows
