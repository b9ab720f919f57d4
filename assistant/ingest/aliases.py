"""Derive the short names people use for a department from its full name, by general rules.

广州市番禺区人民政府办公室 -> 番禺区人民政府办公室, 番禺区政府办公室, 番禺区政府办, …
中国共产党广州市番禺区委员会办公室 -> 中共番禺区委办公室, 番禺区委办, …
广州市人民政府办公厅 -> 市政府办公厅, 广州市政府办公厅, …
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

Rule = Callable[[str], Iterable[str]]


def _party(name: str) -> Iterable[str]:
    yield name.replace("中国共产党", "中共")
    m = re.match(r"^(?:中国共产党|中共)(.+?)(委员会)(.*)$", name)
    if m:
        place, _, rest = m.groups()
        yield f"{place}委{rest}"
        yield f"中共{place}委{rest}"


def _government(name: str) -> Iterable[str]:
    yield name.replace("人民政府", "政府")


def _office(name: str) -> Iterable[str]:
    if name.endswith("办公室"):
        yield name[: -len("办公室")] + "办"


def _drop_parent_place(name: str) -> Iterable[str]:
    """广州市番禺区… -> 番禺区…; 广州市人民政府… -> 市人民政府…"""
    m = re.match(r"^(中共)?([\u4e00-\u9fff]{2,4}?[省市])(?=[\u4e00-\u9fff]{2,4}?[区县市])(.+)$", name)
    if m:
        yield (m.group(1) or "") + m.group(3)
    m = re.match(r"^(中共)?[\u4e00-\u9fff]{2,4}?(市|省)((?:人民)?政府.*|委.*)$", name)
    if m:
        yield (m.group(1) or "") + m.group(2) + m.group(3)


def _drop_party_prefix(name: str) -> Iterable[str]:
    if name.startswith("中共") and re.match(r"^中共.+[区县市]委", name):
        yield name[len("中共"):]


RULES: tuple[Rule, ...] = (_party, _government, _office, _drop_parent_place, _drop_party_prefix)


def department_aliases(full_name: str) -> list[str]:
    """All names derivable from `full_name` (itself first), longest first after it."""
    seen = {full_name}
    frontier = [full_name]
    while frontier:
        nxt = []
        for name in frontier:
            for rule in RULES:
                for alias in rule(name):
                    if alias and alias not in seen and len(alias) >= 3:
                        seen.add(alias)
                        nxt.append(alias)
        frontier = nxt
    rest = sorted(seen - {full_name}, key=lambda a: (-len(a), a))
    return [full_name, *rest]


def short_name(full_name: str) -> str:
    """The shortest alias that still names the place, e.g. 番禺区政府办 or 市政府办公厅."""
    aliases = department_aliases(full_name)
    placed = [a for a in aliases if re.match(r"^[\u4e00-\u9fff]{1,4}[区县]", a)]
    pool = placed or aliases
    return min(pool, key=len)
