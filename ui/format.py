"""Pure formatting helpers for the web app: answers, sources, tables and error messages.

Nothing here imports gradio, so the helpers are unit-tested without a server."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable, Mapping, Sequence

from assistant.answer.types import NOT_DISCLOSED
from assistant.errors import JixiaoError
from assistant.index.records import short_name
from assistant.text.numbers import (
    CITE_REF,
    DISPLAY_UNIT,
    LOOSE_NUMBER,
    NUMBER_PREFIX,
    YEAR_DIGITS,
    stated_figure,
)

log = logging.getLogger(__name__)

# a figure in an answer: digits with optional thousands separators and decimals
_NUMBER = LOOSE_NUMBER
_CITE_MARK = CITE_REF
_UNIT = DISPLAY_UNIT
# spaces between two Chinese characters or marks: PDF extraction puts them, the text has none
_CJK = "\u3001-\u303f\u3400-\u9fff\uff01-\uff0f\uff1a-\uff20"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[{_CJK}])")


def tidy(text: str) -> str:
    """A quote for display: PDF line breaks and the spaces a PDF puts between Chinese
    characters ("万 元") removed (Chinese text needs no space there)."""
    text = re.sub(r"\s*\n\s*", "", text or "")
    text = _CJK_GAP.sub("", text)
    return re.sub(r"[ \t\u3000]{2,}", " ", text).strip()


def figures_in(text: str) -> list[str]:
    """The figures an answer states, without citation marks and years (2023年)."""
    text = _CITE_MARK.sub(" ", text or "")
    found = []
    for m in _NUMBER.finditer(text):
        raw = m.group().rstrip(",，")
        digits = re.sub(r"[,，]", "", raw)
        after = text[m.end():m.end() + 1]
        if YEAR_DIGITS.fullmatch(digits) and after in "年度":
            continue
        if digits not in found:
            found.append(digits)
    return sorted(found, key=len, reverse=True)


def highlight(quote: str, figures: Iterable[str]) -> str:
    """HTML of a verbatim quote with each stated figure (and its unit) wrapped in <mark>."""
    shown = html.escape(tidy(quote))
    for digits in figures:
        if not digits:
            continue
        pattern = stated_figure(digits)
        shown = _mark_outside_tags(shown, pattern)
    return shown


def _mark_outside_tags(text: str, pattern: re.Pattern) -> str:
    parts = re.split(r"(<mark>.*?</mark>)", text)
    return "".join(p if p.startswith("<mark>") else pattern.sub(lambda m: f"<mark>{m.group()}</mark>", p)
                   for p in parts)


def _cell(value: object) -> str:
    text = tidy(str(value)) if value not in (None, "") else ""
    return text.replace("|", "\\|")


def table_columns(rows: Sequence[Mapping], columns: Sequence[str] | None = None) -> list[str]:
    """The columns a table shows: the rows' own, in the order they first appear (a
    comparison's 部门 … 数值, a list's 名称 and its figures, a ranking's 项目), or the ones
    given; a column that no row fills is left out."""
    if columns is None:
        columns = list(dict.fromkeys(k for row in rows for k in row))
    return [c for c in columns if any(row.get(c) not in (None, "") for row in rows)]


def markdown_table(rows: Sequence[Mapping], columns: Sequence[str] | None = None) -> str:
    """A Markdown table; a row without 数值 shows 未披露 (a column no row fills is left out)."""
    if not rows:
        return ""
    columns = table_columns(rows, columns)
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        values = [row.get(c, "") for c in columns]
        if "数值" in columns and not row.get("数值"):
            values[list(columns).index("数值")] = NOT_DISCLOSED
        lines.append("| " + " | ".join(_cell(v) for v in values) + " |")
    return "\n".join(lines)


def report_label(reports, report_id: str) -> str:
    """'广州市荔湾区人民政府办公室 2023年' for a report id (the id when it is unknown);
    `reports` is anything with `report(id)`, e.g. the Assistant."""
    r = reports.report(report_id) if reports is not None else None
    if r is None:
        return report_id
    return f"{r.department} {r.year}年" if r.year else r.department


def sources_markdown(answer, reports=None) -> str:
    """Each citation: its department, file and section, then the verbatim quote with the
    answer's figures highlighted; then any figures computed in code."""
    figures = figures_in(answer.text)
    for d in answer.derived or []:
        figures += [f for f in figures_in(str(d.get("text", ""))) if f not in figures]
    blocks = []
    for i, c in enumerate(answer.citations, 1):
        where = " · ".join(x for x in (report_label(reports, c.report_id), c.file, c.section) if x)
        blocks.append(f"**[{i}]** {html.escape(where)}\n\n> {highlight(c.quote, figures)}")
    for d in answer.derived or []:
        calc = d.get("calc") or d.get("text") or ""
        blocks.append(f"计算（由程序根据原文数字得出）：{html.escape(tidy(str(calc)))}")
    return "\n\n".join(blocks)


def route_note(answer, backend_label: str) -> str:
    if answer.route == "facts":
        return "回答方式：事实表直接回答（数字取自报告原文，未经大模型改写）"
    if answer.backend in ("none", "baseline") or not answer.backend:
        return "回答方式：检索原文摘录（未使用大模型）"
    return f"回答方式：检索 + {backend_label}"


_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|[-*+])\s")


def list_ends(text: str) -> str:
    """A blank line after a Markdown list before the line that follows it ("改进措施：" after
    the problems): without it Markdown reads that line as part of the list's last item."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and line.strip() and not _LIST_ITEM.match(line) and _LIST_ITEM.match(out[-1]):
            out.append("")
        out.append(line)
    return "\n".join(out)


def answer_messages(answer, backend_label: str, reports=None) -> list[dict]:
    """The chat messages for a final answer: the text (with an inline table for a
    comparison, flags and how it was answered) and a collapsed box with its sources."""
    parts = [list_ends(answer.text.strip())]
    if answer.table:
        parts.append(markdown_table(answer.table))
    for flag in answer.flags or []:
        parts.append(f"⚠ {flag}")
    parts.append(f"<small>{html.escape(route_note(answer, backend_label))}"
                 f" · 用时 {answer.seconds:.2f} 秒</small>")
    messages = [{"role": "assistant", "content": "\n\n".join(p for p in parts if p)}]
    if answer.citations or answer.derived:
        n = len(answer.citations)
        messages.append({"role": "assistant", "content": sources_markdown(answer, reports),
                         "metadata": {"title": f"来源与原文（{n} 条）", "status": "done"}})
    return messages


def friendly_error(exc: BaseException) -> str:
    """A message for the user, never a stack trace (the trace goes to the log)."""
    if isinstance(exc, JixiaoError):
        return str(exc)
    log.exception("web app error", exc_info=exc)
    detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"操作失败：{type(exc).__name__}{('：' + detail) if detail else ''}"


def unit_of(text_value: str) -> str:
    """'3246.07万元' -> '万元'; '99.6%' -> '%'."""
    return NUMBER_PREFIX.sub("", text_value or "").strip()


def short_label(department: str, year: int | None) -> str:
    name = short_name(department)
    return f"{name} {year}" if year else name
