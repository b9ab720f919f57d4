"""The facts route with subjects: a project report's own figures, a subject without a figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.factory import build_assistant
from assistant.settings import Settings

PROJECT_REPORT = """某市气象局2023年度项目绩效自评报告(人工影响天气作业项目)
一、自评结论
项目绩效评分96分,自评为优。
二、绩效目标完成情况
1.产出指标全部完成,作业点位12个,作业人员36人。
三、预算执行情况
人工影响天气作业项目预算45.00万元,执行44.10万元,执行率98.00%。
"""


# another department whose score table has an indicator named like a budget metric
SCORE_TABLE = """某县农业农村局2023年部门整体支出绩效自评报告
全年预算数 800.00万元，执行数 760.00万元，预算执行率 95.00%，基本支出 500.00万元。
| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |
|---|---|---|---|---|
| 过程 | 预算执行 | 预算完成率 | 10 | 9 |
"""


def _assistant(tmp_path: Path, monkeypatch, files: dict[str, str]):
    """An assistant (fake embeddings, no model) over reports written from `files`."""
    monkeypatch.setenv("JIXIAO_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("JIXIAO_LLM", "none")
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(tmp_path / "data"))
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    a = build_assistant(Settings.from_env())
    a.ingest(paths)
    return a


@pytest.fixture()
def assistant(tmp_path: Path, monkeypatch):
    return _assistant(tmp_path, monkeypatch, {"qx.txt": PROJECT_REPORT, "ny.md": SCORE_TABLE})


def test_a_project_reports_own_score_answers_a_question_naming_the_project(assistant) -> None:
    answer = assistant.ask("某市气象局2023年人工影响天气作业项目自评得了多少分？")
    assert answer.route == "facts" and not answer.abstained
    assert "96分" in answer.text


def test_a_subject_without_an_asked_figure_is_not_declined_by_the_facts_route(assistant) -> None:
    answer = assistant.ask("某市气象局2023年人工影响天气作业项目有多少作业人员？")
    assert answer.route != "facts" or not answer.abstained


def test_another_reports_indicator_name_is_not_a_subject_of_this_question(assistant) -> None:
    answer = assistant.ask("某市气象局2023年人工影响天气作业项目的预算执行率是多少？")
    assert "98.00%" in answer.text and not answer.abstained
    own = assistant.ask("某县农业农村局2023年预算执行率是多少？")
    assert "95.00%" in own.text


def test_an_indicator_score_asked_as_how_many_points(assistant) -> None:
    answer = assistant.ask("某县农业农村局2023年预算完成率这个指标得了几分？")
    assert answer.route == "facts" and "9分" in answer.text


def test_a_class_asked_by_its_own_name(assistant) -> None:
    answer = assistant.ask("某县农业农村局2023年基本支出是多少？")
    assert "500.00万元" in answer.text and not answer.abstained


def test_a_project_of_another_department_is_never_answered_with_this_ones_figure(assistant) -> None:
    answer = assistant.ask("某县农业农村局2023年人工影响天气作业项目的预算数是多少？")
    assert "800.00" not in answer.text and "45.00" not in answer.text


YUAN_REPORT = """某县图书馆2024年部门整体支出绩效自评报告
一、收支情况
2024年度收入合计1234567.89元，支出合计1100000.00元。
二、自评结论
(一)存在的问题和原因分析

无。

(二)下一步拟改进措施及有关建议

