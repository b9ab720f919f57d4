"""Template drafts (JIXIAO_LLM=none) for every sample department and section kind: no number
outside the given/derived facts, placeholders where facts are missing, and a .docx that
python-docx reads back with the official-document headings and fonts."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from assistant.drafting import (
    SECTION_KINDS,
    Drafter,
    check,
    export_docx,
    export_md,
    facts_from_store,
)
from assistant.drafting.derived import derive
from assistant.drafting.templates import template_text

DEPARTMENTS = ["番禺区政府办", "市政府办公厅", "荔湾区政府办", "番禺区委办", "白云区政府办"]


@pytest.fixture(scope="module")
def all_facts(ingested):
    return {d: facts_from_store(ingested.library.store, d) for d in DEPARTMENTS}


def _allowed(facts):
    return check.given_values(facts) | check.derived_values(derive(facts))


@pytest.mark.parametrize("department", DEPARTMENTS)
def test_every_kind_has_no_number_outside_the_facts(ingested, all_facts, department) -> None:
    facts = all_facts[department]
    drafter = Drafter(ingested.library.store)
    for kind in SECTION_KINDS:
        draft = drafter.draft(kind, facts)
        assert draft.backend == "none"
        assert draft.clean, (kind, draft.flags)
        assert check.unsupported(draft.text, _allowed(facts)) == []
        assert "⚠" not in draft.text
        assert draft.text.strip()
        # every placeholder the text holds is listed, and nothing else
        assert draft.placeholders == check.placeholders_in(draft.text)


def test_the_check_itself_catches_a_number_added_to_a_template(all_facts) -> None:
    facts = all_facts["荔湾区政府办"]
    text = template_text("部门整体收支情况", facts, derive(facts)) + "另有专项资金88.88万元。"
    assert check.unsupported(text, _allowed(facts)) == ["88.88"]


def test_income_and_spending_states_the_given_and_derived_figures(all_facts) -> None:
    facts = all_facts["番禺区政府办"]
    text = template_text("部门整体收支情况", facts, derive(facts))
    for shown in ("4,227.15万元", "4,144.86万元", "98.05%", "3246.07万元", "898.79万元",
                  "78.32%", "21.68%", "82.29万元"):
        assert shown in text
    assert "【待补充" not in text


def test_missing_figures_become_placeholders(all_facts) -> None:
    baiyun = all_facts["白云区政府办"]  # gives 收入 and 支出, no 预算数 / 基本支出 / 项目支出
    text = template_text("部门整体收支情况", baiyun, derive(baiyun))
    for missing in ("【待补充：全年预算数】", "【待补充：预算执行率】", "【待补充：基本支出】",
                    "【待补充：项目支出】"):
        assert missing in text
    assert "7,237.7万元" in text and "7,239.58万元" in text
    city = all_facts["市政府办公厅"]  # no organisation or staff figures
    overview = template_text("部门职能/机构设置概况", city, derive(city))
    assert "【待补充：内设机构数】" in overview and "【待补充：在职人员数】" in overview
    lw = all_facts["荔湾区政府办"]  # no self-evaluation score
    assert "【待补充：自评得分】" in template_text("自评结论综述", lw, derive(lw))


def test_lists_come_from_the_facts(all_facts) -> None:
    facts = all_facts["番禺区委办"]
    problems = template_text("存在的主要问题", facts, derive(facts))
    assert problems.count("\n（") == len(facts.problems) == 3
    assert "（三）在绩效考评指标的设计上" in problems
    results = template_text("各项工作任务绩效目标完成情况", facts, derive(facts))
    assert "收文处理率：目标值95%，实际完成值100%，超出目标5个百分点" in results
    assert "所列4项绩效指标中，4项达到或超过目标值" in results


def test_a_disagreeing_stated_rate_is_replaced_by_the_computed_one_with_a_note(ingested, all_facts) -> None:
    facts = all_facts["白云区政府办"]  # 文书档案…: 预算数525万元、执行数25万元 but "执行率100%"
    draft = Drafter(ingested.library.store).draft("各项工作任务绩效目标完成情况", facts)
    assert "文书档案规范化处理入馆工作：预算数525万元，执行数25万元，执行率4.76%" in draft.text
    assert any("文书档案规范化处理入馆工作" in n and "不一致" in n for n in draft.notes)


@pytest.mark.parametrize("department", DEPARTMENTS)
def test_docx_reads_back_with_headings_and_fonts(ingested, all_facts, department, tmp_path) -> None:
    facts = all_facts[department]
    drafter = Drafter(ingested.library.store)
    for i, kind in enumerate(SECTION_KINDS):
        draft = drafter.draft(kind, facts)
        path = export_docx(draft, tmp_path / f"{i}.docx")
        doc = Document(str(path))
        paras = [p for p in doc.paragraphs if p.text.strip()]
        title, heading, body = paras[0], paras[1], paras[2:]
        assert title.style.name == "Title"
        assert title.text == (f"{facts.department}{facts.year}年度部门整体支出绩效自评报告"
                              f"（{SECTION_KINDS[kind].heading}）")
        assert heading.style.name == "Heading 1"
        assert heading.text == f"一、{SECTION_KINDS[kind].heading}"
        assert [p.text for p in body] == [x.strip() for x in draft.text.splitlines() if x.strip()]
        assert all(p.style.name == "Normal" for p in body)
    styles = doc.styles
    assert _east_asian(styles["Title"]) == "方正小标宋简体" and styles["Title"].font.size == Pt(22)
    assert _east_asian(styles["Heading 1"]) == "黑体" and styles["Heading 1"].font.size == Pt(16)
    assert _east_asian(styles["Normal"]) == "仿宋_GB2312" and styles["Normal"].font.size == Pt(16)
    normal = styles["Normal"].paragraph_format
    assert normal.line_spacing == Pt(28) and normal.first_line_indent == Pt(32)
    assert all(r.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312" for r in body[0].runs)


def _east_asian(style) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia"))


def test_markdown_has_title_heading_and_checks(ingested, all_facts, tmp_path) -> None:
    draft = Drafter(ingested.library.store).draft("部门整体收支情况", all_facts["白云区政府办"])
    text = export_md(draft, tmp_path / "d.md").read_text(encoding="utf-8")
    assert text.startswith("# 广州市白云区人民政府办公室2023年度部门整体支出绩效自评报告（部门整体收支情况）\n")
    assert "\n## 一、部门整体收支情况\n" in text
    assert "**待补充**：【待补充：全年预算数】" in text
    assert "7,237.7万元" in text


def test_placeholders_are_highlighted_in_docx(ingested, all_facts, tmp_path) -> None:
    draft = Drafter(ingested.library.store).draft("部门整体收支情况", all_facts["白云区政府办"])
    doc = Document(str(export_docx(draft, tmp_path / "d.docx")))
    marked = [r.text for p in doc.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert "【待补充：全年预算数】" in marked
