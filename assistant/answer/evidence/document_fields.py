"""Who published the report, when, and whose report it is: the report's field lines (a
saved web page's 发布机构/发布日期, a form's 单位名称, see `assistant.text.doc_fields`) and its
title, quoted. The publisher of a page is often the department's superior body, not the
department: both are shown as the report writes them."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.evidence.passages import Sentence
from assistant.text.doc_fields import OWNER_LABELS, asked_fields, field_of


def field_sentences(question: str, sentences: Sequence[Sentence], title: str,
                    text: str = "") -> list[Sentence]:
    """The sentences that answer a question about the report's publisher, date or owner, in
    the report's order ([] when it asks none of them or the report gives none). `text`: the
    report's text, where its title line stands (a heading, which is no evidence sentence)."""
    labels, owner = asked_fields(question)
    if not labels and not owner:
        return []
    chosen: list[Sentence] = []
    seen: set[str] = set()
    for s in sentences:
        field = field_of(s.text)
        if field is None or field[0] in seen:
            continue
        if field[0] in labels or (owner and field[0] in OWNER_LABELS):
            chosen.append(s)
            seen.add(field[0])
    if labels and not any(_label(s) in labels for s in chosen):
        return []  # the publisher or date asked, and the report gives neither
    if owner and not any(_label(s) in OWNER_LABELS for s in chosen):
        heading = _title_sentence(sentences, title, text)
        if heading is not None:
            chosen.append(heading)
    return sorted(chosen, key=lambda s: s.start)


def _label(s: Sentence) -> str:
    field = field_of(s.text)
    return field[0] if field else ""


def _title_sentence(sentences: Sequence[Sentence], title: str, text: str) -> Sentence | None:
    """The report's title as it stands in its text: a sentence that is the title, else the
    title's first line in the text."""
    flat = title.replace(" ", "")
    if not flat:
        return None
    found = next((s for s in sentences if s.text.strip().replace(" ", "") == flat), None)
    at = text.find(title)
    if found is None and at >= 0 and sentences:
        found = Sentence(sentences[0].report_id, "", title, title, at, at + len(title), 0)
    return found
