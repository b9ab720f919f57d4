"""The report a question points to by its title ("这份2024年度单位整体支出自评报告是哪个单位的？"):
a question asking whose report it is names no department, only the title as it reads. The
report is the one whose title the question's words cover best (characters in order, as a share
of the title's length), when one title stands out; a title that names its department is only
covered in part by words that do not."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.understand.types import Catalog
from assistant.text.doc_fields import asked_fields
from assistant.text.similarity import common_subsequence

COVERED = 0.8  # the share of the title the question's words must cover
AHEAD = 0.1  # how far the best title must stand ahead of the next


def titled_department(text: str, catalog: Catalog, years: Sequence[int] = ()) -> str:
    """The department of the report whose title the question quotes when it asks whose
    report it is; "" when it asks no such thing or no title stands out."""
    if not asked_fields(text)[1]:
        return ""
    scored = sorted(((common_subsequence(r.title, text) / len(r.title), r.department)
                     for r in catalog.reports if r.title and (not years or r.year in years)),
                    reverse=True)
    if not scored or scored[0][0] < COVERED:
        return ""
    if len(scored) > 1 and scored[1][0] > scored[0][0] - AHEAD and scored[1][1] != scored[0][1]:
        return ""
    return scored[0][1]
