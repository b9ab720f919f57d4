"""Answers that ask back or say what the library holds, instead of a figure of the wrong
department or a bare "未找到":

- a department or year that is not indexed: say so, list what is (compactly), suggest near
  names (`absent_reports`);
- a place with several indexed departments: name them and ask which (`clarification`);
- a figure asked without any department (a follow-up in a fresh chat): ask which department;
- an English question not understood: ask, in Chinese and English, for the department's
  Chinese name; a question with nothing to look up: ask what to look up.

None of these states a figure, so none needs a citation.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.skills.base import NOT_FIGURES, Context, Shape
from assistant.answer.skills.figures import figures
from assistant.answer.skills.periods import other_periods
from assistant.answer.types import Answer
from assistant.answer.understand.types import Catalog, Cue, Query
from assistant.ingest.aliases import short_name

LISTED = 8  # departments named in a listing before "等N个部门"


def library_listing(catalog: Catalog, limit: int = LISTED) -> str:
    """"番禺区政府办（2022年）、白云区政府办（2022、2023年）等N个部门": what is indexed."""
    years: dict[str, list[int]] = {}
    for r in catalog.reports:
        years.setdefault(r.department, [])
        if r.year and r.year not in years[r.department]:
            years[r.department].append(r.year)
    parts = [f"{short_name(d)}（{'、'.join(f'{y}年' for y in sorted(ys))}）" if ys else short_name(d)
             for d, ys in years.items()]
    if not parts:
        return "资料库中还没有报告"
    # the count in words: an answer that declines states no figure
    more = f"等{chinese_count(len(parts))}个部门" if len(parts) > limit else ""
    return "、".join(parts[:limit]) + more


def chinese_count(n: int) -> str:
    """A count in Chinese numerals (below 10,000): 11 -> 十一, 205 -> 二百零五."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            out += ("零" if zero and out else "") + digits[d] + unit
            zero = False
        elif out:
            zero = True
    return out[1:] if out.startswith("一十") else out


def _suggestion(names: Sequence[str]) -> str:
    return f"您是否要找：{'、'.join(dict.fromkeys(names))}？" if names else ""


def absent_reports(q: Query, listing: str = "") -> Answer:
    """The library has no report of the department or year asked: say so, suggest near names,
    and list what it has. Never another department's figure."""
    names = [*q.unknown_places, *q.missing_years]
    parts = [f"资料库中没有{'、'.join(names)}的报告，无法回答。"]
    if q.near_names:
        parts.append(_suggestion(q.near_names))
    if listing:
        parts.append(f"资料库现有：{listing}。")
    return Answer(question=q.text, text=f"报告中未找到：{''.join(parts)}", abstained=True,
                  route="facts")


def _years_held(q: Query, catalog: Catalog) -> str:
    """When only the year is missing: the years the library holds of the departments asked
    (鹤汀市档案馆2023年、2024年), the listing a reader needs; empty otherwise."""
    if q.unknown_places or not q.departments:
        return ""
    held = []
    for department in q.departments:
        years = sorted({r.year for r in catalog.reports_of(department) if r.year})
        if years:
            held.append(short_name(department) + "、".join(f"{y}年" for y in years) + "的报告")
    return "；".join(held)


def _ask(q: Query, text: str) -> Answer:
    """A question back to the user: nothing is claimed, so it is not an abstention either."""
    return Answer(question=q.text, text=text, abstained=True, route="clarify")


def _asks_figure(q: Query) -> bool:
    return bool(q.metrics or q.subjects) and q.intent not in {"list", "text"}


def clarification(q: Query, catalog: Catalog) -> Answer | None:
    """An answer that asks back or says what the library holds, or None when the question
    can go on to the facts and the reports."""
    if not q.report_ids and (q.unknown_places or q.missing_years):
        return absent_reports(q, _years_held(q, catalog) or library_listing(catalog))
    if q.ambiguous:
        # beside departments already read, a name that answers to several is asked back,
        # never dropped: the answer would leave out a department the question names
        lines = [f"{place}有以下部门的报告：{'、'.join(short_name(d) for d in ds)}。"
                 for place, ds in q.ambiguous]
        read = f"（已识别：{'、'.join(short_name(d) for d in q.departments)}）" if q.departments else ""
        return _ask(q, read + "".join(lines) + "请问您问的是哪一个？（如需比较，可说“比较这几个部门…”）")
    if q.english and not q.departments and not q.all_departments:
        return _ask(q, "请用中文写出部门名称（例如报告封面上的单位全称），我再从报告中查找。"
                       "Please give the department's name in Chinese (as on the report's cover) "
                       f"and I will look it up. 资料库现有 / indexed: {library_listing(catalog)}。")
    if not q.departments and not q.all_departments and len(q.held) == 2 and len(q.held[1]) > 1:
        # what the question names is held by a few reports: only those are asked back
        phrase, holders = q.held
        return _ask(q, f"请问您问的是以下哪个部门的“{phrase}”：{'、'.join(short_name(d) for d in holders)}？")
    if not q.departments and not q.all_departments and _asks_figure(q):
        return _ask(q, f"请问您要查哪个部门的{'、'.join(q.metrics or q.subjects)}？"
                       f"资料库现有：{library_listing(catalog, 5)}。")
    if not q.departments and not q.all_departments and _empty(q):
        return _ask(q, f"请问您想查哪个部门、哪一年的什么内容？资料库现有：{library_listing(catalog, 5)}。")
    return None


def _empty(q: Query) -> bool:
    """A question with nothing to look up ("你好", "在吗"): a figure question with no metric
    nor subject and at most four characters of its own."""
    return (q.intent == "figure" and not q.metrics and not q.subjects
            and Cue.BARE in q.cues)


class AskBack(Shape):
    """A question asked back (which department? which of a place's?) or what the library holds
    when the department or year asked is not in it: before any figure."""

    name = "ask_back"

    def matches(self, query: Query) -> bool:
        return not query.report_ids or bool(query.ambiguous)

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        if query.missing_years and not query.unknown_places and query.intent not in NOT_FIGURES:
            earlier = other_periods(ctx, query, [])  # the year's figures a later report states
            if earlier:
                return figures(ctx.facts, query, [], earlier)
        return clarification(query, ctx.catalog)
