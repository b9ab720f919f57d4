"""Template drafts (JIXIAO_LLM=none): one builder per section kind, phrased as the sample
reports phrase that section (全年预算数…，执行数…，预算执行率为…；按支出性质分，基本支出…；
经自评…主要存在以下问题：（一）…). Every figure is a given fact's text or a derived figure's
text; a figure the section needs but the facts lack becomes 【待补充：…】."""

from __future__ import annotations

from collections.abc import Callable

from assistant.drafting.derived import Derived
from assistant.drafting.text import Body, finish
from assistant.drafting.types import DraftFacts


def placeholder(what: str) -> str:
    return f"【待补充：{what}】"


class Writer:
    """Facts and derived figures as the phrases a template needs."""

    def __init__(self, facts: DraftFacts, derived: Derived, context: list[str] | None = None) -> None:
        self.facts, self.derived = facts, derived
        self.context = list(context or [])  # sentences of the department's own report
        self.year = f"{facts.year}年" if facts.year else f"{placeholder('年度')}年"

    def given(self, name: str) -> str | None:
        fig = self.facts.figures.get(name)
        return str(fig["text"]) if fig and fig.get("text") else None

    def fig(self, name: str, what: str | None = None) -> str:
        """The figure's text, or a placeholder naming it (a figure the section needs)."""
        return self.given(name) or placeholder(what or name)

    def computed(self, key: str) -> str | None:
        item = self.derived.get(key)
        return item["text"] if item else None

    def share(self, name: str) -> str | None:
        """A part's share of total spending: as given, else computed."""
        return self.given(f"{name}占比") or self.computed(f"{name}占比")

    def rate(self) -> str | None:
        """The execution rate: as the report gives it when the computation agrees (or it
        cannot be computed); the computed one when they disagree."""
        stated, computed = self.given("执行率"), self.computed("执行率")
        if stated and (computed is None or not any("执行率" in w for w in self.derived.warnings)):
            return stated
        return computed

    def statements(self, kind: str) -> list[str]:
        return [" ".join(s.split()) for s in self.facts.statements.get(kind, []) if s.strip()]


def join(parts: list[str], sep: str = "，") -> str:
    return sep.join(p for p in parts if p)


# 基本情况 ------------------------------------------------------------------------------------------
def overview(w: Writer) -> Body:
    dept = w.facts.department
    duties = w.statements("部门职能/机构设置概况")
    body = Body(head=[f"{dept}的主要职能如下："],
                points=duties or [placeholder("部门主要职能（逐条列出）")])
    units = join([f"独立编制机构数{w.given('独立编制机构数')}" if w.given("独立编制机构数") else "",
                  f"包括行政单位{w.given('行政单位数')}" if w.given("行政单位数") else "",
                  f"下属事业单位{w.given('下属事业单位数')}" if w.given("下属事业单位数") else ""])
    org = join([units, f"内设机构{w.fig('内设机构数')}"])
    people = join([f"在职人员{w.fig('在职人员', '在职人员数')}",
                   *(f"{label}{w.given(name)}" for name, label in
                     (("自聘合同人员", "自聘合同人员"), ("租赁合同人员", "租赁合同人员"),
                      ("退休人员", "离退休人员")) if w.given(name))])
    body.tail = [f"机构设置及人员情况：本部门{org}。截至{w.year}12月31日，{people}。"]
    return body


def tasks(w: Writer, kind: str = "年度总体工作和重点工作任务") -> Body:
    items = w.statements(kind)
    if items:
        return Body(head=[f"{w.year}，本部门围绕年度总体工作目标，重点开展了以下工作："], points=items)
    return Body(head=[f"{w.year}，本部门的年度总体工作目标是：{placeholder('年度总体工作目标')}。"],
                points=[placeholder("年度重点工作任务（逐项列出）")])


def income_spending(w: Writer) -> Body:
    lines = [_budget_line(w)]
    income = _income_line(w)
    if income:
        lines.append(income)
    sources = _sources_line(w)
    if sources:
        lines.append(sources)
    lines.append(_nature_line(w))
    if w.given("结转结余"):
        lines.append(f"年末结转和结余{w.given('结转结余')}。")
    return Body(head=lines)


def _budget_line(w: Writer) -> str:
    """预算数, 执行数 and 执行率 (with the gap and the project rate when there are ones)."""
    rate = w.rate()
    first = (f"{w.year}度，本部门全年预算数{w.fig('预算数', '全年预算数')}，"
             f"执行数{w.fig('支出', '全年执行数（支出总额）')}，"
             f"预算执行率为{rate or placeholder('预算执行率')}")
    gap = w.derived.get("预算差额")
    if gap and gap["value"]:
        first += f"，预算数与执行数相差{gap['text']}"
    if w.given("项目支出执行率"):
        first += f"，其中项目支出执行率为{w.given('项目支出执行率')}"
    return first + "。"


