"""Figures computed in code from the given ones (Decimal arithmetic, rounded half up), each
with its calculation: execution rates, differences, shares, sums of parts, indicator gaps.
Disagreements between a given figure and its computation become warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from assistant.drafting.types import DraftFacts
from assistant.drafting.values import fmt, parse_quantity, to_decimal

HUNDRED = Decimal(100)


@dataclass
class Derived:
    """What `derive` computes; `items` are dicts as they go into a Draft."""

    items: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def get(self, key: str) -> dict | None:
        return next((d for d in self.items if d["key"] == key), None)


def figure(facts: DraftFacts, name: str) -> Decimal | None:
    fig = facts.figures.get(name)
    return to_decimal(fig.get("value")) if fig else None


def derive(facts: DraftFacts) -> Derived:
    out = Derived()
    _department(facts, out)
    _projects(facts, out)
    _indicators(facts, out)
    return out


def _add(out: Derived, key: str, name: str, value: Decimal, unit: str, places: int, calc: str) -> dict:
    text = f"{fmt(value, places)}{unit}"
    item = {"key": key, "name": name, "value": float(value.quantize(Decimal(1).scaleb(-places))),
            "unit": unit, "text": text, "calc": f"{calc} = {text}"}
    out.items.append(item)
    return item


def places_of(*values: Decimal) -> int:
    """The decimal places of the most precise operand."""
    return max((max(-v.as_tuple().exponent, 0) for v in values), default=0)


def rate(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole * HUNDRED


def _agrees(stated: Decimal, computed: Decimal) -> bool:
    """A stated figure agrees when the computation, rounded as the statement is, equals it."""
    places = max(-stated.as_tuple().exponent, 0)
    return abs(computed.quantize(Decimal(1).scaleb(-places)) - stated) <= Decimal(1).scaleb(-places)


def _department(facts: DraftFacts, out: Derived) -> None:
    budget, spent = figure(facts, "预算数"), figure(facts, "支出")
    basic, project = figure(facts, "基本支出"), figure(facts, "项目支出")
    income = figure(facts, "收入")
    if budget and spent is not None:
        item = _add(out, "执行率", "预算执行率", rate(spent, budget), "%", 2,
                    f"执行数 {fmt(spent)} ÷ 预算数 {fmt(budget)} × 100%")
        stated = figure(facts, "执行率")
        if stated is not None and not _agrees(stated, rate(spent, budget)):
            out.warnings.append(f"报告所写执行率{facts.figures['执行率']['text']}与按预算数、执行数"
                                f"计算的{item['text']}不一致，请核实。")
        _add(out, "预算差额", "预算数与执行数之差", budget - spent, "万元", 2,
             f"预算数 {fmt(budget)} − 执行数 {fmt(spent)}")
    if spent:
        for label in ("基本支出", "项目支出", "财政拨款支出"):
            part, key = figure(facts, label), f"{label}占比"
            if part is not None and key not in facts.figures:
                _add(out, key, f"{label}占支出总额的比重", rate(part, spent), "%", 2,
                     f"{label} {fmt(part)} ÷ 支出总额 {fmt(spent)} × 100%")
    if basic is not None and project is not None:
        total = basic + project
        _add(out, "支出合计", "基本支出与项目支出合计", total, "万元", 2,
             f"基本支出 {fmt(basic)} + 项目支出 {fmt(project)}")
        if spent is not None and abs(total - spent) > Decimal("0.01"):
            out.warnings.append(f"基本支出与项目支出合计{fmt(total, 2)}万元，与支出总额"
                                f"{facts.figures['支出']['text']}不一致，请核实。")
    if income is not None and spent is not None:
        _add(out, "收支差额", "收入与支出之差", income - spent, "万元", 2,
             f"收入 {fmt(income)} − 支出 {fmt(spent)}")


def project_key(index: int, name: str, what: str) -> str:
    return f"项目{index}:{what}"


def _projects(facts: DraftFacts, out: Derived) -> None:
    for i, p in enumerate(facts.projects):
        budget, spent, stated = (to_decimal(p.get(k)) for k in ("budget", "spent", "rate"))
        if budget and spent is not None:
            item = _add(out, project_key(i, p["name"], "执行率"), f"{p['name']}执行率",
                        rate(spent, budget), "%", 2,
                        f"执行数 {fmt(spent)} ÷ 预算数 {fmt(budget)} × 100%")
            if stated is not None and not _agrees(stated, rate(spent, budget)):
                out.warnings.append(f"{p['name']}：所写执行率{fmt(stated)}%与按预算数{fmt(budget)}万元、"
                                    f"执行数{fmt(spent)}万元计算的{item['text']}不一致，请核实。")
            if budget != spent:
                _add(out, project_key(i, p["name"], "差额"), f"{p['name']}预算数与执行数之差",
                     budget - spent, "万元", 2, f"预算数 {fmt(budget)} − 执行数 {fmt(spent)}")
    by_kind: dict[str, list[dict]] = {}
    for p in facts.projects:
        by_kind.setdefault(p.get("kind") or "", []).append(p)
    for kind, projects in by_kind.items():
        for field_, word in (("budget", "预算数"), ("spent", "执行数")):
            values = [to_decimal(p.get(field_)) for p in projects]
            if len(values) >= 2 and all(v is not None for v in values):
                total = sum(values, Decimal(0))
                suffix = f"（{kind}）" if kind else ""
                _add(out, f"项目{word}合计{suffix}", f"所列项目{word}合计", total, "万元", 2,
                     " + ".join(fmt(v) for v in values))
                stated = figure(facts, "重点任务项目支出")
                if (field_ == "spent" and kind in ("", "重点任务项目支出完成情况") and stated is not None
                        and abs(total - stated) > Decimal("0.01")):
                    out.warnings.append(f"所列重点任务项目执行数合计{fmt(total, 2)}万元，与重点任务项目"
                                        f"支出{facts.figures['重点任务项目支出']['text']}不一致，请核实。")


def _indicators(facts: DraftFacts, out: Derived) -> None:
    compared = met = 0
    for i, ind in enumerate(facts.indicators):
        target = parse_quantity(str(ind.get("target") or ""))
        actual = parse_quantity(str(ind.get("actual") or ""))
        if not target or not actual or target[1] != actual[1]:
            continue
        compared += 1
        met += actual[0] >= target[0]
        gap = actual[0] - target[0]
        if gap:
            unit = "个百分点" if target[1] == "%" else target[1]
            _add(out, f"指标{i}:差值", f"{ind['name']}实际值与目标值之差", gap, unit,
                 places_of(target[0], actual[0]),
                 f"实际值 {fmt(actual[0])} − 目标值 {fmt(target[0])}")
    if facts.indicators:
        names = "、".join(i["name"] for i in facts.indicators)
        _add(out, "指标个数", "所列绩效指标个数", Decimal(len(facts.indicators)), "项", 0,
             f"计数（{names}）")
    if compared:
        _add(out, "达标指标个数", "实际值达到或超过目标值的指标个数", Decimal(met), "项", 0,
             f"逐项比较实际值与目标值（共比较{compared}项）")
