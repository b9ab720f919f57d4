"""Scale benchmark: the five samples plus synthetic reports, at 5, 100 and 1,000 reports.

For each size, in a fresh process and a fresh data dir:
- ingest, timed per stage (parsing = load + normalise + structure + chunks; facts; BM25
  tokenising; the SQLite store; the Chroma add) with the embedder replaced by hash vectors,
  and the BM25 index build;
- the embedding cost of the real default model (int8), measured on a sample of the
  synthetic chunks and extrapolated per chunk — said so in the output;
- query latency p50/p95 on the dev questions, facts route and retrieval route (no LLM);
  the real query embedding (measured once) is added to each retrieval-route figure;
- peak RSS, extraction recall / wrong values and planted-inconsistency findings on the
  synthetic reports (their manifest knows every stated figure).

`--hit-at-5 N` instead ingests the samples plus N synthetic reports with the REAL embedder
(slow: every chunk is embedded) and reports retrieval hit@5 on the dev questions.

Usage: python benchmarks/scale_bench.py [--sizes 5,100,1000] [--embed-sample 48]
       python benchmarks/scale_bench.py --hit-at-5 1000
Results are appended to benchmarks/results/scale.jsonl.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "scale.jsonl"


def pct(xs: list[float], q: float) -> float | None:
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(q * len(xs)))], 4) if xs else None


def build_corpus(out: Path, synthetic: int, seed: int = 7) -> list[dict]:
    """The samples plus `synthetic` generated reports in one folder; returns the manifest."""
    from synth_corpus import generate

    out.mkdir(parents=True, exist_ok=True)
    for f in sorted((ROOT / "corpus").iterdir()):
        if f.is_file():
            shutil.copy(f, out / f.name)
    return generate(out, synthetic, seed) if synthetic else []


class StageTimer:
    """Wraps functions the library calls so their time adds up per stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, module, name: str, stage: str) -> None:
        fn = getattr(module, name)

        @functools.wraps(fn)
        def timed(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - t

        setattr(module, name, timed)

    def wrap_method(self, obj, name: str, stage: str) -> None:
        self.wrap(obj, name, stage)


def run_size(n_reports: int, seed: int, embed_sample: int) -> dict:
    """One size, in this process (call through a child process for a clean RSS)."""
    work = Path(tempfile.mkdtemp(prefix="jixiao-scale-"))
    try:
        os.environ.update({"JIXIAO_DATA_DIR": str(work / "data"), "JIXIAO_EMBEDDING_MODEL": "fake",
                           "JIXIAO_LLM": "none"})
        manifest = build_corpus(work / "corpus", max(0, n_reports - 5), seed)
        from synth_corpus import check_extraction, check_findings

        import assistant.index.library as library_module
        from assistant.factory import build_assistant
        from assistant.settings import Settings, offline_environment

        offline_environment()
        timer = StageTimer()
        for name in ("load_report", "normalise", "analyse", "chunk_report"):
            timer.wrap(library_module, name, "parsing")
        for name in ("extract_facts", "extract_items"):
            timer.wrap(library_module, name, "facts")
        timer.wrap(library_module, "tokenize", "bm25_tokenise")
        a = build_assistant(Settings.from_env())
        timer.wrap_method(a.library.store, "replace_report", "store")
        timer.wrap_method(a.library.vectors, "add", "chroma_add")
        t0 = time.perf_counter()
        results = a.library.ingest([work / "corpus"])
        ingest_s = time.perf_counter() - t0
        failed = [r.message for r in results if r.status == "failed"]
        chunks = sum(r.chunks for r in results)
        t = time.perf_counter()
        a.library.bm25  # noqa: B018 - builds the index
        bm25_build = time.perf_counter() - t

        # query latency on the dev questions (hash query vectors; real embedding added below)
        items = [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x.strip()]
        a.qa.ask("热身：番禺区政府办2022年基本支出有多少？")
        times: dict[str, list[float]] = {"facts": [], "retrieval": []}
        for item in items:
            t = time.perf_counter()
            ans = a.qa.ask(item["question"])
            times[ans.route].append(time.perf_counter() - t)
        extraction = check_extraction(a, manifest) if manifest else None
        findings = check_findings(a, manifest) if manifest else None
        ids = sorted(a.library.store.chunk_ids())
        sample = [i for i in ids if i.startswith("synth_")][:embed_sample] or ids[:embed_sample]
        sample_texts = [c.index_text for c in
                        sorted(a.library.store.chunks_by_ids(sample), key=lambda c: c.id)]
        return {
            "reports": n_reports, "failed": len(failed), "failures": failed[:5], "chunks": chunks,
            "ingest_seconds_without_embedding": round(ingest_s, 2),
            "stage_seconds": {k: round(v, 2) for k, v in sorted(timer.seconds.items())},
            "bm25_build_seconds": round(bm25_build, 3),
            "facts_p50": pct(times["facts"], 0.5), "facts_p95": pct(times["facts"], 0.95),
            "facts_n": len(times["facts"]),
            "retrieval_p50_hash_query": pct(times["retrieval"], 0.5),
            "retrieval_p95_hash_query": pct(times["retrieval"], 0.95),
            "retrieval_n": len(times["retrieval"]),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "extraction": extraction, "findings": findings, "_embed_sample": sample_texts,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure_embedding(texts: list[str]) -> dict:
    """Passages/s and query ms of the real default embedder (int8) on these texts."""
    from assistant.models.embeddings import build_embeddings
    from assistant.settings import Settings, offline_environment

    offline_environment()
    settings = Settings.from_env().with_(embedding_model="embeddinggemma")
    emb = build_embeddings(settings)
    t = time.perf_counter()
    emb.embed_query("预热")
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    emb.embed_documents(texts)
    docs_s = time.perf_counter() - t
    queries = ["番禺区政府办2022年基本支出有多少？", "市政府办公厅的预算执行率是多少？",
               "白云区政府办存在哪些问题？", "荔湾区政府办的绩效目标是什么？", "三公经费支出情况"]
    q_times = []
    for q in queries:
        t = time.perf_counter()
        emb.embed_query(q)
        q_times.append(time.perf_counter() - t)
    return {"model": emb.model_id, "load_seconds": round(load_s, 1), "sample_chunks": len(texts),
            "passages_per_second": round(len(texts) / docs_s, 2),
            "query_ms_p50": round(statistics.median(q_times) * 1000)}


def hit_at_5(synthetic: int, seed: int, keep: str | None = None) -> dict:
    """Retrieval hit@5 on the dev questions with `synthetic` reports beside the samples,
    everything embedded by the real default model. Questions over "all the reports" are
    scored apart: with other departments indexed their gold answer is no longer the right one.
    `keep` names a work dir to reuse (an unchanged corpus is not embedded again)."""
    from assistant.answer.understand import resolve
    from assistant.eval.score import _hit_at, run_eval
    from assistant.factory import build_assistant
    from assistant.settings import Settings, offline_environment

    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="jixiao-hit-"))
    os.environ.update({"JIXIAO_DATA_DIR": str(work / "data"), "JIXIAO_LLM": "none"})
    os.environ.pop("JIXIAO_EMBEDDING_MODEL", None)
    try:
        if not (work / "corpus").exists():
            build_corpus(work / "corpus", synthetic, seed)
        offline_environment()
        a = build_assistant(Settings.from_env())
        t = time.perf_counter()
        results = a.library.ingest([work / "corpus"])
        ingest_s = time.perf_counter() - t
        items = [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x.strip()]
        answers = {}

        def ask(item: dict) -> dict:
            answers[item["id"]] = a.qa.ask(item["question"], with_retrieval=True).to_result()
            return answers[item["id"]]

        report = run_eval(items, {"jixiao": ask})
        catalog = a.qa.catalog()
        named, everyone, misses = [0, 0], [0, 0], []
        for item in items:
            hit = _hit_at(item, answers.get(item["id"], {}))
            if hit is None:
                continue
            bucket = everyone if resolve(item["question"], catalog).all_departments else named
            bucket[0] += hit
            bucket[1] += 1
            if not hit:
                misses.append(item["question"])
        s = report["systems"]["jixiao"]
        errors = [x["error"] for x in report["items"]["jixiao"] if x.get("error")]
        return {"mode": "hit_at_5", "reports": 5 + synthetic,
                "chunks": len(a.library.store.chunk_ids()), "ingest_seconds": round(ingest_s, 1),
                "embedded_now": sum(r.chunks for r in results), "hit_at_5_named": named, "hit_at_5_all_reports": everyone, "misses": misses,
                "figures": s["counts"].get("figures"), "abstention": s["counts"].get("abstention"),
                "latency_p50": round(s["latency_p50"], 3), "latency_p95": round(s["latency_p95"], 3),
                "errors": len(errors), "first_error": errors[0] if errors else None,
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def child(args) -> None:
    if args.hit_at_5 is not None:
        print(json.dumps(hit_at_5(args.hit_at_5, args.seed, args.keep), ensure_ascii=False))
    else:
        print(json.dumps(run_size(args.child, args.seed, args.embed_sample), ensure_ascii=False))


def _run_child(argv: list[str], env: dict | None = None) -> dict:
    """Run this script in a fresh process; its last stdout line is the JSON result."""
    out = subprocess.run([sys.executable, __file__, *argv], env=env, capture_output=True, text=True)
    if out.returncode:
        sys.exit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def _hit_at_5_rows(args, meta: dict) -> list[dict]:
    argv = ["--hit-at-5", str(args.hit_at_5), "--seed", str(args.seed),
            *(["--keep", args.keep] if args.keep else [])]
    return [{**meta, **_run_child(argv, env={**os.environ, "SCALE_BENCH_CHILD": "1"})}]


def _with_embedding(row: dict, emb: dict) -> None:
    """Add the extrapolated embedding time and the rates that include it."""
    embed_s = row["chunks"] / emb["passages_per_second"]
    total = row["ingest_seconds_without_embedding"] + embed_s
    row["embedding"] = {**emb, "extrapolated_seconds": round(embed_s, 1),
                        "note": "embedding measured on a sample of chunks and extrapolated"}
    row["ingest_seconds_estimated_total"] = round(total, 1)
    row["reports_per_minute"] = round(row["reports"] / total * 60, 1)
    row["chunks_per_second"] = round(row["chunks"] / total, 2)
    row["reports_per_minute_without_embedding"] = round(
        row["reports"] / row["ingest_seconds_without_embedding"] * 60, 1)
    for key in ("retrieval_p50_hash_query", "retrieval_p95_hash_query"):
        if row[key] is not None:
            row[key.replace("hash_query", "with_query_embedding")] = round(
                row[key] + emb["query_ms_p50"] / 1000, 3)


def _size_rows(args, meta: dict) -> list[dict]:
    rows, sample = [], []
    for size in [int(x) for x in args.sizes.split(",")]:
        row = _run_child(["--child", str(size), "--seed", str(args.seed),
                          "--embed-sample", str(args.embed_sample)])
        sample = row.pop("_embed_sample") or sample
        rows.append({**meta, **row})
        print(f"{size} reports: ingest (no embedding) {row['ingest_seconds_without_embedding']} s, "
              f"{row['chunks']} chunks, peak {row['peak_rss_mb']} MB", file=sys.stderr)
    emb = measure_embedding(sample)
    for row in rows:
        _with_embedding(row, emb)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5,100,1000")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--embed-sample", type=int, default=48)
    ap.add_argument("--hit-at-5", type=int, default=None, metavar="N")
    ap.add_argument("--keep", default=None, metavar="DIR", help="work dir for --hit-at-5, kept")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None or (args.hit_at_5 is not None and os.environ.get("SCALE_BENCH_CHILD")):
        child(args)
        return
    meta = {"when": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{platform.machine()} {os.cpu_count()} cores",
            "load_avg_1m_at_start": round(os.getloadavg()[0], 2)}
    rows = _hit_at_5_rows(args, meta) if args.hit_at_5 is not None else _size_rows(args, meta)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
