"""Read a report file (.txt, .md, .pdf, .docx, .doc/.wps, .xlsx/.xls, .html/.htm/.mhtml) into one
text string.

`load_report` is the only entry point. Every failure raises `LoadError` with a message that
names the file and the problem, so ingest can report it and go on with the other files.
The text is kept as extracted (only line endings are unified): later stages quote slices of
it verbatim and keep their own offset map back to it. Tables in .md and .docx files and
ruled tables in PDFs are written one row per line as ``表头：值；表头：值`` (see
`tables.lines` and `tables.pdf_tables`). One reader per kind of file: `text` (.txt/.md and
their encodings), `pdf` (PDF pages without a text layer, scans, are read by OCR, `ocr`),
`word` (.docx; .doc and .wps are converted to .docx by LibreOffice, `legacy_doc`), `xlsx`,
`html`; this module checks the file and picks the reader by its suffix.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import LoadError
from assistant.ingest.readers.legacy_doc import LEGACY_SUFFIXES, convert_to_docx
from assistant.ingest.readers.ocr import OcrInfo, Progress
from assistant.ingest.readers.packages import MB
from assistant.ingest.readers.pdf import pdf_text
from assistant.ingest.readers.text import decode_text
from assistant.ingest.readers.word import docx_text
from assistant.ingest.tables.lines import markdown_to_text

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".xlsx", ".xls", ".html", ".htm", ".mhtml",
                      ".mht") + LEGACY_SUFFIXES


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
        text, page_starts, ocr = pdf_text(path, data, progress)
    elif path.suffix.lower() in LEGACY_SUFFIXES:
        text = docx_text(path, convert_to_docx(path, data))
    elif kind in ("xlsx", "xls"):
        from assistant.ingest.readers.xlsx import workbook_text
        text = workbook_text(path, data)
    elif kind in ("html", "htm", "mhtml", "mht"):
        from assistant.ingest.readers.html import page_text
        text = page_text(path, data)
    else:
        text = docx_text(path, data)
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
