"""The chat model fills what the rules leave open (issue 21, item 4).

When understanding leaves a slot of the `Query` empty or unresolved — no department found for
a name the question writes, no metric for a figure question, a project named that no subject
of the facts matches — the chat model is asked to choose, as JSON constrained by a schema to
the catalog's own names (the departments of the library, the metrics of the facts vocabulary,
the subjects of the resolved reports; "" when none fits). Its choice is kept only when the
question itself supports it, so a wrong guess is dropped rather than answered:

- a department: a stretch of the question (two characters or more, not a generic word) stands
  in the department's name without its place, character by character in order (a stretch of
  three or more may have one character typed wrong inside: 政俯办 for 政府办); the place written
  right before that stretch, if any, is the department's own (or it typed with one character
  wrong): 岚溪县卫健局 never becomes 岚溪县教育局, nor 澄岭县教育局 a 岚溪县教育局; and no
  other department is named as well by the same words (a 政府办 of a place the library lacks
  is no one of the library's several offices);
- a metric: one of its words (three characters or more) stands in the question with exactly
  one character typed differently, that character not inside another word of the question
  (离休 is no typo of 退休); no other metric's word as long does; and none of the metric's
  words stands there as written (the rules saw it and read it as part of something else:
  门诊收入 is no 收入);
- a subject: it shares most of its characters, in order, with the item the question names.

The model is offered only the names that could pass these checks (a name that could never be
kept would only let it err), and is not called when no slot has one; it may still answer ""
when the name does not fit what is asked. The intent (the answer's shape) is not filled.

Nothing is called when nothing is open, nor when there is no chat model (``JIXIAO_LLM=none``):
then the Query is exactly the rules'. Only this module and its prompts (`prompts/fill_*.txt`)
know the model takes part in understanding; the chain calls `fill` once, after `resolve`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from assistant.answer.understand.departments import bodies, generic, place_typo
from assistant.answer.understand.departments import places as name_places
from assistant.answer.understand.lexicon import frequencies, is_word, tags
from assistant.answer.understand.lexicon import words as dictionary_words
from assistant.answer.understand.resolve import reports_of
from assistant.answer.understand.tolerant import COMMON_CHAR, FUNCTION_TAGS
from assistant.answer.understand.types import Intent
from assistant.facts.vocabulary import TERMS

DEPARTMENT_CHOICES = 8  # departments offered to the model, most alike the question first
SUBJECT_CHOICES = 15
METRIC_CHOICES = 12
MIN_SUPPORT = 2  # characters of the question in a department's name, in order
TYPO_STRETCH = 3  # a stretch this long may have one character typed wrong
MAX_TYPOS = 1
SUBJECT_SHARE = 0.6  # of the subject's characters (and of the named item's) shared in order
MAX_TOKENS = 120
# a word this long at least, typed with one character wrong, still shows which word is meant
# (a two-character word would share a single character with the question: 日重 is no 权重)
MIN_TYPO_TERM = 3
LEVEL_WORDS = "省市区县州"
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Gaps:
    """The slots understanding left open."""

    department: bool = False
    metric: bool = False
    subject: bool = False

    def any(self) -> bool:
        return self.department or self.metric or self.subject

    def names(self) -> tuple[str, ...]:
        return tuple(n for n in ("department", "metric", "subject") if getattr(self, n))


@dataclass(frozen=True)
class Choice:
    """What the model chose (validated: "" for a slot it left open or chose unsupported)."""

    department: str = ""
    metric: str = ""
    subject: str = ""
    said: str = ""  # the stretch of the question the department was read from


def gaps(query, catalog) -> Gaps:
    """Which slots of `query` the rules left open (see the module doc)."""
    named = bool(query.unknown_places or query.ambiguous or query.near_names)
    department = not query.all_departments and (named or (
        not query.departments and len(catalog.departments()) > 1))
    metric = (query.intent == "figure" and not query.metrics and not query.subjects
              and not query.key_figures and not query.named_subject)
    subject = bool(query.named_subject) and not query.subjects and bool(query.report_ids)
    return Gaps(department, metric, subject)


# what the model is offered ------------------------------------------------------------------------
def common(a: str, b: str) -> int:
    """Characters of `a` and `b` in the same order (longest common subsequence)."""
    row = [0] * (len(b) + 1)
    for ca in a:
        prev = 0
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], prev + 1 if ca == cb else max(row[j], row[j - 1])
    return row[-1]


def metric_names() -> list[str]:
    return sorted({t.metric for t in TERMS})


def _likeness(text: str, metric: str) -> float:
    """How much of the metric's best-kept word the question holds, in order (0..1)."""
    return max((common(text, t.text) / len(t.text) for t in TERMS if t.metric == metric),
               default=0.0)


