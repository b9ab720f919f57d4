"""A stand-in drafter behind the Assistant's drafting methods, so the 起草 tab is tested on its
own (the real drafter is tested in its own files)."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.drafting.types import Draft, DraftFacts
from assistant.errors import JixiaoError

SECTION_KINDS = ("部门整体收支情况", "存在的主要问题")


def facts_from_store(assistant, report_id: str) -> DraftFacts:
    report = assistant.report(report_id)
    figures = {}
    for f in assistant.facts(report_id):
        if f.scope == "department" and f.metric not in figures:
            figures[f.metric] = {"value": f.number, "unit": f.unit,
                                 "text": f.text_value, "source": f.quote[:20]}
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


class FakeDrafting:
    """The assistant with the stand-in drafter; everything else is the real assistant's."""

    def __init__(self, assistant) -> None:
        self._assistant = assistant

    def __getattr__(self, name: str):
        return getattr(self._assistant, name)

    @staticmethod
    def section_kinds():
        return [(kind, ()) for kind in SECTION_KINDS]

    def draft_facts(self, department=None, year=None, *, report_id=None) -> DraftFacts:
        return facts_from_store(self._assistant, report_id)

    @staticmethod
    def facts_file(path) -> DraftFacts:
        return load_facts_file(path)

    def stream_draft(self, kind, facts, instruction=None, previous=None):
        return Drafter(self).stream(kind, facts, instruction=instruction, previous=previous)

    @staticmethod
    def export_draft(draft: Draft, path) -> Path:
        path = Path(path)
        if path.suffix == ".docx":
            return export_docx(draft, path)
        path.write_text(export_md(draft), encoding="utf-8")
        return path
