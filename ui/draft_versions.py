"""The 起草 tab's version history: every draft and every revision that changed the text is a
version; 撤销 goes back one version, any version can be picked again, and a revision always
starts from the version shown. Nothing is ever lost: going back keeps the later versions
listed. No gradio here: unit-tested on its own."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.drafting.types import Draft

FRESH = "生成草稿"


@dataclass(frozen=True)
class Versions:
    items: tuple[tuple[str, Draft], ...] = field(default_factory=tuple)  # (what made it, draft)
    current: int = -1  # the index of the version shown

    @property
    def draft(self) -> Draft | None:
        return self.items[self.current][1] if self.items else None

    def push(self, label: str, draft: Draft) -> Versions:
        """A new version at the end, shown. A fresh draft starts a new history; a revision
        that left the text as it was adds none."""
        if label == FRESH:
            return Versions(((label, draft),), 0)
        shown = self.draft
        if shown is not None and shown.text == draft.text:
            return self
        items = (*self.items, (label, draft))
        return Versions(items, len(items) - 1)

    def back(self) -> Versions | None:
        """The version before the one shown, or None at the first."""
        return Versions(self.items, self.current - 1) if self.current > 0 else None

    def pick(self, index: int) -> Versions | None:
        return Versions(self.items, index) if 0 <= index < len(self.items) else None

    def label(self, index: int) -> str:
        what, draft = self.items[index]
        mark = "✓" if draft.clean else "⚠"
        return f"版本{index + 1} · {what} {mark}"

    def choices(self) -> list[tuple[str, int]]:
        return [(self.label(i), i) for i in range(len(self.items))]


def as_versions(value) -> Versions:
    """The tab's state as Versions (gradio gives back what it was given, or None at first)."""
    return value if isinstance(value, Versions) else Versions()
