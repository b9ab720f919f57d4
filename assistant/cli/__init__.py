"""The `jixiao` command line: the only place that imports click."""

from assistant.cli.main import main

__all__ = ["main"]
