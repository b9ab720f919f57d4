"""The drafting chain: facts -> derived figures -> exemplars (the same section kind in other
departments' reports) -> a draft (LLM, or a template with JIXIAO_LLM=none) -> verification.

With an LLM the prompt holds the list of allowed figures, the template draft as verified
key points, and masked exemplars; the model polishes, it never computes. After generation
every number of the text must be a given or a derived figure; any other is marked ⚠ and
listed in Draft.flags. A revision that loses a figure of the previous text is flagged too.

Generation is guarded: the local model gets a repeat penalty and stops at prompt labels; a
text that loops (cut off while streaming), ends mid-sentence or echoes the prompt
(check.defects), or for 问题/措施 drops points, or for a revision does not obey (revise.unmet),
is asked for once more and otherwise replaced: by the template for a fresh draft, by the
rule revision (or the unchanged text with a note why) for a revision. `verify` flags such
text too, so it is never shown as clean. 问题 and 措施 are built from the facts and the
report's own sentences (expand.py) before the model polishes them.

``DraftChain`` is a LangChain ``Runnable``::

    chain = DraftChain(store, llm_factory, backend)      # or DraftChain(llm=chat_model)
    chain.invoke({"kind": "部门整体收支情况", "facts": facts})          # -> Draft
    chain.invoke({"kind": kind, "facts": facts, "instruction": "更简洁一些", "previous": draft})
    for part in chain.stream(request, {"callbacks": [handler]}): ...  # str pieces, then the Draft
    chain.batch([request1, request2])

The config (callbacks, tags, metadata, run_name) reaches the chat model, which is called as
``llm.bind(max_tokens=…) | StrOutputParser()``. ``Drafter`` keeps the older call shape
(``draft``/``stream`` with positional kind and facts).

The chain is handed its parts, not the assistant: the store (exemplars from other reports,
the department's own report sentences; None drafts from the facts alone), a model factory
called when a draft needs the chat model (None: templates), and the backend's name for the
Draft.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable, RunnableConfig
from typing_extensions import TypedDict

from assistant.drafting import budget, check
from assistant.drafting.derived import Derived, derive
from assistant.drafting.exemplars import find_exemplars, masked
from assistant.drafting.expand import EXPANDED, report_sentences
from assistant.drafting.facts import normalise_facts
from assistant.drafting.from_store import ground_in_own_report
from assistant.drafting.revise import SHORTER, already_met, exact_by_rules, revise_by_rules, unmet
from assistant.drafting.sections import SECTION_KINDS, resolve_kind
from assistant.drafting.templates import template_text
from assistant.drafting.text import cn
from assistant.drafting.types import Draft, DraftFacts
from assistant.text.markers import TOP_HEADING_LINE
from assistant.text.output_guard import drop_meta, guard, repair_ending

if TYPE_CHECKING:
    from assistant.index.store import Store

log = logging.getLogger(__name__)

MATERIAL_CHARS = 450  # key points given to the model (the prompt stays under ~900 tokens)
EXPANDED_CHARS = 900  # 问题 and 措施 written out as paragraphs: every point is given
LIST_CHARS = 650  # a list of the department's own items up to this long is given whole;
# a longer one is kept as the template writes it (cut, the model would drop points)
EXEMPLAR_CHARS = 300  # all exemplars together
MAX_TOKENS = 300  # a section of ~400 characters; ~25 s on two idle CPU cores
UNVERIFIED = "（⚠未核实）"
LOOP_CHECK_CHARS = 40  # while streaming, look for a loop every this many characters
REPEAT_PENALTY = 1.1  # the local model's penalty on repeated tokens; a retry uses RETRY_PENALTY
RETRY_PENALTY = 1.3
PROMPT_NAMES = ("draft_system", "draft_user", "draft_revise")
FENCE = re.compile(r"^```\w*\s*|\s*```$")


class DraftInput(TypedDict, total=False):
    """What `DraftChain.invoke` takes. With `instruction` and `previous`, the previous text
    is revised; an instruction without a previous draft is applied to a fresh one."""

    kind: str  # a section kind or its heading (see sections.SECTION_KINDS)
    facts: DraftFacts
    instruction: str | None
    previous: Draft | None


class DraftChain(Runnable[DraftInput, Draft]):
    """Drafts one section kind for one department-year (see the module doc)."""

    def __init__(self, store: Store | None = None, llm_factory: Callable[[], Any] | None = None,
                 backend: str = "custom", *, llm=None, max_tokens: int = MAX_TOKENS) -> None:
        self.store = store
        self.llm_factory = llm_factory
        self.backend = backend.strip().lower()
        self._llm = llm  # a chat model that overrides the factory's (tests, scripts)
        self.max_tokens = max_tokens  # of a fresh draft; a revision gets room for its text

    def model(self, notes: list[str]):
        """The chat model, or None (templates). A backend that cannot be loaded falls
        back to templates with a note saying why."""
        if self._llm is not None:
            return self._llm
        if self.llm_factory is None:
            return None
        try:
            return self.llm_factory()
        except Exception as e:  # a missing model file: still draft, say so
            log.warning("LLM unavailable for drafting: %s", e)
            notes.append(f"大模型不可用（{e}），本稿为模板草稿。")
            return None

    # the Runnable interface --------------------------------------------------------------------
    def invoke(self, input: DraftInput, config: RunnableConfig | None = None,
               **kwargs: Any) -> Draft:
        result = None
        for part in self.stream(input, config, **kwargs):
            if isinstance(part, Draft):
                result = part
        assert result is not None
        return result

    def stream(self, input: DraftInput, config: RunnableConfig | None = None,
               **kwargs: Any) -> Iterator[str | Draft]:
        """Text deltas as the section is written, then the verified Draft."""
        yield from self._transform_stream_with_config(iter([input]), self._transform, config)

    def _transform(self, inputs: Iterator[DraftInput],
                   config: RunnableConfig) -> Iterator[str | Draft]:
        request: DraftInput = {}
        for item in inputs:  # the last input counts
            request = item
        yield from self._pieces(request["kind"], request["facts"], request.get("instruction"),
                                request.get("previous"), config)

    def draft(self, kind: str, facts: DraftFacts, instruction: str | None = None,
              previous: Draft | None = None, config: RunnableConfig | None = None) -> Draft:
        """The finished Draft (no streaming)."""
        return self.invoke(_request(kind, facts, instruction, previous), config)

    # the chain ------------------------------------------------------------------------------------
    def _pieces(self, kind: str, facts: DraftFacts, instruction: str | None,
                previous: Draft | None, config: RunnableConfig) -> Iterator[str | Draft]:
        started = time.monotonic()
        kind = resolve_kind(kind)
        facts = normalise_facts(facts)
        notes: list[str] = []
        facts, grounded = self.grounded(facts)
        if kind in grounded:
            notes.append(grounded[kind])
        derived = derive(facts)
        llm = self.model(notes)
        instruction = (instruction or "").strip() or None
        if instruction and previous is None:
            previous = self.invoke({"kind": kind, "facts": facts}, config)
        exemplars = (list(previous.exemplars) if previous is not None and previous.exemplars
                     else find_exemplars(self.store, kind, facts, chars=EXEMPLAR_CHARS))
        revisions = list(previous.revisions) if previous is not None else []
        base = template_text(kind, facts, derived, context=self.context(kind, facts))
        if instruction and previous is not None:
            old = strip_marks(previous.text)
            text, done = yield from self._revise(llm, kind, facts, derived, old, instruction, notes, config)
            if done:
                revisions.append(instruction)
        elif llm is not None:
            text = yield from self._fresh(llm, kind, facts, derived, base, exemplars, notes, config)
        else:
            text = ""
            for line in base.splitlines(keepends=True):
                text += line
                yield line
        draft = verify(kind, facts, derived, text, previous=previous if instruction else None)
        draft.exemplars = [{k: e[k] for k in ("file", "section", "quote")} for e in exemplars]
        draft.backend = "none" if llm is None else self.backend
        draft.notes = _unique(relevant(derived.warnings + facts.notes, draft.text) + notes + draft.notes)
        draft.revisions = revisions
        draft.seconds = round(time.monotonic() - started, 2)
        yield draft

    def _fresh(self, llm, kind: str, facts: DraftFacts, derived: Derived, base: str,
               exemplars: list[dict], notes: list[str], config: RunnableConfig):
        """A fresh draft with the model: the template as it is when the model could only
        invent (nothing to polish) or drop points (a list too long to give whole); else the
        model's polish when it keeps every point, the department's own statements and no
        phrase of another department's exemplar; else the template."""
        if nothing_to_polish(base):
            yield base  # the model would only invent what the facts lack
            notes.append("事实中没有本节的具体内容，草稿保留【待补充】项，未交给大模型编写（以免编造）。")
            return base
        if too_long_to_polish(kind, base):
            yield base  # the model would get a cut list and drop points
            notes.append(f"本节共{len(points_of(base))}条要点，逐条保留，未交给大模型润色（以免遗漏）。")
            return base
        messages = draft_messages(kind, facts, derived, base, exemplars)
        text = yield from self._attempts(
            llm, messages, self.tokens_for(kind, base), config, notes,
            accept=lambda t: (lost_points(kind, base, t) + own_items_missing(kind, facts, t)
                              + borrowed(t, exemplars, base)))
        if text is None:
            yield base
            notes.append("大模型生成的文字不可用，本稿为模板草稿（数字均已核验）。")
            return base
        if check.placeholders_in(base) and not check.placeholders_in(text):
            notes.append("事实中缺少本节需要的内容（" + "；".join(check.placeholders_in(base))
                         + "），草稿未标出，请补充。")
        return text

    def tokens_for(self, kind: str, base: str) -> int:
        """The token limit of a fresh draft, sized to the key points it polishes
        (budget.polish_tokens): at most `max_tokens` for prose, at most budget.MAX_TOKENS
        for 问题, 措施 and any list (the whole text must fit)."""
        whole = kind in EXPANDED or len(points_of(base)) >= 2
        cap = max(self.max_tokens, budget.MAX_TOKENS) if whole else self.max_tokens
        return budget.polish_tokens(cut(base, material_limit(kind, base)), cap)

    def grounded(self, facts: DraftFacts) -> tuple[DraftFacts, dict[str, str]]:
        """Facts from a file or the form, with the sections they leave empty filled from
        the department's own indexed report (from_store.ground_in_own_report)."""
        if self.store is None:
            return facts, {}
        try:
            return ground_in_own_report(self.store, facts)
        except Exception as e:  # an old or damaged index: draft from the facts alone
            log.warning("own report unavailable for drafting: %s", e)
            return facts, {}

    def context(self, kind: str, facts: DraftFacts) -> list[str]:
        """The department's own report text a section builds on (问题 and 措施 only): the
        sentences of the indexed report; none for a facts file."""
        if kind not in EXPANDED or not str(facts.source).startswith("store:") or self.store is None:
            return []
        try:
            return report_sentences(self.store, facts.source.split(":", 1)[1])
        except Exception as e:  # an old or damaged index: draft from the facts alone
            log.warning("report text unavailable for drafting: %s", e)
            return []

    def _revise(self, llm, kind: str, facts: DraftFacts, derived: Derived, old: str,
                instruction: str, notes: list[str], config: RunnableConfig):
        """(the revised text, whether the instruction was carried out): said at once when the
        text already meets it; by the model when its text is usable, obeys and keeps every
        given figure; else by rule; else the previous text unchanged, with a note why."""
        settled = already_met(instruction, old)
        if settled:
            yield old
            notes.append(settled)
            return old, False
        revision = revise_by_rules(old, instruction, facts, derived)
        if exact_by_rules(instruction) and revision.applied and not revision.notes:
            yield revision.text  # done exactly by rule: a model call adds only time
            notes.append("已按规则修改（未调用大模型）：" + "；".join(revision.applied) + "。")
            return revision.text, True
        if llm is not None:
            messages = revise_messages(kind, facts, derived, old, instruction)
            allowed, given = allowed_values(facts, derived), check.given_values(facts)
            text = yield from self._attempts(
                llm, messages, budget.revision_tokens(old, bool(SHORTER.search(instruction))),
                config, notes,
                accept=lambda t: unmet(instruction, old, t) + figures_kept(old, t, given, allowed))
            if text is not None:
                return text, True
        if llm is not None:
            notes.append("大模型的修改未被采用，" + ("已按规则修改：" + "；".join(revision.applied) + "。"
                                            if revision.applied else "保留原稿。"))
        yield revision.text
        # "未使用大模型…" is the rules' own excuse; with a model its rejection is the reason
        notes += [n for n in revision.notes if llm is None or not n.startswith("未使用大模型")]
        return revision.text, bool(revision.applied)

    def _attempts(self, llm, messages, max_tokens: int, config: RunnableConfig,
                  notes: list[str], accept=None):
        """The model's text when usable: no loop, no cut-off ending, no echoed prompt (and,
        for a revision, `accept(text)` finds nothing unmet). Two tries, the second with a
        stronger repeat penalty; None when both fail (the caller falls back)."""
        for attempt in range(2):
            options = generation_options(llm, max_tokens, retry=attempt > 0)
            raw = yield from self._generate(llm, messages, options, config)
            text, said = drop_meta(repair_ending(raw))  # the rest is judged on all it wrote
            found = guard(raw if not said else text, prompt_texts(), ending=False)
            problems = [str(p) for p in found] + [p for p in (check.truncated(text),) if p]
            problems += accept(text) if accept and not problems else []
            if not problems:
                if text.rstrip() != raw.rstrip() and not said:
                    notes.append("模型输出在句中截断，已删去不完整的末句。")
                if said:
                    notes.append("已删去模型附加的说明文字：" + "；".join(said))
                return text
            again = attempt == 0 and worth_retry(found)
            log.info("draft attempt %d rejected (retry: %s): %s", attempt + 1, again, problems)
            notes.append(f"第{cn(attempt + 1)}次生成未采用：{'；'.join(problems)}。")
            yield f"\n\n（{problems[0]}，{'重新生成' if again else '改用规则或模板'}…）\n\n"
            if not again:
                break
        return None

    def _generate(self, llm, messages, options: dict, config: RunnableConfig):
        """Stream the model's text; stop early once it loops. Returns the cleaned text."""
        pieces: list[str] = []
        checked = 0
        stream = (llm.bind(**options) | StrOutputParser()).stream(messages, config)
        try:
            for piece in stream:
                if not piece:
                    continue
                pieces.append(piece)
                yield piece
                size = sum(len(p) for p in pieces)
                if size - checked >= LOOP_CHECK_CHARS:
                    checked = size
                    if check.looping("".join(pieces)):
                        break  # closing the stream cancels the generation
        finally:
            stream.close()
        return clean_output("".join(pieces), messages)


