"""Style exemplars: the same section kind in OTHER departments' reports, cited by file,
section path and a verbatim quote. Departments with similar names (区政府办 for a
区政府办) come first. In a prompt their figures are masked, so the model copies the
phrasing, not another department's numbers."""

from __future__ import annotations

from assistant.drafting.corpus import report_sections
from assistant.drafting.types import DraftFacts
from assistant.ingest.aliases import names_of
from assistant.text.guard import looks_like_instruction
from assistant.text.numbers import DIGIT_RUN

MASK = DIGIT_RUN


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def is_same_department(report, facts: DraftFacts) -> bool:
    name = facts.department.strip()
    return bool(name) and (name in names_of(report) or facts.source == f"store:{report.id}")


def find_exemplars(store, kind: str, facts: DraftFacts, limit: int = 2,
                   chars: int = 300) -> list[dict]:
    """Up to `limit` exemplars of `kind` from other departments' reports, their openings
    together about `chars` characters long. Each: file, section, quote (verbatim),
    department, year, text (normalised)."""
    if store is None:
        return []
    candidates = [r for r in store.reports() if not is_same_department(r, facts)]
    candidates.sort(key=lambda r: (-similarity(r.department, facts.department),
                                   abs((r.year or 0) - (facts.year or 0)), r.id))
    found: list[dict] = []
    per = max(chars // max(limit, 1), 60)
    seen_departments: set[str] = set()
    for report in candidates:
        if len(found) >= limit:
            break
        if report.department in seen_departments:
            continue
        section = report_sections(store, report.id).by_kind.get(kind)
        if section is None:
            continue
        text, quote = section.excerpt(per)
        text = " ".join(text.split())[:per]
        if len(text) < 20:
            continue
        # a section that gives the assistant orders is no model of style: never shown to it
        if looks_like_instruction(text) or any(looks_like_instruction(t) for t in section.texts()):
            continue
        seen_departments.add(report.department)
        found.append({"file": report.file, "section": section.path, "quote": quote.strip(),
                      "department": report.department, "year": report.year, "text": text})
    return found


def masked(text: str) -> str:
    """Exemplar text for a prompt: every number replaced by ×."""
    return MASK.sub("×", text)
