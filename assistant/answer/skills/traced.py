"""Every number a skill's answer shows is one a reader can check: this is where the skills'
answers get the computed figures they show recorded as derivations, the statements of those
figures' operands cited, and the captions of the tables they point to ("见表1") cited.

A subject whose name holds a number ("12345热线协调经费") is a number the answer shows too:
when the cited sentence does not name it (the name is the lead of its list item or paragraph),
the citation reaches back to where the report names it.

A skill computes with `answer.arithmetic`, which records each computed figure in the ledger
that `skills.base.Shape.answer` opens around the skill (`arithmetic.recording`). `trace`
then keeps those the answer's text shows: each joins `Answer.derived` (value, text, calc) and
the facts its operands were read from join `Answer.citations`. A table the answer refers to
by its number is cited by its caption line, so the reference itself is checkable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.arithmetic import Result
from assistant.answer.found import citations
from assistant.answer.lookup import Lookup
from assistant.answer.types import Answer, Citation
from assistant.text.numbers import number_values

# a reference to a numbered table of the report (见表1, 表2中), not a count after a table's
# name (评分表17项指标)
TABLE_REFERENCE = re.compile(r"表\s*(\d{1,2})(?![\d.]|\s*(?:项|个|条|张|份|行))")


def trace(answer: Answer, ledger: Sequence[Result], facts: Lookup) -> Answer:
    """The answer with the computed figures it shows derived and their operands cited, and the
    tables it refers to cited by their captions (see the module docstring)."""
    if answer.abstained:
        return answer
    shown = {abs(v).normalize() for _, v in number_values(answer.text)}
    calcs = {d.get("calc") for d in answer.derived}
    spans = {(c.report_id, c.start, c.end) for c in answer.citations}
    for result in ledger:
        if abs(result.value).normalize() not in shown:
            continue
        if result.calc not in calcs:
            calcs.add(result.calc)
            answer.derived.append(result.derived())
        for cite in citations([s for s in result.sources if hasattr(s, "fact")]):
            if (cite.report_id, cite.start, cite.end) not in spans:
                spans.add((cite.report_id, cite.start, cite.end))
                answer.citations.append(cite)
    numbered = _numbered_subjects(answer, facts)
    answer.citations = [_naming(c, answer.text, numbered.get(c.report_id, {}), facts)
                        for c in answer.citations]
    answer.citations += captions(answer.text, answer.citations, facts)
    return answer


NAME_REACH = 300  # characters before a cited sentence where its subject's name is looked for
DIGIT = re.compile(r"\d")


def _numbered_subjects(answer: Answer, facts: Lookup) -> dict[str, dict[int, set[str]]]:
    """The subjects whose names hold a number and that the answer names, by cited report and
    the start of their figures' sentences."""
    out: dict[str, dict[int, set[str]]] = {}
    for rid in dict.fromkeys(c.report_id for c in answer.citations):
        for f in facts.facts(rid):
            if f.subject and DIGIT.search(f.subject) and f.subject in answer.text:
                out.setdefault(rid, {}).setdefault(f.start, set()).add(f.subject)
    return out


def _naming(cite: Citation, text: str, numbered: dict[int, set[str]], facts: Lookup) -> Citation:
    """The citation reaching back to the name of its figure's subject, when the answer shows
    that name, the name holds a number and the cited sentence does not name it (unchanged
    otherwise, or when the name is not found within `NAME_REACH` characters before it)."""
    held = _squash(cite.quote)
    for name in sorted(numbered.get(cite.start, ())):
        if _squash(name) in held or name not in text:
            continue
        report = facts.report_text(cite.report_id)
        pattern = re.compile(r"\s*".join(map(re.escape, _squash(name))))
        begin = max(0, cite.start - NAME_REACH)
        found = list(pattern.finditer(report, begin, cite.start))
        if found:
            at = found[-1].start()
            return Citation(cite.report_id, cite.file, cite.section, report[at:cite.end], at, cite.end)
    return cite


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text or "")


def captions(text: str, cited: Sequence[Citation], facts: Lookup) -> list[Citation]:
    """Citations of the caption lines of the tables `text` refers to ("见表1") that no cited
    quote names: the caption of the table a cited cell stands in."""
    labels = [f"表{int(m.group(1))}" for m in TABLE_REFERENCE.finditer(text)]
    held = "".join(_squash(c.quote) for c in cited)
    wanted = [label for label in dict.fromkeys(labels) if not _names(held, label)]
    out: list[Citation] = []
    for cite in list(cited):
        if not wanted:
            break
        caption = facts.caption_at(cite.report_id, cite.start)
        if caption is None or caption[0] not in wanted:
            continue
        label, start, end, line = caption
        wanted.remove(label)
        out.append(Citation(cite.report_id, cite.file, cite.section, line, start, end))
    return out


def _names(text: str, label: str) -> bool:
    return re.search(rf"{label}(?!\d)", text) is not None

