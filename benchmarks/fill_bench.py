"""Rules alone against rules + the model's fill (issue 21, item 4), on question files.

For each file: how many questions understanding leaves a slot open (department, metric,
subject), and on how many the model is called (some offered name could pass validation; see
`assistant.answer.understand.model_fill`). Then the called questions only are answered twice
on one library: by the rules (no model anywhere) and with the model filling the Query — the
answers themselves stay extractive in both, so a difference is the fill's alone. Prints the
counts, each changed Query, and the score of both systems on the called questions.

Usage (the library of /work/tools/answers_eval.sh, the local GGUF model):
    JIXIAO_DATA_DIR=/tmp/ansdata_<wt> JIXIAO_EMBEDDING_MODEL=fake HF_HUB_OFFLINE=1 \\
      python benchmarks/fill_bench.py FILE.jsonl ... [--limit 60] [--dry] [--out result.json]
`--dry` only counts (no model is loaded).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from assistant.answer.question import resolve

from assistant.answer.chain import QA, Conversation
from assistant.answer.understand import model_fill
from assistant.eval.score import run_eval
from assistant.factory import build_assistant
from assistant.models.llm import build_llm
from assistant.settings import Settings


def called(items: list[dict], catalog) -> tuple[Counter, list[dict]]:
    """Counts of open slots, and the items the model would be called on."""
    counts: Counter = Counter()
    chosen = []
    for item in items:
        query = resolve(item["question"], catalog)
        open_ = model_fill.gaps(query, catalog)
        counts["questions"] += 1
        if not open_.any():
            continue
        counts["open"] += 1
        counts.update(f"open:{slot}" for slot in open_.names())
        offered = model_fill.options(query, catalog, open_)
        if model_fill.viable(offered, query, catalog.departments()):
            counts["called"] += 1
            chosen.append(item)
    return counts, chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=60, help="model calls at most")
    parser.add_argument("--dry", action="store_true", help="count only, load no model")
    parser.add_argument("--llm", default="local",
                        help="backend of the fill (local, openai; validator: no model, the first "
                             "name that passes validation, to tell the model's part from the checks)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    settings = Settings.from_env()
    assistant = build_assistant(settings.with_(llm="none"))
    rules = QA(assistant.library, backend="none")
    catalog = rules.catalog()
    todo: list[dict] = []
    for path in args.files:
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        counts, chosen = called(items, catalog)
        print(path.name, dict(counts))
        todo += [{**item, "file": path.name} for item in chosen]
    todo = todo[:args.limit]
    print(f"model called on {len(todo)} questions")
    if args.dry or not todo:
        return
    if args.llm == "validator":  # the counterfactual: the checks alone choose, no model
        model_fill.ask = lambda llm, query, choices, config=None: {
            slot: next(n for n in names if model_fill.supported(slot, n, query, catalog.departments()))
            for slot, names in choices.items()}
        llm = object()
    else:
        llm = build_llm(settings.with_(llm=args.llm), max_tokens=model_fill.MAX_TOKENS)
    filled = QA(assistant.library, backend="none")  # extractive answers, as the rules'
    filled.chain._filler = lambda: (lambda: llm)  # only understanding gets the model

    def with_model(item: dict) -> dict:
        conversation = Conversation()
        t0 = time.perf_counter()
        result = filled.ask(item["question"], conversation, with_retrieval=True).to_result()
        before, after = resolve(item["question"], catalog), conversation.queries[-1]
        item["filled"] = {k: getattr(after, k) for k in ("departments", "metrics", "subjects")
                          if getattr(after, k) != getattr(before, k)}
        print(item["id"], item.get("method", ""), item["question"], "->", item["filled"] or "(kept)",
              f"{time.perf_counter() - t0:.1f}s", flush=True)
        return {"id": item["id"], **result}

    systems = {
        "rules": lambda item: {"id": item["id"], **rules.ask(item["question"], with_retrieval=True).to_result()},
        "rules + model": with_model,
    }
    result = run_eval(todo, systems)
    for name, rows in result["items"].items():
        right = sum(bool(r.get("correct")) for r in rows)
        refused = sum(bool(r.get("wrong_abstain")) for r in rows)
        print(f"{name}: right {right}/{len(rows)}, answerable refused {refused}")
    before = {r["id"]: r for r in result["items"]["rules"]}
    for r in result["items"]["rules + model"]:
        if bool(r.get("correct")) != bool(before[r["id"]].get("correct")):
            print("changed", r["id"], "rules", bool(before[r["id"]].get("correct")), "-> model", bool(r.get("correct")))
    if args.out:
        args.out.write_text(json.dumps({"called": todo, **result}, ensure_ascii=False, indent=1),
                            encoding="utf-8")


if __name__ == "__main__":
    main()
