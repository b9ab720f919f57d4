"""Undo PDF-extraction artefacts while keeping a map back to the original text.

Every character of the normalised text remembers the offset of the original character it
came from, so any span found in the normalised text can be quoted verbatim from the report.
All edits are deletions or one-for-one replacements, which keeps the map trivial.

What is undone: blank-line artefacts, lines wrapped mid-phrase (including a number wrapped
away from its unit), page marks such as ``— 4 —``, running headers/footers (short lines that
repeat), spaces around CJK text and numbers, full-width digits/letters/percent signs, and the
full-width commas and signs of a number (８６，４１７．５２ → 86,417.52, －３ → -3).
Thousands separators stay in the text (quotes stay verbatim); ``parse_number`` drops them.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from assistant.text.markers import (
    BLOCK_START,
    CHROME_LINE,
    LABEL_START,
    PAGE_MARK,
    PAGE_NOISE,
    WRAPPED_HEADING_CLAUSE,
)
from assistant.text.numbers import FULLWIDTH as _FULLWIDTH
from assistant.text.numbers import fold_number_width, number_signs, parse_number

__all__ = ["BLOCK_START", "NormText", "normalise", "parse_number"]

NOTHING_LINE = re.compile(r"^(?:无|暂无|没有|不涉及|无此情况)[。.；;]?$")
TABLE_ROW = re.compile(r"^[^，。：；]{1,24}：[^；\n]*；[^，。：；]{1,24}：")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
BULLET = re.compile(r"^[•·●▪◆■]")
PAGE_LINE_MAX = 60
LABEL_THEN_TEXT = re.compile(r"[：:]\s*\S")


@dataclass(frozen=True)
class NormText:
    """Normalised text plus, for each of its characters, the original offset."""

    text: str
    offsets: tuple[int, ...]
    original: str

    @cached_property
    def folded(self) -> str:
        """The original with the full-width forms of numbers in ASCII, character for
        character (offsets into it are offsets into `original`): for readers that work on
        the original's layout, such as the flattened-table readers."""
        return fold_number_width(self.original)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised [start, end)."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The verbatim original text behind normalised [start, end)."""
        a, b = self.original_span(start, end)
        return self.original[a:b]

    def offset_runs(self) -> list[tuple[int, int]]:
        """The offset map, compactly: (normalised index, original offset) wherever the map
        does not continue one past the previous character."""
        runs: list[tuple[int, int]] = []
        previous = None
        for i, o in enumerate(self.offsets):
            if previous is None or o != previous + 1:
                runs.append((i, o))
            previous = o
        return runs

    @classmethod
    def from_runs(cls, text: str, runs, original: str) -> NormText:
        """The NormText whose `offset_runs()` were `runs` (as stored at ingest)."""
        offsets: list[int] = []
        bounds = [*(int(i) for i, _ in runs), len(text)]
        for k, (i, o) in enumerate(runs):
            offsets.extend(range(int(o), int(o) + bounds[k + 1] - int(i)))
        return cls(text=text, offsets=tuple(offsets), original=original)


def normalise(original: str) -> NormText:
    """Normalise report text; see the module docstring for what is undone. Line ends are
    unified first, as `load_report` does ("\\r\\n" and "\\r" → "\\n"): the original that
    quotes are cut from is that text, whoever passes the text in."""
    original = unify_line_ends(original)
    lines = _split_lines(original)
    kept = _drop_noise(original, lines)
    widths = [len(original[s:e].strip()) for s, e in kept if original[s:e].strip()]
    full = statistics.median(widths) if widths else 0

    chars: list[str] = []
    offs: list[int] = []
    signs = number_signs(original)  # ８６，４１７ and －３: separators and signs of numbers
    prev_text = ""
    for s, e in kept:
        line = original[s:e]
        stripped = line.strip()
        if not stripped:
            continue
        if chars:
            # a line indented with full-width spaces opens a paragraph, whatever the widths of
            # the lines around it (a table one cell per line shortens the median line)
            if line.startswith("\u3000") or _breaks_paragraph(prev_text, stripped, full):
                chars.append("\n")
                offs.append(s - 1)
        lead = len(line) - len(line.lstrip())
        for i in range(s + lead, s + lead + len(stripped)):
            c = signs.get(i) or _FULLWIDTH.get(original[i], original[i])
            chars.append(c)
            offs.append(i)
        prev_text = stripped
    text, offsets = _squeeze_spaces(chars, offs)
    return NormText(text=text, offsets=tuple(offsets), original=original)


