"""The chat model fills the slots understanding leaves open, as JSON constrained to the
catalog's names, and its choice is kept only when the question supports it. A fake model
returns fixed JSON; the catalog is invented for these tests (places 澄岭县, 岚溪县)."""

from __future__ import annotations

import json

try:  # understanding's types moved into answer/understand/ on main
    from assistant.answer.understand import Catalog, Query
except ImportError:
    from assistant.answer.question import Catalog, Query
from assistant.answer.understand import model_fill as mf
from assistant.index.records import ReportRecord
from assistant.models.llm import FakeChat

OFFICE = "澄岭县人民政府办公室"
TRANSPORT = "澄岭县交通运输局"
SCHOOLS = "岚溪县教育局"
OTHER_OFFICE = "岚溪县人民政府办公室"


def _report(rid: str, department: str, year: int) -> ReportRecord:
    return ReportRecord(id=rid, file=f"{rid}.txt", path="", sha256="", kind="txt", title="",
                        department=department, year=year, aliases=(), embed_model="fake",
                        ingested_at=0.0)


CATALOG = Catalog([_report("o23", OFFICE, 2023), _report("o22", OFFICE, 2022),
                   _report("t23", TRANSPORT, 2023), _report("s23", SCHOOLS, 2023),
                   _report("x23", OTHER_OFFICE, 2023)],
                  {"t23": [("project", "农村公路养护工程"), ("project", "客运站改造")]})


class Counting(FakeChat):
    """A fake model that counts its calls and keeps the last request's keyword arguments."""

    calls: int = 0
    seen: dict = {}

    def _call(self, messages, stop=None, run_manager=None, **kwargs):
        self.calls += 1
        self.seen = kwargs
        return super()._call(messages, stop, run_manager, **kwargs)


def _model(*replies: str) -> Counting:
    model = Counting()
    model.set_responses(*replies)
    return model


def _fill(query: Query, model) -> Query:
    return mf.fill(query, CATALOG, (lambda: model) if model is not None else None)


UNMATCHED = Query(text="澄岭县府办公室2023年支出多少？", years=(2023,), metrics=("支出",),
                  unknown_places=("澄岭县府办公室",))


def test_a_supported_department_fills_the_query() -> None:
    model = _model(json.dumps({"department": OFFICE}))
    query = _fill(UNMATCHED, model)
    assert query.departments == (OFFICE,) and query.report_ids == ("o23",)
    assert query.unknown_places == () and query.understood == (("府办公室", OFFICE),)
    assert model.calls == 1
    shape = model.seen["response_format"]["json_schema"]["schema"]
    assert OFFICE in shape["properties"]["department"]["enum"]
    assert "" in shape["properties"]["department"]["enum"]


def test_text_that_is_no_json_leaves_the_rules_reading() -> None:
    assert _fill(UNMATCHED, _model("应该是县政府办公室")) == UNMATCHED


def test_a_name_not_in_the_catalog_is_dropped() -> None:
    assert _fill(UNMATCHED, _model(json.dumps({"department": "澄岭县财政局"}))) == UNMATCHED


def test_a_department_the_question_does_not_name_is_dropped() -> None:
    # the question names a health bureau; the library has no such body in any place
    query = Query(text="岚溪县卫健局2023年预算执行率是多少？", years=(2023,), metrics=("执行率",),
                  unknown_places=("岚溪县卫健局",))
    assert _fill(query, _model(json.dumps({"department": SCHOOLS}))) == query


def test_the_same_body_of_another_place_is_dropped() -> None:
    query = Query(text="岚溪县交通局2023年支出多少？", years=(2023,), metrics=("支出",),
                  unknown_places=("岚溪县交通局",))
    assert _fill(query, _model(json.dumps({"department": TRANSPORT}))) == query


def test_a_name_two_departments_share_is_not_settled_by_the_model() -> None:
    query = Query(text="政府办公室2023年支出多少？", years=(2023,), metrics=("支出",),
                  ambiguous=(("政府办公室", (OFFICE, OTHER_OFFICE)),))
    assert _fill(query, _model(json.dumps({"department": OFFICE}))) == query


