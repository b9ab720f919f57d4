"""Extract the figures a report states, each with its verbatim sentence.

For every number with a unit, the metric is the vocabulary term of the same unit kind that
ends nearest before it, looking no further back than the previous number in the sentence
(so "预算数 3181.27万元，执行数 3168.61万元" pairs each number with its own term). A number
with no term is not a fact: precision first. The paragraph decides the scope: an indicator
paragraph ("（1）收文处理率：预期…95%，实际…100%"), a project paragraph ("X工作：…该项目预算数…"
or a numbered heading under a 项目 section), or the department. Tables, whatever shape they
arrive in, are rebuilt and read by `table_facts`; the prose reading of their text is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts.model import DEPARTMENT, INDICATOR, PROJECT, Fact
from assistant.facts.table_facts import inside, table_facts
from assistant.facts.vocabulary import (
    ACTUAL_WORDS,
    CLASS_RATE,
    COUNT_AFTER,
    GRADE,
    TARGET_WORDS,
    TERMS,
    Term,
)
from assistant.ingest.grid import find_tables
from assistant.ingest.normalise import NormText
from assistant.ingest.structure import Paragraph, ReportStructure
from assistant.text.markers import (
    ENUM,
    LABEL,
    NUMBERED_HEADING,
    NUMBERED_HEADING_MARK,
    sentence_pattern,
)
from assistant.text.numbers import COUNT, MONEY, RATE, SCORE, parse_number, to_canonical, unit_kind
from assistant.text.numbers import UNIT_FIGURE as NUMBER

SENTENCE = sentence_pattern()
PROJECT_HINT = re.compile(r"该项目|本项目|本专项|专项预算|项目预算|该专项")
SHARE = re.compile(r"占[^，。；]{0,10}?(?:的)?(?:比重|比例)?(?:为|达)?$")
PROJECT_METRICS = {"预算数": "预算数", "支出": "支出", "项目支出": "支出", "执行率": "执行率",
                   "项目支出执行率": "执行率"}


@dataclass(frozen=True)
class Context:
    scope: str
    subject: str


def extract_facts(norm: NormText, structure: ReportStructure, page_of=None) -> list[Fact]:
    """All facts of one report, in reading order, without exact duplicates."""
    facts: list[Fact] = []
    for index, para in enumerate(structure.paragraphs):
        if para.is_heading:
            continue
        text = norm.text[para.start:para.end]
        section = " > ".join(para.path)
        facts.extend(_paragraph_facts(text, para, _context(text, para), norm, section, index))
    facts = _with_tables(facts, norm, structure)
    if page_of is not None:
        facts = [_with_page(f, page_of(f.num_start)) for f in facts]
    return _dedupe(facts)


def _with_tables(facts: list[Fact], norm: NormText, structure: ReportStructure) -> list[Fact]:
    """Tables that the text has flattened are read as tables: their figures come from the
    rebuilt grid, and the prose reading of the same text is dropped."""
    found = find_tables(norm.original)
    if not found.spans:
        return facts
    kept = [f for f in facts if not inside(found.spans, f.num_start)]
    return sorted(kept + table_facts(found, norm, structure), key=lambda f: f.num_start)


def _with_page(fact: Fact, page: int) -> Fact:
    return Fact(**{**fact.to_dict(), "page": page})


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple] = set()
    out = []
    for f in facts:
        key = (f.metric, f.scope, f.subject, f.value, f.text_value, f.num_start)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _context(text: str, para: Paragraph) -> Context:
    label = LABEL.match(text)
    if label and any(w in text for w in TARGET_WORDS[:3]) and "实际" in text:
        return Context(INDICATOR, label.group("name").strip())
    if label and PROJECT_HINT.search(text):
        return Context(PROJECT, label.group("name").strip())
    if len(para.path) >= 2 and para.path[-1] and "项目" in "".join(para.path[:-1]):
        heading = para.path[-1]
        if NUMBERED_HEADING.match(heading) and PROJECT_HINT.search(text):
            return Context(PROJECT, NUMBERED_HEADING_MARK.sub("", heading))
    return Context(DEPARTMENT, "")


def _paragraph_facts(
    text: str, para: Paragraph, ctx: Context, norm: NormText, section: str, index: int
) -> list[Fact]:
    facts: list[Fact] = []
    for s in SENTENCE.finditer(text):
        sentence, s_off = s.group(), para.start + s.start()
        previous_end = 0
        previous_metric = ""
        for m in NUMBER.finditer(sentence):
            window = sentence[previous_end:m.start()]
            previous_end = m.end()
            kind = unit_kind(m.group("unit"))
            if ctx.scope == INDICATOR:
                metric = _indicator_metric(text[: s.start() + m.start()], kind)
                scope, subject = INDICATOR, ctx.subject
            else:
                metric, scope, subject = _metric(window, sentence, m, kind, ctx, previous_metric)
            if not metric:
                continue
            previous_metric = metric
            facts.append(_fact(norm, metric, scope, subject, m, s_off, sentence, section, index))
        g = GRADE.search(sentence)
        if g and ctx.scope == DEPARTMENT:
            facts.append(_grade_fact(norm, g, s_off, sentence, section, index))
    return _keep_indicator_ends(facts) if ctx.scope == INDICATOR else facts


def _metric(
    window: str, sentence: str, m: re.Match, kind: str, ctx: Context, previous_metric: str
) -> tuple[str, str, str]:
    """(metric, scope, subject) for one number outside indicator paragraphs; metric '' = none."""
    if kind == RATE and previous_metric and SHARE.search(window):
        return f"{previous_metric}占比", DEPARTMENT, ""
    term = _nearest_term(window, kind)
    if kind == COUNT:
        after = _noun_after(sentence[m.end():])
        term = term or after
    if term is None:
        return "", "", ""
    if _rate_of_class(window, term, previous_metric):
        return CLASS_RATE[previous_metric], DEPARTMENT, ""
    if ctx.scope == PROJECT and term.metric in PROJECT_METRICS:
        return PROJECT_METRICS[term.metric], PROJECT, ctx.subject
    if kind == MONEY and term.metric in {"支出", "预算数"}:
        enum = list(ENUM.finditer(window))
        if enum and window.rfind(term.text) > enum[-1].end():
            name = window[enum[-1].end(): window.rfind(term.text)].strip("，、 ")
            if 2 <= len(name) <= 30:
                return term.metric, PROJECT, name
    return term.metric, DEPARTMENT, ""


def _rate_of_class(window: str, term: Term, previous_metric: str) -> bool:
    """A bare 执行率 that follows the figure of an expenditure class in the same clause
    ("项目支出X元,执行率达Y%") is that class's rate."""
    return (term.metric == "执行率" and previous_metric in CLASS_RATE
            and window.lstrip(" ,，、").startswith(term.text))