def _request(kind: str, facts: DraftFacts, instruction: str | None,
             previous: Draft | None) -> DraftInput:
    return {"kind": kind, "facts": facts, "instruction": instruction, "previous": previous}


class Drafter:
    """The draft chain with the older call shape: ``draft(kind, facts, …)`` and
    ``stream(kind, facts, …)``. ``chain`` is the Runnable itself."""

    def __init__(self, store: Store | None = None, llm_factory: Callable[[], Any] | None = None,
                 backend: str = "custom", *, llm=None) -> None:
        self.chain = DraftChain(store, llm_factory, backend, llm=llm)

    @property
    def store(self):
        return self.chain.store

    @property
    def backend(self) -> str:
        return self.chain.backend

    def model(self, notes: list[str]):
        return self.chain.model(notes)

    def draft(self, kind: str, facts: DraftFacts, instruction: str | None = None,
              previous: Draft | None = None, config: RunnableConfig | None = None) -> Draft:
        """The finished Draft (no streaming)."""
        return self.chain.invoke(_request(kind, facts, instruction, previous), config)

    def stream(self, kind: str, facts: DraftFacts, instruction: str | None = None,
               previous: Draft | None = None,
               config: RunnableConfig | None = None) -> Iterator[str | Draft]:
        """Text deltas as the section is written, then the verified Draft. With
        `instruction` and `previous`, revises the previous text; an instruction without a
        previous draft is applied to a fresh one."""
        return self.chain.stream(_request(kind, facts, instruction, previous), config)


