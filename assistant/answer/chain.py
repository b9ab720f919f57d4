"""The answer chain: understand → skills → evidence → annotate.

1. `understand.resolve` turns the question, the conversation and the library's catalog into a
   `Query` (the only code that reads the question's words);
2. the first skill of `skills.SKILLS` that matches and answers gives the answer from the facts;
3. when none answers, or one found only that the facts are silent, the evidence stage
   (`evidence.stage.EvidenceStage`) answers from the asked reports' own text: the sentences
   that state the item, the report searched item by item, else retrieval restricted to the
   resolved reports, quoted (model off) or written around by the chat model and verified;
4. annotate: how a name was read, the consistency findings that concern the very figure
   shown, low-confidence OCR.

``AnswerChain`` is a LangChain ``Runnable``::

    chain.invoke("番禺区政府办2022年基本支出有多少？")            # -> Answer
    chain.invoke({"question": "番禺区委办呢？", "history": ["荔湾区政府办2023年的执行率是多少？"]})
    for part in chain.stream(question, {"callbacks": [handler]}): ...  # str pieces, then the Answer
    chain.batch([q1, q2])                                           # -> [Answer, Answer]

The config (callbacks, tags, metadata, run_name) reaches the retriever and the chat model as
child runs. ``QA`` keeps the older call shape (``ask``/``stream`` with a ``Conversation``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import BaseMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable, RunnableConfig
from typing_extensions import TypedDict

from assistant.answer.evidence.binding import inconsistency_notes, mark_once
from assistant.answer.evidence.retrieval import Hit, HybridRetriever
from assistant.answer.evidence.stage import EvidenceStage
from assistant.answer.lookup import Lookup
from assistant.answer.multipart import answered, with_items
from assistant.answer.skills import SKILLS, Context, first_answer
from assistant.answer.types import Answer, Citation
from assistant.answer.understand import Catalog, Query, resolve
from assistant.answer.understand.model_fill import fill
from assistant.answer.understand.parts import split as split_parts
from assistant.facts.checks import check_facts
from assistant.index.library import Library
from assistant.index.ocr_marks import OCR_LOW
from assistant.ingest.aliases import short_name
from assistant.text.numbers import number_values

OCR_NOTE = "（OCR低置信，请核对原件）"


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


class AnswerChain(EvidenceStage, Runnable[AnswerInput | str, Answer]):
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
        self.facts = Lookup(library.store)  # the skills' one reader of the facts
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
        with_retrieval = bool(value.get("with_retrieval"))

        def single(q: str) -> Iterator[str | Answer]:  # a total asked item by item: its items
            return with_items(self._answer(q, conversation, with_retrieval, config),
                              conversation.queries, self.library.store, _read_as)

        parts = split_parts(question, self.catalog(), conversation.queries)
        if parts:  # several questions in one: each answered under its own label
            yield from answered(question, parts, single, self.library.store)
            return
        yield from single(question)

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
        catalog = Catalog(self.library.store.reports(), subjects, self.library.store.report_text)
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
        query = resolve(question, self.catalog(), conversation.queries)  # understand
        query = fill(query, self.catalog(), self._filler(), config)  # slots the rules left open
        conversation.queries.append(query)
        answer = first_answer(SKILLS, query, self.context())  # the first skill that answers
        answer, stated = self._when_facts_silent(query, answer, config)
        if answer is not None and answer.abstained and query.missing_years and not query.report_ids:
            answer, stated = self._other_years(query, answer)
        hits: list[Hit] = []
        if answer is None or with_retrieval:
            docs = self.retriever.invoke(question, config, report_ids=query.report_ids,
                                         k=self.top_k, lexical=query.search_terms())
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
        text, flags = inconsistency_notes(answer.text, ids, findings, named, derived, shown,
                                          quiet=set(answer.unnoted))
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

    def context(self) -> Context:
        """What the skills answer with (see `skills.base.Context`)."""
        return Context(facts=self.facts, catalog=self.catalog(), library=self.library,
                       llm=lambda: self.llm)

    def model(self) -> Runnable:
        """The chat model as the chain calls it: prompt messages in, text out (with
        ``bind(max_tokens=…)`` when the chain sets its own limit)."""
        llm = self.llm if self.max_tokens is None else self.llm.bind(max_tokens=self.max_tokens)
        return llm | StrOutputParser()

def _read_as(query: Query) -> str:
    """"（按“江北区财政局”理解）": how a name no alias lists was read (see `understand`);
    "（按最新年度2024年）": the year answered when none was asked of a unit with reports of
    several years (`understand.newest`)."""
    notes = []
    if query.held and len(query.held[1]) == 1 and not query.understood:
        # the department read from what the question names (`understand.holders`)
        notes.append(f"按“{short_name(query.held[1][0])}”的“{query.held[0]}”理解")
    if query.understood:
        names = "、".join(dict.fromkeys(short_name(d) for _, d in query.understood))
        notes.append(f"按“{names}”理解")
    if query.newest:
        notes.append(f"按最新年度{query.newest}年")
    return f"（{'，'.join(notes)}）\n" if notes else ""


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
    def facts(self) -> Lookup:
        return self.chain.facts

    @property
    def backend(self) -> str:
        return self.chain.backend

    @property
    def top_k(self) -> int:
        return self.chain.top_k
