"""Measure the facts table and the checks against gold figures and known contradictions.

Gold figures come in two shapes, both read by `load_gold`:

* a JSON list of {report, department, year, metric, value, unit, quote, [which], [note]}
  (the reports-dev shape): `metric` names a department figure (预算数, 执行数 …) or carries its
  subject after a colon (`项目预算数:<项目>`, `指标分值:<指标>`);
* JSON lines of {file, metric, scope, subject, value, unit, quote} (the samples' shape).

A figure whose value is text (a grade such as 优秀) is not a number and is skipped.

Per report the score is:

* recall: a gold figure counts when some fact of that report holds its value, read in the
  gold's own unit or, for 元, converted to 万元 (the facts table keeps money in 万元);
* subject recall: as recall, and the fact also names the figure's subject — the name after the
  gold metric's colon (a project, a funding source, an indicator: the fact's subject contains
  it or is contained in it), or no subject for a department figure;
* precision: every fact filed for the department as a whole (scope department, no subject)
  under a headline metric (预算数, 支出, 执行率, 基本支出, 项目支出, 收入) must equal a gold
  department figure of that metric (in 元 or 万元, within 0.006); a project's, a funding
  source's or an indicator's figure filed as the department's is wrong. A metric the gold
  states no department figure of is not judged;
* findings: each checker finding is matched against the report's known inconsistencies
  ({report, check, what, quotes: [a, b], …}); an inconsistency is found when one finding
  names a figure of each of its quotes (the figures of a finding are the numbers of its
  message and of its sources' stated values; a quote's figures are those the other quote
  does not state, when it has such). A finding that finds none is a false alarm.

Everything works on plain dicts (a fact's or a finding's `to_dict()`), so the tests score
made-up lists and the CLI scores the store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from assistant.text.numbers import NUMBER, YEAR_IN_TEXT, parse_decimal

# headline metric of the facts table -> gold metric names of the same department figure
DEPARTMENT_METRICS = {"预算数": ("预算数",), "支出": ("执行数", "支出"), "执行率": ("执行率",),
                      "基本支出": ("基本支出",), "项目支出": ("项目支出",), "收入": ("收入",)}
HEADLINE_GOLD = {m for names in DEPARTMENT_METRICS.values() for m in names}
PRECISION_TOLERANCE = 0.006
YUAN_PER_WAN = 10000


@dataclass(frozen=True)
class GoldFigure:
    """One number a report states, as a gold file lists it."""

    report: str
    metric: str  # with its subject after a colon when it is not the department's own
    value: float
    unit: str
    quote: str
    department_level: bool  # a figure of the department as a whole

    @property
    def label(self) -> str:
        return f"{self.metric}={Decimal(repr(self.value)).normalize():f}{self.unit}"

    def readings(self) -> tuple[tuple[float, int], ...]:
        """(value, decimals compared): as stated, and in 万元 when stated in 元."""
        if self.unit == "元":
            return (self.value, 2), (self.value / YUAN_PER_WAN, 4)
        return ((self.value, 2),)


@dataclass(frozen=True)
class Inconsistency:
    """A contradiction inside a report, with the two quotes that contradict each other."""

    report: str
    check: str
    what: str
    quotes: tuple[str, ...]


@dataclass
class GoldSet:
    """The gold of one file and the inconsistencies that judge its reports' findings
    (None: the findings are counted but not judged)."""

    name: str
    figures: list[GoldFigure]
    inconsistencies: list[Inconsistency] | None = None

    def reports(self) -> list[str]:
        names = [g.report for g in self.figures] + [i.report for i in self.inconsistencies or ()]
        return list(dict.fromkeys(names))


@dataclass
class ReportScore:
    report: str
    facts: int
    gold: int
    found: int
    judged: int
    wrong: int
    findings: int
    inconsistencies: int | None  # None: not judged
    found_inconsistencies: int
    found_subject: int = 0  # gold figures held by a fact with the gold's subject
    missing: list[str] = field(default_factory=list)
    misfiled: list[str] = field(default_factory=list)  # held, but not under the gold's subject
    wrong_figures: list[str] = field(default_factory=list)
    missed_inconsistencies: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return round(self.found / self.gold, 3) if self.gold else None

    @property
    def subject_recall(self) -> float | None:
        return round(self.found_subject / self.gold, 3) if self.gold else None

    @property
    def precision(self) -> float | None:
        return round(1 - self.wrong / self.judged, 3) if self.judged else None

    def to_dict(self) -> dict:
        return {"report": self.report, "facts": self.facts, "recall": self.recall,
                "found": self.found, "gold": self.gold, "subject_recall": self.subject_recall,
                "found_subject": self.found_subject, "precision": self.precision,
                "judged": self.judged, "wrong": self.wrong, "findings": self.findings,
                "inconsistencies": self.inconsistencies,
                "found_inconsistencies": self.found_inconsistencies,
                "false_alarm_count": len(self.false_alarms) if self.inconsistencies is not None
                else None,
                "missing": self.missing, "misfiled": self.misfiled, "wrong_figures": self.wrong_figures,
                "missed_inconsistencies": self.missed_inconsistencies,
                "false_alarms": self.false_alarms}


# loading ----------------------------------------------------------------------------------
def _rows(path: Path) -> list[dict]:
    text = Path(path).read_text(encoding="utf-8")
    if Path(path).suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    data = json.loads(text)
    return data.get("facts", []) if isinstance(data, dict) else data


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def gold_figure(row: dict) -> GoldFigure | None:
    """A gold row of either shape as a GoldFigure; None for a text value (a grade)."""
    if not _is_number(row.get("value")):
        return None
    metric, subject = row["metric"], row.get("subject") or ""
    scope = row.get("scope") or "department"
    return GoldFigure(
        report=row.get("report") or row.get("file") or "",
        metric=f"{metric}:{subject}" if subject else metric,
        value=float(row["value"]), unit=row.get("unit") or "", quote=row.get("quote") or "",
        department_level=scope == "department" and not subject and ":" not in metric)


def load_gold(path: Path | str) -> list[GoldFigure]:
    """The numeric gold figures of a facts.json (list) or gold_facts.jsonl file."""
    return [g for g in map(gold_figure, _rows(Path(path))) if g is not None]


def load_inconsistencies(path: Path | str) -> list[Inconsistency]:
    return [Inconsistency(r["report"], r.get("check", ""), r.get("what", ""),
                          tuple(r.get("quotes") or ()))
            for r in _rows(Path(path))]


def set_name(path: Path) -> str:
    """A gold set's name: its folder for a file called facts.json, else the file's stem."""
    return path.parent.name if path.stem == "facts" else path.stem


def gold_sets(gold_paths: Sequence[Path | str],
              inconsistency_paths: Sequence[Path | str] = ()) -> list[GoldSet]:
    """One GoldSet per gold file. An inconsistencies file judges the gold sets of its own
    folder; a gold set with none given in its folder is judged by an inconsistencies.json
    beside it; a file given in no gold set's folder judges every set still unjudged."""
    sets = [(Path(p).resolve(), GoldSet(set_name(Path(p)), load_gold(p))) for p in gold_paths]
    given = [Path(p).resolve() for p in inconsistency_paths]
    folders = {where.parent for where, _ in sets}
    for where, s in sets:
        mine = [p for p in given if p.parent == where.parent]
        beside = where.with_name("inconsistencies.json")
        for path in mine or ([beside] if beside.exists() else []):
            _add(s, load_inconsistencies(path))
    for path in (p for p in given if p.parent not in folders):
        for _, s in sets:
            if s.inconsistencies is None:
                _add(s, load_inconsistencies(path))
    return [s for _, s in sets]


