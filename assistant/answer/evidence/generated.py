"""The generated answer: the best passages given to the chat model, its text guarded,
every number checked against the cited spans and bound to its owner (mixin of
`EvidenceStage`)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from langchain_core.runnables import RunnableConfig

from assistant.answer.evidence.binding import Evidence, misbound
from assistant.answer.evidence.claims import bind_answer
from assistant.answer.evidence.guarded import GuardedStream, fallback_text, review
from assistant.answer.evidence.passages import Sentence
from assistant.answer.evidence.quoting import cite, within_budget
from assistant.answer.evidence.verify import flag_numbers, unsupported_numbers
from assistant.answer.types import Answer
from assistant.answer.understand.types import Query
from assistant.prompts import render
from assistant.text.numbers import CITE_REF

ABSTAIN_PHRASES = re.compile(r"资料中未提及|未提及|没有提及|未找到|无法回答|没有相关|不包含|未披露|没有给出")
CONTEXT_SENTENCES = 5
CONTEXT_CHARS = 650  # ≈450 prompt tokens: the first streamed token stays well under 15 s on 2 cores


class Generated:
    """The chat model's answer over the passages, verified (see the module doc)."""

    def _generate(self, query: Query, hits, config: RunnableConfig,
                  stated: Sequence[Sentence] = ()) -> Iterator[str]:
        stated = list(stated) or self._why(query, hits)  # the reason first, for a why-question
        given = {(s.report_id, s.start) for s in stated}
        pool = list(stated) + [s for s in self._sentences(query, hits) if (s.report_id, s.start) not in given]
        ranked = within_budget(pool[:CONTEXT_SENTENCES], CONTEXT_CHARS)
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
                      citations=[cite(s, self.library) for s in cited])

    def _misbound(self, query: Query, text: str, cited: Sequence[Sentence]) -> list:
        """Numbers that a cited sentence holds, but of another department's report than the
        answer gives them, or of another item (see `assistant.answer.evidence.binding`)."""
        store = self.library.store
        reports = {r.id: r for r in store.reports()}
        evidence = [Evidence(s.report_id, s.quote) for s in cited]
        return misbound(text, evidence, reports, self.catalog().names(), query.report_ids,
                        store.facts)
