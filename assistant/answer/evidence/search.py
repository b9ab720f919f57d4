"""The evidence stage after a decline: no "not given" of the facts is final until the asked
report's own text has been searched.

When the facts (or the statements search) decline a question about named reports, the
report's sentences — the chunks that retrieval restricted to that report ranks first, then the
rest of its text — are tested against the asked item. A sentence *covers* the item when every
content word of it stands in the sentence, its heading or the report's title (a metric word
may be any term of the same metric), except words so common in that report that they cannot
tell its passages apart (项目, 指标, 自评 in a report about projects and indicators), and, for a
figure question, the sentence states a figure of the asked kind. A word that the report's text
never contains means the report does not hold the item: the decline stands, and it names the
part of the report nearest to the question (without figures, which a decline never shows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.answer.evidence.passages import Sentence, rank_sentences, report_sentences
from assistant.answer.evidence.rows import row_leads, row_units, with_unit
from assistant.answer.evidence.statements import asked_items, has_figure, head_gap
from assistant.answer.understand.items import ASKED_KIND, Asked
from assistant.answer.understand.types import Intent
from assistant.facts.vocabulary import CLASS_WORDS, ITEM_WORDS, TARGET_AFTER, TARGET_BEFORE
from assistant.text.doc_fields import project_report
from assistant.text.guard import looks_like_instruction
from assistant.text.markers import BLOCK_START
from assistant.text.negation import says_not
from assistant.text.numbers import STATES_FIGURE, YEAR_IN_TEXT

CANDIDATES = 400  # best-ranked sentences tested against the asked item
LEAD_REACH = 3  # sentences after a list item's lead that it still governs
LEAD_CHARS = 60
COUNT_REACH = 8  # characters before the head in which a count of it stands
HEAD_REACH = 40  # characters after the asked item's head in which its figure stands  # a lead longer than this is a sentence of its own

COMMON_SHARE = 0.06  # a word in this share of a report's sentences says nothing about which one
COMMON_COUNT = 5  # (and in at least this many of them)
NAME_CHARS = 4  # modifiers this long, written together, are a name (see `written_name`)
SENTENCES = "\x00sentences"  # the key of word_frequency's count of sentences
# words of a question's phrasing that the tokenizer keeps as words (not what is asked about)
PHRASING = frozenset(("哪几", "哪几个", "中有", "具有", "里写", "写的", "其中", "之中", "当中", "对应",
                      "所写", "写明", "实际上", "到底", "究竟", "自评", "是否", "能否", "可以",
                      "那边", "这边", "那个", "这个", "那些", "这些", "他们", "咱们", "我们", "你们",
                      # the period asked, which the report's year already answers (its year is
                      # the asked reports'), not a word of the item
                      "去年", "今年", "本年", "当年", "本年度", "全年度"))
FILLER_TAGS = frozenset("fdrupc")  # locative, adverb, pronoun, particle, preposition, conjunction
GLUED = frozenset("用把给在对于的了中有是和与及从向为被将")  # function characters jieba may glue on
# the role a figure's name ends with: a budget, what was spent, received or carried over
ROLES = ("预算", "预算数", "支出", "执行数", "收入", "结余", "结转")
COUNT_DIGITS = "一二两三四五六七八九十百千"
COUNT_UNITS = "台个人名项次家所辆件场户处条篇套间座张本批期"
COUNT_ASK = re.compile(rf"(?:多少|几)[{COUNT_UNITS}分]")
NAME_HEAD = re.compile(r"^(项目|专项|经费|资金|工程)(.{2,})$")  # 项目|支出
HAN = re.compile(r"[\u4e00-\u9fff]")
# the words that ask whether a target was met (达到目标没有), not what the target is of
TARGET_PHRASING = frozenset(("达到", "目标", "达到目标", "完成", "实现", "达标", "没有", "是否", "有没有",
                             "完成目标", "实现目标"))
FIGURE_AT = re.compile(r"(?<![\d.])\d[\d,，]*(?:\.\d+)?(?![\d.]|\s*年)")
CLAUSE_END = re.compile(r"[，,；;：:。]")
UNIT_AFTER = re.compile(r"^\s*[%％万亿千元个人项次分户座台辆公里平方米]*")
QUOTES = re.compile(r"[“”\"'‘’「」『』《》\s]")
# the items the vocabulary names (人员经费, 公务接待费): written whole, each word of them counts
KNOWN_ITEMS = frozenset((*CLASS_WORDS, *ITEM_WORDS))


@dataclass(frozen=True)
class Cover:
    """How one sentence stands to the asked items: the words it lacks, and whether the
    report's text lacks any of them altogether."""

    sentence: Sentence
    lacking: tuple[str, ...]
    absent: tuple[str, ...]  # lacking words that no sentence of the report holds


