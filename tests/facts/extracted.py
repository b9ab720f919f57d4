"""Facts of a report text as the pipeline extracts them, for the facts tests."""

from __future__ import annotations

from assistant.facts import extract_facts
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse


def facts(text: str):
    norm = normalise(text)
    return extract_facts(norm, analyse(norm))


def department(found, metric: str) -> list[float]:
    """The department's own values of a metric (no subject, this period)."""
    return [f.value for f in found if f.metric == metric and f.scope == "department"
            and not f.subject and not f.period]