def options(query, catalog, open_: Gaps) -> dict[str, list[str]]:
    """The names the model may choose from, per open slot (most alike the question first)."""
    text = query.text
    out: dict[str, list[str]] = {}
    if open_.department:
        ranked = sorted(catalog.departments(),
                        key=lambda d: (-common(text, _core(d)), -common(text, d)))
        out["department"] = ranked[:DEPARTMENT_CHOICES]
    if open_.metric:
        out["metric"] = sorted(metric_names(), key=lambda m: (-_likeness(text, m), m))[:METRIC_CHOICES]
    if open_.subject:
        pool = {s for rid in query.report_ids for _, s in catalog.subjects.get(rid, ()) if s}
        item = query.named_subject or text
        out["subject"] = sorted(pool, key=lambda s: (-common(item, s), s))[:SUBJECT_CHOICES]
    return {k: v for k, v in out.items() if v}


def schema(choices: dict[str, list[str]]) -> dict[str, Any]:
    """A JSON schema whose every slot is one of its offered names or "" (none fits)."""
    return {"type": "object",
            "properties": {slot: {"type": "string", "enum": [*names, ""]}
                           for slot, names in choices.items()},
            "required": list(choices), "additionalProperties": False}


def messages(query, choices: dict[str, list[str]]) -> list[tuple[str, str]]:
    from assistant.prompts import render

    listed = "\n".join(f"{slot}: {'、'.join(names)}" for slot, names in choices.items())
    return [("system", render("fill_system")),
            ("human", render("fill_user", question=query.text, options=listed,
                             slots="、".join(choices)))]


# asking ------------------------------------------------------------------------------------------
def ask(llm, query, choices: dict[str, list[str]], config=None) -> dict[str, str]:
    """The model's JSON answer ({} when it fails or says nothing usable)."""
    from langchain_core.output_parsers import StrOutputParser

    shape = schema(choices)
    bound = llm.bind(response_format={"type": "json_schema",
                                      "json_schema": {"name": "query", "schema": shape}},
                     max_tokens=MAX_TOKENS, temperature=0.0)
    try:
        raw = (bound | StrOutputParser()).invoke(messages(query, choices), config)
    except Exception:  # a model that fails leaves the rules' reading as it is
        return {}
    return parse(raw, choices)


def parse(raw: str, choices: dict[str, list[str]]) -> dict[str, str]:
    """The slots of the model's JSON whose value is one of the offered names."""
    m = re.search(r"\{.*\}", raw or "", re.S)
    try:
        data = json.loads(m.group(0)) if m else {}
    except json.JSONDecodeError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {slot: value for slot, value in data.items()
            if slot in choices and isinstance(value, str) and value in choices[slot]}


# validation against the question -----------------------------------------------------------------
def department_support(text: str, department: str, stems: frozenset[str] = frozenset()) -> str:
    """The stretch of `text` that names `department` (see the module doc), or ""."""
    start, end, _ = _support(text, department, stems)
    return text[start:end]


def _core(department: str) -> str:
    """The department's name without the places it opens with (and without 中共)."""
    return bodies(_party(department))[-1]


