"""Print the latest scale benchmark rows (benchmarks/results/scale.jsonl) as a Markdown table,
for the README. Usage: python benchmarks/scale_table.py"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "scale.jsonl"


def main() -> None:
    rows = [json.loads(x) for x in RESULTS.read_text(encoding="utf-8").splitlines() if x.strip()]
    sizes = [r for r in rows if "mode" not in r]
    latest: dict[int, dict] = {}
    for r in sizes:
        latest[r["reports"]] = r
    hit = [r for r in rows if r.get("mode") == "hit_at_5"]
    print("| reports | chunks | ingest w/o embedding | parse / facts / BM25 tok / store / Chroma add | "
          "embedding (extrapolated) | reports/min | chunks/s | facts p50/p95 | retrieval p50/p95 | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n in sorted(latest):
        r = latest[n]
        st = r["stage_seconds"]
        stages = " / ".join(f"{st.get(k, 0):.1f}" for k in ("parsing", "facts", "bm25_tokenise", "store", "chroma_add"))
        emb = r["embedding"]
        print(f"| {n} | {r['chunks']} | {r['ingest_seconds_without_embedding']:.1f} s | {stages} s | "
              f"{emb['extrapolated_seconds']:.0f} s ({emb['passages_per_second']} chunks/s) | "
              f"{r['reports_per_minute']} ({r['reports_per_minute_without_embedding']} w/o emb.) | "
              f"{r['chunks_per_second']} | {r['facts_p50'] * 1000:.0f} / {r['facts_p95'] * 1000:.0f} ms | "
              f"{r['retrieval_p50_with_query_embedding'] * 1000:.0f} / {r['retrieval_p95_with_query_embedding'] * 1000:.0f} ms | "
              f"{r['peak_rss_mb']} MB |")
    for r in [x for x in hit if "hit_at_5_named" in x][-1:]:
        named, every = r["hit_at_5_named"], r["hit_at_5_all_reports"]
        print(f"\nRetrieval hit@5 on the dev questions with {r['reports']} reports ({r['chunks']} chunks, all "
              f"embedded by the default model): {named[0]}/{named[1]} of the questions that name their "
              f"department; {every[0]}/{every[1]} of those over all reports (their gold answer covers the "
              f"samples only). Figures {r['figures'][0]}/{r['figures'][1]}, unanswerable declined "
              f"{r['abstention'][0]}/{r['abstention'][1]}; answer p50 {r['latency_p50']} s, "
              f"p95 {r['latency_p95']} s; ingest {r['ingest_seconds']} s.")


if __name__ == "__main__":
    main()
