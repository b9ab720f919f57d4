"""The general dictionary of Chinese words (jieba's), as understanding asks it: is a string a
word of the language, how frequent is a character, is it a function word, where are the words
of a text. Loaded once, lazily (the first question pays ~1 s)."""

from __future__ import annotations

import logging
from functools import lru_cache

# a stretch this frequent in the dictionary is a word of its own
REAL_WORD = 20
PLACE_TAG = "ns"


@lru_cache(maxsize=1)
def frequencies() -> dict[str, int]:
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt.FREQ


@lru_cache(maxsize=1)
def tags() -> dict[str, str]:
    import jieba.posseg
    frequencies()
    return jieba.posseg.dt.word_tag_tab


def is_word(text: str) -> bool:
    """Whether `text` is a word of the language (a place name the dictionary knows included)."""
    return frequencies().get(text, 0) >= REAL_WORD or tags().get(text, "") == PLACE_TAG


def words(text: str) -> list[tuple[int, int]]:
    """Spans of the words of two or more characters the dictionary cuts `text` into."""
    import jieba
    frequencies()
    out, pos = [], 0
    for token in jieba.cut(text, HMM=False):
        if len(token) >= 2:
            out.append((pos, pos + len(token)))
        pos += len(token)
    return out


def bounds(text: str) -> set[int]:
    """The positions where the dictionary's words of `text` begin or end (0 and len included)."""
    import jieba
    frequencies()
    out, pos = {0}, 0
    for token in jieba.cut(text, HMM=False):
        pos += len(token)
        out.add(pos)
    return out
