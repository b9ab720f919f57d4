"""An indicator's actual and target in a measure of its own, stated as a pair."""

from __future__ import annotations

from assistant.facts import extract_facts
from assistant.facts.measures import measure_pairs
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse


def test_a_pair_in_one_measure_gives_the_actual_and_the_target() -> None:
    [pair] = measure_pairs("（二）完成乡村公路硬化里程46.5公里，年度目标不少于40公里，超额完成。")
    assert (pair.name, pair.unit) == ("乡村公路硬化里程", "公里")
    s = "（二）完成乡村公路硬化里程46.5公里，年度目标不少于40公里，超额完成。"
    assert s[slice(*pair.actual)] == "46.5" and s[slice(*pair.target)] == "40"


def test_no_pair_across_measures_or_for_what_the_vocabulary_reads() -> None:
    assert measure_pairs("新建蓄水池12座，年度目标15公里。") == []
    assert measure_pairs("支出120万元，目标100万元。") == []


def test_measure_pairs_become_indicator_facts_with_quotes() -> None:
    text = "某县交通运输局2024年度部门整体支出绩效自评报告\n三、产出\n新增公交候车亭36座，年度目标为30座。\n"
    norm = normalise(text)
    facts = [f for f in extract_facts(norm, analyse(norm)) if f.scope == "indicator"]
    got = {(f.metric, f.subject, f.value, f.unit) for f in facts}
    assert got == {("实际值", "公交候车亭", 36.0, "座"), ("目标值", "公交候车亭", 30.0, "座")}
    for f in facts:
        assert text[f.num_start:f.num_end] == f.raw and text[f.start:f.end] == f.quote
