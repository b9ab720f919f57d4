"""Read a report file (.txt, .md, .pdf, .docx, .doc/.wps, .xlsx/.xls, .html/.htm/.mhtml) into one
text string.

`load_report` is the only entry point. Every failure raises `LoadError` with a message that
names the file and the problem, so ingest can report it and go on with the other files.
The text is kept as extracted (only line endings are unified): later stages quote slices of
it verbatim and keep their own offset map back to it. Tables in .md and .docx files and
ruled tables in PDFs are written one row per line as ``表头：值；表头：值`` (see `tables.py`
and `pdf_tables.py`). PDF pages without a text layer (scans) are read by OCR (`ocr.py`);
.doc and .wps files are converted to .docx by LibreOffice (`legacy_doc.py`).
"""

from __future__ import annotations

import bisect
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import LoadError
from assistant.ingest.readers.legacy_doc import LEGACY_SUFFIXES, convert_to_docx
from assistant.ingest.readers.ocr import MAX_OCR_PAGES, OcrInfo, Progress
from assistant.ingest.readers.packages import check_package, short_error
from assistant.ingest.tables.lines import (
    CAPTION_MAX_CHARS,
    W_NS,
    caption_unit,
    docx_table_rows,
    markdown_to_text,
    paragraph_text,
    table_lines,
)
from assistant.ingest.tables.pdf_tables import PdfTables, header_row

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".xlsx", ".xls", ".html", ".htm", ".mhtml",
                      ".mht") + LEGACY_SUFFIXES
MB = 1024 * 1024
DOCX_MAX_XML = 100 * MB  # a 20,000-paragraph report is ~3 MB of XML; more means a zip bomb

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_CID_GLYPH = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class LoadedDoc:
    """A report's text and where it came from."""

    path: Path
    kind: str  # the suffix: "txt" | "md" | "pdf" | "docx" | "xlsx" | "xls" | "html" | "htm" | "mhtml" | "mht"
    text: str
    page_starts: tuple[int, ...]  # offset in `text` where each page starts; (0,) when not paged
    encoding: str | None  # txt/md only: "utf-8", "utf-8-sig", "utf-16" or "gb18030"
    sha256: str  # of the file's bytes
    ocr: OcrInfo | None = None  # pdf: what OCR read (scanned pages), with its confidences

    def page_of(self, offset: int) -> int:
        """The 1-based page that holds character `offset` of `text`."""
        return max(1, bisect.bisect_right(self.page_starts, offset))


def load_report(path: Path, max_bytes: int | None = None,
                progress: Progress | None = None) -> LoadedDoc:
    """Read one report file; raise `LoadError` when it cannot be used. `progress(k, n)` is
    called after each of the n scanned pages OCR reads."""
    path = Path(path)
    data = _read_checked(path, max_bytes)
    kind = path.suffix.lower().lstrip(".")
    encoding = None
    page_starts: tuple[int, ...] = (0,)
    ocr = None
    if kind in ("txt", "md"):
        text, encoding = decode_text(path, data)
        if kind == "md":
            text = markdown_to_text(text)
    elif kind == "pdf":
        text, page_starts, ocr = _pdf_text(path, data, progress)
    elif path.suffix.lower() in LEGACY_SUFFIXES:
        text = _docx_text(path, convert_to_docx(path, data))
    elif kind in ("xlsx", "xls"):
        from assistant.ingest.readers.xlsx import workbook_text
        text = workbook_text(path, data)
    elif kind in ("html", "htm", "mhtml", "mht"):
        from assistant.ingest.readers.html import page_text
        text = page_text(path, data)
    else:
        text = _docx_text(path, data)
    if not text.strip():
        raise LoadError(path, "no text in the file (it is blank)")
    return LoadedDoc(path, kind, text, page_starts, encoding, hashlib.sha256(data).hexdigest(),
                     ocr)


# files that describe a folder, not a report: skipped when a folder is ingested
FOLDER_NOTES = {"README", "LICENSE", "CHANGELOG", "NOTICE", "CONTRIBUTING"}


def iter_report_files(paths: list[Path]) -> list[Path]:
    """The files to ingest: directories are expanded (recursively, sorted, supported types
    only, hidden files, Office lock files and a folder's own notes — README, LICENSE,
    CHANGELOG, NOTICE — skipped); files are kept as given, even of an unsupported type or
    missing, so that ingest reports them. Duplicates are dropped."""
    found: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            for p in sorted(given.rglob("*")):
                rel = p.relative_to(given).parts
                if (p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                        and not any(part.startswith((".", "~$")) for part in rel)
                        and p.stem.upper() not in FOLDER_NOTES):
                    found.append(p)
        else:
            found.append(given)
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve(), p)
    return list(unique.values())


