"""Plain text and Markdown files: the encoding found (a BOM, UTF-8, else GB18030 when it
reads as Chinese) and the text with "\\n" line endings; binary and junk refused."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from assistant.errors import LoadError

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


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
