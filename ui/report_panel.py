"""起草 tab, whole report: from the facts in the form (an ingested department-year, a blank
form or a facts file), draft every section kind in report order into one .docx. Progress is
shown section by section — the sections already written appear at once, the one being
written streams — and the .docx downloads when the last section is done."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import gradio as gr

from assistant.drafting.types import ReportDraft

from . import draft_facts as df
from .format import friendly_error, short_label

REFRESH_S = 0.4  # at most this often a streamed piece updates the page


def progress_markdown(outline: list[tuple[str, str]], done: list, writing: str | None,
                      chars: int = 0) -> str:
    """One line per section of the outline ((kind, heading) in report order): ✓ written
    (with its check), ✍ being written, ○ waiting."""
    lines = []
    finished = {d.kind: d for d in done}
    for i, (kind, heading) in enumerate(outline, 1):
        draft = finished.get(kind)
        if draft is not None:
            check = "核验通过" if draft.clean else f"⚠ {len(draft.flags)} 处未核实"
            holes = f"，待补充 {len(draft.placeholders)} 处" if draft.placeholders else ""
            lines.append(f"{i}. ✓ {heading}（{check}{holes}，{draft.seconds:.1f} 秒）")
        elif kind == writing:
            lines.append(f"{i}. ✍ **{heading}**：正在起草…" + (f"（{chars} 字）" if chars else ""))
        else:
            lines.append(f"{i}. ○ {heading}")
    return f"**整篇报告：{len(done)}/{len(outline)} 节**\n\n" + "\n".join(lines)


def sections_markdown(headings: dict[str, str], done: list, writing: str | None = None,
                      text: str = "") -> str:
    """The sections written so far, each under its heading; the current one streaming."""
    parts = [f"#### {headings[d.kind]}\n\n" + _paras(d.text) for d in done]
    if writing:
        parts.append(f"#### {headings[writing]}\n\n" + _paras(text) + " ▌")
    return "\n\n".join(parts)


def _paras(text: str) -> str:
    from .draft_tab import draft_markdown

    return "\n\n".join(draft_markdown(html.escape(x.strip(), quote=False))
                       for x in text.splitlines() if x.strip())


class ReportPanel:
    """The whole-report control of the 起草 tab: a button, progress, the sections, a download."""

    def __init__(self, assistant, out_dir: Path) -> None:
        self.assistant = assistant
        self.out_dir = out_dir
        self.outline = assistant.report_sections()  # (kind, heading) in report order
        self.headings = dict(self.outline)

    def file(self, report: ReportDraft) -> str:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[\\/:*?\"<>|\s]+", "_", f"{short_label(report.department, report.year)}_"
                      f"整体支出绩效自评报告_{time.strftime('%H%M%S')}")
        return str(self.assistant.export_report(report, self.out_dir / f"{stem}.docx"))

    def with_statements(self, facts):
        """The form's facts plus the loaded report's own statements (duties, tasks, goals,
        achievements …), which the form does not show: a report drafted from an ingested
        department-year keeps them. Other sources are left as they are."""
        if not facts.source.startswith("store:"):
            return facts
        try:
            stored = self.assistant.draft_facts(report_id=facts.source.removeprefix("store:"))
        except Exception:  # the report was removed meanwhile: draft from the form alone
            return facts
        if stored.department == facts.department:
            facts.statements = {**stored.statements, **facts.statements}
            facts.statement_sources = {**stored.statement_sources, **facts.statement_sources}
        return facts

    def generate(self, department, year, figures, indicators, projects, problems, measures,
                 notes, source):
        """Yields (progress, sections, download) as the report is written."""
        hidden = gr.update(visible=False)
        facts = df.from_form(department, year, figures, indicators, projects, problems,
                             measures, notes, source)
        if not facts.department:
            yield "⚠ 请先载入部门年度的事实，或填写部门名称。", "", hidden
            return
        facts = self.with_statements(facts)
        done: list = []
        yield progress_markdown(self.outline, done, self.outline[0][0]), "", hidden
        try:
            yield from self._run(facts, done)
        except Exception as e:
            yield f"⚠ {friendly_error(e)}", sections_markdown(self.headings, done), hidden

    def _run(self, facts, done: list):
        hidden = gr.update(visible=False)
        kinds = [kind for kind, _ in self.outline]
        text, shown = "", 0.0
        for part in self.assistant.stream_report(facts):
            if isinstance(part, ReportDraft):
                yield (progress_markdown(self.outline, done, None) + f"\n\n用时 {part.seconds:.1f} 秒。",
                       sections_markdown(self.headings, done), gr.update(value=self.file(part), visible=True))
            elif part.done:
                done.append(part.draft)
                text = ""
                following = kinds[part.index] if part.index < len(kinds) else None
                yield (progress_markdown(self.outline, done, following),
                       sections_markdown(self.headings, done), hidden)
            else:
                text += part.piece
                if time.monotonic() - shown >= REFRESH_S:
                    shown = time.monotonic()
                    yield (progress_markdown(self.outline, done, part.kind, len(text)),
                           sections_markdown(self.headings, done, part.kind, text), hidden)

    # layout ----------------------------------------------------------------------------------
    def build(self) -> None:
        """The control, placed where it is called (under the section draft)."""
        gr.Markdown("---\n**整篇报告**：按标准顺序起草全部 12 节，生成一份 .docx"
                    "（封面标题、主要数据表、各节正文、待补充清单和核验说明）。")
        with gr.Row(equal_height=True):
            self.button = gr.Button("起草整篇报告", variant="secondary", elem_id="dr-all")
            self.download = gr.DownloadButton("下载整篇报告 .docx", visible=False, elem_id="dr-all-docx")
        self.progress = gr.Markdown(elem_id="dr-all-progress")
        with gr.Accordion("整篇报告内容", open=True):
            self.sections = gr.Markdown(elem_id="dr-all-output")

    def connect(self, form: list) -> None:
        """Wire the button to the facts form (department … notes, source)."""
        self.button.click(self.generate, form, [self.progress, self.sections, self.download],
                          concurrency_id="model", api_visibility="private")
