"""A .docx with tracked changes left in reads as its accepted text: an insertion's runs are
read (python-docx's paragraph text leaves them out), a deletion's are not."""
from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml

from assistant.ingest.readers.load import load_report

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _tracked(paragraph, before: str, old: str, new: str, after: str) -> None:
    paragraph.add_run(before)
    paragraph._p.append(parse_xml(
        f'<w:del {W} w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z">'
        f'<w:r><w:delText>{old}</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:ins {W} w:id="2" w:author="a" w:date="2025-01-01T00:00:00Z">'
        f'<w:r><w:t>{new}</w:t></w:r></w:ins>'))
    paragraph.add_run(after)


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、预算执行情况")
    _tracked(document.add_paragraph(), "调整后全年预算为", "486.75", "468.75", "万元。")
    cell = document.add_table(rows=1, cols=2).rows[0].cells
    cell[0].text = "全年支出"
    _tracked(cell[1].paragraphs[0], "", "441.82", "441.28", "")
    path = tmp_path / "r.docx"
    document.save(str(path))
    text = load_report(path).text
    assert "调整后全年预算为468.75万元。" in text
    assert "441.28" in text
    assert "486.75" not in text and "441.82" not in text
