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


# Who a report is about, whatever its first lines are (made-up departments, real layouts).
WEB_PAGE = """无障碍浏览 打开适老化模式 x 注册 登录
某某县人民政府
无障碍浏览 打开适老化模式 x 注册 登录
索引号 11530000MB0000000X/20250101-00001 发布机构 某某县交通运输局
公开目录 绩效评价 发布日期 2025-03-01
文号 浏览量 7
主题词 交通
某某县交通运输局2024年整体支出绩效自评报告

一、部门基本情况
本局2024年收入合计1234567.89元。"""
BULLET_META = """• 索引号
  • 00000000-0-/2023-0101001
  • 发布机构
  • 某某市水务局
  • 发布日期
  • 2023-01-01
某某市水务局2022年度项目绩效自评报告(河道保洁经费项目)
一、项目基本情况"""
FILE_NAME_FIRST = """某某中心2022年整体绩效自评总结报告.docx
某某市某某河道管理中心 2022 年整体和项目支出绩效自评总结报告 一 绩效管理工作开展情况。 我单位按照文件要求开展全过程预算绩效管理，全年预算数 803.74 万元。"""
SHARED_DOC = """某区2022年度部门单位整体支出绩效评价自评报告.docx
《某区2022年度部门单位整体支出绩效评价自评报告.docx》由会员分享,可在线阅读,更多相关请在某文库上搜索。
1、某区2022年度部门(单位)整体支出绩效评价自评报告部门(单位)名称某市某区民政局预算编码100001报告日期:2023年5月10日某区财政局(制)部门整体支出绩效评价指标表"""
PIPE_FORM = """报表编号:000000_0000zp |
|
|
部门预算项目支出绩效自评表(2023年度) |
项目名称 |
00000000R000000000001-工资性支出 |
主管部门 |
某某县教育和体育局本级 |
实施单位 (盖章) |
某某县第一中学 |
项目基本情况 |"""
TABLE_FIRST = """绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标值 | 权重 | 得分 |
产出指标 | 数量指标 | 采购数量 | 10 | 90 | 90 |
项目负责人:某某 | 财务负责人:某某 | |||
部门预算项目支出绩效自评表(2023年度) | |||
项目名称 | 2023年设备购置项目 | |||
主管部门 | 某某镇人民政府部门 | 实施单位 | 某某镇人民政府 | |||"""

BREADCRUMB = """某某省某某县人民政府门户网站 > 信息公开 > 财政资金
某某县某某街道办事处2024年度部门整体支出绩效自评报告
一、部门基本情况"""


@pytest.mark.parametrize("text, department, year", [
    (BREADCRUMB, "某某县某某街道办事处", 2024),  # a site's breadcrumb line above the title
    (WEB_PAGE, "某某县交通运输局", 2024),  # site chrome and metadata above the title
    (BULLET_META, "某某市水务局", 2022),  # a bulleted metadata block
    (FILE_NAME_FIRST, "某某市某某河道管理中心", 2022),  # file name, then a one-paragraph report
    (SHARED_DOC, "某市某区民政局", 2022),  # the title names a place; the form names the unit
    (PIPE_FORM, "某某县第一中学", 2023),  # one cell per line; 实施单位 before 主管部门
    (TABLE_FIRST, "某某镇人民政府", 2023),  # the page starts inside the previous table
])
def test_who_the_report_is_about_in_real_world_layouts(text: str, department: str, year: int) -> None:
    s = analyse(normalise(text), fallback_name="a-file-name")
    assert (s.department, s.year) == (department, year)


def test_no_title_and_no_name_falls_back_to_the_file_name() -> None:
    s = analyse(normalise("一、基本情况\n本年度完成了各项工作。"), fallback_name="report-7")
    assert s.department == "report-7"


# who the report is about, whatever stands before the name -------------------------------------
@pytest.mark.parametrize("text, department, year", [
    ("填报单位：某某县档案局2023年度部门整体支出绩效自评报告\n一、基本情况", "某某县档案局", 2023),
    ("Unit: 某某县档案局 2023年度部门整体支出绩效自评报告\n一、基本情况", "某某县档案局", 2023),
    ("2.某某省水利厅2023年度部门整体支出绩效自评报告\n一、基本情况", "某某省水利厅", 2023),
    ("2.2023年度某某省水利厅部门整体支出绩效自评报告\n一、基本情况", "某某省水利厅", 2023),
    ("（一）某某市统计局部门整体支出\n绩效自评报告\n一、基本情况", "某某市统计局", None),
    ("某某县统计局关于开展2023年度部门整体支出绩效自评工作的报告\n一、基本情况", "某某县统计局",
     2023),
    ("某某市人民政府门户网站\n首页 > 信息公开 > 财政预决算\n发布日期：2024-03-01\n字号 大 中 小\n"
     "打印 关闭\n某某市气象局2023年度部门整体支出绩效自评报告\n一、基本情况", "某某市气象局", 2023),
])
def test_labels_markers_and_chrome_before_the_name(text: str, department: str, year) -> None:
    s = analyse(normalise(text), fallback_name="file")
    assert (s.department, s.year) == (department, year)
    assert not s.title.startswith(("填报", "Unit", "2.", "（一）"))


