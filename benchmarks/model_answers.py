"""Model answers under the guard: asks questions of the shared sets with the configured LLM
(default: the local model) and counts, per answer the model wrote, what the output guard
(assistant/text/output_guard.py via answer/guarded.py) and the claims check (answer/claims.py)
flagged: a loop, an echoed instruction, a sentence about itself, a cut-off ending, a
placeholder symbol, a sentence or figure of the wrong department. Then what must never happen,
judged again here on the text shown:

* `defect_shown_unflagged` – the shown text (when it is the model's) still fails the guard;
* `wrong_department_shown_unflagged` – a shown sentence names a department whose passages it
  does not rest on: the passages it cites ([n], read from the prompt the model got) are all of
  other departments, or none of the answer's citations is of that department, or one of its
  figures is in none of that department's passages; and the sentence carries no ⚠ note.
  This check is independent of claims.py (it reads the prompt, not the chain's state).

Questions are drawn round-robin from dev.jsonl, reports-dev, linjiang and yunzhou, the kinds a
model answers first (text, list, unanswerable, then the rest), then the same from their
paraphrases (benchmarks/paraphrases); questions answered from the facts table (no model call)
are skipped and do not count towards N. Only the sentences the model wrote are judged for a
wrong department (a multi-part answer also shows parts the facts answered).

Usage: python benchmarks/model_answers.py [-n 100] [--minutes 30] [--out FILE]
Needs a data dir holding the four sets' reports (JIXIAO_DATA_DIR). Writes
benchmarks/results/model_answers-<time>.json (summary and one row per answer).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from itertools import zip_longest
from pathlib import Path
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.ingest.aliases import names_of  # noqa: E402
from assistant.text.output_guard import guard  # noqa: E402

EVAL = Path(os.environ.get("JIXIAO_EVAL_DIR", "/work/shared/eval"))
SETS = {"dev": "dev.jsonl", "reports-dev": "reports-dev/questions.jsonl",
        "linjiang": "fictional-dev/linjiang/questions.jsonl",
        "yunzhou": "fictional-dev/yunzhou/questions.jsonl"}
# the paraphrases of the same questions (benchmarks/paraphrases, written without looking at answers):
# asked after the originals, since most original questions are answered from the facts with no model
PARAPHRASES = {f"{name}-para": Path(__file__).resolve().parent / "paraphrases" / f"{name}.jsonl"
               for name in SETS}
MODEL_KINDS = ("text", "list", "unanswerable")  # asked first: the kinds the model answers
RESULTS = Path(__file__).resolve().parent / "results"

# what the chain's flags say, by defect kind (the guard's and the claims check's messages)
FLAG_KINDS = (
    ("loop", "文字循环重复"), ("cut", "结尾不完整"), ("cut", "输出为空"), ("echo", "输出中含有提示词"),
    ("meta", "输出中含有说明文字"), ("meta", "已删去模型回答中的说明文字"),
    ("placeholder", "数字被占位符号代替"), ("wrong_department", "未在所述部门的报告中找到依据"),
    ("wrong_department_figure", "与回答所说的部门或项目不符"),
    ("unsupported_figure", "未在引用原文中找到"), ("qualifier_restored", "恢复数字的限定词"))
FALLBACK = "模型回答未采用"
PASSAGE = re.compile(r"^\[(\d+)\]\s*（(?P<label>[^｜]*)｜[^）]*）(?P<text>.*)$", re.M)
SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*(?:\s*\[\d+\])*")
MARK = re.compile(r"\[(\d+)\]")
FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?=年)")  # a year names a period, it is no figure of the report
WARNED = "⚠"


class ModelLog(BaseCallbackHandler):
    """The prompt and the streamed text of each chat-model call of one question."""

    def __init__(self) -> None:
        self.prompts: list[str] = []
        self.texts: list[str] = []

    def on_chat_model_start(self, serialized, messages, **kwargs: Any) -> None:
        flat = [m for batch in messages for m in batch]
        self.prompts.append("\n".join(str(m.content) for m in flat))
        self.texts.append("")

    def on_llm_new_token(self, token: str, **kwargs: Any) -> None:
        if self.texts:
            self.texts[-1] += token


def questions(limit_per_set: int = 0, paraphrases: bool = True) -> list[dict]:
    """The sets' questions, the model's kinds first, round-robin across the sets; then the same
    for their paraphrases."""
    files = [{name: EVAL / rel for name, rel in SETS.items()}]
    if paraphrases:
        files.append({name: path for name, path in PARAPHRASES.items() if path.exists()})
    ordered = []
    for group_files in files:
        per_set = []
        for name, path in group_files.items():
            rows = [dict(json.loads(line), set=name) for line in path.read_text("utf-8").splitlines()
                    if line.strip()]
            rows.sort(key=lambda r: r.get("kind") not in MODEL_KINDS)  # stable: the file's order within
            per_set.append(rows[:limit_per_set] if limit_per_set else rows)
        ordered += [q for group in zip_longest(*per_set) for q in group if q is not None]
    return ordered


def flagged_kinds(flags: list[str]) -> list[str]:
    """The defect kinds the chain's flags name."""
    return sorted({kind for flag in flags for kind, words in FLAG_KINDS if words in flag})


