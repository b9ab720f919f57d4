from assistant.answer.compare import compare, to_csv


def test_compare_execution_rate_across_all_reports(ingested) -> None:
    rows = compare(ingested.library.store, "执行率")
    assert [r.short for r in rows] == ["白云区政府办", "市政府办公厅", "荔湾区政府办", "番禺区政府办", "番禺区委办"]
    baiyun = rows[0]
    assert baiyun.metric == "收支比率" and baiyun.text_value == "100%"  # named as what it is
    assert rows[-1].text_value == "95.53%" and "95.53%" in rows[-1].quote


def test_missing_figure_is_not_disclosed_and_csv_keeps_every_row(ingested) -> None:
    rows = compare(ingested.library.store, "自评得分", years=[2023])
    assert [(r.short, r.text_value) for r in rows] == [
        ("番禺区委办", "97.8分"), ("白云区政府办", "97.23分"), ("荔湾区政府办", "未披露")]
    text = to_csv(rows)
    assert text.startswith("\ufeff部门,年度,指标,数值,原文,文件") and text.count("\n") == 4
