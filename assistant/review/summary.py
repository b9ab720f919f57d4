"""The 汇总表: every indexed department × its headline figures, numeric cells, 未披露 where a
report does not state one, and a sheet of sources (file, section, quote) for every cell."""

from __future__ import annotations

from pathlib import Path

from assistant.review.reasonableness import overall_score
from assistant.review.source import ReportView

NOT_DISCLOSED = "未披露"
# (column, metrics of the facts table, in order of preference)
SUMMARY_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("预算数（万元）", ("预算数",)),
    ("执行数（万元）", ("支出",)),
    ("执行率（%）", ("执行率",)),
    ("基本支出（万元）", ("基本支出",)),
    ("项目支出（万元）", ("项目支出",)),
    ("三公经费（万元）", ("三公经费",)),
    ("自评得分", ("自评得分",)),
    ("自评等级", ("绩效评级", "评价等级", "自评等级", "等级")),
)


def _department_fact(view: ReportView, metrics: tuple[str, ...]):
    if metrics == ("自评得分",):
        return overall_score(view)
    for metric in metrics:
        rows = [f for f in view.facts if f.metric == metric and f.scope == "department"
                and not f.subject and not f.period]
        if rows:
            return rows[0]
    return None


def summary_rows(store) -> list[dict]:
    """One row per indexed report: department, year, file and each headline figure as
    {"value": number or text or 未披露, "source": (file, section, page, quote) or None}."""
    out = []
    for record in store.reports():
        view = ReportView(store, record.id, record)
        cells = {}
        for column, metrics in SUMMARY_COLUMNS:
            f = _department_fact(view, metrics)
            if f is None:
                cells[column] = {"value": NOT_DISCLOSED, "source": None}
                continue
            value = f.text_value.strip() if f.value is None else float(f.value)
            cells[column] = {"value": value, "source": (record.file, f.section, f.page,
                                                        " ".join(f.quote.split()))}
        out.append({"department": record.department, "year": record.year, "file": record.file,
                    "cells": cells})
    return out


def export_summary(store, path: Path | str) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = summary_rows(store)
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总表"
    ws.append(["部门", "年度", "文件"] + [c for c, _ in SUMMARY_COLUMNS])
    sources = wb.create_sheet("来源")
    sources.append(["部门", "年度", "指标", "数值", "文件", "章节", "页码", "原文"])
    for row in rows:
        ws.append([row["department"], row["year"], row["file"]]
                  + [row["cells"][c]["value"] for c, _ in SUMMARY_COLUMNS])
        for column, _ in SUMMARY_COLUMNS:
            cell = row["cells"][column]
            if cell["source"]:
                sources.append([row["department"], row["year"], column, cell["value"],
                                *cell["source"]])
    for sheet in (ws, sources):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 30
    sources.column_dimensions["H"].width = 80
    wb.save(str(path))
    return path
