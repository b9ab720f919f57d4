"""The fields a published report carries outside its text: the page's metadata (发布机构,
发布日期, 来源) and a form's header fields (单位名称, 填报单位). A question about who published a
report, when, or whose report it is, is answered from them, not from the report's body.
"""

from __future__ import annotations

import re

# a field line: its label, then its value ("发布机构：某某局")
PUBLISHER_LABELS = ("发布机构", "发文机关", "信息来源", "来源", "发布单位")
DATE_LABELS = ("发布日期", "发布时间", "成文日期", "生成日期")
OWNER_LABELS = ("单位名称", "填报单位", "编制单位", "部门名称", "预算单位")
FIELD_LINE = re.compile(
    rf"^\s*(?P<label>{'|'.join(PUBLISHER_LABELS + DATE_LABELS + OWNER_LABELS)})\s*[：:]\s*(?P<value>\S.*)$")

# what a question about those fields asks
PUBLISHING = re.compile(r"发布|发文|印发|公布|公开|出具|来源|出处|挂在|网站")
WHO = re.compile(r"谁|哪个|哪家|哪一个|什么(?:单位|机构|部门)|单位|机构|部门")
WHEN = re.compile(r"什么时候|何时|哪天|哪一天|日期|时间|几月|几号")
OWNER = re.compile(r"(?:报告|材料|文件|这篇|这份)(?:又|到底|究竟)?(?:是|属于)?(?:谁|哪个单位|哪家单位|哪个部门)的"
                   r"|谁的报告|(?:哪个|哪家|什么)(?:单位|部门)的(?:报告|自评)")


def asked_fields(question: str) -> tuple[tuple[str, ...], bool]:
    """The field labels a question asks about (the publisher's or the date's), and whether it
    asks whose report it is."""
    owner = bool(OWNER.search(question))
    labels: tuple[str, ...] = ()
    if PUBLISHING.search(question):
        if WHEN.search(question):
            labels = DATE_LABELS
        elif WHO.search(question):
            labels = PUBLISHER_LABELS
    return labels, owner


def field_of(line: str) -> tuple[str, str] | None:
    """The (label, value) of a field line, or None."""
    m = FIELD_LINE.match(line)
    return (m.group("label"), m.group("value").strip()) if m else None


# a project's self-evaluation (项目支出绩效自评表, 项目绩效自评报告), not a department's whole one
PROJECT_REPORT_TITLE = re.compile(r"项目(?:支出)?绩效(?:自评|评价)")
DEPARTMENT_REPORT_TITLE = re.compile(r"部门整体|单位整体")


def project_report(title: str) -> bool:
    """Whether a report's title makes it one project's self-evaluation."""
    return bool(PROJECT_REPORT_TITLE.search(title)) and not DEPARTMENT_REPORT_TITLE.search(title)
