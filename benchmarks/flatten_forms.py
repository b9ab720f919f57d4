"""Tables flattened the way a web page's copy flattens them, read back: the table facts of
each flattened copy against those of the original.

Every table `ingest.tables.find.find_tables` rebuilds in a report is written again in one of the
layouts a copied web form arrives in, the rest of the text left as it is:

- ``line``: one cell per line, an empty cell a line holding one space;
- ``blank``: one cell per line, an empty cell an empty line;
- ``para``: one cell per paragraph (a blank line between cells), an empty cell an empty
  paragraph;
- ``wrap``: one cell per paragraph, a cell of words longer than 12 characters (not a header) wrapped every 10 characters onto several
  lines;
- ``tab``: one row per line, cells separated by tabs;
- ``tworow``: one cell per line under a two-row header: a parent label spans the table's
  run of amount (or target/actual) columns, the other header cells span both rows;
- ``tabtworow``: the same two-row header, one row per line with tabs;
- ``linewrap``: one cell per line, a cell of words over 12 characters wrapped every 10
  (nothing tells its lines from two cells but the row they would shift);
- ``tabwrap``: tab rows, a cell of words over 12 characters broken into lines of 10 (a
  line break inside the cell, as a page's <br> copies);
- ``crlf``: one cell per paragraph, the table's lines ended by CRLF;
- ``rowspan``: one cell per line, a row's leading empty cells absent (cells that span rows
  above in the page's table).

The facts of the original that come from its tables are the reference; a flattened copy
recovers a fact when a fact of the same metric, scope, subject, value, unit and period comes
from the rewritten region. Extra facts there are counted too (a shifted table gives wrong
ones).

    PYTHONPATH=. python benchmarks/flatten_forms.py [--set synthetic|tune|heldout|all] [-v]

(synthetic: the made-up forms of `flatten_synthetic.py`; tune: reports-dev and linjiang;
heldout: yunzhou, reported apart)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from assistant.facts import extract_facts
from assistant.ingest.normalise import normalise
from assistant.ingest.readers.load import load_report
from assistant.ingest.structure import analyse
from assistant.ingest.tables.find import find_tables
from assistant.ingest.tables.grid import Event, Field, FormTitle, Section, Table
from assistant.text.headers import MONEY, VALUE, WORDS, cell_kind

EVAL = Path("/work/shared/eval")
SETS = {
    "tune": [*sorted((EVAL / "reports-dev").glob("r*.txt")),
             *sorted((EVAL / "fictional-dev/linjiang").glob("report_*"))],
    "heldout": sorted((EVAL / "fictional-dev/yunzhou").glob("report_*")),
}
LAYOUTS = ("line", "blank", "para", "wrap", "tab", "tworow", "tabtworow", "rowspan", "crlf",
           "linewrap", "tabwrap")
WRAP = 10  # the "wrap" layout: one cell per paragraph, a cell over 12 characters wrapped every 10
# the parent label a two-row header puts over a run of columns of one kind
PARENT = {MONEY: "资金情况", VALUE: "指标完成情况"}


def key(f) -> tuple:
    return (f.metric, f.scope, f.subject, f.value, f.unit, f.period)


def facts_in(text: str, regions: list[tuple[int, int]]) -> Counter:
    norm = normalise(text)
    facts = extract_facts(norm, analyse(norm, fallback_name="report"))
    return Counter(key(f) for f in facts if any(a <= f.num_start < b for a, b in regions))


# the grid of what find_tables rebuilt ---------------------------------------------------------
def _regions(found) -> list[tuple[int, int, list[Event]]]:
    """The table spans, merged where they touch, with the events inside each."""
    spans = sorted(found.spans)
    for e in found.events:
        if isinstance(e, Table):
            spans.append((e.start, e.end))
    spans.sort()
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        events = [e for e in found.events if a <= _start(e) < b]
        out.append((a, b, events))
    return out


def _start(e: Event) -> int:
    if isinstance(e, Table):
        return e.start
    if isinstance(e, Field):
        return e.value.start
    return e.cell.start


def _grid(table: Table) -> tuple[list[str], list[list[str]]]:
    header = [c.label for c in table.columns]
    rows = []
    for row in table.rows:
        cells = [""] * len(header)
        for i, c in row:
            cells[i] = c.text if not cells[i] else cells[i] + " " + c.text
        if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):  # a Markdown rule
            rows.append(cells)
    return header, rows


def _blocks(events: list[Event]) -> list[tuple[str, object]]:
    """The region's content in order: ("cells", [...]) for markers, ("table", grid)."""
    out: list[tuple[str, object]] = []
    for e in events:
        if isinstance(e, Table):
            header, rows = _grid(e)
            if out and out[-1][0] == "table" and out[-1][1][0] == header:
                out[-1][1][1].extend(rows)
            else:
                out.append(("table", (header, rows)))
        elif isinstance(e, Field):
            out.append(("cells", [e.label, e.value.text]))
        elif isinstance(e, Section | FormTitle):
            out.append(("cells", [e.cell.text]))
    return [b for b in out if b[0] == "cells" or b[1][1]]


# layouts ---------------------------------------------------------------------------------------
def _two_row_header(table: Table | None, header: list[str]) -> list[list[str]]:
    """The header's rows when a parent label spans a run of amount (or value) columns: the
    first row (the parent in the run's place), then the run; or the header as one row."""
    kinds = [c.kind for c in table.columns] if table else []
    for kind, parent in PARENT.items():
        run = [i for i, k in enumerate(kinds) if k == kind]
        if len(run) >= 2 and run == list(range(run[0], run[-1] + 1)):
            first = header[:run[0]] + [parent] + header[run[-1] + 1:]
            return [first, [header[i] for i in run]]
    return [header]


