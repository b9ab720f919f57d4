"""The answer chain: resolve the question, answer from the facts when they can, otherwise
retrieve and answer from sentences (an LLM writes around them, or they are quoted as they
are), then verify that every number stands in a cited span.

``AnswerChain`` is a LangChain ``Runnable``::

    chain.invoke("番禺区政府办2022年基本支出有多少？")            # -> Answer
    chain.invoke({"question": "番禺区委办呢？", "history": ["荔湾区政府办2023年的执行率是多少？"]})
    for part in chain.stream(question, {"callbacks": [handler]}): ...  # str pieces, then the Answer
    chain.batch([q1, q2])                                           # -> [Answer, Answer]

The config (callbacks, tags, metadata, run_name) reaches the retriever and the chat model as
child runs. ``QA`` keeps the older call shape (``ask``/``stream`` with a ``Conversation``).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from langchain_core.messages import BaseMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable, RunnableConfig
from typing_extensions import TypedDict

from assistant.answer.binding import Evidence, inconsistency_notes, mark_once, misbound
from assistant.answer.claims import bind_answer
from assistant.answer.clarify import clarification
from assistant.answer.enumerated import asks_for_points, points_after
from assistant.answer.evidence import Search
from assistant.answer.evidence import search as search_report
from assistant.answer.facts_route import FactAnswerer
from assistant.answer.guarded import GuardedStream, fallback_text, review
from assistant.answer.passages import (
    Sentence,
    coverage,
    rank_sentences,
    report_sentences,
    sentences_for,
)
from assistant.answer.question import Catalog, Query, resolve
from assistant.answer.retrieval import Hit, HybridRetriever
from assistant.answer.section_body import section_body
from assistant.answer.statements import answer_from_text, asks_for_figure
from assistant.answer.statements import find as find_statements
from assistant.answer.types import Answer, Citation
from assistant.answer.understand.model_fill import fill
from assistant.answer.verify import flag_numbers, looks_like_instruction, unsupported_numbers
from assistant.facts.checks import check_facts
from assistant.index.library import Library
from assistant.index.ocr_marks import OCR_LOW
from assistant.ingest.aliases import NAMED_OFFICE, short_name
from assistant.prompts import render
from assistant.text.numbers import CITE_REF, STATES_FIGURE, number_values

OCR_NOTE = "（OCR低置信，请核对原件）"
ABSTAIN_PHRASES = re.compile(r"资料中未提及|未提及|没有提及|未找到|无法回答|没有相关|不包含|未披露|没有给出")
POINT_INTROS = 5  # top-ranked sentences tried as the introduction of numbered points
MIN_COVERAGE = 0.34  # an extractive answer must share this much of the question's content words
CONTEXT_SENTENCES = 5
CONTEXT_CHARS = 650  # ≈450 prompt tokens: the first streamed token stays well under 15 s on 2 cores


@dataclass
class Conversation:
    """What follow-up questions need from earlier turns."""

    queries: list[Query] = field(default_factory=list)


class AnswerInput(TypedDict, total=False):
    """What `AnswerChain.invoke` takes (or just the question as a string).

    ``conversation`` is updated in place, so the next question can follow up on this one;
    ``history`` instead lists the earlier turns (questions as strings, or chat messages:
    ``("human", text)``, ``{"role": "user", "content": text}``, ``HumanMessage``), which are
    resolved again in order and not changed (a ``Conversation`` given as history is used as is). ``with_retrieval`` also retrieves when the facts answer (for the eval)."""

    question: str
    conversation: Conversation
    history: Conversation | Sequence[Any]
    with_retrieval: bool


class AnswerChain(Runnable[AnswerInput | str, Answer]):
    """The retrieval chain of the design, with the Runnable interface (see the module doc)."""

    def __init__(self, library: Library, llm=None, backend: str = "none", top_k: int = 5,
                 llm_factory=None, max_tokens: int | None = None,
                 retriever: HybridRetriever | None = None) -> None:
        self.library = library
        self._llm = llm
        self._llm_factory = llm_factory  # loads the chat model on the first retrieval answer
        self._llm_lock = threading.Lock()  # parallel askers load it once
        self.backend = backend
        self.top_k = top_k
        self.max_tokens = max_tokens  # None: the chat model's own setting
        self.facts = FactAnswerer(library.store)
        self._catalog: tuple[int, Catalog] | None = None  # (store signature, catalog)
        self._checked: dict[tuple, list] = {}  # (store signature, report) -> findings
        self.retriever = retriever if retriever is not None else HybridRetriever(library, k=top_k)

    # the Runnable interface --------------------------------------------------------------------
    def invoke(self, input: AnswerInput | str, config: RunnableConfig | None = None,
               **kwargs: Any) -> Answer:
        answer = None
        for part in self.stream(input, config, **kwargs):
            if isinstance(part, Answer):
                answer = part
        assert answer is not None
        return answer

    def stream(self, input: AnswerInput | str, config: RunnableConfig | None = None,
               **kwargs: Any) -> Iterator[str | Answer]:
        """Text pieces as they are produced, then the final verified Answer."""
        yield from self._transform_stream_with_config(iter([input]), self._transform, config)

    def _transform(self, inputs: Iterator[AnswerInput | str],
                   config: RunnableConfig) -> Iterator[str | Answer]:
        value: AnswerInput | str = ""
        for item in inputs:  # the last input counts
            value = item
        if isinstance(value, str):
            value = {"question": value}
        question = value["question"]
        conversation = value.get("conversation")
        if conversation is None:
            conversation = self._conversation(value.get("history"))
        yield from self._answer(question, conversation, bool(value.get("with_retrieval")), config)

    def _conversation(self, history: Conversation | Sequence[Any] | None) -> Conversation:
        """A Conversation rebuilt from earlier questions (resolving them again, in order)."""
        if isinstance(history, Conversation):
            return history
        conversation = Conversation()
        for question in _human_turns(history or ()):
            conversation.queries.append(resolve(question, self.catalog(), conversation.queries))
        return conversation

    @property
    def llm(self):
        if self._llm is None and self._llm_factory is not None:
            with self._llm_lock:
                if self._llm is None and self._llm_factory is not None:
                    self._llm = self._llm_factory()
                    self._llm_factory = None
        return self._llm

    def _filler(self):
        """The chat model for the slots understanding leaves open, loaded when first needed
        (None with no model: the rules' reading stands)."""
        return (lambda: self.llm) if self._llm is not None or self.backend != "none" else None

    def catalog(self) -> Catalog:
        """Departments, aliases and subjects of the indexed reports; rebuilt only when the
        store changed (at 1,000 reports a rebuild costs ~0.2 s, the check ~2 ms)."""
        key = self.library.store.signature()
        cached = self._catalog
        if cached is not None and cached[0] == key:
            return cached[1]
        subjects: dict[str, list[tuple[str, str]]] = {}
        for scope, subject, rid in self.library.store.subjects():
            subjects.setdefault(rid, []).append((scope, subject))
        catalog = Catalog(self.library.store.reports(), subjects)
        self._catalog = (key, catalog)
        return catalog

    # one call --------------------------------------------------------------------------------------
    def ask(self, question: str, conversation: Conversation | None = None,
            with_retrieval: bool = False, config: RunnableConfig | None = None) -> Answer:
        return self.invoke(_input(question, conversation, with_retrieval), config)

    def _answer(self, question: str, conversation: Conversation, with_retrieval: bool,
                config: RunnableConfig) -> Iterator[str | Answer]:
        """Yields text pieces as they are produced, then the final verified Answer."""
        t0 = time.perf_counter()
        query = resolve(question, self.catalog(), conversation.queries)
        query = fill(query, self.catalog(), self._filler(), config)  # slots the rules left open
        conversation.queries.append(query)
        # a question to ask back (which department? not in the library) comes before any figure
        asked_back = clarification(query, self.catalog())
        if asked_back is not None:
            answer, stated = asked_back, []
        else:
            answer, stated = self._from_text(query, self.facts.answer(query))
            if _facts_declined(answer, query) or (stated and not (answer and answer.final)):
                answer, stated = self._earned(query, answer or _not_found(query), config)
            elif _quoted_statement(answer) and asks_for_figure(query):
                answer = self._checked_statement(query, answer, config)
        if answer is not None and answer.abstained and query.missing_years and not query.report_ids:
            answer, stated = self._other_years(query, answer)
        hits: list[Hit] = []
        if answer is None or with_retrieval:
            docs = self.retriever.invoke(question, config, report_ids=query.report_ids,
                                         k=self.top_k, lexical=_search_terms(query))
            hits = [Hit.from_document(d) for d in docs]
        if answer is None:
            answer = self._points(query, hits) or self._section(query)
        read_as = _read_as(query)
        if answer is None:
            if self.llm is None:
                answer = self._noted(self._extractive(query, hits, stated, config))
                answer.text = read_as + answer.text
                yield answer.text
            else:
                if read_as:
                    yield read_as
                answer = yield from self._generate(query, hits, config, stated)
                answer = self._noted(answer)
                answer.text = read_as + answer.text
        else:
            answer.backend = "none"
            answer = self._noted(answer)
            answer.text = read_as + answer.text
            yield answer.text
        answer.retrieved = [h.quote for h in hits]
        answer.seconds = time.perf_counter() - t0
        yield answer

    def _noted(self, answer: Answer) -> Answer:
        """The answer with a warning next to each figure the consistency checks flag in the
        cited report ("（⚠ 报告中该数字与执行数、预算数不一致）"), and the findings as flags."""
        if answer.abstained or not answer.citations:
            return answer
        ids = list(dict.fromkeys(c.report_id for c in answer.citations))
        findings = [f for rid in ids for f in self._findings(rid)]
        named: list = []
        derived: list = []
        shown = [(c.report_id, c.start, c.end) for c in answer.citations]
        text, flags = inconsistency_notes(answer.text, ids, findings, named, derived, shown)
        if text != answer.text:
            answer.text = text
            answer.flags += [f"报告中的数字不一致：{m}" for m in flags]
            answer.citations += self._citations_of(named, answer.citations)
            answer.derived = [*answer.derived, *derived]
        return self._ocr_noted(answer)

    def _citations_of(self, named: list, have: list[Citation]) -> list[Citation]:
        """Citations of the finding sources a note names (the figures it sets against)."""
        out: list[Citation] = []
        spans = {(c.report_id, c.start, c.end) for c in have}
        for rid, source in named:
            if (rid, source.start, source.end) in spans:
                continue
            spans.add((rid, source.start, source.end))
            report = self.library.store.report(rid)
            out.append(Citation(rid, report.file if report else rid, "", source.quote,
                                source.start, source.end))
        return out

    def _ocr_noted(self, answer: Answer) -> Answer:
        """A figure of the answer that a scan's OCR read with low confidence is marked where it
        stands ("（OCR低置信，请核对原件）") and flagged: the recognised digits may be wrong."""
        if answer.abstained or not answer.citations:
            return answer
        unsure: set = set()
        for rid in dict.fromkeys(c.report_id for c in answer.citations):
            spans = self.library.store.spans(rid, OCR_LOW)
            if not spans:
                continue
            text = self.library.store.report_text(rid)
            cited = [(c.start, c.end) for c in answer.citations if c.report_id == rid]
            for sp in spans:
                if any(sp.start < b and a < sp.end for a, b in cited):
                    unsure |= {v.normalize() for _, v in number_values(text[sp.start:sp.end])}
        marked = answer.text
        for raw, v in number_values(answer.text):
            if v.normalize() in unsure and OCR_NOTE not in marked:
                marked = mark_once(marked, raw, OCR_NOTE)
        if marked != answer.text:
            answer.text = marked
            answer.flags.append("扫描件OCR识别置信度低的数字，请核对原件")
        return answer

    def _findings(self, report_id: str) -> list:
        key = (self.library.store.signature(), report_id)
        if key not in self._checked:
            if len(self._checked) > 512:
                self._checked.clear()
            self._checked[key] = check_facts(self.library.store.facts(report_id))
        return self._checked[key]

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
        stated: list[Sentence] = []
        probe = replace(query, kind="figure", metrics=query.metrics or ("",))
        for report in (r for d in query.departments for r in catalog.reports_of(d)):
            found = search_report(self.library.store, probe, report.id, [], _content(query),
                                  True, must=[f"{y}年" for y in years])
            stated += found.found
        if not stated:
            return declined, []
        note = f"（资料库中没有该部门{'、'.join(years)}年的报告；以下为其他年度报告中提到{'、'.join(years)}年的原文）"
        return self._quoted(query, stated, note), []

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
                                     lexical=_search_terms(query))
        retrieved: list[Sentence] = []
        for rank, hit in enumerate(hits):
            retrieved += sentences_for(self.library.store, hit, rank)
        return search_report(self.library.store, query, report_id, retrieved, _content(query),
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
        return rank_sentences(_content(query), pool)

    def _points(self, query: Query, hits) -> Answer | None:
        """What was done or which measures were taken: the numbered points that a top-ranked
        sentence introduces, quoted in order with it (see `enumerated`)."""
        if query.kind not in ("text", "list") or not asks_for_points(query.text):
            return None
        content = _content(query)
        for intro in self._sentences(query, hits)[:POINT_INTROS]:
            if coverage(content, intro) < MIN_COVERAGE:
                continue
            points = points_after(intro, report_sentences(self.library.store, intro.report_id))
            if points:
                return self._quoted(query, [intro, *points], "（以下为报告原文所列各点）")
        return None

    def _section(self, query: Query) -> Answer | None:
        """A text question whose subject is a heading of the asked report: the body under
        that heading, quoted from its start (see `section_body`)."""
        if query.kind != "text" or not query.report_ids:
            return None
        store = self.library.store
        pool = [s for rid in query.report_ids for s in report_sentences(store, rid)]
        body = section_body(_content(query), pool)
        if not body:
            return None
        heading = body[0].section.rsplit(" > ", 1)[-1]
        return self._quoted(query, body, f"（以下为报告“{heading}”一节原文）")

    def _extractive(self, query: Query, hits, stated: Sequence[Sentence] = (),
                    config: RunnableConfig | None = None) -> Answer:
        if stated:  # sentences that state the asked figure (see `_from_text`)
            return self._quoted(query, list(stated))
        if asks_for_figure(query):  # the asked item itself must stand in the quoted sentence
            answer, stated = self._earned(query, _not_found(query), config or {})
            return answer if answer is not None else self._quoted(query, list(stated))
        ranked = self._sentences(query, hits)
        if asks_for_figure(query):  # a figure can only stand in a sentence that states one
            ranked = [s for s in ranked if STATES_FIGURE.search(s.text)]
        if not ranked or coverage(_content(query), ranked[0]) < MIN_COVERAGE:
            if query.report_ids:  # the report's own text, item by item (see `evidence`)
                answer, stated = self._earned(query, _not_found(query), config or {})
                return answer if answer is not None else self._quoted(query, list(stated))
            return _not_found(query)
        best = ranked[0].score
        return self._quoted(query, [s for s in ranked[:3] if s.score >= 0.6 * best])

    def _quoted(self, query: Query, chosen: list[Sentence],
                lead: str = "（未使用大模型，以下为报告原文摘录）") -> Answer:
        """The chosen sentences quoted in the report's order, each with its citation mark."""
        chosen.sort(key=lambda s: (s.report_id, s.start))
        text = "\n".join(f"{s.text} [{i}]" for i, s in enumerate(chosen, 1))
        return Answer(question=query.text, route="retrieval", abstained=False,
                      text=f"{lead}\n{text}", backend="none",
                      citations=[_cite(s, self.library) for s in chosen])

    def model(self) -> Runnable:
        """The chat model as the chain calls it: prompt messages in, text out (with
        ``bind(max_tokens=…)`` when the chain sets its own limit)."""
        llm = self.llm if self.max_tokens is None else self.llm.bind(max_tokens=self.max_tokens)
        return llm | StrOutputParser()

    def _generate(self, query: Query, hits, config: RunnableConfig,
                  stated: Sequence[Sentence] = ()) -> Iterator[str]:
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
        answer gives them, or of another item (see `assistant.answer.binding`)."""
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


def _read_as(query: Query) -> str:
    """"（按“江北区财政局”理解）": how a name no alias lists was read (see `understand`)."""
    if not query.understood:
        return ""
    names = "、".join(dict.fromkeys(short_name(d) for _, d in query.understood))
    return f"（按“{names}”理解）\n"


def _not_found(query: Query) -> Answer:
    return Answer(question=query.text, route="retrieval", abstained=True,
                  text="报告中未找到与该问题相关的内容。", backend="none")


def _facts_declined(answer: Answer | None, query: Query) -> bool:
    """A decline of the facts or statements route about named reports (not an ask-back and
    not a department or year the library lacks)."""
    # (a figure: the evidence stage finds it beside the item's head; the report's own
    # problem and measure lists are read by the facts, a sentence is no such list)
    return (answer is not None and answer.abstained and not answer.final and query.kind != "list"
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


def _search_terms(query: Query) -> str:
    """Keyword query: when the search is already confined to the named reports, their names and
    years add nothing but title lines, so only the topic is searched; a follow-up ("那白云区呢？")
    brings the metric and subjects it inherited."""
    text = query.topic() if query.report_ids else query.text
    inherited = [w for w in (*query.metrics, *query.subjects) if w not in text]
    return " ".join([text, *inherited])


def _content(query: Query) -> str:
    """The question without department names and years: what the passage must talk about."""
    text = query.topic()
    # offices named but not indexed ("海珠区政府办") are not in the query's mentions
    text = NAMED_OFFICE.sub(" ", text)
    return text


def _cite(s: Sentence, library: Library) -> Citation:
    r = library.store.report(s.report_id)
    return Citation(s.report_id, r.file if r else s.report_id, s.section, s.quote, s.start, s.end)


def _input(question: str, conversation: Conversation | None, with_retrieval: bool) -> AnswerInput:
    value: AnswerInput = {"question": question, "with_retrieval": with_retrieval}
    if conversation is not None:
        value["conversation"] = conversation
    return value


def _human_turns(history: Sequence[Any]) -> list[str]:
    """The user's questions among earlier turns (strings are questions; from chat messages
    only the human ones count)."""
    out: list[str] = []
    for turn in history:
        if isinstance(turn, str):
            out.append(turn)
        elif isinstance(turn, BaseMessage):
            if turn.type == "human" and isinstance(turn.content, str):
                out.append(turn.content)
        elif isinstance(turn, dict):
            if turn.get("role") in ("user", "human") and isinstance(turn.get("content"), str):
                out.append(turn["content"])
        elif isinstance(turn, (tuple, list)) and len(turn) == 2 and turn[0] in ("user", "human"):
            out.append(str(turn[1]))
    return out


class QA:
    """The answer chain with the older call shape: ``ask(question, conversation)`` and
    ``stream(question, conversation)``. ``chain`` is the Runnable itself."""

    def __init__(self, library: Library, llm=None, backend: str = "none", top_k: int = 5,
                 llm_factory=None, max_tokens: int | None = None) -> None:
        self.chain = AnswerChain(library, llm=llm, backend=backend, top_k=top_k,
                                 llm_factory=llm_factory, max_tokens=max_tokens)

    def ask(self, question: str, conversation: Conversation | None = None,
            with_retrieval: bool = False, config: RunnableConfig | None = None) -> Answer:
        return self.chain.invoke(_input(question, conversation, with_retrieval), config)

    def stream(self, question: str, conversation: Conversation | None = None,
               with_retrieval: bool = False,
               config: RunnableConfig | None = None) -> Iterator[str | Answer]:
        """Yields text pieces as they are produced, then the final verified Answer."""
        return self.chain.stream(_input(question, conversation, with_retrieval), config)

    def catalog(self) -> Catalog:
        return self.chain.catalog()

    @property
    def llm(self):
        return self.chain.llm

    @property
    def _llm(self):  # the chat model if it is loaded (None until then)
        return self.chain._llm

    @property
    def library(self) -> Library:
        return self.chain.library

    @property
    def retriever(self) -> HybridRetriever:
        return self.chain.retriever

    @property
    def facts(self) -> FactAnswerer:
        return self.chain.facts

    @property
    def backend(self) -> str:
        return self.chain.backend

    @property
    def top_k(self) -> int:
        return self.chain.top_k
