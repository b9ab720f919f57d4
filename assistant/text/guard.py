"""The instruction guard: report text that speaks to the assistant instead of reporting."""

from __future__ import annotations

import re

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
