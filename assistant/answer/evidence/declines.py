"""A decline is earned: when the facts are silent on a named report, the report's own
sentences that state the asked item are quoted, else the report is searched item by item;
another year's report may state the asked year's figure (mixin of `EvidenceStage`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from langchain_core.runnables import RunnableConfig

from assistant.answer.evidence.nearest import nearest
from assistant.answer.evidence.own_count import own_count
from assistant.answer.evidence.passages import Sentence, report_sentences, sentences_for
from assistant.answer.evidence.quoting import not_found
from assistant.answer.evidence.rows import joined_rows
from assistant.answer.evidence.search import Search, sole_project
from assistant.answer.evidence.search import search as search_report
from assistant.answer.evidence.stated_units import report_fits
from assistant.answer.evidence.statements import answer_from_text, asks_for_figure
from assistant.answer.evidence.statements import find as find_statements
from assistant.answer.evidence.verify import looks_like_instruction
from assistant.answer.evidence.year_columns import asked_cell
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.subjects import unit_own_name
from assistant.answer.understand.types import Intent, Query
from assistant.text.asking import asked_count, names_nothing
from assistant.text.numbers import STATES_FIGURE


class Declines:
    """The facts' decline checked against the report's own text (see the module doc)."""

    def _from_text(self, query: Query, answer: Answer | None
                   ) -> tuple[Answer | None, list[Sentence]]:
        """When the facts route declines a figure of named reports, the reports' own sentences
        may state it: quote them (route "text"), or say which related item they give instead.
        When the facts cannot answer a question that asks a figure, the sentences that state it
        lead the retrieval answer (returned second), and a report that only gives a related
        item declines. The facts answer stands otherwise."""
        declined = answer is not None and answer.abstained and answer.route == "facts"
        if not asks_for_figure(query) or not (declined or answer is None):
            return answer, []
        store = self.library.store
        found = find_statements(store, query)
        stated = [f.sentence for f in found if f.sentence is not None]
        if declined or not stated:
            return answer_from_text(store, query, found) or answer, []
        return answer, stated

    def _earned(self, query: Query, declined: Answer, config: RunnableConfig
                ) -> tuple[Answer | None, list[Sentence]]:
        """A decline of the facts is final only when the asked report's own text does not
        hold the item either (see `evidence`): the sentence that covers it leads the answer
        instead (quoted with the model off, given to the model with it on); otherwise the
        decline names the part of the report nearest to the question."""
        stated: list[Sentence] = []
        nearest: list[Sentence] = []
        for rid in query.report_ids:
            found = self._search_report(query, rid, config)
            if found.found:
                stated += found.found
            elif found.nearest is not None:
                nearest.append(found.nearest)
        stated = [s for s in stated if _names_unit(query, s)]
        if stated:
            return None, stated
        scored = [s for s in self._scored(query) if _names_unit(query, s)]
        if scored:  # a sentence that says it in other words (see `nearest`)
            return None, scored
        return self._nearest_noted(declined, nearest), []

    def _scored(self, query: Query) -> list[Sentence]:
        """Of each asked report, the sentence nearest to the question when it clears the
        threshold (see `nearest`): one per report, so a question that names two departments
        gets each one's own sentence — and none when one department has none (half an answer
        reads as the whole), or when the question asks their sum (a sum is computed, not
        quoted)."""
        if len(query.report_ids) > 1 and query.intent == Intent.SUM:
            return []
        store = self.library.store
        out: list[Sentence] = []
        for rid in query.report_ids:
            report = store.report(rid)
            # the department's names and the report's title (部门整体支出绩效自评报告) say
            # nothing of which sentence holds the item; a project report's project does
            names = (*query.departments, *((report.department, *report.aliases, report.title or "")
                                           if report else ()))
            pool = [s for s in report_sentences(store, rid) if not looks_like_instruction(s.text)]
            pool = joined_rows(pool, store.report_text(rid) or "")  # a labelled row as one
            fits = report_fits(query.content(), query.metrics, store.facts(rid))
            found = nearest(query.content(), tuple(names), pool, asks_for_figure(query),
                            sole_project(store, rid), fits, self.library.bm25.knows)
            if found is not None:
                out.append(found.sentence)
                continue
            counted = self._own_count(query, tuple(names), rid)
            if counted is not None:
                out.append(counted)
        return out if self._departments(s.report_id for s in out) == self._departments(query.report_ids) else []

    def _departments(self, report_ids: Iterable[str]) -> set[str]:
        store = self.library.store
        return {r.department if (r := store.report(rid)) else rid for rid in report_ids}

    def _own_count(self, query: Query, names: tuple[str, ...], rid: str) -> Sentence | None:
        """A count asked of the department with nothing else named (几个人): its own count,
        the one the library's reports usually state (see `own_count`)."""
        unit, rest = asked_count(query.content())
        if not unit or query.metrics or query.subjects:
            return None
        for name in sorted(names, key=len, reverse=True):
            rest = rest.replace(name, " ") if name else rest
        if not names_nothing(rest, self.library.bm25.knows):
            return None  # the question names another item
        store = self.library.store
        return own_count(unit, store.facts(rid), store.facts())

    def _other_years(self, query: Query, declined: Answer) -> tuple[Answer | None, list[Sentence]]:
        """A year the library has no report of, for a department it has: a later report
        often states that year's figure as its comparison ("较2022年的…"). Such sentences,
        covering the asked item and naming the year, are quoted; else the decline stands."""
        years = [str(y) for y in query.years]
        if not years or not query.departments:
            return declined, []
        catalog = self.catalog()
        columns = self._year_column(query, [r for d in query.departments for r in catalog.reports_of(d)])
        if columns is not None:
            return columns, []
        stated: list[Sentence] = []
        probe = replace(query, intent=Intent.FIGURE, metrics=query.metrics or ("",))
        for report in (r for d in query.departments for r in catalog.reports_of(d)):
            found = search_report(self.library.store, probe, report.id, [], query.content(),
                                  True, must=[f"{y}年" for y in years])
            stated += found.found
        if not stated:
            return declined, []
        note = f"（资料库中没有该部门{'、'.join(years)}年的报告；以下为其他年度报告中提到{'、'.join(years)}年的原文）"
        return self._quoted(query, stated, note), []

    def _year_column(self, query: Query, reports) -> Answer | None:
        """The asked year's column of a later report's year-by-year table (2023年度 2024年度):
        the asked item's row, its figure of that year stated and the row cited (see
        `year_columns`); None when no such table holds it."""
        if len(query.years) != 1 or len(query.asked) != 1:
            return None
        store, year = self.library.store, query.years[0]
        for report in reports:
            cell = asked_cell(store.report_text(report.id) or "", year, query.asked[0])
            if cell is None:
                continue
            where = next((s.section for s in report_sentences(store, report.id)
                          if s.start <= cell.start < s.end), "")
            name = self._report_label(report.id)
            text = (f"（资料库中没有该部门{year}年的报告；以下为{name}报告中{year}年度一列的数字）\n"
                    f"{name}的报告表中“{cell.label}”一行，{year}年度为{cell.figure}。 [1]")
            cite = Citation(report.id, report.file, where, cell.row, cell.start, cell.end)
            return Answer(question=query.text, route="retrieval", abstained=False, text=text,
                          backend="none", citations=[cite])
        return None

    def _checked_statement(self, query: Query, answer: Answer, config: RunnableConfig) -> Answer:
        """A sentence the statements search quoted must also pass the evidence stage's test
        (the figure beside the asked item's head: 基本支出39,185.67万元 is no figure of
        基本支出中人员经费); when no sentence of the report does, the report does not give it."""
        for rid in query.report_ids:
            if self._search_report(query, rid, config).found:
                return answer
        declined = not_found(query)
        declined.route = "text"
        return declined

    def _search_report(self, query: Query, report_id: str, config: RunnableConfig) -> Search:
        hits = self.retriever.search(query.text, (report_id,), k=2 * self.top_k,
                                     lexical=query.search_terms())
        retrieved: list[Sentence] = []
        for rank, hit in enumerate(hits):
            retrieved += sentences_for(self.library.store, hit, rank)
        return search_report(self.library.store, query, report_id, retrieved, query.content(),
                             asks_for_figure(query))

    def _nearest_noted(self, declined: Answer, nearest: list[Sentence]) -> Answer:
        """The decline, with the part of the report nearest to the question (named by its
        heading: no figure and no citation, which a decline never shows)."""
        if not nearest or declined.citations:
            return declined
        where = nearest[0].section.rsplit(" > ", 1)[-1].strip()
        if where and not STATES_FIGURE.search(where):
            declined.text += f"\n报告中与所问最接近的内容在“{where}”部分。"
        return declined


def _names_unit(query: Query, sentence: Sentence) -> bool:
    """Whether a sentence may state the figure of the subordinate units the question asks
    (a subject named with its place: 某区光荣院): it names the unit (光荣院) in its text or its
    heading. A sentence that does not is the department's, and a unit's figure is never the
    department's; a question that asks no unit takes any sentence."""
    units = [u for s in query.subjects if (u := unit_own_name(s))]
    return not units or any(u in sentence.text or u in sentence.section for u in units)


def quoted_statement(answer: Answer | None) -> bool:
    """An answer that quotes the report's sentences for an item the facts lack."""
    return answer is not None and answer.route == "text" and not answer.abstained


def facts_declined(answer: Answer | None, query: Query) -> bool:
    """A decline of the facts or statements route about named reports (not an ask-back and
    not a department or year the library lacks)."""
    # (a figure: the evidence stage finds it beside the item's head; the report's own
    # problem and measure lists are read by the facts, a sentence is no such list)
    return (answer is not None and answer.abstained and not answer.final and query.intent != "list"
            and answer.route in ("facts", "text")
            and bool(query.report_ids) and not query.unknown_places and not query.missing_years)

