"""The evidence stage of the answer chain: what the asked reports' own text says.

When no skill answered, or a skill found only that the facts are silent, the reports' sentences
that state the asked item are quoted (`statements`), else the asked report is searched item by
item (`search`: a decline is earned); failing those, retrieval restricted to the resolved
reports gives the passages, quoted as they are (the model off) or written around by the chat
model and then verified: every number in a cited span, bound to its owner (`binding`,
`claims`), the output guard on the generated text (`guarded`).

`EvidenceStage` is a part of `AnswerChain` (a mixin): it uses the chain's `library`,
`retriever`, `top_k`, `backend`, `llm`, `model()` and `catalog()`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from langchain_core.runnables import RunnableConfig

from assistant.answer.evidence.binding import Evidence, misbound
from assistant.answer.evidence.claims import bind_answer
from assistant.answer.evidence.enumerated import MAX_POINTS, all_points_after
from assistant.answer.evidence.guarded import GuardedStream, fallback_text, review
from assistant.answer.evidence.name_list import listing_sentence
from assistant.answer.evidence.passages import (
    Sentence,
    coverage,
    rank_sentences,
    report_sentences,
    sentences_for,
)
from assistant.answer.evidence.reasons import REASON, best_covering, covering_more, reasons
from assistant.answer.evidence.retrieval import Hit
from assistant.answer.evidence.search import Search, item_words
from assistant.answer.evidence.search import search as search_report
from assistant.answer.evidence.section_body import MAX_CHARS as SECTION_CHARS
from assistant.answer.evidence.section_body import heading_words, section_whole
from assistant.answer.evidence.stated_difference import agreeing_pair, stated_amount
from assistant.answer.evidence.statements import answer_from_text, asks_for_figure
from assistant.answer.evidence.statements import find as find_statements
from assistant.answer.evidence.verify import (
    flag_numbers,
    looks_like_instruction,
    unsupported_numbers,
)
from assistant.answer.evidence.year_columns import asked_cell
from assistant.answer.evidence.yes_no import asks_yes_no, deciding_passage
from assistant.answer.outline import named_section
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.index.library import Library
from assistant.prompts import render
from assistant.text.numbers import CITE_REF, STATES_FIGURE

ABSTAIN_PHRASES = re.compile(r"资料中未提及|未提及|没有提及|未找到|无法回答|没有相关|不包含|未披露|没有给出")
POINT_INTROS = 5  # top-ranked sentences tried as the introduction of numbered points
MIN_COVERAGE = 0.34  # an extractive answer must share this much of the question's content words
LIST_INTRO_COVERAGE = 0.25  # … or this much, for the introduction of a long numbered list
LONG_LIST = 3
CONTEXT_SENTENCES = 5
WHY_REPORTS = 2  # reports of the best passages read for a why-question that names none
CONTEXT_CHARS = 650  # ≈450 prompt tokens: the first streamed token stays well under 15 s on 2 cores


class EvidenceStage:
    """The chain's evidence step (see the module doc)."""

    def _when_facts_silent(self, query: Query, answer: Answer | None, config: RunnableConfig
                           ) -> tuple[Answer | None, list[Sentence]]:
        """No skill answered, or one found only that the facts are silent: the asked reports'
        own text is read (the sentences that state the item, then the report searched item by
        item, see `evidence`); a skill's answer that quotes a statement is checked against it.
        Returns the answer (None: the retrieval answer follows) and the sentences that state
        the asked figure."""
        answer, stated = self._from_text(query, answer)
        if _facts_declined(answer, query) or (stated and not (answer and answer.final)):
            return self._earned(query, answer or _not_found(query), config)
        if _quoted_statement(answer) and asks_for_figure(query):
            return self._checked_statement(query, answer, config), stated
        return self._names_shown(query, self._passage_first(query, self._reason_first(query, answer))), stated

    @staticmethod
    def _names_shown(query: Query, answer: Answer | None) -> Answer | None:
        """A count a skill answered when the names of what it counts are asked (下属事业单位
        2个 — 叫什么？): the cited sentence, which names them, is quoted after the count."""
        if answer is None or answer.abstained or Cue.NAMES not in query.cues or answer.route != "facts":
            return answer
        quotes = [c.quote.strip() for c in answer.citations if c.quote.strip() not in answer.text]
        if quotes:
            answer.text += "\n（报告原文：" + "；".join(dict.fromkeys(quotes)) + "）"
        return answer

    def _reason_first(self, query: Query, answer: Answer | None) -> Answer | None:
        """A why-question a skill answered with figures (执行率85.47%): the reason the report
        gives leads, the figures follow (their citation marks renumbered after its own)."""
        if answer is None or answer.abstained or Cue.WHY not in query.cues or not query.report_ids:
            return answer
        why = [s for s in self._why(query) if REASON.search(s.text)  # the figures are the skill's
               and not any(c.start == s.start for c in answer.citations)]
        if not why:
            return answer
        lead = self._quoted(query, why, "（报告所述原因）", in_order=False)
        shift = len(lead.citations)
        figures = CITE_REF.sub(lambda m: f"[{int(m.group(1)) + shift}]", answer.text)
        answer.text = f"{lead.text}\n（相关数字）\n{figures}"
        answer.citations = lead.citations + answer.citations
        return answer

    def _passage_first(self, query: Query, answer: Answer | None) -> Answer | None:
        """A yes/no question a skill answered with figures (X算不算本局的支出？): the passage of
        the report that decides it leads, the figures follow (see `yes_no`)."""
        if answer is None or answer.abstained or not query.report_ids or not asks_yes_no(query):
            return answer
        passage = deciding_passage(query, self._report_pool(query))
        if passage is None or any(c.start == passage.start and c.report_id == passage.report_id
                                  for c in answer.citations):
            return answer
        lead = self._quoted(query, [passage], "（报告原文）")
        figures = CITE_REF.sub(lambda m: f"[{int(m.group(1)) + 1}]", answer.text)
        answer.text = f"{lead.text}\n（相关数字）\n{figures}"
        answer.citations = lead.citations + answer.citations
        return answer

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
        if stated:
            return None, stated
        return self._nearest_noted(declined, nearest), []

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
        declined = _not_found(query)
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

    # retrieval route -------------------------------------------------------------------------------
    def _sentences(self, query: Query, hits) -> list[Sentence]:
        store = self.library.store
        pool: list[Sentence] = []
        for rank, hit in enumerate(hits):
            pool += sentences_for(store, hit, rank)
        # a report's text is data: sentences that give orders never reach the answer or the LLM
        pool = [s for s in pool if not looks_like_instruction(s.text)]
        return rank_sentences(query.content(), pool)

    def _points(self, query: Query, hits) -> Answer | None:
        """What was done or which measures were taken: the numbered points that a top-ranked
        sentence introduces, quoted in order with it (see `enumerated`)."""
        if query.intent not in ("text", "list") or Cue.POINTS not in query.cues:
            return None
        content = query.content()
        for intro in self._sentences(query, hits)[:POINT_INTROS]:
            share = coverage(content, intro)
            if share < LIST_INTRO_COVERAGE:
                continue
            points = all_points_after(intro, report_sentences(self.library.store, intro.report_id))
            # a sentence that introduces a long list ("…开展全过程预算绩效管理：") says less of
            # the question in its own words than a sentence that answers it
            if points and (share >= MIN_COVERAGE or len(points) >= LONG_LIST):
                answer = self._quoted(query, [intro, *points[:MAX_POINTS]], "（以下为报告原文所列各点）")
                if len(points) > MAX_POINTS:  # a list is kept whole, or where it is cut is said
                    answer.text += f"\n（原文共列{len(points)}点，以上为前{MAX_POINTS}点，其余见报告原文。）"
                return answer
        return self._named_list(query)

    def _named_list(self, query: Query) -> Answer | None:
        """Which units or offices the report names, listed in one sentence (下属事业单位分别为：
        甲、乙、丙): that sentence, quoted (see `name_list`)."""
        if not query.report_ids or not query.asked:
            return None
        words = item_words(query.asked[0])
        found = listing_sentence(words[-1] if words else "", words[:-1], self._report_pool(query))
        return self._quoted(query, [found], "（以下为报告原文所列）") if found is not None else None

    def _section(self, query: Query) -> Answer | None:
        """A text question whose subject is a heading of the asked report: the body under
        that heading, quoted from its start (see `section_whole`)."""
        if query.intent != "text" or not query.report_ids:
            return None
        store = self.library.store
        pool = [s for rid in query.report_ids for s in report_sentences(store, rid)]
        body, whole = section_whole(query.content(), pool)
        if not body:
            return self._outlined_section(query)
        heading = body[0].section.rsplit(" > ", 1)[-1]
        answer = self._quoted(query, body, f"（以下为报告“{heading}”一节原文）")
        if whole > len(body):  # a long section: where the quote stops
            answer.text += (f"\n（该节共{whole}句，篇幅较长，以上为前{len(body)}句，"
                            f"止于“{body[-1].text[-12:]}”；其余见报告原文该节。）")
        return answer

    def _outlined_section(self, query: Query) -> Answer | None:
        """The section whose heading, in the report's own heading tree (any numbering style),
        holds most of the question's words: its items quoted (see `outline.named_section`)."""
        if Cue.WHY in query.cues:  # a reason is asked, not a section
            return None
        content = query.content()
        words = sorted(heading_words(content), key=content.find)  # in the question's order
        for rid in query.report_ids:
            section, quoted = named_section(words, self.library.store, rid)
            if section is None or not quoted:
                continue
            chosen = [Sentence(rid, i.section, i.text, i.quote, i.start, i.end, 0) for i in quoted]
            shown = _within_budget(chosen, SECTION_CHARS)
            answer = self._quoted(query, shown, f"（以下为报告“{section.title}”一节原文）")
            if len(shown) < len(chosen):  # a long section: where the quote stops
                answer.text += f"\n（该节共{len(chosen)}项，以上为前{len(shown)}项，其余见报告原文该节。）"
            return answer
        return None

    def _extractive(self, query: Query, hits, stated: Sequence[Sentence] = (),
                    config: RunnableConfig | None = None) -> Answer:
        why = self._why(query, hits)
        if why:  # the reason leads, before the sentences that name the item or state its figure
            shown = {(s.report_id, s.start) for s in why}
            return self._quoted(query, why + [s for s in stated if (s.report_id, s.start) not in shown],
                                in_order=False)
        if stated:  # sentences that state the asked figure (see `_from_text`)
            return self._quoted(query, list(stated))
        stated = self._stated_difference(query)
        if stated:
            return self._difference_checked(query, self._quoted(query, stated), stated[0])
        if asks_for_figure(query):  # the asked item itself must stand in the quoted sentence
            answer, stated = self._earned(query, _not_found(query), config or {})
            return answer if answer is not None else self._quoted(query, list(stated))
        ranked = self._sentences(query, hits)
        if asks_for_figure(query):  # a figure can only stand in a sentence that states one
            ranked = [s for s in ranked if STATES_FIGURE.search(s.text)]
        if not ranked or coverage(query.content(), ranked[0]) < MIN_COVERAGE:
            whole = best_covering(query.content(), self._report_pool(query))
            if whole:  # the report's whole text holds what the retrieved chunks do not
                return self._quoted(query, whole)
            if query.report_ids:  # the report's own text, item by item (see `evidence`)
                answer, stated = self._earned(query, _not_found(query), config or {})
                return answer if answer is not None else self._quoted(query, list(stated))
            return _not_found(query)
        wider = self._covers_more(query, ranked[0])
        if wider:  # the asked report holds a sentence with more of the question's words
            return self._quoted(query, wider)
        best = ranked[0].score
        return self._quoted(query, [s for s in ranked[:3] if s.score >= 0.6 * best])

    def _stated_difference(self, query: Query) -> list[Sentence]:
        """A difference no skill could compute (调增了多少 of a project): the report's own
        sentence that states it (every asked word and an amount: …年中调增48.30万元), if any."""
        if query.intent != Intent.DIFFERENCE or len(set(query.departments)) != 1:
            return []  # (a question that names no department is no report's)
        return [s for rid in query.report_ids
                for s in search_report(self.library.store, query, rid, [], query.content(), True).found]

    def _difference_checked(self, query: Query, answer: Answer, sentence: Sentence) -> Answer:
        """The stated difference with the two figures of the item that differ by it, when the
        facts hold them (see `stated_difference`)."""
        words = item_words(query.asked[0]) if query.asked else ()
        stated = stated_amount(words[-1:], sentence.text)
        if stated is None or not query.subjects:
            return answer
        written, amount = stated
        subject = query.subjects[0]
        facts = [f for f in self.library.store.facts(sentence.report_id) if f.subject == subject]
        pair = agreeing_pair(amount, facts)
        if pair is None:
            return answer
        a, b = pair
        n = len(answer.citations)
        answer.text += (f"\n（该项目{a.metric}{a.text_value} [{n + 1}]，{b.metric}{b.text_value} [{n + 2}]，"
                        f"相差{written}，与上文一致）")
        r = self.library.store.report(sentence.report_id)
        answer.citations += [Citation(f.report_id, r.file if r else f.report_id, f.section, f.quote,
                                      f.start, f.end) for f in (a, b)]
        return answer

    def _covers_more(self, query: Query, first: Sentence) -> list[Sentence]:
        """The asked report's sentences that cover more of the question's content words than
        the best retrieved one (retrieval ranks by rare words; a sentence of the report may hold
        more of what is asked); [] when none does or no report is named."""
        if not query.report_ids:
            return []
        return covering_more(query.content(), first, self._report_pool(query))

    def _report_pool(self, query: Query) -> list[Sentence]:
        """Every sentence of the asked reports (none that gives orders)."""
        store = self.library.store
        return [s for rid in query.report_ids for s in report_sentences(store, rid)
                if not looks_like_instruction(s.text)]

    def _why(self, query: Query, hits: Sequence[Hit] = ()) -> list[Sentence]:
        """For a why-question, the reason the asked reports' text gives (see `reasons`); with
        no report named, the reports of the best retrieved passages are read."""
        if Cue.WHY not in query.cues:
            return []
        ids = query.report_ids or tuple(dict.fromkeys(h.report_id for h in hits[:WHY_REPORTS]))
        return reasons(query.content(), self._report_pool(replace(query, report_ids=ids)),
                       " ".join(query.subjects), query.years)

    def _quoted(self, query: Query, chosen: list[Sentence],
                lead: str = "（未使用大模型，以下为报告原文摘录）", in_order: bool = True) -> Answer:
        """The chosen sentences quoted in the report's order (`in_order`; else as chosen),
        each with its citation mark; of one department's several reports, only the newest
        one's when the question names no year (see `_one_report`)."""
        chosen = self._one_report(query, chosen)
        if in_order:
            chosen.sort(key=lambda s: (s.report_id, s.start))
        text = "\n".join(f"{s.text} [{i}]" for i, s in enumerate(chosen, 1))
        return Answer(question=query.text, route="retrieval", abstained=False,
                      text=f"{lead}\n{text}", backend="none",
                      citations=[_cite(s, self.library) for s in chosen])

    def _one_report(self, query: Query, chosen: list[Sentence]) -> list[Sentence]:
        """Sentences of several years' reports of one department, for a question that names
        no year (nor asks of every year: 两年, 历年): the newest report's only — an older
        report's sentence about the same item is another year's, not the answer."""
        if query.years or Cue.SEVERAL_YEARS in query.cues:
            return chosen
        store = self.library.store
        reports = [r for r in (store.report(rid) for rid in dict.fromkeys(s.report_id for s in chosen)) if r]
        if len(reports) < 2 or len({r.department for r in reports}) != 1:
            return chosen
        newest = max(reports, key=lambda r: r.year or 0).id
        return [s for s in chosen if s.report_id == newest]

    def _generate(self, query: Query, hits, config: RunnableConfig,
                  stated: Sequence[Sentence] = ()) -> Iterator[str]:
        stated = list(stated) or self._why(query, hits)  # the reason first, for a why-question
        given = {(s.report_id, s.start) for s in stated}
        pool = list(stated) + [s for s in self._sentences(query, hits) if (s.report_id, s.start) not in given]
        ranked = _within_budget(pool[:CONTEXT_SENTENCES], CONTEXT_CHARS)
        ranked.sort(key=lambda s: (s.rank, s.start))
        if not ranked:
            text = "报告中未找到与该问题相关的内容。"
            yield text
            return Answer(question=query.text, route="retrieval", abstained=True, text=text,
                          backend=self.backend)
        passages = "\n".join(
            f"[{i}] （{self._report_label(s.report_id)}｜{s.section}）{s.text}"
            for i, s in enumerate(ranked, 1))
        system = render("answer_system")
        messages = [("system", system),
                    ("human", render("answer_user", passages=passages, question=query.text))]
        stream = GuardedStream(self.model().stream(messages, config))
        yield from stream  # stops as soon as the text loops
        raw = stream.text.strip()
        text, said, problems = review(raw, [system], declined=bool(ABSTAIN_PHRASES.search(raw)),
                                      looped=stream.looped)
        if problems:  # never shown as the model's clean work: the report's own sentences
            answer = self._extractive(query, hits, stated, config)
            answer.text = fallback_text(answer.text, problems)
            answer.flags = [f"模型回答未采用：{p.message}" for p in problems] + answer.flags
            return answer
        answer = self._verified(query, text, ranked)
        if said:
            answer.flags.append(f"已删去模型回答中的说明文字：{'；'.join(said)}")
        return bind_answer(answer, ranked, self.catalog(), query.report_ids)

    def _verified(self, query: Query, text: str, ranked: Sequence[Sentence]) -> Answer:
        used = sorted({int(n) for n in CITE_REF.findall(text) if 0 < int(n) <= len(ranked)})
        cited = [ranked[n - 1] for n in used]
        numbers_ok = {s: s for s in cited}
        # a number the model did not cite but that stands in another given sentence: cite it
        for raw in unsupported_numbers(text, [s.quote for s in cited]):
            extra = next((s for s in ranked if raw.replace(",", "") in re.sub(r"[\s,]", "", s.quote)), None)
            if extra is not None:
                numbers_ok[extra] = extra
        cited = list(numbers_ok)
        declined = bool(ABSTAIN_PHRASES.search(text))
        if not cited and not declined:
            cited = list(ranked)  # the model dropped its [n] marks: the sentences it was given
        bad = unsupported_numbers(text, [s.quote for s in cited])
        flags = [f"以下数字未在引用原文中找到，已标注：{'、'.join(bad)}"] if bad else []
        wrong = self._misbound(query, text, cited)
        if wrong:
            bad += [w.raw for w in wrong]
            flags.append("以下数字与回答所说的部门或项目不符，已标注：" + "；".join(w.reason for w in wrong))
        abstained = declined and not numbers_ok
        if abstained:
            text, cited, flags = "报告中未找到与该问题相关的内容。", [], []
        return Answer(question=query.text, route="retrieval", abstained=abstained,
                      text=flag_numbers(text, bad), backend=self.backend, flags=flags,
                      citations=[_cite(s, self.library) for s in cited])

    def _misbound(self, query: Query, text: str, cited: Sequence[Sentence]) -> list:
        """Numbers that a cited sentence holds, but of another department's report than the
        answer gives them, or of another item (see `assistant.answer.evidence.binding`)."""
        store = self.library.store
        reports = {r.id: r for r in store.reports()}
        evidence = [Evidence(s.report_id, s.quote) for s in cited]
        return misbound(text, evidence, reports, self.catalog().names(), query.report_ids,
                        store.facts)

    def _report_label(self, report_id: str) -> str:
        r = self.library.store.report(report_id)
        return f"{r.department}{r.year or ''}年" if r else report_id


