"""Section kinds of a 部门整体支出绩效自评报告, recognised by what their headings say.

The sample reports name the same section in different words (部门概况 / 部门职能,
自评结论综述 / 部门整体支出绩效自评综述, 成效 / 主要工作成效, 履职效能分析 …). A kind is a
canonical name plus heading patterns; `kind_of_heading` classifies any heading text, so a
new report's headings are recognised by the same rules, not by a list of files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.errors import JixiaoError
from assistant.ingest.structure import HEADING_PATTERNS

BASIC = "基本情况"
EVALUATION = "综合评价分析"


@dataclass(frozen=True)
class SectionKind:
    """One kind of report section."""

    name: str  # canonical name, used by the API, the CLI and the UI
    heading: str  # the heading text an exported draft gets
    chapter: str  # the top-level chapter it sits under ("" = it is a chapter itself)
    patterns: tuple[str, ...]  # regexes matched against a heading without its marker
    aliases: tuple[str, ...] = ()  # other names accepted on input
    is_list: bool = False  # the corpus writes it as points (一是…；二是…)

    def matches(self, heading: str) -> bool:
        text = strip_marker(heading)
        return any(re.search(p, text) for p in self.patterns)


# In report order. `MATCH_ORDER` below decides ties (specific kinds before general ones).
SECTION_KIND_LIST: tuple[SectionKind, ...] = (
    SectionKind("部门职能/机构设置概况", "部门概况", BASIC,
                (r"部门职能", r"部门概况", r"机构设置", r"职能配置", r"主要职责", r"人员情况"),
                ("部门概况", "部门职能", "机构设置", "部门职能及机构设置", "概况"), is_list=True),
    SectionKind("年度总体工作和重点工作任务", "年度总体工作和重点工作任务", BASIC,
                (r"年度总体工作", r"年度重点工作", r"重点工作任务$", r"总体工作情况"),
                ("年度总体工作", "重点工作任务", "年度重点工作任务"), is_list=True),
    SectionKind("部门整体收支情况", "部门整体收支情况", BASIC,
                (r"收支情况", r"收入支出情况", r"预算收支", r"预算执行情况"),
                ("收支情况", "整体收支情况", "收支")),
    SectionKind("部门整体支出绩效目标", "部门整体支出绩效目标", BASIC,
                (r"绩效目标[。.]?$", r"整体支出绩效目标(?!完成)", r"年度绩效目标(?!完成)"),
                ("绩效目标", "整体支出绩效目标")),
    SectionKind("部门整体绩效管理情况", "部门整体绩效管理情况", BASIC,
                (r"绩效管理情况", r"绩效管理工作"),
                ("绩效管理情况", "绩效管理")),
    SectionKind("自评结论综述", "自评结论综述", EVALUATION,
                (r"自评结论", r"自评综述", r"评价结论", r"综述$", r"总体评价"),
                ("自评综述", "自评结论", "部门整体支出绩效自评综述", "综述")),
    SectionKind("各项工作任务绩效目标完成情况", "各项工作任务绩效目标完成情况", EVALUATION,
                (r"绩效目标完成情况", r"目标完成情况", r"履职效能", r"绩效指标完成情况"),
                ("工作任务绩效目标完成情况", "绩效目标完成情况", "履职效能分析", "指标完成情况"),
                is_list=True),
    SectionKind("重点任务项目支出完成情况", "重点任务项目支出完成情况", EVALUATION,
                (r"项目支出完成情况", r"重点任务项目", r"重点项目"),
                ("重点项目支出", "项目支出完成情况", "重点任务项目支出"), is_list=True),
    SectionKind("管理效率分析", "管理效率分析", EVALUATION,
                (r"管理效率", r"管理情况分析"),
                ("管理效率",), is_list=True),
    SectionKind("主要工作成效", "主要工作成效", EVALUATION,
                (r"成效$", r"工作成效", r"主要成效", r"取得的成效", r"主要成绩"),
                ("成效", "工作成效"), is_list=True),
    SectionKind("存在的主要问题", "存在的主要问题", "",
                (r"存在的.*问题", r"主要问题", r"问题和不足", r"存在问题", r"不足之处"),
                ("问题", "存在问题", "主要问题"), is_list=True),
    SectionKind("下一步改进措施", "下一步改进措施", "",
                (r"改进措施", r"下一步", r"整改措施", r"改进建议", r"意见建议"),
                ("改进措施", "措施", "整改措施"), is_list=True),
)

SECTION_KINDS: dict[str, SectionKind] = {k.name: k for k in SECTION_KIND_LIST}
# headings that name a chapter, not a section kind (一、基本情况, 二、综合评价分析 …)
CHAPTER_HEADINGS = (r"^(?:部门)?基本情况$", r"综合评价", r"绩效自评情况", r"评价分析$")
MATCH_ORDER = (
    "各项工作任务绩效目标完成情况", "重点任务项目支出完成情况", "部门整体支出绩效目标",
    "部门整体绩效管理情况", "自评结论综述", "年度总体工作和重点工作任务", "部门整体收支情况",
    "管理效率分析", "存在的主要问题", "下一步改进措施", "主要工作成效", "部门职能/机构设置概况",
)


def strip_marker(heading: str) -> str:
    """The heading text without its 一、/（一）/1./（1） marker and trailing punctuation."""
    text = heading.strip()
    for _, pattern in HEADING_PATTERNS:
        m = pattern.match(text)
        if m:
            text = text[m.end():]
            break
    return text.strip().rstrip("。：:；;，, ")


def kind_of_heading(heading: str) -> str | None:
    """The section kind a heading names, or None (chapters and unknown headings)."""
    text = strip_marker(heading)
    if not text or any(re.search(p, text) for p in CHAPTER_HEADINGS):
        return None
    for name in MATCH_ORDER:
        if SECTION_KINDS[name].matches(text):
            return name
    return None


def kind_of_path(path: Sequence[str]) -> str | None:
    """The kind of a section path: the first heading from the top that names a kind
    (so 一、基本情况 > （一）部门概况 > 2.机构设置及人员情况 is 部门职能/机构设置概况)."""
    for heading in path:
        kind = kind_of_heading(heading)
        if kind:
            return kind
    return None


def resolve_kind(name: str) -> str:
    """The canonical kind for a name or alias; an unknown name raises, listing the kinds."""
    text = (name or "").strip()
    if text in SECTION_KINDS:
        return text
    for kind in SECTION_KIND_LIST:
        if text in kind.aliases or text == kind.heading:
            return kind.name
    guessed = kind_of_heading(text) if text else None
    if guessed:
        return guessed
    raise JixiaoError(f"unknown section kind {name!r}; choose one of: {', '.join(SECTION_KINDS)}")


def ordered(kinds: Iterable[str]) -> list[str]:
    """Kinds in report order."""
    wanted = set(kinds)
    return [k.name for k in SECTION_KIND_LIST if k.name in wanted]
