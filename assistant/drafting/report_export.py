"""A ReportDraft as one .docx in the official style (or Markdown).

Layout: the cover title (方正小标宋 二号); the key-figure table with each figure's source
(仿宋 四号); then the chapters in the standard order: 一、基本情况 (黑体 三号) with its sections
（一）部门概况 … (楷体 三号), 二、综合评价分析 with its sections, 三、存在的主要问题,
四、下一步改进措施. Inside a （一）-level section the points are renumbered 1. 2. (the level
below （一）); a chapter-level section keeps （一）. After the body, on a new page, an
attachment lists every 【待补充】 placeholder with the sections that hold it and each
section's verification note (which figures were verified, which were flagged) — the body
stays ready to use, the attachment is deleted before the report is filed.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.shared import Mm

from assistant.drafting.export import (
    BODY_FONT,
    HEADING_FONT,
    LINE,
    SMALL_SIZE,
    SUBHEADING_FONT,
    TITLE_FONT,
    add_runs,
    new_document,
)
from assistant.drafting.report import TABLE_NAME
from assistant.drafting.sections import SECTION_KINDS
from assistant.drafting.text import cn, from_cn
from assistant.drafting.types import Draft, ReportDraft
from assistant.text.markers import CN_PAREN

TABLE_CAPTION = TABLE_NAME
TABLE_HEADER = ("项目", "数值", "来源")
COLUMN_WIDTHS = (Mm(46), Mm(34), Mm(76))  # of the 156 mm between the margins
PLACEHOLDER_HEADING = "附件：待补充事项"
CHECKS_HEADING = "附件：各节核验说明"
POINT = re.compile(rf"^({CN_PAREN})\s*")
SHOWN_FACTS = 10  # verified figures named per section; more are counted
SHORT = 24  # characters of a verified statement shown in a note
DIGIT = re.compile(r"\d")


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[:SHORT] + "…"


def outline(report: ReportDraft) -> list[tuple[str, str, Draft]]:
    """(chapter heading or "", section heading or "", draft) in order, numbered: a
    chapter heading is given where a new chapter starts; a chapter-level section gets
    only a chapter heading."""
    rows: list[tuple[str, str, Draft]] = []
    chapter, chapters, subs = None, 0, 0
    for draft in report.sections:
        kind = SECTION_KINDS[draft.kind]
        if kind.chapter and kind.chapter == chapter:
            subs += 1
            rows.append(("", f"（{cn(subs)}）{kind.heading}", draft))
            continue
        chapters, chapter = chapters + 1, kind.chapter or None
        if kind.chapter:
            subs = 1
            rows.append((f"{cn(chapters)}、{kind.chapter}", f"（一）{kind.heading}", draft))
        else:
            rows.append((f"{cn(chapters)}、{kind.heading}", "", draft))
    return rows


def headings(report: ReportDraft) -> list[str]:
    """Every heading of the body, in order (what a reader's outline shows)."""
    out = []
    for chapter, section, _ in outline(report):
        out += [h for h in (chapter, section) if h]
    return out


def body_lines(draft: Draft, nested: bool) -> list[str]:
    """The section's paragraphs; in a nested section （一）… points become 1. 2. …"""
    lines = [x.strip() for x in draft.text.splitlines() if x.strip()]
    if not nested:
        return lines
    out = []
    for line in lines:
        m = POINT.match(line)
        if m:
            number = from_cn(m.group(1).strip("（()）"))
            line = f"{number}.{line[m.end():]}" if number else line
        out.append(line)
    return out


def check_note(draft: Draft) -> list[str]:
    """The verification note of one section: verified figures, flagged ones, notes."""
    used = [f"{f.get('name', '')} {_short(str(f.get('text', '')))}".strip() for f in draft.facts_used
            if DIGIT.search(str(f.get("text", "")))]
    shown = "；".join(used[:SHOWN_FACTS]) + (f"等{len(used)}项" if len(used) > SHOWN_FACTS else "")
    lines = [f"已核实数字{len(used)}项" + (f"：{shown}。" if used else "。")]
    if draft.flags:
        lines.append(f"⚠ 未通过核验{len(draft.flags)}处（文中以红字标出）：" + "；".join(draft.flags) + "。")
    else:
        lines.append("文中数字均来自给定或计算得出的事实，未发现无来源数字。")
    lines += [f"说明：{n}" for n in draft.notes]
    if draft.placeholders:
        lines.append(f"待补充{len(draft.placeholders)}处。")
    return lines


# .docx ------------------------------------------------------------------------------------------
def _paragraph(doc, text: str, style: str, font: str):
    paragraph = doc.add_paragraph(style=style)
    add_runs(paragraph, text, font)
    return paragraph


def _plain(paragraph, centred: bool = False) -> None:
    """A table or caption paragraph: no indent, single spacing, 四号, not justified (a
    justified short cell spreads its characters)."""
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = 0
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    for run in paragraph.runs:
        run.font.size = SMALL_SIZE


def _cell(cell, text: str, font: str) -> None:
    paragraph = cell.paragraphs[0]
    add_runs(paragraph, text, font)
    _plain(paragraph)


def add_key_table(doc, report: ReportDraft) -> None:
    """The caption and the key-figure table (项目 / 数值 / 来源)."""
    caption = _paragraph(doc, TABLE_CAPTION, "Normal", HEADING_FONT)
    _plain(caption, centred=True)
    table = doc.add_table(rows=1, cols=len(TABLE_HEADER))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, TABLE_HEADER, strict=True):
        _cell(cell, text, HEADING_FONT)
    for fig in report.key_figures:
        cells = table.add_row().cells
        for cell, text in zip(cells, (fig["name"], fig["text"], fig["source"] or "—"), strict=True):
            _cell(cell, text, BODY_FONT)
    table.autofit = False
    for column, width in zip(table.columns, COLUMN_WIDTHS, strict=True):
        column.width = width  # the grid (LibreOffice reads it) and the cells (Word does)
    for row in table.rows:
        for cell, width in zip(row.cells, COLUMN_WIDTHS, strict=True):
            cell.width = width