def _income_line(w: Writer) -> str | None:
    """Income in total and by kind, and its balance with spending; None without income figures."""
    income = [f"{label}{w.given(name)}" for name, label in
              (("财政拨款收入", "财政拨款收入"), ("一般公共预算收入", "一般公共预算收入"),
               ("其他收入", "其他收入")) if w.given(name)]
    if not (w.given("收入") or income):
        return None
    text = f"本部门收入总额{w.fig('收入', '收入总额')}"
    if income:
        text += f"，其中{'，'.join(income)}"
    balance = w.computed("收支差额")
    if balance:
        text += f"；收入与支出相抵，差额为{balance}"
    if w.given("收支比率"):
        text += f"，收支比率为{w.given('收支比率')}"
    return text + "。"


def _sources_line(w: Writer) -> str | None:
    """Spending by source of funds; None when no source is given."""
    sources = [f"{label}{w.given(name)}" for name, label in
               (("财政拨款支出", "一般公共预算财政拨款支出"), ("政府性基金支出", "政府性基金预算财政拨款支出"),
                ("国有资本经营支出", "国有资本经营预算财政拨款支出"), ("其他资金支出", "其他资金支出"))
               if w.given(name)]
    if not sources:
        return None
    text = f"按资金来源分，{'，'.join(sources)}"
    if w.share("财政拨款支出"):
        text += f"，财政拨款支出占支出总额的{w.share('财政拨款支出')}"
    return text + "。"


def _nature_line(w: Writer) -> str:
    """Spending by nature: 基本支出 and 项目支出, with their shares when given."""
    parts = []
    for name in ("基本支出", "项目支出"):
        part = f"{name}{w.fig(name)}"
        if w.given(name) and w.share(name):
            part += f"，占支出总额的{w.share(name)}"
        parts.append(part)
    return f"按支出性质分，{'；'.join(parts)}。"


def goals(w: Writer) -> Body:
    items = w.statements("部门整体支出绩效目标")
    first = items[0] if len(items) == 1 else "" if items else placeholder("部门整体支出绩效目标")
    body = Body(head=[f"{w.year}，本部门整体支出绩效目标是：" + (finish(first) if first else "")])
    if len(items) > 1:
        body.points = items
    targets = [f"{i['name']}目标值{i['target']}" for i in w.facts.indicators if i.get("target")]
    count = w.given("关键指标数") or w.computed("指标个数")
    if targets or count:
        text = f"围绕上述目标，本部门设置了{count}绩效指标" if count else "围绕上述目标，本部门设置的绩效指标"
        text += f"，其中{'；'.join(targets)}" if targets else ""
        body.tail.append(finish(text))
    else:
        body.tail.append(f"绩效指标及目标值：{placeholder('绩效指标名称及目标值')}。")
    return body


def management(w: Writer) -> Body:
    items = w.statements("部门整体绩效管理情况")
    if items:
        return Body(head=["本部门整体绩效管理情况如下："], points=items)
    return Body(head=["本部门整体绩效管理情况如下："],
                points=[f"绩效目标管理：{placeholder('绩效目标编制与审核情况')}",
                        f"绩效运行监控：{placeholder('绩效运行监控情况')}",
                        f"绩效自评及结果应用：{placeholder('绩效自评及结果应用情况')}"])


# 综合评价分析 ----------------------------------------------------------------------------------------
def conclusion(w: Writer) -> Body:
    score = w.fig("自评得分")
    grade = w.given("绩效评级")
    first = f"按照部门整体支出绩效评价指标体系，{w.year}本部门整体支出绩效自评得分为{score}"
    first += f"，绩效评级为“{grade}”。" if grade else "。"
    lines = [first]
    rate = w.rate()
    if rate:
        budget, spent = w.given("预算数"), w.given("支出")
        money = join([f"全年预算数{budget}" if budget else "", f"执行数{spent}" if spent else ""])
        lines.append(join([money, f"预算执行率为{rate}"]) + "。")
    met, total = w.computed("达标指标个数"), w.computed("指标个数")
    if met and total:
        lines.append(f"所列{total}绩效指标中，{met}达到或超过目标值。")
    items = w.statements("自评结论综述")
    lines += items or [f"总体评价：{placeholder('对年度履职和绩效目标完成情况的总体评价')}。"]
    return Body(head=lines)


def _project_line(w: Writer, index: int, p: dict) -> str:
    parts = []
    if p.get("budget") is not None:
        parts.append(f"预算数{_money(p['budget'])}")
    if p.get("spent") is not None:
        parts.append(f"执行数{_money(p['spent'])}")
    computed = w.derived.get(f"项目{index}:执行率")
    stated_ok = p.get("rate") is not None and not any(
        p["name"] in x and "执行率" in x for x in w.derived.warnings)
    if stated_ok:
        parts.append(f"执行率{_number(p['rate'])}%")
    elif computed:
        parts.append(f"执行率{computed['text']}")
    return f"{p['name']}：{'，'.join(parts) or placeholder('预算数、执行数和执行率')}"