def department_of_label(label: str) -> str:
    """The department of a passage label "<department><year>年" (the chain's report label)."""
    return re.sub(r"(?:\d{4})?年$", "", label.strip())


def passages_of(prompt: str) -> dict[int, tuple[str, str]]:
    """[n] -> (department, text) of the numbered passages a prompt gave the model."""
    return {int(m.group(1)): (department_of_label(m.group("label")), m.group("text"))
            for m in PASSAGE.finditer(prompt)}


def _figures(text: str) -> set[str]:
    text = YEAR.sub(" ", MARK.sub(" ", text))
    return {f.replace(",", "").rstrip(".") for f in FIGURE.findall(text) if len(f.replace(",", "")) >= 2}


NOTE = re.compile(r"（⚠[^）]*）")  # a note the chain adds to a sentence, not the model's words


def _bigrams(text: str) -> set[str]:
    core = re.sub(r"[\s\d,.%（）()\[\]【】“”：:，。、；]", "", NOTE.sub("", text))
    return {core[i:i + 2] for i in range(len(core) - 1)}


def written_by_model(sentence: str, model_text: str) -> bool:
    """Whether a shown sentence is the model's: a multi-part answer also shows parts the facts
    answered, which the model never wrote and whose passages are not in its prompt. The chain's
    notes set aside, a sentence counts as the model's when most of its character pairs occur in
    the model's text, so a model sentence the chain edited (a qualifier restored) is still judged."""
    pairs = _bigrams(sentence)
    if not pairs or not model_text:
        return bool(pairs)
    return len(pairs & _bigrams(model_text)) / len(pairs) >= 0.6


def wrong_department_sentences(shown: str, passages: dict[int, tuple[str, str]],
                               cited_departments: set[str],
                               names: list[tuple[str, str]], model_text: str = "") -> list[dict]:
    """Sentences of the shown text that name a department whose passages they do not rest
    on (see the module doc), with whether each carries a ⚠ note. With the model's text given,
    only the sentences it wrote are judged."""
    found = []
    for m in SENTENCE.finditer(shown):
        sentence = m.group()
        if model_text and not written_by_model(sentence, model_text):
            continue
        named = _named(sentence, names)
        for department in named:
            why = _why_wrong(sentence, department, passages, cited_departments)
            if why:
                found.append({"sentence": sentence.strip()[:80], "department": department,
                              "why": why, "flagged": WARNED in sentence})
    return found


def _named(sentence: str, names: list[tuple[str, str]]) -> list[str]:
    """The departments a sentence names, longest alias first (a short name inside a full
    one does not count twice)."""
    rest, named = sentence, []
    for alias, department in names:
        if len(alias) >= 3 and alias in rest:
            rest = rest.replace(alias, " ")
            named.append(department)
    return list(dict.fromkeys(named))


def _why_wrong(sentence: str, department: str, passages: dict[int, tuple[str, str]],
               cited_departments: set[str]) -> str | None:
    marks = [int(n) for n in MARK.findall(sentence) if int(n) in passages]
    if marks and all(passages[n][0] != department for n in marks):
        return "所标资料都属于其他部门"
    if not marks and cited_departments and department not in cited_departments:
        return "回答的引用中没有该部门的报告"
    own = "".join(re.sub(r"[\s,]", "", text) for dept, text in passages.values() if dept == department)
    missing = [f for f in _figures(sentence) if f not in own]
    if missing and passages:
        return f"数字{'、'.join(missing[:3])}不在该部门的资料中"
    return None


def judge(answer, log: ModelLog, prompt_lines: list[str], names: list[tuple[str, str]],
          department_of) -> dict:
    """One answer's row: what was flagged, and what reached the user unflagged."""
    flags = list(answer.flags)
    fell_back = any(f.startswith(FALLBACK) for f in flags)
    shown = answer.text
    row: dict[str, Any] = {"model_text": "\n".join(log.texts), "shown": shown,
                           "flags": flags, "fell_back": fell_back, "abstained": answer.abstained,
                           "flagged": flagged_kinds(flags), "unflagged": []}
    if fell_back or answer.abstained:
        return row  # the report's own sentences (or a decline) are shown, not the model's text
    plain = shown.replace("（⚠ 未在该部门报告中找到依据）", "").replace("（⚠未核实）", "")
    for problem in guard(plain, prompt_lines):
        if problem.kind not in row["flagged"]:
            row["unflagged"].append(problem.kind)
    passages = passages_of(log.prompts[-1]) if log.prompts else {}
    cited = {department_of(c.report_id) for c in answer.citations}
    wrong = wrong_department_sentences(shown, passages, cited, names, row["model_text"])
    row["wrong_department_sentences"] = wrong
    if any(not w["flagged"] for w in wrong):
        row["unflagged"].append("wrong_department")
    return row


