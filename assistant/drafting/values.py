"""Numbers as drafts write them: parse "4,227.15万元", format Decimals, pick default units."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from assistant.facts.vocabulary import TERMS
from assistant.text.numbers import CANONICAL_UNIT, QUANTITY

TEXT_FIGURES = {"绩效评级"}  # figures whose value is a word (优, 良 …)
_BY_TEXT = {t.text: t for t in TERMS}
_BY_METRIC = {t.metric: t for t in reversed(TERMS)}
# names people use that the report vocabulary spells differently
EXTRA_NAMES = {"执行数": "支出", "支出总额": "支出", "部门支出": "支出", "预算执行率": "执行率",
               "评级": "绩效评级", "评价等级": "绩效评级", "绩效等级": "绩效评级", "得分": "自评得分",
               "自评分数": "自评得分", "年初预算数": "预算数", "全年预算数": "预算数"}


def to_decimal(value) -> Decimal | None:
    """A Decimal for an int, float or numeric string (thousands separators allowed)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).replace(",", "").replace("，", "").strip())
    except (InvalidOperation, ValueError):
        return None


def fmt(value: Decimal | float | int, places: int | None = None) -> str:
    """A plain decimal string: 525.0 -> '525', 99.6 -> '99.6'; `places` rounds half up
    and keeps trailing zeros (99.60)."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if places is not None:
        return f"{d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
    text = f"{d.normalize():f}"
    return text


def parse_quantity(text: str) -> tuple[Decimal, str] | None:
    """'4,227.15万元' -> (Decimal('4227.15'), '万元'); None when it is not one number."""
    m = QUANTITY.match(str(text))
    if not m:
        return None
    unit = (m.group("unit") or "").replace("％", "%")
    return to_decimal(m.group("num")), unit


def canonical_metric(name: str) -> str:
    """The vocabulary's metric for a figure name (执行数 -> 支出), else the name itself."""
    name = name.strip()
    if name in EXTRA_NAMES:
        return EXTRA_NAMES[name]
    if name in _BY_METRIC:
        return name
    term = _BY_TEXT.get(name)
    return term.metric if term else name


def known_names() -> list[str]:
    """Every name a figure goes by (the vocabulary's terms and the names people use),
    longest first, so a search finds 预算执行率 before 执行率."""
    return sorted(set(_BY_TEXT) | set(EXTRA_NAMES) | set(_BY_METRIC), key=len, reverse=True)


def default_unit(metric: str) -> str:
    """The unit a bare number for this metric is in."""
    term = _BY_METRIC.get(metric) or _BY_TEXT.get(metric)
    if term is not None:
        return CANONICAL_UNIT.get(term.kind, "")
    if metric.endswith(("率", "占比", "比重", "份额")):
        return "%"
    if metric.endswith(("得分", "分值")):
        return "分"
    if metric.endswith(("人数", "人员")):
        return "人"
    if metric.endswith("数") and not any(w in metric for w in ("预算", "支出", "执行")):
        return "个"
    if any(w in metric for w in ("支出", "收入", "预算", "经费", "资金", "结余", "费")):
        return "万元"
    return ""

