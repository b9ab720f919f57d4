"""The department's name or 我所 before another subject's figure does not make a later figure
of the same sentence the department's."""

from assistant.facts import extract_facts
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse

REPORT = (
    "某市某某测绘所2023年度部门整体支出绩效自评报告\n"
    "一、预算执行情况\n"
    "全年预算500.00万元，全年支出480.00万元，预算执行率96.00%。\n"
    "二、资产情况\n"
    "市道路改造工程由市住建局组织实施，我所只承担其中测量控制点迁移部分，迁移资金60.00万元，"
    "已支出45.00万元。\n"
)


def department(metric: str, text: str = REPORT) -> set[str]:
    norm = normalise(text)
    return {f.text_value for f in extract_facts(norm, analyse(norm))
            if f.metric == metric and f.scope == "department" and not f.subject and not f.period}


def test_a_spending_after_another_subjects_figure_is_not_the_departments() -> None:
    assert department("支出") == {"480.00万元"}


def test_the_self_word_still_speaks_for_the_figure_right_after_it() -> None:
    text = REPORT.replace("全年支出480.00万元", "本年我所支出480.00万元")
    assert department("支出", text) == {"480.00万元"}


def test_a_blank_grouped_amount_in_prose_keeps_its_writing_and_its_rounding() -> None:
    from assistant.facts.vocabulary import same_value
    text = REPORT.replace("全年支出480.00万元", "全年支出1 480.00万元").replace("500.00万元", "1 500.00万元")
    norm = normalise(text)
    facts = {f.metric: f for f in extract_facts(norm, analyse(norm)) if f.scope == "department"}
    assert facts["支出"].text_value == "1 480.00万元" and facts["支出"].value == 1480.0
    near = type("F", (), {"value": 1480.4, "unit": "万元", "text_value": "1 480.40万元"})()
    assert not same_value(facts["支出"], near)  # rounded to 0.01, not to the first digit
