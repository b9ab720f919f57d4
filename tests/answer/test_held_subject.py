"""A question that names no department but a subject one report of the library holds (a
project, an indicator, a 二级单位) is answered from that report, saying how it was read; a
subject a few reports hold is asked back with only those; a question with nothing specific
(a metric alone) is still asked back with the library's listing. Reports written for these
tests (five departments of an invented county)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.understand import resolve
from assistant.answer.understand.holders import holder, own_words
from assistant.answer.understand.types import Catalog
from assistant.index.records import ReportRecord
from tests.answer.library import ingested


def _report(name: str, total: str, spent: str, rate: str, body: str) -> str:
    return (f"白溪县{name}2024年度部门整体支出绩效自评报告\n一、部门整体收支情况\n"
            f"2024年全年预算数{total}万元，全年实际支出{spent}万元，预算执行率{rate}。\n"
            f"二、重点项目实施情况\n{body}\n")


REPORTS = {
    "mz.txt": _report("民政局", "6,200.00", "5,980.00", "96.45%",
                      "1.城乡低保资金。全年预算3,100.00万元，执行3,050.20万元，执行率98.39%。\n"
                      "局属福利院护理床位使用率92%，目标95%，未达标原因是护理人员不足。\n"
                      "局属救助管理站全年救助流浪乞讨人员326人次。\n"
                      "三、“三公”经费\n2024年“三公”经费支出18.60万元。"),
    "ny.txt": _report("农业农村局", "4,800.00", "4,512.00", "94.00%",
                      "1.高标准农田建设项目。全年预算1,200.00万元，执行1,140.00万元，执行率95.00%。\n"
                      "2.村级公益设施维护。全年预算300.00万元，执行288.00万元，执行率96.00%。"),
    "jy.txt": _report("教育局", "9,100.00", "8,963.50", "98.50%",
                      "1.校舍安全改造工程。全年预算2,000.00万元，执行1,980.00万元，执行率99.00%。\n"
                      "2.村级公益设施维护。全年预算80.00万元，执行76.00万元，执行率95.00%。"),
    "ws.txt": _report("卫生健康局", "7,300.00", "7,008.00", "96.00%",
                      "1.家庭医生签约服务。全年预算650.00万元，执行617.50万元，执行率95.00%。"),
    "jt.txt": _report("交通运输局", "5,500.00", "5,335.00", "97.00%",
                      "1.农村公路养护。全年预算1,500.00万元，执行1,470.00万元，执行率98.00%。"),
}
MZ_FIGURES = ("6,200.00", "5,980.00", "96.45%")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    root: Path = tmp_path_factory.mktemp("held")
    mp = pytest.MonkeyPatch()
    yield ingested(root, mp, REPORTS)
    mp.undo()


def test_a_project_one_report_holds_is_answered_from_it(assistant) -> None:
    answer = assistant.ask("城乡低保那个项目执行了多少？")
    assert answer.route != "clarify"
    assert "3,050.20" in answer.text
    assert "按“" in answer.text and "民政局" in answer.text  # says how it was read
    assert not any(f in answer.text for f in MZ_FIGURES)  # never the department's own figure


def test_a_subject_only_the_text_holds_gets_no_department_figure(assistant) -> None:
    answer = assistant.ask("福利院护理床位使用率达标没有？")
    assert answer.route != "clarify"
    assert not any(f in answer.text for f in MZ_FIGURES)


def test_a_unit_s_figure_is_never_the_department_s(assistant) -> None:
    # the unit is read in the department's report; the department's 三公经费 is not the unit's
    answer = assistant.ask("救助管理站三公经费是多少？")
    assert "18.60" not in answer.text
    assert not any(f in answer.text for f in MZ_FIGURES)


def test_a_subject_a_few_reports_hold_is_asked_back_with_only_those(assistant) -> None:
    answer = assistant.ask("村级公益设施维护执行了多少？")
    assert answer.route == "clarify"
    assert "农业农村局" in answer.text and "教育局" in answer.text
    assert "民政局" not in answer.text and "资料库现有" not in answer.text


def test_a_metric_alone_is_still_asked_back(assistant) -> None:
    answer = assistant.ask("预算执行率是多少？")
    assert answer.route == "clarify"
    assert "资料库现有" in answer.text


def test_a_department_the_library_lacks_still_declines(assistant) -> None:
    answer = assistant.ask("青石县民政局城乡低保资金执行了多少？")
    assert answer.abstained
    assert "3,050.20" not in answer.text


def test_a_comparison_of_every_department_is_no_subject(assistant) -> None:
    answer = assistant.ask("各部门预算执行率哪个最高？")
    assert answer.route != "clarify"
    assert "教育局" in answer.text


# the mechanism on a catalog alone --------------------------------------------------------------
def _catalog(texts: dict[str, str]) -> Catalog:
    reports = [ReportRecord(id=f"r{i}", file=f"r{i}.txt", path="", sha256="", kind="txt",
                            title=d, department=d, year=2024, aliases=(), embed_model="",
                            ingested_at=0.0)
               for i, d in enumerate(texts)]
    by_id = {f"r{i}": t for i, t in enumerate(texts.values())}
    return Catalog(reports, {}, by_id.__getitem__)


def test_the_question_s_own_words_leave_out_metrics_and_cues() -> None:
    runs = own_words("服务中心“一站式”办结率达标没有？", [])
    assert "服务中心一站式办结率" in runs  # quotes dropped, the metric-like tail kept
    assert not any("达标" in r for r in runs)


def test_a_phrase_one_report_holds_decides_and_a_common_one_does_not() -> None:
    catalog = _catalog({
        "甲局": "预算执行率95%。服务中心“一站式”办结率98%。",
        "乙局": "预算执行率96%。项目支出100万元。",
        "丙局": "预算执行率97%。项目支出200万元。",
        "丁局": "预算执行率98%。项目支出300万元。",
    })
    held = holder("服务中心一站式办结率是多少？", [], catalog)
    assert held is not None and held.departments == ("甲局",)
    assert holder("预算执行率是多少？", [], catalog) is None


def test_a_unit_read_from_the_text_is_asked_of_itself_not_of_a_metric_subject() -> None:
    texts = {
        "甲局": "局属实验小学完成校舍改造。“三公”经费支出12.00万元。",
        "乙局": "“三公”经费支出8.00万元。项目支出100万元。",
        "丙局": "“三公”经费支出9.00万元。项目支出200万元。",
        "丁局": "“三公”经费支出7.00万元。项目支出300万元。",
    }
    catalog = _catalog(texts)
    catalog.subjects = {f"r{i}": [("class", "“三公”经费")] for i in range(4)}
    # a figure of a body whose figures no report's facts hold: a department the library
    # holds no report of (declined), never 甲局's 三公经费
    query = resolve("实验小学三公经费是多少？", catalog)
    assert not query.departments and "实验小学" in query.unknown_places
    # its text is still read in the report that mentions it, asked of itself
    told = resolve("实验小学完成了哪些改造？", catalog)
    assert told.departments == ("甲局",)
    assert "实验小学" in told.named_subject and not told.subjects


def test_a_subject_set_after_its_figure_is_no_item_of_its_own() -> None:
    from assistant.answer.understand.items import asked_items

    items = asked_items("2024年支出多少，市残疾人康复中心？", "市残疾人康复中心", ("支出",))
    assert len(items) == 1 and "康复中心" in items[0].phrase and "支出" in items[0].phrase


def test_of_a_few_holders_the_one_the_question_also_names_decides() -> None:
    catalog = _catalog({
        "漱石县南塅镇林业站": "公益林生态效益补偿资金236,500元。",
        "漱石县北塅镇林业站": "公益林管护补助项目预算24.60万元。",
        "丙局": "项目支出200万元。",
        "丁局": "项目支出300万元。",
    })
    catalog.subjects = {"r0": [("project", "公益林生态效益补偿资金")],
                        "r1": [("project", "公益林管护补助项目")]}
    assert holder("公益林补偿款多少钱？", [], catalog).departments == (
        "漱石县南塅镇林业站", "漱石县北塅镇林业站")
    assert holder("北塅公益林补偿款多少钱？", [], catalog).departments == ("漱石县北塅镇林业站",)


def test_a_short_phrase_one_report_happens_to_write_decides_nothing() -> None:
    catalog = _catalog({
        "甲局": "培训实现全覆盖。",
        "乙局": "项目支出100万元。",
        "丙局": "项目支出200万元。",
        "丁局": "项目支出300万元。",
    })
    assert holder("老师培训咋没全覆盖？", [], catalog) is None


def test_a_filler_word_inside_a_word_is_kept() -> None:
    # 数字 is a filler word of questions ("…的数字"), but not inside 数字化
    assert any("档案数字化加工" in run for run in own_words("档案数字化加工的目标是多少页？", []))


def test_a_phrase_of_departments_names_is_those_departments() -> None:
    catalog = _catalog({
        "砚滩市东漪水文站": "东漪水文站预算执行率95.23%。",
        "砚滩市西漪水文站": "西漪水文站预算执行率97.42%。",
        "丙局": "项目支出200万元。",
        "丁局": "项目支出300万元。",
    })
    compared = resolve("两个水文站谁的预算执行率高？", catalog)
    assert set(compared.departments) == {"砚滩市东漪水文站", "砚滩市西漪水文站"}
    asked = resolve("水文站三公经费多少？", catalog)
    assert not asked.departments and asked.ambiguous


def test_of_the_departments_a_name_answers_to_the_one_holding_the_subject_is_read() -> None:
    catalog = _catalog({
        "临江市南湖区教育局": "学前教育普及率92%。培训实现全覆盖。",
        "砚滩市柘湄区教育局": "教师年度培训覆盖率目标100%，实际96.4%。",
        "丙局": "项目支出200万元。",
        "丁局": "项目支出300万元。",
    })
    held = resolve("教育局教师培训覆盖率为什么没达标？", catalog)
    assert held.departments == ("砚滩市柘湄区教育局",)
    # a short phrase one of them happens to write tells nothing: asked back
    vague = resolve("教育局老师培训咋没全覆盖", catalog)
    assert not vague.departments and vague.ambiguous


def test_a_subject_the_question_places_in_another_department_is_asked_back() -> None:
    catalog = _catalog({
        "漱石县南塅镇林业站": "森林覆盖率68.9%。",
        "漱石县北塅镇林业站": "造林成活率98%。",
        "丙局": "项目支出200万元。",
        "丁局": "项目支出300万元。",
    })
    catalog.subjects = {"r0": [("indicator", "森林覆盖率")]}
    query = resolve("北塅森林覆盖率多少？", catalog)
    assert "漱石县南塅镇林业站" not in query.departments
    assert "漱石县北塅镇林业站" in query.held[1]
    assert resolve("南塅森林覆盖率多少？", catalog).departments == ("漱石县南塅镇林业站",)


def test_a_department_s_own_name_shortened_is_that_department_not_a_subject() -> None:
    catalog = _catalog({
        "漱石县农业技术推广站": "县农技站2023年改进措施：一是实行项目支出月调度。",
        "乙局": "项目支出100万元。",
        "丙局": "项目支出200万元。",
        "丁局": "项目支出300万元。",
    })
    query = resolve("县农技站的改进措施有哪些？", catalog)
    assert query.departments == ("漱石县农业技术推广站",)
    assert not query.named_subject  # the department itself, not a unit of it


def test_the_place_written_before_a_body_s_name_is_read() -> None:
    from assistant.answer.understand.resolve import _place_before

    assert _place_before("柘湄卫生健康局执行率", "卫生健康局") == "柘湄"
    assert _place_before("两个水文站谁的预算执行率高？", "水文站") == ""  # a count, no place
    assert _place_before("哪些问题在市档案馆报告里", "市档案馆") == ""  # after 在


def test_a_level_word_before_a_shared_name_part_keeps_the_departments_of_that_level() -> None:
    catalog = _catalog({
        "丹霞市公共资源交易中心": "本中心是市公共资源交易中心，全年预算1,499.95万元。",
        "丹霞市青岚区公共资源交易中心": "本中心是区公共资源交易中心，全年预算468.75万元。",
        "丙局": "项目支出200万元。",
        "丁局": "项目支出300万元。",
    })
    assert resolve("市交易中心全年预算多少", catalog).departments == ("丹霞市公共资源交易中心",)
    assert resolve("区交易中心全年预算多少", catalog).departments == ("丹霞市青岚区公共资源交易中心",)
    # a year written after the name is no part of what the question names
    assert resolve("自评得分多少？市交易中心2024年", catalog).departments == ("丹霞市公共资源交易中心",)
    asked = resolve("交易中心全年预算多少", catalog)  # no level written: both, asked back
    assert not asked.departments and asked.ambiguous
