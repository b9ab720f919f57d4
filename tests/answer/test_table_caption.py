"""A figure read from a numbered table says which table."""

from assistant.answer.lookup import table_caption

TEXT = ("一、收支情况\n各资金来源的执行情况见表1。\n表1 2024年度预算执行情况（单位：元）\n"
        "资金来源\t全年预算\t执行数\n财政拨款\t1,000,000.00\t950,000.00\n"
        "二、绩效情况\n全年执行率为95.00%，较上年提高。\n")


def test_a_cell_under_a_caption_names_its_table() -> None:
    assert table_caption(TEXT, TEXT.index("950,000.00")) == "表1"


def test_prose_after_the_table_names_none() -> None:
    assert table_caption(TEXT, TEXT.index("95.00%")) == ""
    assert table_caption(TEXT, TEXT.index("见表1")) == ""
