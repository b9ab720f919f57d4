"""The gradio web app: four tabs (问答 / 对比 / 起草 / 资料库) over one Assistant, named API
endpoints (ask, compare, draft, ingest) for gradio_client, and `serve()` for the CLI."""

from __future__ import annotations

import ipaddress
import logging
import threading
from pathlib import Path

from assistant.errors import JixiaoError
from assistant.settings import Settings, offline_environment

log = logging.getLogger(__name__)

TITLE = "绩效自评报告助手"
# local fonts only: a theme's Google Fonts would be fetched from the internet
FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
         "WenQuanYi Micro Hei", "sans-serif"]
CSS = """
.gradio-container { max-width: 1400px !important; }
#chat mark, #dr-output mark, .prose mark { background: #fde68a; color: inherit; padding: 0 2px; border-radius: 2px; }
#examples { align-items: center; gap: 6px; flex-wrap: wrap; }
#examples > * { flex: 0 0 auto !important; width: auto !important; min-width: 0 !important; }
#examples button { white-space: nowrap; }
.gradio-container .virtual-row, .gradio-container .header-table { font-family: var(--font) !important; }
#backend-label p { margin: 0; font-size: 0.92em; color: var(--body-text-color-subdued); }
#cmp-plot .cmp-chart-title { font-weight: 600; margin: 4px 0 6px; }
#cmp-plot .cmp-chart-notes { margin: 6px 0 0; font-size: 0.88em; color: var(--body-text-color-subdued); }
footer { display: none !important; }
"""
LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def theme():
    import gradio as gr

    return gr.themes.Soft(primary_hue="blue", font=FONTS,
                          font_mono=["Noto Sans Mono CJK SC", "DejaVu Sans Mono", "monospace"])


def build_app(assistant, out_dir: Path | None = None):
    """The Blocks app; nothing is launched. Heavy models load on first use."""
    offline_environment()
    import gradio as gr

    from .chat_tab import ASK_LIMIT, ChatTab
    from .compare_tab import CompareTab, default_out_dir
    from .draft_tab import DraftTab
    from .library_tab import LibraryTab
    from .review_tab import ReviewTab

    out_dir = out_dir or default_out_dir()
    chat, compare = ChatTab(assistant), CompareTab(assistant, out_dir / "compare")
    draft, library = DraftTab(assistant, out_dir / "drafts"), LibraryTab(assistant)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as app:
        gr.Markdown(f"## {TITLE}　<small>部门整体支出绩效自评报告 · 问答、对比、起草（离线运行）</small>")
        with gr.Tabs():
            with gr.Tab("问答", id="ask"):
                ask = chat.build()
            with gr.Tab("对比", id="compare"):
                cmp = compare.build()
            with gr.Tab("起草", id="draft"):
                drf = draft.build(library.report_choices())
            with gr.Tab("资料库", id="library"):
                lib = library.build()
            ReviewTab(assistant, out_dir / "review").build()
        refresh_outputs = [cmp["reports"], cmp["years"], lib["reports"], lib["chosen"], drf["report"]]

        def refresh():
            return [*compare.refresh(), *library.refresh(),
                    gr.Dropdown(choices=library.report_choices())]

        for event in lib["changed"]:
            event.then(refresh, None, refresh_outputs, api_visibility="private")
        app.load(refresh, None, refresh_outputs, api_visibility="private")
        # the browser's chat, kept through a reload
        app.load(chat.restore, ask["browser"], [ask["browser"], ask["chatbot"]],
                 api_visibility="private").then(
            chat.resume, ask["browser"], ask["chatbot"], api_visibility="private",
            concurrency_id="follow", concurrency_limit=None, show_progress="hidden")
        gr.api(chat.ask_api, api_name="ask", concurrency_id="ask", concurrency_limit=ASK_LIMIT)
        gr.api(compare.compare_api, api_name="compare")
        gr.api(draft.draft_api, api_name="draft", concurrency_id="model")
    app.queue(default_concurrency_limit=1)
    app.jixiao_out_dir = out_dir  # where CSV/.docx/.md downloads are written
    return app


def launch_kwargs(app, host: str = "127.0.0.1", port: int | None = None, auth=None) -> dict:
    return dict(server_name=host, server_port=port, auth=auth, theme=theme(), css=CSS,
                show_error=False, footer_links=["api"], ssr_mode=False, quiet=True,
                allowed_paths=[str(app.jixiao_out_dir)], auth_message="请登录后使用绩效自评报告助手。")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def auth_from_env(host: str, env: dict | None = None) -> tuple[str, str] | None:
    """The login of Settings.from_env(env) (JIXIAO_AUTH); see `auth_of`."""
    return auth_of(host, Settings.from_env(env))


def auth_of(host: str, settings: Settings) -> tuple[str, str] | None:
    """settings.auth (JIXIAO_AUTH=user:password); required when the app listens beyond this
    machine."""
    raw = settings.auth.strip()
    if raw:
        user, sep, password = raw.partition(":")
        if not sep or not user or not password:
            raise JixiaoError("JIXIAO_AUTH must look like user:password (both non-empty)")
        return user, password
    if not is_loopback(host):
        raise JixiaoError(
            f"refusing to serve on {host} without a login: set JIXIAO_AUTH=user:password "
            "(or use --host 127.0.0.1 to stay on this machine)")
    return None


def warm_up(assistant) -> None:
    """Load the embedding model and the LLM in the background so the first answer is fast."""
    def run():
        try:
            assistant.warm_up()
        except Exception as e:  # the first question will show the error as a message
            log.warning("warm-up failed: %s", e)

    threading.Thread(target=run, name="jixiao-warm-up", daemon=True).start()


def serve(assistant, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Start the web app and block until interrupted (the `jixiao serve` command)."""
    auth = auth_of(host, assistant.settings)
    app = build_app(assistant)
    if not assistant.reports():
        print("资料库为空：先运行 `jixiao ingest`，或在网页的「资料库」中上传报告。")
    warm_up(assistant)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    print(f"绩效自评报告助手：http://{shown}:{port}  （Ctrl+C 退出）", flush=True)
    app.launch(**launch_kwargs(app, host, port, auth))
