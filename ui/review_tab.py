"""审核 tab: review a report the way a finance bureau does (审核意见). Upload a report (any
format jixiao reads) or pick an indexed one (and, optionally, last year's report); the findings
are shown by category with their severity, quotes and what is expected; the 审核意见书 (.docx)
and the findings workbook (.xlsx) download; the 汇总表 of every indexed department too."""

from __future__ import annotations

import html
import shutil
import time
from pathlib import Path

import gradio as gr

from .format import friendly_error
from .library_tab import SUPPORTED, _upload_source, safe_upload_name

CATEGORY_ORDER = ("完整性", "一致性", "合理性", "规范性")
NO_PREVIOUS = "（自动：同一部门的上年报告）"


def findings_markdown(review) -> str:
    """The review as Markdown: a summary line, then each category's findings with their
    severity, quotes (file · section · page) and what is expected."""
    before = f"（对照上年报告 {review.previous}）" if review.previous else ""
    head = f"### {html.escape(review.department)} {review.year or ''} · {html.escape(review.report)}{before}"
    if not review.findings:
        return f"{head}\n\n未发现问题：没有审核意见。"
    lines = [head, "", f"共 **{len(review.findings)}** 条审核意见。"]
    for category in CATEGORY_ORDER:
        found = [f for f in review.findings if f.category == category]
        if not found:
            continue
        lines += ["", f"#### {category}（{len(found)}）"]
        for i, f in enumerate(found, 1):
            lines.append(f"{i}. **【{f.severity}】** {html.escape(f.message)}")
            for q in f.quotes:
                where = f"{q.file} · {q.section or '正文'} · 第{q.page}页"
                lines.append(f"    > “{html.escape(' '.join(q.quote.split()))}”<br><small>{html.escape(where)}</small>")
            if f.expected:
                lines.append(f"    - 修改要求：{html.escape(f.expected)}")
    return "\n".join(lines)


class ReviewTab:
    def __init__(self, assistant, out_dir: Path) -> None:
        self.assistant = assistant
        self.out_dir = Path(out_dir)

    def report_choices(self) -> list[tuple[str, str]]:
        return [(f"{r.department} {r.year or ''}（{r.file}）", r.id) for r in self.assistant.reports()]

    def refresh(self):
        choices = self.report_choices()
        return gr.update(choices=choices), gr.update(choices=[(NO_PREVIOUS, "")] + choices)

    def _saved_upload(self, upload) -> Path:
        where, given = _upload_source(upload)
        folder = self.out_dir / "uploads" / time.strftime("%Y%m%d-%H%M%S")
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / safe_upload_name(given)
        shutil.copy(where, target)
        return target

    def run(self, upload, report_id: str | None, previous: str | None):
        """(findings Markdown, .docx button, .xlsx button)."""
        hidden = gr.update(value=None, visible=False)
        if not upload and not report_id:
            return "请上传一份报告，或在资料库中选择一份报告。", hidden, hidden
        try:
            target = self._saved_upload(upload) if upload else report_id
            review = self.assistant.review(target, previous=previous or None)
            stem = f"审核意见_{Path(review.report).stem}_{time.strftime('%H%M%S')}"
            docx = self.assistant.export_review(review, self.out_dir / f"{stem}.docx")
            xlsx = self.assistant.export_review(review, self.out_dir / f"{stem}.xlsx")
        except Exception as e:  # shown to the user in the findings pane
            return f"审核失败：{friendly_error(e)}", hidden, hidden
        return (findings_markdown(review), gr.update(value=str(docx), visible=True),
                gr.update(value=str(xlsx), visible=True))

    def summary(self):
        if not self.assistant.reports():
            return gr.update(value=None, visible=False)
        path = self.assistant.summary_table(self.out_dir / f"汇总表_{time.strftime('%Y%m%d-%H%M%S')}.xlsx")
        return gr.update(value=str(path), visible=True)

    def build(self) -> dict:
        """The tab itself (call inside gr.Tabs)."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with gr.Tab("审核", id="review") as tab:
            gr.Markdown("按财政部门的审核要点审核一份自评报告：完整性、一致性、合理性、规范性，"
                        "每条意见都引用报告原文。")
            with gr.Row():
                with gr.Column(scale=1):
                    upload = gr.File(label=f"上传报告（{' '.join(SUPPORTED)}）", file_count="single",
                                     file_types=list(SUPPORTED), elem_id="rv-file")
                    report = gr.Dropdown(label="或选择资料库中的报告", choices=self.report_choices(),
                                         value=None, elem_id="rv-report")
                    previous = gr.Dropdown(label="上年报告（可选）", value="",
                                           choices=[(NO_PREVIOUS, "")] + self.report_choices(),
                                           elem_id="rv-previous")
                    go = gr.Button("审核", variant="primary", elem_id="rv-run")
                    with gr.Row():
                        docx = gr.DownloadButton("下载审核意见书 .docx", visible=False, elem_id="rv-docx")
                        xlsx = gr.DownloadButton("下载审核意见 .xlsx", visible=False, elem_id="rv-xlsx")
                    gr.Markdown("**汇总表**：资料库中每个部门的主要数据（预算数、执行数、执行率、"
                                "基本支出、项目支出、三公经费、自评得分和等级）及其出处。")
                    make = gr.Button("生成汇总表", elem_id="rv-summary-make")
                    summary = gr.DownloadButton("下载汇总表 .xlsx", visible=False, elem_id="rv-summary")
                with gr.Column(scale=2):
                    findings = gr.Markdown("上传或选择一份报告，然后点击“审核”。", elem_id="rv-findings")
            go.click(self.run, [upload, report, previous], [findings, docx, xlsx], api_visibility="private")
            make.click(self.summary, None, summary, api_visibility="private")
            tab.select(self.refresh, None, [report, previous], api_visibility="private")
        return {"tab": tab, "findings": findings, "report": report}
