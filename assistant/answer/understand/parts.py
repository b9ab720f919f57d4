"""The parts of a question that asks several things at once ("…比重是多少？和B比哪个高？",
"…是多少，比上年增加了多少"), read from its structure: clauses that each carry their own ask,
joined by a question mark, a semicolon, a comma, or 以及/并且; a later clause takes the
departments and years of the one before it (the conversation's follow-up reading).

A question is split only when one answer would leave a part out: the parts ask different
kinds of things (a figure and a change, a figure and a reason) or about different
departments, or a later part compares the first part's item with another department
("和B比哪个高"). It is not split when it is one comparison ("A和B哪个高"), when its kind
already joins the clauses (a sum checked against a total, a figure against its target), or
when the later clause only asks the figure of each listed item ("有哪些？各花了多少钱？").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.answer.understand.register import full_years
from assistant.answer.understand.resolve import resolve
from assistant.answer.understand.types import Catalog, Query
from assistant.ingest.aliases import short_name
from assistant.text.numbers import YEAR_IN_TEXT

# a clause asks something: the words that make it a question
ASKS = re.compile(r"[？?]|吗|多少|哪|什么|是否|(?<![这那前后])几|如何|怎么|怎样|有没有|没有|为何|为什么|原因")
# where one question ends and the next begins (kept with the clause before)
CLAUSE_END = re.compile(r"[？?；;]+")
SOFT_END = re.compile(r"，|,(?!\d)")  # not the comma of 1,000
# words that join two asked items inside one clause
JOINS = re.compile(r"以及|并且|同时")
# a later clause that asks each listed item's figure: the list's own figures, not a new part
EACH = re.compile(r"(?:各|分别|每(?:个|项|一项)?)[^，。？?]{0,6}?(?:多少|几|是什么|怎样|如何)")
# a later clause that sets the first part's item against another department's
AGAINST = re.compile(r"^(?:那|那么)?(?:和|与|跟|同|比|相比|对比|较)")
# a question asking what a total is made of: its items, each with its figure
ITEMS = re.compile(r"哪些|有什么|哪几|各(?:项|个|自)?[^，。？?]{0,4}(?:多少|是|为)|分别|明细|构成|组成|包括")
# what is left of a clause that only asks: fillers and pointers back
BARE = re.compile(r"[了的是呢吧吗啊这那其它该此项个，,。；;\s]|主要|具体|情况|一下")
# two items asked together: "X和Y分别是什么", "X与Y各是多少"
BOTH_ASKED = re.compile(r"(?:分别|各)(?:是|为|有)?(?:多少|什么|哪些|如何|怎样|几)")
JOIN_WORD = re.compile(r"和|与|及(?!时)")
EACH_WORD = re.compile(r"分别|各")
NOT_ITEM = re.compile(r"[\s的，,（）()底末初]")
# what ends an item before its ask: "基本支出是多少" → "基本支出"
STEM_TAIL = re.compile(r"(?:是|为|有|共|一共|总共|的|，|,|\s)+$")
# kinds whose answer already takes every clause of the question in
JOINED_KINDS = {"reconcile", "rate_check", "target", "remaining", "sum", "summary"}
FIGURE_KINDS = {"figure", "comparison"}
MAX_PARTS = 4
LONG_QUESTION = 120  # characters: background text, read from its asked clause instead


@dataclass(frozen=True)
class Part:
    """One part of a question: the clause as asked (its label) and the question the chain
    answers for it (the clause itself, or "那B呢？" for a part that compares with B)."""

    text: str
    ask: str
    against: bool = False  # compares the first part's item with another department's
    note: str = ""  # how the part was read, shown above its answer


def split(question: str, catalog: Catalog, history: Sequence[Query] = ()) -> list[Part]:
    """The parts of the question, or [] when it asks one thing."""
    text = full_years(question.strip())
    if len(text) > LONG_QUESTION:
        return []
    clauses = clauses_of(text, catalog)
    if len(clauses) < 2 or len(clauses) > MAX_PARTS:
        return []
    whole = resolve(text, catalog, history)
    if whole.intent in JOINED_KINDS or whole.list_kind == "problem+measure":
        return []
    parts: list[Part] = []
    queries: list[Query] = []
    seen = list(history)
    for clause in clauses:
        query = resolve(clause, catalog, seen)
        if not query.departments and whole.departments and not query.all_departments:
            # a part that names no department asks about the one the question names elsewhere
            query = resolve(clause, catalog, [*seen, whole])
        part = _part(clause, query, queries)
        if part.against:
            part, query = _in_held_year(part, catalog, seen)
        elif parts and query.intent == "text" and _nothing_named(clause, catalog):
            # free text about the first part's item: the follow-up carries its figure's name,
            # not its words ("财政拨款…执行情况如何"), so the part says them
            part = replace(part, ask=_stem(parts[0].ask) + clause)
            query = resolve(part.ask, catalog, seen)
        parts.append(part)
        queries.append(query)
        seen.append(query)
    if any(_leans_on(p.text, queries[0]) for p in parts[1:]):
        return []
    return parts if _apart(parts, queries) else []


def _leans_on(clause: str, first: Query) -> bool:
    """A later clause that only asks ("占了多少？", "主要是什么？") takes its topic from the
    first; when the first is free text or names no metric or subject (what a follow-up carries),
    or asks which of several departments (its answer, not its words, names what the clause is
    about: "哪个部门最低，为什么？"), the clauses are answered together."""
    bare = BARE.sub("", ASKS.sub("", clause))
    carried = first.intent != "text" and bool(first.metrics or first.subjects)
    picks_one = len(first.departments) > 1 or first.all_departments  # "哪个最低，为什么"
    return len(bare) <= 1 and (not carried or picks_one)


def _nothing_named(clause: str, catalog: Catalog) -> bool:
    """A later clause that names no department, figure or subject of its own ("执行得怎么样？",
    "主要是什么？"): it asks about the first part's item."""
    alone = resolve(clause, catalog)
    return not (alone.departments or alone.metrics or alone.subjects or alone.unknown_places)


