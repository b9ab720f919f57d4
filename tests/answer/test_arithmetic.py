"""Answers computed in code from the facts: difference, sum, remaining, parts vs total, stated
vs computed rate, target vs actual, subject tables and the report summary; and the arithmetic
they rest on (Decimal, units kept, the calculation shown)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.answer import arithmetic as ar
from assistant.factory import build_assistant
from assistant.settings import Settings

FORESTRY_2023 = """某县林业局2023年部门整体支出绩效自评报告
一、部门基本情况
本局内设机构5个，下属事业单位2个。截至2023年12月31日，年末实有在职在编人员30人，自聘合同人员4人，租赁合同人员7人。
二、部门整体支出情况
2023年度本部门收入合计1,250.50万元。全年预算数1,200.00万元，执行数1,140.00万元，预算执行率95.00%。按支出性质分，基本支出900.00万元，项目支出240.00万元。
三、绩效指标完成情况
（1）森林防火巡查覆盖率：预期全年森林防火巡查覆盖率不低于90%，实际全年巡查覆盖率98%。
（2）投诉办结率：预期全年投诉办结率达到100%，实际全年投诉办结率96%。
四、项目支出情况
森林防火专项：2023年该项目预算数120.00万元，实际执行数110.00万元，预算执行率91.67%。
苗木培育项目：2023年该项目预算数80.00万元，实际执行数80.00万元，预算执行率100%。
五、自评结论
本部门绩效自评得分为92.5分，等级为优。
六、存在的主要问题
1.预算编制精细化程度不够，年中调整较多。
2.绩效目标设置不够细化，部分指标难以量化。
七、下一步改进措施
1.加强预算编制管理，提高预算准确性。
2.完善绩效指标体系，细化量化指标。
"""

FORESTRY_2022 = """某县林业局2022年部门整体支出绩效自评报告
一、部门整体支出情况
全年预算数1,100.00万元，执行数1,000.00万元，预算执行率90.91%。
"""

TOWN = """某镇人民政府2023年部门整体支出绩效自评报告
一、部门整体支出情况
年初预算数480.00万元，全年预算数500.00万元，执行数450.00万元，预算执行率92.00%。按支出性质分，基本支出300.00万元，项目支出140.00万元。
二、绩效目标情况
我单位共有1个项目批复了绩效目标，项目金额140.50万元。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    tmp: Path = tmp_path_factory.mktemp("arith")
    mp = pytest.MonkeyPatch()
    mp.setenv("JIXIAO_EMBEDDING_MODEL", "fake")
    mp.setenv("JIXIAO_LLM", "none")
    mp.setenv("JIXIAO_DATA_DIR", str(tmp / "data"))
    files = []
    for name, text in (("ly2023.txt", FORESTRY_2023), ("ly2022.txt", FORESTRY_2022),
                       ("town.txt", TOWN)):
        path = tmp / name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    a = build_assistant(Settings.from_env())
    a.ingest(files)
    yield a
    mp.undo()


def _facts(answer) -> None:
    assert answer.route == "facts" and not answer.abstained and answer.citations


# arithmetic ---------------------------------------------------------------------------------------
def test_difference_keeps_precision_and_unit_and_shows_the_calculation() -> None:
    r = ar.difference(ar.Operand("预算数", Decimal("2282.21"), "万元"),
                      ar.Operand("支出", Decimal("2180.2"), "万元"))
    assert r.value == Decimal("102.01") and r.text == "102.01万元"
    assert r.calc == "预算数2282.21万元 − 支出2180.2万元 = 102.01万元"


def test_total_and_ratio_are_decimal_and_a_year_never_enters_a_calculation() -> None:
    r = ar.total([ar.Operand("2023年在职人员", Decimal(30), "人"), ar.Operand("自聘", Decimal(4), "人")])
    assert r.value == 34 and "2023" not in r.calc and r.calc.endswith("= 34人")
    rate = ar.ratio(ar.Operand("支出", Decimal("450"), "元"), ar.Operand("预算数", Decimal("500"), "元"))
    assert rate.text == "90.00%" and "÷" in rate.calc
    assert ar.ratio(ar.Operand("a", Decimal(1), "元"), ar.Operand("b", Decimal(0), "元")) is None


