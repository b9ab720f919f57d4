"""Ingest benchmark: the sample corpus into a fresh data dir, in a fresh process, N times.

Reports the median wall time (model load included, as a user sees it) and the peak RSS.
Usage: python benchmarks/ingest_bench.py [--runs 3] [--precision int8|fp32] [--corpus DIR]
Results are appended to benchmarks/results/ingest.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from assistant.factory import build_assistant
from assistant.settings import Settings, offline_environment
offline_environment()
a = build_assistant(Settings.from_env())
res = a.ingest([sys.argv[1]])
total = time.perf_counter() - t0
print(json.dumps({"seconds": total, "files": len(res),
                  "failed": sum(r.status == "failed" for r in res),
                  "chunks": sum(r.chunks for r in res), "facts": sum(r.facts for r in res),
                  "embedded": sum(r.embedded for r in res),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--precision", choices=("int8", "fp32"), default="int8",
                    help="embedding precision (default int8, as the app)")
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    args = ap.parse_args()
    runs = []
    for i in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "JIXIAO_DATA_DIR": tmp, "JIXIAO_EMBEDDING_INT8": str(args.precision == "int8")}
            out = subprocess.run([sys.executable, "-c", CHILD, args.corpus], env=env, cwd=ROOT,
                                 capture_output=True, text=True, check=True)
            run = json.loads(out.stdout.strip().splitlines()[-1])
            runs.append(run)
            print(f"run {i + 1}: {run['seconds']:.1f} s, peak RSS {run['peak_rss_mb']:.0f} MB",
                  file=sys.stderr)
    summary = {
        "when": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{platform.machine()} {os.cpu_count()} cores",
        "precision": args.precision, "load_avg_1m": round(os.getloadavg()[0], 2), "runs": len(runs),
        "median_seconds": round(statistics.median(r["seconds"] for r in runs), 1),
        "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs)),
        "chunks": runs[0]["chunks"], "facts": runs[0]["facts"], "files": runs[0]["files"],
    }
    print(json.dumps(summary, ensure_ascii=False))
    with (ROOT / "benchmarks" / "results" / "ingest.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(summary, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
