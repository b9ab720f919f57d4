"""The report's own lists of problems and of improvement measures ("存在哪些问题",
"下一步怎么改进"; both when both are asked), each item quoted and cited; a report without such
a list says so. (Measures taken, 采取了哪些措施, are a text question: the evidence stage.)

The items are the facts table's when ingest read the list; otherwise the report's heading tree
is read (`answer.outline`: any numbering style, a heading glued to the line before it) and
the section whose heading names the topic gives its items, so a layout ingest did not know is
still quoted, never declined."""

from __future__ import annotations

from assistant.answer.found import report_name
from assistant.answer.lookup import Lookup
from assistant.answer.outline import heading_style, topic_items, topic_of
from assistant.answer.skills.base import Context, Shape
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.types import Intent, Query
from assistant.index.records import ItemRecord
from assistant.text.markers import ITEM_TITLE_END
from assistant.text.section_topics import ITEM_LINE

# the report's own list items (problem+measure: both lists asked); other lists are tables
ITEM_LISTS = ("problem", "measure", "problem+measure")
ITEM_NAMES = {"problem": "存在的主要问题", "measure": "下一步改进措施"}


def report_items(facts: Lookup, q: Query, store=None) -> Answer:
    """The report's own problem or measure lists, each item cited; a report without such a
    list says so (measures taken, 采取了哪些措施, are a text question: see understand/intent.py).
    `store`: the library's store, whose report text gives the items the facts lack."""
    kinds = q.list_kind.split("+")
    held = {(rid, kind): listed(facts, rid, kind, store) for rid in q.report_ids for kind in kinds}
    lines, cites = [], []
    for rid in q.report_ids:
        report = facts.report(rid)
        for kind in kinds:
            items = held[(rid, kind)]
            if not items:
                lines.append(f"{report_name(report)}的报告没有列出{ITEM_NAMES[kind]}。")
                continue
            lines.append(f"{report_name(report)}的报告列出的{ITEM_NAMES[kind]}：")
            for n, item in enumerate(items, 1):
                body = item.text  # whole: its title and what the report says of it
                lines.append(f"{n}. {ITEM_LINE.sub('', body, count=1).lstrip()} [{len(cites) + 1}]")
                cites.append(Citation(rid, report.file, item.section, item.quote,
                                      item.start, item.end))
    return Answer(question=q.text, text="\n".join(lines), abstained=not cites,
                  route="facts", citations=cites)


# helpers ------------------------------------------------------------------------------------------


def listed(read: Lookup, report_id: str, kind: str, store=None) -> list[ItemRecord]:
    """The report's problems or measures: the facts' items (without a line that is only the
    heading of the other list, "改进措施：", which a list may run on into), else the items of
    the section its heading tree names for them."""
    items = [i for i in read.items(report_id) if i.kind == kind and not _other_heading(i.text, kind)]
    return items or outlined(store, report_id, kind)


def _other_heading(text: str, kind: str) -> bool:
    found = heading_style(text.strip())
    return found is not None and topic_of(found[1]) not in ("", kind)


def outlined(store, report_id: str, kind: str) -> list[ItemRecord]:
    """The items of the report's section on the topic, read from its heading tree."""
    if store is None:
        return []
    return [ItemRecord(report_id, kind, n, _title(i.text), i.text, i.quote, i.start, i.end, i.section)
            for n, i in enumerate(topic_items(store, report_id, kind), 1)]


def _title(text: str) -> str:
    """An item's first sentence, without its marker."""
    return ITEM_TITLE_END.split(ITEM_LINE.sub("", text, count=1).strip(), maxsplit=1)[0]


class ReportItems(Shape):
    """The report's own problem and measure lists, quoted."""

    name = "report_items"

    def matches(self, query: Query) -> bool:
        return bool(query.report_ids) and query.intent == Intent.LIST and query.list_kind in ITEM_LISTS

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return report_items(ctx.facts, query, ctx.library.store if ctx.library is not None else None)
