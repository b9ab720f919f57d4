"""Whose figures a paragraph holds, read from the document's structure (its discourse tree).

A sentence's own words name a figure's subject only sometimes ("全年预算1,265.40万元" names
none). Then the subject is what the sentence sits under:

- its list item's lead: "1.政务信息化运维项目。全年预算…" or "2.学前教育补助资金：全年预算…" —
  the item's first sentence or label names a project (a fund, an indicator group …) and the
  rest of the item is about it. A lead that names a topic of the department's ("1.收入情况。",
  "2.预算管理。") names no subject; a lead that names the department (本部门, its name) is
  the department's;
- its heading path: a heading about 重点项目 / 项目 / 二级单位 / 所属学校 / 资金来源 opens that
  scope, so a figure under it with no subject of its own is not the department's (it is
  kept unresolved) unless its sentence names the department; a numbered sub-heading under
  such a heading (or one that names a project) is the subject of its paragraphs.
"""

from __future__ import annotations

import re

from assistant.facts.model import DEPARTMENT, INDICATOR, ITEM, PROJECT, UNRESOLVED
from assistant.facts.vocabulary import (
    GENERIC_PROJECT_HEADING,
    INDICATOR_LEAD,
    ITEM_WORDS,
    LIST_SCOPE_LEAD,
    MEASURE_LEAD,
    PROJECT_LEAD,
    SCOPED_HEADING,
    SCORING_HEADING,
    TOPIC_LEAD,
    WHOLE_SCOPE_HEADING,
    self_words,
)
from assistant.text.markers import HEADING_MARK, ITEM_START

# the lead of a list item: its marker, then a short name ended by 。 ： （ (its first sentence,
# its label, or a name with its weight in brackets: 1.产出指标（权重50分）)
LEAD = re.compile(r"(?P<lead>[^，,。；;：:（(\n]{2,30})(?:[。：:（(]|$)")


def item_lead(text: str) -> str:
    """The lead of a list item ("" when the text is not one, or opens with a whole clause)."""
    marker = ITEM_START.match(text)
    if not marker:
        return ""
    m = LEAD.match(text, marker.end())
    return m.group("lead").strip() if m else ""


# a paragraph opened by a label and a colon (免疫规划项目：预算…), no list marker before it
LABEL_LEAD = re.compile(r"(?P<lead>[^，,。；;：:（(\n]{2,30})[：:]")


# a figure in a lead (a number with a unit or a sign): the lead is a sentence, not a name; a
# number that is part of a name (12315投诉举报处置项目) is not one
FIGURE_IN_LEAD = re.compile(r"\d[\d,.，]*\s*(?:%|％|万|亿|千|元|个|人|分|项|次|家|所|座|公里|户|名)|\d+[.．、](?!\d)")


def label_lead(text: str) -> str:
    """The label a paragraph opens with when it names a project or an indicator ("" else):
    "免疫规划项目：预算612.00万元…" is about that project as a list item's lead would be."""
    m = LABEL_LEAD.match(text.strip())
    if not m:
        return ""
    lead = m.group("lead").strip(" “”\"")
    if FIGURE_IN_LEAD.search(lead):
        return ""
    return lead if PROJECT_LEAD.search(lead) or INDICATOR_LEAD.search(lead) else ""


def _is_self(name: str, names: tuple[str, ...]) -> bool:
    return any(w in name for w in self_words(names) + names if w)


def lead_subject(lead: str, scoped: bool, names: tuple[str, ...], scoring: bool = False
                 ) -> tuple[str, str] | None:
    """(scope, subject) a lead names, None when it names none (a topic, or nothing clear);
    `scoring`: the lead sits under a heading about indicators or their scores."""
    lead = _unquoted(lead.strip())
    if is_list_scope(lead):
        return UNRESOLVED, ""  # 本年度实施的三个项目中：A项目…；B项目… — each clause names its own
    if not lead or FIGURE_IN_LEAD.search(lead):
        return None
    if _is_self(lead, names):
        return DEPARTMENT, ""
    if lead in ITEM_WORDS:  # “三公”经费, 会议费: a spending item, not a project
        return ITEM, lead
    if INDICATOR_LEAD.search(lead) or (scoring and MEASURE_LEAD.search(lead)):
        return INDICATOR, lead
    if TOPIC_LEAD.search(lead):
        return None
    if GENERIC_PROJECT_HEADING.match(lead):
        # 重点项目：A项目…；B经费… — a lead that names projects in general opens their scope:
        # each figure's subject is the project its own clause names, never the lead
        return UNRESOLVED, ""
    if PROJECT_LEAD.search(lead) or scoped:
        return PROJECT, lead
    return None


def is_list_scope(lead: str) -> bool:
    """Whether a lead counts or introduces the items after it (三个项目中, 以下5个项目,
    主要支出包括): a scope whose subjects the items name, not a subject of its own."""
    return bool(LIST_SCOPE_LEAD.search(lead.strip()))


def _unquoted(lead: str) -> str:
    """A lead without the quote marks around the whole of it ("“X项目”" -> X项目); a quote
    inside a name stays whole (“三公”经费 keeps both marks)."""
    lead = lead.strip(" \"")
    if lead.startswith("“") and lead.endswith("”") and "“" not in lead[1:-1]:
        return lead[1:-1]
    if lead.count("“") != lead.count("”"):  # a stray mark at one end
        return lead.strip("“”")
    return lead


def scoped_heading(path: tuple[str, ...]) -> bool:
    """Whether a heading of the path opens the scope of other subjects (重点项目, 二级单位 …)."""
    return any(SCOPED_HEADING.search(h) for h in path)


def totals_of_parts(path: tuple[str, ...]) -> bool:
    """Whether a total (合计) under the heading path sums the heading's subjects — projects,
    sub-units — rather than the department's money: a scoped heading that is not about the
    department's funding sources or income (whose total is the department's)."""
    return scoped_heading(path) and not any(WHOLE_SCOPE_HEADING.search(h) for h in path)


def paragraph_subject(text: str, path: tuple[str, ...], names: tuple[str, ...]
                      ) -> tuple[str, str] | None:
    """The subject the structure gives a paragraph: its list item's lead, else its deepest
    numbered heading under a scoped heading, else UNRESOLVED under a scoped heading; None when
    the structure gives none (the department's paragraphs, decided sentence by sentence)."""
    scoped = scoped_heading(path)
    lead = item_lead(text) or label_lead(text)
    if lead:
        scoring = any(SCORING_HEADING.search(h) for h in path)
        found = lead_subject(lead, scoped, names, scoring)
        if found is not None:
            return found
    if path and HEADING_MARK.match(path[-1]):
        heading = HEADING_MARK.sub("", path[-1]).strip()
        generic = GENERIC_PROJECT_HEADING.match(heading)  # 主要项目: a scope, not a project
        found = None if generic else lead_subject(heading, scoped_heading(path[:-1]), names)
        if found is not None and found[0] in (PROJECT, ITEM):
            return found
    return (UNRESOLVED, "") if scoped else None
