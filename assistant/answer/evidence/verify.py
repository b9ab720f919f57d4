"""Every number in an answer must occur in a cited span or be a derived number computed in
code from cited figures. What a figure is lives in `assistant.text.numbers`."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.text.guard import looks_like_instruction
from assistant.text.numbers import cn_number, flag_numbers, number_values, values_in

__all__ = ["cn_number", "flag_numbers", "looks_like_instruction", "number_values",
           "unsupported_numbers", "values_in"]


def unsupported_numbers(answer: str, quotes: Sequence[str], derived: Sequence[dict] = ()) -> list[str]:
    """Numbers of `answer` found in no quote and not derived (a derived number's own
    calculation, shown in the answer, counts as support for its operands)."""
    allowed = values_in(quotes)
    for d in derived:
        allowed.update(v.normalize() for _, v in number_values(str(d.get("text", ""))))
        allowed.update(v.normalize() for _, v in number_values(str(d.get("calc", ""))))
    missing = []
    for raw, value in number_values(answer):
        if value.normalize() not in allowed:
            missing.append(raw)
    return missing
