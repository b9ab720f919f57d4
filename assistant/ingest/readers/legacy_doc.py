"""Legacy Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice headless.

Old binary formats have no maintained pure-Python reader; LibreOffice reads both. The
conversion runs in a private temporary folder (with its own LibreOffice profile, so it
neither needs nor disturbs a user's running LibreOffice) and the .docx it writes is read by
the ordinary .docx loader. Without LibreOffice the file is refused with a message that
names the Debian package to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from assistant.errors import LoadError

LEGACY_SUFFIXES = (".doc", ".wps")
DEBIAN_PACKAGE = "libreoffice-writer-nogui"
CONVERT_TIMEOUT = 180  # seconds


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_docx(path: Path, data: bytes) -> bytes:
    """The .docx bytes of a .doc/.wps file; `LoadError` when LibreOffice is missing or
    cannot convert it."""
    program = soffice()
    if program is None:
        raise LoadError(path, f"reading {path.suffix.lower()} files needs LibreOffice, which "
                              f"is not installed (Debian: apt-get install {DEBIAN_PACKAGE}); "
                              "or save the file as .docx")
    with tempfile.TemporaryDirectory(prefix="jixiao-doc-") as tmp:
        work = Path(tmp)
        source = work / ("in" + path.suffix.lower())
        source.write_bytes(data)
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML",
                   "--outdir", str(work / "out"), str(source)]
        try:
            run = subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT,
                                 check=False)
        except subprocess.TimeoutExpired:
            raise LoadError(path, f"LibreOffice did not convert the file within "
                                  f"{CONVERT_TIMEOUT} s") from None
        except OSError as e:
            raise LoadError(path, f"LibreOffice could not be started: {e}") from None
        out = work / "out" / "in.docx"
        if not out.exists():
            detail = (run.stderr or run.stdout).decode("utf-8", "replace").strip()[:200]
            raise LoadError(path, "LibreOffice could not convert the file (damaged or not a "
                                  f"{path.suffix.lower()} document?)" + (f": {detail}" if detail else ""))
        return out.read_bytes()
