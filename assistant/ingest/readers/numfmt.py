"""A spreadsheet number written as the sheet shows it, from its value and number format.

openpyxl and xlrd give a cell's value as a float (1860000.0, 0.9277) and its number format
separately (``#,##0.00``, ``0.00%``). The facts stage reads the text, so the text must be what
a reader of the sheet sees: ``1,860,000.00``, ``92.77%``; never ``1860000.0`` or ``1.86e6``.
Only the parts of a format that change how a number reads are honoured: the section for
positive or negative values, decimals, the thousands separator, percent (a literal ``\\%`` or
``"%"`` does not scale), thousands scaling (``#,##0,`` shows 1,234,567 as 1,235), and
literal text before or after the number (``0.00"万元"``); colours, padding and alignment are
ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

GENERAL_DIGITS = 10  # Excel's General format shows about ten significant digits
_QUOTED = re.compile(r'"([^"]*)"|\\(.)')  # "万元" and \% are literal text, never a placeholder
_IGNORED = re.compile(r"\[[^\]]*\]|_.|\*.")
_SCALING = re.compile(r"^,+")  # commas right after the last digit: each divides by 1,000
_PLACEHOLDER = re.compile(r"[0#?]")
_MARK = 0xE000  # quoted literals stand in the format as private-use characters meanwhile


def format_number(value: float | int, number_format: str | None) -> str:
    """`value` as a sheet with `number_format` displays it."""
    fmt = (number_format or "General").strip()
    if fmt.lower() in ("general", "@", "") or not _PLACEHOLDER.search(_QUOTED.sub("", fmt)):
        return plain_number(value)
    # a negative number is written with a minus sign under the positive section's layout
    # (an accounting format's "(1,234.00)" would not read as a figure)
    sign = "-" if value < 0 else ""
    text = _apply(abs(value), _split_sections(fmt)[0])
    return sign + text if sign and re.search(r"[1-9]", text) else text


def plain_number(value: float | int) -> str:
    """A number in positional notation with at most ten significant digits (General)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    try:
        d = Decimal(f"{value:.{GENERAL_DIGITS}g}")
    except InvalidOperation:
        return str(value)
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_date(value: dt.date | dt.datetime | dt.time) -> str:
    """A date as ``2024-03-31`` (a time of day only when it is not midnight)."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def _split_sections(fmt: str) -> list[str]:
    """The ;-separated sections of a format, ignoring ; inside quotes."""
    sections, current, quoted = [], "", False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += ch
    sections.append(current)
    return [s for s in sections if s.strip()] or ["General"]


def _apply(value: float, section: str) -> str:
    """One format section applied to a non-negative value."""
    literals: list[str] = []
    bare = _QUOTED.sub(lambda m: (literals.append(m.group(1) if m.group(1) is not None
                                                  else m.group(2)),
                                  chr(_MARK + len(literals) - 1))[1], section)
    bare = _IGNORED.sub("", bare)
    first = _PLACEHOLDER.search(bare)
    if first is None:
        return plain_number(value)
    last = max(m.end() for m in _PLACEHOLDER.finditer(bare))
    prefix, core, suffix = bare[:first.start()], bare[first.start():last], bare[last:]
    scaling = _SCALING.match(suffix)
    if scaling:  # #,##0, shows thousands (a 千元 table kept in 元)
        value /= 1000 ** len(scaling.group())
        suffix = suffix[scaling.end():]
    percent = "%" in core or "%" in suffix
    if percent:
        value *= 100
    decimals = len(_PLACEHOLDER.findall(core.split(".", 1)[1])) if "." in core else 0
    grouped = "," in core.split(".", 1)[0]
    # rounded half away from zero on the decimal digits, as Excel does (2.675 -> 2.68)
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    number = format(exact, ",f" if grouped else "f")
    if "%" in core:
        suffix = "%" + suffix
    return _literal(prefix, literals) + number + _literal(suffix, literals)


def _literal(text: str, literals: list[str]) -> str:
    """Format text outside the number, its quoted strings restored."""
    return "".join(literals[ord(ch) - _MARK] if _MARK <= ord(ch) < _MARK + len(literals) else ch
                   for ch in text)
