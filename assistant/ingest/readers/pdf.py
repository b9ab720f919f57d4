"""PDF files: the text layer page by page, ruled tables as row lines (`tables.pdf_tables`),
scanned pages read by OCR (`ocr`)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from assistant.errors import LoadError
from assistant.ingest.readers.ocr import MAX_OCR_PAGES, OcrInfo, Progress
from assistant.ingest.readers.packages import short_error
from assistant.ingest.tables.pdf_tables import PdfTables

_CID_GLYPH = re.compile(r"\(cid:\d+\)")


def pdf_text(path: Path, data: bytes, progress: Progress | None = None
              ) -> tuple[str, tuple[int, ...], OcrInfo | None]:
    """The text layer, page by page, joined with "\\n"; where each page starts; and what OCR
    read. A page whose text layer is empty or undecodable (a scan; fonts without a Unicode
    map) is rendered and read by OCR; a page where that finds nothing contributes an empty
    string, so page numbers stay right. Ruled tables are written one row per line,
    ``表头：值；表头：值`` (see `pdf_tables.py`; OCR'd tables: `ocr_layout.py`)."""
    pages = [p.replace("\r\n", "\n").replace("\r", "\n") for p in _pdf_layer(path, data)]
    if not pages:
        raise LoadError(path, "not a readable PDF: it has no pages")
    scanned = [i for i, page in enumerate(pages) if _needs_ocr(page)]
    read = _ocr(path, data, scanned, progress) if scanned else {}
    for i, page in read.items():
        pages[i] = page.text
    joined = "".join(pages)
    if not joined.strip():
        raise LoadError(path, "no text layer, and OCR found no text on the pages "
                              "(images without writing?)")
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + 1
    ocr = None
    if read:
        from assistant.ingest.readers.ocr import collect

        ocr = collect(read, starts)
    return "\n".join(pages), tuple(starts), ocr


def _pdf_layer(path: Path, data: bytes) -> list[str]:
    """Each page's text layer (tables as row lines)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            reader = PdfTables()
            for page in pdf.pages:
                pages.append(reader.page_text(page))
                page.close()
    except Exception as e:  # pdfplumber wraps pdfminer errors; the cause says what happened
        cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise LoadError(path, "the PDF is password-protected (encrypted); remove the "
                                  "password and ingest it again") from None
        raise LoadError(path, f"not a readable PDF: {short_error(cause)}") from None
    return pages


def _needs_ocr(page: str) -> bool:
    """A page to read by OCR: next to no text, or mostly glyphs without a Unicode map."""
    from assistant.ingest.readers.ocr import needs_ocr

    cid_chars = sum(len(m) for m in _CID_GLYPH.findall(page))
    return needs_ocr(_CID_GLYPH.sub("", page)) or cid_chars > 0.5 * len("".join(page.split()))


def _ocr(path: Path, data: bytes, pages: list[int], progress: Progress | None) -> dict:
    """OCR of the given pages, every failure a `LoadError`."""
    from assistant.ingest.readers.ocr import OcrUnavailable, ocr_pages

    if len(pages) > MAX_OCR_PAGES:
        raise LoadError(path, f"{len(pages)} scanned pages to read by OCR, over the limit of "
                              f"{MAX_OCR_PAGES}; split the PDF")
    try:
        return ocr_pages(data, pages, progress)
    except OcrUnavailable as e:
        raise LoadError(path, f"scanned pages need OCR: {e}") from None
    except Exception as e:  # a page the renderer or the engine cannot read
        raise LoadError(path, f"OCR of the scanned pages failed: {short_error(e)}") from None
