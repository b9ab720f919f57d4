"""A whole report with the model off: every section kind in report order in one .docx with
the cover title, the key-figure table (each figure with its source), the placeholder list
and per-section verification notes; progress section by section."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from assistant.drafting.chain import Drafter
from assistant.drafting.facts_file import facts_from_mapping
from assistant.drafting.report import (
    all_kinds,
    draft_report,
    key_figures,
    report_title,
    stream_report,
)
from assistant.drafting.report_export import (
    CHECKS_HEADING,
    PLACEHOLDER_HEADING,
    body_lines,
    export_report,
    headings,
    report_markdown,
)
from assistant.drafting.sections import SECTION_KINDS
from assistant.drafting.types import Draft, ReportDraft, SectionProgress

DEPARTMENT = "临江县自然资源局"
FACTS = {
    "department": DEPARTMENT,
    "year": 2024,
    "figures": {"预算数": "2,400.00万元", "执行数": "2,280.00万元", "基本支出": "1,900.00万元",
                "项目支出": "380.00万元", "自评得分": "92.5分"},
    "functions": ["负责全县国土空间规划的编制和监督实施", "负责自然资源统一确权登记工作"],
    "problems": ["部分项目前期论证不充分，预算执行进度偏慢"],
    "measures": ["加强项目前期论证，按月通报预算执行进度"],
}
EXPECTED_HEADINGS = [
    "一、基本情况", "（一）部门概况", "（二）年度总体工作和重点工作任务", "（三）部门整体收支情况",
    "（四）部门整体支出绩效目标", "（五）部门整体绩效管理情况",
    "二、综合评价分析", "（一）自评结论综述", "（二）各项工作任务绩效目标完成情况",
    "（三）重点任务项目支出完成情况", "（四）管理效率分析", "（五）主要工作成效",
    "三、存在的主要问题", "四、下一步改进措施",
]


class Templates:
    """The drafter with the model off (templates), no store."""

    def __init__(self) -> None:
        self.drafter = Drafter()

    def stream_draft(self, kind, facts):
        return self.drafter.stream(kind, facts)


class Flagging(Templates):
    """Templates, but one section comes back with a number the facts do not hold."""

    def stream_draft(self, kind, facts):
        for part in super().stream_draft(kind, facts):
            if isinstance(part, Draft) and kind == "主要工作成效":
                part.text += "\n全年办结业务1234（⚠未核实）件。"
                part.flags.append("数字“1234”不在给定或计算得出的事实中")
            yield part


@pytest.fixture(scope="module")
def facts():
    return facts_from_mapping(FACTS, "linjiang.yaml")


@pytest.fixture(scope="module")
def report(facts) -> ReportDraft:
    return draft_report(Templates(), facts)


@pytest.fixture(scope="module")
def doc(report, tmp_path_factory):
    path = export_report(report, tmp_path_factory.mktemp("report") / "report.docx")
    return Document(str(path))


def _styled(doc, *styles: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name in styles and p.text.strip()]


def test_every_kind_is_drafted_in_report_order(report) -> None:
    assert [d.kind for d in report.sections] == all_kinds() == list(SECTION_KINDS)
    assert report.title == f"{DEPARTMENT}2024年度部门整体支出绩效自评报告"
    assert report.clean and all(d.backend == "none" for d in report.sections)


def test_docx_has_cover_title_and_every_heading_in_order(doc, report) -> None:
    assert doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[0].text == f"{DEPARTMENT}2024年度部门整体支出绩效自评报告"
    assert doc.core_properties.title == report.title
    body = _styled(doc, "Heading 1", "Heading 2")
    end = body.index(PLACEHOLDER_HEADING)
    assert body[:end] == EXPECTED_HEADINGS == headings(report)
    assert body[end:end + 2] == [PLACEHOLDER_HEADING, CHECKS_HEADING]


def test_key_figure_table_gives_each_figure_and_its_source(doc) -> None:
    table = doc.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["项目", "数值", "来源"]
    by_name = {r[0]: r[1:] for r in rows[1:]}
    assert by_name["全年预算数"] == ["2400万元", "linjiang.yaml"]
    assert by_name["执行数（支出总额）"] == ["2280万元", "linjiang.yaml"]
    assert by_name["自评得分"] == ["92.5分", "linjiang.yaml"]
    rate, source = by_name["预算执行率"]
    assert rate == "95.00%" and source.startswith("计算：执行数 2280 ÷ 预算数 2400")
    assert "绩效评级" not in by_name  # optional figures the facts lack are left out


def test_placeholders_are_listed_once_with_their_sections(doc, report) -> None:
    in_text = {p for d in report.sections for p in d.placeholders}
    assert in_text and {p["text"] for p in report.placeholders} == in_text
    paras = [p.text for p in doc.paragraphs]
    start, end = paras.index(PLACEHOLDER_HEADING), paras.index(CHECKS_HEADING)
    listed = [p for p in paras[start + 1:end] if p.strip()]
    assert len(listed) == len(in_text)
    assert listed[0].startswith("1. 【待补充：") and "（见：" in listed[0]
    goal = next(p for p in listed if "【待补充：部门整体支出绩效目标】" in p)
    assert goal.endswith("（见：部门整体支出绩效目标）")


def test_each_section_has_a_verification_note(doc) -> None:
    paras = [p.text for p in doc.paragraphs]
    notes = paras[paras.index(CHECKS_HEADING) + 1:]
    titles = [p for p in notes if p.startswith("（") and "）" in p[:5]]
    assert len(titles) == 12 and titles[0] == "（一）部门概况" and titles[-1] == "（十二）下一步改进措施"
    budget_note = notes[notes.index("（三）部门整体收支情况") + 1]
    assert budget_note.startswith("已核实数字") and "预算数 2400万元" in budget_note
    assert notes.count("文中数字均来自给定或计算得出的事实，未发现无来源数字。") == 12


def test_flagged_figures_are_named_in_the_note_and_red_in_the_text(facts, tmp_path: Path) -> None:
    report = draft_report(Flagging(), facts)
    assert not report.clean
    doc = Document(str(export_report(report, tmp_path / "flagged.docx")))
    paras = [p.text for p in doc.paragraphs]
    notes = paras[paras.index(CHECKS_HEADING):]
    flagged = notes[notes.index("（十）主要工作成效") + 2]
    assert flagged.startswith("⚠ 未通过核验1处") and "1234" in flagged
    red = [r for p in doc.paragraphs for r in p.runs if r.font.color.rgb is not None
           and str(r.font.color.rgb) == "C00000"]
    assert [r.text for r in red] == ["1234（⚠未核实）"]


def test_official_styles_and_font_fallbacks(doc) -> None:
    def east_asian(style_name: str) -> str:
        return doc.styles[style_name].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))

    assert east_asian("Title") == "方正小标宋简体" and doc.styles["Title"].font.size == Pt(22)
    assert doc.styles["Title"].element.pPr.find(qn("w:pBdr")) is None  # no rule under the title
    assert east_asian("Heading 1") == "黑体" and doc.styles["Heading 1"].font.size == Pt(16)
    assert east_asian("Heading 2") == "楷体_GB2312" and doc.styles["Heading 2"].font.size == Pt(16)
    assert east_asian("Normal") == "仿宋_GB2312" and doc.styles["Normal"].font.size == Pt(16)
    cell_run = doc.tables[0].rows[1].cells[1].paragraphs[0].runs[0]
    assert cell_run.font.size == Pt(14)  # 四号 in the table
    font_table = next(p for p in doc.part.package.iter_parts() if str(p.partname).endswith("fontTable.xml"))
    xml = font_table.blob.decode("utf-8")
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in xml
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in xml


def test_points_in_a_section_are_numbered_one_level_down(report, doc) -> None:
    overview = report.sections[0]
    assert "（一）负责全县国土空间规划的编制和监督实施。" in overview.text
    assert body_lines(overview, nested=True)[1] == "1.负责全县国土空间规划的编制和监督实施。"
    paras = [p.text for p in doc.paragraphs]
    assert "1.负责全县国土空间规划的编制和监督实施。" in paras
    problems = paras[paras.index("三、存在的主要问题") + 2]
    # each problem is a paragraph: the point, then what it means and what will be done
    assert problems.startswith("（一）部分项目前期论证不充分，预算执行进度偏慢。")
    assert "下一步将" in problems


def test_progress_comes_section_by_section(facts) -> None:
    events = list(stream_report(Templates(), facts, kinds=["问题", "收支情况"]))
    assert isinstance(events[-1], ReportDraft)
    steps = [e for e in events[:-1] if isinstance(e, SectionProgress)]
    done = [e for e in steps if e.done]
    assert [(e.index, e.total, e.kind, e.heading) for e in done] == [
        (1, 2, "部门整体收支情况", "部门整体收支情况"), (2, 2, "存在的主要问题", "存在的主要问题")]
    first_done = steps.index(done[0])
    assert all(e.kind == "部门整体收支情况" for e in steps[:first_done])
    assert "".join(e.piece for e in steps[:first_done]) == done[0].draft.text
    assert [d.kind for d in events[-1].sections] == ["部门整体收支情况", "存在的主要问题"]
    assert headings(events[-1]) == ["一、基本情况", "（一）部门整体收支情况", "二、存在的主要问题"]


def test_missing_key_figures_become_placeholders_named_once(tmp_path: Path) -> None:
    facts = facts_from_mapping({"department": "青山镇人民政府", "year": 2023,
                                "figures": {"预算数": 860}}, "qingshan.yaml")
    rows = {r["name"]: r for r in key_figures(facts)}
    assert rows["全年预算数"]["text"] == "860万元" and not rows["全年预算数"]["missing"]
    assert rows["执行数（支出总额）"]["text"] == "【待补充：全年执行数（支出总额）】"
    assert rows["自评得分"]["missing"] and rows["预算执行率"]["source"] == ""
    report = draft_report(Templates(), facts)
    listed = [p["text"] for p in report.placeholders]
    assert len(listed) == len(set(listed))
    spent = next(p for p in report.placeholders if p["text"] == "【待补充：全年执行数（支出总额）】")
    assert spent["sections"][0] == "主要数据一览" and "部门整体收支情况" in spent["sections"]


def test_markdown_and_title_without_a_year(report, tmp_path: Path) -> None:
    text = report_markdown(report)
    assert text.startswith(f"# {DEPARTMENT}2024年度部门整体支出绩效自评报告\n")
    assert "| 全年预算数 | 2400万元 | linjiang.yaml |" in text
    assert "## 一、基本情况" in text and "### （五）主要工作成效" in text and f"## {CHECKS_HEADING}" in text
    assert export_report(report, tmp_path / "r.md").read_text(encoding="utf-8") == text
    assert report_title("某市教育局", None) == "某市教育局部门整体支出绩效自评报告"
    data = report.to_dict()
    assert data["title"] == report.title and len(data["sections"]) == 12 and data["clean"] is True