def add_body(doc, report: ReportDraft) -> None:
    for chapter, section, draft in outline(report):
        if chapter:
            _paragraph(doc, chapter, "Heading 1", HEADING_FONT)
        if section:
            _paragraph(doc, section, "Heading 2", SUBHEADING_FONT)
        for line in body_lines(draft, nested=bool(section)):
            _paragraph(doc, line, "Normal", BODY_FONT)


def add_attachment(doc, report: ReportDraft) -> None:
    """On a new page: the placeholder list, then each section's verification note."""
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _paragraph(doc, PLACEHOLDER_HEADING, "Heading 1", HEADING_FONT)
    items = report.placeholders
    for i, item in enumerate(items, 1):
        _paragraph(doc, f"{i}. {item['text']}（见：{'、'.join(item['sections'])}）", "Normal", BODY_FONT)
    if not items:
        _paragraph(doc, "无。", "Normal", BODY_FONT)
    _paragraph(doc, CHECKS_HEADING, "Heading 1", HEADING_FONT)
    for i, draft in enumerate(report.sections, 1):
        _paragraph(doc, f"（{cn(i)}）{SECTION_KINDS[draft.kind].heading}", "Heading 2", SUBHEADING_FONT)
        for line in check_note(draft):
            _paragraph(doc, line, "Normal", BODY_FONT)


def build_report_docx(report: ReportDraft):
    """The whole report as a python-docx Document."""
    doc = new_document()
    title = _paragraph(doc, report.title, "Title", TITLE_FONT)
    title.paragraph_format.space_after = LINE
    add_key_table(doc, report)
    doc.add_paragraph()  # one empty line under the table
    add_body(doc, report)
    add_attachment(doc, report)
    doc.core_properties.title = report.title
    return doc


# Markdown ---------------------------------------------------------------------------------------
def report_markdown(report: ReportDraft) -> str:
    lines = [f"# {report.title}", "", f"**{TABLE_CAPTION}**", "",
             "| " + " | ".join(TABLE_HEADER) + " |", "|---|---|---|"]
    lines += [f"| {f['name']} | {f['text']} | {f['source'] or '—'} |" for f in report.key_figures]
    for chapter, section, draft in outline(report):
        lines += [""] + ([f"## {chapter}", ""] if chapter else []) + ([f"### {section}", ""] if section else [])
        for line in body_lines(draft, nested=bool(section)):
            lines += [line, ""]
    lines += ["---", "", f"## {PLACEHOLDER_HEADING}", ""]
    lines += [f"{i}. {p['text']}（见：{'、'.join(p['sections'])}）"
              for i, p in enumerate(report.placeholders, 1)] or ["无。"]
    lines += ["", f"## {CHECKS_HEADING}", ""]
    for i, draft in enumerate(report.sections, 1):
        lines += [f"### （{cn(i)}）{SECTION_KINDS[draft.kind].heading}", ""]
        lines += [f"- {x}" for x in check_note(draft)] + [""]
    return "\n".join(lines).rstrip() + "\n"


def export_report(report: ReportDraft, path: Path | str) -> Path:
    """Write the report as .docx or .md (by the suffix of `path`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".md":
        path.write_text(report_markdown(report), encoding="utf-8")
    else:
        build_report_docx(report).save(str(path))
    return path