def _nearest_term(window: str, kind: str) -> Term | None:
    """The term of this unit kind ending nearest the end of the window (longest on ties).
    Quote marks are ignored: “三公”经费 is 三公经费."""
    window = re.sub(r"[“”\"'‘’「」]", "", window)
    best: tuple[int, int, Term] | None = None
    for term in TERMS:
        if term.kind != kind:
            continue
        pos = window.rfind(term.text)
        if pos < 0:
            continue
        end = pos + len(term.text)
        rank = (end, len(term.text))
        if best is None or rank > best[:2]:
            best = (end, len(term.text), term)
    return best[2] if best else None


def _noun_after(rest: str) -> Term | None:
    for term in sorted(COUNT_AFTER, key=lambda t: -len(t.text)):
        if rest.startswith(term.text):
            return term
    return None


def _indicator_metric(before: str, kind: str) -> str:
    """目标值 / 实际值 / 分值 / 得分 by the nearest cue word before the number."""
    if kind == SCORE:
        return "分值" if before.rfind("分值") > before.rfind("得分") else "得分"
    cues = [(before.rfind(w), "目标值") for w in TARGET_WORDS] + [
        (before.rfind(w), "实际值") for w in ACTUAL_WORDS
    ]
    pos, metric = max(cues)
    return metric if pos >= 0 else ""


def _keep_indicator_ends(facts: list[Fact]) -> list[Fact]:
    """An indicator paragraph may cite several actual figures; keep the first target and the
    last actual of the target's unit (the indicator's own value closes the paragraph)."""
    targets = [f for f in facts if f.metric == "目标值"]
    if not targets:
        return [f for f in facts if f.metric not in {"目标值", "实际值"}]
    unit = targets[0].unit
    actuals = [f for f in facts if f.metric == "实际值" and f.unit == unit]
    others = [f for f in facts if f.metric not in {"目标值", "实际值"}]
    return targets[:1] + actuals[-1:] + others


def _fact(
    norm: NormText, metric: str, scope: str, subject: str, m: re.Match,
    s_off: int, sentence: str, section: str, index: int,
) -> Fact:
    unit = m.group("unit")
    value, canonical = to_canonical(parse_number(m.group("num")), unit)
    start, end = norm.original_span(s_off, s_off + len(sentence))
    n_start, n_end = norm.original_span(s_off + m.start(), s_off + m.end())
    return Fact(
        metric=metric, scope=scope, subject=subject, value=value, unit=canonical,
        text_value=f"{m.group('num')}{unit}", raw=norm.original[n_start:n_end],
        quote=norm.original[start:end], start=start, end=end,
        num_start=n_start, num_end=n_end, section=section, para=index,
    )


def _grade_fact(
    norm: NormText, g: re.Match, s_off: int, sentence: str, section: str, index: int
) -> Fact:
    start, end = norm.original_span(s_off, s_off + len(sentence))
    n_start, n_end = norm.original_span(s_off + g.start("grade"), s_off + g.end("grade"))
    return Fact(
        metric="绩效评级", scope=DEPARTMENT, subject="", value=None, unit="",
        text_value=g.group("grade"), raw=norm.original[n_start:n_end],
        quote=norm.original[start:end], start=start, end=end,
        num_start=n_start, num_end=n_end, section=section, para=index,
    )