# prompts ------------------------------------------------------------------------------------------
def _year(facts: DraftFacts) -> str:
    return str(facts.year) if facts.year else ""


def figure_lines(text: str, facts: DraftFacts, derived: Derived) -> str:
    """The allowed figures a text states, one per line: given ones, then computed ones."""
    lines = []
    for used in check.facts_used(text, facts, derived):
        computed = str(used.get("source", "")).startswith("计算")
        if used["name"].startswith(("指标：", "项目：")):
            pass
        elif not (used["name"] in facts.figures or computed) or str(used.get("text")) not in text:
            continue  # statements are in the key points; a figure must be stated as written
        lines.append(f"- {used['name']}{'（计算）' if computed else ''}：{used.get('text') or ''}")
    return "\n".join(_unique(lines)) or "（无）"


def cut(text: str, limit: int) -> str:
    """The text up to `limit` characters, cut at a line or sentence end."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    end = max(head.rfind("\n"), head.rfind("。"), head.rfind("；"))
    return (head[: end + 1] if end > limit // 3 else head).rstrip() + "……"


def draft_messages(kind: str, facts: DraftFacts, derived: Derived, base: str,
                   exemplars: list[dict]) -> list[tuple[str, str]]:
    from assistant.prompts import render

    materials = cut(base, material_limit(kind, base))
    shown = "\n".join(f"范文{cn(i)}：{masked(e['text'])}" for i, e in enumerate(exemplars, 1)) or "（无）"
    user = render("draft_user", department=facts.department, year=_year(facts),
                  section=SECTION_KINDS[kind].heading, figures=figure_lines(materials, facts, derived),
                  materials=materials, exemplars=shown)
    return [("system", render("draft_system")), ("human", user)]


def revise_messages(kind: str, facts: DraftFacts, derived: Derived, previous: str,
                    instruction: str) -> list[tuple[str, str]]:
    from assistant.prompts import render

    user = render("draft_revise", department=facts.department, year=_year(facts),
                  section=SECTION_KINDS[kind].heading, previous=previous, instruction=instruction,
                  figures=figure_lines(previous, facts, derived))
    return [("system", render("draft_system")), ("human", user)]


def prompt_texts() -> list[str]:
    """The drafting prompt templates, whose lines a draft must not repeat."""
    from assistant.prompts import load_template

    return [load_template(name) for name in PROMPT_NAMES]


def stop_sequences() -> list[str]:
    """Where the model is stopped: when it starts writing a prompt label (修改要求：, 可用数字…)
    or a chat end marker."""
    labels, _ = check.prompt_fragments(prompt_texts())
    stops = [f"\n{label}：" for label in labels] + [f"{label}：" for label in labels if len(label) >= 4]
    return stops + ["<|im_end|>", "<|endoftext|>"]


RETRY_KINDS = ("loop", "echo", "meta", "placeholder")


def worth_retry(found) -> bool:
    """Whether a second generation may cure what the guard found: a loop, an echoed prompt,
    a sentence about itself or a placeholder symbol are accidents of sampling that a stronger
    repeat penalty and some temperature often avoid. A text cut at the token limit, or one
    that drops points, the department's own items, borrows a phrase or disobeys a revision,
    fails the same way again: the rule revision or the template is used at once (each retry
    costs a whole generation)."""
    return any(p.kind in RETRY_KINDS for p in found)


def generation_options(llm, max_tokens: int, retry: bool = False) -> dict:
    """What the chat model is bound with: the token limit, stop sequences, and for the local
    model a repeat penalty (stronger, with some temperature, on a retry)."""
    from assistant.models.llm import LocalGGUFChat

    options: dict = {"max_tokens": max_tokens, "stop": stop_sequences()}
    if isinstance(llm, LocalGGUFChat):
        options["repeat_penalty"] = RETRY_PENALTY if retry else REPEAT_PENALTY
    if retry:
        options["temperature"] = 0.5
    return options


def nothing_to_polish(base: str) -> bool:
    """Whether a template draft is only a frame: every point is a placeholder (with at most
    a short label such as "信息公开方面："), and nothing after the points states a figure."""
    from assistant.drafting.text import parse

    body = parse(base)
    frame = [re.sub(r"^[^：:。]{0,12}[：:]", "", check.PLACEHOLDER.sub("", p)).strip("。；，、 ")
             for p in body.points]
    return bool(body.points) and not any(frame) and not check.numbers_in("\n".join(body.tail))


def points_of(base: str) -> list[str]:
    """The points of a template draft that are not bare placeholders (a list to keep whole)."""
    from assistant.drafting.text import parse

    return [p for p in parse(base).points if check.PLACEHOLDER.sub("", p).strip("：:。；， ")]


def material_limit(kind: str, base: str) -> int:
    """How much of the template draft the model is given: all of 问题 and 措施 (up to
    EXPANDED_CHARS) and of a list (up to LIST_CHARS), so that no point is cut away;
    MATERIAL_CHARS of prose."""
    if kind in EXPANDED:
        return EXPANDED_CHARS
    return LIST_CHARS if len(points_of(base)) >= 2 else MATERIAL_CHARS


def too_long_to_polish(kind: str, base: str) -> bool:
    """A list longer than the model may be given: it would be cut, and points lost."""
    return kind not in EXPANDED and len(points_of(base)) >= 2 and len(base) > LIST_CHARS


def lost_points(kind: str, base: str, text: str) -> list[str]:
    """The model's polish must keep every point: of 问题 and 措施, and of any list of the
    department's own items (duties, tasks, goals, achievements)."""
    from assistant.drafting.text import parse

    if kind not in EXPANDED and len(points_of(base)) < 2:
        return []
    want, got = len(parse(base).points), len(parse(text).points)
    return [f"润色稿只有{got}点，原有{want}点"] if got < want else []


