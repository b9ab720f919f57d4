"""Whole reports with the configured LLM (default: the local model): every section kind of
each indexed department-year drafted in report order, as `jixiao draft --all` does.

Per report: time to the first streamed piece, to the first finished section, and in total;
per section, what must never happen, judged again on the text shown (see draft_bench.judged):
a loop, cut-off ending or echoed prompt shown as clean, and a figure outside the facts shown as
clean. `--repeat N` drafts the first department N times for a median.

Where the time goes (the local model): per section its model calls (prompt tokens evaluated,
tokens reused from the KV cache, tokens written, milliseconds, why each stopped), per report
their sums, the retries and the sections drafted without a model call, and the process's CPU
seconds beside the wall time and the load average (on a shared machine the wall time is
inflated; the token counts and CPU seconds are not, or much less).

Usage: python benchmarks/report_bench.py [--departments 荔湾区政府办,…] [--repeat 3] [--out DIR]
Needs an ingested data dir (JIXIAO_DATA_DIR, default ./data). Appends one line per report to
benchmarks/results/report.jsonl and prints a summary.
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

from assistant.drafting.types import ReportDraft  # noqa: E402
from assistant.factory import Assistant, build_assistant  # noqa: E402
from assistant.settings import Settings, offline_environment  # noqa: E402
from benchmarks.draft_bench import judged  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "report.jsonl"


def one_report(assistant: Assistant, department: str, out: Path | None) -> dict:
    facts = assistant.draft_facts(department)
    start, cpu = time.perf_counter(), time.process_time()
    first_piece = first_section = None
    report = None
    sections = []
    calls = model_calls(assistant)
    seen = len(calls)
    for part in assistant.stream_report(facts):
        now = time.perf_counter() - start
        if isinstance(part, ReportDraft):
            report = part
        elif part.done:
            first_section = first_section or now
            draft = part.draft
            sections.append({"kind": part.kind, "seconds": round(draft.seconds, 1),
                             "clean": draft.clean, "flags": draft.flags, "backend": draft.backend,
                             "model_calls": calls[seen:], "chars": len(draft.text),
                             **{k: v for k, v in judged(draft, facts, None).items()}})
            seen = len(calls)
        elif part.piece and first_piece is None:
            first_piece = now
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert report is not None
    if out is not None:
        assistant.export_report(report, out / f"{facts.department}{facts.year}.docx")
    return {"department": facts.department, "year": facts.year, "total_s": round(total, 1),
            "cpu_s": round(cpu, 1), "load_avg_1m_at_end": round(os.getloadavg()[0], 2),
            "first_piece_s": round(first_piece or total, 1),
            "first_section_s": round(first_section or total, 1), "sections": sections,
            "clean_sections": sum(s["clean"] for s in sections),
            "degenerate_shown_clean": sum(s["degenerate_shown_clean"] for s in sections),
            "unverified_shown_clean": sum(s["unverified_shown_clean"] for s in sections),
            "placeholders": len(report.placeholders), **profile(sections)}


def model_calls(assistant: Assistant) -> list[dict]:
    """The local model's log of finished generations (empty for another backend)."""
    return getattr(assistant.llm, "calls", [])


def profile(sections: list[dict]) -> dict:
    """Where a report's time went: model calls, retries (a section's second call), sections
    without a model call, prompt tokens evaluated vs reused from the KV cache, tokens written."""
    calls = [c for s in sections for c in s["model_calls"]]
    return {"model_calls": len(calls),
            "retries": sum(max(0, len(s["model_calls"]) - 1) for s in sections),
            "sections_without_model": sum(not s["model_calls"] for s in sections),
            "prompt_tokens": sum(c["prompt_n"] for c in calls),
            "cached_tokens": sum(c["cache_n"] for c in calls),
            "output_tokens": sum(c["predicted_n"] for c in calls),
            "prompt_s": round(sum(c["prompt_ms"] for c in calls) / 1000, 1),
            "generate_s": round(sum(c["predicted_ms"] for c in calls) / 1000, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--departments", default="", help="comma-separated names or aliases")
    ap.add_argument("--repeat", type=int, default=1, help="draft the first department N times")
    ap.add_argument("--out", default="", help="write each report's .docx into this folder")
    ap.add_argument("--results", default=str(RESULTS))
    ap.add_argument("--label", default="", help="a note stored with each row (e.g. before/after)")
    args = ap.parse_args()
    offline_environment()
    assistant = build_assistant(Settings.from_env())
    t = time.perf_counter()
    _ = assistant.llm  # load the model outside the timings
    meta = {"when": time.strftime("%Y-%m-%d %H:%M"), "model_load_s": round(time.perf_counter() - t, 1),
            "load_avg_1m_at_start": round(os.getloadavg()[0], 2), "label": args.label}
    departments = [d for d in args.departments.split(",") if d] or [r.department for r in assistant.reports()]
    runs = [departments[0]] * max(1, args.repeat) + departments[1:]
    out = Path(args.out) if args.out else None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    results = Path(args.results)
    results.parent.mkdir(parents=True, exist_ok=True)
    rows = []
    for department in runs:
        row = {**meta, **one_report(assistant, department, out)}
        rows.append(row)
        with results.open("a", encoding="utf-8") as f:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{row['department']} {row['year']}: total {row['total_s']} s (cpu {row['cpu_s']} s), first piece "
              f"{row['first_piece_s']} s, first section {row['first_section_s']} s, clean "
              f"{row['clean_sections']}/{len(row['sections'])}, degenerate shown clean "
              f"{row['degenerate_shown_clean']}, unverified shown clean {row['unverified_shown_clean']}; "
              f"{row['model_calls']} model calls ({row['retries']} retries), prompt {row['prompt_tokens']} "
              f"+ cached {row['cached_tokens']} tokens in {row['prompt_s']} s, {row['output_tokens']} "
              f"written in {row['generate_s']} s, load {os.getloadavg()[0]:.2f}", flush=True)
    first = [r for r in rows if r["department"] == rows[0]["department"]]
    print(json.dumps({
        "reports": len(rows), "sections": sum(len(r["sections"]) for r in rows),
        "degenerate_shown_clean": sum(r["degenerate_shown_clean"] for r in rows),
        "unverified_shown_clean": sum(r["unverified_shown_clean"] for r in rows),
        "median_total_s_first_department": statistics.median(r["total_s"] for r in first),
        "median_first_piece_s": statistics.median(r["first_piece_s"] for r in rows),
        "median_first_section_s": statistics.median(r["first_section_s"] for r in rows),
        "total_s_per_department": {r["department"]: r["total_s"] for r in rows}}, ensure_ascii=False))


if __name__ == "__main__":
    main()
