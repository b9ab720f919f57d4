"""Keyword retrieval: jieba tokens (with the domain's terms in its dictionary) and Okapi BM25.

Tokens are stored with each chunk in SQLite; the in-memory index is rebuilt from them, which
takes milliseconds for thousands of chunks.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.facts.vocabulary import COUNT_AFTER, TERMS
from assistant.ingest.aliases import OFFICE_WORDS
from assistant.text.numbers import THOUSANDS_SEP

DOMAIN_TERMS = (
    "预算数", "执行数", "执行率", "完成率", "支付率", "基本支出", "项目支出", "三公经费",
    "结转结余", "财政拨款", "一般公共预算", "政府性基金", "自评得分", "绩效自评", "绩效目标",
    "绩效指标", "整体支出", "部门整体", "存在的主要问题", "改进措施", "内设机构", "在职人员",
    "退休人员", "政府采购", "预算编制", "预算执行", "绩效评价", "绩效运行监控",
)
_lock = threading.Lock()
_ready = False
PUNCT = re.compile(r"^[\s\W_]+$", re.UNICODE)


def _init_jieba() -> None:
    global _ready
    with _lock:
        if _ready:
            return
        import jieba

        jieba.setLogLevel(logging.WARNING)
        for word in {*DOMAIN_TERMS, *OFFICE_WORDS, *(t.text for t in TERMS), *(t.text for t in COUNT_AFTER)}:
            if len(word) >= 2 and not re.search(r"[“”\"（）()]", word):
                jieba.add_word(word, freq=20000)
        jieba.initialize()
        _ready = True


def tokenize(text: str) -> list[str]:
    """Words for BM25: jieba's search-mode cut, numbers without thousands separators."""
    _init_jieba()
    import jieba

    text = THOUSANDS_SEP.sub("", text)
    return [t.lower() for t in jieba.cut_for_search(text) if t.strip() and not PUNCT.match(t)]


@dataclass
class BM25Index:
    """Okapi BM25 over token lists, keyed by chunk id."""

    k1: float = 1.5
    b: float = 0.75
    ids: list[str] = field(default_factory=list)
    _tf: list[Counter] = field(default_factory=list)
    _len: list[int] = field(default_factory=list)
    _df: Counter = field(default_factory=Counter)
    _pos: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, ids: Sequence[str], token_lists: Sequence[Sequence[str]]) -> BM25Index:
        index = cls()
        for cid, tokens in zip(ids, token_lists):
            tf = Counter(tokens)
            index.ids.append(cid)
            index._tf.append(tf)
            index._len.append(len(tokens))
            index._df.update(tf.keys())
        index._pos = {cid: i for i, cid in enumerate(index.ids)}
        return index

    def __len__(self) -> int:
        return len(self.ids)

    def knows(self, token: str) -> bool:
        """Whether any indexed chunk holds the token (as `tokenize` writes it)."""
        return token.lower() in self._df

    def search(
        self, query_tokens: Sequence[str], k: int = 10, allowed: set[str] | None = None
    ) -> list[tuple[str, float]]:
        """Top-k (chunk id, score), optionally only among `allowed` ids."""
        if not self.ids:
            return []
        n = len(self.ids)
        avg = sum(self._len) / n or 1.0
        terms = [t for t in set(query_tokens) if t in self._df]
        idf = {t: math.log(1 + (n - self._df[t] + 0.5) / (self._df[t] + 0.5)) for t in terms}
        if allowed is None:
            positions = range(n)
        else:  # a filtered search only visits the allowed chunks
            positions = sorted(self._pos[c] for c in allowed if c in self._pos)
        scored = []
        for i in positions:
            cid = self.ids[i]
            tf = self._tf[i]
            norm = self.k1 * (1 - self.b + self.b * self._len[i] / avg)
            score = sum(idf[t] * tf[t] * (self.k1 + 1) / (tf[t] + norm) for t in terms if t in tf)
            if score > 0:
                scored.append((cid, score))
        scored.sort(key=lambda x: -x[1])
        return scored[:k]
