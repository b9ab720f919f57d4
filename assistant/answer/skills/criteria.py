"""How an indicator is scored ("预算控制率的评分标准是什么"): its row of the score table, quoted.

The row of an indicator (name, weight, criteria, score) is the verbatim sentence of its 分值 and
得分 facts, so the criteria are read where the table states them rather than from whatever
passage retrieval ranks first. A row with no criteria text (only the name and numbers) gives
no answer here; the retrieval route then searches the text."""

from __future__ import annotations

import re

from assistant.answer.found import report_name
from assistant.answer.lookup import Lookup
from assistant.answer.skills.base import Context, Shape
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.facts.vocabulary import subject_key

# words of a scoring rule: a row holding none of them states no criteria
RULE_WORDS = re.compile(r"计\d|得\d|扣|满分|不得分|为标准|[=＝]|以上|以下|每(?:超|低|高|少|多)")


def criteria(read: Lookup, q: Query) -> Answer | None:
    if not q.subjects or Cue.CRITERIA not in q.cues:
        return None
    keys = {subject_key(s) for s in q.subjects}
    for rid in q.report_ids:
        report = read.report(rid)
        rows = [f for f in read.facts(rid) if f.scope == "indicator"
                and subject_key(f.subject) in keys and RULE_WORDS.search(f.quote)]
        if report is None or not rows:
            continue
        row = max(rows, key=lambda f: len(f.quote))
        quote = " ".join(row.quote.split())
        cite = Citation(rid, report.file, row.section, row.quote, row.start, row.end)
        text = (f"{report_name(report)}的指标表中，“{row.subject}”一行写明的评分标准"
                f"（原文照录）：\n{quote} [1]")
        return Answer(question=q.text, text=text, abstained=False, route="facts",
                      citations=[cite])
    return None


class Criteria(Shape):
    """How an indicator is scored, quoted from its row of the score table."""

    name = "criteria"

    def matches(self, query: Query) -> bool:
        return bool(query.report_ids) and query.intent == Intent.TEXT

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        return criteria(ctx.facts, query)
