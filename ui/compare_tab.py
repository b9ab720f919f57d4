"""对比 tab: one metric across departments/years (or a free question), as a table with
未披露 cells, a bar chart and a CSV download. Each value keeps its verbatim source."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import gradio as gr
import pandas as pd

from assistant.answer.types import METRIC_CHOICES, NOT_DISCLOSED, CompareRow, to_csv
from assistant.index.records import ReportRecord

from .format import friendly_error, short_label, tidy, unit_of
from .notify import error

TABLE_COLUMNS = ["部门", "年度", "指标", "数值", "原文", "出处"]
PLOT_COLUMNS = ["部门", "数值", "指标"]


def report_choices(reports: list[ReportRecord]) -> list[tuple[str, str]]:
    return [(f"{short_label(r.department, r.year)}（{r.file}）", r.id) for r in reports]


def year_choices(reports: list[ReportRecord]) -> list[int]:
    return sorted({r.year for r in reports if r.year})


class CompareTab:
    def __init__(self, assistant, out_dir: Path) -> None:
        self.assistant = assistant
        self.out_dir = out_dir

    # core ------------------------------------------------------------------------------------
    def rows_for(self, metric: str = "", report_ids=(), years=(), question: str = ""
                 ) -> tuple[str, list[CompareRow]]:
        """The metric compared and its rows; a question names the metric and departments."""
        if question and question.strip():
            named = self.assistant.compare_question(question)
            if named is None:
                raise error("没能从问题中识别出要对比的指标，请换一种说法，或在上方选择指标。")
            metric, report_ids, years = named
        if not metric:
            raise error("请选择一个指标，或输入一个对比问题。")
        return metric, self.assistant.compare(metric, tuple(report_ids or ()),
                                              tuple(int(y) for y in years or ()))

    def table(self, rows: list[CompareRow]) -> pd.DataFrame:
        return pd.DataFrame(
            [[short_label(r.department, None), r.year or "", r.metric, r.text_value,
              tidy(r.quote) if r.quote else "（报告中未找到该指标）",
              " · ".join(x for x in (r.file, r.section) if x)] for r in rows],
            columns=TABLE_COLUMNS)

    def chart(self, rows: list[CompareRow], metric: str = "") -> pd.DataFrame:
        """Bars for the disclosed values; a related metric is named under its bar."""
        return pd.DataFrame([[short_label(r.department, r.year)
                              + (f"（{r.metric}）" if metric and r.metric != metric else ""),
                              r.value, r.metric] for r in rows if r.value is not None],
                            columns=PLOT_COLUMNS)

    def summary(self, metric: str, rows: list[CompareRow]) -> str:
        if not rows:
            return "没有符合条件的报告。请先在「资料库」导入报告，或放宽部门/年度筛选。"
        missing = [short_label(r.department, r.year) for r in rows if r.value is None]
        other = sorted({r.metric for r in rows if r.value is not None and r.metric != metric})
        text = f"**{metric}**：{len(rows)} 份报告，{len(rows) - len(missing)} 份披露了该指标。"
        if missing:
            text += f" {NOT_DISCLOSED}：{'、'.join(missing)}。"
        if other:
            text += f" 注意：部分报告未给出{metric}，表中列出的是相近指标（{'、'.join(other)}）。"
        return text

    def write_csv(self, metric: str, rows: list[CompareRow]) -> str:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / f"对比_{metric}_{time.strftime('%Y%m%d_%H%M%S')}.csv"
        path.write_text(to_csv(rows), encoding="utf-8")
        return str(path)

    def run(self, metric, report_ids, years, question=""):
        """(summary, table, chart, CSV button, metric); a problem is said in the summary."""
        try:
            metric, rows = self.rows_for(metric, report_ids, years, question)
        except Exception as e:
            message = e.message if isinstance(e, gr.Error) else friendly_error(e)
            return (f"⚠ {message}", *(gr.update(),) * 4)
        chart = self.chart(rows, metric)
        unit = next((unit_of(r.text_value) for r in rows if r.value is not None), "")
        plot = gr.update(value=chart, y_title=f"{metric}（{unit}）" if unit else metric,
                          visible=not chart.empty)
        csv = self.write_csv(metric, rows) if rows else None
        return (self.summary(metric, rows), self.table(rows), plot,
                gr.update(value=csv, visible=csv is not None), gr.update(value=metric))

    def compare_api(self, metric: str = "", report_ids: list[str] | None = None,
                    years: list[int] | None = None, question: str = "") -> dict:
        """Compare one metric across reports (all when none are given), or answer a
        comparison question. Rows carry 未披露 where a report lacks the figure, and the quote."""
        try:
            metric, rows = self.rows_for(metric, report_ids or (), years or (), question)
        except gr.Error:
            raise
        except Exception as e:
            raise error(friendly_error(e)) from None
        return {"metric": metric, "summary": self.summary(metric, rows),
                "rows": [r.to_dict() for r in rows], "csv": to_csv(rows)}

    # layout ----------------------------------------------------------------------------------
    def build(self) -> dict:
        indexed = self.assistant.reports()
        with gr.Row():
            metric = gr.Dropdown(list(METRIC_CHOICES), value="执行率", label="指标", scale=1,
                                 allow_custom_value=True, elem_id="cmp-metric")
            reports = gr.Dropdown(report_choices(indexed), multiselect=True, scale=3,
                                  label="部门（不选则为全部）", elem_id="cmp-reports")
            years = gr.Dropdown(year_choices(indexed), multiselect=True, label="年度（不选则为全部）",
                                scale=1, elem_id="cmp-years")
            go = gr.Button("对比", variant="primary", scale=0, min_width=90, elem_id="cmp-go")
        with gr.Row(equal_height=True):
            question = gr.Textbox(show_label=False, scale=8, elem_id="cmp-question",
                                  placeholder="或直接提问，例如：比较各部门的预算执行率")
            ask = gr.Button("按提问对比", scale=1, min_width=110, elem_id="cmp-ask")
        summary = gr.Markdown(elem_id="cmp-summary")
        with gr.Row():
            with gr.Column(scale=3):
                table = gr.Dataframe(headers=TABLE_COLUMNS, interactive=False, wrap=True,
                                     label="对比表（「原文」列为报告中的原句）", max_height=420,
                                     column_widths=["13%", "7%", "9%", "10%", "41%", "20%"],
                                     elem_id="cmp-table")
            with gr.Column(scale=2):
                plot = gr.BarPlot(None, x="部门", y="数值",
                                  y_lim=[0, None], sort="-y", x_label_angle=-30, height=400,
                                  label="柱状图（未披露的部门不画出）", elem_id="cmp-plot")
                download = gr.DownloadButton("下载 CSV", visible=False, elem_id="cmp-csv")
        outputs = [summary, table, plot, download, metric]
        go.click(self.run, [metric, reports, years], outputs, api_visibility="private")
        ask.click(self.run, [metric, reports, years, question], outputs,
                  api_visibility="private")
        question.submit(self.run, [metric, reports, years, question], outputs,
                        api_visibility="private")
        return {"reports": reports, "years": years}

    def refresh(self):
        reports = self.assistant.reports()
        return (gr.Dropdown(choices=report_choices(reports)),
                gr.Dropdown(choices=year_choices(reports)))


def default_out_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="jixiao-ui-"))
