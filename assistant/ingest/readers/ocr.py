"""Read scanned PDF pages offline: render them (pypdfium2) and recognise their text with
RapidOCR (`rapidocr-onnxruntime`, whose wheel ships the Chinese PP-OCR detection and
recognition models, so nothing is downloaded at run time).

`ocr_pages` reads the pages a PDF's text layer leaves empty; `ocr_layout` puts the boxes
back into lines and tables. The result keeps each box's confidence (`OcrInfo`), so that a
figure read from an uncertain box can be marked for the reader (``（OCR低置信）``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.ingest.readers.ocr_layout import Box, OcrSpan, PageText, page_text
from assistant.ingest.readers.ocr_rules import ruled_grids

DPI = 200  # a scan read at 200 dpi: 10.5-point text is ~30 px high, what PP-OCR reads best
DET_MAX_SIDE = 1280  # pixels of the longer side the page is scaled to for line detection
MIN_TEXT_SCORE = 0.5  # boxes read with less confidence are noise (RapidOCR's own cut)
LOW_CONFIDENCE = 0.85  # a box read with less confidence than this is marked as uncertain
MAX_OCR_PAGES = 300  # a longer scan is refused: at a few seconds a page it would take long
# a page whose text layer has fewer visible characters than this is read as a scan
MIN_TEXT_CHARS = 10

# OCR reads a thousands separator or a decimal point as its full-width form (1，000．00)
_WIDE_SEPARATOR = re.compile(r"(?<=\d)(，(?=\d{3}(?!\d))|．(?=\d))")

Progress = Callable[[int, int], None]  # (pages read, pages to read)

_engine: Any = None
_engine_lock = threading.Lock()
_run_lock = threading.Lock()  # one page at a time: the engine keeps per-call settings


class OcrUnavailable(RuntimeError):
    """The OCR engine is not installed."""


@dataclass(frozen=True)
class OcrInfo:
    """What OCR read in a loaded report: the pages it read (1-based), each written line
    with its confidence, and the stretches read with low confidence (offsets in the
    report's text)."""

    pages: tuple[int, ...]
    lines: tuple[OcrSpan, ...]
    low: tuple[OcrSpan, ...]

    def page_confidence(self, page_starts: Sequence[int]) -> dict[int, float]:
        """The mean line confidence of each OCR'd page."""
        out: dict[int, list[float]] = {}
        for line in self.lines:
            page = sum(1 for s in page_starts if s <= line.start)
            out.setdefault(page, []).append(line.conf)
        return {p: sum(v) / len(v) for p, v in out.items()}


def engine() -> Any:
    """The shared RapidOCR engine, loaded on first use (about a second)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as e:  # not installed, or OpenCV without its system libraries
                hint = ("Debian: apt-get install libgl1 libglib2.0-0" if ".so" in str(e)
                        else "pip install rapidocr-onnxruntime")
                raise OcrUnavailable(f"the OCR engine cannot be loaded ({e}; {hint})") from e
            _engine = RapidOCR(inter_op_num_threads=1)
        return _engine


def needs_ocr(page_text_layer: str) -> bool:
    """A page is read as a scan when its text layer holds next to nothing."""
    return len("".join(page_text_layer.split())) < MIN_TEXT_CHARS


def read_image(image: Any) -> PageText:
    """Recognise one page image (a PIL image) into text in reading order."""
    import numpy as np

    grids, clean = ruled_grids(np.asarray(image.convert("L")))
    rgb = np.ascontiguousarray(np.repeat(clean[:, :, None], 3, axis=2))
    ocr = engine()
    with _run_lock:
        found = _recognise(ocr, rgb)
    boxes = [_box(points, text, conf) for points, text, conf in found]
    return page_text([b for b in boxes if b.text], float(rgb.shape[1]), grids)


def _recognise(ocr: Any, rgb: Any) -> list[tuple[Any, str, float]]:
    """(box corners, text, confidence) of the text lines on a page image. Lines are found
    on the page scaled down to `DET_MAX_SIDE` (detection costs grow with the pixels, and
    PP-OCR's detector is trained at about that size) and read at full resolution; pages
    are upright, so the rotation classifier is skipped."""
    import cv2
    import numpy as np

    h, w = rgb.shape[:2]
    scale = min(1.0, DET_MAX_SIDE / max(h, w))
    small = rgb if scale == 1.0 else cv2.resize(
        rgb, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    boxes, _ = ocr.text_det(small)
    if boxes is None or len(boxes) == 0:
        return []
    boxes = (np.asarray(boxes) / scale).astype(np.float32)
    texts, _ = ocr.text_rec(ocr.get_crop_img_list(rgb, boxes))
    return [(box.tolist(), text, float(conf)) for box, (text, conf) in zip(boxes, texts)
            if conf >= MIN_TEXT_SCORE]


def _box(points: Sequence[Sequence[float]], text: str, conf: float) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys), tidy(text), float(conf))


def tidy(text: str) -> str:
    """A box's text with full-width separators inside numbers made ASCII (``1，000．5`` ->
    ``1,000.5``): OCR confuses the two forms, the printed page has the ASCII ones."""
    return _WIDE_SEPARATOR.sub(lambda m: "," if m.group(0) == "，" else ".", text.strip())


def ocr_pages(data: bytes, pages: Sequence[int], progress: Progress | None = None
              ) -> dict[int, PageText]:
    """Render and read the given pages (0-based indexes) of a PDF; `progress(k, n)` after
    each page."""
    import pypdfium2 as pdfium

    out: dict[int, PageText] = {}
    pdf = pdfium.PdfDocument(data)
    try:
        for k, index in enumerate(pages):
            page = pdf[index]
            try:
                image = page.render(scale=DPI / 72).to_pil()
            finally:
                page.close()
            out[index] = read_image(image)
            if progress:
                progress(k + 1, len(pages))
    finally:
        pdf.close()
    return out


def collect(page_texts: dict[int, PageText], page_starts: Sequence[int]) -> OcrInfo:
    """The `OcrInfo` of a report whose page `i` (0-based) starts at `page_starts[i]`."""
    lines: list[OcrSpan] = []
    low: list[OcrSpan] = []
    for index in sorted(page_texts):
        base = page_starts[index]
        page = page_texts[index]
        lines += [OcrSpan(base + s.start, base + s.end, s.conf) for s in page.lines]
        low += [OcrSpan(base + s.start, base + s.end, s.conf) for s in page.spans
                if s.conf < LOW_CONFIDENCE]
    return OcrInfo(tuple(i + 1 for i in sorted(page_texts)), tuple(lines), tuple(low))