def item_words(asked: Asked) -> tuple[str, ...]:
    """The asked item's words, the widest only (预算执行率, not also 预算 and 执行); a metric
    word that opens with the generic head of a project's name written just before it
    (…升级项目支出: 项目支出) counts by its own part (支出)."""
    words = [_own_part(w, asked.phrase) for w in asked.words if w not in PHRASING]
    return tuple(dict.fromkeys(w for w in words if not any(w != o and w in o for o in words)))


def _own_part(word: str, phrase: str) -> str:
    m = NAME_HEAD.match(word)
    at = phrase.find(word)
    if m and at > 0 and HAN.match(phrase[at - 1]):
        return m.group(2)
    return word


def artefacts(asked: Asked, text: str) -> set[str]:
    """Words of the asked item that the tokenizer glued to a function character of the
    question (用安可 of 用安可替代…, 台安 of 多少台安可电脑): the report never writes them, but
    without the glued character (a measure word after 多少/几, or a preposition or particle)
    the rest is the report's. A word the report never writes otherwise (硕士, 离休) is no
    artefact: the report lacks it."""
    phrase = _flat(asked.phrase)
    counts = {m.end() - 1 for m in COUNT_ASK.finditer(phrase)}  # where a measure word stands
    out: set[str] = set()
    for w in item_words(asked):
        if w in text or any(t in text for t in asked.metric_words.get(w, ())):
            continue
        at = phrase.find(w)
        if at in counts or COUNT_ASK.fullmatch(w):  # 几场 is the count asked, not the item
            out.add(w)
        elif len(w) >= 3 and ((w[0] in GLUED and w[1:] in text) or (w[-1] in GLUED and w[:-1] in text)):
            out.add(w)
    return out


def askers_words(asked: Asked, text: str) -> set[str]:
    """Words of the asker's own phrasing that the report never writes: a locative, pronoun or
    adverb (下面, 那块), or a verb used as the predicate (搞出了, 买了几台: not followed by a
    noun) when at least two of the item's words remain, beside the item's head. A noun, or a
    verb that modifies the noun after it (维修资金), the report lacks is never one: without it
    the item is another (硕士, 离休人员, 维修资金)."""
    words = item_words(asked)
    if len(words) < 2:
        return set()
    tags = word_tags(_flat(asked.phrase))
    absent = [w for w in words[:-1] if w not in text and w not in asked.metric_words]
    out = {w for w in absent if tags.get(w, "n") in FILLER_TAGS}
    verbs = {w for w in absent if tags.get(w, "n") == "v"}
    if len(words) - len(out) - len(verbs) >= 2:
        out |= verbs
    return out


def word_tags(phrase: str) -> dict[str, str]:
    """The part of speech of each word of a phrase, by jieba's first letter (v: verb, f:
    locative …); a verb followed by a noun modifies it and is tagged "m" (a modifier) here."""
    import jieba.posseg  # loaded on the first decline that needs it (~2 s)

    cut = [(w.word, w.flag[:1]) for w in jieba.posseg.cut(phrase)]
    out: dict[str, str] = {}
    for i, (word, flag) in enumerate(cut):
        after = cut[i + 1][1] if i + 1 < len(cut) else ""
        out[word] = "m" if flag == "v" and after == "n" else flag
    return out


def _flat(text: str) -> str:
    return QUOTES.sub("", text)


