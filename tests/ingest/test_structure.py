import pytest

from assistant.ingest.aliases import department_aliases, short_name
from assistant.ingest.normalise import normalise
from assistant.ingest.structure import analyse, heading_level
from tests.conftest import analysed


@pytest.mark.parametrize("prefix, department, year", [
    ("000", "广州市番禺区人民政府办公室", 2022),
    ("001", "广州市人民政府办公厅", 2022),
    ("002", "广州市荔湾区人民政府办公室", 2023),
    ("003", "中国共产党广州市番禺区委员会办公室", 2023),
    ("004", "广州市白云区人民政府办公室", 2023),  # year only in the body
])
def test_department_and_year(prefix: str, department: str, year: int) -> None:
    _, s = analysed(prefix)
    assert (s.department, s.year) == (department, year)


@pytest.mark.parametrize("line, level", [
    ("一、基本情况", 1), ("（三）部门整体收支情况", 2), ("1.部门主要职责", 3),
    ("1、部门整体绩效目标产出指标完成情况", 3), ("（1）部门机构设置", 4),
    ("2.负责市政府应急值守和政务值班工作。", 0),  # a numbered duty, not a heading
    ("（一）预算执行进度不均衡需继续改善。因部分专项工作任务多集中在年底，又因年底工作任务比较重", 0),
    ("一是预算资金支付均衡性有待提高；二是绩效运行监督有待进一步加强", 0),
])
def test_heading_level(line: str, level: int) -> None:
    assert heading_level(line) == level


def test_section_tree_of_a_sample() -> None:
    norm, s = analysed("004")
    headings = [(p.level, norm.text[p.start:p.end]) for p in s.paragraphs if p.is_heading]
    assert (1, "三、存在的主要问题") in headings
    assert (3, "1.文书档案规范化处理入馆项目") in headings
    para = next(p for p in s.paragraphs if "本专项预算数为165.28万元" in norm.text[p.start:p.end])
    assert para.path == ("二、综合评价分析", "（三）各重点任务项目支出完成情况分析", "2.机关大院基础设施维修维护支出")


def test_year_from_body_when_the_title_has_none() -> None:
    s = analyse(normalise("某某局部门整体支出绩效自评报告\n2021年，我局…2021年全年支出…2020年\n"))
    assert s.year == 2021 and s.department == "某某局"


@pytest.mark.parametrize("full, expected", [
    ("广州市番禺区人民政府办公室", {"番禺区政府办", "番禺区人民政府办公室", "广州市番禺区政府办公室"}),
    ("中国共产党广州市番禺区委员会办公室", {"番禺区委办", "中共番禺区委办公室", "番禺区委办公室"}),
    ("广州市人民政府办公厅", {"市政府办公厅", "广州市政府办公厅"}),
    ("深圳市福田区人民政府办公室", {"福田区政府办"}),
])
def test_aliases_by_general_rules(full: str, expected: set[str]) -> None:
    aliases = department_aliases(full)
    assert aliases[0] == full
    assert expected <= set(aliases)


def test_short_name() -> None:
    assert short_name("广州市荔湾区人民政府办公室") == "荔湾区政府办"
    assert short_name("中国共产党广州市番禺区委员会办公室") == "番禺区委办"
