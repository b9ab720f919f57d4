"""Metrics named in a question: colloquial words first, then the report vocabulary."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.answer.understand.intent import GENRE
from assistant.answer.understand.lexicon import is_word
from assistant.facts.vocabulary import CLASS_RATE, ITEM_WORDS, TERMS

# spending items (三公经费, 公务接待费 …): the facts file their budget and spending under the
# item as subject, or as the item's own figure
ITEM_METRICS = frozenset(t.metric for t in TERMS if t.text in ITEM_WORDS)
# the key figures of a department, answered when a question names it and no figure
KEY_METRICS = ("预算数", "支出", "执行率", "自评得分")
# colloquial ways to name a metric, checked before the report vocabulary
COLLOQUIAL: tuple[tuple[str, str], ...] = (
    (r"重点(?:任务)?项目(?:经费)?", "重点任务项目支出"),
    (r"(?:预算)?(?:执行|完成|支付|支出)[（(][^）)]{1,4}[）)]率", "执行率"),
    (r"花了多少钱|花了多少|花费|开支", "支出"),
    (r"预算(?=(?:金额|额)?(?:是|为|有|共|一共|总共)?多少)", "预算数"),
    (r"(?:安排|下达|拨付)了?(?=(?:资金|经费)?(?:是|为|有|共|一共|总共)?多少)", "预算数"),  # 今年安排了多少
    (r"(?:实际)?执行了?(?=(?:是|为|有|共|一共|总共)?多少)", "支出"),
    (r"在职(?:在编)?(?:人员|人数)?|在编人员", "在职人员"),
    # who has more people: 哪个人多, 谁的人数更多 (the staff, not a count of anything else)
    (r"(?:哪(?:一)?(?:个|家)|谁)(?:单位)?的?人(?:数|员)?(?:更|最)?[多少]", "在职人员"),
    (r"退休", "退休人员"),
    # 编制 asked as a head count (编制多少, 多少编制), not the verb (编制预算)
    (r"编制(?=(?:人数|数)?(?:是|为|有|共)?(?:多少|几))|(?:多少|几)个?编制", "编制数"),
    (r"内设(?:科室|机构|处室)|几个科室", "内设机构数"),
    (r"自评(?:得分|分数)|评价得分|绩效得分|得了多少分|打了多少分|多少分|总分"
     r"|(?<=自评|评价|绩效)(?:的分(?!析)|(?:得了|得|的|打了)?几分)|(?<=[得打评])了?几分", "自评得分"),
    (r"评级|等级", "绩效评级"),
    (r"关键指标", "关键指标数"),
    (r"收支比率|收支比", "收支比率"),
)


CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
# what follows a shortened item name when its figure is asked (三公实际支出多少, 接待费用了多少)
_FIGURE_AFTER = r"(?=(?:实际|一共|共|总共)?(?:花|支出|用了|开支|预算|是多少|有多少|为多少|多少))"


@lru_cache(maxsize=1)
def item_stems() -> dict[str, str]:
    """The heads and tails of a spending item's name that no other metric's term holds (三公 of
    三公经费, 接待费 of 公务接待费; not 经费, not 公务): a shortened name. A tail is cut off
    after a whole word (公务|接待费), never inside one (三|公经费 is no name)."""
    owners: dict[str, set[str]] = {}
    for t in TERMS:
        if not CJK_ONLY.match(t.text):
            continue
        for i in range(len(t.text) - 1):
            for j in range(i + 2, len(t.text) + 1):
                owners.setdefault(t.text[i:j], set()).add(t.metric)
    stems = {}
    for t in TERMS:
        if t.metric not in ITEM_METRICS or not CJK_ONLY.match(t.text):
            continue
        heads = [t.text[:j] for j in range(2, len(t.text))]
        tails = [t.text[i:] for i in range(2, len(t.text) - 1) if is_word(t.text[:i])]
        stems.update({s: t.metric for s in heads + tails if owners[s] == {t.metric}})
    return stems


def _shortened_items(text: str) -> list[tuple[int, int, str]]:
    """Spending items named by a stretch of their name, right before the figure asked of them."""
    return [(m.start(), m.end(), metric) for stem, metric in item_stems().items()
            for m in re.finditer(re.escape(stem) + _FIGURE_AFTER, text)]


def metrics_of(text: str, masked: Sequence[tuple[int, int]] = (),
               names: Sequence[tuple[int, int]] = ()) -> tuple[str, ...]:
    """Metrics in the order they are named: left to right, longest phrase at each place.
    A metric word inside a subject's name (支出 in 工资性支出项目) is part of the name; a bare
    预算 right after a department's name (`names`: 枫浦疾控预算多少) is its budget."""
    candidates = [(m.start(), m.end(), metric) for pattern, metric in COLLOQUIAL
                  for m in re.finditer(pattern, text)
                  if not _qualified(text, m.start(), metric, masked)
                  or any(b == m.start() for _, b in names)]
    candidates += [(m.start(), m.end(), t.metric) for t in TERMS
                   for m in re.finditer(re.escape(t.text), text)]
    candidates += _shortened_items(text)
    # a metric word inside a subject's name, or one that begins inside it and runs on past its
    # end (…作业项目|支出: the name's head word 项目 is the subject's), is no metric of its own
    candidates = [c for c in candidates
                  if not any((a <= c[0] and c[1] <= b and (a, b) != c[:2]) or a < c[0] < b < c[1]
                             for a, b in masked)]
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    # the genre's own name (部门整体支出绩效自评报告) is not a question about 支出
    covered: list[tuple[int, int]] = [m.span() for m in GENRE.finditer(text)]
    found = []
    for start, end, metric in candidates:
        if not any(a < end and start < b for a, b in covered):
            covered.append((start, end))
            found.append(metric)
    return tuple(dict.fromkeys(_class_rates(found)))


