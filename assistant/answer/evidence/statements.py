"""Find the sentence of the asked report that states what a question asks, when the facts
table has no fact for it (a “三公”经费 written with quote marks, an odd phrasing, a project's
年初预算), and tell a related but different item from the asked one (asked 离休人员, the text
gives only 退休人员; asked 政府采购预算, it gives only 政府采购支出).

An asked item is the phrase the question asks the figure of (the question without its
departments, years and question words), cut into words as the keyword index cuts them. A
sentence *states* it when it holds every word and a figure of the kind asked: a word of a
metric term the phrase uses also counts when the sentence uses another term of the same metric
(完成率 for 执行率), and a word of the report's own title (the project a project report is
about) needs no repeating. A sentence that holds the phrase with exactly one word replaced by
another of the same length (退休人员 for 离休人员) states a *related* item: never the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer import arithmetic as ar
from assistant.answer.evidence.passages import Sentence, report_sentences
from assistant.answer.evidence.text_compare import TO_WAN, figure_beside, shown, verdict
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.intent import CONVERT
from assistant.answer.understand.items import (
    HAN,
    QUOTES,
    Asked,
)
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.facts.vocabulary import UNIT_KIND
from assistant.ingest.aliases import short_name
from assistant.text.guard import looks_like_instruction
from assistant.text.negation import says_not
from assistant.text.numbers import CN_FIGURE, UNIT_FIGURE, cn_number, with_digits

NO_GAP = 10**6  # head_gap of a sentence with no figure after the asked head


def asked_items(query: Query) -> list[Asked]:
    """The items the question asks figures of, in the order it names them (understood in
    `understand.items`)."""
    return list(query.asked)


@dataclass(frozen=True)
class Found:
    """What one report's text says about one asked item."""

    asked: Asked
    report_id: str
    sentence: Sentence | None = None  # the sentence that states it
    related: Sentence | None = None  # a sentence that states a related, different item
    related_label: str = ""


def asks_for_figure(query: Query) -> bool:
    """A question that asks for a figure (多少, 几个, a rate) of named reports."""
    return bool(query.report_ids) and query.intent in (Intent.FIGURE, Intent.COMPARISON) and bool(
        Cue.HOW_MANY in query.cues or query.metrics)


def _flat(text: str) -> str:
    return QUOTES.sub("", text)


def _title_context(title: str) -> str:
    """The report's title without the genre's words: what the whole report is about."""
    return _flat(re.sub(r"(?:部门|单位|项目)?(?:[（(]单位[)）])?(?:整体)?(?:支出)?绩效(?:自评|评价)*(?:报告)?",
                        " ", title or ""))


def has_figure(text: str, kind: str) -> bool:
    """Whether the text states a figure of the kind (any kind when ""): in digits, or in
    Chinese numerals (九千八百元, 百分之九十八, 六人)."""
    for m in UNIT_FIGURE.finditer(text):
        if not kind or UNIT_KIND.get(m.group("unit"), "") == kind:
            return True
    return any(not kind or UNIT_KIND.get(unit, "") == kind for unit in cn_units(text))


def cn_units(text: str) -> list[str]:
    """The units of the figures a text writes in Chinese numerals (a lone 一 or 十 is prose)."""
    out = []
    for m in CN_FIGURE.finditer(text):
        raw = m.group(1) or m.group(2)
        if raw in ("一", "十") or cn_number(raw) is None:
            continue
        unit = "%" if m.group(1) else CN_UNIT_AFTER.match(text, m.end())
        out.append(unit if isinstance(unit, str) else unit.group(0) if unit else "")
    return out


CN_UNIT_AFTER = re.compile(r"亿元|万元|元|人|名|%|个百分点")


def missing_words(asked: Asked, sentence: str, title: str = "") -> list[str]:
    """The words of the asked item a sentence lacks (the widest ones: a missing 政府采购 does not
    also count its 政府 and 采购)."""
    flat = _flat(sentence)
    missing = []
    for w in asked.words:
        if w in flat or says_not(w, flat):  # 没付: the report's 未支付
            continue
        if w in asked.metric_words and any(t in flat for t in asked.metric_words[w]):
            continue
        if w not in asked.metric_words and w in title:
            continue
        missing.append(w)
    return [w for w in missing if not any(w != o and w in o for o in missing)]


