"""Legacy .doc/.wps files: read through LibreOffice headless when it is installed, refused
with a message naming the file and the Debian package when it is not."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from assistant.errors import LoadError
from assistant.ingest.readers import legacy_doc
from assistant.ingest.readers.load import SUPPORTED_SUFFIXES, iter_report_files, load_report

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # what every binary .doc starts with


def test_doc_and_wps_are_supported_types(tmp_path: Path) -> None:
    assert {".doc", ".wps"} <= set(SUPPORTED_SUFFIXES)
    for name in ("旧报告.doc", "金山.WPS", "说明.rtf"):
        (tmp_path / name).write_bytes(OLE_HEADER + b"\x00" * 64)
    assert sorted(p.name for p in iter_report_files([tmp_path])) == ["旧报告.doc", "金山.WPS"]


@pytest.mark.parametrize("name", ["旧报告.doc", "金山文档.wps"])
def test_without_libreoffice_the_message_names_the_file_and_the_package(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setattr(legacy_doc, "soffice", lambda: None)
    path = tmp_path / name
    path.write_bytes(OLE_HEADER + b"\x00" * 512)
    with pytest.raises(LoadError) as e:
        load_report(path)
    message = str(e.value)
    assert message.startswith(f"{name}: ")
    assert "LibreOffice" in message and "libreoffice-writer-nogui" in message


def test_a_file_libreoffice_cannot_convert_is_refused_by_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setattr(legacy_doc, "soffice", lambda: str(fake))
    path = tmp_path / "损坏.doc"
    path.write_bytes(b"not a document")
    with pytest.raises(LoadError, match="损坏.doc: LibreOffice could not convert the file"):
        load_report(path)


@pytest.mark.skipif(legacy_doc.soffice() is None,
                    reason="LibreOffice is not installed (Debian: libreoffice-writer-nogui)")
def test_a_doc_made_by_libreoffice_reads_like_a_docx(tmp_path: Path) -> None:
    page = ("<html><head><meta charset='utf-8'></head><body>"
            "<p>某镇人民政府2024年度部门整体支出绩效自评报告</p>"
            "<p>本年度部门预算执行率为96.8%。</p><table border='1'>"
            "<tr><td>项目名称</td><td>全年预算数（万元）</td><td>全年执行数（万元）</td></tr>"
            "<tr><td>道路养护</td><td>58.00</td><td>57.10</td></tr></table></body></html>")
    source = tmp_path / "src.html"
    source.write_text(page, encoding="utf-8")
    subprocess.run([legacy_doc.soffice(), "--headless", "--infilter=HTML (StarWriter)",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    doc = load_report(tmp_path / "src.doc")
    assert doc.kind == "doc"
    assert "本年度部门预算执行率为96.8%。" in doc.text
    assert "项目名称：道路养护；全年预算数（万元）：58.00；全年执行数（万元）：57.10" in doc.text
