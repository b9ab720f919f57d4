"""Drafting report sections from a department's facts: templates (no LLM) or the LLM
chain with exemplars, verification of every number, revisions, .docx/.md export.

Names load on first use, so `jixiao --help` does not import python-docx."""

from __future__ import annotations

import importlib

_EXPORTS = {
    "SECTION_KINDS": "sections", "resolve_kind": "sections", "Drafter": "chain",
    "DraftChain": "chain",
    "export_docx": "export", "export_md": "export", "facts_from_store": "from_store",
    "load_facts_file": "facts_file", "FactsFileError": "facts_file", "Draft": "types", "DraftFacts": "types",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