def _add(gold_set: GoldSet, found: list[Inconsistency]) -> None:
    gold_set.inconsistencies = (gold_set.inconsistencies or []) + found


# scoring ----------------------------------------------------------------------------------
def _holds(value: float, gold: GoldFigure) -> bool:
    return any(round(value, places) == round(reading, places) for reading, places in gold.readings())


def _flat(name: str) -> str:
    return re.sub(r"^(?:其中|含)[：:]?|[\s“”\"'《》：:]", "", name or "")


def _names_subject(fact: dict, gold: GoldFigure) -> bool:
    """Whether a fact holding the gold's value is also filed under the gold's subject."""
    name = _flat(gold.metric.split(":", 1)[1]) if ":" in gold.metric else ""
    subject = _flat(fact.get("subject") or "")
    if name:
        if subject:
            return name in subject or (len(subject) >= 2 and subject in name)
        # a metric that names its subject itself (一般公共预算收入, 公务接待费)
        own = re.sub(r"(?:收入|支出|预算数|执行数)$", "", fact.get("metric") or "")
        return len(own) >= 4 and (own in name or name in own)
    if gold.department_level and gold.metric in HEADLINE_GOLD:
        return (not subject and (fact.get("scope") or "department") == "department") \
            or subject == gold.metric  # 基本支出's budget, filed under the class
    return True


