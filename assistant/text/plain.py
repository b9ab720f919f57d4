"""Text read for what it names: quotation marks, book-title marks and spaces dropped, so that
服务中心“一站式”办结率 in a report and 服务中心一站式办结率 in a question are the same words."""

from __future__ import annotations

import re

MARKS = re.compile(r"[“”\"'‘’「」『』《》〈〉\s]")


def plain_text(text: str) -> str:
    """`text` without quotation marks, book-title marks and white space."""
    return MARKS.sub("", text)
