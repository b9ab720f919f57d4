"""The extractive answer (the model off, or its answer rejected): numbered points, a named
section, a stated difference, the reason of a why-question, or the best-covering sentences
of the retrieved passages and the asked reports (mixin of `EvidenceStage`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from langchain_core.runnables import RunnableConfig

from assistant.answer.evidence.enumerated import MAX_POINTS, all_points_after
from assistant.answer.evidence.name_list import listing_sentence
from assistant.answer.evidence.passages import (
    Sentence,
    coverage,
    rank_sentences,
    report_sentences,
    sentences_for,
)
from assistant.answer.evidence.quoting import not_found, within_budget
from assistant.answer.evidence.reasons import best_covering, covering_more, reasons
from assistant.answer.evidence.retrieval import Hit
from assistant.answer.evidence.row_reason import row_reason
from assistant.answer.evidence.search import item_words
from assistant.answer.evidence.search import search as search_report
from assistant.answer.evidence.section_body import MAX_CHARS as SECTION_CHARS
from assistant.answer.evidence.section_body import heading_words, section_whole
from assistant.answer.evidence.stated_difference import agreeing_pair, stated_amount
from assistant.answer.evidence.statements import asks_for_figure
from assistant.answer.evidence.verify import looks_like_instruction
from assistant.answer.outline import named_section
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.text.numbers import STATES_FIGURE

POINT_INTROS = 5  # top-ranked sentences tried as the introduction of numbered points
MIN_COVERAGE = 0.34  # an extractive answer must share this much of the question's content words
LIST_INTRO_COVERAGE = 0.25  # … or this much, for the introduction of a long numbered list
LONG_LIST = 3
WHY_REPORTS = 2  # reports of the best passages read for a why-question that names none


class Extractive:
    """The report's own sentences quoted as the answer (see the module doc)."""

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
            shown = within_budget(chosen, SECTION_CHARS)
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
            answer, stated = self._earned(query, not_found(query), config or {})
            return answer if answer is not None else self._quoted(query, list(stated))
        ranked = self._sentences(query, hits)
        if asks_for_figure(query):  # a figure can only stand in a sentence that states one
            ranked = [s for s in ranked if STATES_FIGURE.search(s.text)]
        if not ranked or coverage(query.content(), ranked[0]) < MIN_COVERAGE:
            whole = best_covering(query.content(), self._report_pool(query))
            if whole:  # the report's whole text holds what the retrieved chunks do not
                return self._quoted(query, whole)
            if query.report_ids:  # the report's own text, item by item (see `evidence`)
                answer, stated = self._earned(query, not_found(query), config or {})
                return answer if answer is not None else self._quoted(query, list(stated))
            return not_found(query)
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

    def _why(self, query: Query, hits: Sequence[Hit] = ()) -> list[Sentence]:
        """For a why-question, the reason the asked reports' text gives (see `reasons`); with
        no report named, the reports of the best retrieved passages are read."""
        if Cue.WHY not in query.cues:
            return []
        ids = query.report_ids or tuple(dict.fromkeys(h.report_id for h in hits[:WHY_REPORTS]))
        found = reasons(query.content(), self._report_pool(replace(query, report_ids=ids)),
                        " ".join(query.subjects), query.years)
        # the reason the table gives in the asked indicator's own row leads (see `row_reason`)
        store = self.library.store
        rows = [r for r in (row_reason(query.content(), rid, store.report_text(rid) or "")
                            for rid in query.report_ids) if r is not None]
        return rows + [s for s in found if not any(r.report_id == s.report_id and s.start < r.end
                                                   and r.start < s.end for r in rows)]
