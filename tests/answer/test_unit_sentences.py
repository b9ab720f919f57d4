"""A figure asked of a subordinate unit is never read from a sentence about the department:
the sentence must name the unit (in its text or its heading)."""

from __future__ import annotations

from assistant.answer.evidence.declines import _names_unit
from assistant.answer.evidence.passages import Sentence
from assistant.answer.understand.subjects import unit_own_name
from assistant.answer.understand.types import Query


def _sentence(text: str, section: str = "二、预算执行") -> Sentence:
    return Sentence(report_id="r", section=section, text=text, quote=text, start=0, end=len(text), rank=0)


def test_a_units_own_name_drops_its_place() -> None:
    assert unit_own_name("红河县公路养护站") == "公路养护站"
    assert unit_own_name("养老服务补贴项目") == ""


def test_a_sentence_about_the_department_does_not_answer_for_a_unit() -> None:
    query = Query(text="养护站的会议费是多少", subjects=("红河县公路养护站",))
    assert not _names_unit(query, _sentence("全局会议费支出3.20万元。"))
    assert _names_unit(query, _sentence("公路养护站会议费支出0.80万元。"))
    assert _names_unit(query, _sentence("会议费支出0.80万元。", "三、公路养护站"))


def test_a_question_about_no_unit_takes_any_sentence() -> None:
    query = Query(text="会议费是多少", subjects=())
    assert _names_unit(query, _sentence("全局会议费支出3.20万元。"))
