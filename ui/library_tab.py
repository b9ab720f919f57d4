"""资料库 tab: upload and ingest reports with progress, per-file errors, the report list
with consistency warnings, a report's facts with their sources, and removal."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import gradio as gr
import pandas as pd

from assistant.errors import load_reason
from assistant.index.records import OCR_MARK

from .format import friendly_error, tidy
from .notify import error, info

# the loader's file types (assistant.ingest.readers.load.SUPPORTED_SUFFIXES; a test keeps them equal)
SUPPORTED = (".txt", ".md", ".pdf", ".docx", ".xlsx", ".xls", ".html", ".htm", ".mhtml", ".mht",
             ".doc", ".wps")
SHOWN = " ".join(SUPPORTED)
REPORT_COLUMNS = ["部门", "年度", "文件", "分块数", "事实数", "一致性提示"]
FACT_COLUMNS = ["指标", "对象", "数值", "章节", "原文"]
STATUS = {"added": "✓ 已导入", "updated": "↻ 已更新", "unchanged": "＝ 未变化（跳过）",
          "failed": "✗ 失败"}
# why a file failed (IngestResult.reason), in Chinese, put in front of the English message
HINTS = {
    "too_large": "文件超过大小上限",
    "unsupported": f"不支持的文件类型（支持 {SHOWN}）",
    "empty": "文件为空",
    "needs_ocr": "PDF 没有文本层，OCR 也没有识别出文字",
    "encrypted": "文件有密码保护",
    "undecodable": "无法识别的文本编码或不是文本文件",
    "corrupt": "文件已损坏或格式不正确",
}


def safe_upload_name(name: str) -> str:
    """An uploaded file's name made safe to save in the upload folder: only its last part
    (no directories, whichever slash), no NUL or other control characters, no characters
    Windows forbids, no leading dots, at most 180 bytes (the extension kept)."""
    name = re.split(r"[\\/]", str(name or ""))[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*')
    name = re.sub(r"^[\s.]+", "", name).rstrip()
    suffix = Path(name).suffix[:16]
    stem = name[:len(name) - len(Path(name).suffix)]
    while len((stem + suffix).encode()) > 180:  # file systems allow 255 bytes
        stem = stem[:-1]
    return stem + suffix if stem.strip(" .") else f"upload{suffix}"


def _upload_source(f) -> tuple[Path, str]:
    """(where the uploaded bytes are, the name the user gave) for a gradio upload: a path,
    or an object with `path`/`name` and perhaps `orig_name`."""
    if isinstance(f, (str, Path)):
        return Path(f), Path(f).name
    where = getattr(f, "path", None) or getattr(f, "name", None) or str(f)
    given = getattr(f, "orig_name", None) or Path(str(where)).name
    return Path(str(where)), str(given)


def explain(message: str, reason: str | None = None) -> str:
    """The message with a Chinese explanation of why the file failed in front."""
    hint = HINTS.get(load_reason(message) if reason is None else reason, "")
    return f"{hint}（{message}）" if hint else message


def _failed(name: str, message: str) -> dict:
    return {"file": name, "status": "failed", "message": message, "reason": load_reason(message)}


def _ocr_progress(progress, desc: str):
    """A per-page callback that shows a scan's OCR, page by page, on the progress bar."""
    if progress is None:
        return None
    return lambda k, n: progress((k, n), desc=f"{desc}：识别扫描页 {k}/{n}")


