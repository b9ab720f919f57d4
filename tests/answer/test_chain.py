"""The answer chain over the ingested samples: routes, arithmetic, lists, abstention,
citations, and an LLM (fake) that invents a figure."""

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer.chain import QA, Conversation
from assistant.answer.evidence.verify import unsupported_numbers
from assistant.factory import build_assistant


@pytest.fixture(scope="module")
def qa(ingested):
    return ingested.qa


def ask(qa, question, conversation=None):
    answer = qa.ask(question, conversation)
    quotes = [c.quote for c in answer.citations]
    assert unsupported_numbers(answer.text, quotes, answer.derived) == [], answer.text
    return answer


def test_figure_question_is_answered_from_the_facts_with_a_verbatim_citation(qa, ingested) -> None:
    a = ask(qa, "番禺区政府办2022年基本支出有多少？")
    assert a.route == "facts" and not a.abstained
    assert "3246.07万元" in a.text
    [c] = a.citations
    original = ingested.library.store.report_text(c.report_id)
    assert original[c.start:c.end] == c.quote and "3246.07" in c.quote


def test_comparison_names_the_winner_and_every_value(qa) -> None:
    a = ask(qa, "2023年荔湾区政府办、番禺区委办和白云区政府办中，哪个部门支出最少？")
    assert a.text.startswith("番禺区委办2023年最低")
    for value in ("2180.24", "3168.61", "7,237.7"):
        assert value in a.text
    assert a.table and len(a.table) == 3


def test_arithmetic_is_computed_in_code_and_shown_with_its_operands(qa) -> None:
    a = ask(qa, "荔湾区政府办2023年预算数比执行数多了多少？")
    assert "12.66万元" in a.text and "预算数3181.27万元 − 支出3168.61万元 = 12.66万元" in a.text
    assert a.derived[0]["value"] == 12.66
    share = ask(qa, "番禺区委办2023年项目支出占支出总额的比重是多少？")
    assert "12.84%" in share.text
    total = ask(qa, "白云区政府办2023年对外联络会议及调研、机关饭堂、智慧白云信息化建设这三个项目的预算合计多少？")
    assert "579.14万元" in total.text


def test_department_without_the_figure_is_said_so(qa) -> None:
    a = ask(qa, "荔湾区政府办和白云区政府办2023年的项目支出分别是多少？")
    assert "125.38万元" in a.text and "白云区政府办2023年的报告没有给出项目支出" in a.text


@pytest.mark.parametrize("question", [
    "海珠区政府办2023年的预算执行率是多少？",
    "番禺区政府办2023年的项目支出是多少？",
    "白云区政府办2023年末有多少在职人员？",
    "番禺区委办2023年“收文处理率”这项指标得了多少分？",
])
def test_unanswerable_questions_abstain_without_a_figure(qa, question) -> None:
    a = ask(qa, question)
    assert a.abstained and a.citations == []


def test_problem_list_items_are_cited(qa) -> None:
    a = ask(qa, "白云区政府办2023年存在的主要问题有哪些？")
    assert a.text.count("\n") == 3 and len(a.citations) == 3
    assert "内部管理还需进一步完善" in a.text


def test_follow_up_conversation(qa) -> None:
    conv = Conversation()
    assert "99.6%" in ask(qa, "荔湾区政府办2023年的执行率是多少？", conv).text
    a = ask(qa, "番禺区委办呢？", conv)
    assert "95.53%" in a.text
    both = ask(qa, "哪个更高？", conv)
    assert both.text.startswith("荔湾区政府办2023年更高")


@pytest.fixture
def keyword_qa(ingested):
    """Fake vectors rank at random: these tests use the keyword half of the retriever."""
    def make(llm=None):
        qa = QA(ingested.library, llm=llm, backend="fake" if llm else "none")
        qa.retriever.use_dense = False
        return qa
    return make


def test_retrieval_route_without_llm_quotes_sentences(keyword_qa) -> None:
    qa = keyword_qa()
    a = ask(qa, "番禺区委办2023年谋划形成了多少项具体改革措施？")
    assert a.route == "retrieval" and a.backend == "none"
    assert "126项" in a.text and a.citations
    assert all(len(c.quote) < 300 for c in a.citations)  # sentences, not whole chunks


def test_an_invented_figure_from_the_llm_is_flagged(keyword_qa) -> None:
    qa = keyword_qa(FakeListChatModel(responses=["基本支出为1000万元，项目支出为2000万元[1]。"]))
    a = qa.ask("番禺区委办2023年谋划形成了多少项具体改革措施？")
    assert "1000（⚠未核实）万元" in a.text and "2000（⚠未核实）万元" in a.text
    assert a.flags and "1000" in a.flags[0]


def test_a_supported_llm_answer_keeps_its_figure_and_cites_the_sentence(keyword_qa) -> None:
    qa = keyword_qa(FakeListChatModel(responses=["谋划形成了126项具体改革措施[1]。"]))
    pieces = list(qa.stream("番禺区委办2023年谋划形成了多少项具体改革措施？"))
    answer = pieces[-1]
    assert "".join(p for p in pieces[:-1]) == "谋划形成了126项具体改革措施[1]。"  # streamed
    assert answer.flags == [] and "126" in answer.citations[0].quote


def test_llm_saying_not_found_is_an_abstention(keyword_qa) -> None:
    qa = keyword_qa(FakeListChatModel(responses=["资料中未提及。"]))
    a = qa.ask("白云区政府办2023年有没有开展绩效培训的具体人次？")
    assert a.abstained


def test_factory_passes_a_given_llm(settings) -> None:
    fake = FakeListChatModel(responses=["x"])
    qa = build_assistant(settings.with_(llm="local"), llm=fake).qa
    assert qa._llm is None  # nothing loads until a retrieval answer needs it
    assert qa.llm is fake


def test_catalog_follows_ingest_and_remove(settings) -> None:
    from assistant.factory import build_assistant
    from tests.conftest import sample

    a = build_assistant(settings)
    a.library.ingest([sample("002")])
    first = a.qa.catalog()
    assert a.qa.catalog() is first  # unchanged store: the cached catalog
    assert {r.department for r in first.reports} == {"广州市荔湾区人民政府办公室"}
    a.library.ingest([sample("004")])
    assert {r.department for r in a.qa.catalog().reports} == {
        "广州市荔湾区人民政府办公室", "广州市白云区人民政府办公室"}
    a.library.remove(sample("002").name)
    assert {r.department for r in a.qa.catalog().reports} == {"广州市白云区人民政府办公室"}
    assert a.qa.ask("荔湾区政府办2023年基本支出是多少？").abstained
