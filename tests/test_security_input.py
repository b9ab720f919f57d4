"""Hostile or broken files: each is refused with a message that names it and the problem (or
ingested when it is really readable), the other files of the same ingest still go in, and
nothing already indexed is lost. Uploads with hostile names stay inside the upload folder."""

from __future__ import annotations

import io
import pathlib
import random
import time
import zipfile
from types import SimpleNamespace

import pytest

from assistant.factory import build_assistant
from assistant.settings import Settings

from .conftest import CORPUS, sample

GOOD = "某某{n}局2021年部门整体支出绩效自评报告\n一、基本情况\n全年预算数 100万元，执行数 90万元。\n"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# file makers ---------------------------------------------------------------------------------
def random_pdf() -> bytes:
    return random.Random(6).randbytes(20_000)


def gbk_text() -> bytes:
    return sample("002").read_text(encoding="utf-8").encode("gbk", errors="strict")


def image_only_pdf() -> bytes:
    """A one-page PDF that paints a 2x2 grey image and has no text at all."""
    content = b"q 200 0 0 200 0 0 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] "
        b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\x80\x80\xff\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def docx_with_body(body: str) -> bytes:
    """A minimal .docx (written by hand) whose document body is `body`."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/document.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
    return buf.getvalue()


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def nested_tables(depth: int) -> str:
    inner = para("最内层：预算数 10万元。")
    for level in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{para(f'第{level}层')}{inner}</w:tc></w:tr></w:tbl>"
    return inner


def huge_docx() -> bytes:
    """20,000 paragraphs after a title, and tables nested 50 deep."""
    body = para("某某区审计局2022年部门整体支出绩效自评报告") + para("一、基本情况")
    body += "".join(para(f"第{i}段：本年度开展绩效自评工作，预算数 {i}万元。") for i in range(20_000))
    return docx_with_body(body + nested_tables(50) + para("二、存在的问题"))


def too_deep_docx() -> bytes:
    return docx_with_body(para("某某区审计局2022年部门整体支出绩效自评报告") + nested_tables(400))


def docx_bomb() -> bytes:
    """A valid .docx of ~100 KB whose document.xml expands to 110 MB (of blank space)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_with_body(para("标题")))) as src, \
            zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item)
            if item.filename != "word/document.xml":
                z.writestr(item, data)
                continue
            head, tail = data.split(b"<w:body>")
            with z.open("word/document.xml", "w") as f:
                f.write(head + b"<w:body>")
                for _ in range(110):
                    f.write(b" " * (1 << 20))
                f.write(tail)
    return buf.getvalue()


def lying_bomb() -> bytes:
    """The same bomb, but its directory claims document.xml is 2 KB: the size check passes,
    and the reader must still not expand 110 MB (zipfile stops at the declared size and the
    checksum fails)."""
    data = bytearray(docx_bomb())
    name = b"word/document.xml"
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:  # central directory records
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if bytes(data[at + 46:at + 46 + length]) == name:
            data[at + 24:at + 28] = (2048).to_bytes(4, "little")
        at += 4
    return bytes(data)


# (file name, maker, expected status, words the message must contain)
CASES = [
    ("随机字节.pdf", random_pdf, "failed", ["随机字节.pdf", "not a readable PDF"]),
    ("空文件.txt", lambda: b"", "failed", ["空文件.txt", "empty file"]),
    ("空文件.pdf", lambda: b"", "failed", ["空文件.pdf", "empty file"]),
    ("gbk报告.md", gbk_text, "added", []),
    ("gbk报告.pdf", gbk_text, "failed", ["gbk报告.pdf", "not a readable PDF"]),
    ("扫描件.pdf", image_only_pdf, "failed", ["扫描件.pdf", "no text layer", "OCR"]),
    ("巨大.docx", huge_docx, "added", []),
    ("嵌套过深.docx", too_deep_docx, "failed", ["嵌套过深.docx", "not a readable .docx"]),
    ("压缩炸弹.docx", docx_bomb, "failed", ["压缩炸弹.docx", "expands to 110 MB"]),
    ("谎报大小.docx", lying_bomb, "failed", ["谎报大小.docx", "not a readable .docx"]),
    ("伪装.docx", lambda: b"PK\x03\x04" + random.Random(1).randbytes(5000), "failed",
     ["伪装.docx", "not a readable .docx"]),
]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    settings = Settings(data_dir=base / "data", models_dir=base / "m", corpus_dir=CORPUS,
                        embedding_model="fake", llm="none", max_file_mb=5)
    lib = build_assistant(settings).library
    lib.ingest([sample("000"), sample("003")])
    return lib


def counts(lib) -> dict:
    reports = lib.store.reports()
    return {"reports": len(reports), "chunks": len(lib.store.chunk_ids()),
            "facts": len(lib.store.facts()), "vectors": lib.vectors.count(),
            "kept": sorted((r.id, r.sha256, r.n_chunks, r.n_facts) for r in reports)}


