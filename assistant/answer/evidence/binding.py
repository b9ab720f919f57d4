"""Bind every figure of a written answer to its department, year and subject.

A number a chat model writes is supported only by a cited sentence of the report the answer
attributes it to: the department the answer names for it (the nearest name before it in the
same sentence, else the one the answer last named, else the question's reports). Where the
facts table holds that value for that report, the answer must also name the fact's metric or
subject next to it: 95.53% said of 部门A when 95.53% is 部门B's, or a project's 25万元 moved
onto another item, are flagged, never shown as verified.

It also marks figures the consistency checks found inconsistent in the report
(`assistant.facts.checks`): "（⚠ 报告中该数字与执行数、预算数不一致）" next to the figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.answer import arithmetic as ar
from assistant.facts.vocabulary import TERMS, subject_key
from assistant.index.records import FactRecord, ReportRecord
from assistant.text.markers import ARABIC_POINT
from assistant.text.numbers import DISPLAY_UNIT, NUMBER_PREFIX, number_values

# a list marker ("1.加强…", "2、…") is no figure: no note is ever put after one
LIST_MARKER = re.compile(rf"(?<![\d.,]){ARABIC_POINT}")

SENTENCE_END = re.compile(r"[。；;！!？?\n]")
CLAUSE_END = re.compile(r"[，,。；;！!？?\n]")
TERMS_OF: dict[str, tuple[str, ...]] = {}
for _t in TERMS:
    TERMS_OF[_t.metric] = (*TERMS_OF.get(_t.metric, ()), _t.text)


@dataclass(frozen=True)
class Evidence:
    """A cited sentence and the report it stands in."""

    report_id: str
    quote: str


@dataclass(frozen=True)
class Misbound:
    """A number of the answer whose support is not the report or item the answer gives it."""

    raw: str
    reason: str  # shown to the user


def department_mentions(text: str, names: Sequence[tuple[str, str]]) -> list[tuple[int, str]]:
    """(position, department) of each department name in a text; `names` is (alias,
    department), longest alias first, so a full name wins over the short name inside it."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for alias, department in names:
        if len(alias) < 2 or alias not in text:
            continue
        for m in re.finditer(re.escape(alias), text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            found.append((m.start(), department))
    return sorted(found)


def attributions(text: str, names: Sequence[tuple[str, str]],
                 default: Iterable[str] = ()) -> list[tuple[str, Decimal, int, frozenset[str]]]:
    """(number as written, value, position, departments it is said of) for each number."""
    mentions = department_mentions(text, names)
    out = []
    last: frozenset[str] = frozenset(default)
    start = 0
    for m in list(SENTENCE_END.finditer(text)) + [None]:
        end = m.end() if m else len(text)
        sentence = text[start:end]
        inside = [(p, d) for p, d in mentions if start <= p < end]
        for raw, value in number_values(sentence):
            at = sentence.find(raw)
            before = [d for p, d in inside if p - start <= at]
            after = [d for p, d in inside if p - start > at]
            whose = before[-1:] or after[:1]
            if whose:
                last = frozenset(whose)
            out.append((raw, value, start + at, frozenset(whose) or last))
        if inside:
            last = frozenset([inside[-1][1]])
        start = end
    return out


def misbound(text: str, evidence: Sequence[Evidence], reports: dict[str, ReportRecord],
             names: Sequence[tuple[str, str]], default_reports: Sequence[str],
             facts_of) -> list[Misbound]:
    """Numbers of `text` that stand in cited sentences, but only of other departments' reports
    than the answer gives them, or whose report states that value for another item."""
    default = {reports[r].department for r in default_reports if r in reports}
    out: list[Misbound] = []
    for raw, value, at, whose in attributions(text, names, default):
        holders = [e for e in evidence if _holds(e.quote, value)]
        if not holders or not whose:
            continue  # unsupported numbers are the verifier's; nothing attributed: by value
        own = [e for e in holders if e.report_id in reports and reports[e.report_id].department in whose]
        if not own:
            others = "、".join(dict.fromkeys(reports[e.report_id].department for e in holders
                                              if e.report_id in reports))
            out.append(Misbound(raw, f"{raw}出自{others}的报告，而回答把它归于{'、'.join(sorted(whose))}"))
            continue
        wrong_item = _wrong_item(text, at, value, {e.report_id for e in own}, facts_of)
        if wrong_item:
            out.append(Misbound(raw, f"{raw}在报告中是{wrong_item}，而回答把它用于别的项目"))
    return out


def _holds(quote: str, value: Decimal) -> bool:
    joined = re.sub(r"(?<=[\d,.])\s+(?=[\d,.])", "", quote)
    return any(v.normalize() == value.normalize() for _, v in number_values(joined))


def _clause(text: str, at: int) -> str:
    """The clause around a position, with the one before it (the item is often named there)."""
    ends = [m.start() for m in CLAUSE_END.finditer(text)]
    before = [e for e in ends if e < at]
    start = before[-2] + 1 if len(before) >= 2 else 0
    end = next((e for e in ends if e >= at), len(text))
    return text[start:end]


def _wrong_item(text: str, at: int, value: Decimal, report_ids: set[str], facts_of) -> str:
    """The item the facts table holds this value for, when the answer's clause names none of
    the items that hold it ("" when it names one, or the table holds no such value)."""
    holding = [f for rid in report_ids for f in facts_of(rid) if _fact_has(f, value)]
    if not holding:
        return ""
    clause = re.sub(r"[“”\"\s]", "", _clause(text, at))
    if any(_names_item(clause, f) for f in holding):
        return ""
    f = holding[0]
    return f"“{f.subject}”的{f.metric}" if f.subject else f.metric


def _fact_has(f: FactRecord, value: Decimal) -> bool:
    return any(v.normalize() == value.normalize() for _, v in number_values(f.text_value or ""))


def _names_item(clause: str, f: FactRecord) -> bool:
    if f.subject:
        key = subject_key(f.subject)
        if len(key) >= 2 and key in clause:
            return True
    words = (f.metric, *TERMS_OF.get(f.metric, ()))
    return any(len(w) >= 2 and w in clause for w in words)


# figures the checks flag ----------------------------------------------------------------------
def inconsistency_notes(text: str, report_ids: Iterable[str], findings,
                        cited: list | None = None,
                        derived: list | None = None,
                        shown: list[tuple[str, int, int]] | None = None,
                        quiet: set[tuple[str, int, int, str]] | None = None) -> tuple[str, list[str]]:
    """The text with "（⚠ 报告中该数字与…不一致）" after each figure that a finding of the cited
    reports involves, naming the other figures with their values, and the findings' messages
    (shown as flags). The sources of the figures named are appended to `cited` (report id,
    source) so that the answer cites them too. With `shown` (the spans the answer cites: report
    id, start, end), only the very fact the answer shows is noted — a finding whose statement
    the answer does not cite is not its business — and each finding once. `quiet`: figures the
    answer shows only beside the asked ones (report id, start, end, metric): never noted."""
    ids = set(report_ids)
    values = {v.normalize(): raw for raw, v in number_values(LIST_MARKER.sub(" ", text))}
    flags: list[str] = []
    marked: set[str] = set()
    for finding in findings:
        if finding.report_id not in ids:
            continue
        for source in _suspects(finding, shown, quiet or set()):
            if shown is not None and finding.message in flags:
                break  # once: the finding is noted at the first figure it involves
            for raw in _raws(source, values, marked):
                others = [s for s in finding.sources if s is not source]
                note, computed = _note(finding, others)
                before = text
                text = mark_once(text, raw, note, source.subject)
                if text == before:
                    continue
                marked.add(raw)
                if cited is not None:
                    cited += [(finding.report_id, s) for s in others]
                if derived is not None:
                    derived += computed
                if finding.message not in flags:
                    flags.append(finding.message)
    return text, flags


def _raws(source, values: dict, marked: set[str]) -> list[str]:
    """How the answer writes the figures of a finding's source (not yet marked)."""
    found = (values.get(v.normalize()) for _, v in number_values(source.text_value or ""))
    return [raw for raw in found if raw is not None and raw not in marked]


def _suspects(finding, shown: list[tuple[str, int, int]] | None,
              quiet: set[tuple[str, int, int, str]] = frozenset()) -> list:
    """The sources of a finding a note may stand after: a unit slip's, a rate's, a sum's or a
    growth's last figure (the amount, the stated rate, the stated total, the stated change — the
    figures it is computed from are not in question, and a project row gets no note listing the
    other rows), any other finding's all — of those the answer cites, when it says which; none
    the answer shows only beside the asked figures (`quiet`)."""
    suspects = (finding.sources[-1:] if finding.kind in ("unit", "rate", "sum", "growth")
                else finding.sources)
    suspects = [s for s in suspects if (finding.report_id, s.start, s.end, s.metric) not in quiet]
    if shown is not None:
        suspects = [s for s in suspects if _is_shown(finding.report_id, s, shown)]
    if shown is not None and finding.kind == "conflict":  # no "另一处" for the very sentence shown
        suspects = [s for s in suspects if not _beside(
            finding.report_id, s, [o for o in finding.sources if o is not s], shown)]
    return list(suspects)


def _beside(report_id: str, source, others: list, shown: list[tuple[str, int, int]]) -> bool:
    """Whether every other statement of a conflict stands in the same shown span as the source
    (the reader sees them side by side; the note would call one sentence "another place")."""
    spans = [(a, b) for rid, a, b in shown if rid == report_id and a <= source.start and source.end <= b]
    return bool(others) and any(all(a <= o.start and o.end <= b for o in others) for a, b in spans)


def _is_shown(report_id: str, source, shown: list[tuple[str, int, int]]) -> bool:
    """Whether the answer cites the statement a finding's source comes from."""
    return any(rid == report_id and source.start < end and start < source.end
               for rid, start, end in shown)


MAX_NAMED = 4  # a note names at most this many other figures; beyond, it gives the finding


def _note(finding, others: list) -> tuple[str, list[dict]]:
    """The note put after a flagged figure, and the derivations of the figures it computes
    (a unit slip's product; a sum finding's count and sum of its parts)."""
    slip = _unit_slip(others) if finding.kind == "unit" else None
    if slip is not None:
        return f"（⚠ 单位疑有误：{slip['calc']}，即{slip['text']}）", [slip]
    if finding.kind == "conflict" and others:
        # the same item stated differently: quote the other statement
        quoted = "”、“".join(dict.fromkeys(_statement(s) for s in others))
        return f"（⚠ 报告另一处写作“{quoted}”，与该数字不一致）", []
    if len(others) > MAX_NAMED:
        # a total against many parts (a score table's 17 scores): the finding says it once
        return f"（⚠ 报告中该数字不一致：{finding.message}）", _parts_summed(finding, others)
    with_what = "、".join(dict.fromkeys(_named(s) for s in others)) or "报告中的其他数字"
    return f"（⚠ 报告中该数字与{with_what}不一致）", []


def _parts_summed(finding, parts: list) -> list[dict]:
    """A sum finding's parts counted and added up, as derivations ("17项", "88.5分"): the
    figures its message states that no sentence of the report does."""
    if finding.kind != "sum" or len(parts) < 2:
        return []
    operands = []
    for part in parts:
        values = number_values(part.text_value or "")
        unit = NUMBER_PREFIX.sub("", part.text_value or "").strip()
        if len(values) != 1:
            return []
        operands.append(ar.Operand(_name(part), values[0][1], unit))
    if len({o.unit for o in operands}) != 1:
        return []
    return [ar.count([p.subject or p.metric for p in parts], "项").derived(),
            ar.total(operands).derived()]


def _statement(source, reach: int = 24) -> str:
    """The words of the report that state a source's figure: its clause up to the figure (at
    most `reach` characters before it), on one line, without brackets that would end a note."""
    quote = re.sub(r"\s+", "", str(source.quote or ""))
    value = re.sub(r"\s+", "", str(source.text_value or ""))
    at = quote.find(value) if value else -1
    if at < 0:
        return _named(source)
    start = max(0, at - reach)
    clause = max((quote.rfind(p, start, at) for p in "，。；：,;"), default=-1)
    text = quote[max(start, clause + 1): at + len(value)]
    return text.translate(str.maketrans("（）()", "〔〕〔〕"))


def _unit_slip(others) -> dict | None:
    """People × per-person standard, in 元 and in 万元 (the amount the report wrote in 元)."""
    figures = [number_values(o.text_value or "") for o in others]
    if len(figures) != 2 or not all(figures):
        return None
    a, b = figures[0][0][1], figures[1][0][1]
    product = a * b
    wan = (product / 10000).normalize()
    return {"value": float(wan), "text": f"{format(wan, 'f')}万元",
            "calc": f"{others[0].text_value} × {others[1].text_value} = "
                    f"{format(product.normalize(), 'f')}元"}


def _named(source) -> str:
    """A figure named with its value ("项目支出46.25万元"), or by its name when it has none."""
    value = source.text_value or ""
    return _name(source) + (value if re.search(r"\d", value) else "")


def _name(source) -> str:
    return f"“{source.subject}”{source.metric}" if source.subject else source.metric


NOTE_SPAN = re.compile(r"（⚠[^（）]*(?:（[^（）]*）[^（）]*)*）")


def mark_once(text: str, raw: str, note: str, subject: str = "") -> str:
    """The text with `note` after the first occurrence of the figure `raw` that is not inside
    an earlier note. With a subject that the text names, only an occurrence on a line naming
    that subject is marked (a figure of another project with the same value is not it)."""
    pattern = re.compile(rf"(?<![\d.,]){re.escape(raw)}(?![\d.,]*\d)(?!\s*[、.．](?!\d)){DISPLAY_UNIT}")
    notes = [m.span() for m in NOTE_SPAN.finditer(text)]
    named = bool(subject) and subject in text
    for m in pattern.finditer(text):
        if any(a <= m.start() < b for a, b in notes):
            continue
        if named and subject not in _line_at(text, m.start()):
            continue
        return text[:m.end()] + note + text[m.end():]
    return text


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)]
