"""What one indicator of a score table holds, rebuilt from the weights in the report's order:
the hierarchy a flattened or OCR'd table has lost."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from assistant.answer.indicator_tree import subtree_of, weights_in_order
from assistant.index.records import FactRecord
from tests.answer.test_facts_route_subjects import _assistant


def _weight(n: int, subject: str, value: str) -> FactRecord:
    return FactRecord(id=n, report_id="r", department="d", year=2023, metric="分值",
                      scope="indicator", subject=subject, value=Decimal(value), unit="分",
                      text_value=f"{value}分", raw=value, quote=f"{subject}{value}",
                      start=n * 10, end=n * 10 + 5, num_start=n * 10 + 3, num_end=n * 10 + 4,
                      section="", para=0, page=0)


# 一级 产出 30 = 二级 数量 20 (三级 12 + 8) + 二级 质量 10 (三级 10);
# 一级 效益 20 = 二级 社会效益 20 (三级 10 + 10): siblings of equal weight must stay siblings
TABLE = [("产出指标", "30"), ("数量指标", "20"), ("培训人次", "12"), ("检查次数", "8"),
         ("质量指标", "10"), ("合格率", "10"), ("效益指标", "20"), ("社会效益", "20"),
         ("群众知晓率", "10"), ("投诉办结率", "10")]


def _weights() -> list[FactRecord]:
    return weights_in_order([_weight(n, s, v) for n, (s, v) in enumerate(TABLE)])


def test_a_second_level_indicator_holds_the_leaves_whose_weights_add_up_to_it() -> None:
    node = subtree_of("数量指标", _weights())
    assert node is not None
    assert [c.fact.subject for c in node.children] == ["培训人次", "检查次数"]


def test_a_first_level_indicator_holds_second_level_ones_with_their_leaves() -> None:
    node = subtree_of("产出指标", _weights())
    assert node is not None
    assert [c.fact.subject for c in node.children] == ["数量指标", "质量指标"]
    assert [leaf.fact.subject for leaf in node.leaves()] == ["培训人次", "检查次数", "合格率"]


def test_equal_weights_in_a_row_are_siblings_not_parent_and_child() -> None:
    node = subtree_of("社会效益", _weights())
    assert node is not None
    assert [c.fact.subject for c in node.children] == ["群众知晓率", "投诉办结率"]


def test_weights_that_do_not_add_up_give_no_hierarchy() -> None:
    broken = weights_in_order([_weight(0, "产出指标", "30"), _weight(1, "培训人次", "12"),
                               _weight(2, "检查次数", "8")])
    assert subtree_of("产出指标", broken) is None
    assert subtree_of("不存在的指标", _weights()) is None


# an OCR'd score table, one run-on line per row: the level columns are gone
RUNON = """某县水利局2023年部门整体支出绩效自评报告
部门整体支出绩效评价指标表一级指标分值二级指标分值三级指标分值评价标准得分投入20预算配置20在职人员控制率8以100%为标准。超编不得分。8“三公经费”变动率12较上年下降的计满分。12过程30预算执行30预算完成率15以100%为标准,每低5%扣2分。15预算控制率15追加预算为0计满分。15
"""


def test_a_question_about_what_an_indicator_holds_is_answered_from_the_weights(
        tmp_path: Path, monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"sl.txt": RUNON})
    answer = a.ask("某县水利局2023年自评中“预算配置”下设了哪些三级指标？")
    assert answer.route == "facts" and not answer.abstained
    assert "在职人员控制率" in answer.text and "“三公经费”变动率" in answer.text
    assert "预算完成率" not in answer.text
    assert "8 + 12 = 20" in answer.text
    assert all(c.quote for c in answer.citations)


CRITERIA_TABLE = """某镇人民政府2023年部门整体支出绩效自评报告
| 一级指标 | 二级指标 | 三级指标 | 分值 | 评分标准 | 得分 |
|---|---|---|---|---|---|
| 过程 | 预算执行 | 预算完成率 | 10 | 完成率100%计满分，每低5%扣2分 | 8 |
| 过程 | 预算执行 | 结转结余率 | 5 | 结转结余率为0计满分 | 5 |
"""


def test_the_scoring_rule_of_an_indicator_is_quoted_from_its_row(tmp_path: Path,
                                                                  monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"town.md": CRITERIA_TABLE})
    answer = a.ask("某镇人民政府2023年预算完成率的评分标准是什么？")
    assert answer.route == "facts" and not answer.abstained
    assert "每低5%扣2分" in answer.text and "结转结余率为0" not in answer.text
    assert answer.citations and "每低5%扣2分" in answer.citations[0].quote