def test_a_stated_rate_agrees_at_its_own_precision() -> None:
    assert ar.agrees(Decimal("95.5312"), Decimal("95.53"))
    assert ar.agrees(Decimal("99.6021"), Decimal("99.6"))
    assert not ar.agrees(Decimal("90"), Decimal("92.00"))


@pytest.mark.parametrize("quote, subject, number, relation", [
    ("预期全年巡查覆盖率不低于90%，实际98%", "巡查覆盖率", "90", ">="),
    ("成本控制数 | ≤ | 30 | 万元", "成本控制数", "30", "<="),
    ("发放覆盖率 | = | 100", "发放覆盖率", "100", "="),
    ("投诉办结率达到100%", "投诉办结率", "100", ">="),
    ("差错率：预期控制在2%以内，实际1%", "差错率", "2", "<="),
    ("信息采用率：预期全年信息采用率 45%", "信息采用率", "45", ""),
])
def test_the_relation_of_a_target_is_read_from_its_text(quote, subject, number, relation) -> None:
    assert ar.comparator(quote, subject, number) == relation


def test_meets_reads_the_relation() -> None:
    assert ar.meets(Decimal(98), Decimal(90), ">=") and not ar.meets(Decimal(96), Decimal(100), ">=")
    assert ar.meets(Decimal(28), Decimal(30), "<=") and not ar.meets(Decimal(31), Decimal(30), "<=")


# answers ------------------------------------------------------------------------------------------
def test_sum_of_named_items_matches_items_the_question_shortens(assistant) -> None:
    a = assistant.ask("某县林业局2023年在职在编、自聘合同和租赁合同人员加起来一共多少人？")
    _facts(a)
    assert "合计41人" in a.text and "30人 + 自聘合同人员4人 + 租赁合同人员7人 = 41人" in a.text
    assert a.derived[0]["value"] == 41


def test_difference_of_two_metrics_of_one_department(assistant) -> None:
    a = assistant.ask("某县林业局2023年收入比支出多多少？")
    _facts(a)
    assert "收入比支出多110.50万元" in a.text and "收入1250.50万元 − 支出1140.00万元 = 110.50万元" in a.text


def test_difference_with_a_figure_the_report_lacks_names_it(assistant) -> None:
    a = assistant.ask("某镇人民政府2023年收入比支出多多少？")
    assert a.abstained and "收入" in a.text and "450" not in a.text


def test_difference_across_years_of_one_department(assistant) -> None:
    a = assistant.ask("某县林业局2023年支出比2022年多多少？")
    _facts(a)
    assert "多140.00万元" in a.text and {c.report_id for c in a.citations} and len(a.citations) == 2


def test_remaining_budget_is_budget_minus_spending(assistant) -> None:
    a = assistant.ask("某县林业局2023年还有多少预算没有执行？")
    _facts(a)
    assert "尚未执行60.00万元" in a.text and "预算数1200.00万元 − 支出1140.00万元 = 60.00万元" in a.text
    project = assistant.ask("某县林业局2023年森林防火专项还剩多少没花？")
    assert "尚未执行10.00万元" in project.text
    done = assistant.ask("某县林业局2023年苗木培育项目还有多少没有执行？")
    assert "已全部执行" in done.text


def test_parts_against_their_total(assistant) -> None:
    ok = assistant.ask("某县林业局2023年基本支出和项目支出加起来和执行数对得上吗？")
    _facts(ok)
    assert "合计1140.00万元" in ok.text and "两者一致" in ok.text
    off = assistant.ask("某镇人民政府2023年基本支出和项目支出加起来和执行数对得上吗？")
    assert "合计440.00万元" in off.text and "不一致" in off.text and "相差10.00万元" in off.text


def test_a_stated_rate_against_the_computed_one(assistant) -> None:
    ok = assistant.ask("某县林业局2023年按执行数和预算数计算的执行率和报告写的一致吗？")
    _facts(ok)
    assert "95.00%" in ok.text and "一致" in ok.text and "不一致" not in ok.text
    off = assistant.ask("某镇人民政府2023年按执行数和预算数计算的执行率和报告写的一致吗？")
    assert "90.00%" in off.text and "92.00%" in off.text and "不一致" in off.text


