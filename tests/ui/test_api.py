"""The named API endpoints (ask, compare, draft, ingest), driven by gradio_client against a
launched app on loopback (the only network these tests may use)."""

from __future__ import annotations

import os

import pytest

from assistant.factory import build_assistant
from assistant.settings import Settings
from tests.conftest import CORPUS, sample
from tests.ui import fakes as ui_fakes

pytestmark = [pytest.mark.allow_hosts(["127.0.0.1"]),
              pytest.mark.filterwarnings("ignore::DeprecationWarning")]  # pandas 3 vs gradio


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ["HF_HUB_OFFLINE"] = "1"
    from gradio_client import Client

    from ui.app import build_app, launch_kwargs

    base = tmp_path_factory.mktemp("ui_api")
    assistant = build_assistant(Settings(data_dir=base / "data", models_dir=base / "models",
                                         corpus_dir=CORPUS, embedding_model="fake", llm="none"))
    assistant.library.ingest([sample("000"), sample("002"), sample("003")])
    # the tab's API, not the drafter's
    app = build_app(ui_fakes.FakeDrafting(assistant), out_dir=base / "out")
    _, url, _ = app.launch(prevent_thread_lock=True, **launch_kwargs(app, "127.0.0.1", None))
    try:
        yield Client(url, verbose=False, download_files=str(base / "downloads"))
    finally:
        app.close()


def test_endpoints_are_named(client) -> None:
    names = set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
    assert {"/ask", "/compare", "/draft", "/ingest"} <= names


def test_ask_with_citations_and_follow_up(client) -> None:
    a = client.predict("番禺区政府办2022年基本支出有多少？", "s1", api_name="/ask")
    assert "3246.07万元" in a["text"] and a["route"] == "facts"
    assert "3246.07" in a["citations"][0]["quote"] and a["citations"][0]["file"] == sample("000").name
    assert a["backend_label"] == "未使用大模型（抽取式回答）"
    follow = client.predict("项目支出呢？", "s1", api_name="/ask")
    assert "898.79" in follow["text"]


def test_compare_rows_with_not_disclosed(client) -> None:
    r = client.predict("自评得分", [], [2023], "", api_name="/compare")
    assert [row["text_value"] for row in r["rows"]] == ["97.8分", "未披露"]
    assert r["csv"].startswith("\ufeff部门,年度,指标,数值,单位,原文数值") and r["metric"] == "自评得分"
    assert ",97.8,分,97.8分," in r["csv"]  # 数值 a number, its unit apart
    assert r["rows"][0]["unit"] == "分" and r["rows"][0]["page"] == 1 and r["rows"][0]["approx"] == ""
    asked = client.predict(question="比较各部门的预算执行率", api_name="/compare")
    assert len(asked["rows"]) == 3 and asked["metric"] == "执行率"


def test_draft(client) -> None:
    d = client.predict("部门整体收支情况", sample("002").name, None, "", "", api_name="/draft")
    assert d["department"] == "广州市荔湾区人民政府办公室" and "99.6%" in d["text"] and d["clean"]
    revised = client.predict(kind="部门整体收支情况", facts={"department": "某局", "year": 2024},
                             instruction="更简洁一些", previous_text=d["text"], api_name="/draft")
    assert revised["placeholders"] == ["【待补充：主要数字】"] and "更简洁一些" in revised["text"]


def test_ingest_uploads_and_reports_each_file(client, tmp_path) -> None:
    from gradio_client import handle_file

    bad = tmp_path / "坏文件.pdf"
    bad.write_bytes(b"not a pdf")
    results = client.predict([handle_file(str(sample("004"))), handle_file(str(bad))],
                             api_name="/ingest")
    by_file = {r["file"]: r for r in results}
    assert by_file[sample("004").name]["status"] == "added"
    assert by_file[sample("004").name]["department"] == "广州市白云区人民政府办公室"
    assert by_file["坏文件.pdf"]["status"] == "failed" and "坏文件.pdf" in by_file["坏文件.pdf"]["message"]
    a = client.predict("白云区政府办2023年自评得分是多少？", "", api_name="/ask")
    assert "97.23" in a["text"]
