"""Export a review: a 审核意见书 (.docx, official style when the caller passes the drafting
export's document factory) and a workbook with one row per finding (.xlsx)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.review.types import CATEGORIES, Review

CHINESE_ORDINALS = "一二三四五六七八九十"
COLUMNS = ("序号", "类别", "严重程度", "规则", "审核意见", "修改要求", "文件", "章节", "页码", "原文引用")


def title_of(review: Review) -> str:
    year = f"{review.year}年度" if review.year else ""
    return f"关于{review.department}{year}部门整体支出绩效自评报告的审核意见"


def build_docx(review: Review, new_document: Callable | None = None):
    """The 审核意见书 as a python-docx Document: title, a summary line, then one chapter per
    category with each finding, its quotes and what is expected."""
    from docx import Document

    doc = new_document() if new_document else Document()
    doc.add_paragraph(title_of(review), style="Title")
    doc.add_paragraph(_summary(review), style="Normal")
    k = 0
    for category, findings in review.by_category().items():
        if not findings:
            continue
        doc.add_paragraph(f"{CHINESE_ORDINALS[k]}、{category}", style="Heading 1")
        k += 1
        for i, f in enumerate(findings, 1):
            doc.add_paragraph(f"{i}. 【{f.severity}】{f.message}", style="Normal")
            for q in f.quotes:
                where = f"{q.file}，{q.section or '正文'}，第{q.page}页"
                doc.add_paragraph(f"原文：“{' '.join(q.quote.split())}”（{where}）", style="Normal")
            if f.expected:
                doc.add_paragraph(f"修改要求：{f.expected}", style="Normal")
    doc.core_properties.title = title_of(review)
    return doc


def _summary(review: Review) -> str:
    if not review.findings:
        return f"经审核，《{review.report}》未发现需要修改的问题。"
    counts = "，".join(f"{c}{n}条" for c, n in
                      ((c, len(fs)) for c, fs in review.by_category().items()) if n)
    must = sum(f.severity == "须修改" for f in review.findings)
    before = f"（已对照上年报告《{review.previous}》）" if review.previous else ""
    return (f"经审核，《{review.report}》{before}共有审核意见{len(review.findings)}条（{counts}），"
            f"其中须修改{must}条。具体意见如下：")


def export_docx(review: Review, path: Path | str, new_document: Callable | None = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_docx(review, new_document).save(str(path))
    return path


def rows(review: Review) -> list[list]:
    """One row per finding (its quotes joined, one per line)."""
    out = []
    ordered = sorted(review.findings, key=lambda f: CATEGORIES.index(f.category))
    for i, f in enumerate(ordered, 1):
        quotes = f.quotes
        out.append([i, f.category, f.severity, f.rule, f.message, f.expected,
                    "；".join(dict.fromkeys(q.file for q in quotes)),
                    "\n".join(q.section for q in quotes),
                    "、".join(str(q.page) for q in quotes),
                    "\n".join(" ".join(q.quote.split()) for q in quotes)])
    return out


def export_xlsx(review: Review, path: Path | str) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "审核意见"
    ws.append([title_of(review)])
    ws.append(list(COLUMNS))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in rows(review):
        ws.append(row)
    for col, width in zip("ABCDEFGHIJ", (6, 8, 8, 18, 50, 40, 20, 30, 8, 70), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(str(path))
    return path


def export_review(review: Review, path: Path | str, new_document: Callable | None = None) -> Path:
    """By the suffix of `path`: .docx or .xlsx."""
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        return export_docx(review, path, new_document)
    if suffix == ".xlsx":
        return export_xlsx(review, path)
    raise ValueError(f"审核意见只能导出为 .docx 或 .xlsx：{path}")