def _holds(word: str, asked: Asked, text: str) -> bool:
    """Whether the text holds the word, or (for a metric word) another term of the same
    metric (完成率 for 执行率)."""
    return word in text or any(t in text for t in asked.metric_words.get(word, ())) \
        or says_not(word, text)


def cover(items: Sequence[Asked], sentence: Sentence, context: str,
          frequency: dict[str, float], skip: frozenset[str] = frozenset(),
          named: frozenset[str] = frozenset()) -> Cover:
    """The asked words a sentence lacks (beyond the report's common words); `context` is the
    report's title and the sentence's heading path, which say what the sentence is about;
    `named`: words of a name the report writes whole, which no sentence about the item leaves
    unsaid however common each is in the report (see `written_name`)."""
    text = _flat(sentence.text) + " " + _flat(sentence.section) + " " + _flat(context)
    lacking: list[str] = []
    absent: list[str] = []
    for asked in items:
        words = item_words(asked)
        for w in words:
            if w in skip or _holds(w, asked, text):
                continue
            share = frequency.get(w, 0.0)
            # a modifier common to the whole report may go unsaid; the head (the word the
            # item ends with: what is asked) and a metric word may not
            if share >= COMMON_SHARE and share * len_of(frequency) >= COMMON_COUNT \
                    and w not in asked.metric_words and w != words[-1] and w not in named:
                continue  # a word of the report's every page (项目, 指标), not a metric
            lacking.append(w)
            if share == 0.0:
                absent.append(w)
    return Cover(sentence, tuple(lacking), tuple(absent))


def written_name(asked: Asked, whole: str) -> frozenset[str]:
    """The modifiers of the asked item when the question and the report both write them
    together as one name (人工影响天气作业 of 人工影响天气作业项目支出, in a weather bureau's
    report where each of those words is common): a sentence about the item names it, so one
    with only the item's head (the whole department's 项目支出) is another item's."""
    words = item_words(asked)
    modifiers = [w for w in words[:-1] if w not in asked.metric_words]
    if modifiers and "".join(words) in KNOWN_ITEMS:
        return frozenset(modifiers)  # 人员|经费: one item of the vocabulary, never 经费 alone
    joined = "".join(modifiers)
    if len(modifiers) < 2 or len(joined) < NAME_CHARS or joined not in _flat(asked.phrase):
        return frozenset()
    return frozenset(modifiers) if joined in whole else frozenset()


def word_frequency(items: Sequence[Asked], sentences: Sequence[Sentence],
                   context: str) -> dict[str, float]:
    """The share of the report's sentences that hold each asked word (1.0 for a word of its
    title or one held by a synonym in it)."""
    texts = [_flat(s.text) + " " + _flat(s.section) for s in sentences]
    out: dict[str, float] = {}
    for asked in items:
        for w in item_words(asked):
            if w in _flat(context):
                out[w] = 1.0
                continue
            held = sum(1 for t in texts if _holds(w, asked, t))
            out[w] = held / len(texts) if texts else 0.0
    out[SENTENCES] = float(len(texts))
    return out


def len_of(frequency: dict[str, float]) -> float:
    return frequency.get(SENTENCES, 0.0)


def _figure_of(items: Sequence[Asked], text: str, figure: bool) -> bool:
    """Whether the text states a figure of the asked kind beside the asked item's head (the
    last word of a Chinese noun phrase: 人员经费 in 基本支出中人员经费). A metric head must
    stand in the sentence itself (a heading "项目支出情况" does not make a project's figure
    the 项目支出); another head (电脑, 编码) may stand in the heading or the item's lead."""
    if not figure:
        return True
    flat = BLOCK_START.sub("", _flat(text))  # a list marker (3.) is no figure
    for asked in items:
        for number in re.findall(r"\d+", asked.phrase):  # nor a number of the name (12345热线)
            flat = flat.replace(number, "")
        words = item_words(asked)
        head = words[-1] if words else ""
        at = [m.end() for m in re.finditer(re.escape(head), flat)] if head else []
        at += [m.end() for t in asked.metric_words.get(head, ()) if _same_role(head, t)
               for m in re.finditer(re.escape(t), flat)]
        own = [a for a in at if not _other_kind(head, flat, a, asked.kind)]
        if (not at and head in asked.metric_words) or (at and not own):
            return False
        at = own
        # a count stands before its noun (13台安可电脑), other figures after their item
        windows = [flat[max(0, a - len(head) - COUNT_REACH):a + HEAD_REACH] for a in at] or [flat]
        count = COUNT_ASK.search(_flat(asked.phrase))
        # the kind of figure the item's head names (预算编码 is no amount, though 预算 is)
        kind = asked.kind if head in asked.metric_words or _word_kind(head) == asked.kind else ""
        if count:
            # 个 is the general classifier: a count asked with it may be written with another
            unit = count.group(0)[-1]
            unit = f"[{COUNT_UNITS}]" if unit == "个" else unit
            pattern = re.compile(rf"[\d０-９{COUNT_DIGITS}]+(?:\.\d+)?\s*{unit}")
            ok = any(pattern.search(w) for w in windows)
        else:
            ok = any(_states(w, kind) for w in windows)
        if not ok:
            return False
    return True


