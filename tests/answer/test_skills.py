"""The contract every skill keeps, run on every skill of the registry: it declines a query it
does not match, cites every figure it shows, and never reads the question's words (the same
answer comes back when the Query's text is blanked out: only its slots count)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.answer.evidence.verify import untraced_numbers
from assistant.answer.skills import SKILLS, first_answer
from assistant.answer.understand import resolve
from tests.answer import library

# questions over the samples, at least one for every answer shape
QUESTIONS = (
    "2023年的执行率是多少？",  # ask back: which department?
    "海珠区政府办2023年支出是多少？",  # ask back: not in the library
    "白云区政府办2023年存在的主要问题有哪些？",
    "白云区政府办2023年有哪些项目，每个项目执行情况如何？",
    "总结一下番禺区委办2023年的报告",
    "白云区政府办2023年哪个项目支出最多？",
    "白云区政府办2023年几个项目一共执行了多少？",  # the listed projects taken together
    "白云区政府办2023年乡村振兴示范带建设项目执行了多少？",  # a project the facts lack
    "荔湾区政府办2023年预算数比执行数多了多少？",
    "白云区政府办2023年对外联络会议及调研、机关饭堂、智慧白云信息化建设这三个项目的预算合计多少？",
    "荔湾区政府办2023年还有多少预算没有执行？",
    "荔湾区政府办2023年基本支出和项目支出加起来与支出总额一致吗？",
    "荔湾区政府办2023年的执行率按支出除以预算计算对得上吗？",
    "白云区政府办2023年的绩效目标完成了吗？",
    "番禺区委办2023年项目支出占支出总额的比重是多少？",
    "番禺区政府办2022年基本支出有多少？",
    "2023年荔湾区政府办、番禺区委办和白云区政府办中，哪个部门支出最少？",
)
# a small report of our own: a score table whose rows state their scoring rules
OWN_REPORT = """某乡农业服务中心2023年部门整体支出绩效自评报告
一、部门基本情况
2023年度预算数为120.00万元，支出为96.00万元，预算执行率为80.00%。
2022年支出为90.00万元。
按来源分，一般公共预算拨款全年预算100.00万元，支出84.00万元。
本中心2023年度自评得分94分。扣分情况：培训人次未达目标，扣一分；台账不全，扣五分。
二、绩效指标完成情况
新增农技推广面积1,150亩，年度目标1,200亩，余下地块因天气顺延。
| 一级指标 | 二级指标 | 三级指标 | 分值 | 评分标准 | 得分 |
|---|---|---|---|---|---|
| 产出 | 数量指标 | 培训农户人次 | 10 | 达到目标值计满分，每少10人次扣1分 | 9 |
| 效益 | 满意度指标 | 农户满意度 | 10 | 满意度90%以上计满分 | 10 |
"""
OWN_QUESTIONS = ("某乡农业服务中心2023年培训农户人次的评分标准是什么？",
                 "某乡农业服务中心2023年预算数是多少？",
                 "某乡农业服务中心2023年农技推广面积的目标完成了吗？",
                 "某乡农业服务中心2023年支出比上年增加了多少？",
                 "某乡农业服务中心2023年预算数是支出的多少倍？",
                 "某乡农业服务中心2023年扣了几分，和自评得分对得上吗？",
                 "某乡农业服务中心2023年一般公共预算拨款的执行率是多少？")


@pytest.fixture(scope="module")
def cases(ingested, tmp_path_factory):
    """(context, query) of every question: the samples' and our own report's."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        own = library.ingested(tmp_path_factory.mktemp("skills"), monkeypatch,
                               {"own.md": OWN_REPORT})
    out = []
    for assistant, questions in ((ingested, QUESTIONS), (own, OWN_QUESTIONS)):
        chain = assistant.qa.chain
        out += [(chain.context(), resolve(q, chain.catalog())) for q in questions]
    return out


def _shown(answer):
    return None if answer is None else (answer.text, answer.abstained, answer.route,
                                        [(c.report_id, c.start, c.end) for c in answer.citations])


def test_the_registry_names_each_skill_once() -> None:
    names = [s.name for s in SKILLS]
    assert len(names) == len(set(names)) and all(names)
    assert names[0] == "ask_back" and names[-1] == "figures"


@pytest.mark.parametrize("skill", SKILLS, ids=lambda s: s.name)
def test_every_skill_keeps_the_contract(skill, cases) -> None:
    answered = []
    for ctx, q in cases:
        answer = skill.answer(q, ctx)
        if not skill.matches(q):
            assert answer is None, (skill.name, q.text)
            continue
        if answer is None:
            continue
        answered.append(q.text)
        assert answer.skill == skill.name
        if not answer.abstained:  # every figure shown stands in a cited span (or is derived)
            quotes = [c.quote for c in answer.citations]
            assert untraced_numbers(answer.text, quotes, answer.derived) == [], (skill.name, answer.text)
        blank = replace(q, text="□" * len(q.text))  # the slots alone give the same answer
        assert _shown(skill.answer(blank, ctx)) == _shown(answer), (skill.name, q.text)
    assert answered, f"no question of the contract is answered by {skill.name}"


def test_the_first_skill_that_answers_wins(cases) -> None:
    by_question = {q.text: first_answer(SKILLS, q, ctx) for ctx, q in cases}
    assert by_question["2023年的执行率是多少？"].skill == "ask_back"
    assert by_question["番禺区政府办2022年基本支出有多少？"].skill == "figures"
    assert by_question["荔湾区政府办2023年预算数比执行数多了多少？"].skill == "difference"
    assert by_question[OWN_QUESTIONS[0]].skill == "criteria"


def test_an_asked_item_takes_the_unit_of_the_metric_asked(ingested) -> None:
    """"…项目执行了多少": the item's own words name no unit; the metric asked (支出) does."""
    q = resolve("白云区政府办2023年机关饭堂项目执行了多少？", ingested.qa.chain.catalog())
    assert q.metrics == ("支出",) and [a.kind for a in q.asked] == ["money"]


def test_a_target_the_facts_lack_is_read_from_the_report_sentence(cases) -> None:
    """Target and actual in one sentence that the facts table holds no pair for: both shown,
    with the shortfall, and the sentence cited."""
    context, query = next(c for c in cases if c[1].text == OWN_QUESTIONS[2])
    answer = first_answer(SKILLS, query, context)
    assert answer.skill == "target" and not answer.abstained
    assert "1,200亩" in answer.text and "1,150亩" in answer.text and "少50亩" in answer.text
    assert any("年度目标1,200亩" in c.quote for c in answer.citations)


def test_a_listed_item_no_subject_was_read_for_is_never_dropped_from_a_sum(ingested) -> None:
    """Three items named, two read: no sum of the two passed off as the three's."""
    q = "白云区政府办2023年对外联络会议及调研、机关饭堂、智慧白云信息化健设这三个项目的预算合计多少？"
    text = ingested.ask(q).text
    assert "561.13" not in text
