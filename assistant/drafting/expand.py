"""存在的主要问题 and 下一步改进措施 written as report prose: each point a paragraph saying what
the problem (or measure) is, why it arose or what it affects, and what will be done.

Built by rule, from what the department's own material says:

* the point itself (a point that already gives its cause is kept whole);
* the cause or effect: a sentence of the department's own report that shares the point's
  words and gives a cause or an effect (由于…, 导致…), kept only when every number in it is a
  given or derived figure; else the figures of the facts on the point's topic (执行率 for a
  point on budget execution, the indicators met for one on targets); else a placeholder;
* what will be done: the measure that matches the problem (shared words), or for a measure,
  the problem it answers.

The chain passes the report's sentences (`report_sentences`); a facts file has none and is
expanded from its facts alone. The model, when on, may polish the prose but must keep
every point.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from assistant.drafting.check import derived_values, given_values, numbers_in
from assistant.drafting.text import Body, finish, sentences
from assistant.text.markers import CAUSE_WORDS

PROBLEMS, MEASURES = "存在的主要问题", "下一步改进措施"
EXPANDED = (PROBLEMS, MEASURES)
# words every problem and measure uses: they do not tell two points' topics apart
GENERIC = re.compile(r"进一步|有待|加强|提高|提升|完善|健全|仍需|需要|存在|问题|部分|个别|工作|不够|不足|"
                     r"本部门|继续|持续|切实|确保|着力|强化|落实|建立|推进|做好|相关|方面|情况|进行")
CJK = re.compile(r"[\u4e00-\u9fff]+")
MIN_SHARED = 2  # shared two-character words for two texts to be on one topic
CONTEXT_MAX = 120
SHORT = 6  # a point shorter than this (无, 暂无) is kept as it is
EXPLAINED = 40  # a problem this long already explains itself: no placeholder for its cause
PREPOSITION = re.compile(r"^(?:按照|根据|围绕|为了|为|结合|对照|依据|通过|以)")  # not a title alone
CAUSE_LEAD = re.compile(r"^(?:由于|因为|因|受[^，。；]{0,12}影响)")  # a clause that gives a cause
RESULT_LEAD = re.compile(r"^(?:从而|进而)?(?:造成|导致|致使|使得|以致)")  # a report sentence longer than this is not quoted as a cause


def report_sentences(store, report_id: str) -> list[str]:
    """Every sentence of the indexed report's sections, in reading order."""
    from assistant.drafting.corpus import report_sections

    out: list[str] = []
    for section in report_sections(store, report_id).by_kind.values():
        for paragraph in section.texts():
            out += [" ".join(s.split()) for s in sentences(paragraph)]
    return out


def bigrams(text: str) -> set[str]:
    """The two-character runs of a text's Chinese words, generic words left out."""
    out: set[str] = set()
    for run in CJK.findall(GENERIC.sub(" ", text)):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def shared(a: str, b: str) -> int:
    return len(bigrams(a) & bigrams(b))