def _other_kind(head: str, text: str, at: int, kind: str) -> bool:
    """Whether the head, where it stands (ending at `at`), runs on into the name of a figure
    of another kind than the asked one: 执行 of 执行率91.07% when an amount is asked."""
    if not kind or _word_kind(head):  # a head that names a kind itself (控制率) is read as it is
        return False
    longer = _word_kind(head + text[at:at + 1])
    return bool(longer) and longer != kind


def _role(term: str) -> str:
    return next((r for r in ROLES if term.endswith(r)), "")


def _same_role(head: str, term: str) -> bool:
    """Whether a term of the head's metric names the same role of it: 政府采购实际支出 is no
    政府采购预算 (an actual figure for a budget), though both are 政府采购's."""
    a, b = _role(head), _role(term)
    return not a or not b or a == b


def _word_kind(word: str) -> str:
    """The kind of figure a word itself names (满意度: a rate, 经费: money), or ""."""
    return next((kind for pattern, kind in ASKED_KIND if pattern.search(word)), "")


def _states(text: str, kind: str) -> bool:
    return has_figure(text, kind) if kind else bool(STATES_FIGURE.search(text))


@dataclass(frozen=True)
class Search:
    """The report's text searched for the asked items: the sentences that cover them (one
    per item found), the sentence nearest to the question, and the asked words the report
    never writes."""

    found: tuple[Sentence, ...]
    nearest: Sentence | None
    absent: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()  # labels of the asked items no sentence covers


