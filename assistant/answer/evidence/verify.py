"""Every number in an answer must occur in a cited span or be a derived number computed in
code from cited figures. What a figure is lives in `assistant.text.numbers`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.text.deductions import deductions_in
from assistant.text.guard import looks_like_instruction
from assistant.text.numbers import CN_UNIT_FIGURE, cn_number, flag_numbers, number_values, values_in

__all__ = ["cn_number", "flag_numbers", "looks_like_instruction", "number_values",
           "untraced_numbers", "unsupported_numbers", "values_in"]


def unsupported_numbers(answer: str, quotes: Sequence[str], derived: Sequence[dict] = ()) -> list[str]:
    """Numbers of `answer` found in no quote and not derived (a derived number's own
    calculation, shown in the answer, counts as support for its operands)."""
    allowed = values_in(quotes) | quoted_in_words(quotes)
    for d in derived:
        allowed.update(v.normalize() for _, v in number_values(str(d.get("text", ""))))
        allowed.update(v.normalize() for _, v in number_values(str(d.get("calc", ""))))
    missing = []
    for raw, value in number_values(answer):
        if value.normalize() not in allowed:
            missing.append(raw)
    return missing


def quoted_in_words(quotes: Sequence[str]) -> set[Decimal]:
    """The scores and head counts quotes write in Chinese numerals (得分九十一点五分, 六人) and
    the points they deduct (扣一分): figures of the quote that `number_values`, which also reads
    answers, leaves to prose."""
    out: set[Decimal] = set()
    for q in quotes:
        out |= {v.normalize() for m in CN_UNIT_FIGURE.finditer(q)
                if (v := cn_number(m.group("num"))) is not None}
        out |= {d.value.normalize() for d in deductions_in(q)}
    return out


def untraced_numbers(answer: str, quotes: Sequence[str], derived: Sequence[dict] = ()) -> list[str]:
    """Numbers of `answer` that a reader cannot trace to the cited spans: in no quote, and the
    result of no derivation that bottoms out in quotes. A derivation (value, text, calc) traces
    when every operand of its calc (the numbers left of its first "=") is quoted or the result
    of another traced derivation; a count (with `items`) when it counts its items right and each
    stands in a quote or in the answer itself (the list it counts, each item's figure cited). Its results are its value, its text and the numbers right of "=". This is
    stricter than `unsupported_numbers`, which takes any number of a calc on trust."""
    # a quote's numbers read both ways: as written, and with blanks inside numbers closed up
    # (a PDF line break in "2,180. 24"; that also runs a table's columns together)
    known = values_in(quotes) | {abs(v).normalize() for q in quotes for _, v in number_values(q)}
    known |= quoted_in_words(quotes)
    texts = [_squashed(q) for q in (*quotes, answer)]
    pending = list(derived)
    progress = True
    while progress:
        progress = False
        for d in list(pending):
            if _traces(d, known, texts):
                known |= _results(d)
                pending.remove(d)
                progress = True
    return [raw for raw, value in number_values(answer) if abs(value).normalize() not in known]


def _squashed(text: str) -> str:
    return re.sub(r"[\s“”\"]", "", text or "")


def _traces(d: dict, known: set[Decimal], texts: Sequence[str]) -> bool:
    items = d.get("items")
    if items:
        names = [_squashed(str(i)) for i in items]
        return (Decimal(len(names)) == abs(Decimal(str(d.get("value", -1))))
                and all(n and any(n in t for t in texts) for n in names))
    operands = number_values(str(d.get("calc", "")).split("=")[0])
    return bool(operands) and all(abs(v).normalize() in known for _, v in operands)


def _results(d: dict) -> set[Decimal]:
    out = {abs(v).normalize() for _, v in number_values(str(d.get("text", "")))}
    out |= {abs(v).normalize() for _, v in number_values("=".join(str(d.get("calc", "")).split("=")[1:]))}
    if isinstance(d.get("value"), (int, float)):
        out.add(abs(Decimal(str(d["value"]))).normalize())
    return out
