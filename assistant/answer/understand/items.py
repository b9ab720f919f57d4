"""The items a question asks figures of ("在职人员和退休人员各多少"): each phrase cut at 和/、/，
outside a metric term, with the words a stating sentence must hold, the term texts of the same
metric, and the unit kind of the figure asked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.understand.intent import COMPARE_CUE, GENRE
from assistant.facts.vocabulary import TERMS
from assistant.index.bm25 import tokenize
from assistant.ingest.aliases import NAMED_OFFICE

# words of a question that say what kind of answer is wanted, not what it is about
QUESTION_WORDS = frozenset((
    "多少", "是多少", "有多少", "为多少", "请问", "一下", "什么", "哪些", "分别", "各自", "是否",
    "有没有", "折合", "万元", "亿元", "千元", "百分比", "数字", "数额", "情况", "如何", "怎么",
    "怎么样", "报告", "这项", "这个", "那个", "给出", "提到", "披露", "具体", "一共", "总共", "大概",
    "大约", "写了", "多少钱", "多大", "多高", "几个", "几项", "几人", "几名", "哪几", "哪几个",
))
# question phrasing to drop from the label shown to the user
LABEL_NOISE = re.compile(
    r"(?:是|有|为|达到|共|一共|总共)?(?:多少|几)(?:钱|人|个|项|名|分|万元|元)?|是什么|什么|分别|请问"
    r"|[吗呢啊呀]|[？?。，,！!：:\s]")
SEPARATORS = re.compile(r"以及|[和与及、，,；;]")
QUOTES = re.compile(r"[“”\"'‘’「」『』《》\s]")
HOW_MANY = re.compile(r"多少|几[个项人名次家所分]?|是多少|比例|百分之")
ASKED_KIND = ((re.compile(r"多少人|几人|几名|人数"), "people"), (re.compile(r"多少分|几分|得分"), "score"),
              (re.compile(r"率|比例|百分比|百分之|满意度"), "rate"),
              (re.compile(r"多少钱|资金|经费|金额|预算|支出|收入|费用"), "money"))
METRIC_KIND = {t.metric: t.kind for t in TERMS}
HAN = r"[\u4e00-\u9fff]"
# where a target question's wording begins after the indicator it names
TARGET_WORDING = re.compile(r"(?:(?:完成|达到|实现|达成)了?)?的?(?:年度|预期|绩效)?目标|达到|达标|达没|达不达|够没够|完成了"
                            r"|完成没|完成情况|实现了|是否|有没有")



@dataclass(frozen=True)
class Asked:
    """One item a question asks the figure of."""

    phrase: str  # as the question writes it, quotes and blanks removed
    words: tuple[str, ...]  # what a stating sentence must hold
    metric_words: dict  # word -> term texts of the same metric (any of them will do)
    kind: str  # the unit kind of the figure asked ("" when any)

    @property
    def label(self) -> str:
        return LABEL_NOISE.sub("", self.phrase).strip("的了是") or self.phrase

    @property
    def indicator(self) -> str:
        """The phrase before the words that ask about its target ("中小河流治理长度的目标完成了吗"
        -> 中小河流治理长度): the indicator's name as the question writes it."""
        head = TARGET_WORDING.split(self.label, maxsplit=1)[0].strip("的了是")
        # a phrase that is only the target wording ("完成目标没有，…") names no indicator
        return head or ("" if TARGET_WORDING.match(self.label) else self.label)


def asked_items(topic: str, named_subject: str, metrics: tuple[str, ...]) -> tuple[Asked, ...]:
    """The items the question asks figures of, in the order it names them."""
    text = NAMED_OFFICE.sub(" ", topic)
    text = GENRE.sub(" ", text)
    text = COMPARE_CUE.sub(" ", text)
    text = QUOTES.sub("", text)
    out = []
    named = QUOTES.sub("", named_subject)
    for part in _joined_subject(_parts(text, named), named):
        asked = _asked(part, metrics)
        if asked is not None:
            out.append(asked)
    return tuple(out)


def _joined_subject(parts: list[str], named: str) -> list[str]:
    """A part that is only the subject the question names, set after the figure asked of it
    ("2024年支出多少，市残疾人康复中心？"), is the subject of the part before it, no item of its
    own: the two read as one ("市残疾人康复中心 支出多少")."""
    out: list[str] = []
    for part in parts:
        if named and out and part.strip(" ？?。！!的") == named:
            out[-1] = f"{named} {out[-1]}"
        else:
            out.append(part)
    return out


def _parts(text: str, named: str = "") -> list[str]:
    """The question cut at 和/、/， that stand outside a metric term (结转和结余 stays whole)
    and outside the project the question names (应急值守及热线协调经费 stays whole)."""
    terms = [m.span() for t in TERMS for m in re.finditer(re.escape(t.text), text)]
    if named:
        terms += [m.span() for m in re.finditer(re.escape(named), text)]
    parts, last = [], 0
    for m in SEPARATORS.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in terms):
            continue
        parts.append(text[last:m.start()])
        last = m.end()
    parts.append(text[last:])
    return [p.strip() for p in parts if p.strip()]


def _asked(phrase: str, asked_metrics: tuple[str, ...]) -> Asked | None:
    words = [t for t in dict.fromkeys(tokenize(phrase))
             if len(t) >= 2 and re.fullmatch(f"{HAN}+", t) and t not in QUESTION_WORDS]
    if not words:
        return None
    occurrences = [(m.start(), m.end(), t) for t in TERMS for m in re.finditer(re.escape(t.text), phrase)]
    metric_words: dict[str, tuple[str, ...]] = {}
    for w in words:
        metrics = {t.metric for a, b, t in occurrences if w in phrase[a:b]}
        if metrics:
            metric_words[w] = tuple(t.text for t in TERMS if t.metric in metrics)
    return Asked(phrase, tuple(words), metric_words, _kind(phrase, occurrences, asked_metrics))


def _kind(phrase: str, occurrences: list, metrics: tuple[str, ...]) -> str:
    if occurrences:  # the head of a Chinese noun phrase comes last
        last = max(occurrences, key=lambda o: (o[1], o[1] - o[0]))
        return last[2].kind
    for pattern, kind in ASKED_KIND:
        if pattern.search(phrase):
            return kind
    kinds = {METRIC_KIND.get(m, "") for m in metrics} - {""}
    return kinds.pop() if len(kinds) == 1 else ""
