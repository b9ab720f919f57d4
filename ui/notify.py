"""Messages shown to the user as toasts, titled in Chinese (gradio's defaults are English)."""

from __future__ import annotations

import gradio as gr


def error(message: str) -> gr.Error:
    """Raise the result: the user sees the message, the console gets no stack trace."""
    return gr.Error(message, title="出错了", print_exception=False)


def info(message: str) -> None:
    gr.Info(message, title="提示")