def unify_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _split_lines(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in re.finditer(r"\n|\f", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _key(line: str) -> str:
    return re.sub(r"\s+", "", line)


def _drop_noise(original: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop page marks, and repeats of short non-heading lines (running headers/footers,
    the title repeated at the foot of the report). The first occurrence is kept."""
    counts = Counter(_key(original[s:e]) for s, e in lines)
    seen: set[str] = set()
    kept = []
    for s, e in lines:
        line = original[s:e]
        key = _key(line)
        if key and PAGE_MARK.match(line):
            continue
        repeated = counts[key] > 1 and 6 <= len(key) <= 40 and not BLOCK_START.match(line)
        if repeated and key in seen and key[-1] not in "。，；：、":
            continue
        seen.add(key)
        kept.append((s, e))
    return kept


def _breaks_paragraph(prev: str, nxt: str, full: float) -> bool:
    """Whether the line break between two non-empty lines ends a paragraph."""
    if BLOCK_START.match(nxt) or prev.endswith("报告") or CHROME_LINE.search(prev):
        return True
    if _page_line(prev) or _page_line(nxt):
        return True  # a web page's metadata line (索引号：…), a file name: never body text
    if NOTHING_LINE.match(nxt):
        return True  # "无。" under a heading: the section's whole content
    if TABLE_ROW.match(prev) or TABLE_ROW.match(nxt):
        return True  # table rows ("列名：值；列名：值") stay one per line
    if prev.endswith(("。", "！", "？")) and LABEL_START.match(nxt):
        return True  # "机关饭堂工作：…" opens a new labelled paragraph
    short = full and len(prev) < 0.7 * full
    if short:
        return True
    # a heading line: starts with a marker, shorter than a full line, no clause punctuation
    # ("（2）指标：预期…" goes on: a label with its text after it is a paragraph's start)
    return bool(BLOCK_START.match(prev)) and len(prev) < 0.9 * full \
        and not WRAPPED_HEADING_CLAUSE.search(prev) and not LABEL_THEN_TEXT.search(prev)


def _page_line(line: str) -> bool:
    """A short line of page furniture above a report: metadata, a file name, a site's name
    or breadcrumb (not a bullet, which opens a list item of the body)."""
    return len(line) <= PAGE_LINE_MAX and not BULLET.match(line) and bool(PAGE_NOISE.search(line))


def _squeeze_spaces(chars: list[str], offs: list[int]) -> tuple[str, list[int]]:
    """Drop spaces next to CJK text, digits-to-unit gaps and runs of spaces."""
    out_c: list[str] = []
    out_o: list[int] = []
    n = len(chars)
    for i, c in enumerate(chars):
        if c == " ":
            before = out_c[-1] if out_c else "\n"
            j = i + 1
            while j < n and chars[j] == " ":
                j += 1
            after = chars[j] if j < n else "\n"
            if before in " \n" or after == "\n":
                continue
            if after.isdigit() and _ends_a_whole_number(out_c):
                # "612.80 688.36", "97.50% 9.75": two figures side by side (cells of a table
                # row) stay apart; joined they would read as one number
                out_c.append(c)
                out_o.append(offs[i])
                continue
            if after.isdigit() and _ends_in_item_marker(out_c):
                # "5. 12315热线项目": the item's number stays apart from a name that opens
                # with digits (joined, 5.12315 would read as one decimal number)
                out_c.append(c)
                out_o.append(offs[i])
                continue
            if not (before.isascii() and before.isalnum() and after.isascii() and after.isalpha()):
                # keep "Word word" spacing only between Latin words
                if not (before.isascii() and before.isalpha() and after.isascii() and after.isalnum()):
                    continue
        out_c.append(c)
        out_o.append(offs[i])
    return "".join(out_c), out_o


# a figure that is complete where it ends: decimals (612.80) or a percent sign (97.50%)
_WHOLE_NUMBER = re.compile(r"(?<![\d.,])\d[\d,]*\.\d+%?$|\d%$")


def _ends_a_whole_number(out: list[str]) -> bool:
    return bool(_WHOLE_NUMBER.search("".join(out[-24:])))


# a list item's number at the start of a line: "5." / "5．" (what a space after it keeps apart)
_ITEM_NUMBER = re.compile(r"[ \t　]*\d{1,2}[.．]")


def _ends_in_item_marker(out: list[str]) -> bool:
    """Whether the line so far is only a list item's number."""
    tail = "".join(out[-6:])
    line = tail.rsplit("\n", 1)[-1]
    return ("\n" in tail or len(out) <= 6) and bool(_ITEM_NUMBER.fullmatch(line))