def _support(text: str, department: str, stems: frozenset[str]) -> tuple[int, int, int]:
    """(start, end, characters shared) of the stretch of `text` naming `department` that
    shares the most characters with its name; (0, 0, 0) when none does."""
    core = _core(department)
    own = [p[:-1] for p in name_places(_party(department))]
    best = (0, 0, 0)
    for start in range(len(text)):
        if start and common(text[start - 1:start + 1], core) == 2:
            continue  # the stretch begins earlier: read whole, with the place before it
        for end in range(start + MIN_SUPPORT, len(text) + 1):
            said = text[start:end]
            shared = common(said, core)
            if not CJK.fullmatch(said[-1]) or len(said) - shared > MAX_TYPOS:
                break
            if len(said) - shared <= _typos(said) and shared > best[2] and said[0] in core and said[-1] in core and not generic(said) \
                    and said.strip(LEVEL_WORDS) and _placed(text[:start], own, stems):
                best = (start, end, shared)
    return best


def _typos(said: str) -> int:
    """Characters of a stretch this long that may be typed wrong (政俯办 for 政府办)."""
    return 1 if len(said) >= TYPO_STRETCH else 0


def _placed(before: str, own: Sequence[str], stems: frozenset[str]) -> bool:
    """Whether the place written right before a name, if any, is the department's own (or
    that place typed with one character wrong)."""
    stripped = before.rstrip(LEVEL_WORDS)
    stem = stripped[-2:]
    if len(stem) < 2 or not CJK.fullmatch(stem[0]) or not CJK.fullmatch(stem[1]):
        return True
    return not _is_place(stem, stripped != before, stems) or any(
        stem == p[-2:] or place_typo(stem + "区", p[-2:] + "区") for p in own if len(p) >= 2)


def _is_place(stem: str, leveled: bool, stems: frozenset[str]) -> bool:
    """Whether two characters before a name are a place: a place of the library or of the
    dictionary, or (followed by 市, 区, 县 …) no word and no function word (率和 is none)."""
    if stem in stems or tags().get(stem) == "ns":
        return True
    freq = frequencies()
    return leveled and not is_word(stem) and not any(
        freq.get(ch, 0) >= COMMON_CHAR or tags().get(ch, "").startswith(FUNCTION_TAGS) for ch in stem)


def place_stems(departments: Sequence[str]) -> frozenset[str]:
    """The names of the places the departments are in, without their level word (东城)."""
    return frozenset(p[:-1] for d in departments for p in name_places(_party(d)) if len(p) >= 3)


def _party(name: str) -> str:
    return name.replace("中国共产党", "中共")


def names_place(text: str, department: str) -> bool:
    """Whether `text` writes the department's place (or the place with one character wrong)."""
    for place in name_places(department):
        stem = place[:-1]
        if len(stem) >= 2 and (stem in text or any(
                place_typo(text[i:i + len(place)], place) for i in range(len(text) - len(place) + 1))):
            return True
    return False


def singled_out(text: str, department: str, departments: Sequence[str]) -> str:
    """The stretch of `text` naming `department` when the question tells it from every other
    department of the library that the same words could name (by more characters shared, or
    by its place written); "" otherwise."""
    stems = place_stems(departments)
    start, end, shared = _support(text, department, stems)
    if not shared:
        return ""
    score = (shared, names_place(text, department))
    for other in departments:
        if other == department or common(text, _core(other)) < shared:
            continue  # (a name the question holds fewer characters of cannot tie)
        a, b, theirs = _support(text, other, stems)
        if a < end and start < b and (theirs, names_place(text, other)) >= score:
            return ""
    return text[start:end]


def metric_support(text: str, metric: str) -> int:
    """The length of the longest of the metric's words typed in `text` with one character
    wrong, 0 when none is, or when one stands there as written (see the module doc)."""
    terms = [t.text for t in TERMS if t.metric == metric and len(t.text) >= 2]
    if any(t in text for t in terms):
        return 0
    terms = [t for t in terms if len(t) >= MIN_TYPO_TERM]
    worded = _words(text)
    best = 0
    for term in terms:
        n = len(term)
        for start in range(len(text) - n + 1):
            window = text[start:start + n]
            diff = [i for i in range(n) if window[i] != term[i]]
            if n <= best or len(diff) != 1 or not CJK.match(window[diff[0]]):
                continue
            at = start + diff[0]
            if not any(a <= at < b and text[a:b] not in term for a, b in worded):
                best = n
    return best