def _without_leading_empties(row: list[str]) -> list[str]:
    """A row as a web page's table gives it when the cells its leading empty cells stand for
    span rows above: absent, not empty."""
    k = 0
    while k < len(row) - 1 and not row[k]:
        k += 1
    return row[k:]


def render(blocks, tables: list[Table | None], layout: str) -> str:
    lines: list[list[str]] = []  # rows of cells
    t = 0
    for kind, content in blocks:
        if kind == "cells":
            lines.append(list(content))
            continue
        header, rows = content
        table = tables[t] if t < len(tables) else None
        t += 1
        lines.extend(_two_row_header(table, header) if layout in ("tworow", "tabtworow")
                     else [header])
        lines.extend(_without_leading_empties(r) for r in rows) if layout == "rowspan" \
            else lines.extend(rows)
    if layout == "tabwrap":
        lines = [[c if cell_kind(c) != WORDS or len(c) <= 12
                  else "\n".join(c[k:k + WRAP] for k in range(0, len(c), WRAP)) for c in r]
                 for r in lines]
    if layout in ("tab", "tabtworow", "tabwrap"):
        return "\n".join("\t".join(r) for r in lines)
    cells = [c for r in lines for c in r]
    if layout in ("line", "tworow", "rowspan"):
        return "\n".join(c or " " for c in cells)
    if layout == "blank":
        return "\n".join(cells)
    if layout == "crlf":
        return "\r\n\r\n".join(cells)
    if layout in ("wrap", "linewrap"):
        cells = [c if cell_kind(c) != WORDS or len(c) <= 12
                 else "\n".join(c[k:k + WRAP] for k in range(0, len(c), WRAP)) for c in cells]
    if layout == "linewrap":
        return "\n".join(c or " " for c in cells)
    return "\n\n".join(cells)  # para


def flatten(text: str, layout: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The text with every table rewritten in `layout`; the old and the new regions."""
    found = find_tables(text)
    out, pos, old, new = [], 0, [], []
    length = 0
    for a, b, events in _regions(found):
        blocks = _blocks(events)
        if not any(k == "table" for k, _ in blocks):
            continue
        tables = [e for e in events if isinstance(e, Table) and e.rows]
        merged: list[Table] = []
        for e in tables:  # one Table per header, as _blocks merges them
            if not merged or [c.label for c in merged[-1].columns] != [c.label for c in e.columns]:
                merged.append(e)
        piece = render(blocks, merged, layout)
        if a and text[a - 1] != "\n":  # a table glued to the text around it (OCR run-on)
            piece = "\n" + piece
        if b < len(text) and text[b] != "\n":
            piece += "\n"
        out.append(text[pos:a])
        length += a - pos
        new.append((length, length + len(piece)))
        out.append(piece)
        length += len(piece)
        old.append((a, b))
        pos = b
    out.append(text[pos:])
    return "".join(out), old, new


def compare(path: Path, layouts, verbose: bool) -> dict[str, tuple[int, int, int]]:
    text = load_report(path).text
    result = {}
    for layout in layouts:
        flat, old, new = flatten(text, layout)
        if not old:
            continue
        ref = facts_in(text, old)
        got = facts_in(flat, new)
        hit = sum((ref & got).values())
        extra = sum((got - ref).values())
        result[layout] = (hit, sum(ref.values()), extra)
        if verbose and (hit < sum(ref.values()) or extra):
            print(f"  {path.name} {layout}: missing {sorted((ref - got).elements())[:8]}")
            print(f"  {path.name} {layout}: extra   {sorted((got - ref).elements())[:8]}")
    return result


def _synthetic_files() -> list[Path]:
    """The forms of `flatten_synthetic.py`, written to a temporary folder."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from flatten_synthetic import FORMS

    folder = Path(tempfile.mkdtemp(prefix="flatten_synthetic_"))
    for name, text in FORMS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--set", choices=("tune", "heldout", "synthetic", "all"), default="all")
    p.add_argument("--layout", choices=LAYOUTS, action="append")
    p.add_argument("--dump", help="write the flattened copies into this folder")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)
    layouts = args.layout or LAYOUTS
    if args.set in ("synthetic", "all"):
        SETS["synthetic"] = _synthetic_files()
    names = ("synthetic", "tune", "heldout") if args.set == "all" else (args.set,)
    for name in names:
        totals = {lay: [0, 0, 0] for lay in layouts}
        for path in SETS[name]:
            res = compare(path, layouts, args.verbose)
            if args.dump:
                for layout in layouts:
                    d = Path(args.dump) / layout
                    d.mkdir(parents=True, exist_ok=True)
                    (d / (path.stem + ".txt")).write_text(flatten(load_report(path).text, layout)[0])
            for lay, (h, n, x) in res.items():
                for k, v in enumerate((h, n, x)):
                    totals[lay][k] += v
            print(f"{name} {path.name}: " + "  ".join(f"{lay} {h}/{n}+{x}"
                                                        for lay, (h, n, x) in res.items()))
        print(f"== {name}: " + "  ".join(f"{lay} {h}/{n} (+{x} extra)"
                                          for lay, (h, n, x) in totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
