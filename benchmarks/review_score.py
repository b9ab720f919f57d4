"""Score the review (审核意见) on a defect set, and list its findings on other report folders.

    PYTHONPATH=. python benchmarks/review_score.py [benchmarks/review_set] [--list DIR ...] [--json]

The set's gold.json names, per report, the planted defects (rule + a key string that must
appear in the finding's message or one of its quotes) and the clean controls (no finding
allowed). The folder is ingested into a temporary index with fake embeddings; the review is
run through the front door (`Assistant.review`), the previous year's report found as it would
be in a library. Prints planted found / total (recall), the findings on clean controls and the
findings no gold defect accounts for (to read by hand). `--list DIR` reviews every report of
DIR (one temporary index per folder) and prints every finding with its quotes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("JIXIAO_EMBEDDING_MODEL", "fake")
os.environ.setdefault("JIXIAO_LLM", "none")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.factory import build_assistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402

SET = Path(__file__).resolve().parent / "review_set"


def reviews_of(folder: Path) -> dict[str, object]:
    """Every report of a folder, ingested into a temporary index, reviewed."""
    with tempfile.TemporaryDirectory(prefix="jixiao-review-score-", ignore_cleanup_errors=True) as tmp:
        settings = Settings.from_env(data_dir=Path(tmp)).with_(
            store_url="", chroma_url="", llm="none", embedding_model="fake")
        assistant = build_assistant(settings)
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower()
                       in (".txt", ".docx", ".pdf", ".doc", ".xlsx", ".html", ".md"))
        failed = [r for r in assistant.ingest(files) if r.status == "failed"]
        for r in failed:
            print(f"✗ {r.message}", file=sys.stderr)
        return {r.file: assistant.review(r.id) for r in assistant.reports()}


def _matches(finding, defect: dict) -> bool:
    if finding.rule != defect["rule"] or finding.category != defect["category"]:
        return False
    key = defect["key"]
    return key in finding.message or any(key in " ".join(q.quote.split()) or key in q.quote
                                         for q in finding.quotes)


def score(folder: Path) -> dict:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["reports"]
    reviews = reviews_of(folder)
    found = total = 0
    clean_findings, missed, unplanted, per_report = [], [], [], {}
    for file, entry in gold.items():
        review = reviews.get(file)
        findings = list(review.findings) if review else []
        if entry.get("clean"):
            clean_findings += [(file, f.to_dict()) for f in findings]
            per_report[file] = {"clean": True, "findings": len(findings)}
            continue
        hit = [d for d in entry["defects"] if any(_matches(f, d) for f in findings)]
        found += len(hit)
        total += len(entry["defects"])
        missed += [(file, d) for d in entry["defects"] if d not in hit]
        unplanted += [(file, f.to_dict()) for f in findings
                      if not any(_matches(f, d) for d in entry["defects"])]
        per_report[file] = {"planted": len(entry["defects"]), "found": len(hit),
                            "findings": len(findings)}
    return {"found": found, "total": total, "recall": round(found / total, 3) if total else 1.0,
            "clean_findings": clean_findings, "missed": missed, "unplanted": unplanted,
            "reports": per_report}


def _print_findings(reviews: dict) -> None:
    for file, review in reviews.items():
        before = f"（对照上年 {review.previous}）" if review.previous else ""
        print(f"=== {file} {review.department} {review.year or ''}{before}: {len(review.findings)}")
        for f in review.findings:
            print(f"  [{f.category}·{f.severity}·{f.rule}] {f.message}")
            for q in f.quotes:
                print(f"      «{' '.join(q.quote.split())[:160]}»（{q.section or '正文'}，第{q.page}页）")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", nargs="?", type=Path, default=SET)
    parser.add_argument("--list", nargs="*", type=Path, default=[], help="Folders to review and list.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.list:
        for folder in args.list:
            _print_findings(reviews_of(folder))
        return
    result = score(args.set)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print(f"planted found: {result['found']}/{result['total']} = {result['recall']:.3f}")
    print(f"findings on clean controls: {len(result['clean_findings'])}")
    for file, r in result["reports"].items():
        print(f"  {file}: {r}")
    for file, d in result["missed"]:
        print(f"  missed {file}: {d['rule']} «{d['key']}»")
    for file, f in result["clean_findings"]:
        print(f"  on a clean control {file}: [{f['rule']}] {f['message']}")
    for file, f in result["unplanted"]:
        print(f"  not planted {file}: [{f['rule']}] {f['message']}")


if __name__ == "__main__":
    main()
