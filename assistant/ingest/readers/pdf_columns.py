"""A PDF page set in two text columns (a government gazette's page), read column by column.

`page.extract_text()` writes a page line by line across the whole width, so on a two-column
page each extracted line is a left-column line and the right-column line on the same
baseline run together (``…全年预算 1,200人次，实际1,386人次；…``), and figures fall apart
from their labels. The columns show in the characters' x positions: a gutter, an x across
the page body where no line has a character, with text on both sides of it on many lines.

The page is cut into bands from top to bottom: a line that crosses the gutter (a title or a
running head set across the page, a centred page number, a table row) is a band of its own;
between two such lines the left column is read, then the right one. Each band is read with
`extract_text` on its crop, so the text keeps the spacing every other page gets. A page with
ruling lines (a ruled table) or too little text, or whose two sides are not both long lines
of text (a borderless table's narrow columns), is not a two-column page: None.
"""

from __future__ import annotations

from statistics import median
from typing import Any

MIN_LINES = 8  # lines with text on both sides of the gutter
MIN_SHARE = 0.5  # of the page's lines that do not cross it
MAX_CROSSING = 0.6  # lines across the gutter (a title, a table's rows), share of all
MIN_SIDE = 0.15  # ink of each column's typical line: at least this share of the body width
ONE_RUN = 0.8  # share of the lines whose column text is one run (a table's: several cells)
MIN_GUTTER = 8.0  # points of blank between two columns' lines (a table's cells: a space)
LINE_TOLERANCE = 3.0  # points between tops of characters on one line


def two_column_text(page: Any) -> str | None:
    """The page's text column by column, or None when it is not a two-column page."""
    if len(page.rects) + len(page.lines) > 4:
        return None
    chars = [c for c in page.chars if c["text"].strip()]
    lines = _lines(chars)
    if len(lines) < MIN_LINES:
        return None
    gutter = _gutter(lines)
    if gutter is None:
        return None
    gaps = [g for line in lines if (g := _gap(line, gutter)) is not None]
    bands = _bands(lines, gutter, median(gaps) / 2)
    return "\n".join(_band_text(page, band, gutter) for band in bands).strip("\n")


def _lines(chars: list[dict]) -> list[list[tuple[float, float, float, float]]]:
    """The characters as lines of segments (x0, x1, top, bottom): characters closer than
    half their size run into one segment."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if rows and abs(rows[-1][0]["top"] - c["top"]) <= LINE_TOLERANCE:
            rows[-1].append(c)
        else:
            rows.append([c])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        segments: list[list[float]] = []
        for c in row:
            size = c.get("size") or c["x1"] - c["x0"]
            if segments and c["x0"] - segments[-1][1] < max(3.0, size * 0.6):
                segments[-1][1] = max(segments[-1][1], c["x1"])
                segments[-1][3] = max(segments[-1][3], c["bottom"])
            else:
                segments.append([c["x0"], c["x1"], c["top"], c["bottom"]])
        lines.append([tuple(s) for s in segments])
    return lines


def _gutter(lines: list[list[tuple]]) -> float | None:
    """The x of the gutter: in the middle of the body, crossed by few lines, with text on
    both sides and a wide blank between on most; each side's characters one run, as a line
    of prose is, not several cells, and not a few characters (a table's cells)."""
    left_edge = min(s[0] for line in lines for s in line)
    right_edge = max(s[1] for line in lines for s in line)
    width = right_edge - left_edge
    best: tuple[int, float] | None = None
    x = left_edge + 0.3 * width
    while x <= left_edge + 0.7 * width:
        crossing = sum(1 for line in lines if any(s[0] <= x <= s[1] for s in line))
        both = sum(1 for line in lines if (_gap(line, x) or 0) >= MIN_GUTTER)
        if crossing <= MAX_CROSSING * len(lines) and (best is None or both > best[0]):
            best = (both, x)
        x += 1.0
    if best is None:
        return None
    gutter = best[1]
    crossing = sum(1 for line in lines if any(s[0] <= gutter <= s[1] for s in line))
    if best[0] < max(MIN_LINES, MIN_SHARE * (len(lines) - crossing)):
        return None
    split = [line for line in lines if not any(s[0] <= gutter <= s[1] for s in line)]
    lefts = [sum(s[1] - s[0] for s in line if s[1] < gutter) for line in split]
    rights = [sum(s[1] - s[0] for s in line if s[0] > gutter) for line in split]
    runs = [len([s for s in line if s[1] < gutter]) <= 1 and len([s for s in line if s[0] > gutter]) <= 1
            for line in split]
    if min(median(lefts), median(rights)) < MIN_SIDE * width or sum(runs) < ONE_RUN * len(runs):
        return None
    return gutter


def _gap(line: list[tuple], gutter: float) -> float | None:
    """The blank across the gutter on a line with text on both sides of it, else None."""
    left = [s[1] for s in line if s[1] < gutter]
    right = [s[0] for s in line if s[0] > gutter]
    if not left or not right or any(s[0] <= gutter <= s[1] for s in line):
        return None
    return min(right) - max(left)


def _bands(lines: list[list[tuple]], gutter: float, min_gap: float
           ) -> list[tuple[bool, float, float]]:
    """(across, top, bottom) from the top of the page: a line across the gutter is a band
    of its own, the lines between two such lines one band in two columns. A line crosses it
    with a character, or with a blank much narrower than the gutter (a table row's words set
    across the page, the gutter falling between two of them)."""
    bands: list[tuple[bool, float, float]] = []
    for line in lines:
        gap = _gap(line, gutter)
        across = any(s[0] <= gutter <= s[1] for s in line) or (gap is not None and gap < min_gap)
        top, bottom = min(s[2] for s in line), max(s[3] for s in line)
        if bands and not across and not bands[-1][0]:
            bands[-1] = (False, bands[-1][1], bottom)
        else:
            bands.append((across, top, bottom))
    return bands


def _band_text(page: Any, band: tuple[bool, float, float], gutter: float) -> str:
    across, top, bottom = band
    x0, _, x1, _ = page.bbox
    box_top, box_bottom = max(page.bbox[1], top - 1), min(page.bbox[3], bottom + 1)
    if across:
        return page.within_bbox((x0, box_top, x1, box_bottom)).extract_text() or ""
    parts = (page.within_bbox((x0, box_top, gutter, box_bottom)).extract_text() or "",
             page.within_bbox((gutter, box_top, x1, box_bottom)).extract_text() or "")
    return "\n".join(p for p in parts if p)