def test_a_year_the_department_lacks_is_said_missing() -> None:
    query = Query(text="澄岭县府办公室2021年支出多少？", years=(2021,), metrics=("支出",),
                  unknown_places=("澄岭县府办公室",))
    filled = _fill(query, _model(json.dumps({"department": OFFICE})))
    assert filled.report_ids == () and filled.missing_years == (f"{OFFICE}（2021年）",)


TYPO = Query(text="澄岭县交通运输局2023年基本只出是多少？", report_ids=("t23",),
             departments=(TRANSPORT,), years=(2023,))


def test_a_metric_typed_with_one_wrong_character_is_filled() -> None:
    assert mf.gaps(TYPO, CATALOG).metric
    assert _fill(TYPO, _model(json.dumps({"metric": "基本支出"}))).metrics == ("基本支出",)


def test_a_metric_the_question_does_not_ask_is_dropped() -> None:
    assert _fill(TYPO, _model(json.dumps({"metric": "项目支出"}))) == TYPO


def test_a_metric_word_written_as_part_of_another_item_is_not_read_as_the_metric() -> None:
    # the rules saw 收入 and read it as part of 门诊收入: the model may not turn it back
    query = Query(text="澄岭县交通运输局2023年门诊收入是多少？", report_ids=("t23",),
                  departments=(TRANSPORT,), years=(2023,))
    assert mf.metric_support(query.text, "收入") == 0
    assert _fill(query, _model(json.dumps({"metric": "收入"}))) == query


def test_a_subject_named_with_a_typo_is_filled_from_the_report() -> None:
    query = Query(text="澄岭县交通运输局2023年农村公路养户工程执行了多少？", report_ids=("t23",),
                  departments=(TRANSPORT,), years=(2023,), metrics=("支出",),
                  named_subject="农村公路养户工程")
    filled = _fill(query, _model(json.dumps({"subject": "农村公路养护工程"})))
    assert filled.subjects == ("农村公路养护工程",) and filled.named_subject == ""
    assert _fill(query, _model(json.dumps({"subject": "客运站改造"}))) == query


def test_nothing_open_or_no_model_calls_nothing() -> None:
    model = _model(json.dumps({"department": OFFICE}))
    resolved = Query(text="澄岭县人民政府办公室2023年支出多少？", report_ids=("o23",),
                     departments=(OFFICE,), years=(2023,), metrics=("支出",))
    assert _fill(resolved, model) == resolved
    assert model.calls == 0
    assert _fill(UNMATCHED, None) == UNMATCHED  # JIXIAO_LLM=none: the rules' Query as it is


def test_no_call_when_no_offered_name_could_be_kept() -> None:
    model = _model(json.dumps({"department": SCHOOLS}))
    query = Query(text="岚溪县卫健局2023年预算执行率是多少？", years=(2023,), metrics=("执行率",),
                  unknown_places=("岚溪县卫健局",))
    assert _fill(query, model) == query and model.calls == 0


def test_a_failing_model_leaves_the_rules_reading() -> None:
    class Broken(FakeChat):
        def _call(self, *args, **kwargs):
            raise RuntimeError("server gone")

    assert _fill(UNMATCHED, Broken()) == UNMATCHED


def test_validation_itself_drops_unsupported_choices() -> None:
    departments = CATALOG.departments()
    other_place = Query(text="岚溪县交通局2023年支出多少？", unknown_places=("岚溪县交通局",))
    assert mf.validate({"department": TRANSPORT}, other_place, departments).department == ""
    shared = Query(text="政府办公室2023年支出多少？")
    assert mf.validate({"department": OTHER_OFFICE}, shared, departments).department == ""
    kept = mf.validate({"department": OFFICE, "metric": "项目支出"}, UNMATCHED, departments)
    assert (kept.department, kept.said, kept.metric) == (OFFICE, "府办公室", "")


