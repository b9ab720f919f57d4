"""Words of a question typed with one wrong character, read as the term of the vocabulary they
stand for (执行书 → 执行数, 项木支出 → 项目支出, 预箅 → 预算, 多小 → 多少).

A stretch of the question is read as a term when it has the term's length and differs from it
in exactly one character, and nothing says the stretch is meant as written:

- it is not itself a word of the general dictionary (jieba's: 指出, 投入, 至少 stay as typed);
- the differing character is not part of a word written in the question (a term of the
  vocabulary or a word of the general dictionary: 预算执行数 is no typo of 预算执行率, 总投入
  none of 总收入, 离休 none of 退休);
- the differing character is not one of the most frequent characters of the language (的, 了,
  是, 年 …) nor a function word (比, 及, 本 …) nor a negation or a comparative (没, 多: 多执行
  is no typo of 已执行): "2023年的预算" is not a typo of 年初预算, nor
  "多了" of 多少, nor "预算比" of 预算数;
- it does not reach into a term written correctly or a word the general dictionary cuts the
  question into (年部 of 年部门 is no typo of 年初, 年工 of 年工资性 none either), nor into a name
  of the library's departments or a figure (a word wholly inside it may be: 执行 of 执行书),
  nor stand right before 局, 委, 办 … (发改局: a body's name is the department matcher's);
- it is not part of a word the library holds (自聘 of a subject 自聘合同人员 is no 自评);
- exactly one term fits it (two different terms one character away: left as typed).

Longer terms are tried first, so a three-character term wins over the two-character word
inside it. The vocabulary is the facts' metric terms, the library's own subject names, and the
genre's everyday question words (`QUESTION_WORDS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.answer.understand.departments import BODY_ENDS
from assistant.answer.understand.lexicon import REAL_WORD, frequencies, tags
from assistant.answer.understand.lexicon import words as dictionary_words
from assistant.facts.vocabulary import TERMS

# words every question about a performance report is made of, beyond the metric terms: what
# is asked (多少, 哪些, 什么), what about (项目, 绩效, 指标, 问题 …)
QUESTION_WORDS = ("多少", "哪些", "什么", "项目", "绩效", "预算", "执行", "支出", "收入", "得分",
                  "等级", "问题", "措施", "指标", "目标", "拨款", "资金", "经费", "部门", "单位",
                  "自评", "整改", "改进", "比例", "合计", "满意度", "人员", "实际", "年初", "评价",
                  "分别", "机构")
# a character this frequent as a word of its own (的, 了, 是, 年 …) is taken as written
COMMON_CHAR = 100_000
# a character the dictionary tags as a function word (preposition, conjunction, particle,
# adverb, pronoun: 比, 及, 的, 将, 本 …) is taken as written: 预算比 is no typo of 预算数
FUNCTION_TAGS = ("p", "c", "u", "d", "r")
# prepositions, conjunctions, particles, pronouns: always taken as written (预算及支出, 预算的)
GRAMMAR_TAGS = ("p", "c", "u", "r")
# a negation turns the question round (没执行 asks what is left, never what 已执行 holds)
NEGATION = frozenset("没未不无非否")
# a comparative says how much more or less (比上年多执行了多少): never a typo of 已执行
COMPARATIVE = frozenset("多少")
# the characters the genre's terms are made of (决 of 决算, 收 of 收入): a typed one is meant;
# the library's subject names are left out, they are made of every character
GENRE_CHARS = frozenset("".join(t.text for t in TERMS) + "".join(QUESTION_WORDS))
CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# a word right before 局, 委, 办 … is part of a body's name: the department matcher reads those
NAME_END = frozenset(e for e in BODY_ENDS if len(e) == 1)


def _as_written(ch: str, freq: dict[str, int], inside: bool = False, foreign: bool = False
                ) -> bool:
    """A character too frequent, or a function word: taken as written, never as a typo.
    An adverb or a frequent character (只, 正 …) inside the stretch (not its last: a trailing
    one goes on with the sentence, 预算也) that no word of the vocabulary is made of
    (`foreign`: 决 of 决算, 收 of 收入 are) carries no meaning of the genre: 只出 is 支出."""
    tag = tags().get(ch, "")
    if ch in NEGATION or ch in COMPARATIVE or tag.startswith(GRAMMAR_TAGS):
        return True
    if inside and foreign:
        return False
    return freq.get(ch, 0) >= COMMON_CHAR or tag.startswith(FUNCTION_TAGS)


def _index(words: Iterable[str]) -> tuple[set[str], dict[str, set[str]]]:
    known = {w for w in words if len(w) >= 2 and CJK.match(w)}
    masked: dict[str, set[str]] = {}
    for w in known:
        for i in range(len(w)):
            masked.setdefault(w[:i] + "?" + w[i + 1:], set()).add(w)
    return known, masked


def _fits(window: str, start: int, masked: dict[str, set[str]], freq: dict[str, int],
          covered: set[int]) -> str:
    """The one term `window` (at `start`) is a typo of, or ""."""
    found = set()
    for i, ch in enumerate(window):
        if start + i in covered or _as_written(ch, freq, i < len(window) - 1, ch not in GENRE_CHARS):
            continue
        found |= masked.get(window[:i] + "?" + window[i + 1:], set()) - {window}
    return found.pop() if len(found) == 1 else ""


def _belongs_outside(text: str, start: int, window: str, term: str, index: tuple) -> bool:
    """Whether the one wrong character of `window` stands at its edge next to a word written
    right (木|执行) and reads, with the characters on its other side, as a typo of another
    word (项|木 of 项目): it is that word's, and the window is left as typed."""
    masked, freq, covered = index
    n = len(window)
    wrong = [i for i in range(n) if window[i] != term[i]]
    if len(wrong) != 1 or wrong[0] not in (0, n - 1):
        return False
    at = start + wrong[0]
    rest = [start + i for i in range(n) if i != wrong[0]]
    if not all(i in covered for i in rest):
        return False
    lengths = sorted({len(w) for words in masked.values() for w in words})
    for m in lengths:
        other = at - m + 1 if wrong[0] == 0 else at  # the stretch ending (or starting) at the character
        if other < 0 or other + m > len(text) or (other, m) == (start, n):
            continue
        if _typable(text, other, m, freq) and _fits(text[other:other + m], other, masked, freq, covered):
            return True
    return False


