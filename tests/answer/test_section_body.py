"""A text question whose subject is a heading of the report is answered with the body under
that heading, not with sentences elsewhere that share some of its words."""

from __future__ import annotations

from pathlib import Path

from tests.answer.test_facts_route_subjects import _assistant

REPORT = """某市统计局2023年度部门整体支出绩效自评报告

一、部门基本情况

（一）部门整体支出绩效目标

围绕全市统计调查任务，按时完成经济普查和常规统计报表，确保数据质量，为决策提供可靠依据。

（二）各项工作任务绩效目标完成情况分析

经济普查入户登记全部完成，常规报表按时报送。

二、存在的问题

一是绩效目标设置不够细化，部分指标难以量化。
"""


def test_a_question_naming_a_heading_gets_that_sections_body(tmp_path: Path,
                                                             monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"tj.txt": REPORT})
    answer = a.ask("某市统计局2023年部门整体绩效目标是什么？")
    assert not answer.abstained
    assert "按时完成经济普查和常规统计报表" in answer.text
    assert "难以量化" not in answer.text  # a problem is never offered as the goal
    assert answer.citations and "确保数据质量" in answer.citations[0].quote


LONG_SECTION = """某县档案局2023年度部门整体支出绩效自评报告

一、部门职能

负责全县档案的收集、整理、保管、编研和利用工作，指导全县机关、企事业单位的档案业务建设。

二、年度重点工作完成情况

全年接收进馆档案一万二千卷，全部完成著录和编目工作，馆藏结构进一步优化，档案管理规范化水平持续提高。

1.数字化工作

完成馆藏重点档案数字化扫描和质量检查，建成全文检索平台，实现馆藏目录网上查询和跨馆调阅。

2.利用服务

全年接待查档群众并提供证明材料，办结查档申请，群众查档平均等候时间较上年明显缩短。

三、存在的问题

一是库房面积不足，部分新接收档案只能临时存放，库房温湿度控制设备老化，存在一定安全隐患。
"""


def test_a_section_is_quoted_whole_with_its_sub_headings(tmp_path: Path, monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"da.txt": LONG_SECTION})
    answer = a.ask("某县档案局2023年年度重点工作完成情况是什么？")
    assert "接收进馆档案一万二千卷" in answer.text
    assert "建成全文检索平台" in answer.text and "办结查档申请" in answer.text  # not only the first paragraph
    assert "库房面积不足" not in answer.text
    assert "篇幅较长" not in answer.text


def test_a_section_longer_than_the_quote_says_where_it_is_cut(tmp_path: Path, monkeypatch) -> None:
    filler = "".join(f"第{n}季度开展档案安全检查，整改隐患，完善制度台账。" for n in range(1, 61))
    a = _assistant(tmp_path, monkeypatch, {"da.txt": LONG_SECTION.replace(
        "馆藏结构进一步优化，", "馆藏结构进一步优化，" + filler)})
    answer = a.ask("某县档案局2023年年度重点工作完成情况是什么？")
    assert "接收进馆档案一万二千卷" in answer.text
    assert "篇幅较长" in answer.text and "其余见报告原文该节" in answer.text