def _stem(clause: str) -> str:
    """The first part's item, as the clause names it: the clause up to its ask
    ("2024年某医院财政拨款收入多少？" → "2024年某医院财政拨款收入")."""
    m = ASKS.search(clause)
    return STEM_TAIL.sub("", clause[:m.start()] if m else clause)


def asks_items_of(query: Query) -> bool:
    """Whether the asked question wants the items of what it names (see `asks_items`)."""
    return asks_items(query.text)


def asks_items(question: str) -> bool:
    """The question asks the items of what it names (哪些, 各…多少, 分别, 明细), not only its sum."""
    return bool(ITEMS.search(question))


def clauses_of(text: str, catalog: Catalog) -> list[str]:
    """The question's clauses that each ask something; a clause without an ask (a preface)
    joins the next one, and a clause asking each listed item's figure joins the one before."""
    pieces: list[tuple[str, bool]] = []  # (piece, may join the one before)
    for sentence in _cut(text, CLAUSE_END):
        for piece in _cut(sentence, SOFT_END):
            both = _both_asked(piece, catalog)
            pieces += [(p, False) for p in both] or [(p, True) for p in _joined_items(piece)]
    out: list[str] = []
    carry = ""
    for piece, joins in pieces:
        piece = carry + piece
        carry = ""
        if not ASKS.search(piece):
            carry = piece
            continue
        if out and joins and EACH.search(piece) and not _names(piece, catalog):
            out[-1] += piece
            continue
        out.append(piece)
    if carry and out:
        out[-1] += carry
    return _names_joined([c.strip() for c in out if c.strip()], catalog)


def _names_joined(clauses: list[str], catalog: Catalog) -> list[str]:
    """A clause that only names a department ("…是多少，某局？") says whom the clause before it
    asks about when that clause names none: the two are one part. After a clause that names its
    own department, it asks the same of another ("A的…是多少？B呢？") and stays a part."""
    out: list[str] = []
    for clause in clauses:
        if out and _only_names(clause, catalog) and not resolve(out[-1], catalog).departments:
            out[-1] += clause
            continue
        if out and _object_of(clause, out[-1], catalog):
            out[-1] += clause
            continue
        out.append(clause)
    return out


ASK_WORD = re.compile(ASKS.pattern.replace("[？?]|", "", 1))


def _object_of(clause: str, before: str, catalog: Catalog) -> bool:
    """"较上年增长了多少，X项目的执行数？": a clause asked only by its question mark that
    names what the clause before asks of, when that one names no figure or item, is its object
    (the question said in another order)."""
    if ASK_WORD.search(clause):
        return False
    first = resolve(before, catalog)
    return not (first.metrics or first.subjects) and bool(ASK_WORD.search(before))


def _only_names(clause: str, catalog: Catalog) -> bool:
    """The clause names departments (and perhaps years) and asks nothing else."""
    query = resolve(clause, catalog)
    if not query.departments:
        return False
    kept = "".join(ch for i, ch in enumerate(clause) if not any(a <= i < b for a, b in query.mentions))
    return len(BARE.sub("", ASKS.sub("", YEAR_IN_TEXT.sub("", kept)))) <= 1


