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


# The answer wing: understand → skills → evidence ---------------------------------------------
ANSWER = ROOT / "assistant" / "answer"
QUERY_NAMES = {"q", "query"}  # what a Query is called outside understand/
# where the question's text may still go as it is: into an Answer (its `question`), into the
# prompt (`question=`), and into the retriever (its first argument)
PASSED_ON = {"search", "invoke"}


def _reads_of_the_text(path: Path, root: Path = ROOT) -> list[str]:
    """Places outside understand/ where code reads the question's words: `q.text`/`query.text`
    used otherwise than passed on (see PASSED_ON), `q.topic()` at all, and a parameter typed
    `Query` under another name (which the first rule would not see)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            allowed |= {id(k.value) for k in node.keywords if k.arg == "question"}
            f = node.func
            if (isinstance(f, ast.Attribute) and f.attr in PASSED_ON and node.args
                    and isinstance(f.value, ast.Attribute) and f.value.attr == "retriever"):
                allowed.add(id(node.args[0]))
    bad = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr in ("text", "topic")
                and isinstance(node.value, ast.Name) and node.value.id in QUERY_NAMES
                and id(node) not in allowed):
            bad.append(f"{path.relative_to(root)}:{node.lineno} reads {node.value.id}.{node.attr}")
        if isinstance(node, ast.arg) and node.annotation is not None:
            typed = ast.unparse(node.annotation)
            if typed in ("Query", "Query | None") and node.arg not in QUERY_NAMES:
                bad.append(f"{path.relative_to(root)}:{node.lineno} names a Query {node.arg}")
    return bad


def test_only_understand_reads_the_question() -> None:
    """The question's words are read in answer/understand/ only; every other module of the
    answer wing reads the Query's slots (intent, cues, metrics, subjects, operands …)."""
    files = [p for p in sorted(ANSWER.rglob("*.py")) if "understand" not in p.relative_to(ANSWER).parts]
    assert len(files) > 20
    assert [b for p in files for b in _reads_of_the_text(p)] == []


def test_the_text_rule_sees_a_reader(tmp_path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import re\n\ndef f(q, query, other: Query):\n"
                   "    Answer(question=q.text)\n    self.retriever.search(query.text)\n"
                   "    retriever.search(query.text)\n"
                   "    return re.search('多少', q.text), query.topic()\n", encoding="utf-8")
    found = [b.split(" ", 1)[1] for b in _reads_of_the_text(bad, tmp_path)]
    assert sorted(found) == ["names a Query other", "reads q.text", "reads query.text",
                             "reads query.topic"]


def _answer_graph() -> dict[str, set[str]]:
    """Every import between modules of answer/, in functions and under TYPE_CHECKING too."""
    return {_module_name(p): {m for _, m in imports(p) if m.startswith("assistant.answer")}
            for p in sorted(ANSWER.rglob("*.py"))}


def test_no_import_circle_inside_the_answer_wing() -> None:
    graph = _answer_graph()
    assert len(graph) > 30 and _cycles(graph) == []


STAGES = ("understand", "lookup", "skills", "evidence", "chain")  # each imports only earlier ones
UPWARD = {"understand": {"lookup", "skills", "evidence", "chain"}, "lookup": {"skills", "evidence", "chain"},
          "skills": {"evidence", "chain"}, "evidence": {"skills", "chain"}}


def test_the_stages_import_one_way() -> None:
    """understand knows no skill, skills know no evidence nor the chain, evidence no skill."""
    def stage(module: str) -> str:
        parts = module.split(".")
        return parts[2] if len(parts) > 2 else ""

    bad = [f"{mod} imports {dep}" for mod, deps in _answer_graph().items() for dep in deps
           if stage(dep) in UPWARD.get(stage(mod), ())]
    assert bad == []
