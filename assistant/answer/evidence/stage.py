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

from langchain_core.runnables import RunnableConfig

from assistant.answer.evidence.declines import Declines, facts_declined, quoted_statement
from assistant.answer.evidence.document_fields import field_sentences
from assistant.answer.evidence.extractive import Extractive
from assistant.answer.evidence.generated import Generated
from assistant.answer.evidence.leads import Leads
from assistant.answer.evidence.passages import Sentence, report_sentences
from assistant.answer.evidence.quoting import Quoting, not_found
from assistant.answer.evidence.statements import asks_for_figure
from assistant.answer.types import Answer
from assistant.answer.understand.types import Query


class EvidenceStage(Leads, Declines, Extractive, Generated, Quoting):
    """The chain's evidence step (see the module doc)."""

    def _when_facts_silent(self, query: Query, answer: Answer | None, config: RunnableConfig
                           ) -> tuple[Answer | None, list[Sentence]]:
        """No skill answered, or one found only that the facts are silent: the asked reports'
        own text is read (the sentences that state the item, then the report searched item by
        item, see `evidence`); a skill's answer that quotes a statement is checked against it.
        Returns the answer (None: the retrieval answer follows) and the sentences that state
        the asked figure."""
        fields = self._document_fields(query, answer)
        if fields is not None:
            return fields, []
        answer, stated = self._from_text(query, answer)
        if facts_declined(answer, query) or (stated and not (answer and answer.final)):
            return self._earned(query, answer or not_found(query), config)
        if quoted_statement(answer) and asks_for_figure(query):
            return self._checked_statement(query, answer, config), stated
        return self._names_shown(query, self._passage_first(query, self._reason_first(query, answer))), stated

    def _document_fields(self, query: Query, answer: Answer | None) -> Answer | None:
        """Who published the asked report, when, or whose report it is, when no skill answered:
        the report's field lines and title, quoted (see `document_fields`); None otherwise."""
        if (answer is not None and not answer.abstained) or len(query.report_ids) != 1:
            return None
        rid = query.report_ids[0]
        report = self.library.store.report(rid)
        store = self.library.store
        chosen = field_sentences(query.content(), report_sentences(store, rid),
                                 report.title if report else "", store.report_text(rid) or "")
        return self._quoted(query, chosen, "（以下为报告的页面信息与标题原文）") if chosen else None
