"""The report's own lists of problems and of improvement measures ("存在哪些问题",
"下一步怎么改进"; both when both are asked), each item quoted and cited; a report without such
a list says so. (Measures taken, 采取了哪些措施, are a text question: the evidence stage.)"""

from __future__ import annotations

from assistant.answer.found import report_name
from assistant.answer.lookup import Lookup
from assistant.answer.skills.base import Context, Shape
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.types import Intent, Query
from assistant.text.markers import LEADING_MARK

# the report's own list items (problem+measure: both lists asked); other lists are tables
ITEM_LISTS = ("problem", "measure", "problem+measure")
ITEM_NAMES = {"problem": "存在的主要问题", "measure": "下一步改进措施"}


def report_items(facts: Lookup, q: Query) -> Answer:
    """The report's own problem or measure lists, each item cited; a report without such a
    list says so (measures taken, 采取了哪些措施, are a text question: see understand/intent.py)."""
    kinds = q.list_kind.split("+")
    held = {(rid, kind): [i for i in facts.items(rid) if i.kind == kind]
            for rid in q.report_ids for kind in kinds}
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
                lines.append(f"{n}. {LEADING_MARK.sub('', body)} [{len(cites) + 1}]")
                cites.append(Citation(rid, report.file, item.section, item.quote,
                                      item.start, item.end))
    return Answer(question=q.text, text="\n".join(lines), abstained=not cites,
                  route="facts", citations=cites)


# helpers ------------------------------------------------------------------------------------------


class ReportItems(Shape):
    """The report's own problem and measure lists, quoted."""

    name = "report_items"

    def matches(self, query: Query) -> bool:
        return bool(query.report_ids) and query.intent == Intent.LIST and query.list_kind in ITEM_LISTS

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return report_items(ctx.facts, query)
