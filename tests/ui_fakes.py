"""A stand-in for assistant.drafting with the agreed API, so the 起草 tab is tested on its
own (the real drafter is tested in its own files)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from assistant.drafting.types import Draft, DraftFacts
from assistant.errors import JixiaoError

SECTION_KINDS = ("部门整体收支情况", "存在的主要问题")


def facts_from_store(store, report_id: str) -> DraftFacts:
    report = store.report(report_id)
    figures = {}
    for f in store.facts(report_id):
        if f["scope"] == "department" and f["metric"] not in figures:
            figures[f["metric"]] = {"value": f["value"], "unit": f["unit"],
                                    "text": f["text_value"], "source": f["quote"][:20]}
    return DraftFacts(department=report.department, year=report.year, figures=figures,
                      problems=["预算执行进度不均衡"], source=f"store:{report_id}")


def load_facts_file(path) -> DraftFacts:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if "department" not in data:
        raise JixiaoError(f"{Path(path).name}: missing field 'department'")
    return DraftFacts(**data)


class Drafter:
    def __init__(self, assistant) -> None:
        self.assistant = assistant

    def stream(self, kind, facts: DraftFacts, instruction=None, previous=None):
        figures = "，".join(f"{k}{v['text']}" for k, v in facts.figures.items())
        text = f"{facts.department}{facts.year or ''}年{kind}：{figures or '【待补充：主要数字】'}。"
        if instruction:
            text = f"（已按要求修改：{instruction}）" + text
        for i in range(0, len(text), 8):
            yield text[i:i + 8]
        placeholders = ["【待补充：主要数字】"] if not figures else []
        yield Draft(kind=kind, department=facts.department, year=facts.year, text=text,
                    facts_used=[{"name": k, "text": v["text"], "source": v["source"]}
                                for k, v in facts.figures.items()],
                    placeholders=placeholders, flags=[])


def export_docx(draft: Draft, path) -> Path:
    from docx import Document

    doc = Document()
    doc.add_heading(draft.kind, level=1)
    doc.add_paragraph(draft.text)
    doc.save(str(path))
    return Path(path)


def export_md(draft: Draft) -> str:
    return f"# {draft.kind}\n\n{draft.text}\n"


module = SimpleNamespace(SECTION_KINDS=SECTION_KINDS, Drafter=Drafter,
                         facts_from_store=facts_from_store, load_facts_file=load_facts_file,
                         export_docx=export_docx, export_md=export_md)
