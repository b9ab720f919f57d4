"""The one guard for everything a model writes (drafts, revisions, answers): text that loops,
stops mid-sentence, repeats its instructions, talks about itself ("以上是…一节正文。") or
writes a placeholder symbol where a figure stood ("预算数为×万元").

Pure functions on text, no state; both the drafting and the answering wing call them::

    problems = guard(text, prompt_lines=[template, ...])   # [] for a usable text
    if problems: ... fall back (template, rule revision, extractive answer) and say why

Each problem has a `kind` (loop, cut, echo, meta, placeholder) and a `message` in Chinese
that can be shown to the user as it is (`str(problem)` is the message).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# where a text lacks a fact it says so: 【待补充：预算数】 (the one honest placeholder)
FILL_IN = re.compile(r"【待补充[:：][^】]*】")

CLAUSE_SPLIT = re.compile(r"[，,。；;！!？?：:、\n]")
LOOP_WINDOW = 12  # clauses looked at together: a loop of up to 4 clauses recurs 3 times in it
BACK_TO_BACK = re.compile(r"([^\n]{3,30}?)\1{2,}")  # a run written three times in a row
SENTENCE_TWICE_MIN = 16  # a whole sentence this long written twice is a loop
TEXT_ENDS = "。！？!?…】”」）)]》"  # what a finished text ends with
PROMPT_FIELD = re.compile(r"\{[a-z_]+\}")
PROMPT_LABEL = re.compile(r"^\s*([^\s：:（(，。{}]{2,6})(?:（[^）]*）)?[：:]")
ECHO_FRAGMENT_MIN = 10  # a prompt sentence at least this long found in a text is an echo

# a sentence about the text itself, not about the department: "以上是…一节正文。",
# "修改后的正文如下：", "希望对您有所帮助". It opens with a pointer to the text (以上/以下/
# 上述/下面/这/本文…) and names the text as a text (正文, 草稿, 修改稿 …), or closes with a
# pleasantry addressed to the reader.
TEXT_WORDS = r"(?:正文|草稿|初稿|修改稿|改写稿|润色稿|文稿|稿件|全文|回答|答案|内容如下|段落|一节|本节内容)"
META = re.compile(
    rf"(?:^|[。！？!?\n])\s*(?:(?:以上|以下|上述|上面|下面|如上|如下|本文|本段)(?:就|即|便)?"
    rf"(?:是|为|即为|就是|便是)?|(?:这|此)(?:就|便)?(?:是|为))[^。！？!?\n]{{0,30}}?{TEXT_WORDS}"
    r"|(?:修改|改写|润色|调整)(?:后|过)的[^。！？!?\n]{0,12}(?:如下|如上)"
    r"|希望(?:以上|这些)?(?:内容|回答)?(?:能)?对(?:您|你)有(?:所)?帮助"
    r"|(?:如需|如果需要|若需)(?:进一步)?(?:修改|调整|补充)[^。！？!?\n]{0,10}(?:请|欢迎)")

# a symbol standing in for a figure: a run of ×/X/＊/…/□ right before a unit ("×万元",
# "XX%") or right after a verb that introduces a figure ("执行率为××。")
SLOT = r"(?:[×✕✖＊Ｘ○□]+|[Xx]{2,}|X|\*{1,3}|…{1,2}|\.{3,}|_{2,}|＿+)"
UNIT = r"(?:万元|亿元|千元|元|%|％|个百分点|百分点|个|项|人次|人|次|家|天|分|件|台|户|所|篇)"
PLACEHOLDER_SYMBOL = re.compile(
    rf"{SLOT}\s*{UNIT}"
    rf"|(?:为|达|达到|占|共|共计|合计|计|约|是)\s*{SLOT}(?=$|[，,。；;、\s）)])")


@dataclass(frozen=True)
class Problem:
    """Why a generated text cannot be shown as it is."""

    kind: str  # loop | cut | echo | meta | placeholder
    message: str

    def __str__(self) -> str:
        return self.message


def clauses(text: str) -> list[str]:
    """The text's clauses (between commas and stops), without spaces; a 【待补充：…】 keeps
    its words (【待补充：目标值】 -> 待补充目标值) so it stays one clause."""
    text = FILL_IN.sub(lambda m: re.sub(r"[【】：:]", "", m.group()), text or "")
    return [c for c in ("".join(x.split()) for x in CLAUSE_SPLIT.split(text)) if len(c) >= 2]


def repeated_window(found: list[str]) -> tuple[str, int] | None:
    """A stretch of LOOP_WINDOW clauses (all of them when fewer, at least 6) made of a third
    as many different clauses or fewer: (its most frequent clause, that clause's count in
    the whole text). Lists of figures or names stay varied; a loop does not."""
    size = min(LOOP_WINDOW, len(found))
    if size < 6:
        return None
    for start in range(len(found) - size + 1):
        window = found[start:start + size]
        if len(set(window)) <= size // 3:
            top = max(set(window), key=window.count)
            return top, found.count(top)
    return None


def repeated_run(text: str) -> tuple[str, int] | None:
    """A run of 3–30 characters written three times back to back (a loop without
    punctuation), or a sentence of SENTENCE_TWICE_MIN characters written twice."""
    flat = "".join(FILL_IN.sub("\n", text or "").split(" "))
    for m in BACK_TO_BACK.finditer(flat):
        if re.search(r"[\u4e00-\u9fff]{2}", m.group(1)):
            return m.group(1), flat.count(m.group(1))
    seen: set[str] = set()
    for sentence in re.split(r"[。！？!?\n]", flat):
        sentence = sentence.strip()
        if len(sentence) >= SENTENCE_TWICE_MIN:
            if sentence in seen:
                return sentence, 2
            seen.add(sentence)
    return None


def looping(text: str) -> str | None:
    """Why the text is a loop, or None."""
    found = repeated_window(clauses(text)) or repeated_run(text)
    if found:
        return f"文字循环重复：“{found[0][:20]}”出现{found[1]}次"
    return None


def truncated(text: str) -> str | None:
    """Why the text looks cut off (empty, or not ending a sentence), or None."""
    body = (text or "").strip()
    if not body:
        return "输出为空"
    if body[-1] not in TEXT_ENDS:
        return f"结尾不完整：“…{body[-12:]}”（未以句号等结束）"
    return None


def repair_ending(text: str) -> str:
    """A text cut off mid-sentence (a token limit) without its unfinished last sentence,
    when that keeps most of it; otherwise the text as it is (the guard rejects it)."""
    if not truncated(text) or looping(text):
        return text
    end = max(text.rfind(c) for c in "。！？】")
    return text[: end + 1] if end >= len(text) * 0.6 else text


def prompt_fragments(prompts: Iterable[str]) -> tuple[list[str], list[str]]:
    """(labels, sentences) of prompt templates as an echo would show them: the labels that
    open their lines ("修改要求", "可用数字") and their fixed sentences of ECHO_FRAGMENT_MIN
    characters or more (a {field} splits a sentence)."""
    labels: list[str] = []
    fragments: list[str] = []
    for prompt in prompts:
        for line in prompt.splitlines():
            m = PROMPT_LABEL.match(line)
            if m and m.group(1) not in labels:
                labels.append(m.group(1))
            for part in re.split(r"[。；;！？\n]", PROMPT_FIELD.sub("\n", line)):
                part = part.strip(" ：:，,“”")
                if len(part) >= ECHO_FRAGMENT_MIN and part not in fragments:
                    fragments.append(part)
    return labels, fragments


def echoed(text: str, prompts: Iterable[str]) -> str | None:
    """Why the text repeats its instructions (a prompt label opening a line, or a fixed
    prompt sentence), or None."""
    labels, fragments = prompt_fragments(prompts)
    for label in labels:
        if re.search(rf"(?:^|\n)\s*{re.escape(label)}\s*(?:（[^）\n]*）)?[：:]", text or ""):
            return f"输出中含有提示词：“{label}：”"
    flat = "".join((text or "").split())
    for fragment in fragments:
        if "".join(fragment.split()) in flat:
            return f"输出中含有提示词：“{fragment[:20]}”"
    return None


def meta_sentence(text: str) -> str | None:
    """Why the text talks about itself ("以上是…一节正文。"), or None."""
    m = META.search(text or "")
    if m is None:
        return None
    said = m.group().strip("。！？!?\n ")[:24]
    return f"输出中含有说明文字：“{said}”"


def drop_meta(text: str) -> tuple[str, list[str]]:
    """(the text without its sentences about itself, those sentences): a model that adds
    "以上是…一节正文。" after a good text loses that sentence, not the text."""
    kept, said = [], []
    for line in (text or "").split("\n"):
        parts = re.findall(r"[^。！？!?]+[。！？!?]*", line) or [line]
        keep = [p for p in parts if not META.search(p.strip())]
        said += [p.strip() for p in parts if META.search(p.strip())]
        if keep or not parts:
            kept.append("".join(keep))
        elif not line.strip():
            kept.append(line)
    return ("\n".join(kept).strip() if said else text), said


def placeholder_symbols(text: str) -> str | None:
    """Why the text holds a symbol where a figure stood ("×万元", "为XX%"), or None.
    【待补充：…】 is the honest placeholder and is never one of them."""
    found = list(dict.fromkeys(m.group().strip() for m in
                               PLACEHOLDER_SYMBOL.finditer(FILL_IN.sub("【】", text or ""))))
    if not found:
        return None
    return f"数字被占位符号代替：“{'”“'.join(found[:3])}”"


def guard(text: str, prompt_lines: Iterable[str] = (), *, ending: bool = True) -> list[Problem]:
    """Every reason the text cannot be shown as the model's clean work: a loop, a cut-off
    ending (unless `ending` is False: a caller that repairs endings itself), an echoed
    prompt line (`prompt_lines`: the prompt templates the model was given), a sentence
    about the text itself, a placeholder symbol where a figure stood. [] for a usable text."""
    found = [("loop", looping(text)), ("cut", truncated(text) if ending else None),
             ("echo", echoed(text, list(prompt_lines))), ("meta", meta_sentence(text)),
             ("placeholder", placeholder_symbols(text))]
    return [Problem(kind, message) for kind, message in found if message]


def defects(text: str, prompts: Iterable[str] = ()) -> list[str]:
    """The guard's problems as messages (the drafting wing's older call)."""
    return [p.message for p in guard(text, prompts)]
