"""Assemble the paraphrase sets from the hand-written triples.

The paraphrases themselves are data, written by hand in `triples/<set>.txt`, one line each:
`orig_id|method|question`. This script only copies every field of the original record
(answer, kind, department, year, sources, figures_used, calc, answer_normalised …), replaces
`id` and `question`, adds `orig_id` and `method`, and writes `<set>.jsonl` beside it, in the
order of the original set. It never writes or changes a question.

Usage: python benchmarks/paraphrases/assemble.py [--shared DIR]
(DIR defaults to ../shared beside the repository, else /work/shared).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# set name -> the original question file, relative to the shared folder
SETS = {
    "dev": "eval/dev.jsonl",
    "reports-dev": "eval/reports-dev/questions.jsonl",
    "linjiang": "eval/fictional-dev/linjiang/questions.jsonl",
    "yunzhou": "eval/fictional-dev/yunzhou/questions.jsonl",
}
METHODS = ("reorder", "abbrev", "colloquial", "noyear", "typo", "english")
PER_ORIGINAL = 3


def shared_dir(explicit: str | None = None) -> Path | None:
    """The shared folder: explicit, else ../shared beside the repository, else /work/shared."""
    candidates = [Path(explicit)] if explicit else [ROOT.parent / "shared", Path("/work/shared")]
    return next((c for c in candidates if (c / "eval").is_dir()), None)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_triples(path: Path) -> list[tuple[str, str, str]]:
    """(orig_id, method, question) for every non-comment line of a triples file."""
    triples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        orig_id, method, question = (part.strip() for part in line.split("|", 2))
        triples.append((orig_id, method, question))
    return triples


def assemble(originals: list[dict], triples: list[tuple[str, str, str]]) -> list[dict]:
    """The paraphrase records, in the order of the originals; raises on a malformed triple."""
    by_id = {o["id"]: o for o in originals}
    grouped: dict[str, list[tuple[str, str]]] = {}
    for orig_id, method, question in triples:
        if orig_id not in by_id:
            raise ValueError(f"unknown original {orig_id}")
        if method not in METHODS:
            raise ValueError(f"{orig_id}: unknown method {method}")
        if question == by_id[orig_id]["question"]:
            raise ValueError(f"{orig_id}: paraphrase equals the original")
        grouped.setdefault(orig_id, []).append((method, question))
    records = []
    for original in originals:
        variants = grouped.get(original["id"], [])
        if len(variants) != PER_ORIGINAL:
            raise ValueError(f"{original['id']}: {len(variants)} paraphrases, want {PER_ORIGINAL}")
        for n, (method, question) in enumerate(variants, 1):
            record = dict(original)
            record.update(id=f"{original['id']}-p{n}", question=question,
                          orig_id=original["id"], method=method)
            records.append(record)
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared folder holding eval/")
    args = parser.parse_args(argv)
    shared = shared_dir(args.shared)
    if shared is None:
        print("shared eval folder not found", file=sys.stderr)
        return 1
    for name, rel in SETS.items():
        records = assemble(read_jsonl(shared / rel), read_triples(HERE / "triples" / f"{name}.txt"))
        out = HERE / f"{name}.jsonl"
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        print(f"{name}: {len(records)} paraphrases -> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
