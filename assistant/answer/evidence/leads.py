"""Passages of the report that lead a skill's answer: the reason the report gives before a
why-question's figures, the deciding passage before a yes/no question's figures, the cited
sentence that names what a count counts (mixin of `EvidenceStage`)."""

from __future__ import annotations

from assistant.answer.evidence.reasons import REASON
from assistant.answer.evidence.yes_no import asks_yes_no, deciding_passage
from assistant.answer.types import Answer
from assistant.answer.understand.types import Cue, Query
from assistant.text.numbers import CITE_REF


class Leads:
    """The report's passage before a skill's figures (see the module doc)."""

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
