"""What a figure looks like in Chinese report text: Arabic and Chinese numerals, units, the
markers, years, dates and list ordinals that are not figures, parsing to a number, and how
to mark an unchecked one. The one place that knows; everything else imports from here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

_FW = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
GROUPED = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 4,144.86: thousands separators
PLAIN = r"\d+(?:\.\d+)?"  # 4144.86
NUMBER = re.compile(rf"(?<![\d.]){GROUPED}|(?<![\d.,]){PLAIN}")
MARKER = re.compile(r"\[\d+\]|【\d+】|［\d+］")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")
ORDINAL = re.compile(r"(?:^|\n)\s*\d{1,2}[.、．](?!\d)")
# what drafted prose also writes that is not a figure: dates; list markers at a line start or
# after punctuation (1. 2、 （3） 4）); ordinals 第N点/条/项; counts of the draft's own points
# (以下3点：, 分为4个方面。)
PROSE_NOT_FIGURES = re.compile(
    r"\d{1,2}\s*月\s*\d{1,2}\s*日|(?<![\d.])\d{1,2}\s*月(?!\s*份额)|[（(]\d{1,2}[）)]|[①-⑩]"
    r"|(?:^|(?<=\n))\s*\d{1,2}\s*[.、．](?!\d)"
    r"|(?:^|(?<=[：:；;。，,\s]))\d{1,2}\s*(?:[.、．](?!\d)|[）)])"
    r"|第\s*\d{1,2}\s*(?=点|条|项|部分|方面|是)"
    r"|(?<![\d.,])\d{1,2}\s*(?:个方面|方面|点|条)(?:问题|措施|建议|意见|内容|工作|成效|任务)?"
    r"(?=\s*(?:[：:，,。；;]|$))")

# years -------------------------------------------------------------------------------------------
YEAR_IN_TITLE = re.compile(r"(20\d{2})\s*年度?")
# the span a year takes in a question, with the point of it the year names (2023年底, 2024年末
# are the year's: 底 and 末 are no words of what is asked)
YEAR_MENTION = re.compile(r"(20\d{2})\s*年(?:度|底|末)?")
YEAR_IN_TEXT = re.compile(r"(20\d{2})\s*年")
YEAR_DIGITS = re.compile(r"(19|20)\d{2}")  # fullmatch: four digits that read as a year

# units ------------------------------------------------------------------------------------------
MONEY = "money"
RATE = "rate"
SCORE = "score"
PEOPLE = "people"
COUNT = "count"

UNIT_KIND = {
    "万元": MONEY, "元": MONEY, "亿元": MONEY, "千元": MONEY,
    "%": RATE,
    "分": SCORE,
    "人": PEOPLE, "名": PEOPLE,
    "个": COUNT, "项": COUNT,
}
TO_WAN = {"万元": 1.0, "元": 0.0001, "千元": 0.1, "亿元": 10000.0}
CANONICAL_UNIT = {MONEY: "万元", RATE: "%", SCORE: "分", PEOPLE: "人", COUNT: "个"}
YUAN_PER_UNIT = {"元": 1.0, "千元": 1e3, "万元": 1e4, "百万元": 1e6, "千万元": 1e7, "亿元": 1e8}


def unit_kind(unit: str) -> str:
    return UNIT_KIND.get(unit, "")


def to_canonical(value: float, unit: str) -> tuple[float, str]:
    """Money to 万元 (others unchanged), rounded to avoid float noise."""
    if unit in TO_WAN:
        return round(value * TO_WAN[unit], 6), "万元"
    return value, CANONICAL_UNIT.get(unit_kind(unit), unit)


# figures with units -----------------------------------------------------------------------------
# A number with its unit, as report prose states a fact. Thousands separators allowed; a year
# (…年) has no unit here; 分/人/个/项 only where they are units (not 分析, 人民, 个人, 项目).
UNIT_FIGURE = re.compile(
    rf"(?<![\d.,])(?P<num>{GROUPED}|{PLAIN})\s*"
    r"(?P<unit>万元|亿元|千元|元|%|分(?!之|别|类|析|配|解|管|项|钟)|人(?!次|民|员|大|才|社)|名|个(?!人|别|百分点)|项(?!目))"
)
# thousands separated by blanks, as some forms write them (12 860.40); in a table cell only:
# prose loses the blanks when it is normalised
SPACE_GROUPED = r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:\.\d+)?(?![\d])"
# a table cell's number with an optional unit (a minus sign allowed)
CELL_FIGURE = re.compile(
    rf"(?P<num>-?{SPACE_GROUPED}|-?{GROUPED}|-?{PLAIN})\s*(?P<unit>万元|亿元|千元|元|%|分|人|个|项)?"
)
HEADER_UNIT = re.compile(r"[（(](万元|亿元|千元|元|%|分|人|个)[）)]")  # 预算数（万元）
# a cell that is only a number: not a column header
NUMERIC_CELL = re.compile(r"[-+]?\d[\d,，.]*\s*(?:%|％|万元|元|分)?")
# a quantity as a person writes it in a facts file or a form: "4,227.15万元", "99.6％"
QUANTITY = re.compile(
    r"^\s*(?P<num>-?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)\s*"
    r"(?P<unit>万元|亿元|千元|元|%|％|分|人|名|个|项|次|件|篇|期)?\s*$")
# a number with a unit anywhere in a statement (such statements belong to the figures)
# a sentence that can state a figure: a digit, or a count in Chinese numerals (九个科室)
STATES_FIGURE = re.compile(r"\d|[０-９]|[一二两三四五六七八九十百千]+(?:个|人|名|项|次|家|所|台|辆|件|场|户|处|条|篇)")
HAS_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|元|%|人|个|项)")
# a loose figure in displayed text: digits, separators, decimals
LOOSE_NUMBER = re.compile(r"\d[\d,，]*(?:\.\d+)?")
# a form's cell: the number, then what follows (its unit)
LEADING_NUMBER = re.compile(r"^\s*(-?\d[\d,，]*(?:\.\d+)?)\s*(.*?)\s*$")
# the text before and including the number of a text value ("3246.07万元" -> "万元" is left)
NUMBER_PREFIX = re.compile(r"^[^\d]*[\d,，.]+\s*")
# the units a displayed figure may carry (to mark it with its number)
DISPLAY_UNIT = r"(?:\s*(?:亿元|万元|元|%|％|个百分点|分|个|人|项|次|家|件|台|辆|场))?"
# every character that is not part of a number (to read a stated value back)
NOT_NUMBER_CHAR = re.compile(r"[^\d.,，．０-９-]")
# a thousands separator between digits (dropped for keyword search)
THOUSANDS_SEP = re.compile(r"(?<=\d),(?=\d{3})")
# a run of digits with separators (masked in exemplars)
DIGIT_RUN = re.compile(r"\d[\d,，.]*\d|\d")
# a figure written just before a mark (export styles "123（⚠未核实）")
FIGURE_BEFORE = r"\d[\d.,]*"
CITE_REF = re.compile(r"\[(\d+)\]")  # [3] in a model's answer

# what the scorer counts (eval): a figure with any unit gold answers use, and what it skips
SCORE_UNITS = sorted([*YUAN_PER_UNIT, "个百分点", "百分点", "%", "‰", "分钟", "分", "人次", "万人",
                      "人", "个月", "个", "项", "件", "次", "期", "份", "批次", "批", "篇", "条", "天",
                      "小时", "台", "辆", "名", "位", "场", "户", "家", "所", "套", "年", "倍", "万"],
                     key=len, reverse=True)
SCORE_NUMBER = re.compile(rf"(?<![0-9A-Za-z_.])({GROUPED}|{PLAIN})"
                          r"(?![0-9A-Za-z_])\s*(" + "|".join(map(re.escape, SCORE_UNITS)) + ")?")
SCORE_NOT_FIGURES = re.compile(
    r"[\[【]\s*\d+(?:\s*[,，、\-–]\s*\d+)*\s*[\]】]"  # citation markers [1] 【2】 [1, 3]
    r"|(?<!\d)\d{4}\s*(?:[-—–~～至到]\s*\d{4}\s*)?年度?"  # years and year ranges
    r"(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?"  # ... with month and day
    r"|(?<![\d.])\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"  # month (and day) without a year
    r"|[（(]\s*\d{1,2}\s*[）)]"  # (1) （2）
    r"|[—–]\s*\d{1,4}\s*[—–]"  # page marks — 4 —
    r"|(?:^|(?<=[\n；;。：:！？!?]))\s*\d{1,2}\s*[、.)）](?!\d)"  # 1. 1、 at an item start
)
DECIMALS = re.compile(r"\.(\d+)")  # the decimals a figure is written with

# full-width forms of digits, Latin letters and signs, and the blanks PDFs use
FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
FULLWIDTH.update({"％": "%", "．": ".", "\u3000": " ", "\t": " ", "\xa0": " ", "\f": "\n"})
WIDE_DIGITS = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": "."})
_ANY_DIGIT = "0-9０-９"
# a number grouped with full-width commas (８６，４１７．５２, 1，234.56): its digits are full-width
# or a decimal part follows, so "完成12，345" (two counts) stays two numbers
_WIDE_GROUPED = re.compile(
    rf"(?<![{_ANY_DIGIT}])(?<![{_ANY_DIGIT}][，,．.])[{_ANY_DIGIT}]{{1,3}}(?:，[{_ANY_DIGIT}]{{3}})+(?![{_ANY_DIGIT}])"
    rf"(?P<decimals>[．.][{_ANY_DIGIT}])?")
# a full-width minus or plus sign before a digit (－３．２％)
_WIDE_SIGN = re.compile(rf"[－＋](?=[{_ANY_DIGIT}])")


def number_signs(text: str) -> dict[int, str]:
    """The positions of the full-width characters that are part of a number and their
    ASCII forms, beyond the one-for-one FULLWIDTH map: commas grouping thousands (８６，４１７
    → 86,417) and signs before a digit (－３ → -3). Same length, so offsets keep."""
    found: dict[int, str] = {}
    for m in _WIDE_GROUPED.finditer(text):
        body = m.group()
        if m.group("decimals") or any("０" <= ch <= "９" for ch in body):
            found.update((m.start() + k, ",") for k, ch in enumerate(body) if ch == "，")
    for m in _WIDE_SIGN.finditer(text):
        found[m.start()] = "-" if m.group() == "－" else "+"
    return found


_WIDE_NUMBER_CHARS = re.compile("[０-９％．，－＋]")


def fold_number_width(text: str) -> str:
    """The text with the full-width forms of numbers in ASCII (１，２３４．５６％ → 1,234.56%),
    character for character: the same length, so an offset into it is one into `text`.
    Everything else (blanks, tabs, punctuation between words) is left as written."""
    if not _WIDE_NUMBER_CHARS.search(text):
        return text
    signs = number_signs(text)
    chars = list(text)
    for i, ch in enumerate(chars):
        if i in signs:
            chars[i] = signs[i]
        elif "０" <= ch <= "９" or ch == "％":
            chars[i] = FULLWIDTH[ch]
        elif ch == "．" and 0 < i < len(chars) - 1 and _digit(chars[i - 1]) and _digit(text[i + 1]):
            chars[i] = "."
    return "".join(chars)


def _digit(ch: str) -> bool:
    return "0" <= ch <= "9" or "０" <= ch <= "９"


def stated_figure(digits: str) -> re.Pattern[str]:
    """A figure given by its digits ("4144.86") as a text may write it: separators or blanks
    between the digits, not part of a longer number, with its unit when one follows."""
    body = r"[,，\s]*".join(re.escape(ch) for ch in digits)
    return re.compile(rf"(?<![\d.]){body}(?![\d]|\.\d){DISPLAY_UNIT}")


_GROUP_SEPARATORS = str.maketrans("", "", ",， \u00a0\u2009\u202f")  # 1,234 1 234 1 234


def _cleaned(raw: str) -> str:
    return "".join(FULLWIDTH.get(c, c) for c in raw).translate(_GROUP_SEPARATORS)


def parse_number(raw: str) -> float:
    """'4,227.15' -> 4227.15; full-width digits and separators are accepted; a figure in
    Chinese numerals (六 → 6, 九十一点五 → 91.5) too."""
    try:
        return float(_cleaned(raw))
    except ValueError:
        value = cn_number(raw)
        if value is None:
            raise
        return float(value)


def parse_decimal(raw: str) -> Decimal | None:
    """'9,570,171.39' -> Decimal('9570171.39'), digits as written; None if not a number."""
    try:
        return Decimal(_cleaned(raw))
    except InvalidOperation:
        return None


def figure_text(text: str) -> str:
    """Drafted prose with what is not a figure there blanked out (dates, markers, ordinals,
    counts of points, years); `number_values(text, prose=True)` applies it first."""
    text = PROSE_NOT_FIGURES.sub(" ", text)
    return YEAR.sub(" ", text)


# figures written in Chinese numerals: only with a money, percent or head-count unit after
# them (or 百分之 before), so that 一是, 三个方面 and 十分 stay prose
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_CHARS = "零〇一二两三四五六七八九十百千万点"
_CN_UNIT = "(?=亿元|万元|元|人|名|%|个百分点)"
CN_FIGURE = re.compile(rf"百分之([{_CN_CHARS}]+)|(?<![{_CN_CHARS}])([{_CN_CHARS}]+?){_CN_UNIT}")


# a head count or a score in Chinese numerals as report prose states it (在职人员六人, 编制七名,
# 得分九十一点五分): the same groups as UNIT_FIGURE; a lone 一 (站长一人) or 十 (十分重要) is prose
CN_UNIT_FIGURE = re.compile(
    rf"(?<![{_CN_CHARS}])(?P<num>[{_CN_CHARS}]{{2,}}|[二两三四五六七八九])"
    r"(?P<unit>人(?!次|民|员|大|才|社)|名|分(?!之|别|类|析|配|解|管|项|钟))")


# a percentage written in words: 百分之九十八, 百分之九十一点五, 百分之百, 百分之98
WORD_PERCENT = re.compile(rf"百分之(?P<num>\d+(?:\.\d+)?|[{_CN_CHARS}]+)")


class WordPercent:
    """A 百分之N figure read as a match of UNIT_FIGURE: its number, and % for its unit (which
    the words give before the number, not after it)."""

    def __init__(self, m: re.Match) -> None:
        self._m = m

    def group(self, name: int | str = 0) -> str:
        return "%" if name == "unit" else self._m.group(name)

    def groupdict(self) -> dict[str, str]:
        return {"num": self._m.group("num"), "unit": "%"}

    def start(self, name: int | str = 0) -> int:
        return self._m.start(name if name != "unit" else 0)

    def end(self, name: int | str = 0) -> int:
        return self._m.end(name if name != "unit" else 0)

    def span(self, name: int | str = 0) -> tuple[int, int]:
        return self.start(name), self.end(name)


def unit_figures(sentence: str) -> list[re.Match]:
    """The figures with units of a sentence, in digits (UNIT_FIGURE) or in Chinese numerals
    (CN_UNIT_FIGURE, and 百分之N as a WordPercent), in reading order."""
    found = [*UNIT_FIGURE.finditer(sentence),
             *(m for m in CN_UNIT_FIGURE.finditer(sentence) if cn_number(m.group("num")) is not None),
             *(WordPercent(m) for m in WORD_PERCENT.finditer(sentence)
               if parse_decimal_words(m.group("num")) is not None)]
    return sorted(found, key=lambda m: m.start())


def parse_decimal_words(num: str) -> Decimal | None:
    """The value of a number in digits or in Chinese numerals, None when it is neither."""
    if num[:1].isdigit():
        return Decimal(num)
    return cn_number(num)


def digits(num: str) -> str:
    """A figure's number in digits: as written when it is (1,231.75), else its Chinese
    numerals read (六 → 6, 九十一点五 → 91.5)."""
    if not num or num[0].isdigit() or num[0] in "-+０１２３４５６７８９":
        return num
    value = cn_number(num)
    return num if value is None else format(value.normalize(), "f")


_SPACE_GROUPED = re.compile(SPACE_GROUPED)


def as_written(num: str, original: str) -> str:
    """A figure's number as the report writes it: its blanks grouping thousands kept when the
    original has them (全年支出1 127.09万元 → "1 127.09", as a table cell keeps them), else
    `digits(num)`. `original` is the report's text of the figure."""
    grouped = _SPACE_GROUPED.search(original)
    if grouped and grouped.group().translate(_GROUP_SEPARATORS) == num.translate(_GROUP_SEPARATORS):
        return grouped.group()
    return digits(num)


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


