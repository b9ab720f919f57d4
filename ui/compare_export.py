"""The 对比 tab's downloads: the compared rows as a CSV and an .xlsx a spreadsheet can sort
and sum. 数值 is a number (money in 万元) with its unit in its own column; the figure as the
report states it (约数 such as "接近100%" included) and the quote, cleaned of PDF line
breaks and spaces, stand beside it with the file, section and page it came from."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from assistant.answer.types import CompareRow

from .format import tidy

EXPORT_COLUMNS = ["部门", "年度", "指标", "数值", "单位", "原文数值", "约数", "原文", "文件", "章节",
                  "页码"]


def export_frame(rows: Sequence[CompareRow], names: dict[str, str] | None = None) -> pd.DataFrame:
    """One line per row; `names` maps a report id to the file name shown to users."""
    names = names or {}
    frame = pd.DataFrame(
        [[r.department, r.year, r.metric, r.value, r.unit if r.value is not None else "",
          r.approx or r.text_value, "是" if r.approx else "",
          tidy(r.quote), names.get(r.report_id, r.file), r.section, r.page or None]
         for r in rows], columns=EXPORT_COLUMNS)
    frame["数值"] = pd.to_numeric(frame["数值"], errors="coerce").astype("float64")
    for column in ("年度", "页码"):
        frame[column] = pd.array(frame[column].where(frame[column].notna(), None), dtype="Int64")
    return frame


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """UTF-8 with a BOM, so Excel opens the Chinese text; empty cells where nothing is known."""
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def write_xlsx(frame: pd.DataFrame, path: Path, sheet: str = "对比") -> Path:
    """One sheet; 数值 stored as numbers, readable column widths, the header frozen."""
    sheet = re.sub(r"[\[\]:*?/\\]", "", sheet)[:31] or "对比"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet)
        ws = writer.sheets[sheet]
        ws.freeze_panes = "A2"
        widths = {"部门": 28, "指标": 12, "原文数值": 14, "原文": 60, "文件": 28, "章节": 30}
        for i, column in enumerate(frame.columns):
            ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width = \
                widths.get(column, 9)
    return path