@pytest.mark.parametrize("name, make, status, words", CASES, ids=[c[0] for c in CASES])
def test_a_bad_file_is_reported_and_the_rest_still_ingest(library, tmp_path, name, make,
                                                         status, words) -> None:
    bad = tmp_path / name
    bad.write_bytes(make())
    n = CASES.index(next(c for c in CASES if c[0] == name))
    good = tmp_path / f"good{n}.txt"
    good.write_text(GOOD.format(n=n), encoding="utf-8")
    before = counts(library)

    t0 = time.perf_counter()
    results = {r.file: r for r in library.ingest([bad, good])}
    seconds = time.perf_counter() - t0
    # a hang guard, not a speed target (ingest speed is measured in benchmarks/): a hostile
    # file must not stall ingest, whatever the load on the machine
    assert seconds < 120, f"{name} took {seconds:.1f}s"
    assert results[good.name].status == "added" and results[good.name].facts == 2
    got = results[name]
    assert got.status == status, got.message
    for word in words:
        assert word in got.message
    after = counts(library)
    assert set(before["kept"]) <= set(after["kept"])  # nothing already indexed lost
    added = 1 + (status == "added")
    assert after["reports"] == before["reports"] + added
    assert after["chunks"] == after["vectors"]
    assert library.audit()["ok"]
    if name == "gbk报告.md":
        assert library.store.report(name).department == "广州市荔湾区人民政府办公室"
    for r in (good.name, name if status == "added" else None):  # leave the index as it was
        if r:
            library.remove(r)
    assert counts(library) == before


def test_an_oversized_file_is_refused_without_being_read(library, tmp_path, monkeypatch) -> None:
    small = Settings(data_dir=library.settings.data_dir, models_dir=tmp_path / "m",
                     embedding_model="fake", llm="none", max_file_mb=0.01)
    lib = build_assistant(small).library
    big = tmp_path / "超大报告.txt"
    big.write_text(GOOD.format(n="大") * 2000, encoding="utf-8")  # ~150 KB, limit 10 KB
    good = tmp_path / "good-small.txt"
    good.write_text(GOOD.format(n="小"), encoding="utf-8")
    read: list[str] = []
    real = pathlib.Path.read_bytes
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    before = counts(lib)
    results = {r.file: r for r in lib.ingest([big, good])}
    assert results["超大报告.txt"].status == "failed"
    assert "超大报告.txt" in results["超大报告.txt"].message
    assert "file is 0.24 MB, over the limit of 0.01 MB" in results["超大报告.txt"].message
    assert "超大报告.txt" not in read and "good-small.txt" in read
    assert results["good-small.txt"].status == "added"
    assert counts(lib)["reports"] == before["reports"] + 1
    lib.remove("good-small.txt")
    lib.store.close()


# uploads through the 资料库 tab --------------------------------------------------------------
HOSTILE_NAMES = [
    "../../etc/passwd.txt",
    "/etc/cron.d/evil.txt",
    "..\\..\\windows\\win.ini.txt",
    "re\x00port.txt",
    "a/b/../../../outside.md",
    "....txt",
    "..",
    "名字" * 200 + ".txt",
]


def test_upload_names_cannot_escape_the_upload_folder(settings, tmp_path) -> None:
    from ui.library_tab import LibraryTab, safe_upload_name

    assistant = build_assistant(settings)
    assistant.library.ingest([sample("000")])
    tab = LibraryTab(assistant)
    before = counts(assistant.library)
    uploads = []
    for i, hostile in enumerate(HOSTILE_NAMES):
        real = tmp_path / f"tmp{i}.txt"
        real.write_text(GOOD.format(n=i), encoding="utf-8")
        uploads.append(SimpleNamespace(path=str(real), orig_name=hostile))
    uploads.append(str(sample("002")))  # an ordinary upload in the same batch
    missing = SimpleNamespace(path=str(tmp_path / "gone\x00.txt"), orig_name="gone.txt")

    results = tab.ingest_files([*uploads, missing])

    root = tab.upload_dir.resolve()
    saved = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p.parent == root)
    assert all(p.resolve().parent == root for p in tab.upload_dir.iterdir())
    assert not (tmp_path / "outside.md").exists() and not (root.parent / "passwd.txt").exists()
    by_file = {r["file"]: r for r in results}
    assert by_file[sample("002").name]["status"] == "added"
    assert by_file["passwd.txt"]["status"] == "added"
    assert "已保存为 passwd.txt" in by_file["passwd.txt"]["message"]
    assert by_file["evil.txt"]["status"] == "added"
    assert by_file["report.txt"]["status"] == "added"  # the NUL is dropped
    assert by_file["outside.md"]["status"] == "added"
    assert by_file["upload"]["status"] == "failed"  # ".." has no name left: unsupported type
    assert "不支持的文件类型" in by_file["upload"]["message"]
    long = next(r for r in results if r["file"].startswith("名字"))
    assert long["status"] == "added" and len(long["file"].encode()) <= 180 and long["file"].endswith(".txt")
    assert by_file["gone.txt"]["status"] == "failed" and "gone.txt" in by_file["gone.txt"]["message"]
    assert len(saved) == sum(r["status"] == "added" for r in results)
    after = counts(assistant.library)
    assert set(before["kept"]) <= set(after["kept"])
    assert assistant.library.audit()["ok"]

    for hostile in HOSTILE_NAMES:
        name = safe_upload_name(hostile)
        assert "/" not in name and "\\" not in name and "\x00" not in name
        assert not name.startswith(".") and (root / name).resolve().parent == root
