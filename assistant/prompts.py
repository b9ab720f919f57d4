"""Prompt templates live in prompts/*.txt and are loaded by name.

Templates use {name} placeholders. A placeholder without a value, or a value nobody asked for,
is an error that names it: a silently empty slot in a prompt is a bug that is hard to see.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

from assistant.errors import JixiaoError

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


class PromptError(JixiaoError):
    pass


@lru_cache(maxsize=64)
def load_template(name: str) -> str:
    path = PROMPTS_DIR / f"{name}.txt"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in PROMPTS_DIR.glob("*.txt")))
        raise PromptError(f"no prompt named {name!r} in {PROMPTS_DIR} (known: {known})")
    return path.read_text(encoding="utf-8")


def fields_of(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def render(name: str, **values: object) -> str:
    """Fill template `name`; every placeholder must be given, and nothing else."""
    template = load_template(name)
    wanted = fields_of(template)
    missing = wanted - values.keys()
    if missing:
        raise PromptError(f"prompt {name!r} needs {', '.join(sorted(missing))}")
    extra = values.keys() - wanted
    if extra:
        raise PromptError(f"prompt {name!r} has no placeholder for {', '.join(sorted(extra))}")
    return template.format(**values)