def pair(left: list[str], right: list[str]) -> dict[int, int]:
    """Each left item's best matching right item (index -> index): the pairs sharing most
    words first, each right item once (a measure repeated under two problems reads as a
    loop); a left item without a match is left out."""
    scores = sorted(((shared(a, b), i, j) for i, a in enumerate(left) for j, b in enumerate(right)),
                    reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in scores:
        if score >= MIN_SHARED and i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def _core(item: str) -> str:
    """A point as a clause: without its end mark."""
    return item.strip().rstrip("。；;，,、 ")


def _clauses(item: str) -> list[str]:
    return [c for c in re.split(r"[，,；;]", _core(item)) if c.strip()]


def gives_cause(item: str) -> bool:
    """Whether a point already says why or with what effect (由于…, 导致…, or a second sentence)."""
    return bool(CAUSE_WORDS.search(item)) or len(sentences(item)) > 1


class Expander:
    """The material of one department-year: its points, figures and report sentences."""

    def __init__(self, writer, context: list[str]) -> None:
        self.w = writer
        facts = writer.facts
        self.problems = list(facts.problems) + writer.statements(PROBLEMS)
        self.measures = list(facts.measures) + writer.statements(MEASURES)
        self.allowed = given_values(facts) | derived_values(writer.derived)
        self.context = [s for s in context if self._usable(s)]
        self.used: set[str] = set()  # sentences given once already (twice reads as a loop)

    def _usable(self, sentence: str) -> bool:
        """A report sentence that may be quoted: not one of the points, not too long, and
        every number in it a given or derived figure."""
        if len(sentence) > CONTEXT_MAX or not CAUSE_WORDS.search(sentence):
            return False
        flat = "".join(sentence.split())
        if any(_core(p)[:12] in flat for p in self.problems + self.measures if len(_core(p)) >= 6):
            return False
        return all(Decimal(v).normalize() in self.allowed for _, v in numbers_in(sentence))

    # why and effect ------------------------------------------------------------------------------
    def cause(self, item: str) -> str:
        """Why the point arose or what it affects: a report sentence, else the facts on its
        topic, else a placeholder."""
        fresh = [s for s in self.context if s not in self.used]
        best = max(fresh, key=lambda s: shared(item, s), default="")
        if best and shared(item, best) >= MIN_SHARED:
            self.used.add(best)
            return finish(best.rstrip("；;"))
        return self.evidence(item) or ""

    def evidence(self, item: str) -> str | None:
        """The facts that bear on the point's topic, as one sentence not given before in
        this section (or None)."""
        for words, build in TOPICS:
            text = build(self.w) if re.search(words, item) else None
            if text and text not in self.used:
                self.used.add(text)
                return text
        return None

    # paragraphs ----------------------------------------------------------------------------------
    def problem_paragraph(self, item: str, measure: str | None) -> str:
        text = finish(item)
        if len(_core(item)) < SHORT:  # 无 / 暂无: nothing to expand
            return text
        if not gives_cause(item):
            why = self.cause(item)
            text += why or ("" if len(item) >= EXPLAINED else _ask("该问题产生的原因及影响"))
        if measure:
            text += finish(f"对此，下一步将{_lead_off(measure)}")
        return text

    def measure_paragraph(self, item: str, problem: str | None) -> str:
        if len(_core(item)) < SHORT:
            return finish(item)
        clauses = [_lead_off(c) for c in _clauses(item)]
        cut = 2 if len(clauses) > 2 and PREPOSITION.match(clauses[0]) else 1
        title, rest = "，".join(clauses[:cut]), "，".join(clauses[cut:])
        text = finish(title)
        if problem and rest:
            text += finish(f"针对{_brief(problem)}的问题，本部门将{rest}")
        elif problem:
            text += finish(f"此项措施针对{_brief(problem)}的问题")
        elif rest:
            text += finish(f"本部门将{rest}")
        why = None if problem else self.evidence(item)
        return text + (why or "")

    def problems_body(self) -> Body:
        matched = pair(self.problems, self.measures)
        points = [self.problem_paragraph(p, self.measures[matched[i]] if i in matched else None)
                  for i, p in enumerate(self.problems)]
        return Body(head=["经自评，本部门主要存在以下问题："],
                    points=points or [_ask("存在的主要问题（逐条列出）")])

    def measures_body(self) -> Body:
        matched = pair(self.measures, self.problems)
        points = [self.measure_paragraph(m, self.problems[matched[i]] if i in matched else None)
                  for i, m in enumerate(self.measures)]
        return Body(head=["针对上述问题，本部门下一步将采取以下改进措施："],
                    points=points or [_ask("针对存在问题的改进措施（逐条列出）")])


def _ask(what: str) -> str:
    return f"【待补充：{what}】"


def _lead_off(text: str) -> str:
    """A measure as what will be done: without a leading 一是 / 要 / 将."""
    return re.sub(r"^(?:本部门|我办|我局|下一步|今后)?(?:将|要|需)?", "", _core(text).strip())


def _brief(problem: str) -> str:
    """A problem named in a phrase: its first clause, or when that gives a cause (由于…,
    受…影响), its longest clause that states the problem (造成/导致 left off)."""
    clauses = [RESULT_LEAD.sub("", c).strip() for c in _clauses(sentences(problem)[0])]
    if CAUSE_LEAD.match(clauses[0]):
        stated = [c for c in clauses if c and not CAUSE_LEAD.match(c)]
        if stated:
            return f"“{max(stated, key=len)}”"
    return f"“{clauses[0]}”"


# the facts that bear on a point's topic -------------------------------------------------------
def _execution(w) -> str | None:
    rate = w.rate()
    if not rate:
        return None
    low = [p for p in w.facts.projects if p.get("rate") is not None and float(p["rate"]) < 100]
    text = f"{w.year}度，本部门全年预算执行率为{rate}"
    if low:
        text += "，其中" + "、".join(f"{p['name']}执行率为{_pct(p['rate'])}" for p in low[:3])
    return finish(text)


def _targets(w) -> str | None:
    met, total = w.computed("达标指标个数"), w.computed("指标个数")
    return finish(f"所列{total}绩效指标中，{met}达到或超过目标值") if met and total else None


def _budget(w) -> str | None:
    budget, spent = w.given("预算数"), w.given("支出")
    gap = w.computed("预算差额")
    if not (budget and spent):
        return None
    text = f"{w.year}度，本部门全年预算数{budget}，执行数{spent}"
    return finish(text + (f"，两者相差{gap}" if gap else ""))


def _pct(value) -> str:
    from assistant.drafting.values import fmt

    return f"{fmt(value)}%"


TOPICS: list[tuple[str, Callable]] = [
    (r"预算执行|执行进度|执行率|支付|资金使用进度|均衡", _execution),
    (r"绩效指标|绩效目标|目标值", _targets),
    (r"预算编制|预算调整|结余|结转", _budget),
]
