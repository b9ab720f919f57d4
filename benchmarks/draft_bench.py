"""Drafts with the configured LLM (default: the local model) for indexed departments and section
kinds: time to the first streamed piece and to the finished section, how many numbers the
verification flags, and the placeholders left. Also what must never happen, judged again
here on the text shown: a loop, a cut-off ending or an echoed prompt shown as clean
(`degenerate_shown_clean`), a figure outside the facts shown as clean
(`unverified_shown_clean`); both must be 0. `--revise 更简洁一些,改成三点` also revises each
draft and counts revisions that left the text unchanged without saying why.

Usage: python benchmarks/draft_bench.py [--departments 荔湾区政府办,…] [--kinds 部门整体收支情况,…]
       [--limit N] [--revise 更简洁一些,…] [--template-first]
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
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.drafting import check  # noqa: E402
from assistant.drafting.chain import allowed_values, prompt_texts, strip_marks  # noqa: E402
from assistant.drafting.derived import derive  # noqa: E402
from assistant.drafting.types import Draft  # noqa: E402
from assistant.factory import Assistant, build_assistant  # noqa: E402
from assistant.settings import Settings, offline_environment  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "draft.jsonl"


def one(assistant: Assistant, kind: str, facts, instruction: str | None = None,
        previous: Draft | None = None) -> tuple[dict, Draft]:
    start = time.perf_counter()
    first = None
    draft = None
    for part in assistant.stream_draft(kind, facts, instruction=instruction, previous=previous):
        if isinstance(part, Draft):
            draft = part
        elif part and first is None:
            first = time.perf_counter() - start
    total = time.perf_counter() - start
    assert draft is not None
    return {"department": facts.department, "year": facts.year, "kind": kind,
            "instruction": instruction or "", "backend": draft.backend,
            "first_piece_s": round(first or total, 2), "total_s": round(total, 2),
            "chars": len(draft.text), "flags": draft.flags, "placeholders": len(draft.placeholders),
            "clean": draft.clean, **judged(draft, facts, previous),
            "model_text_used": not any("模板草稿" in n or "按规则修改" in n for n in draft.notes),
            "notes": draft.notes, "text": draft.text}, draft


def judged(draft: Draft, facts, previous: Draft | None) -> dict:
    """What the verification must never pass as clean, judged again on the shown text."""
    text = strip_marks(draft.text)
    defects = check.defects(text, prompt_texts())
    unverified = check.unsupported(text, allowed_values(facts, derive(facts)))
    out = {"degenerate_shown_clean": bool(defects) and draft.clean,
           "unverified_shown_clean": bool(unverified) and draft.clean, "defects": defects}
    if previous is not None:
        unchanged = "".join(draft.text.split()) == "".join(previous.text.split())
        out["revision_changed"] = not unchanged
        out["unchanged_without_reason"] = unchanged and not draft.notes
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--departments", default="", help="comma-separated names or aliases")
    ap.add_argument("--kinds", default="", help="comma-separated section kinds")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--results", default=str(RESULTS), help="the JSON-lines file rows are appended to")
    ap.add_argument("--limit", type=int, default=0, help="only the first N departments")
    ap.add_argument("--revise", default="", help="comma-separated instructions to revise each draft with")
    ap.add_argument("--template-first", action="store_true",
                    help="draft each section by template (no model) and time only the revisions")
    args = ap.parse_args()
    offline_environment()
    settings = Settings.from_env()
    assistant = build_assistant(settings)
    first_drafter = build_assistant(replace(settings, llm="none")) if args.template_first else assistant
    t = time.perf_counter()
    _ = assistant.llm  # load the model outside the timings
    load_s = time.perf_counter() - t
    departments = [d for d in args.departments.split(",") if d] or [r.department for r in assistant.reports()]
    kinds = [k for k in args.kinds.split(",") if k] or [name for name, _ in assistant.section_kinds()]
    meta = {"when": time.strftime("%Y-%m-%d %H:%M"), "load_avg_1m_at_start": round(os.getloadavg()[0], 2),
            "model_load_s": round(load_s, 1)}
    rows = []
    results = Path(args.results)
    results.parent.mkdir(parents=True, exist_ok=True)
    instructions = [i for i in args.revise.split(",") if i]
    for department in departments[: args.limit or None]:
        facts = assistant.draft_facts(department)
        for kind in kinds:
            row, draft = one(first_drafter, kind, facts)
            record(rows, {**meta, **row}, results, args.show)
            for instruction in instructions:
                revised, _ = one(assistant, kind, facts, instruction, draft)
                record(rows, {**meta, **revised}, results, args.show)
    print(json.dumps(summary(rows, meta), ensure_ascii=False))


def record(rows: list[dict], row: dict, results: Path, show: bool) -> None:
    rows.append(row)
    with results.open("a", encoding="utf-8") as f:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
    what = f"{row['kind']}" + (f" ← {row['instruction']}" if row["instruction"] else "")
    print(f"{row['department']} {row['year']} {what}: first {row['first_piece_s']} s, "
          f"total {row['total_s']} s, flags {len(row['flags'])}, placeholders {row['placeholders']}, "
          f"model text used {row['model_text_used']}", flush=True)
    if show:
        print(row["text"] + "\n", flush=True)


def summary(rows: list[dict], meta: dict) -> dict:
    drafts = [r for r in rows if not r["instruction"]]
    revisions = [r for r in rows if r["instruction"]]
    firsts = [r["first_piece_s"] for r in drafts]
    totals = [r["total_s"] for r in drafts]
    return {"drafts": len(drafts), "revisions": len(revisions),
            "backend": rows[0]["backend"] if rows else None, "model_load_s": meta["model_load_s"],
            "first_piece_p50_s": round(statistics.median(firsts), 1) if drafts else None,
            "total_p50_s": round(statistics.median(totals), 1) if drafts else None,
            "total_max_s": max(totals) if drafts else None,
            "clean": sum(r["clean"] for r in drafts),
            "degenerate_shown_clean": sum(r["degenerate_shown_clean"] for r in rows),
            "unverified_shown_clean": sum(r["unverified_shown_clean"] for r in rows),
            "model_text_used": sum(r["model_text_used"] for r in drafts),
            "revision_p50_s": (round(statistics.median(r["total_s"] for r in revisions), 1)
                               if revisions else None),
            "revision_max_s": max((r["total_s"] for r in revisions), default=None),
            "revisions_changed": sum(r.get("revision_changed", False) for r in revisions),
            "revisions_unchanged_without_reason": sum(r.get("unchanged_without_reason", False)
                                                      for r in revisions),
            "flagged": [(r["department"], r["kind"], r["instruction"], r["flags"])
                        for r in rows if r["flags"]]}


if __name__ == "__main__":
    main()
