"""The 起草 tab's whole-report control without a browser: progress section by section, the
loaded report's own statements kept, the .docx written; the 年度 field's default."""

from __future__ import annotations

from docx import Document

from ui import draft_facts as df
from ui.draft_tab import DraftTab
from ui.report_panel import ReportPanel, progress_markdown


def _form(assistant, report):
    facts = assistant.draft_facts(report_id=report.id)
    return (*df.to_form(facts), f"store:{report.id}"), facts


def test_progress_grows_section_by_section_and_ends_with_the_docx(ingested, tmp_path) -> None:
    report = ingested.reports()[0]
    form, facts = _form(ingested, report)
    steps = list(ReportPanel(ingested, tmp_path).generate(*form))
    ticks = [progress.count("✓") for progress, _, _ in steps if progress.startswith("**整篇报告")]
    assert ticks == sorted(ticks) and ticks[0] == 0 and ticks[-1] == 12
    progress, sections, download = steps[-1]
    assert "12/12" in progress and "用时" in progress
    assert sections.count("#### ") == 12 and sections.startswith("#### 部门概况")
    assert download["visible"] is True and download["value"].endswith(".docx")
    doc = Document(download["value"])
    assert doc.paragraphs[0].text.startswith(facts.department)
    # the report's statements (not in the form) are kept: the duties come from the report
    duties = facts.statements.get("部门职能/机构设置概况", [])
    assert duties and duties[0][:12] in "\n".join(p.text for p in doc.paragraphs)


def test_no_department_says_what_to_do(ingested, tmp_path) -> None:
    steps = list(ReportPanel(ingested, tmp_path).generate("", None, None, None, None, "", "", "", ""))
    assert len(steps) == 1 and steps[0][0].startswith("⚠ 请先载入部门年度的事实")


def test_progress_lines_mark_done_writing_and_waiting() -> None:
    outline = [("部门职能/机构设置概况", "部门概况"), ("存在的主要问题", "存在的主要问题"),
               ("下一步改进措施", "下一步改进措施")]
    text = progress_markdown(outline, [], "存在的主要问题", 40)
    assert text.splitlines()[2:] == ["1. ○ 部门概况", "2. ✍ **存在的主要问题**：正在起草…（40 字）",
                                     "3. ○ 下一步改进措施"]


def test_year_defaults_to_the_latest_indexed_year(ingested, tmp_path) -> None:
    tab = DraftTab(ingested, tmp_path)
    assert tab.latest_year() == max(r.year for r in ingested.reports() if r.year)
    blank = tab.blank()
    assert blank[0] == "" and blank[1] == tab.latest_year()
