"""Near matches of names: typos (a character changed, added or lost) and abbreviations (some
characters dropped, the rest in order), for department names and the subjects of the facts.

A typo only ever leads to a suggestion ("您是否要找：…"); an abbreviation that fits exactly one
name is read as that name, because people shorten long names (许昌河湖水系调度中心) but do not
misspell them on purpose.
"""

from __future__ import annotations

from collections.abc import Iterable


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance of a and b, or limit + 1 when it is larger than limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        best = row[0]
        for j, cb in enumerate(b, 1):
            cur = min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
            prev, row[j] = row[j], cur
            best = min(best, cur)
        if best > limit:
            return limit + 1
    return row[-1] if row[-1] <= limit else limit + 1


def typo_limit(name: str) -> int:
    """How many edits still make a typo of a name this long (one per five characters)."""
    return max(1, len(name) // 5)


def near_names(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates within typo distance of name, nearest first (at most `limit`)."""
    scored = []
    for c in set(candidates):
        if c == name:
            continue
        d = edit_distance(name, c, typo_limit(max(name, c, key=len)))
        if d <= typo_limit(max(name, c, key=len)):
            scored.append((d, abs(len(c) - len(name)), c))
    return [c for *_, c in sorted(scored)[:limit]]


def is_subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


def is_abbreviation(short: str, full: str) -> bool:
    """Whether short is full with a few characters dropped: same first two and last
    characters, the rest in order, and at least 60 % (and four characters) of full kept."""
    return (short != full and len(short) >= max(4, 0.6 * len(full)) and len(short) < len(full)
            and short[:2] == full[:2] and short[-1] == full[-1] and is_subsequence(short, full))


def is_misspelt_abbreviation(short: str, full: str) -> bool:
    """Whether short abbreviates full with one character mistyped (许昌河胡水系中心 for
    许昌河湖水系水源调度中心): dropping one inner character of short leaves an abbreviation."""
    if len(short) < 5 or short[:1] != full[:1] or short[-1] != full[-1]:
        return False
    if len(short) < max(5, 0.6 * len(full)) or len(short) > len(full):
        return False
    return any(is_subsequence(short[:i] + short[i + 1:], full) for i in range(1, len(short) - 1))


def common_run(a: str, b: str) -> tuple[int, int]:
    """The longest run of characters a and b share: (its start in b, its length)."""
    best = (0, 0)
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best[1]:
                    best = (j - cur[j], cur[j])
        prev = cur
    return best


def common_run_one_typo(a: str, b: str) -> tuple[int, int]:
    """The longest stretch of b that matches a stretch of a character for character but one
    (a typo: 高标准农天 of 高标准农田), the first character matching: (its start in b, its
    length); (0, 0) when no stretch of at least two characters has one."""
    best = (0, 0)
    for shift in range(-len(b) + 1, len(a)):  # b[j] set against a[j + shift]
        pairs = [(j, b[j] == a[j + shift]) for j in range(len(b)) if 0 <= j + shift < len(a)]
        for i, (start, same) in enumerate(pairs):
            if not same:
                continue
            misses = 0
            for end, ok in pairs[i:]:
                misses += not ok
                if misses > 1:
                    break
                length = end - start + 1
                if misses == 1 and length > best[1]:
                    best = (start, length)
    return best
