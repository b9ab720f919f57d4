"""对比 tab: one metric across departments/years (or a free question), as a table with
未披露 cells, a bar chart of the current comparison (`bar_chart`) and CSV/.xlsx downloads
(`compare_export`). Each value keeps its verbatim source."""

from __future__ import annotations

import html
import tempfile
import time
from pathlib import Path

import gradio as gr
import pandas as pd

from assistant.answer.types import METRIC_CHOICES, NOT_DISCLOSED, CompareRow
from assistant.index.records import ReportRecord

from .bar_chart import Bar, axis_range, bar_chart_svg, tick_text
from .compare_export import export_frame, write_csv, write_xlsx
from .format import friendly_error, short_label, tidy, unit_of
from .notify import error

TABLE_COLUMNS = ["部门", "年度", "指标", "数值", "原文", "出处"]
CHART_EMPTY = '<p class="cmp-chart-empty">没有可画出的数值。</p>'


def report_choices(reports: list[ReportRecord]) -> list[tuple[str, str]]:
    return [(f"{short_label(r.department, r.year)}（{r.file}）", r.id) for r in reports]


def year_choices(reports: list[ReportRecord]) -> list[int]:
    return sorted({r.year for r in reports if r.year})


def latest_year(reports: list[ReportRecord]) -> list[int]:
    """The latest indexed year (none when no report has one)."""
    years = year_choices(reports)
    return years[-1:]


# The 年度 filter starts empty: the first comparison shows every department, each with the
# year of its report (a department whose latest report is older is not left out silently).
DEFAULT_YEARS: list[int] = []


def one_line(metric: str, rows: list[CompareRow]) -> str:
    """The answer to a comparison question in one line: the highest and the lowest exact
    figure of the metric ("执行率最高的是A（99.6%），最低的是B（90.2%）"); two rows are
    compared directly; empty when fewer than two rows can be compared."""
    exact = [r for r in rows if r.value is not None and not r.approx and r.metric == metric]
    unit = row_unit(exact[0]) if exact else ""
    exact = [r for r in exact if row_unit(r) == unit]
    if len(exact) < 2:
        return ""
    ranked = sorted(exact, key=lambda r: r.value, reverse=True)
    names = {id(r): short_label(r.department, r.year) for r in ranked}
    top, low = ranked[0], ranked[-1]
    if top.value == low.value:
        return f"{metric}相同：均为{top.text_value}。"
    if len(ranked) == 2:
        return f"{names[id(top)]}的{metric}（{top.text_value}）高于{names[id(low)]}（{low.text_value}）。"
    highest = "、".join(names[id(r)] for r in ranked if r.value == top.value)
    lowest = "、".join(names[id(r)] for r in ranked if r.value == low.value)
    return f"{metric}最高的是{highest}（{top.text_value}），最低的是{lowest}（{low.text_value}）。"


def row_unit(r: CompareRow) -> str:
    return r.unit or unit_of(r.text_value)


def where(r: CompareRow) -> str:
    """file · section · 第N页."""
    return " · ".join(x for x in (r.file, r.section, f"第{r.page}页" if r.page else "") if x)


def chart_bars(rows: list[CompareRow], metric: str = "") -> tuple[list[Bar], str, list[str]]:
    """(bars, their unit, notes on the rows left out): a bar per exact figure in the unit of
    the first one; 约数 ("接近100%") and figures in another unit are named, not drawn."""
    unit = next((row_unit(r) for r in rows if r.value is not None and not r.approx), "")
    bars, left_out = [], []
    for r in rows:
        if r.value is None:
            continue
        name = short_label(r.department, r.year)
        related = bool(metric) and r.metric != metric
        if r.approx:
            left_out.append(f"{name} {r.metric}{r.approx}（约数，不画出）")
        elif row_unit(r) != unit:
            left_out.append(f"{name} {r.metric} {r.text_value}（单位不同，不画出）")
        else:
            bars.append(Bar(name + (f"（{r.metric}）" if related else ""), r.value,
                            tick_text(r.value) + unit, related))
    return bars, unit, left_out


