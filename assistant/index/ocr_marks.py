"""Keep what OCR was unsure of, and say so where its figures are shown.

A scanned report's text is what OCR recognised; a figure read from a box recognised with
low confidence (`ingest.readers.ocr.LOW_CONFIDENCE`) may be wrong. Ingest stores those stretches
as spans of kind `OCR_LOW` (offsets in the report's text, the page, and the confidence in
percent as the span's level), so no table changes; `low_confidence_ids` tells which facts
have their number inside one, and `OCR_MARK` is how they are marked (``jixiao facts``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from assistant.index.pipeline import Span
from assistant.index.records import OCR_MARK

__all__ = ["OCR_LOW", "OCR_MARK", "low_confidence_ids", "ocr_spans", "page_progress",
           "stored_scan_sha"]

OCR_LOW = "ocr_low"
SLOW_TO_LOAD = (".pdf", ".doc", ".wps")  # OCR (seconds a page) or LibreOffice


def ocr_spans(doc: Any) -> list[Span]:
    """The low-confidence OCR stretches of a loaded report, as spans to store."""
    info = getattr(doc, "ocr", None)
    if info is None:
        return []
    return [Span(kind=OCR_LOW, ord=k, start=s.start, end=s.end, norm_start=0, norm_end=0,
                 page=doc.page_of(s.start), level=round(100 * s.conf))
            for k, s in enumerate(info.low)]


def low_confidence_ids(store: Any, facts: Iterable[Any]) -> set[int]:
    """The ids of the facts whose number lies in a low-confidence OCR stretch."""
    by_report: dict[str, list[Span]] = {}
    out: set[int] = set()
    for f in facts:
        if f.report_id not in by_report:
            by_report[f.report_id] = store.spans(f.report_id, OCR_LOW)
        if any(s.start < f.num_end and f.num_start < s.end for s in by_report[f.report_id]):
            out.add(f.id)
    return out


def page_progress(progress: Callable[[int, int, str], None] | None, done: int, total: int,
                  name: str) -> Callable[[int, int], None] | None:
    """A per-page callback for OCR that reports ``name page k/n`` through an ingest's
    per-file `progress(done, total, label)`."""
    if progress is None:
        return None

    def pages(k: int, n: int) -> None:
        progress(done, total, f"{name} page {k}/{n}")

    return pages


def stored_scan_sha(path: Path, stored: tuple[str, str] | None, max_bytes: int) -> str | None:
    """The sha256 of a PDF, .doc or .wps file already in the library, read before loading
    it, so that an unchanged scan is not OCR'd again; None for other files, files over
    `max_bytes` (the loader refuses them) and files not stored or unreadable."""
    if stored is None or Path(path).suffix.lower() not in SLOW_TO_LOAD:
        return None
    try:
        if Path(path).stat().st_size > max_bytes:
            return None
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None
