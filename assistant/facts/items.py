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
        paras = [p for p in structure.paragraphs
                 if p.path and not p.is_heading and _section_kind(p.path[0]) == kind]
        if paras:
            section = paras[0].path[0]
        else:  # a sub-section holds the list (一、自评结论 > (三)存在的问题和原因分析)
            paras = _sub_section(structure, kind)
            if not paras:
                continue
            section = next(h for h in reversed(paras[0].path) if _section_kind(h) == kind)
        start, end = paras[0].start, paras[-1].end
        items.extend(_split_items(norm, kind, start, end, section))
    return items


def _sub_section(structure: ReportStructure, kind: str) -> list:
    """The paragraphs of the first heading below the top level that names the list's kind
    (and only its kind: 存在的问题及改进措施 holds both and is left to the top-level rule)."""
    heading = None
    out = []
    for p in structure.paragraphs:
        if p.is_heading or not p.path:
            continue
        named = [h for h in p.path[1:] if _section_kind(h) == kind and _only(h, kind)]
        if named and heading in (None, named[-1]):
            heading = named[-1]
            out.append(p)
        elif out:
            break
    return out


def _only(heading: str, kind: str) -> bool:
    return all(not any(w in heading for w in words) for k, words in SECTION_KINDS if k != kind)


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
