"""Quoting the report's sentences: citation marks in the report's order, one department's
newest report when no year is asked, the asked reports' sentence pool (mixin of
`EvidenceStage`), and the decline, budget and citation helpers the stage shares."""

from __future__ import annotations

from assistant.answer.evidence.passages import Sentence, report_sentences
from assistant.answer.evidence.target_pair import share_done, target_sentence, verdict
from assistant.answer.evidence.verify import looks_like_instruction
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.types import Cue, Intent, Query
from assistant.index.library import Library
from assistant.text.numbers import with_digits


class Quoting:
    """The chosen sentences quoted with their citations (see the module doc)."""

    def _report_pool(self, query: Query) -> list[Sentence]:
        """Every sentence of the asked reports (none that gives orders)."""
        store = self.library.store
        return [s for rid in query.report_ids for s in report_sentences(store, rid)
                if not looks_like_instruction(s.text)]

    def _quoted(self, query: Query, chosen: list[Sentence],
                lead: str = "（未使用大模型，以下为报告原文摘录）", in_order: bool = True) -> Answer:
        """The chosen sentences quoted in the report's order (`in_order`; else as chosen),
        each with its citation mark; of one department's several reports, only the newest
        one's when the question names no year (see `_one_report`)."""
        chosen = self._one_report(query, chosen)
        chosen, met = self._target_beside(query, chosen)
        share = share_done(query.content(), self._names(chosen[0].report_id, query), chosen[0]) \
            if chosen else None
        if share is not None:
            met += f"\n（按报告所写的目标与完成数计算：{share.calc}）"
        if in_order:
            chosen.sort(key=lambda s: (s.report_id, s.start))
        text = "\n".join(f"{with_digits(s.text)} [{i}]" for i, s in enumerate(chosen, 1))
        return Answer(question=query.text, route="retrieval", abstained=False,
                      text=f"{lead}\n{text}{met}", backend="none",
                      citations=[cite(s, self.library) for s in chosen],
                      derived=[share.derived()] if share is not None else [])

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

    def _target_beside(self, query: Query, chosen: list[Sentence]) -> tuple[list[Sentence], str]:
        """For a question whether a target was met, the sentence that states the target beside
        those that state what was done, and whether it was met when both figures are of one
        unit (see `target_pair`); the chosen sentences and "" otherwise."""
        if query.intent != Intent.TARGET or Cue.WHY in query.cues or not chosen:
            return chosen, ""
        rid = chosen[0].report_id
        names = self._names(rid, query)
        pool = [s for s in report_sentences(self.library.store, rid) if not looks_like_instruction(s.text)]
        target = target_sentence(query.content(), names, pool, chosen)
        if target is None:
            return chosen, ""
        met = verdict(query.content(), names, target, chosen[0])
        return [target, *chosen], (f"\n（按报告所写的目标与实际完成值：{met}）" if met else "")

    def _names(self, report_id: str, query: Query) -> tuple[str, ...]:
        """The names of the asked department and of the report's, which say nothing of the item."""
        report = self.library.store.report(report_id)
        return (*query.departments, *((report.department, *report.aliases) if report else ()))

    def _report_label(self, report_id: str) -> str:
        r = self.library.store.report(report_id)
        return f"{r.department}{r.year or ''}年" if r else report_id


def not_found(query: Query) -> Answer:
    return Answer(question=query.text, route="retrieval", abstained=True,
                  text="报告中未找到与该问题相关的内容。", backend="none")


def within_budget(sentences: list[Sentence], budget: int) -> list[Sentence]:
    """The best sentences that fit in the character budget (the best one always)."""
    chosen, used = [], 0
    for s in sentences:
        if chosen and used + len(s.text) > budget:
            continue
        chosen.append(s)
        used += len(s.text)
    return chosen


def cite(s: Sentence, library: Library) -> Citation:
    r = library.store.report(s.report_id)
    return Citation(s.report_id, r.file if r else s.report_id, s.section, s.quote, s.start, s.end)