def test_no_title_the_body_the_report_speaks_as() -> None:
    text = ("一、基本情况\n按照财政局的通知，某某县审计局对2023年度整体支出开展了自评。我局内设科室5个，"
            "某某县审计局全年预算数100万元。我局完成了工作。")
    assert analyse(normalise(text), fallback_name="file").department == "某某县审计局"


def test_a_parent_body_publishes_the_units_report() -> None:
    text = ("索引号：0001\n发布机构：某某市卫生健康委员会\n发布日期：2024-01-01\n"
            "2023年度单位整体支出绩效自评报告\n一、单位基本情况\n"
            "某某市第二人民医院是某某市卫生健康委员会所属事业单位。我院开放床位500张，"
            "某某市第二人民医院全年收入1000万元。")
    s = analyse(normalise(text), fallback_name="file")
    assert (s.department, s.year) == ("某某市第二人民医院", 2023)


def test_a_project_report_is_its_units_never_a_department_named_project() -> None:
    head = "2023年度某某路改造项目支出绩效自评报告\n一、项目基本情况\n"
    with_unit = analyse(normalise(head + "项目实施单位：某某县交通运输局\n主管部门：某某县人民政府"),
                        fallback_name="file")
    assert with_unit.department == "某某县交通运输局"
    alone = analyse(normalise(head + "本项目投资100万元。"), fallback_name="file")
    assert "项目" not in alone.department


BODY = "\n".join(f"第{k}行正文的文字写到这里为止一共二十五个字符的宽度" for k in range(8))


def test_a_sites_name_above_a_title_that_names_its_own_body_is_not_the_title() -> None:
    s = analyse(normalise("某某县人民政府\n某某县档案局2023年度部门整体支出绩效自评报告\n一、基本情况\n"
                          + BODY), fallback_name="file")
    assert (s.department, s.title) == ("某某县档案局", "某某县档案局2023年度部门整体支出绩效自评报告")
    wrapped = analyse(normalise("某某县档案局2023年度部门\n整体支出绩效自评报告\n一、基本情况\n" + BODY),
                      fallback_name="file")
    assert wrapped.title == "某某县档案局2023年度部门整体支出绩效自评报告"


def test_a_body_named_in_brackets_after_the_title_and_a_federation_speaking_as_we() -> None:
    bracketed = analyse(normalise("2023年度部门整体支出绩效自评报告（某某市残疾人联合会）\n一、基本情况"),
                        fallback_name="file")
    assert bracketed.department == "某某市残疾人联合会"
    text = ("发布机构：某某市卫生健康委员会\n2023年度部门整体支出绩效自评报告\n一、基本情况\n"
            "某某市残疾人联合会是市政府联系残疾人的桥梁。我会全年预算100万元，某某市残疾人联合会完成了任务。")
    assert analyse(normalise(text), fallback_name="file").department == "某某市残疾人联合会"


@pytest.mark.parametrize("title", [
    "关于某某县档案局2023年度部门整体支出绩效自评情况的报告",
    "某某县档案局部门整体支出绩效自评报告（2023年度）",
    "某某县档案局（本级）2023年度部门整体支出绩效自评报告",
    "某某县档案局 关于2023年度部门整体支出绩效自评的报告",
])
def test_the_name_in_the_rest_of_a_title(title: str) -> None:
    s = analyse(normalise(f"{title}\n一、基本情况\n{BODY}"), fallback_name="file")
    assert (s.department, s.year) == ("某某县档案局", 2023)


def test_a_project_title_without_a_body_never_names_the_department() -> None:
    s = analyse(normalise(f"某某县档案数字化项目2023年度绩效自评报告\n一、基本情况\n{BODY}"),
                fallback_name="file")
    assert "项目" not in s.department


def test_a_tab_separated_form_is_named_by_its_unit_field_not_by_a_cell_ending_like_a_name() -> None:
    text = ("评价结论\t按照县财政局资金下达的管理办法执行。\t\n存在问题\t无\t\n"
            "部门预算项目支出绩效自评表(2023年度)\t\n项目名称\t2023年某某设备购置项目\t\n"
            "主管部门\t某某县司法局部门\t实施单位\t某某县司法局\t\n")
    s = analyse(normalise(text), fallback_name="file")
    assert (s.department, s.year) == ("某某县司法局", 2023)