# a Chinese-numeral figure and its unit, to be shown with digits beside it (六人 → 六人（6人）)
_CN_SHOWN = re.compile(rf"百分之([{_CN_CHARS}]+)|(?<![{_CN_CHARS}])([{_CN_CHARS}]+?)(亿元|万元|元|人|名|个百分点|分)")


def with_digits(text: str) -> str:
    """A quoted sentence with the digits beside each figure it writes in Chinese numerals
    (在职人员六人 → 六人（6人）, 百分之九十八 → 百分之九十八（98%）, 九十一点五分 → 九十一点五分（91.5分）),
    so that the reader sees the figure; a lone 一 or 十 (一人, 十分重要) stays prose."""
    def shown(m: re.Match) -> str:
        raw = m.group(1) or m.group(2)
        value = cn_number(raw)
        if value is None or raw in ("一", "十", "两"):
            return m.group(0)
        unit = "%" if m.group(1) else m.group(3)
        return f"{m.group(0)}（{value}{unit}）"
    return _CN_SHOWN.sub(shown, text)


# small Chinese numbers, as ordinals and counts are written (一 … 九十九)
CN_SMALL_DIGITS = "零一二三四五六七八九"


def cn(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十 (1..99)."""
    if n < 10:
        return CN_SMALL_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_SMALL_DIGITS[tens]) + "十" + (CN_SMALL_DIGITS[ones] if ones else "")


def from_cn(text: str) -> int | None:
    """'三' -> 3, '十二' -> 12, '5' -> 5; None when it is not a small number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in CN_SMALL_DIGITS + "十两" for c in text):
        return None
    text = text.replace("两", "二")
    if "十" not in text:
        return CN_SMALL_DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (CN_SMALL_DIGITS.index(tens) if tens else 1) * 10 + (CN_SMALL_DIGITS.index(ones) if ones else 0)


