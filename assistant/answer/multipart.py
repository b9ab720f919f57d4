"""A question of several parts (see `understand.parts`), answered part by part: each part
goes through the chain's single-question answer in turn (a later part follows up on the one
before, as a next question would), and the answer shows the parts under their own labels
with their own citations. A part that cannot be answered says so under its label; a part
that sets the first part's item against another department's ends with which is higher
when both give one figure of the same unit."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from assistant.answer.breakdown import itemised
from assistant.answer.found import report_name
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.parts import Part, asks_items_of
from assistant.answer.understand.types import Query
from assistant.text.numbers import CITE_REF, UNIT_FIGURE, to_canonical

NUMERALS = "一二三四"

Single = Callable[[str], Iterator["str | Answer"]]  # one question in, its pieces and Answer out


def label(n: int, part: Part) -> str:
    return f"【第{NUMERALS[n] if n < len(NUMERALS) else n + 1}问】{part.text.strip().rstrip('，,；;')}"


def with_items(pieces: Iterator[str | Answer], queries: Sequence[Query], store,
               read_as: Callable[[Query], str] = lambda q: "") -> Iterator[str | Answer]:
    """One question's pieces, its Answer given as the total's items when the question asks
    what the total is made of and the facts answered with the total alone (`read_as`: how
    the question's names were read, said first as in every answer)."""
    for piece in pieces:
        if isinstance(piece, Answer) and queries and _total_only(piece, queries[-1]):
            listed = itemised(queries[-1], store)
            if listed is not None:
                listed.seconds, listed.retrieved = piece.seconds, piece.retrieved
                listed.flags = piece.flags
                listed.text = read_as(queries[-1]) + listed.text
                piece = listed
        yield piece


def _total_only(answer: Answer, query: Query) -> bool:
    return (answer.route == "facts" and not answer.abstained and query.intent in ("figure", "comparison")
            and not answer.table and asks_items_of(query))


def answered(question: str, parts: Sequence[Part], single: Single, store
             ) -> Iterator[str | Answer]:
    """The pieces of every part under its label as they stream, then the combined Answer.
    `single` answers one question (updating the conversation); `store` holds the reports."""
    answers: list[Answer] = []
    for n, part in enumerate(parts):
        yield ("\n\n" if n else "") + label(n, part) + "\n" + (part.note + "\n" if part.note else "")
        answer = None
        offset = sum(len(a.citations) for a in answers)  # marks as the combined answer numbers them
        for piece in single(part.ask):
            if isinstance(piece, Answer):
                answer = piece
            else:
                yield _renumbered(piece, offset)
        assert answer is not None
        if part.against:
            yield _which_higher(answers[0], answer, store) if answers else ""
        answers.append(answer)
    yield combine(question, parts, answers, store)


def combine(question: str, parts: Sequence[Part], answers: Sequence[Answer], store) -> Answer:
    """One Answer of the parts: each part's text under its label, its citation marks
    renumbered after the parts before it; flags, derived figures and tables of all."""
    blocks: list[str] = []
    citations: list[Citation] = []
    flags: list[str] = []
    derived: list[dict] = []
    table: list[dict] = []
    for n, (part, answer) in enumerate(zip(parts, answers, strict=True)):
        text = _renumbered(answer.text, len(citations))
        if part.against:
            text += _which_higher(answers[0], answer, store)
        blocks.append(f"{label(n, part)}\n{part.note + chr(10) if part.note else ''}{text}")
        citations += answer.citations
        flags += [f for f in answer.flags if f not in flags]
        derived += answer.derived
        table += answer.table or []
    routes = {a.route for a in answers}
    return Answer(question=question, text="\n\n".join(blocks),
                  abstained=all(a.abstained for a in answers),
                  route=routes.pop() if len(routes) == 1 else "retrieval",
                  citations=citations, retrieved=[r for a in answers for r in a.retrieved],
                  seconds=sum(a.seconds for a in answers),
                  backend=next((a.backend for a in answers if a.backend != "none"), "none"),
                  flags=flags, table=table or None, derived=derived)


def _renumbered(text: str, offset: int) -> str:
    if not offset:
        return text
    return CITE_REF.sub(lambda m: f"[{int(m.group(1)) + offset}]", text)


def headline(answer: Answer) -> tuple[Decimal, str] | None:
    """The one figure an answer gives (a computed one first), in its canonical unit."""
    if answer.abstained:
        return None
    if answer.derived:
        found = list(UNIT_FIGURE.finditer(str(answer.derived[-1].get("text", ""))))
    else:
        found = list(UNIT_FIGURE.finditer(CITE_REF.sub(" ", answer.text)))
        if len({m.group() for m in found}) != 1:
            return None
    if not found:
        return None
    m = found[-1]
    value, unit = to_canonical(float(m.group("num").replace(",", "")), m.group("unit"))
    return Decimal(str(value)), unit


def _which_higher(first: Answer, other: Answer, store) -> str:
    """"\n比较：A为21.68%，B为30.10%，B更高。" when both answers give one figure of a unit
    (figures of two different metrics are set side by side, with no verdict)."""
    a, b = headline(first), headline(other)
    if a is None or b is None or a[1] != b[1] or not first.citations or not other.citations:
        return ""
    rid_a, rid_b = first.citations[0].report_id, other.citations[0].report_id
    name_a, name_b = report_name(store.report(rid_a)), report_name(store.report(rid_b))
    if not name_a or not name_b or name_a == name_b:
        return ""
    metric_a, metric_b = _metric(store, first, a), _metric(store, other, b)
    if metric_a and metric_b and metric_a != metric_b:
        return (f"\n比较：{name_a}{metric_a}为{_shown(a)}，{name_b}{metric_b}为{_shown(b)}；"
                f"两者不是同一指标，不作高低判断。")
    if a[0] == b[0]:
        verdict = "两者相同"
    else:
        verdict = f"{name_a if a[0] > b[0] else name_b}更{'高' if a[1] == '%' else '多'}"
    return f"\n比较：{name_a}为{_shown(a)}，{name_b}为{_shown(b)}，{verdict}。"


def _metric(store, answer: Answer, figure: tuple[Decimal, str]) -> str:
    """The metric of the fact that states the answer's figure in a cited passage ("" when the
    figure is computed, or no single fact states it)."""
    if answer.derived:
        return ""
    spans = {(c.report_id, c.start, c.end) for c in answer.citations}
    metrics = {f.metric for rid in {s[0] for s in spans} for f in store.facts(rid)
               if f.value is not None and f.value == figure[0] and f.unit == figure[1]
               and any(r == rid and a < f.end and f.start < b for r, a, b in spans)}
    return metrics.pop() if len(metrics) == 1 else ""


def _shown(figure: tuple[Decimal, str]) -> str:
    value = format(figure[0].normalize(), "f")
    return re.sub(r"\.0+$", "", value) + figure[1]
