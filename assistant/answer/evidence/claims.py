"""Claims bound to their owner: every sentence of a model answer that names a department of
the library (or speaks of 该单位/本部门/我局 …, meaning the department named last, else the
question's) must be supported by a cited passage of THAT department's report, not only its
numbers (which `assistant.answer.evidence.binding` and `verify` check).

A sentence is flagged where it stands ("（⚠ 未在该部门报告中找到依据）") when
- the passages it cites ([n]) are all of other departments' reports, or the answer cites no
  passage of the department at all;
- its figures are not in the department's cited passages (`verify.unsupported_numbers`), or,
  without figures, most of its content words are not.

Qualifiers of a figure are kept: a figure the cited passages state only as a bound or an
estimate ("收支比率接近100%", "90%以上") gets its qualifier back when the answer drops it
("收支比率为100%" -> "收支比率接近100%"), and a flag says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answer.evidence.binding import department_mentions
from assistant.answer.evidence.retrieval import STOP
from assistant.answer.evidence.verify import number_values, unsupported_numbers
from assistant.answer.types import Answer
from assistant.index.bm25 import tokenize
from assistant.ingest.structure import SPEAKER
from assistant.text.numbers import APPROX_AFTER, APPROX_BEFORE, CITE_REF

UNSUPPORTED_NOTE = "（⚠ 未在该部门报告中找到依据）"
FLAGGED_NUMBER = "（⚠未核实）"  # what `verify.flag_numbers` puts after a figure
# the department speaking of itself, or "that unit" of the answer: 该单位, 本部门, 我局 …
SELF_REFERENCE = re.compile(rf"(?:该|本|我)(?:单位|部门)|{SPEAKER.pattern}")
SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]+)?(?:\s*\[\d+\])*")
SENTENCE_TAIL = re.compile(r"(?:\s*\[\d+\])*\s*[。！？!?；;]*(?:\s*\[\d+\])*\s*$")
INTRODUCTION = re.compile(r"[：:]\s*(?:\[\d+\]\s*)*$")  # a line that introduces what follows
MIN_CLAIM_WORDS = 2  # a sentence with fewer content words (besides the question's) is not judged
MIN_WORDS_FOUND = 0.5  # share of a sentence's content words its department's passages hold
# a verb that introduces a figure; a restored qualifier takes its place ("为100%" -> "接近100%")
FIGURE_VERB = re.compile(r"(?:为|是|达到|达)$")


@dataclass(frozen=True)
class Passage:
    """A passage given to the model (its [n]) or cited by the answer."""

    report_id: str
    quote: str


def content_words(sentence: str, names: Sequence[str] = (), question: str = "") -> set[str]:
    """The sentence's words that say what it claims: no department names, years, figures,
    citation marks, question words, nor the words of the question it answers (an answer
    that restates the question claims nothing by it)."""
    text = CITE_REF.sub(" ", sentence)
    for name in names:
        text = text.replace(name, " ")
    text = SELF_REFERENCE.sub(" ", text)
    asked = set(tokenize(question))
    return {t for t in tokenize(text)
            if len(t) >= 2 and not STOP.match(t) and not re.search(r"\d", t) and t not in asked}


def words_found(sentence: str, quotes: Sequence[str], names: Sequence[str] = (),
                question: str = "") -> float:
    """Share of the sentence's content words that the quotes hold (1.0 without any)."""
    words = content_words(sentence, names, question)
    if len(words) < MIN_CLAIM_WORDS:  # "…做了以下工作：" claims nothing to check
        return 1.0
    have = {t for q in quotes for t in tokenize(q)}
    joined = "".join(quotes)
    return sum(1 for w in words if w in have or w in joined) / len(words)


def unsupported_reason(sentence: str, owners: set[str], marked: Sequence[Passage],
                       cited: Sequence[Passage], department_of: Callable[[str], str],
                       names: Sequence[str], question: str = "") -> str | None:
    """Why the sentence is not supported by its departments' cited passages, or None."""
    missing = [o for o in owners if not any(department_of(p.report_id) == o for p in cited)]
    if missing:
        return f"所引资料中没有{'、'.join(missing)}的报告"
    if marked and not any(department_of(p.report_id) in owners for p in marked):
        others = "、".join(dict.fromkeys(department_of(p.report_id) for p in marked))
        return f"所引资料是{others}的报告"
    quotes = [p.quote for p in cited if department_of(p.report_id) in owners]
    plain = CITE_REF.sub(" ", sentence)
    if unsupported_numbers(plain, quotes):
        return "其中的数字不在该部门的引用原文中"
    # its own figures found are its claim; a figure it repeats from the question is not
    if unsupported_numbers(plain, [question]):
        return None
    if words_found(sentence, quotes, names, question) < MIN_WORDS_FOUND:
        return "该部门的引用原文中没有这些内容"
    return None