def test_target_against_actual_for_indicators(assistant) -> None:
    met = assistant.ask("某县林业局2023年森林防火巡查覆盖率完成了吗？")
    _facts(met)
    assert "不低于90%" in met.text and "98%" in met.text and "已达到目标" in met.text
    assert "超出目标8个百分点" in met.text  # the margin of a target met, as of one missed
    assert "森林防火专项" not in met.text
    missed = assistant.ask("某县林业局2023年投诉办结率达到目标了吗？")
    assert "96%" in missed.text and "未达到目标" in missed.text


def test_target_of_a_budget_is_full_execution(assistant) -> None:
    a = assistant.ask("某镇人民政府2023年预算执行达到目标了吗？")
    _facts(a)
    assert "92.00%" in a.text and "未全部执行" in a.text and "50.00万元" in a.text


def test_projects_with_their_figures_as_a_cited_table(assistant) -> None:
    a = assistant.ask("某县林业局2023年有哪些项目，每个项目执行情况如何？")
    _facts(a)
    assert [r["名称"] for r in a.table] == ["森林防火专项", "苗木培育项目"]
    assert a.table[0]["支出"] == "110.00万元" and a.table[1]["执行率"] == "100%"
    assert "[1]" in a.text and "[2]" in a.text and len(a.citations) == 2


def test_indicators_table_and_none_when_the_table_holds_no_such_subject(assistant) -> None:
    a = assistant.ask("某县林业局2023年有哪些绩效指标，各指标完成情况如何？")
    assert a.route == "facts" and a.table and a.table[1]["实际值"] == "96%"
    none = assistant.ask("某镇人民政府2023年有哪些项目？")
    assert none.route != "facts"


def test_summary_of_a_report_from_its_facts_and_items(assistant) -> None:
    a = assistant.ask("帮我总结一下某县林业局2023年的报告")
    _facts(a)
    for part in ("职能与机构", "内设机构数5个", "收支", "执行率95.00%", "自评得分92.5分",
                 "存在的问题", "预算编制精细化程度不够", "改进措施", "完善绩效指标体系"):
        assert part in a.text
    original = Path(assistant.answer_chain.library.store.report(a.citations[0].report_id).path)
    text = original.read_text(encoding="utf-8")
    assert all(text[c.start:c.end] == c.quote for c in a.citations)


def test_two_figures_said_to_agree_or_not(assistant) -> None:
    a = assistant.ask("某镇人民政府2023年项目支出与批复绩效目标的项目金额一致吗？")
    _facts(a)
    assert "140.00万元" in a.text and "140.50万元" in a.text and "不一致" in a.text
    assert "相差0.50万元" in a.text


def test_an_adjusted_budget_against_the_initial_one(assistant) -> None:
    a = assistant.ask("某镇人民政府2023年预算年中调增了多少？")
    _facts(a)
    assert "多20.00万元" in a.text and "预算数500.00万元 − 年初预算数480.00万元" in a.text


def test_an_amount_computed_in_yuan_is_also_shown_in_wan() -> None:
    r = ar.difference(ar.Operand("预算数", Decimal("286000.00"), "元"),
                      ar.Operand("支出", Decimal("241385.60"), "元"))
    shown, derived = ar.in_wan(r)
    assert shown == "（约4.46万元）" and derived[0]["text"] == "4.46万元"
    assert derived[0]["calc"].startswith("预算数286000.00元 − 支出241385.60元 =")
    small = ar.difference(ar.Operand("a", Decimal("900"), "元"), ar.Operand("b", Decimal("100"), "元"))
    assert ar.in_wan(small) == ("", [])


def test_a_sum_in_yuan_is_also_shown_in_wan() -> None:
    r = ar.total([ar.Operand("公务接待费", Decimal("28320.00"), "元"),
                  ar.Operand("公务用车运行维护费", Decimal("98520.00"), "元")])
    assert ar.in_wan(r)[0] == "（约12.68万元）"