def states(asked: Asked, sentence: str, title: str = "") -> bool:
    """Whether the sentence states the asked item: every word of it, and a figure of its kind."""
    return has_figure(sentence, asked.kind) and not missing_words(asked, sentence, title)


def related_item(asked: Asked, sentence: str, title: str = "") -> str:
    """The item the sentence states in place of the asked one, when the two differ in exactly
    one word (退休人员 for 离休人员, 政府采购支出 for 政府采购预算); else ""."""
    if not has_figure(sentence, asked.kind):
        return ""
    missing = missing_words(asked, sentence, title)
    if len(missing) != 1 or len(asked.words) < 2:
        return ""
    word = missing[0]
    phrase = _flat(asked.phrase)
    at = phrase.find(word)
    if at < 0:
        return ""
    covered = _covered(phrase, asked.words)
    start, end = at, at + len(word)
    while start > 0 and start - 1 in covered and at - start < 4:
        start -= 1
    while end < len(phrase) and end in covered and end - at - len(word) < 4:
        end += 1
    before, after = phrase[start:at], phrase[at + len(word):end]
    if len(before) + len(after) < 2:
        return ""
    pattern = f"(?=({re.escape(before)}({HAN}{{{len(word)}}}){re.escape(after)}))"
    found = [(len(set(m.group(2)) & set(word)), m.group(1)) for m in re.finditer(pattern, _flat(sentence))
             if m.group(2) != word]
    # the replacement nearest the asked word (退休 for 离休 before 在职)
    return max(found, key=lambda f: f[0])[1] if found else ""


def _covered(phrase: str, words: tuple[str, ...]) -> set[int]:
    """Positions of the phrase that its words take (the rest is question phrasing)."""
    out: set[int] = set()
    for w in words:
        for m in re.finditer(re.escape(w), phrase):
            out.update(range(m.start(), m.end()))
    return out


def find(store, query: Query) -> list[Found]:
    """For each asked report and item: the sentence that states it, or a related one."""
    items = asked_items(query)
    out = []
    for rid in query.report_ids:
        report = store.report(rid)
        title = _title_context(report.title if report else "")
        sentences = [s for s in report_sentences(store, rid) if not looks_like_instruction(s.text)]
        for asked in items:
            out.append(_search(asked, rid, sentences, title))
    return out


def _search(asked: Asked, rid: str, sentences: list[Sentence], title: str) -> Found:
    stating = [s for s in sentences if states(asked, s.text, title)]
    if stating:
        # the sentence that names most of the words itself, then the one whose figure stands
        # nearest after the item's head (在编人员28人, not 在编人员中…背景的仅9人), then the shortest
        best = min(stating, key=lambda s: (-sum(w in _flat(s.text) for w in asked.words),
                                           head_gap(asked, s.text), len(s.text)))
        return Found(asked, rid, sentence=best)
    related = [(s, related_item(asked, s.text, title)) for s in sentences]
    related = [(s, label) for s, label in related if label]
    if related:
        word = missing_words(asked, related[0][0].text, title)[0]
        s, label = max(related, key=lambda r: len(set(r[1]) & set(word)))
        return Found(asked, rid, related=s, related_label=label)
    return Found(asked, rid)