def search(store, query, report_id: str, retrieved: Sequence[Sentence], topic: str,
           figure: bool, must: Sequence[str] = ()) -> Search:
    """The report's own text searched for what `query` asks (see the module doc).
    `retrieved`: the sentences of the chunks retrieval ranked first for this report."""
    items = asked_items(query)
    if query.intent == Intent.TARGET:  # 达到目标没有: the item's figures are sought, not those words
        items = [replace(a, words=tuple(w for w in a.words if w not in TARGET_PHRASING)) for a in items]
        figure = True
    if not items:
        return Search((), None)
    report = store.report(report_id)
    title = f"{(report.title or '') if report else ''} {sole_project(store, report_id)}"
    every = [s for s in report_sentences(store, report_id) if not looks_like_instruction(s.text)]
    if must:  # another year's figure: only sentences that name that year
        every = [s for s in every if any(m in s.text for m in must)]
    seen = {(s.start, s.end) for s in retrieved}
    pool = [s for s in retrieved if s.report_id == report_id and not looks_like_instruction(s.text)
            and (not must or any(m in s.text for m in must))]
    pool += [Sentence(**{**s.__dict__, "rank": len(retrieved) + 1})
             for s in every if (s.start, s.end) not in seen]
    ranked = rank_sentences(topic, pool)
    # the rest of the text too: a sentence the tokenizer cuts otherwise (5个股室: 个股|室)
    # shares no word with the question, yet may hold every asked word
    scored = {(s.start, s.end) for s in ranked}
    ranked += [s for s in pool if (s.start, s.end) not in scored]
    raw = store.report_text(report_id) or ""
    leads = {**item_leads(every), **row_leads(every, raw)}
    units = row_units(every, raw)
    found: list[Sentence] = []
    missed: list[str] = []
    absent: list[str] = []
    whole = _flat(raw)
    for asked in items:
        frequency = word_frequency([asked], every if not must else report_sentences(store, report_id),
                                   title)
        skip = frozenset(artefacts(asked, whole) | askers_words(asked, whole))
        named = written_name(asked, whole)
        passing = [s for s in ranked[:CANDIDATES] if _figure_of([asked], with_unit(s, units), figure)
                   and not cover([asked], s, f"{title} {_lead_text(leads, s)}",
                                 frequency, skip, named).lacking]
        # a sentence of the asked year (or of none), that writes most of the asked words
        # itself, whose figure stands nearest after the item's head, then the best ranked
        goal = "目标" in asked.phrase and query.intent != Intent.TARGET  # the target is asked
        hit = max(passing, key=lambda s: (not other_year(s.text, query.years),
                                          goal_only(s.text) == goal,
                                          sum(w in _flat(s.text) for w in item_words(asked)),
                                          -min(head_gap(asked, s.text), HEAD_REACH)),
                  default=None)
        if hit is None:
            missed.append(asked.label)
            absent += [w for w in item_words(asked)
                       if frequency.get(w, 0.0) == 0.0 and w not in skip]
        else:
            lead = leads.get((hit.start, hit.end))
            if lead is not None and cover([asked], hit, title, frequency, skip).lacking:
                found.append(lead)  # the item's lead names what the figure is of
            found.append(hit)
    found = list(dict.fromkeys(found))
    return Search(tuple(found), ranked[0] if ranked else None, tuple(absent), tuple(missed))


def goal_only(text: str) -> bool:
    """Whether every figure of the sentence is a target (不低于90%, 目标为…, 95%的目标): a
    sentence that states no actual figure of the item."""
    figures = list(FIGURE_AT.finditer(text))
    for m in figures:
        clause = CLAUSE_END.split(text[:m.start()])[-1]
        after = UNIT_AFTER.sub("", text[m.end():])
        if not (TARGET_BEFORE.search(clause) or TARGET_AFTER.match(after)):
            return False
    return bool(figures)


def other_year(text: str, years) -> bool:
    """Whether the sentence's first figure is of a year other than the asked ones: the years
    named before it are all others (a 2022年度执行数 cell when 2023 is asked; not "…为88.7%，比
    2022年的86.9%提高…", whose own figure comes first)."""
    first = FIGURE_AT.search(text)
    before = text[:first.start()] if first else text
    named = {int(y) for y in YEAR_IN_TEXT.findall(before)}
    return bool(named) and bool(years) and not named & set(years)


def item_leads(sentences: Sequence[Sentence]) -> dict[tuple[int, int], Sentence]:
    """The lead of the list item each sentence stands in ("3. 某某项目。" governs the next
    sentences of its item: "全年预算…，执行…"), by the sentence's span."""
    out: dict[tuple[int, int], Sentence] = {}
    lead: Sentence | None = None
    since = 0
    for s in sentences:
        if BLOCK_START.match(s.text):
            lead = s if len(s.text) <= LEAD_CHARS else None
            since = 0
            continue
        since += 1
        if lead is not None and since <= LEAD_REACH and s.section == lead.section:
            out[(s.start, s.end)] = lead
    return out


def _lead_text(leads: dict[tuple[int, int], Sentence], s: Sentence) -> str:
    lead = leads.get((s.start, s.end))
    return lead.text if lead is not None else ""


def sole_project(store, report_id: str) -> str:
    """The project a report is about when its title makes it a project's self-evaluation and
    its facts name exactly one project: its every sentence is about that project. (A
    department's report whose facts name one project is about the department, not that
    project: its 项目支出 is no figure of the project.)"""
    report = store.report(report_id)
    if report is None or not project_report(report.title or ""):
        return ""
    projects = {f.subject for f in store.facts(report_id) if f.scope == "project" and f.subject}
    return next(iter(projects)) if len(projects) == 1 else ""