def bind_sentences(text: str, given: Sequence[Passage], cited: Sequence[Passage],
                   names: Sequence[tuple[str, str]], department_of: Callable[[str], str],
                   default: Sequence[str] = (), question: str = "") -> tuple[str, list[str]]:
    """(the text with each unsupported sentence marked, the flags). `given` are the numbered
    passages the model had ([n] is given[n-1]); `names` (alias, department), longest first;
    `default` the departments the question asks about (what 该单位 means before any name)."""
    out, flags = [], []
    last: list[str] = list(default)
    pos = 0
    for m in SENTENCE.finditer(text):
        out.append(text[pos:m.start()])
        pos = m.end()
        sentence = m.group()
        mentions = department_mentions(sentence, names)
        owners = {d for _, d in mentions} or (set(last) if SELF_REFERENCE.search(sentence) else set())
        if mentions:
            last = [mentions[-1][1]]
        if not owners or INTRODUCTION.search(sentence):  # "…做了以下几件事：" opens a list
            out.append(sentence)
            continue
        marked = [given[int(n) - 1] for n in CITE_REF.findall(sentence) if 0 < int(n) <= len(given)]
        aliases = [a for a, d in names if d in owners and a in sentence]
        why = unsupported_reason(sentence, owners, marked, cited, department_of, aliases, question)
        if why is None:
            out.append(sentence)
            continue
        tail = SENTENCE_TAIL.search(sentence)
        cut = tail.start() if tail else len(sentence)
        out.append(sentence[:cut] + UNSUPPORTED_NOTE + sentence[cut:])
        said = sentence[:cut].replace(FLAGGED_NUMBER, "").strip()
        flags.append(f"以下说法未在所述部门的报告中找到依据，已标注：“{said[:30]}”（{why}）")
    out.append(text[pos:])
    return "".join(out), flags


UNIT_AFTER = re.compile(r"\s*(?:%|％|[万亿千]?元|个百分点|[个项人次家天分件户所])")


def qualifier(text: str, start: int, end: int) -> tuple[str, str]:
    """(word before, word after) that make the figure text[start:end] a bound or an estimate
    ("接近", ""), ("", "以上"); the word after may follow the figure's unit."""
    before = APPROX_BEFORE.search(text[max(0, start - 4):start])
    unit = UNIT_AFTER.match(text, end)
    after = APPROX_AFTER.match(text[unit.end() if unit else end:][:4])
    return (before.group().strip() if before else ""), (after.group().strip() if after else "")


def qualifiers_of(quotes: Sequence[str]) -> dict:
    """value -> (before, after) qualifier words, for the values the quotes state only with
    a qualifier (a value also stated exactly somewhere is left alone)."""
    qualified: dict = {}
    exact: set = set()
    for quote in quotes:
        for start, end, value in _figures(quote):
            words = qualifier(quote, start, end)
            if any(words):
                qualified.setdefault(value, words)
            else:
                exact.add(value)
    return {v: w for v, w in qualified.items() if v not in exact}


def _figures(text: str) -> list[tuple[int, int, object]]:
    """(start, end, normalized value) of each figure of a text, in order."""
    out, at = [], 0
    for raw, value in number_values(text):
        start = text.find(raw, at)
        if start < 0:
            continue
        at = start + len(raw)
        out.append((start, at, value.normalize()))
    return out


def restore_qualifiers(text: str, quotes: Sequence[str]) -> tuple[str, list[str]]:
    """The text with the qualifier a cited figure has ("接近", "约", "以上") put back where
    the answer states the figure exactly, and a flag for each."""
    wanted = qualifiers_of(quotes)
    if not wanted:
        return text, []
    flags: list[str] = []
    for start, end, value in reversed(_figures(text)):
        if value not in wanted or any(qualifier(text, start, end)):
            continue
        before, after = wanted[value]
        unit = UNIT_AFTER.match(text, end)
        stop = unit.end() if unit else end
        head = FIGURE_VERB.sub("", text[:start]) if before else text[:start]
        said = before + text[start:stop] + after
        text = head + said + text[stop:]
        flags.insert(0, f"已按引用原文恢复数字的限定词：{said}")
    return text, flags


def bind_answer(answer: Answer, given: Sequence, catalog, report_ids: Sequence[str] = ()
                ) -> Answer:
    """The model's verified answer with its sentences bound to their departments and the
    qualifiers of its figures kept (see the module doc). `given` are the Sentences the model
    had, in their [n] order; `catalog` the question Catalog (names and departments)."""
    if answer.abstained or not answer.citations:
        return answer
    passages = [Passage(s.report_id, s.quote) for s in given]
    cited = [Passage(c.report_id, c.quote) for c in answer.citations]
    default = list(dict.fromkeys(catalog.department_of(r) for r in report_ids))
    marked, flags = bind_sentences(answer.text, passages, cited, catalog.names(),
                                   catalog.department_of, [d for d in default if d], answer.question)
    marked, restored = restore_qualifiers(marked, [p.quote for p in cited])
    answer.text = marked
    answer.flags += flags + restored
    return answer