def test_the_local_model_gets_the_schema_as_response_format() -> None:
    from assistant.models.llm import LocalGGUFChat

    class Server:
        bodies: list = []

        def handle_chat_completions(self, body, callback=None):
            self.bodies.append(body)
            callback({"choices": [{"index": 0, "delta": {"content": json.dumps({"department": OFFICE})},
                                   "finish_reason": "stop"}]})

    llm = LocalGGUFChat(model_path="/nonexistent.gguf")
    llm._server = server = Server()
    assert _fill(UNMATCHED, llm).departments == (OFFICE,)
    body = server.bodies[0]
    assert body["response_format"]["type"] == "json_schema"
    assert body["temperature"] == 0.0 and body["max_tokens"] == mf.MAX_TOKENS


def test_a_typo_inside_a_name_and_a_department_named_elsewhere_in_the_question() -> None:
    # 政俯办 (one character wrong) names the office of 岚溪县; 澄岭县人民政府办公室, read by the
    # rules from other words of the question, does not make that name ambiguous
    query = Query(text="岚溪县政俯办和澄岭县人民政府办公室2023年支出分别是多少？", years=(2023,),
                  departments=(OFFICE,), report_ids=("o23",), metrics=("支出",),
                  unknown_places=("岚溪县政俯办",))
    filled = _fill(query, _model(json.dumps({"department": OTHER_OFFICE})))
    assert filled.departments == (OFFICE, OTHER_OFFICE) and filled.report_ids == ("o23", "x23")
    assert filled.intent == "comparison"  # a figure of two departments: compared
    assert filled.understood == (("政俯办", OTHER_OFFICE),)


def test_words_before_a_level_word_that_are_no_place_do_not_block_the_name() -> None:
    # 率和 before 县 is no place: 县交通运输局 still names the county's transport bureau
    query = Query(text="执行率和县交运局的支出哪个高？", unknown_places=("县交运局",))
    assert mf.department_support(query.text, TRANSPORT) == "交运局"


# the chain: the model fills once, after the rules; with no model the rules' answer stands ----
CHAIN_REPORTS = {
    "cl.txt": """澄岭县人民政府办公室2023年度部门整体支出绩效自评报告
一、部门整体支出情况
2023年全年预算数860.00万元,全年支出845.20万元,预算执行率98.28%。
""",
    "lx.txt": """岚溪县交通运输局2023年度部门整体支出绩效自评报告
一、部门整体支出情况
2023年全年预算数1,420.00万元,全年支出1,366.00万元,预算执行率96.20%。
""",
    "cz.txt": """澄岭县财政局2023年度部门整体支出绩效自评报告
一、部门整体支出情况
2023年全年预算数640.00万元,全年支出633.10万元,预算执行率98.92%。
""",
}


def test_the_chain_answers_the_department_the_model_filled(tmp_path, monkeypatch) -> None:
    from assistant.answer.chain import QA
    from tests.answer.library import ingested

    library = ingested(tmp_path, monkeypatch, CHAIN_REPORTS).library
    question = "澄岭县府办公厅2023年全年支出是多少？"
    rules = QA(library).ask(question)
    assert "845.20" not in rules.text  # the rules alone do not read 府办公室 as the office
    model = _model(json.dumps({"department": OFFICE}))
    filled = QA(library, llm=model, backend="fake").ask(question)
    assert model.calls == 1
    assert "845.20" in filled.text and "按“" in filled.text
    assert filled.citations and filled.citations[0].file == "cl.txt"


def test_the_model_is_offered_only_names_that_could_be_kept() -> None:
    offered = mf.options(UNMATCHED, CATALOG, mf.gaps(UNMATCHED, CATALOG))
    assert OTHER_OFFICE in offered["department"]
    assert mf.viable(offered, UNMATCHED, CATALOG.departments()) == {"department": [OFFICE]}


def test_a_name_written_with_a_place_the_library_lacks_is_not_another_places_body() -> None:
    # the rules found a body of an unindexed place; the model must not move it to an indexed one
    query = Query(text="白沙县人民政府办公室2023年支出多少？", years=(2023,), metrics=("支出",),
                  unknown_places=("白沙县人民政府办公室",))
    model = _model(json.dumps({"department": OFFICE}))
    assert _fill(query, model).departments == ()
    assert mf._other_place("人民政府办公室", OFFICE, query.unknown_places)
    assert not mf._other_place("人民政府办公室", OFFICE, ("澄岭县人民政府办公室",))
