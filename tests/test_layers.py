"""The front door is the only door: ui/ and the CLI import nothing from assistant but the
factory, settings, errors and the record/type modules they display; nothing in assistant/
imports ui except the CLI's `serve`."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {"assistant.factory", "assistant.settings", "assistant.errors", "assistant.answer.types",
           "assistant.index.records", "assistant.drafting.types"}


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, in functions too; `from a import b` gives
    a.b when b is a module of package a."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                is_module = (ROOT / Path(*name.split("."))).with_suffix(".py").exists() or \
                    (ROOT / Path(*name.split("."))).is_dir()
                found.append((node.lineno, name if is_module else node.module))
    return found


def _outside_the_front_door(files: list[Path], own: str) -> list[str]:
    bad = []
    for path in files:
        for line, module in imports(path):
            if module != "assistant" and not module.startswith("assistant."):
                continue
            if module in ALLOWED or module == own or module.startswith(own + "."):
                continue
            bad.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return bad


def test_ui_uses_only_the_front_door() -> None:
    assert _outside_the_front_door(sorted((ROOT / "ui").rglob("*.py")), "ui") == []


def test_cli_uses_only_the_front_door() -> None:
    files = sorted((ROOT / "assistant" / "cli").rglob("*.py"))
    assert files and _outside_the_front_door(files, "assistant.cli") == []


def test_nothing_in_assistant_imports_ui_but_serve() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}" for path in sorted((ROOT / "assistant").rglob("*.py"))
             for line, module in imports(path) if module == "ui" or module.startswith("ui.")]
    serve = next(i for i, text in enumerate(
        (ROOT / "assistant/cli/main.py").read_text(encoding="utf-8").splitlines(), 1)
        if "from ui.app import serve" in text)
    assert found == [f"assistant/cli/main.py:{serve}"]


def test_the_checker_sees_a_forbidden_import(tmp_path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from assistant.index.store import Store\n\ndef f():\n"
                   "    from assistant.facts.checks import check_facts\n", encoding="utf-8")
    tab = ROOT / "ui" / "format.py"
    assert [m for _, m in imports(bad)] == ["assistant.index.store", "assistant.facts.checks"]
    assert ("assistant.index.records" in {m for _, m in imports(tab)})