def summary(rows: list[dict], asked: int, seconds: float) -> dict:
    model_rows = [r for r in rows if r["model_called"]]
    flagged = Counter(k for r in model_rows for k in r["flagged"])
    unflagged = Counter(k for r in model_rows for k in r["unflagged"])
    times = sorted(r["seconds"] for r in model_rows)
    return {"questions_asked": asked, "model_answers": len(model_rows),
            "fell_back_to_extractive": sum(r["fell_back"] for r in model_rows),
            "abstained": sum(r["abstained"] for r in model_rows),
            "flagged": dict(flagged), "answers_flagged": sum(bool(r["flagged"]) for r in model_rows),
            "defects_shown_unflagged": dict(unflagged),
            "answers_with_unflagged_defect": sum(bool(r["unflagged"]) for r in model_rows),
            "median_answer_s": times[len(times) // 2] if times else None,
            "total_s": round(seconds, 1), "by_set": dict(Counter(r["set"] for r in model_rows))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=100, help="model answers to collect")
    ap.add_argument("--minutes", type=float, default=0, help="stop after this long (0: no limit)")
    ap.add_argument("--skip", default="", help="a results file whose questions are not asked again")
    ap.add_argument("--ids", default="", help="comma-separated question ids: ask only these")
    ap.add_argument("--out", default="", help="the JSON file (default benchmarks/results/model_answers-<time>.json)")
    args = ap.parse_args()

    from assistant.factory import build_assistant
    from assistant.prompts import render
    from assistant.settings import Settings, offline_environment

    offline_environment()
    assistant = build_assistant(Settings.from_env())
    catalog_reports = assistant.reports()
    names = sorted({(a, r.department) for r in catalog_reports for a in names_of(r)},
                   key=lambda p: -len(p[0]))
    by_id = {r.id: r.department for r in catalog_reports}
    prompt_lines = render("answer_system").splitlines()
    meta = {"when": time.strftime("%Y-%m-%d %H:%M"), "backend": assistant.llm_backend,
            "load_avg_1m_at_start": round(os.getloadavg()[0], 2)}
    out = Path(args.out) if args.out else RESULTS / f"model_answers-{time.strftime('%Y%m%d-%H%M')}.json"
    start = time.perf_counter()
    rows: list[dict] = []
    asked = 0
    wanted = set(filter(None, args.ids.split(",")))
    done = ({r["id"] for r in json.loads(Path(args.skip).read_text("utf-8"))["rows"]}
            if args.skip else set())
    for q in questions():
        if (wanted and q["id"] not in wanted) or q["id"] in done:
            continue
        if sum(r["model_called"] for r in rows) >= args.n:
            break
        if args.minutes and time.perf_counter() - start > args.minutes * 60:
            break
        log = ModelLog()
        t = time.perf_counter()
        answer = assistant.ask(q["question"], config={"callbacks": [log]})
        asked += 1
        row = {"id": q["id"], "set": q["set"], "kind": q.get("kind"), "question": q["question"],
               "model_called": bool(log.prompts), "seconds": round(time.perf_counter() - t, 1)}
        if log.prompts:
            row.update(judge(answer, log, prompt_lines, names, lambda rid: by_id.get(rid, "")))
            print(f"{len(rows) + 1:3d} {row['seconds']:5.1f}s {q['id']:10s} flagged={row['flagged']} "
                  f"unflagged={row['unflagged']} load={os.getloadavg()[0]:.2f}", flush=True)
        rows.append(row)
        if log.prompts:  # written after each model answer: a run stopped early keeps its rows
            result = save(out, meta, rows, asked, time.perf_counter() - start)
    result = save(out, meta, rows, asked, time.perf_counter() - start)
    print(json.dumps(result["summary"], ensure_ascii=False))


def save(out: Path, meta: dict, rows: list[dict], asked: int, seconds: float) -> dict:
    result = {**meta, "load_avg_1m_now": round(os.getloadavg()[0], 2),
              "summary": summary(rows, asked, seconds), "rows": rows}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    return result


if __name__ == "__main__":
    main()
