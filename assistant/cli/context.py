"""The assistant of a `jixiao` command: built once per run from the settings in the click
context, shared by every command (and `jixiao draft`)."""

from __future__ import annotations

import click

from assistant.factory import Assistant, build_assistant
from assistant.settings import Settings


def assistant_of(ctx: click.Context) -> Assistant:
    root = ctx.find_root()
    root.ensure_object(dict)
    if "assistant" not in root.obj:
        root.obj["assistant"] = build_assistant(root.obj.get("settings") or Settings.from_env())
    return root.obj["assistant"]
