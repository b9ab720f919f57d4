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

__all__ = ["PLACEHOLDER", "figure_text", "given_values", "numbers_in"]

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
# A small local model may loop ("提高行政效能，降低行政成本，…" fifty times), stop mid-word at its
# token limit, or copy the prompt ("修改要求：…可用数字：…"). Such text is never a draft: the
# chain retries once and otherwise falls back to the template (see chain.py).
CLAUSE_SPLIT = re.compile(r"[，,。；;！!？?：:、\n]")
LOOP_WINDOW = 12  # clauses looked at together: a loop of up to 4 clauses recurs 3 times in it
BACK_TO_BACK = re.compile(r"([^\n]{3,30}?)\1{2,}")  # a run written three times in a row
SENTENCE_TWICE_MIN = 16  # a whole sentence this long written twice is a loop
TEXT_ENDS = "。！？!?…】”」）)"  # what a finished section ends with
PROMPT_FIELD = re.compile(r"\{[a-z_]+\}")
PROMPT_LABEL = re.compile(r"^\s*([^\s：:（(，。{}]{2,6})(?:（[^）]*）)?[：:]")
ECHO_FRAGMENT_MIN = 10  # a prompt sentence at least this long found in a draft is an echo


def _clauses(text: str) -> list[str]:
    """The text's clauses (between commas and stops), without spaces; a placeholder keeps
    its words (【待补充：目标值】 -> 待补充目标值) so it stays one clause."""
    text = PLACEHOLDER.sub(lambda m: re.sub(r"[【】：:]", "", m.group()), text or "")
    return [c for c in ("".join(x.split()) for x in CLAUSE_SPLIT.split(text)) if len(c) >= 2]


def repeated_window(clauses: list[str]) -> tuple[str, int] | None:
    """A stretch of LOOP_WINDOW clauses (all of them when fewer, at least 6) made of a third
    as many different clauses or fewer: (its most frequent clause, that clause's count in
    the whole text). Lists of figures or names stay varied; a loop does not."""
    size = min(LOOP_WINDOW, len(clauses))
    if size < 6:
        return None
    for start in range(len(clauses) - size + 1):
        window = clauses[start:start + size]
        if len(set(window)) <= size // 3:
            top = max(set(window), key=window.count)
            return top, clauses.count(top)
    return None


def repeated_run(text: str) -> tuple[str, int] | None:
    """A run of LOOP_RUN characters or more written three times back to back (a loop without
    punctuation), or a sentence of SENTENCE_TWICE_MIN characters written twice."""
    flat = "".join(PLACEHOLDER.sub("\n", text or "").split(" "))
    for m in BACK_TO_BACK.finditer(flat):
        if re.search(r"[\u4e00-\u9fff]{2}", m.group(1)):
            return m.group(1), flat.count(m.group(1))
    seen: set[str] = set()
    for sentence in re.split(r"[。！？!?\n]", flat):
        sentence = sentence.strip()
        if len(sentence) >= SENTENCE_TWICE_MIN:
            if sentence in seen:
                return sentence, 2
            seen.add(sentence)
    return None


def looping(text: str) -> str | None:
    """Why the text is a loop, or None."""
    found = repeated_window(_clauses(text)) or repeated_run(text)
    if found:
        return f"文字循环重复：“{found[0][:20]}”出现{found[1]}次"
    return None


def truncated(text: str) -> str | None:
    """Why the text looks cut off (empty, or not ending a sentence), or None."""
    body = (text or "").strip()
    if not body:
        return "输出为空"
    if body[-1] not in TEXT_ENDS:
        return f"结尾不完整：“…{body[-12:]}”（未以句号等结束）"
    return None


def prompt_fragments(prompts: Iterable[str]) -> tuple[list[str], list[str]]:
    """(labels, sentences) of prompt templates as an echo would show them: the labels that
    open their lines ("修改要求", "可用数字") and their fixed sentences of ECHO_FRAGMENT_MIN
    characters or more (a {field} splits a sentence)."""
    labels: list[str] = []
    fragments: list[str] = []
    for prompt in prompts:
        for line in prompt.splitlines():
            m = PROMPT_LABEL.match(line)
            if m and m.group(1) not in labels:
                labels.append(m.group(1))
            for part in re.split(r"[。；;！？\n]", PROMPT_FIELD.sub("\n", line)):
                part = part.strip(" ：:，,“”")
                if len(part) >= ECHO_FRAGMENT_MIN and part not in fragments:
                    fragments.append(part)
    return labels, fragments


def echoed(text: str, prompts: Iterable[str]) -> str | None:
    """Why the text repeats its instructions (a prompt label opening a line, or a fixed
    prompt sentence), or None."""
    labels, fragments = prompt_fragments(prompts)
    for label in labels:
        if re.search(rf"(?:^|\n)\s*{re.escape(label)}\s*(?:（[^）\n]*）)?[：:]", text or ""):
            return f"输出中含有提示词：“{label}：”"
    flat = "".join((text or "").split())
    for fragment in fragments:
        if "".join(fragment.split()) in flat:
            return f"输出中含有提示词：“{fragment[:20]}”"
    return None


def defects(text: str, prompts: Iterable[str] = ()) -> list[str]:
    """Why a generated text cannot be a draft: loops, a truncated ending, echoed
    instructions. Empty for a usable text."""
    found = [looping(text), truncated(text), echoed(text, list(prompts))]
    return [f for f in found if f]
