"""What a figure looks like in Chinese report text: Arabic and Chinese numerals, the
markers, years and list ordinals that are not figures, and how to mark an unchecked one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

_FW = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?")
MARKER = re.compile(r"\[\d+\]|【\d+】|［\d+］")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")
ORDINAL = re.compile(r"(?:^|\n)\s*\d{1,2}[.、．](?!\d)")



# figures written in Chinese numerals: only with a money, percent or head-count unit after
# them (or 百分之 before), so that 一是, 三个方面 and 十分 stay prose
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_CHARS = "零〇一二两三四五六七八九十百千万点"
_CN_UNIT = "(?=亿元|万元|元|人|名|%|个百分点)"
CN_FIGURE = re.compile(rf"百分之([{_CN_CHARS}]+)|(?<![{_CN_CHARS}])([{_CN_CHARS}]+?){_CN_UNIT}")


def cn_number(text: str) -> Decimal | None:
    """十二 → 12, 三千二百零五 → 3205, 九十九点六 → 99.6, 一万二千 → 12000; None if not a number."""
    whole, _, frac = text.partition("点")
    total, section, digit = 0, 0, None
    for ch in whole:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in "十百千":
            section += (1 if digit is None else digit) * {"十": 10, "百": 100, "千": 1000}[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    value = Decimal(total + section + (digit or 0))
    if frac:
        if any(c not in _CN_DIGITS for c in frac):
            return None
        value += Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    if not any(c in _CN_DIGITS for c in text) and not text.startswith(("十", "百", "千")):
        return None  # 万 alone is a unit, not a number
    return value


def number_values(text: str) -> list[tuple[str, Decimal]]:
    """(as written, value) for the figures in a text: citation markers, years and list
    ordinals are not figures. Chinese-numeral figures (十二人, 百分之九十九) count too."""
    text = text.translate(_FW)
    text = MARKER.sub(" ", text)
    text = YEAR.sub(" ", text)
    text = ORDINAL.sub("\n", text)
    out = []
    for m in NUMBER.finditer(text):
        try:
            out.append((m.group(), Decimal(m.group().replace(",", ""))))
        except InvalidOperation:
            continue
    for m in CN_FIGURE.finditer(text):
        raw = m.group(1) or m.group(2)
        value = cn_number(raw)
        if value is not None and raw != "一":  # 一人, 一名: prose more often than a figure
            out.append((raw, value))
    return out


def values_in(spans: Iterable[str]) -> set[Decimal]:
    """All number values in some texts, whitespace inside numbers ignored."""
    found: set[Decimal] = set()
    for span in spans:
        joined = re.sub(r"(?<=[\d,.])\s+(?=[\d,.])", "", span)
        found.update(v.normalize() for _, v in number_values(joined))
    return found


def flag_numbers(answer: str, bad: Sequence[str]) -> str:
    """Mark unsupported numbers visibly in the text."""
    for raw in sorted(set(bad), key=len, reverse=True):
        if raw[:1].isdigit():
            pattern = rf"(?<![\d.,]){re.escape(raw)}(?![\d.,]*\d)"
        else:  # a Chinese-numeral figure: only where it stands before its unit (or after 百分之)
            pattern = (rf"(?<![{_CN_CHARS}]){re.escape(raw)}{_CN_UNIT}"
                       rf"|(?<=百分之){re.escape(raw)}(?![{_CN_CHARS}])")
        answer = re.sub(pattern, f"{raw}（⚠未核实）", answer)
    return answer
