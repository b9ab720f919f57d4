"""Text questions read against the asked report's whole text, not only the chunks retrieval
ranked first: the sentence that gives a reason, for a why-question, and the sentences that
cover the question best when the retrieved chunks hold none (the question's words may be
none of the report's: 表彰 for the report's 评为, which the passage thesaurus knows but a
keyword search does not).

A reason is a sentence that covers the asked item and gives its cause (由于, 受…影响, 导致,
主要是, 原因), or the sentence right after one that covers the item, when it opens with the
cause ("……未达到目标。主要原因是……") or refers back to it ("该项目……，因……"). It leads the answer; the figure row merely restating
the item does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.evidence.passages import Sentence, coverage, rank_sentences
from assistant.answer.evidence.retrieval import STOP
from assistant.answer.evidence.search import FIGURE_AT, goal_only, other_year
from assistant.index.bm25 import tokenize
from assistant.text.markers import BLOCK_START, CAUSE_WORDS, EFFECT_AFTER, ITEM_START

MIN_COVERAGE = 0.34  # as the extractive answer: share of the question's content words
REASON = re.compile(rf"{CAUSE_WORDS.pattern}|{EFFECT_AFTER.pattern}|主要是|主要系|系因|因(?!公|素)")
REASON_START = re.compile(rf"^(?:[，,]?\s*)(?:{CAUSE_WORDS.pattern}|主要是|主要系|主要原因|其原因|究其原因|原因是)")
REFERS_BACK = re.compile(r"^\s*(?:该|此|这|其|上述)")  # a sentence about what the one before names
# the words that ask why, which a reason sentence need not repeat
WHY_WORDS = re.compile(r"为什么|为何|原因|咋|怎么|何故|没能|没有|未能|没")
AFFECTED_BY = re.compile(r"受([^，。；]{2,12})影响")
CAUSE_OPENING = re.compile(r"^[是为系：:，,\s]+")  # 原因|是…, 主要原因为…
CLAUSE_END = re.compile(r"[，,；;。]")
CAUSE_SHARE = 0.6  # share of a cause's words a sentence holds that tells more of it
NEW_WORDS = 2  # … with at least this many words the reason does not say
MAX_QUOTED = 3
TITLE_LEAD = 30  # a numbered sentence no longer than this, without a clause, is an item's title
BODY_SENTENCES = 4  # how far an item's body is read for its cause
SECOND_SHARE = 0.8  # a second reason is quoted when it ranks nearly as well as the first


def reasons(content: str, sentences: Sequence[Sentence], subject: str = "",
            years: Sequence[int] = ()) -> list[Sentence]:
    """The reasons the report gives for the asked item (see the module doc): the best reason
    sentence (after the sentence that names the item when the reason follows it), a second one
    from another part of the report when there is one (the problems list's summary and the
    project's own account), then the item's figure row; [] when no sentence covering the item
    gives a cause. `subject`: the project or indicator the question names, which the reason
    must be about (else the question's words); `years`: the asked years (a figure row of
    another year is not the item's)."""
    item = subject or WHY_WORDS.sub(" ", content)  # what the reason must be about
    ordered = sorted(sentences, key=lambda s: (s.report_id, s.start))
    scores = {(s.report_id, s.start): s.score for s in rank_sentences(content, list(ordered))}
    found: list[tuple[float, list[Sentence]]] = []
    for i, s in enumerate(ordered):
        if coverage(item, s) < MIN_COVERAGE:
            continue
        score = scores.get((s.report_id, s.start), 0.0)
        if REASON.search(s.text):
            found.append((score, [s]))
        elif i + 1 < len(ordered) and _follows(s, ordered[i + 1]) and _gives_its_cause(ordered[i + 1].text):
            found.append((score, [ordered[i + 1], s]))
        elif (cause := _cause_in_body(s, ordered[i + 1:i + 1 + BODY_SENTENCES])) is not None:
            found.append((score, [cause, s]))
    if not found:
        return []
    found.sort(key=lambda f: -f[0])
    best = found[0][1]
    # a second reason from another part of the report: one that ranks nearly as well, or any,
    # when the best names its cause in less than two words (受天气影响: the item's own account
    # says what happened)
    vague = len(cause_words(best[0].text)) < 2
    other = next((f[1] for f in found[1:] if f[1][0].section != best[0].section
                  and (vague or f[0] >= SECOND_SHARE * found[0][0])), [])
    chosen = best + other[:1]
    chosen[1:1] = told_more(chosen[0], ordered, chosen)
    if any(len(f) > 1 for f in (best, other)):  # the item's own sentence is quoted already
        return chosen
    return chosen + _figure_row(item, chosen, [s for s in ordered if not other_year(s.text, years)], scores)


def cause_of(text: str) -> str:
    """The cause a reason sentence gives: the X of 受X影响, the clauses before ……，影响Y, else
    the clause after its cause word (原因是X, 主要是X, 由于X); "" when it gives none."""
    m = AFFECTED_BY.search(text)
    if m:
        return m.group(1)
    m = EFFECT_AFTER.search(text)
    if m and not CAUSE_WORDS.search(text[:m.start()]):  # ……不足，影响X: the clauses before
        return text[:m.start()]
    m = REASON.search(text)
    if not m:
        return ""
    return CLAUSE_END.split(CAUSE_OPENING.sub("", text[m.end():]), maxsplit=1)[0]


def cause_words(text: str) -> set[str]:
    """The content words of the cause a reason sentence gives."""
    return {t for t in tokenize(cause_of(text)) if len(t) >= 2 and not STOP.match(t)}


def told_more(reason: Sentence, sentences: Sequence[Sentence], chosen: Sequence[Sentence]
              ) -> list[Sentence]:
    """The sentence of the same report that tells more of the cause the reason gives (原因是
    数控设备供货延期 → 两批数控设备因厂家供货延期，年底仍有…未支付): one holding most of the
    cause's words and words of its own; [] when none does, so the cause is quoted whole."""
    words = cause_words(reason.text)
    if len(words) < 2:
        return []
    have = {(s.report_id, s.start) for s in chosen}
    own = set(tokenize(reason.text))
    best, share = None, CAUSE_SHARE
    for s in sentences:
        if s.report_id != reason.report_id or (s.report_id, s.start) in have:
            continue
        tokens = set(tokenize(s.text))
        held = len(words & tokens) / len(words)
        if held >= share and len({t for t in tokens - own if len(t) >= 2}) >= NEW_WORDS \
                and (best is None or held > share):
            best, share = s, held
    return [best] if best is not None else []


def _figure_row(item: str, chosen: list[Sentence], sentences: Sequence[Sentence],
                scores: dict) -> list[Sentence]:
    """After the reason, the best sentence that covers the item with its figures (满意度88.5%，
    未达到90%的目标), so the answer says how far it fell short too; one that sets two figures
    side by side (the target and the actual), and one with an actual figure, before one that
    states the target alone."""
    have = {(s.report_id, s.start) for s in chosen}
    rows = [s for s in sentences if (s.report_id, s.start) not in have
            and FIGURE_AT.search(BLOCK_START.sub("", s.text))
            and coverage(item, s) >= MIN_COVERAGE]
    best = max(rows, key=lambda s: (not goal_only(s.text), len(set(FIGURE_AT.findall(s.text))) >= 2,
                                    scores.get((s.report_id, s.start), 0.0)), default=None)
    return [best] if best is not None else []


def _gives_its_cause(text: str) -> bool:
    """Whether a sentence gives the cause of what the sentence before it names: it opens with
    the cause (主要原因是…), or refers back to it (该项目…，因…) and gives one."""
    return bool(REASON_START.search(text) or (REFERS_BACK.match(text) and REASON.search(text)))


def _title_lead(text: str) -> bool:
    """A numbered item's title standing as a sentence ("2.某某改造工程。"): what the sentences
    after it, its body, are about."""
    mark = ITEM_START.match(text)
    rest = text[mark.end():].strip().rstrip("。.") if mark else ""
    return bool(rest) and len(rest) <= TITLE_LEAD and not re.search(r"[，,；;：:]", rest)


def _cause_in_body(lead: Sentence, after: Sequence[Sentence]) -> Sentence | None:
    """The first sentence of an item's body that gives a cause, when the lead is the item's
    title (the body's sentences need not repeat the item's name); the body ends at the next
    numbered item."""
    if not _title_lead(lead.text.strip()):
        return None
    prev = lead
    for s in after:
        if not _follows(prev, s) or ITEM_START.match(s.text.strip()):
            return None
        if REASON.search(s.text):
            return s
        prev = s
    return None


def _follows(a: Sentence, b: Sentence) -> bool:
    return a.report_id == b.report_id and a.section == b.section and b.start >= a.end


def best_covering(content: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences of the report that cover the question best (the best, and those nearly
    as good), when the best covers enough of its content words; else []."""
    ranked = rank_sentences(content, list(sentences))
    if not ranked or coverage(content, ranked[0]) < MIN_COVERAGE:
        return []
    top = ranked[0].score
    return [s for s in ranked[:MAX_QUOTED] if s.score >= 0.6 * top and coverage(content, s) >= MIN_COVERAGE]


def covering_more(content: str, first: Sentence, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The report's sentences that cover the question best (`best_covering`), when the best of
    them holds more of the question's content words than `first` (a retrieved sentence ranked
    high by one rare word); else []."""
    whole = best_covering(content, sentences)
    if whole and coverage(content, whole[0]) > coverage(content, first):
        return whole
    return []