def chart_html(rows: list[CompareRow], metric: str) -> str:
    """The chart with its title (metric and unit), a note when the axis does not start at 0,
    and the rows not drawn."""
    bars, unit, left_out = chart_bars(rows, metric)
    title = f"{metric}（{unit}）" if unit else metric
    notes = []
    if bars:
        low = axis_range([b.value for b in bars])[0]
        if low > 0:
            notes.append(f"横轴从 {tick_text(low)} 起（不从 0 开始），以便看出差别")
    missing = [short_label(r.department, r.year) for r in rows if r.value is None]
    if missing:
        notes.append(f"{NOT_DISCLOSED}不画出：{'、'.join(missing)}")
    notes += left_out
    body = bar_chart_svg(bars) if bars else CHART_EMPTY
    note = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    return (f'<div class="cmp-chart-box" data-metric="{html.escape(metric)}">'
            f'<div class="cmp-chart-title">{html.escape(title)}</div>{body}'
            f'{f"<ul class=cmp-chart-notes>{note}</ul>" if note else ""}</div>')


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
            metric, report_ids, years = self._scope(named, report_ids, years)
        if not metric:
            raise error("请选择一个指标，或输入一个对比问题。")
        return metric, self.assistant.compare(metric, tuple(report_ids or ()),
                                              tuple(int(y) for y in years or ()))

    def _scope(self, named, report_ids, years):
        """A question's (metric, reports, years); one that names no department (各部门) and
        no year keeps the filters chosen above."""
        metric, named_ids, named_years = named
        every = {r.id for r in self.assistant.reports()}
        if named_years or not set(named_ids) >= every:
            return metric, named_ids, named_years
        return metric, tuple(report_ids or ()) or named_ids, tuple(years or ())

    def table(self, rows: list[CompareRow]) -> pd.DataFrame:
        return pd.DataFrame(
            [[short_label(r.department, None), r.year or "", r.metric, r.approx or r.text_value,
              tidy(r.quote) if r.quote else "（报告中未找到该指标）", where(r)] for r in rows],
            columns=TABLE_COLUMNS)

    def summary(self, metric: str, rows: list[CompareRow]) -> str:
        if not rows:
            return "没有符合条件的报告。请先在「资料库」导入报告，或放宽部门/年度筛选。"
        missing = [short_label(r.department, r.year) for r in rows if r.value is None]
        other = sorted({r.metric for r in rows if r.value is not None and r.metric != metric})
        years = "、".join(str(y) for y in sorted({r.year for r in rows if r.year}))
        scope = f"（{years}年）" if years else ""
        text = (f"**{metric}**{scope}：{len(rows)} 份报告，{len(rows) - len(missing)} 份披露了"
                "该指标。")
        if len({r.year for r in rows}) > 1:  # which year each row is
            text += " 各行年度：" + "、".join(short_label(r.department, r.year) or "未知" for r in rows) + "。"
        if missing:
            text += f" {NOT_DISCLOSED}：{'、'.join(missing)}。"
        if other:
            text += f" 注意：部分报告未给出{metric}，表中列出的是相近指标（{'、'.join(other)}）。"
        return text

    def write_exports(self, metric: str, rows: list[CompareRow]) -> tuple[str, str]:
        """(CSV path, .xlsx path) of the rows, named after the metric and the time."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        stem = f"对比_{metric}_{time.strftime('%Y%m%d_%H%M%S')}".replace("/", "_")
        frame = export_frame(rows)
        return (str(write_csv(frame, self.out_dir / f"{stem}.csv")),
                str(write_xlsx(frame, self.out_dir / f"{stem}.xlsx", metric)))

    def run(self, metric, report_ids, years, question=""):
        """(summary, table, chart, CSV button, .xlsx button, metric); a problem is said in
        the summary and the other outputs are left as they were."""
        try:
            metric, rows = self.rows_for(metric, report_ids, years, question)
        except Exception as e:
            message = e.message if isinstance(e, gr.Error) else friendly_error(e)
            return (f"⚠ {message}", *(gr.update(),) * 5)
        csv, xlsx = self.write_exports(metric, rows) if rows else (None, None)
        summary = self.summary(metric, rows)
        answer = one_line(metric, rows) if question and question.strip() else ""
        if answer:
            summary = f"**答：{answer}**\n\n{summary}"
        return (summary, self.table(rows), chart_html(rows, metric),
                gr.update(value=csv, visible=csv is not None),
                gr.update(value=xlsx, visible=xlsx is not None), gr.update(value=metric))

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
        frame = export_frame(rows)
        return {"metric": metric, "summary": self.summary(metric, rows),
                "answer": one_line(metric, rows) if question and question.strip() else "",
                "rows": [r.to_dict() for r in rows],
                "csv": "\ufeff" + frame.to_csv(index=False)}

    # layout ----------------------------------------------------------------------------------
    def build(self) -> dict:
        indexed = self.assistant.reports()
        with gr.Row():
            metric = gr.Dropdown(list(METRIC_CHOICES), value="执行率", label="指标", scale=1,
                                 allow_custom_value=True, elem_id="cmp-metric")
            reports = gr.Dropdown(report_choices(indexed), multiselect=True, scale=3,
                                  label="部门（不选则为全部）", elem_id="cmp-reports")
            years = gr.Dropdown(year_choices(indexed), value=list(DEFAULT_YEARS),
                                multiselect=True, label="年度（不选则为全部）", scale=1,
                                elem_id="cmp-years")
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
                plot = gr.HTML(elem_id="cmp-plot", label="柱状图", min_height=120)
                with gr.Row():
                    csv = gr.DownloadButton("下载 CSV", visible=False, elem_id="cmp-csv")
                    xlsx = gr.DownloadButton("下载 Excel", visible=False, elem_id="cmp-xlsx")
        outputs = [summary, table, plot, csv, xlsx, metric]
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
