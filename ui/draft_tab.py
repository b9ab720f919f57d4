"""起草 tab: facts from an ingested department-year (editable), a blank form or a facts
file; a section kind; streaming generation; revision by instruction with a version history
and 撤销 (draft_versions); placeholders, flags
and the facts used; .docx and .md downloads; the whole report in one .docx (report_panel)."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import gradio as gr

from assistant.drafting.types import PLACEHOLDER, Draft, DraftFacts

from . import draft_facts as df
from .draft_versions import FRESH, Versions, as_versions
from .format import friendly_error, short_label, tidy
from .notify import error
from .report_panel import ReportPanel

SOURCES = ["已导入的部门", "空白表单", "上传事实文件"]


def draft_markdown(text: str) -> str:
    """Draft text for display, placeholders highlighted."""
    return PLACEHOLDER.sub(lambda m: f"<mark>{html.escape(m.group())}</mark>", text or "")


def checks_markdown(draft: Draft) -> str:
    lines = ["✓ 核验通过：文中数字均来自给定或计算得出的事实。" if draft.clean else
             f"⚠ 核验未通过：{len(draft.flags)} 处问题，请修改后再使用。"]
    lines += [f"- ⚠ {f}" for f in draft.flags]
    if draft.placeholders:
        lines.append(f"\n**待补充（{len(draft.placeholders)}）：** " + "；".join(draft.placeholders))
    if draft.facts_used:
        lines.append("\n**使用的事实：**")
        lines += [f"- {f.get('name', '')}：{f.get('text', '')}"
                  + (f"（{tidy(str(f['source']))}）" if f.get("source") else "") for f in draft.facts_used]
    if draft.notes:
        lines.append("\n**说明：**")
        lines += [f"- {n}" for n in draft.notes]
    if draft.exemplars:
        lines.append("\n**参考的范文（仅作文风参考）：**")
        lines += [f"- {e.get('file', '')} · {e.get('section', '')}" for e in draft.exemplars]
    return "\n".join(lines)


def revision_markdown(instruction: str, previous: Draft | None, draft: Draft) -> str:
    """What became of a revision request, shown above the checks: done, or why not."""
    before = previous.revisions if previous is not None else []
    if len(draft.revisions) > len(before) and (previous is None or draft.text != previous.text):
        return f"✎ 已按“{instruction}”修改。\n\n"
    why = next((n for n in reversed(draft.notes) if "未" in n or "无法" in n), "修改后的文字与原稿相同。")
    if why.startswith("原稿已"):  # the text already meets the instruction (said before any model call)
        return f"✓ 无需按“{instruction}”修改：{why}\n\n"
    return f"⚠ 未能按“{instruction}”修改：{why}\n\n"


class DraftTab:
    def __init__(self, assistant, out_dir: Path) -> None:
        self.assistant = assistant
        self.out_dir = out_dir
        self._kinds = [name for name, _ in assistant.section_kinds()]
        self.report_panel = ReportPanel(assistant, out_dir)

    def latest_year(self) -> int | None:
        """The latest year of the indexed reports: the 年度 field's default."""
        return max((r.year for r in self.assistant.reports() if r.year), default=None)

    # core ------------------------------------------------------------------------------------
    def kinds(self) -> list[str]:
        return list(self._kinds)

    def stream(self, kind, facts, instruction=None, previous=None):
        yield from self.assistant.stream_draft(kind, facts, instruction=instruction, previous=previous)

    def files(self, draft: Draft) -> tuple[str, str]:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[\\/:*?\"<>|\s]+", "_", f"{short_label(draft.department, draft.year)}_"
                      f"{draft.kind}_{time.strftime('%H%M%S')}")
        docx = self.assistant.export_draft(draft, self.out_dir / f"{stem}.docx")
        md = self.assistant.export_draft(draft, self.out_dir / f"{stem}.md")
        return str(docx), str(md)

    def draft_api(self, kind: str, report_id: str = "", facts: dict | None = None,
                  instruction: str = "", previous_text: str = "") -> dict:
        """Draft one section from an ingested report's facts (report_id) or a facts dict
        (department, year, figures, indicators, projects, problems, measures, notes); pass
        instruction and previous_text to revise. Returns the Draft as a dict."""
        try:
            facts_obj = (self.assistant.draft_facts(report_id=report_id) if report_id
                         else DraftFacts(**{"department": "", "year": None, **(facts or {})}))
            previous = (Draft(kind, facts_obj.department, facts_obj.year, previous_text)
                        if previous_text else None)
            draft = None
            for part in self.stream(kind, facts_obj, instruction or None, previous):
                if isinstance(part, Draft):
                    draft = part
        except gr.Error:
            raise
        except Exception as e:
            raise error(friendly_error(e)) from None
        return draft.to_dict()

    # events ----------------------------------------------------------------------------------
    @staticmethod
    def _problem(message: str) -> tuple:
        """Form unchanged, the message in the note under the picker."""
        return (*(gr.update(),) * 9, f"⚠ {message}")

    def load_report(self, report_id):
        if not report_id:
            return self._problem("请先选择一个部门年度。")
        try:
            facts = self.assistant.draft_facts(report_id=report_id)
        except Exception as e:
            return self._problem(friendly_error(e))
        return (*df.to_form(facts), f"store:{report_id}",
                f"已载入 {facts.department} {facts.year or ''} 的事实，可在下方修改。")

    def load_file(self, path):
        if not path:
            return self._problem("请先上传事实文件（YAML 或 JSON）。")
        try:
            facts = self.assistant.facts_file(Path(path))
        except Exception as e:
            return self._problem(f"事实文件有误：{friendly_error(e)}")
        return (*df.to_form(facts), str(path), f"已从文件载入 {facts.department} 的事实。")

    def blank(self):
        form = list(df.blank_form())
        form[1] = self.latest_year()  # the year field
        return (*form, "", "空白表单：填写部门、年度和已知数字；未填的会在草稿中标为【待补充】。")

    def generate(self, kind, department, year, figures, indicators, projects, problems,
                 measures, notes, source, instruction=None, previous=None):
        """Yields (draft text, checks, state, docx, md) while the section streams."""
        hidden = gr.update(visible=False)
        facts = df.from_form(department, year, figures, indicators, projects, problems,
                             measures, notes, source)
        problem = ("请选择要起草的章节。" if not kind else
                   "请先生成一版草稿，再提出修改要求。" if instruction is not None and previous is None
                   else "请输入修改要求，例如：更简洁一些。"
                   if instruction is not None and not str(instruction).strip()
                   else "请填写部门名称。" if not facts.department else "")
        if problem:
            yield f"⚠ {problem}", gr.update(), previous, gr.update(), gr.update()
            return
        text = ""
        yield "正在起草（使用大模型时需要数十秒）…", "", previous, hidden, hidden
        try:
            for part in self.stream(kind, facts, instruction, previous):
                if isinstance(part, Draft):
                    docx, md = self.files(part)
                    checks = checks_markdown(part)
                    if instruction is not None:
                        checks = revision_markdown(str(instruction).strip(), previous, part) + checks
                    yield (draft_markdown(part.text), checks, part,
                           gr.update(value=docx, visible=True),
                           gr.update(value=md, visible=True))
                elif part:
                    text += part
                    yield draft_markdown(text) + " ▌", "", previous, hidden, hidden
        except Exception as e:
            yield f"⚠ {friendly_error(e)}", "", previous, hidden, hidden

    def revise(self, instruction, previous, kind, *form):
        yield from self.generate(kind, *form, instruction=instruction or "", previous=previous)

    # versions: every draft and every revision that changed the text --------------------------
    def generate_versions(self, versions, kind, *form):
        """`generate` that starts a new version history; yields (…, versions, picker)."""
        yield from self._versioned(self.generate(kind, *form), as_versions(versions), FRESH, None)

    def revise_versions(self, instruction, previous, versions, kind, *form):
        """`revise` of the version shown; a revision that changed the text is a new version."""
        label = str(instruction or "").strip()
        yield from self._versioned(self.revise(instruction, previous, kind, *form),
                                   as_versions(versions), label, previous)

    def _versioned(self, steps, versions: Versions, label: str, previous):
        for step in steps:
            draft = step[2]
            if isinstance(draft, Draft) and draft is not previous:
                versions = versions.push(label, draft)
                yield (*step, versions, self._picker(versions))
            else:
                yield (*step, versions, gr.update())

    @staticmethod
    def _picker(versions: Versions):
        return gr.update(choices=versions.choices(), value=versions.current if versions.items else None,
                         visible=bool(versions.items))

    def show_version(self, versions: Versions, head: str) -> tuple:
        """(output, checks, state, docx, md, versions, picker) for the version shown."""
        draft = versions.draft
        docx, md = self.files(draft)
        return (draft_markdown(draft.text), head + checks_markdown(draft), draft,
                gr.update(value=docx, visible=True), gr.update(value=md, visible=True),
                versions, self._picker(versions))

    def undo(self, versions):
        """撤销: back to the version before the one shown (the later ones stay listed)."""
        versions = as_versions(versions)
        back = versions.back()
        if back is None:
            head = "⚠ 没有更早的版本，无法撤销。\n\n"
            if versions.draft is None:
                return (gr.update(), head, *(gr.update(),) * 5)
            return self.show_version(versions, head)
        return self.show_version(back, f"↶ 已撤销，回到{back.label(back.current)}。\n\n")

    def pick_version(self, versions, index):
        """A version chosen in the list is shown, and the next revision starts from it."""
        versions = as_versions(versions)
        chosen = versions.pick(int(index)) if index is not None else None
        if chosen is None:
            return (*(gr.update(),) * 7,)
        return self.show_version(chosen, f"已切换到{chosen.label(chosen.current)}。\n\n")

    # layout ----------------------------------------------------------------------------------
    def build(self, report_choices) -> dict:
        with gr.Row():
            with gr.Column(scale=2, min_width=420):
                source_kind = gr.Radio(SOURCES, value=SOURCES[0], label="事实来源", elem_id="dr-source")
                with gr.Row(equal_height=True):
                    report = gr.Dropdown(report_choices, value=None, label="部门年度", scale=3, elem_id="dr-report")
                    load = gr.Button("载入事实", scale=1, elem_id="dr-load")
                facts_file = gr.File(label="事实文件（YAML/JSON）", file_types=[".yaml", ".yml", ".json"],
                                     visible=False, height=90, elem_id="dr-file")
                note = gr.Markdown("选择部门年度后点击「载入事实」。")
                with gr.Accordion("事实（可编辑）", open=True):
                    with gr.Row():
                        department = gr.Textbox(label="部门", scale=3, elem_id="dr-dept")
                        year = gr.Number(self.latest_year, label="年度", precision=0, scale=1,
                                         elem_id="dr-year")
                    figures = gr.Dataframe(headers=df.FIGURE_COLUMNS, interactive=True,
                                           label="主要数字", row_count=3, wrap=True)
                    with gr.Accordion("绩效指标与项目", open=False):
                        indicators = gr.Dataframe(headers=df.INDICATOR_COLUMNS, interactive=True,
                                                  label="绩效指标", wrap=True)
                        projects = gr.Dataframe(headers=df.PROJECT_COLUMNS, interactive=True,
                                                label="项目", wrap=True)
                    problems = gr.Textbox(label="存在的问题（每行一条）", lines=3)
                    measures = gr.Textbox(label="改进措施（每行一条）", lines=2)
                    notes = gr.Textbox(label="其他说明（每行一条）", lines=2)
                source = gr.State("")
            with gr.Column(scale=3):
                with gr.Row(equal_height=True):
                    kind = gr.Dropdown(self.kinds(), value=(self.kinds() or [None])[0],
                                       label="章节", scale=3, elem_id="dr-kind")
                    go = gr.Button("生成草稿", variant="primary", scale=1, elem_id="dr-go")
                output = gr.Markdown("草稿将显示在这里。", elem_id="dr-output", min_height=220)
                checks = gr.Markdown(elem_id="dr-checks")
                with gr.Row(equal_height=True):
                    instruction = gr.Textbox(show_label=False, scale=4, elem_id="dr-instruction",
                                             placeholder="修改要求，例如：更简洁一些 / 改成三点")
                    revise = gr.Button("按要求修改", scale=1, elem_id="dr-revise")
                with gr.Row(equal_height=True):
                    picker = gr.Dropdown([], value=None, label="版本（每次修改一版，可切换）", scale=4,
                                         visible=False, elem_id="dr-versions")
                    undo = gr.Button("撤销", scale=1, elem_id="dr-undo")
                with gr.Row():
                    docx = gr.DownloadButton("下载 .docx", visible=False, elem_id="dr-docx")
                    md = gr.DownloadButton("下载 .md", visible=False, elem_id="dr-md")
                self.report_panel.build()
        state = gr.State(None)
        versions = gr.State(Versions())
        form = [department, year, figures, indicators, projects, problems, measures, notes]
        private = dict(api_visibility="private")
        source_kind.change(lambda s: (gr.update(visible=s == SOURCES[0]), gr.update(visible=s == SOURCES[0]),
                                      gr.update(visible=s == SOURCES[2])),
                           source_kind, [report, load, facts_file], **private)
        source_kind.select(lambda s: self.blank() if s == SOURCES[1] else [gr.update()] * 10,
                           source_kind, [*form, source, note], **private)
        load.click(self.load_report, report, [*form, source, note], **private)
        report.select(self.load_report, report, [*form, source, note], **private)
        facts_file.upload(self.load_file, facts_file, [*form, source, note], **private)
        outs = [output, checks, state, docx, md, versions, picker]
        go.click(self.generate_versions, [versions, kind, *form, source], outs, concurrency_id="model",
                 **private)
        revise.click(self.revise_versions, [instruction, state, versions, kind, *form, source], outs,
                     concurrency_id="model", **private)
        instruction.submit(self.revise_versions, [instruction, state, versions, kind, *form, source], outs,
                           concurrency_id="model", **private)
        undo.click(self.undo, versions, outs, **private)
        picker.input(self.pick_version, [versions, picker], outs, **private)
        self.report_panel.connect([*form, source])
        return {"report": report}
