"""A scan writer for tests and the OCR benchmark: text lines and ruled tables drawn with
Pillow onto A4 page images, saved as an image-only PDF (no text layer), as a scanner would.

    font = find_cjk_font()            # None when the system has no Chinese font
    doc = ScanDoc(font)
    doc.text("一、部门基本情况")
    doc.table([["项目名称", "预算数"], ["办公经费", "1,200.00"]])
    path.write_bytes(doc.to_pdf())

Long lines wrap at the right margin; a page that is full goes on to the next. `noise`
adds a little grey speckle and blur, so the pages look less like clean renderings.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

A4_MM = (210, 297)
_FONT_GUESSES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


def find_cjk_font() -> Path | None:
    """A font file on this system that draws Chinese, or None."""
    for guess in _FONT_GUESSES:
        if Path(guess).exists():
            return Path(guess)
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                             check=False).stdout
        for line in out.splitlines():
            path = Path(line.split(":")[0].strip())
            if path.suffix.lower() in (".ttf", ".ttc", ".otf") and path.exists():
                return path
    return None


def _load_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """The simplified-Chinese face of a collection when it has one (Noto CJK: index 2)."""
    if path.suffix.lower() == ".ttc":
        for index in range(6):
            try:
                font = ImageFont.truetype(str(path), size, index=index)
            except OSError:
                break
            if "SC" in " ".join(font.getname()):
                return font
    return ImageFont.truetype(str(path), size)


class ScanDoc:
    """Pages of drawn text, saved as an image-only PDF."""

    def __init__(self, font: Path, dpi: int = 200, size_pt: float = 10.5,
                 noise: bool = False, seed: int = 0) -> None:
        self.dpi = dpi
        self.px = round(size_pt * dpi / 72)
        self.font = _load_font(font, self.px)
        self.width = round(A4_MM[0] / 25.4 * dpi)
        self.height = round(A4_MM[1] / 25.4 * dpi)
        self.margin = round(25 / 25.4 * dpi)
        self.line_gap = round(self.px * 0.8)
        self.noise = noise
        self.random = random.Random(seed)
        self.pages: list[Image.Image] = []
        self.drawn: list[list[str]] = []  # the text drawn on each page, line by line
        self._new_page()

    def _new_page(self) -> None:
        self.pages.append(Image.new("L", (self.width, self.height), 255))
        self.drawn.append([])
        self.draw = ImageDraw.Draw(self.pages[-1])
        self.y = self.margin

    def page_break(self) -> ScanDoc:
        self._new_page()
        return self

    def _room(self, height: int) -> None:
        if self.y + height > self.height - self.margin:
            self._new_page()

    def _wrap(self, line: str, width: float) -> list[str]:
        out, current = [], ""
        for ch in line:
            if current and self.draw.textlength(current + ch, font=self.font) > width:
                out.append(current)
                current = ""
            current += ch
        return out + [current]

    def text(self, line: str, indent: int = 0) -> ScanDoc:
        """One paragraph line (wrapped at the margin); an empty line is a blank line."""
        x = self.margin + indent * self.px
        for piece in self._wrap(line, self.width - self.margin - x) if line.strip() else [""]:
            self._room(self.px + self.line_gap)
            if piece:
                self.draw.text((x, self.y), piece, font=self.font, fill=0)
                self.drawn[-1].append(piece)
            self.y += self.px + self.line_gap
        return self

    def table(self, rows: Sequence[Sequence[str]], col_widths: Sequence[float] | None = None
              ) -> ScanDoc:
        """A ruled table, one text line per cell (a cell too wide is wrapped)."""
        usable = self.width - 2 * self.margin
        n = max(len(r) for r in rows)
        widths = [w * usable / sum(col_widths) for w in col_widths] if col_widths else \
            [usable / n] * n
        pad = self.px // 3
        for row in rows:
            cells = [self._wrap(c or "", w - 2 * pad) for c, w in zip(row, widths)]
            height = max(len(c) for c in cells) * (self.px + pad) + pad
            self._room(height)
            x = self.margin
            self.drawn[-1].append(" ".join(" ".join(c) for c in cells))
            for lines, w in zip(cells, widths):
                self.draw.rectangle([x, self.y, x + w, self.y + height], outline=0, width=2)
                top = self.y + (height - len(lines) * (self.px + pad) + pad) // 2
                for k, piece in enumerate(lines):
                    self.draw.text((x + pad, top + k * (self.px + pad)), piece,
                                   font=self.font, fill=0)
                x += w
            self.y += height
        self.y += self.line_gap
        return self

    def images(self) -> list[Image.Image]:
        if not self.noise:
            return list(self.pages)
        return [self._speckle(p) for p in self.pages]

    def _speckle(self, page: Image.Image) -> Image.Image:
        out = page.filter(ImageFilter.GaussianBlur(0.6))
        pixels = out.load()
        for _ in range(page.width * page.height // 400):
            x, y = self.random.randrange(page.width), self.random.randrange(page.height)
            pixels[x, y] = self.random.randrange(120, 256)
        return out

    def to_pdf(self) -> bytes:
        """The pages as an image-only PDF (one image per page, no text layer)."""
        images = [p.convert("RGB") for p in self.images()]
        out = io.BytesIO()
        images[0].save(out, "PDF", resolution=self.dpi, save_all=True,
                       append_images=images[1:])
        return out.getvalue()
