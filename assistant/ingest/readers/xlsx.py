"""Read an Excel workbook (.xlsx with openpyxl, legacy .xls with xlrd) into report text.

Every sheet that has text becomes a ``工作表：名称`` line followed by its rows as
`sheet_lines.grid_lines` writes them (form fields, row lines of its tables, other rows as
text). Formulas give the values Excel cached when the file was last saved; numbers are written
as the sheet shows them (`numfmt`). Failures raise `LoadError` naming the file and the problem.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from assistant.errors import LoadError
from assistant.ingest.readers.numfmt import format_date, format_number
from assistant.ingest.readers.packages import MB, check_package, short_error
from assistant.ingest.tables.sheet_lines import build_grid, grid_lines
from assistant.text.markers import SHEET_LINE_LEAD

XLSX_MAX_XML = 200 * MB  # what the package's XML may expand to; more means a zip bomb
READ_ONLY_OVER = 8 * MB  # a bigger .xlsx is streamed (openpyxl read-only: merges unknown)
MAX_CELLS = 2_000_000  # cells read from one workbook
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def sheet_line(name: str) -> str:
    """The line that opens a sheet's text."""
    return f"{SHEET_LINE_LEAD}{name.strip()}"


def workbook_text(path: Path, data: bytes) -> str:
    """The text of every sheet of a .xlsx or .xls file, in workbook order."""
    if path.suffix.lower() == ".xls":
        sheets = _xls_sheets(path, data)
    else:
        sheets = _xlsx_sheets(path, data)
    parts = []
    for name, values, merges in sheets:
        lines = grid_lines(build_grid(values, merges))
        if lines:
            parts.append("\n".join([sheet_line(name), *lines]))
    if not parts:
        raise LoadError(path, "the workbook has no text: every sheet is empty")
    return "\n\n".join(parts)


Sheet = tuple[str, list[list[str]], list[tuple[int, int, int, int]]]


# .xlsx -----------------------------------------------------------------------------------------
def _xlsx_sheets(path: Path, data: bytes) -> list[Sheet]:
    import openpyxl

    if data.startswith(OLE_MAGIC):
        raise LoadError(path, "not a readable .xlsx: it is password-protected (encrypted) or an "
                              "old .xls renamed; remove the password or save it as .xlsx")
    _check_package(path, data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True,
                                      read_only=len(data) > READ_ONLY_OVER)
    except Exception as e:  # zip, XML and workbook errors alike mean a broken file
        raise LoadError(path, f"not a readable .xlsx: {short_error(e)}") from None
    try:
        budget = [MAX_CELLS]
        return [_xlsx_sheet(path, ws, budget) for ws in book.worksheets]
    except LoadError:
        raise
    except Exception as e:
        raise LoadError(path, f"not a readable .xlsx: {short_error(e)}") from None
    finally:
        book.close()


def _check_package(path: Path, data: bytes) -> None:
    check_package(path, data, ".xlsx", XLSX_MAX_XML)


def _xlsx_sheet(path: Path, ws: Any, budget: list[int]) -> Sheet:
    values: list[list[str]] = []
    for row in ws.iter_rows():
        budget[0] -= len(row)
        if budget[0] < 0:
            raise LoadError(path, f"the workbook has over {MAX_CELLS:,} cells: too large to "
                                  "read as a report")
        values.append([_xlsx_value(c) for c in row])
    while values and not any(values[-1]):
        values.pop()
    merges = []
    for rng in getattr(ws, "merged_cells", None) and ws.merged_cells.ranges or ():
        merges.append((rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1))
    return ws.title, values, merges


def _xlsx_value(cell: Any) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return format_date(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return format_number(value, getattr(cell, "number_format", None))
    return str(value)


# .xls ------------------------------------------------------------------------------------------
def _xls_sheets(path: Path, data: bytes) -> list[Sheet]:
    import xlrd

    if not data.startswith(OLE_MAGIC):
        hint = " (it is a .xlsx file: rename it to .xlsx)" if data.startswith(b"PK") else ""
        raise LoadError(path, f"not a readable .xls{hint}")
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as e:
        problem = "it is password-protected (encrypted)" if "encrypt" in str(e).lower() \
            else short_error(e)
        raise LoadError(path, f"not a readable .xls: {problem}") from None
    try:
        sheets = []
        for k in range(book.nsheets):
            sheets.append(_xls_sheet(book, book.sheet_by_index(k)))
            book.unload_sheet(k)
        return sheets
    except Exception as e:
        raise LoadError(path, f"not a readable .xls: {short_error(e)}") from None
    finally:
        book.release_resources()


def _xls_sheet(book: Any, sh: Any) -> Sheet:
    values = [[_xls_value(book, sh.cell(r, c)) for c in range(sh.ncols)] for r in range(sh.nrows)]
    merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sh.merged_cells]
    return sh.name, values, merges


def _xls_value(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_DATE:
        return format_date(xlrd.xldate_as_datetime(cell.value, book.datemode))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "是" if cell.value else "否"
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key) if book.xf_list else None
        return format_number(cell.value, fmt.format_str if fmt else None)
    return str(cell.value)
