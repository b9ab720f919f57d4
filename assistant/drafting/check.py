"""Verify a draft: every number in it must be a given or a derived fact (years, dates and
list markers are not figures). Also: which facts a draft used, which placeholders it holds,
and which given figures a revision dropped."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from decimal import Decimal

from assistant.drafting.derived import Derived
from assistant.drafting.types import PLACEHOLDER, DraftFacts
from assistant.drafting.values import to_decimal
from assistant.text.numbers import figure_text, flag_numbers, number_values
from assistant.text.output_guard import (
    defects,
    echoed,
    looping,
    meta_sentence,
    placeholder_symbols,
    prompt_fragments,
    repeated_run,
    repeated_window,
    truncated,
)

__all__ = ["PLACEHOLDER", "defects", "echoed", "figure_text", "given_values", "looping", "meta_sentence",
           "numbers_in", "placeholder_symbols", "prompt_fragments", "repeated_run", "repeated_window",
           "truncated"]

# what is not a figure in a draft: `number_values(text, prose=True)` (text/numbers)


def given_values(facts: DraftFacts) -> set[Decimal]:
    """Every number the facts state: figures, indicators, projects, items, statements, notes."""
    found: set[Decimal] = set()
    texts: list[str] = []
    for fig in facts.figures.values():
        texts.append(str(fig.get("text") or ""))
        d = to_decimal(fig.get("value"))
        if d is not None:
            found.add(d.normalize())
    for ind in facts.indicators:
        texts += [str(ind.get(k)) for k in ("target", "actual", "weight", "score") if ind.get(k) is not None]
    for proj in facts.projects:
        for k in ("budget", "spent", "rate"):
            d = to_decimal(proj.get(k))
            if d is not None:
                found.add(d.normalize())
    texts += facts.problems + facts.measures + facts.notes
    for items in facts.statements.values():
        texts += items
    for text in texts:
        found.update(v.normalize() for _, v in number_values(text, prose=True))
    return found


def derived_values(derived: Derived) -> set[Decimal]:
    out: set[Decimal] = set()
    for d in derived.items:
        out.add(Decimal(str(d["value"])).normalize())
        out.update(v.normalize() for _, v in number_values(d["text"]))
    return out


def numbers_in(text: str) -> list[tuple[str, Decimal]]:
    return number_values(text, prose=True)


def unsupported(text: str, allowed: set[Decimal]) -> list[str]:
    """Numbers of the draft that are neither given nor derived, as written, in order."""
    bad: list[str] = []
    for raw, value in numbers_in(text):
        if value.normalize() not in allowed and raw not in bad:
            bad.append(raw)
    return bad


def mark(text: str, bad: Iterable[str]) -> str:
    return flag_numbers(text, list(bad))


def placeholders_in(text: str) -> list[str]:
    seen: list[str] = []
    for m in PLACEHOLDER.finditer(text):
        if m.group() not in seen:
            seen.append(m.group())
    return seen


def facts_used(text: str, facts: DraftFacts, derived: Derived) -> list[dict]:
    """Given and derived facts that the draft states, with their sources."""
    values = {v.normalize() for _, v in numbers_in(PLACEHOLDER.sub(" ", text))}
    used = (_figures_used(text, facts, values) + _indicators_used(text, facts)
            + _projects_used(text, facts))
    used += _derived_used(derived, values, {u["name"] for u in used})
    used += _items_used(text, facts)
    return used


def _figures_used(text: str, facts: DraftFacts, values: set[Decimal]) -> list[dict]:
    """The given figures the draft states: by value, or by text for a figure without one."""
    used: list[dict] = []
    for name, fig in facts.figures.items():
        d = to_decimal(fig.get("value"))
        stated = (d is not None and d.normalize() in values) or (
            d is None and fig.get("text") and str(fig["text"]) in text)
        if stated:
            used.append({"name": name, "text": fig.get("text", ""), "source": fig.get("source", ""),
                         "quote": fig.get("quote", "")})
    return used


def _indicators_used(text: str, facts: DraftFacts) -> list[dict]:
    """The indicators the draft names, with their target and actual values."""
    used: list[dict] = []
    for ind in facts.indicators:
        if ind["name"] in text:
            shown = "，".join(f"{w}{ind[k]}" for k, w in (("target", "目标值"), ("actual", "实际值"))
                             if ind.get(k))
            used.append({"name": f"指标：{ind['name']}", "text": shown, "source": ind.get("source", ""),
                         "quote": ind.get("quote", "")})
    return used


def _projects_used(text: str, facts: DraftFacts) -> list[dict]:
    """The projects the draft names, with their budget, spending and rate."""
    used: list[dict] = []
    for proj in facts.projects:
        if proj["name"] in text:
            shown = "，".join(f"{w}{proj[k]:g}{u}" for k, w, u in (("budget", "预算数", "万元"),
                                                                  ("spent", "执行数", "万元"),
                                                                  ("rate", "执行率", "%"))
                             if proj.get(k) is not None)
            used.append({"name": f"项目：{proj['name']}", "text": shown, "source": proj.get("source", ""),
                         "quote": proj.get("quote", "")})
    return used


def _derived_used(derived: Derived, values: set[Decimal], names: set[str]) -> list[dict]:
    """The derived facts the draft states whose key is not among the names already used
    (names: those before, and the derived facts taken here)."""
    names = set(names)
    used: list[dict] = []
    for d in derived.items:
        if Decimal(str(d["value"])).normalize() in values and d["key"] not in names:
            used.append({"name": d["name"], "text": d["text"], "source": f"计算：{d['calc']}",
                         "quote": ""})
            names.add(d["name"])
    return used


def _items_used(text: str, facts: DraftFacts) -> list[dict]:
    """The problems, measures and statements the draft carries, numbered within their list."""
    used: list[dict] = []
    for label, items, source in (("存在的主要问题", facts.problems, ""),
                                 ("改进措施", facts.measures, ""),
                                 *((k, v, facts.statement_sources.get(k, ""))
                                   for k, v in facts.statements.items())):
        for i, item in enumerate(items, 1):
            if _mentions(text, item):
                used.append({"name": f"{label} {i}", "text": item[:60] + ("…" if len(item) > 60 else ""),
                             "source": source})
    return used


def _mentions(text: str, item: str) -> bool:
    """Whether the draft carries the item: its opening words appear in the text."""
    core = re.sub(r"[\s，。；;、“”]", "", item)[:12]
    return len(core) >= 4 and core in re.sub(r"[\s，。；;、“”]", "", text)


def dropped_figures(previous: str, revised: str, given: set[Decimal]) -> list[str]:
    """Given figures stated in the previous text that the revision no longer states."""
    now = {v.normalize() for _, v in numbers_in(revised)}
    out: list[str] = []
    for raw, value in numbers_in(previous):
        v = value.normalize()
        if v in given and v not in now and raw not in out:
            out.append(raw)
    return out


# ---- labels: a given figure must be called by its own metric -------------------------------
# words a writer may put before a figure that the facts vocabulary leaves out on purpose
# (too general to make a fact from, but precise enough to contradict one)
EXTRA_LABELS = {"收入": "收入", "预算收入": "预算数", "总预算": "预算数"}
CLAUSE_END = "，,。；;：:\n"


@functools.cache
def _labels() -> tuple[tuple[str, str, str], ...]:
    """(term text, metric, unit kind), longest first."""
    from assistant.facts.vocabulary import MONEY, TERMS

    out = [(t.text, t.metric, t.kind) for t in TERMS]
    out += [(text, metric, MONEY) for text, metric in EXTRA_LABELS.items()]
    return tuple(sorted(out, key=lambda t: -len(t[0])))


def _label_before(text: str, start: int) -> tuple[str, str, str] | None:
    """The metric term closest before position `start` within its clause."""
    begin = max((text.rfind(c, 0, start) for c in CLAUSE_END), default=-1) + 1
    clause = text[begin:start]
    best = None
    for term, metric, kind in _labels():
        at = clause.rfind(term)
        if at >= 0 and (best is None or at + len(term) > best[0]):
            best = (at + len(term), (term, metric, kind))
    return best[1] if best else None


def given_by_metric(facts: DraftFacts) -> dict[Decimal, set[str]]:
    """Each given value -> the metrics the facts state it for (department and projects)."""
    from assistant.drafting.values import canonical_metric

    out: dict[Decimal, set[str]] = {}
    for name, fig in facts.figures.items():
        d = to_decimal(fig.get("value"))
        if d is not None:
            out.setdefault(d.normalize(), set()).add(canonical_metric(name))
    for proj in facts.projects:
        for key, metric in (("budget", "预算数"), ("spent", "支出"), ("rate", "执行率")):
            d = to_decimal(proj.get(key))
            if d is not None:
                out.setdefault(d.normalize(), set()).add(metric)
    return out


def _compatible(label: str, metrics: set[str]) -> bool:
    """A label fits when it names one of the metrics, or is the general word for them
    (支出 for 项目支出 / 财政拨款支出 …, 执行率 for 项目支出执行率)."""
    return label in metrics or any(m.endswith(label) for m in metrics if label in ("支出", "执行率"))


def mislabelled(text: str, facts: DraftFacts, derived: set[Decimal]) -> list[str]:
    """Given figures the text calls by another metric ("收入3181.27万元" when 3181.27 is the
    预算数). Only numbers whose unit fits the label's kind and that are not also a derived
    figure (a sum may be labelled 合计 of its parts) are judged, so shares, differences and
    totals are left alone."""
    from assistant.text.numbers import UNIT_FIGURE as NUMBER
    from assistant.text.numbers import unit_kind

    known = given_by_metric(facts)
    blanked = figure_text(PLACEHOLDER.sub(lambda m: " " * len(m.group()), text))
    problems: list[str] = []
    for m in NUMBER.finditer(blanked):
        value = to_decimal(m.group("num").replace(",", ""))
        if value is None:
            continue
        metrics = known.get(value.normalize())
        if not metrics or value.normalize() in derived:
            continue
        label = _label_before(blanked, m.start())
        if label is None or label[2] != unit_kind(m.group("unit")):
            continue
        if not _compatible(label[1], metrics):
            raw = m.group().strip()
            problems.append(f"“{label[0]}{raw}”：事实中{raw}是{'、'.join(sorted(metrics))}，"
                            f"不是{label[1]}")
    return problems


# ---- degenerate generation: loops, truncated endings, echoed instructions ----------------------
# One guard for everything a model writes lives in assistant/text/output_guard.py (answers
# use it too); its names are importable from here for the drafting wing's older callers.
