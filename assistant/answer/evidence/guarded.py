"""The model's answer under the one guard (`assistant.text.output_guard`): a stream that
stops as soon as the text loops, and the reasons a finished answer cannot be shown as the
model's clean work (a loop, a cut-off ending, an echoed instruction, a placeholder symbol
where a figure stood). The chain then falls back to the extractive answer and says why::

    stream = GuardedStream(model.stream(messages))
    for piece in stream: ...                      # stops early on a loop
    text, problems = review(stream.text, [system_prompt], declined=False, looped=stream.looped)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from assistant.text.markers import ARABIC_PAREN, ARABIC_POINT, CIRCLED, CN_COMMA, CN_PAREN
from assistant.text.output_guard import Problem, drop_meta, guard, looping, truncated

LOOP_CHECK_EVERY = 40  # characters streamed between two loop checks
DECLINE_CHARS = 40  # a decline ("资料中未提及") this short may end without a stop
LIST_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.、．)）]\s*")
# the marker that opens a list item ("1. ", "（2）", "三、", "①"): numbered copies of one
# point are still a loop
ITEM_MARKER = re.compile(rf"(?m)^\s*(?:[-*•]|{ARABIC_POINT}|{ARABIC_PAREN}|{CN_COMMA}|{CN_PAREN}|{CIRCLED})\s*")
FALLBACK_LEAD = "（模型回答未采用（{why}），以下为报告原文摘录）"
EXTRACTIVE_LEAD = "（未使用大模型，以下为报告原文摘录）"


class GuardedStream:
    """The model's pieces as they come; ends the stream (and closes the model's generator)
    when the text so far loops. `text` is what was streamed, `looped` why it stopped."""

    def __init__(self, pieces: Iterable[str], every: int = LOOP_CHECK_EVERY) -> None:
        self._pieces = pieces
        self._every = every
        self.text = ""
        self.looped: str | None = None

    def __iter__(self) -> Iterator[str]:
        source = iter(self._pieces)
        pieces: list[str] = []
        size = checked = 0
        try:
            for piece in source:
                pieces.append(piece)
                size += len(piece)
                yield piece
                if size - checked >= self._every:
                    checked = size
                    self.looped = loops("".join(pieces))
                    if self.looped:
                        break
        finally:
            self.text = "".join(pieces)
            close = getattr(source, "close", None)
            if close is not None:
                close()


def loops(text: str) -> str | None:
    """Why the text is a loop, its list markers set aside (see `output_guard.looping`)."""
    return looping(text) or looping(ITEM_MARKER.sub("", text))


def prompt_lines(prompt: str) -> list[str]:
    """The prompt's lines as an echo would show them: without their list numbers ("6. …")."""
    return [LIST_NUMBER.sub("", line) for line in prompt.splitlines()]


def review(text: str, prompts: Sequence[str], *, declined: bool = False,
           looped: str | None = None) -> tuple[str, list[str], list[Problem]]:
    """(the text without sentences about itself, those sentences, the problems that keep it
    from being shown). An answer that declines ("资料中未提及") may end without a stop."""
    kept, said = drop_meta(text)
    problems = guard(kept, [line for p in prompts for line in prompt_lines(p)], ending=False)
    looped = looped or loops(kept)
    if looped and not any(p.kind == "loop" for p in problems):
        problems.insert(0, Problem("loop", looped))
    cut = None if declined and len(kept) <= DECLINE_CHARS else truncated(kept)
    if cut and not any(p.kind == "loop" for p in problems):
        problems.append(Problem("cut", cut))
    return kept, said, problems


def fallback_text(extractive_text: str, problems: Sequence[Problem]) -> str:
    """The extractive answer's text led by a note saying the model's answer was not used."""
    lead = FALLBACK_LEAD.format(why="；".join(p.message for p in problems))
    if extractive_text.startswith(EXTRACTIVE_LEAD):
        return lead + extractive_text[len(EXTRACTIVE_LEAD):]
    return f"{lead}\n{extractive_text}"
