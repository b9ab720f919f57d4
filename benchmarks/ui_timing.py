"""Web app timings with the real models, in headless Chromium (as a user meets it).

Starts the app over the ingested data dir (JIXIAO_DATA_DIR, default ./data) with the
settings' models, then measures:
- page load: navigation until the question box is visible;
- first answer: a figure question (facts route) until the figure shows;
- retrieval answer with the LLM: an open question until the first streamed text shows and
  until the sources box appears (the answer is complete).
Usage: python benchmarks/ui_timing.py [--runs 3]   (needs /usr/bin/chromium and playwright)
Appends to benchmarks/results/ui_timing.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
FIGURE_Q = ("番禺区政府办2022年基本支出有多少？", "3246.07")
OPEN_Q = "荔湾区政府办2023年的部门整体支出绩效目标是什么？"  # retrieval route: the LLM writes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from assistant.factory import build_assistant
    from assistant.settings import Settings, offline_environment
    from ui.app import build_app, launch_kwargs, warm_up

    offline_environment()
    settings = Settings.from_env()
    assistant = build_assistant(settings)
    t0 = time.perf_counter()
    app = build_app(assistant)
    build_s = time.perf_counter() - t0
    warm_up(assistant)
    _, url, _ = app.launch(prevent_thread_lock=True, **launch_kwargs(app, "127.0.0.1", None))
    rows: dict[str, list[float]] = {"page_load_s": [], "first_answer_s": [],
                                    "llm_first_text_s": [], "llm_complete_s": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for _ in range(args.runs):
                page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                page.set_default_timeout(300_000)
                t = time.perf_counter()
                page.goto(url, wait_until="load")
                page.locator("#question textarea").wait_for(state="visible")
                rows["page_load_s"].append(time.perf_counter() - t)
                page.locator("#question textarea").fill(FIGURE_Q[0])
                t = time.perf_counter()
                page.locator("#send").click()
                page.locator("#chat").get_by_text(FIGURE_Q[1]).first.wait_for()
                rows["first_answer_s"].append(time.perf_counter() - t)
                if settings.llm != "none":
                    before = page.locator("#chat .message").count()
                    page.locator("#question textarea").fill(OPEN_Q)
                    t = time.perf_counter()
                    page.locator("#send").click()
                    page.wait_for_function(
                        "n => { const m = document.querySelectorAll('#chat .message');"
                        " return m.length > n && m[m.length - 1].innerText.trim().length > 8; }",
                        arg=before + 1)
                    rows["llm_first_text_s"].append(time.perf_counter() - t)
                    page.locator("#chat").get_by_text("来源与原文").nth(1).wait_for()
                    rows["llm_complete_s"].append(time.perf_counter() - t)
                page.context.close()
            browser.close()
    finally:
        app.close()
    result = {"when": time.strftime("%Y-%m-%d %H:%M"), "llm": settings.llm, "runs": args.runs,
              "load_avg_1m": round(os.getloadavg()[0], 2), "app_build_s": round(build_s, 2)}
    for key, xs in rows.items():
        if xs:
            result[key + "_median"] = round(statistics.median(xs), 2)
            result[key + "_all"] = [round(x, 2) for x in xs]
    out = ROOT / "benchmarks" / "results" / "ui_timing.jsonl"
    with out.open("a", encoding="utf-8") as f:
        f.write(json.dumps(result, ensure_ascii=False) + "\n")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
