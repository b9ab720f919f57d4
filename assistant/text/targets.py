"""How a report states a target beside what was done: the words that bound it from above
(不超过 1分钟, ≤20分钟, 控制在…以内) or from below (不低于90%, ≥98%), which decide whether an
actual figure of the same unit meets it."""

from __future__ import annotations

import re

AT_MOST = re.compile(r"不超过|不高于|不得高于|不多于|低于|少于|控制在|≤|<|＜|以内|以下")
AT_LEAST = re.compile(r"不低于|不少于|不得低于|高于|多于|超过|≥|>|＞|以上|达到")
# a target's wording: a bound, or the words that name a goal
TARGET_SHAPE = re.compile(rf"{AT_MOST.pattern}|{AT_LEAST.pattern}|目标|计划|预期|指标值|力争|争取")
CLAUSES = re.compile(r"[，,；;。：:]")
# units of one quantity written at different scales, in the smallest (1分钟 is 60秒)
SCALES = {"秒": ("秒", 1.0), "分钟": ("秒", 60.0), "小时": ("秒", 3600.0),
          "元": ("元", 1.0), "千元": ("元", 1e3), "万元": ("元", 1e4), "亿元": ("元", 1e8)}


def in_base(value: float, unit: str) -> tuple[float, str]:
    """The figure in the smallest unit of its quantity (1分钟 → 60秒); as it is otherwise."""
    base, scale = SCALES.get(unit, (unit, 1.0))
    return value * scale, base


def bound(clause: str) -> str:
    """"max" when the clause bounds its figure from above, "min" from below (the default for a
    target: at least), the nearer bound word before the figure deciding."""
    most = [m.span() for m in AT_MOST.finditer(clause)]
    # 超过 inside 不超过, 低于 inside 不低于: the longer word decides
    least = [m.span() for m in AT_LEAST.finditer(clause)
             if not any(a <= m.start() < b for a, b in most)]
    most = [(a, b) for a, b in most if not any(x <= a < y and (y - x) > (b - a) for x, y in least)]
    most, least = [b for _, b in most], [b for _, b in least]
    if most and (not least or max(most) > max(least)):
        return "max"
    return "min"
