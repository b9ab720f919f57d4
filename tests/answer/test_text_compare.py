"""Comparisons in any wording, and figures from the reports' sentences compared in one unit."""

from __future__ import annotations

from decimal import Decimal

from assistant.answer.evidence.text_compare import figure_beside, verdict
from assistant.answer.understand.intent import COMPARE_CUE, MAX_WORDS, MIN_WORDS


def test_which_is_higher_in_several_wordings() -> None:
    for q in ("甲局和乙局谁的完成率更高？", "甲局和乙局的完成率哪个高？", "甲局的完成率比乙局高还是低？",
              "两家的接待费哪个多"):
        assert MAX_WORDS.search(q), q
    assert MIN_WORDS.search("甲局和乙局的完成率哪个低？")
    assert not MIN_WORDS.search("甲局的完成率比乙局高还是低？")


def test_the_cue_is_not_part_of_the_asked_item() -> None:
    assert COMPARE_CUE.sub("", "完成率哪个高") == "完成率"
    assert COMPARE_CUE.sub("", "谁的完成率更高") == "完成率"


def test_the_figure_beside_the_head_word() -> None:
    text = "全年接待经费预算为80,000.00元，实际支出61,234.50元，控制率76.54%。"
    assert figure_beside(("支出",), text)[0] == "61,234.50元"
    assert figure_beside(("控制率",), text)[1] == Decimal("76.54")


def _asks(question: str) -> tuple[str, bool]:
    """(order, rate asked) as understanding reads them from the question."""
    from assistant.answer.understand.intent import cues_of, order_of
    from assistant.answer.understand.types import Cue

    return order_of(question), Cue.RATE_WORD in cues_of(question)


def test_the_verdict_in_one_unit_rounded_with_the_conversion_shown_once() -> None:
    said = verdict(*_asks("甲局和乙局的接待费哪个多？"), [
        ("甲局", ("61,234.50元", Decimal("61234.50"), "元")),
        ("乙局", ("6.20万元", Decimal("6.20"), "万元"))])
    assert said.startswith("甲局更多") or said.startswith("乙局更多")
    assert said.startswith("乙局更多（6.20万元）")
    assert "61,234.50元（折合约6.12万元）" in said and said.count("折合") == 1
    assert "6.12345" not in said
    assert verdict(*_asks("甲局和乙局的接待费分别是多少？"), [
        ("甲局", ("1元", Decimal(1), "元")), ("乙局", ("2元", Decimal(2), "元"))]) == ""


def test_a_converted_operand_is_computed_in_the_reports_unit_at_its_precision() -> None:
    from assistant.answer.arithmetic import Operand, difference

    budget = Operand("预算数", Decimal("500.00"), "万元")
    spent = Operand("支出", Decimal("36.274219"), "万元", digits=2)  # 362,742.19元 converted
    result = difference(budget, spent)
    assert result.text == "463.73万元"
    assert result.calc == "预算数500.00万元 − 支出36.27万元 = 463.73万元"


def test_a_figure_in_yuan_is_shown_with_its_conversion_once() -> None:
    from assistant.answer.evidence.text_compare import shown

    assert shown("368,412.50元", Decimal("368412.50"), "元", True) == "368,412.50元（折合约36.84万元）"
    assert shown("42.18万元", Decimal("42.18"), "万元", True) == "42.18万元"