def _of_report(rows: Iterable[dict], report: str, key: str = "report_id") -> list[dict]:
    """The rows of one report; a report is named by its file name (or its stem)."""
    names = {report, Path(report).stem}
    return [r for r in rows if (r.get(key) or "") in names or Path(r.get(key) or "").name in names]


def _equal_to_department(value: float, figures: Sequence[GoldFigure]) -> bool:
    return any(abs(value - g.value) < PRECISION_TOLERANCE
               or (g.unit == "元" and abs(value - g.value / YUAN_PER_WAN) < PRECISION_TOLERANCE)
               for g in figures)


def _judged(fact: dict) -> bool:
    return ((fact.get("scope") or "department") == "department" and not fact.get("subject")
            and fact.get("metric") in DEPARTMENT_METRICS and fact.get("value") is not None)


def _precision(facts: Sequence[dict], gold: Sequence[GoldFigure]) -> tuple[int, list[str]]:
    """(facts judged, wrong ones as `metric=value`)."""
    judged, wrong = 0, []
    for f in filter(_judged, facts):
        names = DEPARTMENT_METRICS[f["metric"]]
        figures = [g for g in gold if g.department_level and g.metric in names]
        if not figures:
            continue
        judged += 1
        if not _equal_to_department(float(f["value"]), figures):
            wrong.append(f"{f['metric']}={f.get('text_value') or f['value']}")
    return judged, wrong


def figures_in(text: str) -> set[Decimal]:
    """The numbers a text states (years such as 2023年 are not figures)."""
    text = YEAR_IN_TEXT.sub(" ", text or "")
    return {d.normalize() for d in map(parse_decimal, NUMBER.findall(text)) if d is not None}


def finding_figures(finding: dict) -> set[Decimal]:
    """What a finding names: the numbers of its message and of its sources' stated values."""
    named = figures_in(finding.get("message", ""))
    for source in finding.get("sources") or ():
        named |= figures_in(source.get("text_value", ""))
    return named


def quote_figures(quotes: Sequence[str]) -> list[set[Decimal]]:
    """Each quote's own figures: those the other quotes do not state (a quote that holds
    another, such as a table row and the row up to one of its cells, is told apart by what
    it adds); all its figures when it adds none."""
    every = [figures_in(q) for q in quotes]
    own = []
    for k, figures in enumerate(every):
        others = set().union(*(f for j, f in enumerate(every) if j != k))
        own.append(figures - others or figures)
    return own


def finds(finding: dict, inconsistency: Inconsistency) -> bool:
    """True when the finding names a figure of each quote of the inconsistency."""
    named = finding_figures(finding)
    return bool(inconsistency.quotes) and \
        all(figures & named for figures in quote_figures(inconsistency.quotes))


def _findings_score(findings: Sequence[dict], known: Sequence[Inconsistency]
                    ) -> tuple[int, list[str], list[str]]:
    """(inconsistencies found, the missed ones, the false alarms' messages)."""
    found = [i for i in known if any(finds(f, i) for f in findings)]
    missed = [f"{i.check}: {i.what}" for i in known if i not in found]
    alarms = [f"[{f.get('kind', '')}] {f.get('message', '')}" for f in findings
              if not any(finds(f, i) for i in known)]
    return len(found), missed, alarms


def score_report(report: str, facts: Sequence[dict], findings: Sequence[dict],
                 gold: Sequence[GoldFigure], known: Sequence[Inconsistency] | None) -> ReportScore:
    """The score of one report's facts and findings (all already of that report)."""
    missing = [g.label for g in gold
               if not any(f.get("value") is not None and _holds(float(f["value"]), g) for f in facts)]
    judged, wrong = _precision(facts, gold)
    found, missed, alarms = _findings_score(findings, known or ())
    misfiled = [g.label for g in gold if g.label not in missing and not any(
        f.get("value") is not None and _holds(float(f["value"]), g) and _names_subject(f, g)
        for f in facts)]
    return ReportScore(
        report=report, facts=len(facts), gold=len(gold), found=len(gold) - len(missing),
        judged=judged, wrong=len(wrong), findings=len(findings),
        inconsistencies=None if known is None else len(known), found_inconsistencies=found,
        found_subject=len(gold) - len(missing) - len(misfiled), missing=missing,
        misfiled=misfiled, wrong_figures=wrong, missed_inconsistencies=missed,
        false_alarms=alarms if known is not None else [])


