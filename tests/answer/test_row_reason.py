"""A why-question reads the reason cell of the asked indicator's own table row; a clause that
says what the clause before brought about is a cause (own wording)."""

from __future__ import annotations

from assistant.answer.evidence.reasons import cause_of
from assistant.answer.evidence.row_reason import row_reason
from assistant.text.markers import EFFECT_AFTER

ONE_LINE = """绩效指标
三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因
路灯亮灯率\t≥98%\t96.2%\t10\t8\t两条主干道线路被施工挖断，抢修用了9天
巡查频次\t≥2次/周\t2次/周\t10\t10\t
群众满意度\t≥90%\t88%\t10\t8\t部分小区反映报修回应慢
"""

ONE_CELL_PER_LINE = """三级指标
年度指标值
实际完成值
路灯亮灯率
≥98%
96.2%
10
8
两条主干道线路被施工挖断，抢修用了9天
巡查频次
≥2次/周
2次/周
10
10

群众满意度
≥90%
88%
"""


def test_the_reason_cell_of_a_row_on_one_line():
    r = row_reason("市政所路灯亮灯率为什么没达到目标？", "r", ONE_LINE)
    assert r is not None and r.text == "两条主干道线路被施工挖断，抢修用了9天"
    assert ONE_LINE[r.start:r.end] == r.text
    # a text cell without a clause mark is the reason too, on a row's own line
    r = row_reason("群众满意度为何偏低", "r", ONE_LINE)
    assert r is not None and r.text == "部分小区反映报修回应慢"
    # a row whose reason cell is empty gives none
    assert row_reason("巡查频次为什么只有两次", "r", ONE_LINE) is None


def test_the_reason_cell_of_a_form_copied_one_cell_per_line():
    r = row_reason("路灯亮灯率为什么没达标？", "r", ONE_CELL_PER_LINE)
    assert r is not None and r.text.startswith("两条主干道")
    assert ONE_CELL_PER_LINE[r.start:r.end] == r.text
    # the next row's name is no reason of a row that gives none
    assert row_reason("巡查频次为什么不够", "r", ONE_CELL_PER_LINE) is None


def test_an_effect_clause_makes_the_clause_before_a_cause():
    text = "部分路段电缆老化严重，维修经费不足，影响亮灯率。"
    assert EFFECT_AFTER.search(text)
    assert cause_of(text) == "部分路段电缆老化严重，维修经费不足"
    assert not EFFECT_AFTER.search("亮灯率受天气影响较大。")  # 受…影响 is its own shape