def _money(value) -> str:
    return f"{_number(value)}万元"


def _number(value) -> str:
    from assistant.drafting.values import fmt

    return fmt(value)


def task_results(w: Writer) -> Body:
    kind = "各项工作任务绩效目标完成情况"
    body = Body(head=[f"{w.year}，本部门各项工作任务绩效目标完成情况如下："])
    for ind in w.facts.indicators:
        parts = [f"目标值{ind['target']}" if ind.get("target") else f"目标值{placeholder('目标值')}",
                 f"实际完成值{ind['actual']}" if ind.get("actual") else f"实际完成值{placeholder('实际完成值')}"]
        gap = next((d for d in w.derived.items if d["name"] == f"{ind['name']}实际值与目标值之差"), None)
        if gap:
            parts.append(("超出目标" if gap["value"] > 0 else "低于目标") + gap["text"].lstrip("-"))
        body.points.append(f"{ind['name']}：{'，'.join(parts)}")
    for i, p in enumerate(w.facts.projects):
        if p.get("kind") == kind:
            body.points.append(_project_line(w, i, p))
    body.points += w.statements(kind)
    if not body.points:
        body.points = [placeholder("各项工作任务的绩效指标、目标值和实际完成值")]
    met, total = w.computed("达标指标个数"), w.computed("指标个数")
    if met and total:
        body.tail.append(f"所列{total}绩效指标中，{met}达到或超过目标值。")
    return body


def key_projects(w: Writer) -> Body:
    kind = "重点任务项目支出完成情况"
    chosen = [(i, p) for i, p in enumerate(w.facts.projects) if p.get("kind") in (kind, "")]
    total = w.given("重点任务项目支出")
    head = f"{w.year}，本部门重点任务项目支出{total}，具体如下：" if total else \
        f"{w.year}，本部门重点任务项目支出情况如下："
    body = Body(head=[head], points=[_project_line(w, i, p) for i, p in chosen])
    body.points += w.statements(kind)
    if not body.points:
        body.points = [placeholder("重点任务项目名称、预算数、执行数及完成情况")]
    budget = w.computed(f"项目预算数合计（{kind}）") or w.computed("项目预算数合计")
    spent = w.computed(f"项目执行数合计（{kind}）") or w.computed("项目执行数合计")
    if chosen and (budget or spent):
        body.tail.append("以上项目" + join([f"预算数合计{budget}" if budget else "",
                                           f"执行数合计{spent}" if spent else ""]) + "。")
    return body


def efficiency(w: Writer) -> Body:
    items = w.statements("管理效率分析")
    if items:
        return Body(head=["本部门管理效率情况如下："], points=items)
    return Body(head=["本部门管理效率情况如下："],
                points=[f"{aspect}方面：{placeholder(aspect + '方面的做法和成效')}"
                        for aspect in ("预算编制和执行", "信息公开", "绩效管理", "采购管理", "资产管理")])


def achievements(w: Writer) -> Body:
    items = w.statements("主要工作成效")
    return Body(head=[f"{w.year}，本部门主要工作成效如下："],
                points=items or [placeholder("主要工作成效（逐条列出，可附具体数字）")])


# 问题与措施 ------------------------------------------------------------------------------------------
def problems(w: Writer) -> Body:
    """Each problem a paragraph: what, why or with what effect, what will be done (expand.py)."""
    from assistant.drafting.expand import Expander

    return Expander(w, w.context).problems_body()


def measures(w: Writer) -> Body:
    """Each measure a paragraph: what, the problem it answers, what will be done (expand.py)."""
    from assistant.drafting.expand import Expander

    return Expander(w, w.context).measures_body()


BUILDERS: dict[str, Callable[[Writer], Body]] = {
    "部门职能/机构设置概况": overview,
    "年度总体工作和重点工作任务": tasks,
    "部门整体收支情况": income_spending,
    "部门整体支出绩效目标": goals,
    "部门整体绩效管理情况": management,
    "自评结论综述": conclusion,
    "各项工作任务绩效目标完成情况": task_results,
    "重点任务项目支出完成情况": key_projects,
    "管理效率分析": efficiency,
    "主要工作成效": achievements,
    "存在的主要问题": problems,
    "下一步改进措施": measures,
}


def template_body(kind: str, facts: DraftFacts, derived: Derived,
                  context: list[str] | None = None) -> Body:
    return BUILDERS[kind](Writer(facts, derived, context))


def template_text(kind: str, facts: DraftFacts, derived: Derived,
                  context: list[str] | None = None) -> str:
    """The template draft of one section kind, one paragraph per line; `context` (sentences
    of the department's own report) lets 问题 and 措施 give causes in the report's words."""
    return template_body(kind, facts, derived, context).render()
