"""Revisions without an LLM: the common instructions by rule, figures untouched.

* 更简洁 / 精简 / 压缩 … – keep each paragraph's first sentence and every sentence that
  states a figure or holds a placeholder;
* 改成三点 / 分为4条 … – merge neighbouring points (or split long ones at sentence ends)
  until there are that many;
* 加一条关于预算编制的问题 … – a new point holding a placeholder on that topic;
* 删除第二点 … – drop that point;
* 语气更正式 … – written-register words for colloquial ones (我们 -> 本部门 …);
* 加上预算执行率 … – a sentence stating that figure from the facts (a placeholder when the
  facts lack it).

When sentences cannot be dropped (each states a figure), 更简洁 drops the middle clauses of
long sentences instead. Anything else is left undone with a note saying it needs an LLM.
`unmet` says how a revised text (the model's) fails its instruction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.drafting.check import PLACEHOLDER, numbers_in
from assistant.drafting.templates import placeholder
from assistant.drafting.text import Body, parse, sentences
from assistant.text.markers import SMALL_COUNT

NUM = SMALL_COUNT
SHORTER = re.compile(r"简洁|精简|简短|简练|压缩|缩短|短一些|短一点|删减|精炼")
REGROUP = re.compile(rf"(?:改|分|整理|合并|调整|归纳|写|列)(?:成|为)\s*{NUM}\s*(?:点|条|个方面|方面|项|部分|段)")
ADD = re.compile(r"(?:增加|添加|补充|加上|再加|加)\s*(?:(?:一|1)\s*(?:条|点|项|段|个)|关于|有关)\s*(?:关于|有关)?"
                 r"(?P<topic>[^，。；,;]*?)\s*(?:方面的|的)?\s*(?P<what>问题|措施|成效|内容|工作|任务|目标|情况|建议)")
REMOVE = re.compile(rf"(?:删除|删去|删掉|去掉|去除)\s*第\s*{NUM}\s*(?:点|条|项)")
FORMAL = re.compile(r"正式|规范|书面|公文")
ADD_FIGURE = re.compile(r"(?:加上|加入|增加|补充|添加|写上|写入|写明|列出|注明|加)(?:上)?(?P<what>[^，。；,;]{2,16})")
CONCISE_CHARS = 200  # a text this short that no rule can shorten is concise already
FORMAL_WORDS = (("我们", "本部门"), ("咱们", "本部门"), ("我办", "本部门"), ("我厅", "本部门"),
                ("我局", "本部门"), ("非常", "十分"), ("特别好", "较好"), ("很好", "较好"), ("搞好", "做好"),
                ("弄清", "厘清"), ("马上", "及时"), ("差不多", "基本"), ("很多", "较多"))


@dataclass
class Revision:
    text: str
    applied: list[str] = field(default_factory=list)  # what was done, one line each
    notes: list[str] = field(default_factory=list)  # what could not be done


def revise_by_rules(text: str, instruction: str, facts=None, derived=None) -> Revision:
    """Apply the instructions this module knows; the rest become notes. `facts` and
    `derived` (DraftFacts, Derived) let "加上…" add a figure."""
    out = Revision(text)
    instruction = instruction.strip()
    _structural(out, instruction)
    m = ADD_FIGURE.search(instruction)
    if m and not ADD.search(instruction) and facts is not None:
        _add_figure(out, m.group("what"), facts, derived)
    if FORMAL.search(instruction):
        _formal(out)
    if not out.applied and not out.notes:
        out.notes.append(f"未使用大模型，无法按“{instruction}”修改；可用的修改要求：更简洁一些、改成三点、"
                         "加上预算执行率、加一条关于…的问题、删除第二点、语气更正式。原稿未改动。")
    return out


def _structural(out: Revision, instruction: str) -> None:
    """删除第N点, 更简洁, 加一条…, 改成N点: in that order."""
    from assistant.drafting.text import from_cn

    if REMOVE.search(instruction):
        n = from_cn(REMOVE.search(instruction).group(1)) or 0
        out.text, done = _remove(out.text, n)
        (out.applied if done else out.notes).append(
            f"删除第{n}点" if done else f"原稿没有第{n}点，未删除。")
    if SHORTER.search(instruction):
        shorter, how = _shorten(out.text)
        if shorter != out.text:
            out.text = shorter
            out.applied.append(how)
        else:
            out.notes.append("原稿已无可删减的句子或分句（含数字或待补充项的都需保留），未改动。")
    m = ADD.search(instruction)
    if m and not REMOVE.search(instruction):
        topic = m.group("topic").strip() or "其他"
        out.text = _add(out.text, topic, m.group("what"))
        out.applied.append(f"增加一条关于{topic}的{m.group('what')}（待补充）")
    m = REGROUP.search(instruction)
    if m:
        n = from_cn(m.group(1)) or 0
        regrouped, note = _regroup(out.text, n)
        out.text = regrouped
        (out.notes if note else out.applied).append(note or f"调整为{n}点")


def _formal(out: Revision) -> None:
    formal = out.text
    for casual, written in FORMAL_WORDS:
        formal = formal.replace(casual, written)
    if formal != out.text:
        out.text = formal
        out.applied.append("改用公文书面语（如“我们”改为“本部门”）")
    else:
        out.notes.append("原稿已是公文书面语，未发现需替换的口语词。")


def _figure_named(what: str, facts, derived) -> tuple[str, str | None] | None:
    """(the name as asked, the figure's text or None when the facts lack it) for the figure
    an instruction names ("预算执行率" -> 执行率), or None when it names no known figure."""
    from assistant.drafting.values import canonical_metric, known_names

    for name in sorted(set(known_names()) | set(facts.figures), key=len, reverse=True):
        if name and name in what:
            metric = canonical_metric(name)
            fig = facts.figures.get(metric) or facts.figures.get(name)
            if fig and fig.get("text"):
                return name, str(fig["text"])
            item = derived.get(metric) if derived is not None else None
            return name, (item["text"] if item else None)
    return None


def _add_figure(out: Revision, what: str, facts, derived) -> None:
    found = _figure_named(what, facts, derived)
    if found is None:
        out.notes.append(f"事实中没有名为“{what.strip()}”的数字，未添加；可在事实表中补充后再试。")
        return
    name, value = found
    if value and any(v == x for _, v in numbers_in(value) for _, x in numbers_in(out.text)):
        out.notes.append(f"原稿已写明{name}（{value}），未重复添加。")
        return
    sentence = f"本部门{name}为{value or placeholder(name)}。"
    body = parse(out.text)
    if body.points and not body.tail:
        body.tail.append(sentence)
    elif body.tail:
        body.tail[-1] = body.tail[-1] + sentence
    elif body.head:
        body.head[-1] = body.head[-1] + sentence
    else:
        body.head = [sentence]
    out.text = body.render()
    out.applied.append(f"增加{name}（{value}）" if value else f"增加{name}（事实中没有，标为待补充）")


def _keeps(sentence: str) -> bool:
    return bool(numbers_in(sentence)) or bool(PLACEHOLDER.search(sentence))


def _short(paragraph: str) -> str:
    parts = sentences(paragraph)
    if len(parts) <= 1:
        return paragraph
    kept = [s for i, s in enumerate(parts) if i == 0 or _keeps(s)]
    text = "".join(kept)
    return text[:-1] + "。" if text.endswith(("；", ";", "，")) else text


def _trim_clauses(paragraph: str) -> str:
    """Each sentence of three clauses or more without its middle clauses that state no
    figure (the first and last clause stay)."""
    out = []
    for sentence in sentences(paragraph):
        end = sentence[-1] if sentence[-1] in "。；;！？" else ""
        clauses = re.split(r"[，,]", sentence[: len(sentence) - len(end)])
        if len(clauses) >= 3:
            clauses = [c for i, c in enumerate(clauses)
                       if i in (0, len(clauses) - 1) or _keeps(c)]
        out.append("，".join(clauses) + end)
    return "".join(out)


def _shorten(text: str) -> tuple[str, str]:
    """(shorter text, what was done): secondary sentences dropped; when none can be, the
    middle clauses of long sentences."""
    for short, how in ((_short, "精简：保留各段首句及所有含数字或待补充项的句子"),
                       (_trim_clauses, "精简：删去长句中不含数字的次要分句")):
        body = parse(text)
        body.head = [short(p) for p in body.head]
        body.points = [short(p) for p in body.points]
        body.tail = [short(p) for p in body.tail]
        if body.render() != text:
            return body.render(), how
    return text, ""


def _add(text: str, topic: str, what: str) -> str:
    body = parse(text)
    point = f"{topic}方面：{placeholder(f'关于{topic}的{what}')}"
    if not body.points and len(body.head) > 1:  # paragraphs without points: add a paragraph
        body.head.append(point + "。")
    else:
        body.points.append(point)
    return body.render()


def _remove(text: str, n: int) -> tuple[str, bool]:
    body = parse(text)
    if not 1 <= n <= len(body.points):
        return text, False
    del body.points[n - 1]
    return body.render(), True


def _merge(texts: list[str]) -> str:
    return "；".join(t.strip().rstrip("。；;") for t in texts if t.strip())


def _regroup(text: str, n: int) -> tuple[str, str]:
    """(text, '') with n points, or (unchanged text, why not)."""
    if not 1 <= n <= 20:
        return text, f"无法调整为{n}点。"
    body = parse(text)
    if not body.points:  # paragraphs only: the paragraphs become the points
        body = Body(points=body.head + body.tail)
    points = list(body.points)
    if len(points) == n and body.render() == text:
        return text, f"原稿已是{n}点，未改动。"
    while len(points) < n:  # split the longest point at a sentence end
        longest = max(range(len(points)), key=lambda i: len(sentences(points[i])))
        parts = sentences(points[longest])
        if len(parts) < 2:
            return text, f"原稿只有{len(points)}点，且无法再拆分，未调整为{n}点。"
        half = (len(parts) + 1) // 2
        points[longest:longest + 1] = ["".join(parts[:half]), "".join(parts[half:])]
    if len(points) > n:  # merge neighbours into n groups, as even as possible
        size, extra = divmod(len(points), n)
        groups, start = [], 0
        for i in range(n):
            end = start + size + (1 if i < extra else 0)
            groups.append(_merge(points[start:end]))
            start = end
        points = groups
    body.points = points
    return body.render(), ""


def already_met(instruction: str, text: str) -> str | None:
    """Why the instruction needs no model call because the text already meets it (改成N点
    on a text of N points; 更简洁 on a text whose every sentence states a figure and has no
    secondary clause), or None. Said at once, before any model call."""
    from assistant.drafting.text import from_cn

    m = REGROUP.search(instruction)
    if m and not (SHORTER.search(instruction) or ADD.search(instruction) or REMOVE.search(instruction)):
        n = from_cn(m.group(1)) or 0
        if n and _regroup(text, n)[1] == f"原稿已是{n}点，未改动。":
            return f"原稿已是{n}点，未改动（未调用大模型）。"
    if SHORTER.search(instruction) and not (m or ADD.search(instruction) or REMOVE.search(instruction)):
        if _shorten(text)[0] == text and len("".join(text.split())) <= CONCISE_CHARS:
            return ("原稿已经简洁：每句都含有数字或待补充项，且没有可删的次要分句，"
                    "未改动（未调用大模型）。")
    return None


FILLER = re.compile(r"[\s，,。；;、！!]|请|并且|并|再|然后|同时|一下|和|把")


def exact_by_rules(instruction: str) -> bool:
    """Whether the instruction asks only for what the rules do exactly (删除第N点, 加一条
    关于…的问题, 加上<一个数字>): a model call would add nothing but time and risk."""
    rest = instruction
    for pattern in (REMOVE, ADD, ADD_FIGURE):
        if not (pattern is ADD_FIGURE and ADD.search(instruction)):
            rest = pattern.sub(" ", rest)
    touched = rest != instruction
    return touched and not FILLER.sub("", rest) and not (SHORTER.search(instruction)
                                                         or REGROUP.search(instruction))


def unmet(instruction: str, old: str, new: str) -> list[str]:
    """How a revised text fails its instruction: unchanged, a different number of points
    than asked, not shorter, a point not removed, colloquial words left. Empty when it obeys
    (or when the instruction is not one this module can judge)."""
    from assistant.drafting.text import from_cn

    if "".join(new.split()) == "".join(old.split()):
        return ["修改后的文字与原稿相同"]
    problems = []
    before, after = len(parse(old).points), len(parse(new).points)
    m = REGROUP.search(instruction)
    if m and after != (from_cn(m.group(1)) or 0):
        problems.append(f"要求{m.group(1)}点，修改稿为{after}点")
    if SHORTER.search(instruction) and len(new) >= len(old):
        problems.append("要求更简洁，修改稿没有变短")
    if REMOVE.search(instruction) and after != before - 1:
        problems.append("要求删除一点，修改稿的点数不对")
    if FORMAL.search(instruction) and any(casual in new for casual, _ in FORMAL_WORDS):
        problems.append("修改稿仍有口语词")
    return problems
