import pytest

from assistant.ingest.normalise import normalise, parse_number
from tests.conftest import SAMPLES

# Real PDF-extraction artefacts from the sample reports
WRAPPED = "（2）截至 2022 年 12 月 31 日，年末实有在职在编人员 50\n\n人，自聘合同人员 6 人、租赁合同人员 45 人。退休干部 47 人。\n\n（二）年度总体工作情况及成效\n"
PAGE_MARK = "30 日，重点约谈了市政府总值班室、政务信息中心、机关事务\n管理局、公文交换站（公报编辑部）等单位，认真分析并督促信\n— 4 —\n息化运维项目、信息化建设项目、购置类项目支付进度情况，要\n求相关单位落实主体责任。\n"


def test_number_wrapped_away_from_its_unit_is_rejoined() -> None:
    n = normalise(WRAPPED)
    assert "在职在编人员50人，自聘合同人员6人" in n.text
    assert n.text.splitlines()[-1] == "（二）年度总体工作情况及成效"


def test_page_mark_is_dropped_and_the_word_across_it_rejoined() -> None:
    n = normalise(PAGE_MARK)
    assert "— 4 —" not in n.text
    assert "督促信息化运维项目" in n.text


def test_offset_map_quotes_the_original_verbatim() -> None:
    n = normalise(WRAPPED)
    start = n.text.index("50人")
    quote = n.quote(start, start + 3)
    assert quote == "50\n\n人"
    assert WRAPPED[n.original_span(start, start + 3)[0]] == "5"


def test_fullwidth_digits_and_percent_are_made_ascii() -> None:
    n = normalise("执行率为９８．０５％。")
    assert n.text == "执行率为98.05%。"
    assert n.quote(4, 10) == "９８．０５％"


def test_running_title_repeated_at_the_foot_is_dropped() -> None:
    text = SAMPLES[0].read_text(encoding="utf-8")
    n = normalise(text)
    assert n.text.count("部门整体支出绩效自评报告") == 1


@pytest.mark.parametrize("raw, value", [("4,227.15", 4227.15), ("32,601.53", 32601.53),
                                        ("0", 0.0), ("９８．０５", 98.05), ("1，234", 1234.0),
                                        ("1 234.5", 1234.5), ("12\u00a0345", 12345.0),
                                        ("1\u202f000\u2009000", 1000000.0)])
def test_parse_number(raw: str, value: float) -> None:
    assert parse_number(raw) == value


def test_every_normalised_character_maps_inside_the_original() -> None:
    for path in SAMPLES:
        original = path.read_text(encoding="utf-8")
        n = normalise(original)
        assert len(n.offsets) == len(n.text)
        assert all(0 <= o < len(original) for o in n.offsets)
        assert list(n.offsets) == sorted(n.offsets)


# numbers in full-width forms -------------------------------------------------------------------
def test_full_width_thousands_commas_and_signs_are_read_and_quoted_verbatim() -> None:
    original = "全年预算８６，４１７．５２万元，较上年－３．２％，共１２，３４５人。"
    norm = normalise(original)
    assert norm.text == "全年预算86,417.52万元，较上年-3.2%，共12,345人。"
    i = norm.text.index("86,417.52")
    assert norm.quote(i, i + len("86,417.52")) == "８６，４１７．５２"


def test_a_full_width_comma_between_two_counts_stays_a_comma() -> None:
    assert normalise("完成12，345项").text == "完成12，345项"  # two counts, ASCII digits
    assert normalise("合计1，234.56万元").text == "合计1,234.56万元"  # a decimal part follows


def test_spaces_as_thousands_separators_are_dropped() -> None:
    norm = normalise("预算数 1 234.56 万元")
    assert "1234.56万元" in norm.text


def test_folded_original_has_ascii_numbers_at_the_same_offsets() -> None:
    original = "项目｜　预算数\n１，２３４．５６\t８５％\n"
    norm = normalise(original)
    assert norm.folded == "项目｜　预算数\n1,234.56\t85%\n"
    assert len(norm.folded) == len(original)


