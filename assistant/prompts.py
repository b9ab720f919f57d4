"""Prompt templates, loaded by name.

The templates are the `prompts/*.txt` files at the top of the repository. A built package
(wheel, `pip install .`) carries them as package data in `assistant/prompt_templates/` (mapped
by setup.py) and reads them with importlib.resources; a checkout (plain, or installed with
`pip install -e .`) reads the top-level folder itself.

Templates use {name} placeholders. A placeholder without a value, or a value nobody asked for,
is an error that names it: a silently empty slot in a prompt is a bug that is hard to see.
"""

from __future__ import annotations

import string
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import JixiaoError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

PACKAGED = "prompt_templates"  # inside the assistant package, in a built package only
CHECKOUT_DIR = Path(__file__).resolve().parent.parent / "prompts"


class PromptError(JixiaoError):
    pass


@lru_cache(maxsize=1)
def prompts_dir() -> Traversable:
    """The packaged templates, or the checkout's prompts/ folder."""
    packaged = resources.files("assistant") / PACKAGED
    return packaged if packaged.is_dir() else CHECKOUT_DIR


def names() -> list[str]:
    """Every template's name."""
    return sorted(p.name[:-4] for p in prompts_dir().iterdir() if p.name.endswith(".txt"))


@lru_cache(maxsize=64)
def load_template(name: str) -> str:
    path = prompts_dir() / f"{name}.txt"
    if not path.is_file():
        raise PromptError(f"no prompt named {name!r} in {prompts_dir()} "
                          f"(known: {', '.join(names())})")
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