@pytest.mark.parametrize("head", [
    # a cover notice that publishes the report, the report's own title below it
    "关于印发青溪县林业局2024年度部门整体支出绩效自评报告的通知\n\n青溪县林业局2024年度部门整体支出绩效自评报告\n",
    # the notice alone, the title in book-title marks
    "关于公布《青溪县林业局2024年度部门整体支出绩效自评报告》的通知\n",
    # a site's date line and source line above the notice
    "发布时间：2025-05-20  来源：县财政局\n关于印发青溪县林业局2024年度部门整体支出绩效自评报告的通知\n",
    "更新日期: 2025年5月20日\n青溪县林业局2024年度部门整体支出绩效自评报告\n",
])
def test_a_cover_notice_and_a_dated_line_are_not_the_department(head: str) -> None:
    s = analyse(normalise(head + "一、部门基本情况\n我局负责全县林业管理。\n"))
    assert (s.department, s.year) == ("青溪县林业局", 2024)
    assert s.title == "青溪县林业局2024年度部门整体支出绩效自评报告"


@pytest.mark.parametrize("head", ["项目支出绩效自评表\n（2022年度）\n", "项目支出绩效自评表\n评价年度：2022\n",
                                  "项目支出绩效自评表\n年度\t2022年\n"])
def test_a_forms_own_year_at_its_head_is_the_year_it_evaluates(head: str) -> None:
    body = ("项目名称\t乡村道路养护项目\n全年预算80.00万元，执行76.00万元。\n"
            "剩余资金2023年4月前支付完毕；2023年计划新增养护里程；2023年继续实施。\n")
    assert analyse(normalise(head + body)).year == 2022


def test_a_date_is_not_the_year_a_report_covers() -> None:
    text = ("某某站项目自评说明\n本站2022年完成巡检任务。2022年全年预算80.00万元。"
            "设备于2023年3月到货，2023年5月安装，2023年6月验收。\n")
    assert analyse(normalise(text)).year == 2022


@pytest.mark.parametrize("line", ["第二部分 项目执行情况", "第三部分　绩效目标完成情况", "第一部分：基本情况"])
def test_a_numbered_part_is_a_top_level_heading(line: str) -> None:
    assert heading_level(line) == 1
    assert heading_level("第二部分主要是各项工作的成效，具体如下") == 0


def test_a_part_heading_closes_the_sub_heading_before_it() -> None:
    text = ("某某局2023年部门整体支出绩效自评报告\n第一部分 预算情况\n（三）“三公”经费\n"
            "“三公”经费支出2.10万元。\n第二部分 重点项目\n（1）档案修复：预算30.00万元，执行29.00万元。\n")
    paragraphs = analyse(normalise(text)).paragraphs
    item = next(p for p in paragraphs if "档案修复" in text[p.start:p.end] and not p.is_heading)
    assert len(item.path) == 1 and item.path[0].endswith("重点项目")


def test_a_figure_run_into_the_title_is_no_part_of_the_departments_name() -> None:
    text = "填报单位：发布日期：2024-02-01 来源：某某市档案馆 阅读量：2,418\n某某市档案馆2023年度部门整体支出绩效自评报告\n一、基本情况\n"
    assert analyse(normalise(text)).department == "某某市档案馆"
    text = "12345热线服务中心2023年度部门整体支出绩效自评报告\n一、基本情况\n"
    assert analyse(normalise(text)).department == "12345热线服务中心"


@pytest.mark.parametrize("header", [
    "青川县人民政府公报 2023年第7期（总第88期）",
    "青川县人民政府公报\n2023年第7期",
    "财政简报第12期",
])
def test_a_gazette_issue_header_is_chrome_not_the_reports_name(header: str) -> None:
    text = f"{header}\n青川县档案馆2022年度单位整体支出绩效自评报告\n一、基本情况\n2023年3月，本馆…\n"
    s = analyse(normalise(text))
    assert (s.department, s.year) == ("青川县档案馆", 2022)


@pytest.mark.parametrize(("name", "body"), [
    ("丹霞衡信会计师事务所（普通合伙）丹霞市医疗保障局", "丹霞市医疗保障局"),  # a header's firm
    ("丹霞市卫生健康委员会丹霞市人民医院", "丹霞市人民医院"),  # a parent body before its unit
    ("丹霞市青岚区蕖湾镇人民政府", "丹霞市青岚区蕖湾镇人民政府"),  # places then one body
    ("丹霞市公安局青岚分局", "丹霞市公安局青岚分局"),
    ("中共丹霞市委组织部", "中共丹霞市委组织部"),
])
def test_of_two_bodies_run_together_the_last_is_the_report_s(name: str, body: str) -> None:
    from assistant.ingest.structure import _last_body

    assert _last_body(name) == body
