"""The skill protocol, the context a skill answers in, and what the skills share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.answer.arithmetic import recording
from assistant.answer.found import Found
from assistant.answer.lookup import Lookup, item_metric
from assistant.answer.skills.traced import trace
from assistant.answer.types import Answer
from assistant.answer.understand.types import Catalog, Cue, Intent, Query
from assistant.index.records import ReportRecord

# intents whose words name the figures themselves (未执行, 目标, 执行率 recomputed, 差额)
NO_METRIC_INTENTS = (Intent.REMAINING, Intent.TARGET, Intent.RATE_CHECK, Intent.DIFFERENCE, Intent.GROWTH)
NOT_FIGURES = (Intent.LIST, Intent.TEXT, Intent.SUMMARY)


@dataclass
class Context:
    """What a skill answers with: the facts (`Lookup`, the one reader of the store's facts),
    the catalog of the library, and for skills that need them the library itself and the chat
    model (a callable that loads it on first use)."""

    facts: Lookup
    catalog: Catalog
    library: Any = None
    llm: Callable[[], Any] | None = None


class Skill(Protocol):
    """One answer shape. `answer` returns None when the skill cannot answer (the next skill,
    then the evidence stage, is asked); an abstaining Answer says the facts are silent."""

    name: str

    def matches(self, query: Query) -> bool: ...

    def answer(self, query: Query, ctx: Context) -> Answer | None: ...


class Shape:
    """Base of the skills here: `answer` runs `respond` only on a query the skill matches,
    marks the answer with the skill's name, and traces every figure it computed and shows
    (`skills.traced`: derivations recorded by `arithmetic`, operands and tables cited)."""

    name = ""

    def matches(self, query: Query) -> bool:
        raise NotImplementedError

    def respond(self, query: Query, ctx: Context) -> Answer | None:
        raise NotImplementedError

    def answer(self, query: Query, ctx: Context) -> Answer | None:
        if not self.matches(query):
            return None
        with recording() as ledger:
            answer = self.respond(query, ctx)
        if answer is not None:
            answer.skill = self.name
            trace(answer, ledger, ctx.facts)
        return answer


def first_answer(skills: Iterable[Skill], query: Query, ctx: Context) -> Answer | None:
    """The answer of the first skill that matches the query and answers it."""
    for skill in skills:
        if skill.matches(query):
            answer = skill.answer(query, ctx)
            if answer is not None:
                return answer
    return None


def reports_of(query: Query, ctx: Context) -> list[ReportRecord]:
    """The asked reports, in the query's order. Several departments asked with no year: one
    period each, the department's latest (a ranking or a sum never mixes one department's
    two years), unless the question asks for several years ("两年", "历年")."""
    reports = [r for r in (ctx.facts.report(r) for r in query.report_ids) if r is not None]
    if len(query.departments) > 1 and not query.years and Cue.SEVERAL_YEARS not in query.cues:
        return latest_each(reports)
    return reports


def latest_each(reports: Sequence[ReportRecord]) -> list[ReportRecord]:
    """The latest report of each department, in the order the departments first come."""
    latest: dict[str, ReportRecord] = {}
    for r in reports:
        held = latest.get(r.department)
        if held is None or (r.year or 0) > (held.year or 0):
            latest[r.department] = r
    return [r for r in reports if latest[r.department] is r]


def about_figures(query: Query) -> bool:
    """A question about figures of named reports that names a figure, a subject, or an
    intent that names the figures itself."""
    return (bool(query.report_ids) and query.intent not in NOT_FIGURES
            and bool(query.metrics or query.subjects or query.intent in NO_METRIC_INTENTS
                     or query.named_subject))


def computes(query: Query, intent: Intent) -> bool:
    """A figure question of this intent about figures the facts may hold."""
    return about_figures(query) and not query.named_subject and query.intent == intent


Finder = Callable[[ReportRecord, str, str], "Found | None"]


def finder(read: Lookup) -> Finder:
    """A lookup that never lets the question's wording re-pick the metric."""
    return lambda report, metric, subject="": read.lookup(report, metric, subject, "")


def subject_budget(find: Finder, report: ReportRecord, subject: str) -> tuple[Found | None, str]:
    """(the budget of the subject, its name): the final 预算数, else (a subject, an item such as
    “三公”经费, given only its 年初 budget) the 年初预算数. Never the department's figure for a
    subject's: a subject that states no budget gives (None, "预算数")."""
    hit = find(report, "预算数", subject)
    if hit is None and subject:
        hit = find(report, "年初预算数", subject)
        if hit is not None:
            return hit, "年初预算数"
    return hit, "预算数"


def item_subjects(metrics: Sequence[str]) -> tuple[str, ...]:
    """The spending items among the asked metrics (三公经费): each is a subject whose own
    budget and spending a computation reads, never the department's."""
    return tuple(m for m in metrics if item_metric(m) == m)
