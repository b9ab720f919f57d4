"""Packaging beyond what pyproject.toml can say: the prompt templates stay in the top-level
`prompts/` folder (the design card) and ship inside the package as
`assistant/prompt_templates/*.txt`, read with importlib.resources (assistant/prompts.py)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["assistant", "assistant.*", "ui", "ui.*"]),
              "assistant.prompt_templates"],
    package_dir={"assistant.prompt_templates": "prompts"},
    package_data={"assistant": ["py.typed"], "assistant.prompt_templates": ["*.txt"]},
)