KEPT_SHARE = 0.5  # an own item is kept when this share of its character pairs is in the draft


def _pairs(text: str) -> set[str]:
    flat = re.sub(r"[\s，。；;：:、“”（）()]", "", text)
    return {flat[i:i + 2] for i in range(len(flat) - 1)}


def own_items_missing(kind: str, facts: DraftFacts, text: str) -> list[str]:
    """The department's own statements of this kind (its duties, goals, tasks, results, from
    its report) that the model's text no longer carries: less than KEPT_SHARE of an item's
    character pairs are in the text (a polish keeps the words; an invented text does not)."""
    have = _pairs(text)
    missing = []
    for item in facts.statements.get(kind, []):
        pairs = _pairs(item)
        if len(pairs) >= 6 and len(pairs & have) < KEPT_SHARE * len(pairs):
            missing.append(f"润色稿遗漏了本部门报告中的内容：“{' '.join(item.split())[:20]}…”")
    return missing[:3]


BORROW_MIN = 14  # a run this long of another department's exemplar is a borrowed phrase


def borrowed(text: str, exemplars: list[dict], base: str) -> list[str]:
    """Phrases the draft copies from another department's exemplar (style only, never a
    phrase): a run of BORROW_MIN characters or more of an exemplar, figures masked, that
    the department's own material does not hold."""
    flat = re.sub(r"\s", "", text)
    own = re.sub(r"\s", "", base)
    found: list[str] = []
    for e in exemplars:
        source = re.sub(r"\s", "", masked(str(e.get("text") or "")))
        for start in range(0, max(len(source) - BORROW_MIN + 1, 0)):
            run = source[start:start + BORROW_MIN]
            if "×" in run or run in own or run not in flat:
                continue
            found.append(f"照抄了其他部门范文的句子：“{run}…”")
            break
    return found


