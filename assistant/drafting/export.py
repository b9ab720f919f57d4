"""Export a Draft as .docx (Chinese official-document styles) or Markdown.

.docx, following the usual 党政机关公文格式 (GB/T 9704): A4 with 37/35/28/26 mm margins;
title in 方正小标宋简体 二号 (22 pt), centred; the 一、 heading in 黑体 三号 (16 pt); body in
仿宋_GB2312 三号, first-line indent of two characters; every line exactly 28 pt apart.
East Asian fonts are set through w:eastAsia of w:rFonts (python-docx's font.name sets
only the Western ones). Placeholders are highlighted, unverified numbers in red.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from assistant.drafting.check import PLACEHOLDER
from assistant.drafting.sections import SECTION_KINDS
from assistant.drafting.types import Draft
from assistant.text.numbers import FIGURE_BEFORE

TITLE_FONT, HEADING_FONT, BODY_FONT, WESTERN_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312", "Times New Roman"
SUBHEADING_FONT = "楷体_GB2312"  # the （一） level
TITLE_SIZE, TEXT_SIZE, SMALL_SIZE, LINE = Pt(22), Pt(16), Pt(14), Pt(28)  # 二号, 三号, 四号, line spacing
# the fonts Word uses where the GB fonts are not installed (w:altName in the font table)
FALLBACKS = {TITLE_FONT: "宋体", HEADING_FONT: "SimHei", BODY_FONT: "仿宋", SUBHEADING_FONT: "楷体"}
UNVERIFIED = "（⚠未核实）"
MARKS = re.compile(f"({PLACEHOLDER.pattern}|{FIGURE_BEFORE}{re.escape(UNVERIFIED)})")


def title_of(draft: Draft) -> str:
    year = f"{draft.year}年度" if draft.year else ""
    return f"{draft.department}{year}部门整体支出绩效自评报告（{heading_of(draft)}）"


def heading_of(draft: Draft) -> str:
    kind = SECTION_KINDS.get(draft.kind)
    return kind.heading if kind else draft.kind


def set_fonts(element_with_rpr, east_asian: str, western: str = WESTERN_FONT) -> None:
    """Fonts of a style or a run: East Asian and Western names, theme fonts removed (a
    theme font would win over the name)."""
    rpr = element_with_rpr.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), east_asian)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), western)


def set_style(doc, name: str, east_asian: str, size, indent: bool, centred: bool = False):
    style = doc.styles[name]
    style.font.size, style.font.bold, style.font.italic = size, False, False
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element, east_asian)
    fmt = style.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = size * 2 if indent else Pt(0)
    if indent:  # Word counts the indent in characters, too
        ind = style.element.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), "200")
    return style


def add_runs(paragraph, text: str, east_asian: str) -> None:
    for part in MARKS.split(text):
        if not part:
            continue
        run = paragraph.add_run(part)
        set_fonts(run._r, east_asian)
        if PLACEHOLDER.fullmatch(part):
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        elif part.endswith(UNVERIFIED):
            run.font.color.rgb = RGBColor(0xC0, 0, 0)


def new_document():
    """An empty A4 Document with the official page margins and the Normal, Title and
    Heading 1 styles (仿宋 三号 body, 小标宋 二号 title, 黑体 三号 heading)."""
    doc = Document()
    for section in doc.sections:
        section.page_height, section.page_width = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    set_style(doc, "Normal", BODY_FONT, TEXT_SIZE, indent=True)
    title = set_style(doc, "Title", TITLE_FONT, TITLE_SIZE, indent=False, centred=True)
    border = title.element.get_or_add_pPr().find(qn("w:pBdr"))
    if border is not None:  # the template's Title has a rule under it; an official title has none
        border.getparent().remove(border)
    set_style(doc, "Heading 1", HEADING_FONT, TEXT_SIZE, indent=True)
    set_style(doc, "Heading 2", SUBHEADING_FONT, TEXT_SIZE, indent=True)
    add_font_fallbacks(doc)
    return doc


def add_font_fallbacks(doc) -> None:
    """Name a common substitute (w:altName) for each GB font in the document's font table,
    so a machine without 方正小标宋简体 or 仿宋_GB2312 shows 宋体 or 仿宋, not a Western font."""
    from lxml import etree

    part = next((p for p in doc.part.package.iter_parts()
                 if str(p.partname).endswith("/fontTable.xml")), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt in FALLBACKS.items():
        if name in known:
            continue
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        etree.SubElement(font, qn("w:altName"), {qn("w:val"): alt})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})  # GB2312
        etree.SubElement(font, qn("w:family"), {qn("w:val"): "auto"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_docx(draft: Draft):
    """The draft as a python-docx Document."""
    doc = new_document()
    title = doc.add_paragraph(style="Title")
    add_runs(title, title_of(draft), TITLE_FONT)
    title.paragraph_format.space_after = LINE  # one empty line under the title
    heading = doc.add_paragraph(style="Heading 1")
    add_runs(heading, f"一、{heading_of(draft)}", HEADING_FONT)
    for line in draft.text.splitlines():
        if line.strip():
            add_runs(doc.add_paragraph(style="Normal"), line.strip(), BODY_FONT)
    doc.core_properties.title = title_of(draft)
    return doc


def export_docx(draft: Draft, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_docx(draft).save(str(path))
    return path


def markdown(draft: Draft) -> str:
    """Title, 一、 heading, paragraphs; then what the draft was checked against."""
    lines = [f"# {title_of(draft)}", "", f"## 一、{heading_of(draft)}", ""]
    for line in draft.text.splitlines():
        if line.strip():
            lines += [line.strip(), ""]
    lines += ["---", "", "**核验**：" + ("文中数字均来自给定或计算得出的事实。" if draft.clean
                                        else f"{len(draft.flags)} 处问题，使用前请修改。"), ""]
    lines += [f"- ⚠ {f}" for f in draft.flags]
    if draft.placeholders:
        lines += ["", "**待补充**：" + "；".join(draft.placeholders)]
    if draft.facts_used:
        lines += ["", "**使用的事实**：", ""]
        lines += [f"- {f['name']}：{f.get('text', '')}" + (f"（{f['source']}）" if f.get("source") else "")
                  for f in draft.facts_used]
    if draft.notes:
        lines += ["", "**说明**：", ""] + [f"- {n}" for n in draft.notes]
    if draft.exemplars:
        lines += ["", "**参考范文（仅作文风参考）**：", ""]
        lines += [f"- {e['file']} · {e['section']}" for e in draft.exemplars]
    return "\n".join(lines).rstrip() + "\n"


def export_md(draft: Draft, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown(draft), encoding="utf-8")
    return path
