"""What one indicator of a score table holds ("“预算配置”下设了哪些三级指标"), rebuilt from the
weights (分值) the facts table keeps in the report's order.

A flattened or OCR'd score table loses its 一级/二级/三级 columns, but its weights still add up:
a parent's weight is the sum of its children's, and every leaf sits at the same depth. Read in
the report's order, the weights therefore fix the tree: a node at a level above the leaves
takes the following subtrees until their weights reach its own; anything else (an overshoot,
the table running out) means the guess of levels was wrong. The answer says the hierarchy was
read from the weights and shows the sum, so a reader can check it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.facts.vocabulary import subject_key
from assistant.index.records import FactRecord

# (level of the named indicator, depth of the leaves) to try, the most specific first
LEVEL_GUESSES = ((1, 3), (2, 3), (1, 2))


@dataclass
class Node:
    fact: FactRecord
    level: int
    children: list[Node] = field(default_factory=list)

    @property
    def weight(self) -> Decimal:
        return self.fact.value or Decimal(0)

    def leaves(self) -> list[Node]:
        if not self.children:
            return [self]
        return [leaf for c in self.children for leaf in c.leaves()]


def weights_in_order(facts: Sequence[FactRecord]) -> list[FactRecord]:
    """The indicator weights of one report in the order the report states them (one per
    subject: the first)."""
    seen: set[str] = set()
    out = []
    for f in sorted(facts, key=lambda f: (f.num_start, f.start)):
        if f.scope != "indicator" or f.metric != "分值" or f.value is None or not f.subject:
            continue
        key = subject_key(f.subject)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def subtree_of(name: str, weights: Sequence[FactRecord]) -> Node | None:
    """The indicator named `name` with what it holds, or None when it is not among the weights
    or the weights after it do not add up to it under any guess of levels."""
    key = subject_key(name)
    at = next((i for i, f in enumerate(weights) if subject_key(f.subject) == key), None)
    if at is None:
        return None
    for level, depth in LEVEL_GUESSES:
        node = _subtree(weights, at, level, depth)
        if node is not None and node[0].children:
            return node[0]
    return None


def _subtree(weights: Sequence[FactRecord], i: int, level: int,
             depth: int) -> tuple[Node, int] | None:
    if i >= len(weights):
        return None
    node = Node(weights[i], level)
    if level == depth:
        return node, i + 1
    kids = _forest(weights, i + 1, level + 1, depth, node.weight)
    if kids is None:
        return None
    node.children, j = kids
    return node, j


def _forest(weights: Sequence[FactRecord], i: int, level: int, depth: int,
            target: Decimal) -> tuple[list[Node], int] | None:
    """Subtrees from position i whose weights add up exactly to `target`."""
    out: list[Node] = []
    total = Decimal(0)
    while total < target:
        sub = _subtree(weights, i, level, depth)
        if sub is None:
            return None
        node, i = sub
        out.append(node)
        total += node.weight
    return (out, i) if total == target else None
