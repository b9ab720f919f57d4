"""Which report holds what a question names, when it names no department.

"实验室那个项目花了多少？", "局机关自己花了多少？", "服务中心“一站式”办结率达标没有？": the
question names a project, an indicator, a fund, a 二级单位 or a section's subject, but no
department. When the library holds many reports, the department is the one whose report
holds that subject; asking "which department?" with the whole catalog leaves the reader to
find it.

The mechanism reads the library, not a list of subjects:
- the question's own words are what remains once the department and year mentions, the
  metric words and the question's cue words (`understand.intent`) are masked out;
- every maximal run of those words (three characters or more) that the text of some report
  holds is a candidate phrase; its holders are the departments whose reports (their text and
  their facts' subjects) hold it;
- a phrase held by a few departments only (`FEW`) is specific: a phrase every report holds
  (预算执行, 项目支出) says nothing of whose report is meant;
- phrases are cut at the word bounds of the whole question (a cue word inside a word, 数字 of
  数字化, is no cue), and a phrase decides only when it tells: a name of the holder's facts
  (a project, an indicator, a unit), a part of its own name, or four characters or more (a
  short predicate one report happens to write, 全覆盖, does not);
- the longest specific phrase decides (the others, the holder's facts and a part of a
  department's name the question also writes narrow its holders): one holder is the
  department asked; two or three are asked back with their names (`ask_back`);
- a phrase that is part of departments' own names (水文站) names those departments (`resolve`);
- of the departments one name answers to (教育局: two), the one whose report alone holds the
  subject named beside it is read (`among`); a subject the question places in another
  department (北塅… when only 南塅's report holds it) is asked back (`elsewhere`).

A metric-only question ("预算执行率是多少") has no specific phrase and is asked back as before;
a department read this way answers the phrase's own subject (`holding`) or, when its facts
hold none, the phrase itself as `Query.named_subject`: never the department's own figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answer.understand.intent import (
    ASK_CUE,
    ASKS_WHY,
    COMPARE_CUE,
    DIFFERENCE,
    FILLER,
    HOW_MANY,
    MAX_WORDS,
    MIN_WORDS,
    REMAINING,
    SUM,
    TARGET,
)
from assistant.answer.understand.lexicon import bounds
from assistant.answer.understand.metrics import metric_spans
from assistant.answer.understand.types import Catalog, in_order
from assistant.text.numbers import YEAR_MENTION
from assistant.text.plain import plain_text

MIN_PHRASE = 3  # characters: shorter runs are found in some report by chance
FEW = 3  # at most this many holders: a phrase held by more says nothing of whose report
RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
CUES = (ASK_CUE, ASKS_WHY, COMPARE_CUE, DIFFERENCE, HOW_MANY, MAX_WORDS, MIN_WORDS, REMAINING,
        SUM, TARGET)


@dataclass(frozen=True)
class Held:
    """A phrase of the question and the departments whose reports hold it."""

    phrase: str
    departments: tuple[str, ...]


def own_words(text: str, taken: Sequence[tuple[int, int]]) -> list[str]:
    """The runs of the question's own words: without quotes, department and year mentions,
    metric words and the cue words of asking (多少, 达标没有, 比…高还是低)."""
    return [run for run, _ in _runs(text, taken)]


def _runs(text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[str, list[int]]]:
    """(run, the word bounds within it) of the question's own words; the bounds are those of
    the whole question (a run the masking starts inside a word, 数字|化加工, has no bound there)."""
    masked = list(text)
    words = bounds(text)
    spans = [*taken, *metric_spans(text), *(m.span() for m in YEAR_MENTION.finditer(text))]
    # cue and filler words only where they are words of the question (数字 of 数字化 is none)
    cues = [m for pattern in CUES for m in pattern.finditer(text)]
    cues += [m for m in FILLER.finditer(text) if m.group() not in ("的",)]
    spans += [m.span() for m in cues if m.start() in words and m.end() in words]
    for a, b in spans:
        masked[a:b] = ["|"] * (b - a)
    kept = [i for i, c in enumerate(text) if plain_text(c)]  # quotes and spaces dropped alike
    plain = "".join(text[i] for i in kept)
    cut = bounds(plain)
    out = []
    for m in RUN.finditer("".join(masked[i] for i in kept)):
        a, b = m.span()
        out.append((m.group(), [x - a for x in sorted(cut) if a <= x <= b]))
    return out


def phrases(runs: Sequence[tuple[str, list[int]]], catalog: Catalog,
            holders_of: Callable[[str], tuple[str, ...]] | None = None) -> list[Held]:
    """Maximal phrases of the runs, cut at the dictionary's word bounds, that some report
    holds (the longest from each start, not inside an earlier one), with their holders
    (`holders_of`, by default `_holders`)."""
    out: list[Held] = []
    for run, cuts in runs:
        reach = 0
        for i in cuts:
            for j in reversed(cuts):
                if j <= max(reach, i + MIN_PHRASE - 1):
                    break
                held = holders_of(run[i:j]) if holders_of else _holders(run[i:j], catalog)
                if held:
                    out.append(Held(run[i:j], held))
                    reach = j
                    break
    return out


def _holders(phrase: str, catalog: Catalog) -> tuple[str, ...]:
    """The departments holding `phrase`: in their text; when too many do, those that hold it
    in a subject of their facts (局机关本级, an item of one report's table, beside 局机关 in
    the prose of many); else those holding it as an ordered subsequence of a subject's name
    (耕地监测 for 耕地质量监测)."""
    held = catalog.holders_of(phrase)
    if len(held) > FEW:
        return catalog.subject_holders(phrase) or held
    return held or catalog.subsequence_holders(phrase)


def holder(text: str, taken: Sequence[tuple[int, int]], catalog: Catalog) -> Held | None:
    """The department(s) the question's subject is held by: one (answer it) or a few (ask
    back); None when the question names nothing specific of one report."""
    if len(catalog.departments()) <= FEW or catalog.text_of is None:
        # a phrase's rarity is judged on the reports' text: their facts' subjects alone would
        # take a phrase every report writes (检定项目) for one report's
        return None
    runs = _runs(text, taken)
    found = [h for h in phrases(runs, catalog)
             if len(h.departments) <= FEW and _wordlike(h.phrase)
             and all(_telling(h.phrase, d, catalog) for d in h.departments)]
    if not found:
        return None
    found.sort(key=lambda h: (-len(h.phrase), len(h.departments)))
    best = found[0]
    narrowed = set(best.departments)
    for other in found[1:]:
        both = narrowed & set(other.departments)
        if both:
            narrowed = both
    if len(narrowed) > 1:
        # of several holders, the one whose facts name it (an indicator, a project) decides
        named = set(catalog.subject_holders(best.phrase)) & narrowed
        narrowed = named if len(named) == 1 else narrowed
    if len(narrowed) > 1:
        # or the one whose name holds another word of the question (北塅 of 北塅镇林业站)
        words = {run[a:b] for run, cuts in runs for a in cuts for b in cuts if 2 <= b - a <= 6}
        named = {d for d in narrowed if any(w in d for w in words if w not in best.phrase)}
        narrowed = named if len(named) == 1 else narrowed
    return Held(best.phrase, tuple(d for d in best.departments if d in narrowed))


def among(text: str, taken: Sequence[tuple[int, int]], options: Sequence[str], catalog: Catalog
          ) -> Held | None:
    """Of the departments a name answers to (教育局: two), the one whose report alone holds
    what the question names beside it ("教育局教师培训覆盖率…": only one of them reports it);
    None when no phrase tells them apart."""
    def held_among(phrase: str) -> tuple[str, ...]:
        return tuple(o for o in catalog.holders_of(phrase) if o in options)

    for held in sorted(phrases(_runs(text, taken), catalog, held_among), key=lambda h: -len(h.phrase)):
        if not _wordlike(held.phrase) or any(held.phrase in o for o in options):
            continue
        inside = held.departments
        if len(inside) == 1 and not _telling(held.phrase, inside[0], catalog):
            continue
        if len(inside) == 1:
            return Held(held.phrase, inside)
        if inside:
            return None  # the longest phrase is held by several of them: nothing decides
    return None


def elsewhere(text: str, phrase: str, department: str, catalog: Catalog) -> tuple[str, ...]:
    """Other departments the question also names a distinctive part of (two characters that
    only a few departments' names hold: 北塅 of 北塅镇林业站, outside `phrase`) when
    `department`'s name holds none of them: "北塅森林覆盖率" is not 南塅's, though only 南塅's
    report gives a 森林覆盖率."""
    rest = plain_text(text)
    rest = rest.replace(phrase, "|") if phrase else rest
    pairs = {rest[i:i + 2] for i in range(len(rest) - 1)}
    names = catalog.departments()
    named: set[str] = set()
    for pair in pairs:
        holders = [d for d in names if pair in d]
        if 0 < len(holders) <= FEW:
            if department in holders:
                return ()
            named |= set(holders)
    return tuple(d for d in names if d in named)


def _telling(phrase: str, department: str, catalog: Catalog) -> bool:
    """Whether a phrase a department holds tells it from the others: a name of its facts (a
    project, an indicator, a unit), a part of its own name, or a phrase of four characters or
    more; a short predicate one report happens to write (全覆盖) does not."""
    return (len(phrase) >= MIN_PHRASE + 1 or phrase in department
            or department in catalog.subject_holders(phrase))


def holding(phrase: str, report_ids: Sequence[str], catalog: Catalog) -> tuple[str, ...]:
    """The one subject of the reports whose name holds `phrase` (whole, or its characters in
    order: 耕地监测 in 耕地质量监测); of several, the one project among them (实验室 in the
    project 实验室检测能力提升 beside the indicators 实验室检测结果符合率…); else none."""
    pairs = {(scope, s) for rid in report_ids for scope, s in catalog.subjects.get(rid, ())}
    whole = [(scope, s) for scope, s in pairs if phrase in plain_text(s)]
    close = whole or [(scope, s) for scope, s in pairs if in_order(phrase, plain_text(s))]
    names = {s for _, s in close}
    if len(names) == 1:
        return tuple(names)
    projects = {s for scope, s in close if scope == "project"}
    return tuple(projects) if len(projects) == 1 else ()


def _wordlike(phrase: str) -> bool:
    """A phrase of words, not of digits or a stray particle run (的的, 了吧)."""
    return sum(1 for c in phrase if "\u4e00" <= c <= "\u9fff") >= MIN_PHRASE and not phrase.startswith("的")
