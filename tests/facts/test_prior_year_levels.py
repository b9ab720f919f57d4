"""A level of another year written beside this year's in prose (较上年X, 上年为X, 2023年为X after
a ；) is filed with that period and the metric of the figure it is compared with: the sentence's
figure of the same unit nearest in size, not merely the last one read."""

from __future__ import annotations

from assistant.facts import extract_facts
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse

HEAD = "某县林业站2024年度单位整体支出绩效自评报告\n一、预算执行情况\n"


def _rows(text: str) -> set[tuple]:
    norm = normalise(HEAD + text)
    return {(f.metric, f.scope, f.subject, f.value, f.period) for f in extract_facts(norm, analyse(norm))}


def test_compared_without_de_files_the_total_not_the_last_part() -> None:
    rows = _rows("“三公”经费支出8.40万元，其中公务用车运行维护费7.90万元和公务接待费0.50万元，较上年9.10万元有所下降。")
    assert ("上年三公经费", "department", "", 9.1, "上年") in rows
    assert not [r for r in rows if r[3] == 9.1 and r[4] == ""]


def test_a_clause_opening_with_the_year_after_a_semicolon() -> None:
    rows = _rows("“三公”经费支出3.20万元，均为公务用车运行维护费，未发生公务接待费；2023年为3.65万元。")
    assert ("2023年三公经费", "department", "", 3.65, "2023年") in rows
    rows = _rows("全年支出500.00万元，未发生公务接待费，上年为470.00万元。")
    assert ("上年支出", "department", "", 470.0, "上年") in rows


def test_a_figure_of_unlike_size_is_no_earlier_level() -> None:
    # nothing of like size to compare with, and no period named: no earlier-year fact is made up
    rows = _rows("培训人员120人次，上年为40万元。")
    assert not [r for r in rows if r[4] and r[3] == 40.0 and r[0].endswith("人次")]
