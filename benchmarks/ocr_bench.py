"""OCR benchmark: the sample reports drawn as scans, read back by OCR, and scored.

Each sample report's text (`corpus/*.txt`) is drawn line by line onto A4 page images
(`scan_writer.ScanDoc`, 10.5 pt, 200 dpi; ``--noise`` adds blur and speckle) and saved as
an image-only PDF named like the original (``000_….pdf``) in a scratch folder; nothing is
committed. Then:

- **character accuracy**: each page's OCR text against the text drawn on it, whitespace
  removed, ``1 - edit distance / drawn characters``;
- **speed**: pages per second of OCR (render + detect + recognise + layout), with the
  number of cores;
- **headline fact recall**: the scans are ingested (fake embeddings) and
  `jixiao eval-facts` scores them against `tests/data/gold_facts.jsonl` (file names turned
  to .pdf), the same as the text originals: recall and wrong values.

    python benchmarks/ocr_bench.py [--noise] [--limit N] [--out results/ocr_bench.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scan_writer import ScanDoc, find_cjk_font  # noqa: E402


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (one row at a time)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def draw(source: Path, font: Path, noise: bool) -> ScanDoc:
    doc = ScanDoc(font, noise=noise)
    for line in source.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            doc.text(line.strip())
    return doc


def _squeeze(text: str) -> str:
    return "".join(text.split())


def read_scans(sources: list[Path], out: Path, font: Path, noise: bool, data: Path) -> dict:
    """Draw and save every source, ingest the scans into `data` (fake embeddings), and
    measure character accuracy and time per page."""
    from assistant.factory import build_assistant
    from assistant.settings import Settings

    settings = Settings(data_dir=data, models_dir=data / "models", corpus_dir=out,
                        embedding_model="fake", llm="none")
    library = build_assistant(settings).library
    pages = chars = errors = 0
    seconds = 0.0
    per_file = {}
    for source in sources:
        doc = draw(source, font, noise)
        pdf = out / f"{source.stem}.pdf"
        pdf.write_bytes(doc.to_pdf())
        t0 = time.perf_counter()
        result = library.ingest_file(pdf)
        took = time.perf_counter() - t0
        assert result.status == "added", result.message
        text = library.store.report_text(result.report_id)
        row = library.store._conn.execute(  # the stored page starts (no reader exposes them)
            "SELECT page_starts FROM reports WHERE id = ?", (result.report_id,)).fetchone()
        starts = json.loads(row["page_starts"]) + [len(text) + 1]
        file_chars = file_errors = 0
        for k, drawn in enumerate(doc.drawn):
            truth = _squeeze("".join(drawn))
            read = _squeeze(text[starts[k]:starts[k + 1] - 1])
            file_chars += len(truth)
            file_errors += edit_distance(truth, read)
        low = len(library.store.spans(result.report_id, "ocr_low"))
        per_file[pdf.name] = {"pages": len(doc.drawn), "seconds": round(took, 1),
                              "char_accuracy": round(1 - file_errors / max(1, file_chars), 4),
                              "low_confidence_spans": low, "facts": result.facts}
        print(f"{pdf.name}: {per_file[pdf.name]}", file=sys.stderr)
        pages += len(doc.drawn)
        chars += file_chars
        errors += file_errors
        seconds += took
    return {"pages": pages, "seconds": round(seconds, 1),
            "pages_per_second": round(pages / seconds, 3) if seconds else None,
            "char_accuracy": round(1 - errors / max(1, chars), 4), "files": per_file}


def fact_recall(gold: Path, stems: set[str], suffix: str, data: Path | None = None,
                corpus: Path | None = None) -> dict:
    """`jixiao eval-facts` on the reports in `data` (or a folder ingested afresh), the
    gold of the reports named by `stems`, its file names given `suffix`."""
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as tmp:
        renamed = Path(tmp) / "gold_facts.jsonl"
        rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        rows = [dict(r, file=Path(r["file"]).stem + suffix) for r in rows
                if Path(r["file"]).stem in stems]
        renamed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                           encoding="utf-8")
        env = dict(os.environ, JIXIAO_EMBEDDING_MODEL="fake", JIXIAO_LLM="none",
                   JIXIAO_DATA_DIR=str(data or Path(tmp) / "data"), PYTHONPATH=str(ROOT))
        command = [sys.executable, "-m", "assistant.cli", "eval-facts", str(renamed), "--json"]
        if corpus is not None:
            command += ["--corpus", str(corpus)]
        run = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                             check=True)
    return _summary(json.loads(run.stdout))


def _summary(result: dict) -> dict:
    """The headline numbers of an eval-facts result: the gold set's totals, and the
    figures missed or read wrong."""
    total = result["sets"][0]["total"]
    keep = ("recall", "found", "gold", "subject_recall", "precision", "judged", "wrong",
            "missing", "wrong_figures")
    return {k: total[k] for k in keep if k in total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--noise", action="store_true", help="blur and speckle the pages")
    parser.add_argument("--limit", type=int, default=0, help="only the first N reports")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args()
    font = find_cjk_font()
    if font is None:
        sys.exit("no Chinese font on this system (Debian: fonts-noto-cjk)")
    sources = sorted((ROOT / "corpus").glob("*.txt"))[: args.limit or None]
    gold = ROOT / "tests" / "data" / "gold_facts.jsonl"
    stems = {s.stem for s in sources}
    with tempfile.TemporaryDirectory(prefix="ocr-scans-") as tmp:
        scans, data, text_corpus = Path(tmp) / "scans", Path(tmp) / "data", Path(tmp) / "text"
        scans.mkdir()
        text_corpus.mkdir()
        result = {"cores": os.cpu_count(), "noise": args.noise,
                  "ocr": read_scans(sources, scans, font, args.noise, data)}
        for s in sources:
            (text_corpus / s.name).write_bytes(s.read_bytes())
        result["facts_scanned"] = fact_recall(gold, stems, ".pdf", data=data)
        result["facts_text"] = fact_recall(gold, stems, ".txt", corpus=text_corpus)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
