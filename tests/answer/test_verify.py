from decimal import Decimal

import pytest

from assistant.answer.evidence.verify import (
    cn_number,
    flag_numbers,
    number_values,
    unsupported_numbers,
)

QUOTE = "全年预算数 3181.27万元，执行数 3168.61万元，完成预算\n的 99.6%。"


@pytest.mark.parametrize("text, values", [
    ("支出 4,144.86 万元 [1]", ["4144.86"]),
    ("2023年执行率为99.6%。", ["99.6"]),
    ("1. 第一项\n2. 第二项 12 人", ["12"]),
    ("９８．０５％", ["98.05"]),
])
def test_number_values_skip_years_markers_and_ordinals(text, values) -> None:
    assert [str(v) for _, v in number_values(text)] == values


def test_a_number_in_the_cited_span_is_supported() -> None:
    assert unsupported_numbers("荔湾区政府办2023年执行率为99.6%[1]，执行数3,168.61万元。", [QUOTE]) == []


def test_an_invented_number_is_caught_and_flagged() -> None:
    answer = "基本支出为1000万元，项目支出为2000万元[1]。"
    bad = unsupported_numbers(answer, [QUOTE])
    assert bad == ["1000", "2000"]
    assert "1000（⚠未核实）万元" in flag_numbers(answer, bad)


def test_derived_number_is_supported_by_its_calculation() -> None:
    derived = [{"text": "12.66万元", "calc": "3181.27 − 3168.61 = 12.66"}]
    assert unsupported_numbers("多了12.66万元", [QUOTE], derived) == []
    assert unsupported_numbers("多了12.67万元", [QUOTE], derived) == ["12.67"]


@pytest.mark.parametrize("text, value", [
    ("十二", "12"), ("三千二百零五", "3205"), ("九十九点六", "99.6"), ("一万二千", "12000"),
    ("两", "2"), ("十", "10"), ("一百零八", "108"), ("零点五", "0.5"),
])
def test_chinese_numerals_are_read(text, value) -> None:
    assert cn_number(text) == Decimal(value)


def test_chinese_numeral_figures_are_checked_but_prose_is_not() -> None:
    answer = "三是加强管理，从三个方面推进，十分重要；共有在职人员十二人，经费三万元，执行率百分之九十九点六"
    assert unsupported_numbers(answer, ["在职人员12人，预算执行率99.6%"]) == ["三"]
    assert unsupported_numbers(answer, ["在职人员12人，预算执行率99.6%，经费3万元"]) == []
    # only the figure is marked, not 三是
    assert flag_numbers(answer, ["三"]).startswith("三是加强管理") and "三（⚠未核实）万元" in flag_numbers(answer, ["三"])
    assert unsupported_numbers("共有在职人员十三人", ["在职人员12人"]) == ["十三"]
