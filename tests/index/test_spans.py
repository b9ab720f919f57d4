"""Ingest keeps the spans it found (normalised text, headings, paragraphs, sentences), and
answering and drafting read them; a report ingested before spans were kept still answers
the same, parsed at question time."""

from __future__ import annotations

import json

from assistant.answer.evidence import passages
from assistant.drafting import corpus
from assistant.factory import build_assistant
from assistant.index.pipeline import HEADING, PARAGRAPH, SENTENCE
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse
from assistant.text.markers import sentences
from tests.conftest import CORPUS, sample

QUESTIONS = ["番禺区政府办2022年基本支出有多少？", "白云区政府办的部门整体支出绩效目标是什么？",
             "荔湾区政府办存在哪些问题？", "番禺区政府办的主要工作成效有哪些"]


def _answers(assistant) -> list:
    return [{k: v for k, v in assistant.qa.ask(q).to_result().items() if k != "seconds"}
            for q in QUESTIONS]


def _sections(assistant) -> list:
    store = assistant.library.store
    out = []
    for r in store.reports():
        s = corpus.report_sections(store, r.id)
        out.append((s.headings, {k: (v.path, v.texts(), v.items(), v.excerpt())
                                 for k, v in s.by_kind.items()}))
    return out


def test_spans_are_what_the_stages_found(ingested) -> None:
    store = ingested.library.store
    rid = sample("000").name
    text = sample("000").read_text(encoding="utf-8")
    norm = normalise(text)
    assert store.normalised(rid) == norm
    structure = analyse(norm)
    spans = store.spans(rid)
    paragraphs = sorted((s for s in spans if s.kind in (HEADING, PARAGRAPH)),
                        key=lambda s: s.norm_start)
    assert [s.paragraph() for s in paragraphs] == list(structure.paragraphs)
    sent = store.spans(rid, SENTENCE)
    assert sent and all(text[s.start:s.end] == norm.quote(s.norm_start, s.norm_end) for s in sent)
    assert all(s.page >= 1 for s in spans)


def test_answers_and_sections_come_from_stored_spans(ingested, monkeypatch) -> None:
    def parse(*_a, **_k):
        raise AssertionError("a report was parsed again after ingest")

    monkeypatch.setattr(passages, "normalise", parse)
    monkeypatch.setattr(corpus, "normalise", parse)
    monkeypatch.setattr(corpus, "analyse", parse)
    assert all(a["citations"] or a["abstained"] for a in _answers(ingested))
    assert all(headings for headings, _ in _sections(ingested))


def test_a_report_ingested_before_spans_were_kept_answers_the_same(settings) -> None:
    assistant = build_assistant(settings)
    assistant.library.ingest([CORPUS])
    before = json.dumps([_answers(assistant), _sections(assistant)], ensure_ascii=False, default=str)
    store = assistant.library.store
    with store._tx() as c:
        c.execute("DELETE FROM spans")
    passages._STORED.clear()
    corpus._STORED.clear()
    assert store.normalised(sample("000").name) is None and not store.spans(sample("000").name)
    after = json.dumps([_answers(assistant), _sections(assistant)], ensure_ascii=False, default=str)
    assert after == before


def test_one_sentence_splitter_with_its_parameters() -> None:
    text = "一是加强管理；二是完善制度;三是落实责任。\n四是。。总结"
    assert sentences(text) == ["一是加强管理；", "二是完善制度;", "三是落实责任。", "四是。", "总结"]
    passage = sentences(text, ends="。；！？!?")  # evidence sentences: no ASCII ";"
    assert passage == ["一是加强管理；", "二是完善制度;三是落实责任。", "四是。", "总结"]
    drafted = sentences(text, ends="。！？；;", lines=False, bare=True)  # a lone 。 counts
    assert drafted[-2:] == ["。", "总结"]