# what may stand right before a bare 预算 that asks the department's budget: a year, a
# department's name, 的/总/整体
_BARE_BUDGET_BEFORE = re.compile(r"(?:^|[年度的总体\s，,]|[局委办厅心院校镇府室站所队部门位])$")


def _qualified(text: str, start: int, metric: str, subjects: Sequence[tuple[int, int]]) -> bool:
    """A colloquial budget word qualified by a noun before it (政府采购预算, 培训费预算) asks
    for that item's budget, not the department's 预算数; right after a subject the question
    names (…巩固项目预算) it is that subject's."""
    if metric != "预算数" or any(start - 3 <= b <= start for _, b in subjects):
        return False
    if any(text[:start].endswith(t.text) for t in TERMS if t.metric in ITEM_METRICS):
        return False  # “三公”经费预算: the item's budget, read as such by item_reading
    return not _BARE_BUDGET_BEFORE.search(text[max(0, start - 3):start])


def _class_rates(found: list[str]) -> list[str]:
    """"项目支出的执行率", "基本支出是多少，执行率多少": a bare 执行率 asked after an expenditure
    class is that class's rate, never the department's."""
    out, last_class = [], ""
    for metric in found:
        if metric in CLASS_RATE:
            last_class = metric
        out.append(CLASS_RATE[last_class] if metric == "执行率" and last_class else metric)
    return out


def specific(metrics: tuple[str, ...]) -> tuple[str, ...]:
    """"重点任务项目经费一共支出了多少": the specific 支出 metric is the one asked about."""
    if "支出" in metrics and any(m != "支出" and m.endswith("支出") for m in metrics):
        return tuple(m for m in metrics if m != "支出")
    return metrics


def metric_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for pattern, _ in COLLOQUIAL for m in re.finditer(pattern, text)]
    return spans + [m.span() for t in TERMS for m in re.finditer(re.escape(t.text), text)]


_PLAIN_MONEY = ("预算数", "支出")


def item_reading(metrics: tuple[str, ...], subjects: tuple[str, ...], kind: str = ""
                 ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """"“三公”经费预算", "三公经费实际支出", "三公经费还剩多少": a spending item named with the
    figure asked of it (or with a computation over its figures) is the subject of that figure
    (metrics, subjects as read)."""
    items = [m for m in metrics if m in ITEM_METRICS]
    if not items or not (kind == "remaining" or any(m in _PLAIN_MONEY for m in metrics)):
        return metrics, subjects
    return (tuple(m for m in metrics if m not in items),
            tuple(dict.fromkeys([*items, *subjects])))


# what holds the whole of a share: "预算总金额里", "在执行数中", "全年预算数当中"
_WITHIN = re.compile(r"(?:当中|之中|里|中)[，,]?")


def share_order(text: str, metrics: tuple[str, ...]) -> tuple[str, ...]:
    """The two metrics of a share as (part, whole): the whole may be named first, as what
    holds the other ("预算总金额里基本支出占多大比例", "项目支出在执行数中占多少"); with no
    metric after 占, the one named last before the nearest 里/中 before it is the whole."""
    at = text.find("占")
    if len(metrics) != 2 or at < 0 or metrics_of(text[at + 1:]):
        return metrics
    within = list(_WITHIN.finditer(text[:at]))
    holder = metrics_of(text[:within[-1].start()]) if within else ()
    if not holder or holder[-1] not in metrics:
        return metrics
    whole = holder[-1]
    return (*(m for m in metrics if m != whole), whole)
