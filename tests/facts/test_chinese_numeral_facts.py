"""Head counts and scores a report writes in Chinese numerals are facts like digits."""

from assistant.facts import extract_facts
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse

REPORT = """石门乡水利站2024年度部门整体支出绩效自评报告
一、基本情况
本站核定编制九名，年末在职人员八人（含站长一人），另聘用巡河员十二名。
二、自评结论
经自评，本站综合得分为八十八点五分，等级为“良”。此项工作十分重要。
"""


def _facts():
    norm = normalise(REPORT)
    return {(f.metric, f.value, f.unit) for f in extract_facts(norm, analyse(norm, fallback_name="r"))}


def test_chinese_numeral_head_counts_and_score_are_read() -> None:
    facts = _facts()
    assert ("在职人员", 8.0, "人") in facts
    assert ("编制数", 9.0, "人") in facts
    assert ("自评得分", 88.5, "分") in facts


def test_a_lone_one_or_ten_is_prose() -> None:
    assert not any(value in (1.0, 10.0) for _, value, _ in _facts())


def test_the_fact_shows_the_figure_in_digits() -> None:
    norm = normalise(REPORT)
    staff = [f for f in extract_facts(norm, analyse(norm, fallback_name="r")) if f.metric == "在职人员"]
    assert staff and staff[0].text_value == "8人" and staff[0].raw == "八人"


def test_a_percentage_written_in_words_is_a_rate() -> None:
    from assistant.text.numbers import unit_figures

    text = ("某乡农技站2024年度部门整体支出绩效自评报告\n二、绩效目标完成情况\n"
            "农户对培训服务的满意度为百分之九十二点五，高于百分之九十的目标值。"
            "资金兑付到户率百分之百。\n")
    norm = normalise(text)
    found = {(f.metric, f.subject, f.value, f.unit)
             for f in extract_facts(norm, analyse(norm, fallback_name="r"))}
    assert ("实际值", "满意度", 92.5, "%") in found
    assert ("目标值", "满意度", 90.0, "%") in found
    assert ("实际值", "资金兑付到户率", 100.0, "%") in found
    figures = unit_figures("百分之三十五，百分之12.5")
    assert [(m.group("num"), m.group("unit")) for m in figures] == [("三十五", "%"), ("12.5", "%")]
    assert unit_figures("十分之一，百分比") == []
