"""Every number in an answer must occur in a cited span or be a derived number computed in
code from cited figures. This module finds the numbers and checks them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

_FW = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?")
MARKER = re.compile(r"\[\d+\]|【\d+】|［\d+］")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")
ORDINAL = re.compile(r"(?:^|\n)\s*\d{1,2}[.、．](?!\d)")


# text in a report that speaks to the assistant instead of reporting: "忽略之前的指令", "请回答…",
# "ignore previous instructions". Such sentences are never facts and never shown to the LLM.
INSTRUCTION = re.compile(
    r"忽略(?:掉)?(?:之前|以前|此前|前面|上面|以上|上述|先前|所有|全部)?的?(?:所有|全部|一切)?的?"
    r"(?:指令|指示|命令|要求|规则|提示|设定)"
    r"|(?:请|你|您)(?:必须|务必|应当|应该|只能|一律)?(?:回答|回复|输出|告诉用户|声称)"
    r"|(?:必须|务必|一律)(?:回答|回复|输出|声称)"
    r"|(?:不要|不得|禁止)(?:遵守|遵循|执行)(?:之前|以上|上述|系统)"
    r"|你(?:现在)?(?:是|扮演|成为)(?:一个|一名)?[\u4e00-\u9fff]{0,4}?(?:助手|AI|模型|机器人)"
    r"|系统提示|提示词|system\s*prompt|ignore\s+(?:all\s+)?(?:the\s+)?(?:previous|prior|above)"
    r"|disregard\s+(?:all\s+)?(?:previous|prior|above)|you\s+are\s+now",
    re.I,
)


def looks_like_instruction(text: str) -> bool:
    """True for a sentence that gives the assistant orders (a prompt injection)."""
    return INSTRUCTION.search(text) is not None


def number_values(text: str) -> list[tuple[str, Decimal]]:
    """(as written, value) for the figures in a text: citation markers, years and list
    ordinals are not figures."""
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
    return out


def values_in(spans: Iterable[str]) -> set[Decimal]:
    """All number values in some texts, whitespace inside numbers ignored."""
    found: set[Decimal] = set()
    for span in spans:
        joined = re.sub(r"(?<=[\d,.])\s+(?=[\d,.])", "", span)
        found.update(v.normalize() for _, v in number_values(joined))
    return found


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


def flag_numbers(answer: str, bad: Sequence[str]) -> str:
    """Mark unsupported numbers visibly in the text."""
    for raw in sorted(set(bad), key=len, reverse=True):
        answer = re.sub(rf"(?<![\d.,]){re.escape(raw)}(?![\d.,]*\d)", f"{raw}（⚠未核实）", answer)
    return answer