# the answer -----------------------------------------------------------------------------------
def answer_from_text(store, query: Query, found: list[Found]) -> Answer | None:
    """An answer quoting the sentences that state the asked items (route "text"); a decline that
    names the related item the report gives instead; None when the text says nothing of them."""
    if not any(f.sentence or f.related for f in found):
        return None
    lines: list[str] = []
    cites: list[Citation] = []
    for f in found:
        name = _report_name(store, f.report_id)
        if f.sentence is not None:
            cites.append(_citation(store, f.sentence))
            lines.append(f"{name}的报告原文（{f.asked.label}）：{with_digits(f.sentence.text)} [{len(cites)}]")
        elif f.related is not None:
            cites.append(_citation(store, f.related))
            lines.append(f"{name}的报告没有给出{f.asked.label}；报告只给出了{f.related_label}"
                         f"（见引用原文 [{len(cites)}]），与所问不是同一项。")
        else:
            lines.append(f"{name}的报告没有给出{f.asked.label}。")
    abstained = not any(f.sentence for f in found)
    derived: list[dict] = []
    if not abstained:
        lines.insert(0, "（事实表中没有该项，以下为报告原文）")
        with ar.recording() as ledger:  # a conversion shown is derived from the quoted figure
            compared = _compared(store, query, found) or _converted(query, found)
        derived = [r.derived() for r in ledger]
        if compared:
            lines.insert(1, compared)
    return Answer(question=query.text, text="\n".join(lines), abstained=abstained, route="text",
                  citations=cites, derived=derived)


def head_gap(asked: Asked, text: str) -> int:
    """How many characters stand between the asked item's head and the first figure of the
    asked kind after it (a figure is its nearest preceding noun's); `NO_GAP` when no such
    figure follows the head (or the item has none): every such sentence alike."""
    flat = _flat(text)
    head = head_word(asked)
    gaps = []
    for h in re.finditer(re.escape(head), flat) if head else ():
        after = (m for m in UNIT_FIGURE.finditer(flat, h.end())
                 if not asked.kind or UNIT_KIND.get(m.group("unit"), "") == asked.kind)
        first = next(after, None)
        if first is not None:
            gaps.append(first.start() - h.end())
    return min(gaps, default=NO_GAP)


def head_word(asked: Asked) -> str:
    """The asked item's head: the word that ends last in its phrase (the head of a Chinese
    noun phrase comes last: 支出 of 三公经费支出), the longest of those."""
    phrase = _flat(asked.phrase)
    placed = [(phrase.rfind(w) + len(w), len(w), w) for w in asked.words if w in phrase]
    return max(placed)[2] if placed else ""


def _figure_of_head(asked: Asked, text: str):
    """The figure beside the item's head as written, else beside its last word (支出 of
    三公经费支出: 实际支出…), else beside another term of the head's metric."""
    phrase = _flat(asked.phrase)
    head = head_word(asked)
    placed = [(phrase.rfind(w) + len(w), -len(w), w) for w in asked.words if w in phrase]
    last = max(placed)[2] if placed else head
    for heads in ((head,), (last,), asked.metric_words.get(last, ()), asked.metric_words.get(head, ())):
        figure = figure_beside(heads, text)
        if figure is not None:
            return figure
    return None




def _converted(query: Query, found: list[Found]) -> str:
    """"折合多少万元" of a figure the sentence writes in 元: the figure converted, rounded to
    two decimals, shown once."""
    if Cue.CONVERT not in query.cues:
        return ""
    lines = []
    for f in found:
        figure = _figure_of_head(f.asked, f.sentence.text) if f.sentence is not None else None
        if figure is not None and figure[2] in TO_WAN and figure[2] != "万元":
            lines.append(f"{CONVERT.sub('', f.asked.label)}：{shown(*figure, money=True)}。")
    return "\n".join(lines)


def _compared(store, query: Query, found: list[Found]) -> str:
    """Which report's figure is higher, when a comparison's sentences state the item."""
    named = []
    for f in found:
        if f.sentence is None:
            return ""
        figure = _figure_of_head(f.asked, f.sentence.text)
        if figure is None:
            return ""
        named.append((_report_name(store, f.report_id), figure))
    return verdict(query.order, Cue.RATE_WORD in query.cues, named)


def _report_name(store, report_id: str) -> str:
    r = store.report(report_id)
    return f"{short_name(r.department)}{r.year or ''}年" if r else report_id


def _citation(store, s: Sentence) -> Citation:
    r = store.report(s.report_id)
    return Citation(s.report_id, r.file if r else s.report_id, s.section, s.quote, s.start, s.end)
