"""Drafts with the configured LLM (default: the local model) for indexed departments and section
kinds: time to the first streamed piece and to the finished section, how many numbers the
verification flags, and the placeholders left.

Usage: python benchmarks/draft_bench.py [--departments 荔湾区政府办,…] [--kinds 部门整体收支情况,…]
Defaults: every indexed department-year and every section kind. Needs an ingested data dir
(JIXIAO_DATA_DIR, default ./data). Appends one line per draft to
benchmarks/results/draft.jsonl and prints a summary; `--show` also prints each text.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.drafting.types import Draft  # noqa: E402
from assistant.factory import Assistant, build_assistant  # noqa: E402
from assistant.settings import Settings, offline_environment  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "draft.jsonl"


def one(assistant: Assistant, kind: str, facts) -> dict:
    start = time.perf_counter()
    first = None
    draft = None
    for part in assistant.stream_draft(kind, facts):
        if isinstance(part, Draft):
            draft = part
        elif part and first is None:
            first = time.perf_counter() - start
    total = time.perf_counter() - start
    assert draft is not None
    return {"department": facts.department, "year": facts.year, "kind": kind,
            "backend": draft.backend, "first_piece_s": round(first or total, 2),
            "total_s": round(total, 2), "chars": len(draft.text), "flags": draft.flags,
            "placeholders": len(draft.placeholders), "clean": draft.clean, "text": draft.text}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--departments", default="", help="comma-separated names or aliases")
    ap.add_argument("--kinds", default="", help="comma-separated section kinds")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    offline_environment()
    assistant = build_assistant(Settings.from_env())
    t = time.perf_counter()
    _ = assistant.llm  # load the model outside the timings
    load_s = time.perf_counter() - t
    departments = [d for d in args.departments.split(",") if d] or [r.department for r in assistant.reports()]
    kinds = [k for k in args.kinds.split(",") if k] or [name for name, _ in assistant.section_kinds()]
    meta = {"when": time.strftime("%Y-%m-%d %H:%M"), "load_avg_1m_at_start": round(os.getloadavg()[0], 2),
            "model_load_s": round(load_s, 1)}
    rows = []
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    for department in departments:
        facts = assistant.draft_facts(department)
        for kind in kinds:
            row = {**meta, **one(assistant, kind, facts)}
            rows.append(row)
            with RESULTS.open("a", encoding="utf-8") as f:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
            print(f"{row['department']} {row['year']} {kind}: first {row['first_piece_s']} s, "
                  f"total {row['total_s']} s, flags {len(row['flags'])}, placeholders {row['placeholders']}",
                  flush=True)
            if args.show:
                print(row["text"] + "\n", flush=True)
    firsts = [r["first_piece_s"] for r in rows]
    totals = [r["total_s"] for r in rows]
    print(json.dumps({"drafts": len(rows), "backend": rows[0]["backend"] if rows else None,
                      "model_load_s": meta["model_load_s"],
                      "first_piece_p50_s": round(statistics.median(firsts), 1) if rows else None,
                      "total_p50_s": round(statistics.median(totals), 1) if rows else None,
                      "total_max_s": max(totals) if rows else None,
                      "clean": sum(r["clean"] for r in rows),
                      "flagged": [(r["department"], r["kind"], r["flags"]) for r in rows if r["flags"]]},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