def number_values(text: str, prose: bool = False) -> list[tuple[str, Decimal]]:
    """(as written, value) for the figures in a text: citation markers, years and list
    ordinals are not figures. Chinese-numeral figures (十二人, 百分之九十九) count too.
    The one rule of what is not a figure: answers (quoted reports) use it as is; drafted
    prose (`prose`) also drops dates, list markers after punctuation, 第N点 and counts of
    its own points (see `figure_text`)."""
    if prose:
        text = figure_text(text)
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


# a figure stated as a bound or an estimate, not as an exact value: a word just before it
# ("接近100%", "约 3000 万元") or just after it ("90%以上", "500万元左右", "100余人")
APPROX_BEFORE = re.compile(r"(?:大约|约为|约|接近|将近|近|逾|超过|不足|不到|不低于|不少于|高于|低于)\s*$")
APPROX_AFTER = re.compile(r"^\s*(?:左右|以上|以下|上下|之多|余|多)")


def qualified_figure(text: str, start: int, end: int) -> str:
    """The figure text[start:end] with the word that makes it approximate ("接近100%",
    "90%以上"); "" when the text states it as an exact value."""
    if not 0 <= start < end <= len(text):
        return ""
    before = APPROX_BEFORE.search(text[max(0, start - 4):start])
    after = APPROX_AFTER.match(text[end:end + 4])
    if not before and not after:
        return ""
    figure = re.sub(r"\s+", "", text[start:end])
    return (before.group().strip() if before else "") + figure + (after.group().strip() if after else "")