def clean_output(text: str, messages=None) -> str:
    """The model's text without code fences, a repeated heading or blank lines."""
    text = FENCE.sub("", text.strip())
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    while lines and (lines[0].startswith("#") or TOP_HEADING_LINE.match(lines[0])
                     or any(lines[0].strip("“”\"《》：:") == k.heading for k in SECTION_KINDS.values())):
        lines.pop(0)
    return "\n".join(x.lstrip("#").strip() for x in lines)


# verification -------------------------------------------------------------------------------------
def strip_marks(text: str) -> str:
    return text.replace(UNVERIFIED, "")


def allowed_values(facts: DraftFacts, derived: Derived) -> set[Decimal]:
    return check.given_values(facts) | check.derived_values(derived)


def verify(kind: str, facts: DraftFacts, derived: Derived, text: str,
           previous: Draft | None = None) -> Draft:
    """A Draft of the text with every unsupported number flagged and marked."""
    text = strip_marks(text).strip()
    allowed = allowed_values(facts, derived)
    bad = check.unsupported(text, allowed)
    flags = [f"数字“{raw}”不在给定或计算得出的事实中" for raw in bad]
    flags += check.mislabelled(without_statements(text, facts), facts, check.derived_values(derived))
    flags += check.defects(text, prompt_texts())
    if previous is not None:
        lost = check.dropped_figures(strip_marks(previous.text), text, check.given_values(facts))
        flags += [f"修改后缺少原稿中的数字“{raw}”（事实应保持不变）" for raw in lost]
    marked = check.mark(text, bad) if bad else text
    stated = {v.normalize() for _, v in check.numbers_in(check.PLACEHOLDER.sub(" ", text))}
    used_derived = [d for d in derived.items if Decimal(str(d["value"])).normalize() in stated]
    return Draft(kind=kind, department=facts.department, year=facts.year, text=marked,
                 facts_used=check.facts_used(text, facts, derived),
                 placeholders=check.placeholders_in(text), flags=flags, derived=used_derived)


def figures_kept(old: str, new: str, given: set[Decimal], allowed: set[Decimal]) -> list[str]:
    """How a revision fails the figures: a given figure of the previous text gone or changed,
    or a number that is neither given nor derived. Derived figures may be dropped."""
    problems = [f"修改稿缺少原稿中的数字“{raw}”" for raw in check.dropped_figures(old, new, given)]
    before = {raw for raw, _ in check.numbers_in(old)}
    problems += [f"修改稿中的数字“{raw}”不在事实中" for raw in check.unsupported(new, allowed)
                 if raw not in before]
    return problems


def without_statements(text: str, facts: DraftFacts) -> str:
    """The text with the report's own statements blanked (their words label their figures
    as the report does; only what the draft writes around them is judged)."""
    for items in facts.statements.values():
        for item in items:
            flat = " ".join(str(item).split()).rstrip("。；;，,")
            if len(flat) >= 6 and flat in text:
                text = text.replace(flat, " " * len(flat))
    return text


def relevant(warnings: list[str], text: str) -> list[str]:
    """The consistency warnings about figures the text states."""
    stated = {v.normalize() for _, v in check.numbers_in(text)}
    return [w for w in warnings if stated & {v.normalize() for _, v in check.numbers_in(w)}]


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out
