"""Score answers against the dev questions, the way /work/shared/eval/README.md describes.

Everything works on plain dicts, so any system can be scored: an item is one line of
``dev.jsonl``; a result is ``{"id", "answer", "abstained", "route", "citations": [{"file",
"section", "quote"}], "retrieved": [...], "seconds", "derived": [...]}``.

Decisions the README leaves open (the tests pin them down):

* Numbers are compared as values, after full-width digits are made ASCII and thousands
  separators (ASCII commas, or blanks, between groups of three digits: ``1 046.20``)
  removed, in gold answers and assistant answers alike. A sign is not part of a
  number. Years (four digits followed by 年/年度, also ranges such as 2021-2023年) and the
  month/day of a date are context, not figures, and are skipped; so are citation markers
  ([1], 【1】), page marks (— 4 —) and list markers ((1), （2）, and 1. / 1、 at the start
  of an item).
* Units: two amounts of money (元/千元/万元/百万元/亿元) match when equal after conversion to
  元, so ``41,448,600元`` matches ``4,144.86万元`` but ``4,144.86元`` does not. A number
  without a unit matches a gold number of the same value with any unit; otherwise the units
  must be equal (a unit that is a prefix of the other also matches, because a quote cut by a
  line break may read ``2180.24 万``). A gold number marked approximate (约/大约/接近) also
  matches an answer number that rounds to it at the gold's precision.
* List/text answers: the gold answer is cut into clauses at ；;。，,、 and list markers
  (一是, （一）, 1.) are stripped. A clause counts as found when the longest common
  subsequence (characters in order) of the clause and some stretch of the answer twice the
  clause's length covers at least 60% of the clause's characters (punctuation and spaces
  ignored). The item is correct when at least 60% of the clauses are found.
* ``abstained_by_text`` needs an abstention phrase AND no figure in the answer: "A是5万元，
  B未披露" answers half the question, it does not abstain.
* A derived number (``result["derived"]``: value, text, calc) is supported when every
  number left of the first "=" in its calc is in a cited quote (constants such as 100 too)
  or is itself a supported derived number (a gap computed from a computed sum, a difference
  of a converted amount: the reader redoes one calculation after the other; the chain must
  end in quotes). What a derivation gives is its value, its text and the numbers right of
  its first "=" (``"a × b = P元"`` gives P). A count (a derivation with ``items``, the things
  counted) is supported when it counts its items right and each item's name stands in a
  cited quote or in the answer itself (a list the answer shows, each item with its cited
  figure): a count's operands are the things counted, not numbers.
* What is not a figure stays skipped (years, dates, citation and list markers, page marks);
  a reference to a numbered table ("见表1") is a figure like any other: the reader checks it
  against the cited caption line ("表1 …"), which the answer must cite.
* A figure-kind gold answer without numbers is scored like a list/text answer. On
  unanswerable items ``abstain_ok`` is the abstention alone; ``correct`` also needs no figure.
* Another report cited: on an item about one department (``department`` a string) with gold
  sources, an answer that cites a file none of the sources is in shows a passage of another
  report as if it answered the question — the failure users never forgive. Rated over the
  answers that did not abstain.
* Citation support is averaged over answers that did not abstain (an abstention has nothing
  to support); latency percentiles interpolate linearly between ranks.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from assistant.text.markers import ANSWER_ITEM_MARKS, LIST_SEPARATORS
from assistant.text.numbers import (
    DECIMALS,
    SCORE_NOT_FIGURES,
    SCORE_NUMBER,
    SCORE_UNITS,
    SPACE_GROUPED,
    WIDE_DIGITS,
    YUAN_PER_UNIT,
    with_digits,
)
from assistant.text.similarity import common_subsequence

FIGURE_KINDS = ("figure", "rate", "comparison", "aggregate")
KIND_ORDER = (*FIGURE_KINDS, "list", "text", "unanswerable")
MONEY = YUAN_PER_UNIT
UNITS = SCORE_UNITS
_WIDE = WIDE_DIGITS
_NUMBER = SCORE_NUMBER
_SKIP = SCORE_NOT_FIGURES
_SPACED = re.compile(SPACE_GROUPED)  # 1 046.20: blanks between groups of three digits
_BLANKS = re.compile(r"[ \u00a0\u2009\u202f]")
_APPROX = re.compile(r"(?:约|大约|约为|接近|近)\s*$")
_ABSTAIN = ("未提及", "没有提及", "未找到", "没有找到", "找不到", "不包含", "未包含", "没有相关",
            "无相关", "无法回答", "未披露", "没有披露", "没有给出", "未给出", "无法确定",
            "资料中没有", "报告中没有", "未涉及", "没有涉及", "未提供", "没有提供", "未说明",
            "没有说明", "无法得知", "无从得知", "not mentioned", "does not contain",
            "cannot answer", "no information")
_MARKER = ANSWER_ITEM_MARKS


@dataclass(frozen=True)
class Number:
    """A number found in text: its value, unit ("" when none) and the text it came from."""

    value: float
    unit: str
    text: str
    approx: bool = False


def numbers_in(text: str, *, figures_only: bool = True) -> list[Number]:
    """The numbers in `text`, in order. With `figures_only` (the default), years, dates,
    citation markers and list markers are skipped (see the module docstring)."""
    text = (text or "").translate(_WIDE)
    text = _SPACED.sub(lambda m: _BLANKS.sub("", m.group(0)), text)
    skipped = [m.span() for m in _SKIP.finditer(text)] if figures_only else []
    out = []
    for m in _NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in skipped):
            continue
        approx = bool(_APPROX.search(text[max(0, m.start() - 4):m.start()]))
        out.append(Number(float(m.group(1).replace(",", "")), m.group(2) or "",
                          m.group(0).strip(), approx))
    return out


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def same_number(gold: Number, got: Number) -> bool:
    """Whether `got` states the gold number (the unit rule is in the module docstring)."""
    if gold.unit in MONEY and got.unit in MONEY:
        return _close(gold.value * MONEY[gold.unit], got.value * MONEY[got.unit])
    if gold.unit and got.unit and not (gold.unit.startswith(got.unit)
                                       or got.unit.startswith(gold.unit)):
        return False
    if _close(gold.value, got.value):
        return True
    if gold.approx:
        decimals = DECIMALS.search(gold.text)
        places = len(decimals.group(1)) if decimals else 0
        return _close(round(got.value, places), gold.value)
    return False


def abstained_by_text(answer: str) -> bool:
    """An abstention phrase (未提及, 未找到, 无法回答, 资料中没有 ...) and no figure."""
    low = (answer or "").lower()
    return any(p in low for p in _ABSTAIN) and not numbers_in(answer)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def clauses_of(gold: str) -> list[str]:
    """Key phrases of a list/text gold answer: clauses without markers or punctuation."""
    out = []
    for part in LIST_SEPARATORS.split(gold):
        core = re.sub(r"[^\w%]", "", _MARKER.sub("", part.strip()))
        if len(core) >= 2:
            out.append(core)
    if not out:  # a one-character answer (优, 良) is its own key phrase
        core = re.sub(r"[^\w%]", "", _MARKER.sub("", gold.strip()))
        out = [core] if core else []
    return out


def clause_found(clause: str, answer: str, share: float = 0.6) -> bool:
    """Whether ≥ `share` of the clause's characters occur, in order, within a stretch of the
    answer twice the clause's length."""
    need = math.ceil(share * len(clause))
    if sum(min(clause.count(c), answer.count(c)) for c in set(clause)) < need:
        return False  # not even the bag of characters is there
    width, step = 2 * len(clause), max(1, len(clause) // 2)
    starts = range(0, max(1, len(answer) - width + step), step)
    return any(common_subsequence(clause, answer[s:s + width]) >= need for s in starts)


def content_score(gold: str, answer: str) -> float:
    """Share of the gold answer's clauses found in the answer."""
    clauses = clauses_of(gold)
    text = re.sub(r"[^\w%]", "", answer or "")
    return sum(clause_found(c, text) for c in clauses) / len(clauses) if clauses else 0.0


def _supported(answer: str, citations: list[dict], derived: list[dict]) -> bool:
    """Every figure of the answer is in a cited quote, or derived from numbers that are
    (directly or through other derived numbers; see the module docstring)."""
    quotes = [str(c.get("quote", "")) for c in citations]
    # a figure the report writes in Chinese numerals (在职人员六人) supports its digits (6人)
    quoted = [n for q in quotes for n in numbers_in(with_digits(q), figures_only=False)]
    given: list[Number] = []  # what the supported derivations give

    def in_quotes(n: Number) -> bool:
        return any(same_number(n, q) for q in quoted)

    def known(n: Number) -> bool:
        return in_quotes(n) or any(same_number(n, g) or same_number(g, n) for g in given)

    pending = list(derived)
    progress = True
    while progress:  # a derivation counts once all its operands are known
        progress = False
        for d in list(pending):
            if _derivation_holds(d, known, [*quotes, answer]):
                given.extend(_gives(d))
                pending.remove(d)
                progress = True
    return all(known(n) for n in numbers_in(answer))


def _derivation_holds(d: dict, known: Callable[[Number], bool], texts: list[str]) -> bool:
    items = d.get("items")
    if items:
        held = [_squash(re.sub(r"[“”\"]", "", t)) for t in texts]
        names = [_squash(re.sub(r"[“”\"]", "", str(i))) for i in items]
        return (isinstance(d.get("value"), (int, float)) and len(names) == abs(d["value"])
                and all(n and any(n in h for h in held) for n in names))
    operands = numbers_in(str(d.get("calc", "")).split("=")[0], figures_only=False)
    return bool(operands) and all(known(o) for o in operands)


def _gives(d: dict) -> list[Number]:
    out = numbers_in(str(d.get("text", "")), figures_only=False)
    out += numbers_in("=".join(str(d.get("calc", "")).split("=")[1:]), figures_only=False)
    if isinstance(d.get("value"), (int, float)):
        out.append(Number(abs(float(d["value"])), "", str(d["value"])))
    return out


def _hit_at(item: dict, result: dict, k: int = 5) -> bool | None:
    quotes = [_squash(s.get("quote", "")) for s in item.get("sources") or []]
    if not quotes:
        return None
    texts = [_squash(r if isinstance(r, str) else r.get("text") or r.get("quote") or "")
             for r in (result.get("retrieved") or [])[:k]]
    return any(q and q in t for q in quotes for t in texts)


def _other_report(item: dict, result: dict) -> bool | None:
    """Whether an answer about one department cites a report that none of its sources is in
    (None when the item names several departments or has no sources)."""
    files = {s.get("file") for s in item.get("sources") or [] if s.get("file")}
    if not files or not isinstance(item.get("department"), str):
        return None
    cited = {c.get("file") for c in result.get("citations") or [] if c.get("file")}
    return bool(cited - files)


# the note an answer carries when it says the report contradicts itself about a figure shown
# ("（⚠ 报告中该数字与…不一致）"); a quoted sentence that says 不一致, or a consistency
# question's own verdict ("两者不一致，相差…"), is no such note
INCONSISTENCY_NOTE = re.compile(r"⚠[^）)\n]*不一致")


def score_item(item: dict, result: dict) -> dict:
    """Score one result against its dev item (see the module docstring for the rules)."""
    kind, answer = item["kind"], result.get("answer") or ""
    flag = result.get("abstained")
    abstained = flag if isinstance(flag, bool) else abstained_by_text(answer)
    figures = numbers_in(answer)
    missing: list[str] = []
    content = None
    if kind == "unanswerable":
        correct = abstained and not figures
    else:
        gold = numbers_in(item["answer"]) if kind in FIGURE_KINDS else []
        if gold:
            missing = [g.text for g in gold if not any(same_number(g, n) for n in figures)]
            ok = not missing
        else:
            content = content_score(item["answer"], answer)
            ok = content >= 0.6
        correct = ok and not abstained
    return {
        "id": item.get("id"), "kind": kind, "route": result.get("route") or "",
        "answer": answer, "correct": bool(correct), "content": content, "missing": missing,
        "abstained": abstained,
        "abstain_ok": abstained == (kind == "unanswerable"),
        "wrong_abstain": abstained and kind != "unanswerable",
        "citation_support": _supported(answer, result.get("citations") or [],
                                       result.get("derived") or []),
        "hit_at_5": _hit_at(item, result), "seconds": float(result.get("seconds") or 0.0),
        "inconsistency_note": bool(INCONSISTENCY_NOTE.search(answer)),
        "other_report": _other_report(item, result),
        "error": result.get("error"),
    }


def _percentile(xs: list[float], q: float) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    pos = q * (len(xs) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summarise(scored: list[dict]) -> dict:
    """Metrics of one system. Rates are in [0, 1] (None when nothing to rate); ``counts``
    holds [hits, total] for each rate; latencies are in seconds."""
    out: dict = {"n": len(scored), "counts": {}}

    def rate(name: str, flags: Iterable[bool]) -> None:
        flags = list(flags)
        out[name] = sum(flags) / len(flags) if flags else None
        out["counts"][name] = [sum(flags), len(flags)]

    for kind in KIND_ORDER:
        if any(s["kind"] == kind for s in scored):
            rate(f"accuracy/{kind}", (s["correct"] for s in scored if s["kind"] == kind))
    rate("figures", (s["correct"] for s in scored if s["kind"] in FIGURE_KINDS))
    rate("abstention", (s["correct"] for s in scored if s["kind"] == "unanswerable"))
    rate("wrong_abstention", (s["wrong_abstain"] for s in scored if s["kind"] != "unanswerable"))
    rate("citation_support", (s["citation_support"] for s in scored if not s["abstained"]))
    rate("hit_at_5", (s["hit_at_5"] for s in scored if s["hit_at_5"] is not None))
    rate("inconsistency_notes", (s.get("inconsistency_note", False) for s in scored
                                 if not s["abstained"]))
    rate("other_report_cited", (bool(s.get("other_report")) for s in scored
                                if s.get("other_report") is not None and not s["abstained"]))
    seconds = [s["seconds"] for s in scored]
    out["latency_p50"], out["latency_p95"] = _percentile(seconds, .5), _percentile(seconds, .95)
    for route in sorted({s["route"] for s in scored if s["route"]}):
        times = [s["seconds"] for s in scored if s["route"] == route]
        out[f"latency_p50/{route}"] = _percentile(times, .5)
        out[f"latency_p95/{route}"] = _percentile(times, .95)
    return out


LABELS = {"n": "questions", "figures": "figures (figure/rate/comparison/aggregate)",
          "abstention": "abstention on unanswerable", "wrong_abstention": "wrong abstentions",
          "citation_support": "citation support", "hit_at_5": "retrieval hit@5",
          "inconsistency_notes": "answers with a 不一致 note",
          "other_report_cited": "answers citing another report"}


def format_table(summaries: dict[str, dict]) -> str:
    """A Markdown table: one row per metric, one column per system."""
    rows: list[str] = []
    for summary in summaries.values():
        rows += [k for k in summary if k != "counts" and k not in rows]
    lines = ["| metric | " + " | ".join(summaries) + " |",
             "|---" * (len(summaries) + 1) + "|"]
    for key in rows:
        cells = []
        for summary in summaries.values():
            value, count = summary.get(key), summary.get("counts", {}).get(key)
            if value is None:
                cells.append("–")
            elif key.startswith("latency"):
                cells.append(f"{value:.2f} s")
            elif count is not None:
                cells.append(f"{100 * value:.1f}% ({count[0]}/{count[1]})")
            else:
                cells.append(str(value))
        label = LABELS.get(key) or key.replace("_", " ").replace("/", " · ")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run_eval(items: list[dict], systems: dict[str, Callable[[dict], dict]]) -> dict:
    """Ask every system every item, score and summarise. A system that raises gets an empty
    (wrong) answer for that item, with the error recorded."""
    scored: dict[str, list[dict]] = {}
    for name, ask in systems.items():
        scored[name] = []
        for item in items:
            start = time.perf_counter()
            try:
                result = dict(ask(item))
            except Exception as exc:  # noqa: BLE001 - one failure must not end the run
                result = {"id": item.get("id"), "answer": "", "abstained": False,
                          "error": f"{type(exc).__name__}: {exc}"}
            result.setdefault("seconds", time.perf_counter() - start)
            scored[name].append(score_item(item, result))
    return {"systems": {n: summarise(s) for n, s in scored.items()}, "items": scored}
