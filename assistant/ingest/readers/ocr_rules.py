"""Ruled tables on a scanned page: the ruling lines give the rows and columns.

In a scanned 自评表 the text of neighbouring cells can stand closer together than words of
a sentence, and a wrapped cell's lines sit above and below its row's middle; the lines the
table is ruled with say where each cell is. Long horizontal and vertical strokes are picked
out of the page image (morphological opening with a long thin kernel), each connected set
of them is a table, and its rule positions are the row and column boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# a rule is at least this share of the page's width (across) or height (down) long: more
# than a stroke of a title character, less than a narrow column or a row of two lines
MIN_RULE = 0.06
MIN_TABLE = 0.15  # a table is at least this share of the page's width wide


@dataclass(frozen=True)
class RuledGrid:
    """A ruled table: its row boundaries (y) and column boundaries (x), in pixels."""

    ys: tuple[float, ...]
    xs: tuple[float, ...]

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def holds(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.box
        return x0 <= x <= x1 and y0 <= y <= y1

    def cell_of(self, x: float, y: float) -> tuple[int, int]:
        """(row, column) of the cell that holds the point."""
        return _slot(self.ys, y), _slot(self.xs, x)


def _slot(bounds: tuple[float, ...], v: float) -> int:
    for k in range(len(bounds) - 1):
        if v < bounds[k + 1]:
            return k
    return len(bounds) - 2


def ruled_grids(gray: Any) -> tuple[list[RuledGrid], Any]:
    """The ruled tables of a page image (a 2-D uint8 array, dark ink on light paper), and
    the image with its rules whitened (the recogniser reads a character touching a rule,
    such as 一, better without it)."""
    import cv2
    import numpy as np

    h, w = gray.shape
    ink = (gray < 128).astype(np.uint8)
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                              cv2.getStructuringElement(cv2.MORPH_RECT, (max(8, int(w * MIN_RULE)), 1)))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                            cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(8, int(h * MIN_RULE * 2 / 3)))))
    lines = across | down
    rules = cv2.dilate(lines, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    grids = []
    for k in range(1, count):
        x, y, bw, bh = stats[k][:4]
        if bw < MIN_TABLE * w or bh < MIN_RULE * h / 2:
            continue
        grid = _grid(across[y:y + bh, x:x + bw], down[y:y + bh, x:x + bw], x, y)
        if grid is not None:
            grids.append(grid)
    clean = gray.copy()
    if grids:  # only inside the tables: a long stroke of a large title is no rule
        erase = cv2.dilate(lines, np.ones((3, 3), np.uint8)) > 0
        inside = np.zeros_like(erase)
        for g in grids:
            x0, y0, x1, y1 = (int(v) for v in g.box)
            inside[max(0, y0 - 4):y1 + 5, max(0, x0 - 4):x1 + 5] = True
        clean[erase & inside] = 255
    return sorted(grids, key=lambda g: g.ys[0]), clean


def _grid(across: Any, down: Any, x: int, y: int) -> RuledGrid | None:
    """Row and column boundaries from the rules inside one table's bounding box: rows
    where a horizontal rule runs across half the table, columns where vertical rules
    cover a fifth of its height."""
    bh, bw = across.shape
    ys = _positions(across.sum(axis=1) >= 0.5 * bw)
    xs = _positions(down.sum(axis=0) >= 0.2 * bh)
    if len(ys) < 3 or len(xs) < 3:  # at least two rows and two columns
        return None
    return RuledGrid(tuple(float(y + v) for v in ys), tuple(float(x + v) for v in xs))


def _positions(flags: Any) -> list[float]:
    """The middles of the runs of true values."""
    out: list[float] = []
    start = None
    for i, flag in enumerate(list(flags) + [False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((start + i - 1) / 2.0)
            start = None
    return out
