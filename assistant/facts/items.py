"""The lists of problems (存在的主要问题) and measures (改进措施) as items."""

from __future__ import annotations

from assistant.facts.model import ListItem
from assistant.ingest.normalise import NormText
from assistant.ingest.structure import ReportStructure
from assistant.text.markers import CLAUSE_ENDS, ITEM_MARK, ITEM_TITLE_END

SECTION_KINDS = (("problem", ("问题", "不足")), ("measure", ("改进", "措施", "建议", "下一步")))


def extract_items(norm: NormText, structure: ReportStructure) -> list[ListItem]:
    """Problems and measures, from the top-level sections that hold them."""
    items: list[ListItem] = []
    for kind, _words in SECTION_KINDS:
        paras = [
            p for p in structure.paragraphs
            if p.path and not p.is_heading and _section_kind(p.path[0]) == kind
        ]
        if not paras:
            continue
        section = paras[0].path[0]
        start, end = paras[0].start, paras[-1].end
        items.extend(_split_items(norm, kind, start, end, section))
    return items


def _section_kind(heading: str) -> str:
    for kind, words in SECTION_KINDS:
        if any(w in heading for w in words):
            return kind
    return ""


def _split_items(norm: NormText, kind: str, start: int, end: int, section: str) -> list[ListItem]:
    body = norm.text[start:end]
    marks = [m for m in ITEM_MARK.finditer(body) if _starts_item(body, m.start())]
    if len(marks) >= 2:
        bounds = [(m.start(), marks[i + 1].start() if i + 1 < len(marks) else len(body))
                  for i, m in enumerate(marks)]
    else:
        bounds = [(0, len(body))]
    items = []
    for ord_, (a, b) in enumerate(bounds, 1):
        while b > a and body[b - 1] in "；;。，\n ":
            b -= 1
        text = body[a:b].strip()
        if not text:
            continue
        first = ITEM_TITLE_END.split(ITEM_MARK.sub("", text, count=1), maxsplit=1)[0]
        o_start, o_end = norm.original_span(start + a, start + b)
        items.append(ListItem(
            kind=kind, ord=ord_, title=first.strip("，。 "), text=text,
            quote=norm.original[o_start:o_end], start=o_start, end=o_end, section=section,
        ))
    return items


def _starts_item(body: str, pos: int) -> bool:
    """A marker opens an item at a paragraph start or after a clause end."""
    return pos == 0 or body[pos - 1] in CLAUSE_ENDS