# common checks -------------------------------------------------------------------------------
def _read_checked(path: Path, max_bytes: int | None) -> bytes:
    if not path.exists():
        raise LoadError(path, "file not found")
    if path.is_dir():
        raise LoadError(path, "is a directory, not a file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "(no extension)"
        raise LoadError(path, f"unsupported file type {shown} "
                              f"(supported: {' '.join(SUPPORTED_SUFFIXES)})")
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise LoadError(path, f"file is {_mb(size)} MB, over the limit of {_mb(max_bytes)} MB"
                                  " (JIXIAO_MAX_FILE_MB)")
        data = path.read_bytes()
    except OSError as e:
        raise LoadError(path, f"cannot read the file: {e.strerror or e}") from None
    if not data:
        raise LoadError(path, "empty file")
    return data


def _mb(n: int) -> str:
    value = n / MB
    shown = f"{value:.1f}" if value >= 1 else f"{value:.2f}" if value >= 0.1 else f"{value:.2g}"
    if "e" in shown:  # a few bytes
        shown = f"{value:.6f}"
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


# plain text ----------------------------------------------------------------------------------
def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """Decode a text file; return (text with "\\n" line endings, encoding name).

    A BOM decides (UTF-8 or UTF-16). Otherwise UTF-8 is tried first; UTF-8 with a few damaged
    bytes (a cut-off last character, say) is kept, the bad bytes becoming U+FFFD, because
    reading it as GB18030 would give plausible-looking garbage. GB18030 (a superset of GBK)
    decodes many byte strings, so its result is accepted only when it reads like Chinese.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _decode_or_fail(path, data, "utf-16"), "utf-16"
    elif b"\x00" in data:
        raise LoadError(path, "binary data (NUL bytes): not a text file")
    elif data.startswith(b"\xef\xbb\xbf"):
        text, encoding = _decode_or_fail(path, data, "utf-8-sig"), "utf-8-sig"
    else:
        text, encoding = data.decode("utf-8", errors="replace"), "utf-8"
        damaged = text.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
        intact = sum(1 for ch in text if ord(ch) > 0x7F) - damaged
        if damaged and intact < 20 * damaged:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                text = ""
            if not _reads_as_chinese(text):
                raise LoadError(path, "cannot decode: not UTF-8 or GB18030/GBK text")
    if _is_junk(text):
        raise LoadError(path, "mostly non-printable characters: not a text report")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _decode_or_fail(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        problem = f"cannot decode: invalid {encoding.upper()} at byte {e.start}"
        raise LoadError(path, problem) from None


def _bad_char(ch: str) -> bool:
    """A control (other than line breaks and tabs), unassigned or replacement character."""
    if ch in "\n\r\t\f":
        return False
    return ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")


def _reads_as_chinese(text: str) -> bool:
    """GB18030 plausibility: most non-ASCII characters are CJK, CJK is a good share of all
    visible characters, and there are next to no control or unassigned characters."""
    visible = [ch for ch in text if not ch.isspace()]
    wide = [ch for ch in visible if ord(ch) > 0x7F]
    cjk = sum(1 for ch in wide if _CJK.match(ch))
    bad = sum(1 for ch in visible if _bad_char(ch))
    return bool(wide) and cjk >= 0.8 * len(wide) and cjk >= 0.2 * len(visible) \
        and bad <= 0.01 * len(visible)


def _is_junk(text: str) -> bool:
    """Mostly control/unassigned characters: over 30%, or over 10% with no Chinese at all."""
    sample = text[:200_000]
    bad = sum(1 for ch in sample if _bad_char(ch))
    return bad > 0.3 * len(sample) or (_CJK.search(sample) is None and bad > 0.1 * len(sample))


# PDF -----------------------------------------------------------------------------------------
def _pdf_text(path: Path, data: bytes, progress: Progress | None = None
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
    """Each page's text layer (tables as row lines, a two-column page column by column)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    from assistant.ingest.readers.pdf_columns import two_column_text

    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            reader = PdfTables()
            for page in pdf.pages:
                pages.append(two_column_text(page) or reader.page_text(page))
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


# .docx ---------------------------------------------------------------------------------------
def _docx_text(path: Path, data: bytes) -> str:
    """Body paragraphs and tables in document order; each table row on one line."""
    import docx
    from docx.table import Table

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LoadError(path, "not a readable .docx: it is an old binary .doc or a password-"
                              "protected document; save it as an unprotected .docx")
    check_package(path, data, ".docx", DOCX_MAX_XML,
                  lambda name: name.endswith((".xml", ".rels")))
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in _body_blocks(document.element.body):
            if block.tag == W_NS + "p":
                lines.append(paragraph_text(block, document))
            else:
                unit = caption_unit(_last_filled(lines))
                lines.extend(table_lines(_one_header(docx_table_rows(Table(block, document))),
                                         unit))
    except Exception as e:  # zip, XML and package errors alike mean a broken file
        raise LoadError(path, f"not a readable .docx: {short_error(e)}") from None
    return "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")


def _one_header(rows: list) -> list:
    """The rows with a header that spans two rows (a label merged over the columns that a
    second row names: 预算执行情况 over 预算数/执行数/执行率) as one header row."""
    if not rows:
        return rows
    header, used = header_row(rows)
    return [header, *rows[used:]] if used == 2 else rows


def _last_filled(lines: list[str]) -> str:
    """The last non-blank line so far: a table's caption (``单位：元``) when it is short."""
    last = next((line for line in reversed(lines) if line.strip()), "")
    return last if len(last) <= CAPTION_MAX_CHARS else ""


def _body_blocks(container: Any, depth: int = 0) -> Iterator[Any]:
    """The w:p and w:tbl children of the body in order, looking inside content controls."""
    for child in container.iterchildren():
        if child.tag in (W_NS + "p", W_NS + "tbl"):
            yield child
        elif child.tag == W_NS + "sdt" and depth < 8:
            content = child.find(W_NS + "sdtContent")
            if content is not None:
                yield from _body_blocks(content, depth + 1)
