"""What the browser tests share: the Chromium they drive, its flags, where screenshots go, and
the marks that skip them (with a message) where Chromium is not installed, and how a test
serves the app over sample reports and opens it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
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


def sample_assistant(root: Path, samples, llm: str = "none", model=None):
    """An assistant over the named sample reports (fake embeddings) in `root`."""
    from assistant.factory import build_assistant
    from assistant.settings import Settings
    from tests.conftest import CORPUS, sample

    assistant = build_assistant(Settings(data_dir=root / "data", models_dir=root / "m", corpus_dir=CORPUS,
                                         embedding_model="fake", llm=llm), llm=model)
    assistant.library.ingest([sample(n) for n in samples])
    return assistant


@contextmanager
def served(assistant, out_dir: Path) -> Iterator[str]:
    """The web app over `assistant` on 127.0.0.1, its URL while the block runs."""
    from ui.app import build_app, launch_kwargs

    app = build_app(assistant, out_dir=out_dir)
    _, url, _ = app.launch(prevent_thread_lock=True, **launch_kwargs(app, "127.0.0.1", None))
    try:
        yield url
    finally:
        app.close()


@contextmanager
def opened(url: str, height: int = 900, downloads: bool = False,
           ready: str = "#question textarea") -> Iterator[object]:
    """A Chromium page at `url` once `ready` is visible (a playwright Page)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": height}, locale="zh-CN",
                                          accept_downloads=downloads)
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(url, wait_until="load")
            if ready:
                page.locator(ready).wait_for(state="visible")
            yield page
        finally:
            browser.close()
