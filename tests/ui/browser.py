"""What the browser tests share: the Chromium they drive, its flags, where screenshots go, and
the marks that skip them (with a message) where Chromium is not installed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("JIXIAO_TEST_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).parents[1] / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

MARKS = [
    pytest.mark.browser,
    pytest.mark.allow_hosts(["127.0.0.1"]),
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"browser test skipped: {CHROMIUM} not found (apt-get install "
                              "chromium fonts-noto-cjk; .ci/run does this)"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]