@lru_cache(maxsize=64)
def _words(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(dictionary_words(text))


def metric_singled_out(text: str, metric: str) -> bool:
    """Whether the question's typo reads as this metric's word and as no other's as long."""
    own = metric_support(text, metric)
    return own > 0 and all(metric_support(text, m) < own for m in metric_names() if m != metric)


def subject_support(item: str, subject: str) -> bool:
    """Whether `subject` and the item the question names share most of their characters."""
    shared = common(item, subject)
    return shared >= SUBJECT_SHARE * len(subject) and shared >= SUBJECT_SHARE * len(item)


def supported(slot: str, name: str, query, departments: Sequence[str] = ()) -> str:
    """What of the question supports `name` for `slot` ("" when nothing does): the stretch
    naming a department, else the name itself."""
    if not name:
        return ""
    if slot == "department":
        if name in query.departments:
            return ""
        said = singled_out(query.text, name, departments)
        return "" if said and _other_place(said, name, query.unknown_places) else said
    if slot == "metric":
        return name if metric_singled_out(query.text, name) else ""
    if slot == "subject":
        return name if subject_support(query.named_subject or query.text, name) else ""
    return ""


def _other_place(said: str, department: str, unknown: Sequence[str]) -> bool:
    """Whether the stretch is part of a name the question writes with a place the department
    is not in (白沙县水利局 is no 青木县水利局, however alike the rest)."""
    for name in unknown:
        if said not in name:
            continue
        theirs = name_places(department)
        for place in name_places(name):
            if place not in department and not any(place_typo(place, p) for p in theirs):
                return True
    return False


def validate(answer: dict[str, str], query, departments: Sequence[str] = ()) -> Choice:
    """The model's choices the question supports (see the module doc)."""
    kept = {slot: supported(slot, answer.get(slot, ""), query, departments)
            for slot in ("department", "metric", "subject")}
    return Choice(department=answer["department"] if kept["department"] else "",
                  said=kept["department"], metric=kept["metric"], subject=kept["subject"])


def viable(choices: dict[str, list[str]], query, departments: Sequence[str]
           ) -> dict[str, list[str]]:
    """The offered names that could pass validation, per slot (slots with none left out): the
    model is asked only about those (a name that could never be kept would only let it err,
    and a call with nothing to keep is not worth making)."""
    kept = {slot: [n for n in names if supported(slot, n, query, departments)]
            for slot, names in choices.items()}
    return {slot: names for slot, names in kept.items() if names}


# merging into the Query --------------------------------------------------------------------------
def merge(query, choice: Choice, catalog):
    """The Query with the validated choices filled in (the rules' reading otherwise)."""
    if choice.department and choice.department not in query.departments:
        departments = (*query.departments, choice.department)
        ids, missing = reports_of(departments, query.years, catalog)
        query = replace(query, departments=departments, report_ids=ids, missing_years=missing,
                        unknown_places=(), near_names=(), ambiguous=(),
                        understood=(*query.understood, (choice.said, choice.department)))
        if len(departments) > 1 and query.intent == "figure":  # a figure of several: compared
            query = replace(query, intent=Intent.COMPARISON)
    if choice.metric:
        query = replace(query, metrics=(choice.metric,))
    if choice.subject:
        query = replace(query, subjects=(choice.subject,), named_subject="")
    return query




def fill(query, catalog, llm: Callable[[], Any] | None, config=None):
    """`query` with what the model fills where the rules left a slot open (see the module
    doc); `llm` gives the chat model (None: no model, the rules' Query unchanged). The model
    is loaded only when a slot is open."""
    open_ = gaps(query, catalog)
    if llm is None or not open_.any():
        return query
    choices = viable(options(query, catalog, open_), query, catalog.departments())
    model = llm() if choices else None
    if model is None:
        return query
    answer = ask(model, query, choices, config)
    return merge(query, validate(answer, query, catalog.departments()), catalog)
