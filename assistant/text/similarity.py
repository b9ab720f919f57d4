"""How alike two strings are, character by character (one routine for every wing)."""

from __future__ import annotations


def common_subsequence(a: str, b: str) -> int:
    """The length of the longest common subsequence: characters of `a` found in `b` in order,
    not necessarily side by side."""
    row = [0] * (len(b) + 1)
    for ca in a:
        prev = 0
        for j, cb in enumerate(b, 1):
            keep = row[j]
            row[j] = prev + 1 if ca == cb else max(row[j], row[j - 1])
            prev = keep
    return row[-1]