def _quoted_statement(answer: Answer | None) -> bool:
    """An answer that quotes the report's sentences for an item the facts lack."""
    return answer is not None and answer.route == "text" and not answer.abstained


def _not_found(query: Query) -> Answer:
    return Answer(question=query.text, route="retrieval", abstained=True,
                  text="报告中未找到与该问题相关的内容。", backend="none")


def _facts_declined(answer: Answer | None, query: Query) -> bool:
    """A decline of the facts or statements route about named reports (not an ask-back and
    not a department or year the library lacks)."""
    # (a figure: the evidence stage finds it beside the item's head; the report's own
    # problem and measure lists are read by the facts, a sentence is no such list)
    return (answer is not None and answer.abstained and not answer.final and query.intent != "list"
            and answer.route in ("facts", "text")
            and bool(query.report_ids) and not query.unknown_places and not query.missing_years)


def _within_budget(sentences: list[Sentence], budget: int) -> list[Sentence]:
    """The best sentences that fit in the character budget (the best one always)."""
    chosen, used = [], 0
    for s in sentences:
        if chosen and used + len(s.text) > budget:
            continue
        chosen.append(s)
        used += len(s.text)
    return chosen


def _cite(s: Sentence, library: Library) -> Citation:
    r = library.store.report(s.report_id)
    return Citation(s.report_id, r.file if r else s.report_id, s.section, s.quote, s.start, s.end)
