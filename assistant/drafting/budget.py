"""How many tokens a generation may take, sized to what it is asked to write: a polish is
about as long as the key points it is given, a shorter revision shorter than its text, any
other revision about as long. Each token is time (a few per second on two CPU cores), and a
model with room to spare fills it (repeats itself, adds a paragraph of its own); too tight a
limit cuts the text (its unfinished last sentence is then dropped, see output_guard)."""

from __future__ import annotations

CHARS_PER_TOKEN = 1.3  # Qwen2.5 writes about this many Chinese characters per token
ROOM = 1.3  # a polish may be this much longer than its key points (joining words, a lead)
SHORTER_SHARE = 0.85  # a "shorter" revision needs at most this share of the text's tokens
SLACK = 40  # tokens for a closing sentence and the end marker
MIN_TOKENS = 120
MAX_TOKENS = 700


def tokens(chars: float) -> int:
    """Tokens for about this many characters of Chinese text."""
    return int(chars / CHARS_PER_TOKEN + 0.5)


def bounded(n: int, cap: int = MAX_TOKENS) -> int:
    """n, at least MIN_TOKENS, at most `cap` (a caller's cap wins over the minimum)."""
    return min(cap, max(MIN_TOKENS, n))


def polish_tokens(materials: str, cap: int = MAX_TOKENS) -> int:
    """The limit of a fresh draft that polishes `materials` (the key points given)."""
    return bounded(tokens(len(materials) * ROOM) + SLACK, cap)


def revision_tokens(old: str, shorter: bool, cap: int = 600) -> int:
    """The limit of a revision of `old`: less than the text when it is to be shorter."""
    share = SHORTER_SHARE if shorter else ROOM
    return bounded(tokens(len(old) * share) + SLACK, cap)
