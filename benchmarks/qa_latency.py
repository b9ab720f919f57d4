"""Answer latency on the dev questions, per route, in one warm process.

- facts route: `ask` without the retrieval side-lookup the eval adds;
- retrieval route without an LLM (extractive);
- with the local LLM: time to the first streamed token and to the full answer.
Usage: python benchmarks/qa_latency.py [--questions FILE] [--llm-runs 5]
Needs an ingested data dir (JIXIAO_DATA_DIR, default ./data). Appends to
benchmarks/results/qa_latency.jsonl.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answer.types import Answer  # noqa: E402
from assistant.factory import build_assistant  # noqa: E402
from assistant.settings import Settings, offline_environment  # noqa: E402


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(q * len(xs)))], 3) if xs else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", default=str(ROOT.parent / "shared" / "eval" / "dev.jsonl"))
    ap.add_argument("--llm-runs", type=int, default=5)
    args = ap.parse_args()
    offline_environment()
    items = [json.loads(x) for x in Path(args.questions).read_text(encoding="utf-8").splitlines() if x]
    settings = Settings.from_env()
    none = build_assistant(settings.with_(llm="none"))
    none.qa.ask("热身：番禺区政府办2022年基本支出有多少？")  # load jieba, BM25, embedder
    none.qa.retriever.search("热身")
    times: dict[str, list[float]] = {"facts": [], "retrieval": []}
    retrieval_questions = []
    for item in items:
        t = time.perf_counter()
        answer = none.qa.ask(item["question"])
        times[answer.route].append(time.perf_counter() - t)
        if answer.route == "retrieval":
            retrieval_questions.append(item["question"])
    result = {"when": time.strftime("%Y-%m-%d %H:%M"),
              "facts_p50": pct(times["facts"], 0.5), "facts_p95": pct(times["facts"], 0.95),
              "facts_n": len(times["facts"]),
              "retrieval_none_p50": pct(times["retrieval"], 0.5),
              "retrieval_none_p95": pct(times["retrieval"], 0.95), "retrieval_n": len(times["retrieval"])}
    if args.llm_runs and settings.llm != "none":
        local = build_assistant(settings)
        local.library = none.library
        t = time.perf_counter()
        local.qa.llm  # noqa: B018 - load the model
        result["llm_load_s"] = round(time.perf_counter() - t, 2)
        first, total = [], []
        for question in (retrieval_questions * 3)[: args.llm_runs]:
            t = time.perf_counter()
            got_first = None
            for part in local.qa.stream(question):
                if got_first is None and isinstance(part, str) and part.strip():
                    got_first = time.perf_counter() - t
                if isinstance(part, Answer):
                    total.append(time.perf_counter() - t)
            first.append(got_first or float("nan"))
        result.update({"llm": settings.llm, "first_token_p50": pct(first, 0.5),
                       "answer_p50": pct(total, 0.5), "llm_runs": len(first)})
    print(json.dumps(result, ensure_ascii=False))
    with (ROOT / "benchmarks" / "results" / "qa_latency.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