def _cut(text: str, ends: re.Pattern) -> list[str]:
    """The text cut after each end mark (the mark stays with the piece before it)."""
    out, last = [], 0
    for m in ends.finditer(text):
        out.append(text[last:m.end()])
        last = m.end()
    if text[last:].strip():
        out.append(text[last:])
    return [p for p in out if p.strip()]


def _joined_items(clause: str) -> list[str]:
    """A clause joining two asks with 以及/并且 ("…是多少以及原因是什么"): the two asks,
    when each side asks on its own."""
    m = JOINS.search(clause)
    if m is None:
        return [clause]
    left, right = clause[:m.start()], clause[m.end():]
    if ASKS.search(left) and ASKS.search(right):
        return [left, right]
    return [clause]


def _both_asked(clause: str, catalog: Catalog) -> list[str]:
    """"A的预算数和存在的问题分别是什么": two items joined by 和/与/及 and asked together
    (分别, 各): the first item with the shared ask, and the second with it; [] when the
    clause joins no two items so (a 和 inside a department's name joins nothing)."""
    m = BOTH_ASKED.search(clause)
    if m is None or ASKS.search(clause[:m.start()]):
        return []
    inside = [span for alias, _ in catalog.names() if alias in clause
              for span in (mm.span() for mm in re.finditer(re.escape(alias), clause))]
    for join in JOIN_WORD.finditer(clause[:m.start()]):
        if any(a <= join.start() < b for a, b in inside):
            continue
        left, right = clause[:join.start()], clause[join.end():]
        ask = EACH_WORD.sub("", clause[m.start():]).lstrip("的")
        if _item_words(left, inside) and _item_words(clause[join.end():m.start()], []):
            if "什么" in ask and resolve(left + "是多少？", catalog).metrics:
                ask = "是多少？"  # a figure's own ask: "预算数是什么" reads as a text question
            first = resolve(left + ask, catalog)
            if _family(first) != _family(resolve(right, catalog, [first])):
                return [left + ask, right]  # a figure and a list: one answer gives one of them
            return []
    return []


def _family(query: Query) -> str:
    return "figure" if query.intent in FIGURE_KINDS else str(query.intent)


def _item_words(text: str, names: Sequence[tuple[int, int]]) -> bool:
    """The text names an item: two or more characters besides department names and years."""
    kept = "".join(ch for i, ch in enumerate(text) if not any(a <= i < b for a, b in names))
    return len(NOT_ITEM.sub("", YEAR_IN_TEXT.sub("", kept))) >= 2


def _names(clause: str, catalog: Catalog) -> bool:
    """The clause names a department of the library."""
    return any(alias in clause for alias, _ in catalog.names())


def _part(clause: str, query: Query, before: Sequence[Query]) -> Part:
    """The part a clause is; a clause that sets the first part's item against other
    departments and asks nothing of its own is asked as a follow-up on those departments."""
    if not before or not AGAINST.match(clause) or not query.departments:
        return Part(clause, clause)
    first = before[0]
    if set(query.departments) <= set(first.departments) or _own_words(query):
        return Part(clause, clause)
    names = "".join(query.text[a:b] for a, b in sorted(query.mentions))
    return Part(clause, f"那{names}呢？", against=True)


def _in_held_year(part: Part, catalog: Catalog, seen: Sequence[Query]) -> tuple[Part, Query]:
    """A compared department has no report of the year the first part carries over (the
    clause names no year of its own): its report of the nearest year answers, and says so."""
    query = resolve(part.ask, catalog, seen)
    if not query.missing_years or YEAR_IN_TEXT.search(part.text) or len(query.departments) != 1:
        return part, query
    held = sorted({r.year for r in catalog.reports_of(query.departments[0]) if r.year})
    if not held or not query.years:
        return part, query
    asked = query.years[0]
    year = min(held, key=lambda y: (abs(y - asked), -y))
    note = f"（资料库中没有{short_name(query.departments[0])}{asked}年的报告，以下按其{year}年报告回答）"
    part = replace(part, ask=part.ask.replace("呢？", f"{year}年呢？"), note=note)
    return part, resolve(part.ask, catalog, seen)


def _own_words(query: Query) -> str:
    """What a clause says besides its names and years, its ask and its comparison words."""
    rest = query.topic()
    return re.sub(r"[比较相对和与跟同哪个更高低多少大小谁的是呢吗？?，,。\s]|还是|一下|怎么样|如何|对比", "", rest)


def _apart(parts: Sequence[Part], queries: Sequence[Query]) -> bool:
    """One answer would leave a part out: a part compares with another department, or the
    parts ask different kinds of things, or about different departments."""
    if any(p.against for p in parts):
        return True
    kinds = {_family(q) for q in queries}
    if len(kinds) > 1:
        return True
    departments = {q.departments for q in queries}
    return len(departments) > 1
