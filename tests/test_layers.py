"""The front door is the only door: ui/ and the CLI import nothing from assistant but the
factory, settings, errors, the record/type modules they display and the text
conventions of figures; nothing in assistant/
imports ui except the CLI's `serve`."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {"assistant.factory", "assistant.settings", "assistant.errors", "assistant.answer.types",
           "assistant.index.records", "assistant.drafting.types",
           # the ground floor's figure conventions: pure functions and patterns, no state; the
           # UI highlights and parses figures with them instead of writing its own patterns
           "assistant.text.numbers"}


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


# Imports go down only. Rank of each room of assistant/: a module may import its own room
# and rooms of a lower rank; `answer` and `drafting` share a rank and never import each other.
# Side services (settings, errors, prompts, models) may be imported from anywhere above text.
RANK = {"text": 0, "ingest": 1, "facts": 2, "index": 3, "answer": 4, "drafting": 4, "review": 4, "eval": 5,
        "factory": 6, "cli": 7}
SIDE = {"settings", "errors", "prompts", "models", "__init__"}


def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "assistant" and len(parts) > 1 else None


def _goes_down(own: str, room: str) -> bool:
    """May a module of room `own` import one of room `room`?"""
    if room == own:
        return True
    if own in SIDE:
        return room in SIDE or room == "text"
    if room in SIDE:
        return own != "text"
    return room in RANK and own in RANK and RANK[room] < RANK[own]


def _layer_violations(files: list[Path]) -> list[str]:
    bad = []
    for path in files:
        rel = path.relative_to(ROOT / "assistant")
        own = rel.parts[0].removesuffix(".py")
        for line, module in imports(path):
            room = _room(module)
            if room is not None and not _goes_down(own, room):
                bad.append(f"assistant/{rel}:{line} ({own}) imports {module}")
    return bad


def test_imports_only_go_down() -> None:
    files = sorted((ROOT / "assistant").rglob("*.py"))
    assert len(files) > 40
    assert _layer_violations(files) == []


def test_the_layer_checker_sees_an_upward_import() -> None:
    assert not _goes_down("text", "answer") and not _goes_down("index", "answer")
    assert not _goes_down("answer", "drafting") and not _goes_down("drafting", "answer")
    assert not _goes_down("models", "index") and not _goes_down("text", "settings")
    assert _goes_down("answer", "index") and _goes_down("cli", "factory")
    assert _goes_down("index", "models") and _goes_down("models", "text")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path) -> set[str]:
    """Modules of assistant that a file imports at import time (module level)."""
    deps = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                is_mod = (ROOT / Path(*name.split("."))).with_suffix(".py").exists()
                deps.add(name if is_mod else node.module)
        elif isinstance(node, ast.Import):
            deps.update(a.name for a in node.names)
    return {d for d in deps if d.startswith("assistant")}


def _cycles(graph: dict[str, set[str]]) -> list[str]:
    """Import circles, as "a -> b -> a"; a package re-exporting its own modules is none."""
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if dep == node or dep not in graph:
                continue
            if state.get(dep) == 1:
                cycles.append(" -> ".join(stack[stack.index(dep):] + [dep]) if dep in stack else dep)
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = 2

    for mod in sorted(graph):
        if mod not in state:
            visit(mod, [mod])
    return [c for c in cycles if not all(p.startswith(c.split(" -> ")[0]) for p in c.split(" -> "))]


def test_no_import_circle_between_modules() -> None:
    """Module-level imports (the ones that run at import time) form no cycle."""
    graph = {_module_name(path): _top_level_imports(path)
             for path in sorted((ROOT / "assistant").rglob("*.py"))}
    assert len(graph) > 40 and _cycles(graph) == []


def test_the_cycle_finder_sees_a_circle() -> None:
    graph = {"assistant.a": {"assistant.b"}, "assistant.b": {"assistant.c"},
             "assistant.c": {"assistant.a"}, "assistant.d": {"assistant.a"}}
    assert _cycles(graph) == ["assistant.a -> assistant.b -> assistant.c -> assistant.a"]


# ingest/ in three parts: readers/ (one per kind of file), tables/ (the grid model and the
# readers of flattened tables) and the text stages beside them. Function-level imports count
# here too: a lazy import is still a dependency, and hiding a circle in a function is how the
# grid came to import its own readers.
INGEST = ROOT / "assistant" / "ingest"


def _ingest_graph(files: list[Path]) -> dict[str, set[str]]:
    """Every import (module level and in functions) between modules of assistant.ingest."""
    return {_module_name(path): {m for _, m in imports(path) if m.startswith("assistant.ingest")}
            for path in files}


def test_ingest_tables_import_no_reader() -> None:
    graph = _ingest_graph(sorted((INGEST / "tables").rglob("*.py")))
    assert len(graph) > 8
    bad = sorted(f"{mod} imports {dep}" for mod, deps in graph.items() for dep in deps
                 if dep.startswith("assistant.ingest.readers"))
    assert bad == []


def test_no_import_circle_in_ingest_even_in_functions() -> None:
    graph = _ingest_graph(sorted(INGEST.rglob("*.py")))
    assert {"assistant.ingest.tables.grid", "assistant.ingest.readers.load"} <= set(graph)
    assert _cycles(graph) == []


def test_a_circle_through_function_imports_is_seen(tmp_path) -> None:
    x, y = tmp_path / "x.py", tmp_path / "y.py"
    x.write_text("def f():\n    from assistant.ingest.y import g\n", encoding="utf-8")
    y.write_text("import re\n\ndef g():\n    from assistant.ingest.x import f\n", encoding="utf-8")
    graph = {"assistant.ingest.x": {m for _, m in imports(x)}, "assistant.ingest.y": {m for _, m in imports(y)}}
    assert _cycles(graph) == ["assistant.ingest.x -> assistant.ingest.y -> assistant.ingest.x"]