def _plain(rows: Iterable[object]) -> list[dict]:
    return [r if isinstance(r, dict) else r.to_dict() for r in rows]


def score_set(gold_set: GoldSet, facts: Iterable[object], findings: Iterable[object]) -> dict:
    """The scores of one gold set's reports and their total."""
    facts, findings = _plain(facts), _plain(findings)
    scores = []
    for report in gold_set.reports():
        known = None if gold_set.inconsistencies is None else \
            [i for i in gold_set.inconsistencies if i.report == report]
        scores.append(score_report(
            report, _of_report(facts, report), _of_report(findings, report),
            [g for g in gold_set.figures if g.report == report], known))
    return {"name": gold_set.name, "reports": [s.to_dict() for s in scores],
            "total": total(scores, gold_set.name).to_dict()}


def total(scores: Sequence[ReportScore], name: str) -> ReportScore:
    """The sum of several reports' scores (lists joined, each entry named by its report)."""
    judged = any(s.inconsistencies is not None for s in scores)

    def joined(attr: str) -> list[str]:
        return [f"{s.report}: {x}" for s in scores for x in getattr(s, attr)]

    return ReportScore(
        report=name, facts=sum(s.facts for s in scores), gold=sum(s.gold for s in scores),
        found=sum(s.found for s in scores), judged=sum(s.judged for s in scores),
        wrong=sum(s.wrong for s in scores), findings=sum(s.findings for s in scores),
        inconsistencies=sum(s.inconsistencies or 0 for s in scores) if judged else None,
        found_inconsistencies=sum(s.found_inconsistencies for s in scores),
        found_subject=sum(s.found_subject for s in scores), missing=joined("missing"),
        misfiled=joined("misfiled"), wrong_figures=joined("wrong_figures"),
        missed_inconsistencies=joined("missed_inconsistencies"), false_alarms=joined("false_alarms"))


def evaluate_facts(sets: Sequence[GoldSet], facts: Iterable[object],
                   findings: Iterable[object]) -> dict:
    """{"sets": [{name, reports: [...], total}]}: every gold set scored on the same facts."""
    facts, findings = _plain(facts), _plain(findings)
    return {"sets": [score_set(s, facts, findings) for s in sets]}


# the table --------------------------------------------------------------------------------
HEADER = ("report", "facts", "recall", "with subject", "precision", "findings", "found",
          "false alarms")


def _ratio(part: int, whole: int | None) -> str:
    return "—" if not whole else f"{part}/{whole} {part / whole:.0%}"


def _row(score: dict) -> tuple[str, ...]:
    judged = score["inconsistencies"] is not None
    return (score["report"], str(score["facts"]), _ratio(score["found"], score["gold"]),
            _ratio(score["found_subject"], score["gold"]),
            _ratio(score["judged"] - score["wrong"], score["judged"]), str(score["findings"]),
            f"{score['found_inconsistencies']}/{score['inconsistencies']}" if judged else "—",
            str(score["false_alarm_count"]) if judged else "—")


def _details(score: dict) -> list[str]:
    lines = []
    for key, title in (("missing", "missing"), ("misfiled", "not under their subject"),
                       ("wrong_figures", "wrong department figures"),
                       ("missed_inconsistencies", "missed inconsistencies"),
                       ("false_alarms", "false alarms")):
        if score[key]:
            lines.append(f"  {title}: " + "; ".join(score[key]))
    return [f"{score['report']}"] + lines if lines else []


def format_table(result: dict) -> str:
    """The scores as a text table (one block per gold set, its total last), then each
    report's missing figures, wrong department figures, missed inconsistencies and false
    alarms."""
    rows: list[tuple[str, ...]] = [HEADER]
    details: list[str] = []
    for s in result["sets"]:
        rows += [_row(r) for r in s["reports"]]
        rows.append(_row({**s["total"], "report": f"= {s['name']}"}))
        for r in s["reports"]:
            details += _details(r)
    widths = [max(_width(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = ["  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(r, widths, strict=True))
             .rstrip() for r in rows]
    return "\n".join(lines + ([""] + details if details else []))


def _width(text: str) -> int:
    """Display width: a CJK character takes two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