无。
"""


@pytest.fixture()
def library_assistant(tmp_path: Path, monkeypatch):
    projects = ("\n| 项目名称 | 年初预算数 | 全年预算数 | 全年执行数 |\n|---|---|---|---|\n"
                "| 高标准农田管护项目 | 50.00 | 62.00 | 60.00 |\n")
    return _assistant(tmp_path, monkeypatch,
                      {"tsg.txt": YUAN_REPORT, "ny.md": SCORE_TABLE + projects})


def test_an_amount_in_yuan_is_converted_to_two_decimals_with_its_derivation(library_assistant) -> None:
    answer = library_assistant.ask("某县图书馆2024年收入合计折合多少万元？")
    assert "1234567.89元" in answer.text and "折合约123.46万元" in answer.text
    assert answer.derived and answer.derived[0]["calc"].startswith("1234567.89元 = 123.46万元")


def test_a_score_comes_with_its_weight_and_an_initial_budget_with_the_final(library_assistant) -> None:
    score = library_assistant.ask("某县农业农村局2023年预算完成率这个指标得了几分？")
    assert "得分为9分" in score.text and "分值为10分" in score.text
    budget = library_assistant.ask("某县农业农村局2023年高标准农田管护项目年初预算是多少？")
    assert "50.00万元" in budget.text and "62.00万元" in budget.text


def test_problems_and_measures_asked_together_and_a_bare_none(library_assistant) -> None:
    answer = library_assistant.ask("某县图书馆2024年存在哪些问题，下一步怎么改进？")
    assert "存在的主要问题" in answer.text and "下一步改进措施" in answer.text
    assert answer.text.count("无") >= 2 and len(answer.citations) == 2


TWO_FORMS = "\n".join([
    "某县司法局2023年项目支出绩效自评报告",
    "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 权重 | 得分 |",
    "产出指标 | 数量指标 | 普法宣传场次 | 20 | 22 | 90 | 90 |",
    "部门预算项目支出绩效自评表(2023年度) | ||||",
    "项目名称 | 2023年社区矫正信息化项目 | ||||",
    "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 |",
    "总额 | 0.00 | 8.50 | 8.50 | 100.00% | 10 | 10 |",
    "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 权重 | 得分 |",
    "产出指标 | 质量指标 | 系统验收合格率 | 100% | 100% | 90 | 90 |",
])


def test_an_indicator_of_another_projects_form_is_declined(tmp_path: Path, monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"sf.txt": TWO_FORMS})
    other = a.ask("某县司法局社区矫正信息化项目的“普法宣传场次”指标值是多少？")
    assert other.abstained and "22" not in other.text and "20" not in other.text.replace("2023", "")
    own = a.ask("某县司法局社区矫正信息化项目的“系统验收合格率”指标值是多少？")
    assert not own.abstained and "100%" in own.text


def test_a_figure_ocr_read_with_low_confidence_is_marked_in_the_answer(library_assistant,
                                                                        monkeypatch) -> None:
    from assistant.index.ocr_marks import OCR_LOW
    from assistant.index.pipeline import Span

    store = library_assistant.library.store
    text = store.report_text("tsg.txt")
    start = text.index("1100000.00")
    unsure = Span(kind=OCR_LOW, ord=0, start=start - 4, end=start + 12, norm_start=0, norm_end=0,
                  page=1, level=62)
    real = store.spans
    monkeypatch.setattr(store, "spans", lambda rid, kind=None: [unsure] if kind == OCR_LOW
                        and rid == "tsg.txt" else real(rid, kind))
    answer = library_assistant.ask("某县图书馆2024年支出合计是多少？")
    assert "1100000.00元（OCR低置信，请核对原件）" in answer.text
    assert any("OCR" in f for f in answer.flags)
    other = library_assistant.ask("某县图书馆2024年收入合计是多少？")
    assert "OCR低置信" not in other.text


def test_a_total_score_the_report_does_not_give_is_declined(library_assistant) -> None:
    answer = library_assistant.ask("某县图书馆2024年整体支出绩效自评总分是多少？")
    assert answer.abstained and "自评得分" in answer.text


def test_a_grade_asked_as_what_is_it_comes_from_the_facts(assistant) -> None:
    answer = assistant.ask("某市气象局2023年人工影响天气作业项目自评等级是什么？")
    assert answer.route == "facts" and "优" in answer.text and not answer.abstained


def test_an_indicator_list_leaves_out_the_forms_section_weights(tmp_path: Path, monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"sf.txt": TWO_FORMS})
    answer = a.ask("某县司法局2023年有哪些绩效指标，各指标权重多少？")
    names = [row["名称"] for row in answer.table or []]
    assert "系统验收合格率" in names and "普法宣传场次" in names
    assert "绩效指标" not in names and "预算执行情况" not in names


SATISFACTION = """某市民政局2023年度项目绩效自评报告(敬老院运营补助项目)
一、自评结论
项目绩效评分95分,自评为优。
二、绩效目标完成情况
1.产出指标全部完成,补助敬老院8所。
2.满意度指标全部完成,入住老人满意度96%。
"""


def test_an_indicator_asked_with_no_figure_named_gives_what_it_reached(tmp_path: Path,
                                                                       monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"mz.txt": SATISFACTION})
    answer = a.ask("某市民政局2023年敬老院运营补助项目的入住老人满意度是多少？")
    assert answer.route == "facts" and not answer.abstained
    assert "96%" in answer.text and "95分" not in answer.text


def test_a_project_forms_budget_execution_score_is_not_the_projects_score(tmp_path: Path,
                                                                          monkeypatch) -> None:
    from tests.ingest.test_flat_tables import ONE_CELL_PER_LINE

    a = _assistant(tmp_path, monkeypatch,
                   {"jt.txt": "某县交通运输局2024年度项目支出绩效自评报告\n" + ONE_CELL_PER_LINE})
    asked = a.ask("某县交通运输局2024年乡村道路养护项目预算执行情况得了几分？")
    assert not asked.abstained and "9分" in asked.text
    total = a.ask("某县交通运输局2024年乡村道路养护项目自评得了多少分？")
    assert "9分" not in total.text


def test_a_figure_of_a_single_project_form_is_answered_under_the_projects_name(
        tmp_path: Path, monkeypatch) -> None:
    from tests.ingest.test_flat_tables import ONE_CELL_PER_LINE

    a = _assistant(tmp_path, monkeypatch,
                   {"jt.txt": "某县交通运输局2024年度项目支出绩效自评报告\n" + ONE_CELL_PER_LINE})
    answer = a.ask("某县交通运输局2024年的预算执行率是多少？")
    assert not answer.abstained and "90" in answer.text
    assert "“乡村道路养护”" in answer.text  # never shown as the department's own rate


def test_the_departments_own_figure_asked_of_a_project_form_is_declined(tmp_path: Path,
                                                                        monkeypatch) -> None:
    from tests.ingest.test_flat_tables import ONE_CELL_PER_LINE

    a = _assistant(tmp_path, monkeypatch,
                   {"jt.txt": "某县交通运输局2024年度项目支出绩效自评报告\n" + ONE_CELL_PER_LINE})
    answer = a.ask("某县交通运输局2024年部门整体预算执行率是多少？")
    assert answer.abstained
    assert "90" not in answer.text and "乡村道路养护" in answer.text  # names what it gives instead
