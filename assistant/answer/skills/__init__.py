"""Skills: one answer shape each, tried in order; the first that answers wins.

A skill has a `name`, `matches(query) -> bool` (reads only the `Query`, never the question's
words) and `answer(query, ctx) -> Answer | None` (`ctx`: `base.Context`, the facts through
`answer.lookup.Lookup`, the catalog, the library and the chat model). None means "not mine,
or nothing to say": the next skill is asked, and when none answers the evidence stage reads
the reports' text. An abstaining Answer means the facts are silent; the evidence stage then
still searches the asked report's text before the decline stands.

A new answer shape is:
1. its cue in `understand/intent.py` (an `Intent`, a `Cue`, or a slot of `Query`);
2. one skill file here (a `base.Shape` with `name`, `matches`, `respond`);
3. one line in `SKILLS` below (before the shapes it is more specific than);
4. one test (tests/answer/test_skills.py runs the contract on every registered skill).
"""

from __future__ import annotations

from assistant.answer.skills.ask_back import AskBack
from assistant.answer.skills.base import Context, Skill, first_answer
from assistant.answer.skills.criteria import Criteria
from assistant.answer.skills.deductions import Deductions
from assistant.answer.skills.difference import Difference
from assistant.answer.skills.figures import Figures, Share, UnheldSubject
from assistant.answer.skills.growth import Growth
from assistant.answer.skills.project_rank import ProjectRanking
from assistant.answer.skills.rate_check import RateCheck
from assistant.answer.skills.ratio import Ratio
from assistant.answer.skills.reconcile import Reconcile
from assistant.answer.skills.remaining import Remaining
from assistant.answer.skills.report_items import ReportItems
from assistant.answer.skills.rows import ProjectRows
from assistant.answer.skills.subjects_table import SubjectsTable
from assistant.answer.skills.sum import Sum
from assistant.answer.skills.summary import Summary
from assistant.answer.skills.target import Target
from assistant.answer.skills.unstated_rate import UnstatedRate

SKILLS: tuple[Skill, ...] = (
    AskBack(),  # which department? not in the library: before any figure
    ReportItems(),  # the report's problem and measure lists
    SubjectsTable(),  # projects, sources, indicators with their figures
    Criteria(),  # how an indicator is scored (text questions: nothing else from the facts)
    Summary(),
    ProjectRanking(),  # which project has the most (a comparison within one report)
    ProjectRows(),  # the listed projects taken together: count, sum, average (before UnheldSubject)
    Target(),  # before UnheldSubject: a target the facts lack is read from the report's sentences
    UnheldSubject(),  # a named project the facts lack: never the department's figure
    Deductions(),  # the points lost, all of them, against the stated score (before Sum, Reconcile)
    Growth(),  # this period against an earlier one (before Difference)
    Difference(),
    Sum(),
    Remaining(),
    Reconcile(),
    RateCheck(),
    Share(),
    Ratio(),  # one figure against another: 倍, 几成, 百分之几
    UnstatedRate(),  # a subject's rate from its own budget and spending, when not stated
    Figures(),  # the asked figures: what every figure question falls back to
)

__all__ = ["SKILLS", "Context", "Skill", "first_answer"]
