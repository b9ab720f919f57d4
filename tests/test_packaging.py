"""The wheel, built from this tree and installed into a fresh virtual environment offline,
works from a directory that is not the checkout: the command, every module, every prompt
and one template draft; and it writes nothing into site-packages.

The fresh environment gets only the wheel (`--no-deps --no-index`); the dependencies are the
ones already installed beside the interpreter running the tests, made visible by a .pth file
(a plain path: the .pth files of that site, such as an editable install of this project,
are not run)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "README.md", "NOTICE", "assistant", "ui", "prompts")
TIMEOUT = 240

FACTS_YAML = """\
department: 广州市某区人民政府办公室
year: 2025
figures: {预算数: 3200.5万元, 执行数: 3100.2万元, 基本支出: 2900万元, 项目支出: 200.2万元}
indicators: [{name: 收文处理率, target: 95%, actual: 100%}]
problems: [个别项目预算执行未达时序进度]
"""

# Run inside the fresh environment: import every module, render every prompt.
CHECK = textwrap.dedent("""\
    import json, pkgutil, importlib, sys
    import assistant, ui
    from assistant import prompts
    modules = []
    for package in (assistant, ui):
        modules.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.rsplit(".", 1)[-1] == "__main__":  # runs the program when imported
                continue
            importlib.import_module(info.name)
            modules.append(info.name)
    files = {name: sys.modules[name].__file__ for name in modules}
    rendered = {}
    for name in prompts.names():
        fields = sorted(prompts.fields_of(prompts.load_template(name)))
        rendered[name] = [fields, prompts.render(name, **{f: "<" + f + ">" for f in fields})]
    print(json.dumps({"files": files, "prompts_dir": str(prompts.prompts_dir()),
                      "rendered": rendered}, ensure_ascii=False))
""")


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert proc.returncode == 0, f"{' '.join(map(str, args))}\n{proc.stdout}\n{proc.stderr}"
    return proc


def _tree(path: Path) -> set[str]:
    return {str(p.relative_to(path)) for p in path.rglob("*")
            if "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("JIXIAO_") and k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", HF_HUB_OFFLINE="1",
               TRANSFORMERS_OFFLINE="1")
    # build from a copy, so the checkout gets no build/ or egg-info
    src = base / "src"
    src.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
          "--no-index", "-w", str(base / "dist"), str(src)], base, env)
    wheel = next((base / "dist").glob("jixiao-*.whl"))

    _run([sys.executable, "-m", "venv", "--without-pip", str(base / "venv")], base, env)
    python = base / "venv" / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                     base, env).stdout.strip())
    deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "_jixiao_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
          "--no-index", str(wheel)], base, env)

    work = base / "work"  # the current directory of every command: not the checkout
    work.mkdir()
    env.update(JIXIAO_LLM="none", JIXIAO_EMBEDDING_MODEL="fake",
               PATH=f"{python.parent}{os.pathsep}{env.get('PATH', '')}")
    return {"python": python, "bin": python.parent, "site": site, "work": work, "env": env,
            "installed": _tree(site / "assistant") | _tree(site / "ui")}


def test_help(venv) -> None:
    out = _run([str(venv["bin"] / "jixiao"), "--help"], venv["work"], venv["env"]).stdout
    assert "draft" in out and "serve" in out
    out = _run([str(venv["python"]), "-m", "assistant.cli", "--help"], venv["work"], venv["env"]).stdout
    assert "draft" in out


def test_every_module_imports_and_every_prompt_renders(venv) -> None:
    out = _run([str(venv["python"]), "-c", CHECK], venv["work"], venv["env"]).stdout
    result = json.loads(out.strip().splitlines()[-1])
    files = result["files"]
    assert {"assistant.drafting.chain", "assistant.cli.main", "ui.app", "ui.draft_tab"} <= set(files)
    outside = {name: f for name, f in files.items() if not f.startswith(str(venv["site"]))}
    assert not outside, f"imported from outside the installed wheel: {outside}"
    assert result["prompts_dir"].startswith(str(venv["site"] / "assistant"))
    expected = sorted(p.stem for p in (ROOT / "prompts").glob("*.txt"))
    assert sorted(result["rendered"]) == expected
    for name, (fields, text) in result["rendered"].items():
        assert text.strip() and all(f"<{f}>" in text for f in fields), name


def test_draft_from_facts_file(venv) -> None:
    facts = venv["work"] / "F.yaml"
    facts.write_text(FACTS_YAML, encoding="utf-8")
    out = _run([str(venv["bin"] / "jixiao"), "draft", "-d", "某部门", "-y", "2025",
                "-s", "部门整体收支情况", "--facts", "F.yaml", "--json"],
               venv["work"], venv["env"]).stdout
    draft = json.loads(out)
    assert draft["kind"] == "部门整体收支情况" and draft["backend"] == "none"
    for figure in ("3200.5", "3100.2", "2900", "200.2"):
        assert figure in out


def test_nothing_written_into_site_packages(venv) -> None:
    test_draft_from_facts_file(venv)  # whatever ran before, at least one draft has run
    site = venv["site"]
    assert not (site / "assistant" / "data").exists() and not (site / "data").exists()
    assert _tree(site / "assistant") | _tree(site / "ui") == venv["installed"]
    assert (venv["work"] / "data").is_dir()  # the index went to ./data of the cwd


def test_default_dirs_are_the_current_directory_when_the_settings_are_made(tmp_path, monkeypatch) -> None:
    from assistant.settings import Settings

    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({})
    assert (settings.data_dir, settings.models_dir, settings.corpus_dir) == (
        tmp_path / "data", tmp_path / "models", tmp_path / "corpus")
    assert Settings.from_env({"JIXIAO_DATA_DIR": "~/x"}).data_dir == Path("~/x").expanduser()
    assert Settings.from_env({"JIXIAO_AUTH": "admin:s3cret"}).auth == "admin:s3cret"
    assert "s3cret" not in repr(Settings(auth="admin:s3cret"))


def test_every_jixiao_variable_the_code_names_is_a_setting() -> None:
    import re
    from dataclasses import fields

    from assistant.settings import Settings

    names = {f.name for f in fields(Settings)}
    named = {m.lower() for folder in ("assistant", "ui") for path in (ROOT / folder).rglob("*.py")
             for m in re.findall(r"JIXIAO_([A-Z0-9_]+)", path.read_text(encoding="utf-8"))}
    assert named and named <= names, sorted(named - names)
