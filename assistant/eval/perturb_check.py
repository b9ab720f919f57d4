"""The metamorphic check: ingest each report as written and under every perturbation
(`perturb.py`), and list every fact that changed.

A report's text is read as ingest reads it (`load_report`); the baseline is that text as a
UTF-8 .txt file, so every report of a folder, whatever its format, is compared on the same
footing. Each rewrite of all reports goes into its own temporary data dir (reports of one
library can share aliases), and a fact is compared by what it states: metric, scope,
subject, period, value and unit. The department name and the year of each report are
compared too. `diff_facts` and `compare` are pure; `run_check` does the ingesting.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from assistant.eval.perturb import PERTURBATIONS, Perturbation

Key = tuple[str, str, str, str, str, str]
# a library: report stem -> {"department", "year", "facts": [fact dicts]}
Library = dict[str, dict]
Ingest = Callable[[Path], Library]  # a folder of report files -> its library


def fact_key(fact: dict) -> Key:
    """What a fact states (not where: offsets and quotes move with the notation)."""
    value = fact.get("value")
    shown = "" if value is None else f"{Decimal(str(value)).normalize():f}"
    return (fact.get("metric") or "", fact.get("scope") or "", fact.get("subject") or "",
            fact.get("period") or "", shown if value is not None else fact.get("text_value") or "",
            fact.get("unit") or "")


def label(key: Key) -> str:
    metric, scope, subject, period, value, unit = key
    where = f"[{scope}:{subject}] " if subject else f"[{scope}] " if scope != "department" else ""
    return f"{where}{period}{metric}={value}{unit}"


def diff_facts(before: Iterable[dict], after: Iterable[dict]) -> dict:
    """{"lost": [...], "gained": [...]}: the facts (as labels) only one side states, counted
    as a multiset."""
    old, new = Counter(map(fact_key, before)), Counter(map(fact_key, after))
    return {"lost": sorted(label(k) for k in (old - new).elements()),
            "gained": sorted(label(k) for k in (new - old).elements())}


def compare(original: Library, perturbed: Library) -> list[dict]:
    """One entry per report of the original library that changed under the rewrite."""
    out = []
    for stem, report in original.items():
        other = perturbed.get(stem)
        if other is None:
            out.append({"report": stem, "missing": True, "lost": len(report["facts"]),
                        "facts": diff_facts(report["facts"], [])})
            continue
        diff = diff_facts(report["facts"], other["facts"])
        renamed = (report["department"], report["year"]) != (other["department"], other["year"])
        if diff["lost"] or diff["gained"] or renamed:
            out.append({"report": stem, "facts": diff,
                        "changed": len(diff["lost"]) + len(diff["gained"]),
                        "department": [report["department"], other["department"]] if
                        report["department"] != other["department"] else None,
                        "year": [report["year"], other["year"]] if report["year"] != other["year"]
                        else None})
    return out


def scratch_ingest(build: Callable[[Path], Any], failed: Callable[[str], None] | None = None
                   ) -> Ingest:
    """An `Ingest` that builds a scratch library per folder with `build(data_dir)` (an
    assistant: its data dir beside the folder) and reads back each report's name, year and
    facts."""
    def ingest(folder: Path) -> Library:
        scratch = build(folder.with_name(folder.name + "-data"))
        for r in scratch.ingest([folder]):
            if r.status == "failed" and failed is not None:
                failed(r.message)
        library = {Path(r.id).stem: {"department": r.department, "year": r.year, "facts": []}
                   for r in scratch.reports()}
        for f in scratch.facts():
            library[Path(f.report_id).stem]["facts"].append(f.to_dict())
        return library

    return ingest


def report_texts(folders: Sequence[Path]) -> dict[str, str]:
    """Each report's text as ingest reads it, by its file stem (the first of a stem wins)."""
    from assistant.ingest.readers.load import iter_report_files, load_report

    texts: dict[str, str] = {}
    for path in iter_report_files(list(folders)):
        if path.stem not in texts:
            texts[path.stem] = load_report(path).text
    return texts


def _write(folder: Path, texts: dict[str, str], perturbation: Perturbation | None) -> Path:
    folder.mkdir(parents=True)
    for stem, text in texts.items():
        suffix, data = perturbation.render(text) if perturbation else (".txt",
                                                                        text.encode("utf-8"))
        (folder / f"{stem}{suffix}").write_bytes(data)
    return folder


def run_check(texts: dict[str, str], ingest: Ingest,
              perturbations: Sequence[Perturbation] = PERTURBATIONS) -> dict:
    """Ingest the texts as written and under each perturbation; {"reports": n, "facts": n,
    "perturbations": [{name, what, changed, reports: [...]}], "changed": total}."""
    with tempfile.TemporaryDirectory(prefix="jixiao-perturb-", ignore_cleanup_errors=True) as tmp:
        base = ingest(_write(Path(tmp) / "original", texts, None))
        rows = []
        for p in perturbations:
            changes = compare(base, ingest(_write(Path(tmp) / p.name, texts, p)))
            rows.append({"name": p.name, "what": p.what, "reports": changes,
                         "changed": sum(c.get("changed", c.get("lost", 0)) for c in changes),
                         "renamed": sum(1 for c in changes if c.get("department")
                                        or c.get("year"))})
    return {"reports": len(base), "facts": sum(len(r["facts"]) for r in base.values()),
            "perturbations": rows, "changed": sum(r["changed"] + r["renamed"] for r in rows)}


def format_check(result: dict) -> str:
    """The check as text: one line per perturbation, then what changed in each report."""
    lines = [f"{result['reports']} reports, {result['facts']} facts"]
    for row in result["perturbations"]:
        lines.append(f"{row['name']:<16} {row['changed']:>4} facts changed, "
                     f"{row['renamed']} renamed  ({row['what']})")
        for c in row["reports"]:
            lines.extend(_report_lines(c))
    lines.append("OK: no fact changed" if not result["changed"] else
                 f"CHANGED: {result['changed']}")
    return "\n".join(lines)


def _report_lines(change: dict) -> list[str]:
    if change.get("missing"):
        return [f"    {change['report']}: not ingested"]
    out = [f"    {change['report']}: {change['changed']} facts"]
    for key in ("department", "year"):
        if change.get(key):
            out.append(f"      {key}: {change[key][0]} -> {change[key][1]}")
    for key in ("lost", "gained"):
        if change["facts"][key]:
            out.append(f"      {key}: " + "; ".join(change["facts"][key][:20])
                       + (" …" if len(change["facts"][key]) > 20 else ""))
    return out