class LibraryTab:
    def __init__(self, assistant) -> None:
        self.assistant = assistant
        self.upload_dir = assistant.settings.data_dir / "uploads"

    # core ------------------------------------------------------------------------------------
    def check_upload(self, path: Path, name: str | None = None) -> str | None:
        """A Chinese message when a file cannot be ingested, before even reading it (the
        size comes from the file system, so an oversized upload is never read)."""
        name = name or path.name
        suffix = Path(name).suffix
        limit = self.assistant.settings.max_file_mb
        if suffix.lower() not in SUPPORTED:
            return f"{name}：不支持的文件类型 {suffix or '（无扩展名）'}，请上传 {SHOWN}"
        size_mb = path.stat().st_size / 1024 / 1024
        if size_mb > limit:
            return f"{name}：文件 {size_mb:.1f} MB，超过上限 {limit:g} MB（JIXIAO_MAX_FILE_MB）"
        return None

    def ingest_files(self, files, progress=None) -> list[dict]:
        """Copy uploads into data/uploads under safe names (never outside it) and ingest them
        one by one; a bad file is reported and the others still go in."""
        results, saved = self._save_uploads(files)
        for i, (path, note) in enumerate(saved):
            desc = f"正在导入 {path.name}（{i + 1}/{len(saved)}）"
            if progress is not None:
                progress((i, len(saved)), desc=desc)
            results.append(self._ingest_saved(path, note, _ocr_progress(progress, desc)))
        if progress is not None and saved:
            progress((len(saved), len(saved)), desc="导入完成")
        return results

    def _save_uploads(self, files) -> tuple[list[dict], list[tuple[Path, str]]]:
        """(failures, [(saved path, note about a renamed file)]) for the uploads."""
        failed: list[dict] = []
        saved: list[tuple[Path, str]] = []
        used: set[str] = set()
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        for f in files or []:
            source, given = _upload_source(f)
            name = safe_upload_name(given)
            while name in used:  # two uploads of one name in one go: keep both
                name = f"{Path(name).stem}-2{Path(name).suffix}"
            shown = repr(given) if name != given else name
            problem = self._save_upload(source, name, shown)
            if problem:
                failed.append(_failed(name, problem))
                continue
            used.add(name)
            note = f"文件名 {shown} 含路径或不允许的字符，已保存为 {name}" if name != given else ""
            saved.append((self.upload_dir.resolve() / name, note))
        return failed, saved

    def _save_upload(self, source, name: str, shown: str) -> str | None:
        """Copy one upload to upload_dir/name; the problem in words, or None."""
        root = self.upload_dir.resolve()
        try:
            problem = self.check_upload(source, name)
            if problem:
                return problem
            target = root / name
            if target.resolve().parent != root:  # cannot happen after safe_upload_name
                raise ValueError(f"unsafe file name {shown}")
            if target.is_symlink():
                target.unlink()
            shutil.copyfile(source, target)
        except (OSError, ValueError) as e:
            return f"{shown}：无法读取上传的文件（{type(e).__name__}: {e}）"
        return None

    def _ingest_saved(self, path: Path, note: str, pages=None) -> dict:
        try:
            r = self.assistant.ingest_file(path, pages=pages).to_dict()
        except Exception as e:  # a model error etc.: this file fails, the rest go on
            r = _failed(path.name, friendly_error(e))
        self.drop_orphan_upload(path)  # a failed ingest (or a copy of a known file) keeps none
        if note:
            r["message"] = f"{note}；{r['message']}" if r.get("message") else note
        return r

    def drop_orphan_upload(self, path: Path | str) -> bool:
        """Delete an upload that no indexed report refers to (its ingest failed, it was a
        copy of a report already indexed, or its report was removed). Only files directly
        in upload_dir are touched. True when one was deleted."""
        target = Path(path)
        root = self.upload_dir.resolve()
        if target.parent.resolve() != root or not target.is_file():
            return False
        used = {Path(r.path).resolve() for r in self.assistant.reports() if r.path}
        if target.resolve() in used:
            return False
        try:
            target.unlink()
        except OSError:
            return False
        return True

    def report_table(self) -> pd.DataFrame:
        warnings: dict[str, int] = {}
        for f in self.assistant.findings():
            warnings[f.report_id] = warnings.get(f.report_id, 0) + 1
        return pd.DataFrame([[r.department, r.year or "未知", r.file, r.n_chunks, r.n_facts,
                              warnings.get(r.id, 0)] for r in self.assistant.reports()],
                            columns=REPORT_COLUMNS)

    def report_choices(self) -> list[tuple[str, str]]:
        return [(f"{r.department} {r.year or ''}（{r.file}）", r.id)
                for r in self.assistant.reports()]

    def facts_view(self, report_id: str | None):
        if not report_id:
            return "请选择一份报告。", pd.DataFrame(columns=FACT_COLUMNS)
        rows = self.assistant.facts(report_id)
        low = self.assistant.ocr_uncertain(rows)  # figures a scan's OCR was unsure of
        table = pd.DataFrame([[f.metric, f.whose, f.text_value + (OCR_MARK if f.id in low else ""),
                               f.section, tidy(f.quote)] for f in rows], columns=FACT_COLUMNS)
        found = self.assistant.findings(report_id)
        text = f"共 {len(rows)} 个数字事实。"
        if found:
            text += f"\n\n**一致性提示（{len(found)}）**\n" + "\n".join(
                f"- {f.message}" + "".join(f"\n  > {tidy(s.quote)}" for s in f.sources[:2])
                for f in found)
        else:
            text += " 未发现一致性问题。"
        return text, table

    # events ----------------------------------------------------------------------------------
    def on_ingest(self, files, progress=gr.Progress()):
        if not files:
            return (f"⚠ 请先选择要上传的报告文件（{SHOWN}）。", gr.update(), gr.update(),
                    gr.update())
        progress(0, desc="准备导入（首次导入需要加载向量模型）…")
        results = self.ingest_files(files, progress)
        lines = []
        for r in results:
            if r["status"] == "failed":
                lines.append(f"- {STATUS['failed']} **{r['file']}**："
                             f"{explain(r['message'], r.get('reason'))}")
            else:
                year = f" {r['year']}年" if r.get("year") else ""
                lines.append(f"- {STATUS[r['status']]} **{r['file']}**：{r.get('department', '')}"
                             f"{year}，{r.get('chunks', 0)} 个分块，{r.get('facts', 0)} 个事实")
        failed = sum(r["status"] == "failed" for r in results)
        head = f"导入完成：成功 {len(results) - failed} 个，失败 {failed} 个。"
        return (head + "\n\n" + "\n".join(lines), self.report_table(),
                gr.Dropdown(choices=self.report_choices()), None)

    def on_remove(self, report_id, confirmed=True):
        if report_id and not confirmed:  # the user said no in the confirmation dialog
            return (gr.update(),) * 5
        if not report_id:
            return "⚠ 请先在「选择报告」中选一份报告。", *(gr.update(),) * 4
        record = next((r for r in self.assistant.reports()
                       if report_id in (r.id, Path(r.file).stem)), None)
        try:
            removed = self.assistant.remove(report_id)
        except Exception as e:
            return f"⚠ {friendly_error(e)}", *(gr.update(),) * 4
        if removed and record is not None and record.path:
            self.drop_orphan_upload(record.path)  # its uploaded file goes with it
        msg = f"已删除 {report_id}。" if removed else f"没有找到 {report_id}。"
        info(msg)
        return (msg, self.report_table(), gr.Dropdown(choices=self.report_choices(), value=None),
                *self.facts_view(None))

    def ingest_api(self, files) -> list[dict]:
        try:
            return self.ingest_files(files)
        except Exception as e:
            raise error(friendly_error(e)) from None

    # layout ----------------------------------------------------------------------------------
    def build(self) -> dict:
        limit = self.assistant.settings.max_file_mb
        with gr.Row():
            with gr.Column(scale=2):
                files = gr.File(file_count="multiple", file_types=list(SUPPORTED), height=150,
                                label=f"上传报告（{SHOWN}，每个不超过 {limit:g} MB）",
                                elem_id="lib-files")
                go = gr.Button("导入", variant="primary", elem_id="lib-ingest")
            with gr.Column(scale=3):
                status = gr.Markdown("选择文件后点击「导入」。已导入的文件再次导入时，"
                                     "内容未变则跳过，有变化则替换。", elem_id="lib-status")
        reports = gr.Dataframe(self.report_table(), interactive=False, label="已导入的报告",
                               elem_id="lib-reports", max_height=300)
        with gr.Row(equal_height=True):
            chosen = gr.Dropdown(self.report_choices(), value=None, label="选择报告", scale=4,
                                 elem_id="lib-report")
            remove = gr.Button("删除该报告", variant="stop", scale=1, elem_id="lib-remove")
        facts_note = gr.Markdown(elem_id="lib-facts-note")
        facts = gr.Dataframe(pd.DataFrame(columns=FACT_COLUMNS), interactive=False, wrap=True,
                             label="该报告的数字事实与原文", max_height=420, elem_id="lib-facts",
                             column_widths=["12%", "16%", "10%", "20%", "42%"])
        ingest_event = go.click(self.on_ingest, files, [status, reports, chosen, files],
                                api_visibility="private", concurrency_id="library")
        chosen.change(self.facts_view, chosen, [facts_note, facts], api_visibility="private")
        confirmed = gr.Checkbox(visible=False)
        remove_event = remove.click(
            self.on_remove, [chosen, confirmed], [status, reports, chosen, facts_note, facts],
            js="(r, c) => [r, !!r && confirm('确定从资料库删除这份报告吗？')]",
            api_visibility="private", concurrency_id="library")
        # API only: files in, one result per file out
        api_files = gr.File(file_count="multiple", visible=False)
        api_result = gr.JSON(visible=False)
        api_button = gr.Button(visible=False)
        api_button.click(self.ingest_api, api_files, api_result, api_name="ingest",
                         concurrency_id="library")
        return {"changed": [ingest_event, remove_event], "reports": reports, "chosen": chosen}

    def refresh(self):
        return self.report_table(), gr.Dropdown(choices=self.report_choices())