def test_metadata_and_file_name_lines_are_never_joined_to_the_text() -> None:
    text = ("索引号：000/2024-01\n发布日期：2024-01-02\n某某中心2022年绩效报告.docx\n"
            "某某市某某中心2022年整体支出绩效自评报告 一 基本情况。我单位全年预算数803.74万元，"
            "执行率100%。全面加强预算管理，优化资源配置，提高财政资金使用效率。")
    lines = normalise(text).text.split("\n")
    assert lines[:3] == ["索引号：000/2024-01", "发布日期：2024-01-02", "某某中心2022年绩效报告.docx"]


def test_a_labelled_item_line_goes_on_whatever_its_marker() -> None:
    """A wrapped line "（2）指标：预期…" is one character longer than "2.指标：预期…"; neither
    is a heading, whichever side of the width threshold it falls."""
    wrapped = [f"第{k}行正文的文字写到这里为止一共二十五个字符的宽" for k in range(5)]  # 25 wide
    for marker in ("（2）", "2."):
        text = "\n".join([*wrapped, f"{marker}信息报送质量：预期全年信息报送质量", "100%，实际完成率100%。"])
        assert "信息报送质量100%" in normalise(text).text


def test_windows_and_old_mac_line_ends_read_as_line_ends() -> None:
    text = "某某局2023年度报告\n一、基本情况\n项目 | 预算数 |\n保洁 | 30.00 |\n"
    for ends in ("\r\n", "\r"):
        norm = normalise(text.replace("\n", ends))
        assert norm.text == normalise(text).text and "\r" not in norm.folded
        i = norm.text.index("30.00")
        assert norm.quote(i, i + 5) == "30.00"


def test_blank_grouped_numbers_in_table_cells() -> None:
    from assistant.text.headers import cell_kind
    from assistant.text.numbers import CELL_FIGURE, parse_number

    assert cell_kind("452 376 418.60") == "number" and cell_kind("1 250人") == "number"
    assert cell_kind("2023年 100") == "words"
    m = CELL_FIGURE.fullmatch("12 860.40")
    assert m and parse_number(m.group("num")) == 12860.40
    assert CELL_FIGURE.fullmatch("2023 100") is None  # two numbers, not one grouped


def test_a_row_line_table_with_blank_grouped_amounts(tmp_path) -> None:
    from pathlib import Path

    from assistant.index.pipeline import prepare

    text = ("某某县教育局2023年度部门整体支出绩效自评报告\n二、部门整体收支情况\n"
            "资金来源：一般公共预算财政拨款；全年预算数（元）：452,376,418.60；执行率：98.61%\n"
            "资金来源：政府性基金预算财政拨款；全年预算数（元）：18 600 000.00；执行率：92.77%\n")
    facts = {(f.subject, f.metric, f.value, f.text_value)
             for f in prepare(Path("r.txt"), text).facts}
    assert ("政府性基金预算财政拨款", "预算数", 1860.0, "18 600 000.00元") in facts


def test_a_line_indented_with_full_width_spaces_opens_a_paragraph() -> None:
    # a table written one cell per line shortens the median line: the heading and the
    # indented paragraph under it must still not run together
    cells = "\n".join(["指标", "分值", "得分", "10", "9", "5", "5"] * 4)
    text = cells + "\n三、业务运行情况\n\u3000\u3000全年门诊量12.5万人次，同比增长3.1%。\n"
    lines = normalise(text).text.split("\n")
    assert "三、业务运行情况" in lines
    assert "全年门诊量12.5万人次，同比增长3.1%。" in lines


def test_figures_side_by_side_stay_apart() -> None:
    # cells of a table row written with spaces: joined, 612.80688.36 would read as one number
    n = normalise("资金总额 612.80 688.36 671.15 97.50% 9.75")
    assert n.text == "资金总额612.80 688.36 671.15 97.50% 9.75"
    # a number cut by a space inside it, a number and its unit, a year and 年 still join
    assert normalise("执行 12 031.47 万元，2024 年").text == "执行12031.47万元，2024年"