def _typable(text: str, start: int, n: int, freq: dict[str, int]) -> bool:
    """Whether text[start:start+n] may be a typo: Chinese characters, no word of its own, not
    the end of a body's name."""
    window, after = text[start:start + n], text[start + n:start + n + 1]
    return bool(CJK.match(window)) and freq.get(window, 0) < REAL_WORD \
        and window[-1] not in NAME_END and after not in NAME_END


def correct(text: str, words: Iterable[str], protected: Sequence[tuple[int, int]] = ()
            ) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`text` with each one-character typo of a word in `words` replaced by that word, and the
    (as typed, as read) pairs; `protected` spans (department names …) are left as typed."""
    known, masked = _index([*words, *QUESTION_WORDS])
    freq = frequencies()
    taken = list(protected)
    written = [(m.start(), m.start() + len(w)) for w in known if w in text
               for m in re.finditer(re.escape(w), text)] + dictionary_words(text)
    covered = {i for a, b in written for i in range(a, b)}
    held = "|".join(known)  # a stretch the library's own words contain is written as meant
    chars, fixed = list(text), []
    for n in sorted({len(w) for w in known}, reverse=True):
        for start in range(len(text) - n + 1):
            window = text[start:start + n]
            if window in known:
                taken.append((start, start + n))
                continue
            if not _typable(text, start, n, freq) or window in held \
                    or any(a < start + n and start < b for a, b in taken) \
                    or any(a < start < b or a < start + n < b for a, b in written):
                continue
            term = _fits(window, start, masked, freq, covered)
            if term and _belongs_outside(text, start, window, term, (masked, freq, covered)):
                continue
            if term:
                chars[start:start + n] = term
                taken.append((start, start + n))
                fixed.append((window, term))
    return "".join(chars), tuple(fixed)
