"""Originals vs paraphrases, from the per-item JSON of two `jixiao eval --json --out` runs.

Prints, for the originals, the paraphrases and each paraphrase method: figures accuracy (kinds
figure, rate, comparison, aggregate), unanswerable declined, answerable refused, and how many
paraphrases of an item the original got right were answered wrongly ("lost").

Usage: python benchmarks/paraphrases/compare.py ORIG.json PARA.json [--markdown]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

FIGURE_KINDS = ("figure", "rate", "comparison", "aggregate")
METHOD_ORDER = ("reorder", "abbrev", "colloquial", "noyear", "typo", "english")


def items(path: Path) -> list[dict]:
    """The per-item results of the first system in an eval JSON file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return next(iter(data["items"].values()))


def ratio(hits: int, total: int) -> str:
    return f"{hits}/{total} ({hits / total:.2f})" if total else "–"


def measures(rows: list[dict], original_ok: dict[str, bool] | None = None) -> dict[str, str]:
    figures = [r for r in rows if r["kind"] in FIGURE_KINDS]
    unanswerable = [r for r in rows if r["kind"] == "unanswerable"]
    answerable = [r for r in rows if r["kind"] != "unanswerable"]
    out = {
        "n": str(len(rows)),
        "figures": ratio(sum(r["correct"] for r in figures), len(figures)),
        "declined": ratio(sum(r["correct"] for r in unanswerable), len(unanswerable)),
        "refused": ratio(sum(r["wrong_abstain"] for r in answerable), len(answerable)),
        "all kinds": ratio(sum(r["correct"] for r in rows), len(rows)),
    }
    if original_ok is not None:
        base = [r for r in rows if original_ok.get(orig_id(r["id"]))]
        out["lost"] = ratio(sum(not r["correct"] for r in base), len(base))
    return out


def orig_id(item_id: str) -> str:
    return item_id.rsplit("-p", 1)[0]


def table(orig: list[dict], para: list[dict], methods: dict[str, str]) -> list[tuple[str, dict]]:
    ok = {r["id"]: bool(r["correct"]) for r in orig}
    rows = [("originals", measures(orig)), ("paraphrases", measures(para, ok))]
    for method in METHOD_ORDER:
        chosen = [r for r in para if methods.get(r["id"]) == method]
        if chosen:
            rows.append((method, measures(chosen, ok)))
    return rows


def methods_of(para_file: Path) -> dict[str, str]:
    lines = para_file.read_text(encoding="utf-8").splitlines()
    return {r["id"]: r["method"] for r in map(json.loads, filter(str.strip, lines))}


def render(rows: list[tuple[str, dict]], markdown: bool) -> str:
    cols = ["n", "figures", "declined", "refused", "all kinds", "lost"]
    if markdown:
        lines = ["| | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
        lines += [f"| {name} | " + " | ".join(m.get(c, "") for c in cols) + " |" for name, m in rows]
    else:
        lines = [f"{name:12} " + "  ".join(f"{c}={m[c]}" for c in cols if c in m) for name, m in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("orig", type=Path, help="eval JSON of the original set")
    parser.add_argument("para", type=Path, help="eval JSON of the paraphrase set")
    parser.add_argument("--set", help="paraphrase file (default: guessed from the ids)")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    para = items(args.para)
    para_file = Path(args.set) if args.set else guess_file(para)
    print(render(table(items(args.orig), para, methods_of(para_file)), args.markdown))
    return 0


def guess_file(para: list[dict]) -> Path:
    here = Path(__file__).resolve().parent
    wanted = {r["id"] for r in para}
    for candidate in sorted(here.glob("*.jsonl")):
        if wanted <= set(methods_of(candidate)):
            return candidate
    raise SystemExit("no paraphrase file holds these ids; pass --set")


if __name__ == "__main__":
    sys.exit(main())
