"""Against the previous year's report of the same department."""

from __future__ import annotations

import pytest

from assistant.factory import build_assistant
from assistant.settings import Settings
from tests.review import reports as r

LAST_YEAR = r.report(year=2022, money=(
    "二、部门整体收支情况\n2022年全年预算数为3,000.00万元，全年执行数为2,850.00万元，预算执行率为95.00%。\n"
    "按支出性质分，基本支出800.00万元，项目支出2,050.00万元。\n"
    "“三公”经费支出9.60万元。\n"))
NEW_PROBLEMS = (
    "（一）有害生物防治队伍专业力量不足。全县专职测报员仅6人，难以覆盖全部监测点位。\n"
    "（二）森林防火物资储备不足。全县4个乡镇的扑火机具储备低于配置标准。\n")
NEW_MEASURES = (
    "（一）充实有害生物防治队伍。由森林病虫害防治站负责，{next}年6月底前新增专职测报员4人。\n"
    "（二）补齐森林防火物资。由防火办负责，{next}年3月底前为4个乡镇补齐扑火机具。\n")


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    base = tmp_path_factory.mktemp("previous")
    folder = base / "in"
    folder.mkdir()
    (folder / "y2022.txt").write_text(LAST_YEAR, encoding="utf-8")
    (folder / "y2023.txt").write_text(r.report(year=2023), encoding="utf-8")
    explained = r.PARTS["money"].replace(
        "项目支出1,100.00万元。", "项目支出1,100.00万元，较上年减少主要是上年造林工程已完工。").replace(
        "全年预算数为2,000.00万元，全年执行数为1,900.00万元，",
        "全年预算数为2,000.00万元，全年执行数为1,900.00万元，较上年下降，")
    (folder / "y2023b.txt").write_text(r.report(year=2023, money=explained, problems=NEW_PROBLEMS,
                                               measures=NEW_MEASURES), encoding="utf-8")
    settings = Settings(data_dir=base / "data", models_dir=base / "models", corpus_dir=folder,
                        embedding_model="fake", llm="none")
    assistant = build_assistant(settings)
    assert all(x.status == "added" for x in assistant.ingest([folder]))
    return assistant


def test_repeated_problems_and_sharp_changes_are_found(two_years) -> None:
    found = two_years.review("y2023")
    assert found.previous == "y2022.txt"
    repeated = [f for f in found.findings if f.rule == "problem_repeated"]
    assert len(repeated) == 2
    assert {q.file for q in repeated[0].quotes} == {"y2023.txt", "y2022.txt"}
    changes = [f for f in found.findings if f.rule == "sharp_change"]
    assert any("项目支出" in f.message and "2,050.00万元" in f.message for f in changes)


def test_new_problems_and_explained_changes_are_not_findings(two_years) -> None:
    found = two_years.review("y2023b", previous="y2022")
    assert found.previous == "y2022.txt"
    assert [f.rule for f in found.findings] == []


def test_last_years_report_is_not_read_against_itself(two_years) -> None:
    assert two_years.review("y2022").previous == ""
