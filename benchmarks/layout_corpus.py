"""Synthetic 绩效自评 reports in the layouts real departments publish, with gold facts and
planted contradictions, in the shapes of reports-dev (`facts.json`, `inconsistencies.json`).

Departments of every kind (局、委、中心、学校、镇、街道办事处、医院) and province, their names
composed from parts. Layouts, two reports each (the first with a planted contradiction, the
second clean), one for the PDF:

  sources_pipe   .txt in GB18030: a pipe table (`| a | b |`, no delimiter row) of funding
                 sources × 年初预算数/全年预算数/全年执行数/执行率, amounts in 元   (plants: rate)
  cell_lines     .txt: a 项目支出绩效自评表 flattened one cell per line (`238.93 |`), with an
                 indicator table 一级/二级/三级指标/指标值/完成值/权重/得分      (plants: score)
  md_rows        .txt: markdown-style pipe rows with runs of empty cells (`| ||||`)
                                                                            (plants: sum)
  docx_tables    .docx: real tables, a vertically merged 一级指标 cell      (plants: conflict)
  pdf_ruled      .pdf: ruled tables, one over a page break, caption 单位：元 (clean)
  prose_mixed    .txt in PDF-extraction style (lines cut every 30 characters, page marks):
                 department figures next to a funding source's, a project's, a 三公经费
                 item's, last year's and an indicator's 分值/得分                (plants: unit)
  cell_paragraphs .txt: a 项目支出 or 部门整体支出绩效自评表 one cell per paragraph (blank
                 lines between cells, no pipes): 资金来源 × 年初预算数/全年预算数/全年执行数/
                 分值/执行率/得分 in 万元, then 三级指标/指标值/完成值/分值/得分    (plants: sum)
  one_line_table .txt: prose around a funding-source table pasted from a web page, header
                 and rows all on ONE line, cells separated by spaces        (plants: rate)
  ocr_runon      .txt: prose with the department's 预算数/执行数/执行率, then a 部门整体支出
                 绩效评价指标表 run together by OCR: header words glued, names glued to their
                 weights (一级/二级 where they change), criteria with figures, each score glued
                 to the next row's chain, a weight glued to a criterion that starts with 100%
                 (`预算完成率5100%计满分`), numbered lines 1、2、…           (plants: score)
  pdf_unruled    .pdf: a funding-source table and a project table with no ruling lines
                 (header words, then figures placed in columns), amounts in 元 under
                 单位：元; the prose states the department's figures in 万元   (plants: conflict)

Each gold figure's quote is a verbatim substring of the report as loaded (the file's text
for .txt; the number as written for .docx and the ruled .pdf, the cells as pdfplumber joins
them, with single spaces, for the unruled .pdf). Every inconsistency carries, besides
reports-dev's fields, `figures`: the numbers that contradict each other, so a test can
check that they do.

Usage: python benchmarks/layout_corpus.py OUT_DIR [--seed N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

PROVINCES = ("云南省", "四川省", "河南省", "湖南省", "江苏省", "贵州省", "江西省", "甘肃省")
PLACE_HEAD = "青白石金龙安平永清东南新长富兴梅桃柳"
PLACE_TAIL = "川源溪山河江阳宁丰水岭林坪湾"
BODIES = {
    "局": ("农业农村局", "水利局", "自然资源局", "交通运输局", "民政局", "林业和草原局",
          "市场监督管理局"),
    "委": ("卫生健康委员会", "发展和改革委员会", "教育体育委员会"),
    "中心": ("政务服务中心", "疾病预防控制中心", "融媒体中心", "农业技术推广中心"),
    "学校": ("第一中学", "实验小学", "职业技术学校", "民族中学"),
    "镇": ("镇人民政府",),
    "街道办事处": ("街道办事处",),
    "医院": ("人民医院", "中医医院", "妇幼保健院"),
}
PROJECTS = ("农村饮水安全维修养护", "基层公共服务能力提升", "信息系统运行维护", "业务用房修缮",
            "防汛抗旱物资储备", "重点人群健康管理", "校园安全设施改造", "社区综合服务",
            "高标准农田建后管护", "政务服务事项标准化", "地质灾害隐患排查", "职工教育培训",
            "疫苗冷链运转", "困难群众临时救助", "集镇环境卫生整治", "档案数字化")
SOURCES = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "上年结转", "其他资金")
LAYOUTS = ("sources_pipe", "cell_lines", "md_rows", "docx_tables", "pdf_ruled", "prose_mixed",
           "cell_paragraphs", "one_line_table", "ocr_runon", "pdf_unruled")
WRAP = 30  # characters per line of the PDF-extraction-style text
TWO = Decimal("0.01")


# numbers ----------------------------------------------------------------------------------
def q2(x: Decimal) -> Decimal:
    return x.quantize(TWO, rounding=ROUND_HALF_UP)


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return q2(part / whole * 100) if whole else Decimal("0.00")


def grouped(x: Decimal) -> str:
    return f"{x:,.2f}"


def money(rng: random.Random, low: int, high: int) -> Decimal:
    """An amount with two decimals between low and high."""
    return q2(Decimal(rng.randint(low * 100, high * 100)) / 100)


def share(rng: random.Random, whole: Decimal, low: float = 0.85, high: float = 0.99) -> Decimal:
    return q2(whole * Decimal(str(round(rng.uniform(low, high), 4))))


# the report being written ------------------------------------------------------------------
@dataclass
class Report:
    file: str
    layout: str
    department: str
    kind: str
    province: str
    year: int
    text: str = ""  # the text as loaded, for .txt; "" for .docx/.pdf
    gold: list[dict] = field(default_factory=list)
    inconsistencies: list[dict] = field(default_factory=list)

    def add(self, metric: str, value: Decimal | int | str, unit: str, quote: str,
            which: str = "", note: str = "") -> None:
        row = {"report": self.file, "department": self.department, "year": self.year,
               "metric": metric, "value": _json_number(value), "unit": unit, "quote": quote}
        if which:
            row["which"] = which
        if note:
            row["note"] = note
        self.gold.append(row)

    def plant(self, check: str, what: str, quotes: tuple[str, str], figures: dict,
              stated: str, computed: str) -> None:
        self.inconsistencies.append({
            "report": self.file, "department": self.department, "year": self.year,
            "check": check, "what": what, "quotes": list(quotes), "stated": stated,
            "computed": computed, "figures": {k: _json_number(v) for k, v in figures.items()}})


def _json_number(value: Decimal | int | str) -> float | int | str:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 \
            else float(value)
    return value


def department_name(rng: random.Random, kind: str, used: set[str]) -> str:
    """A department of this kind in an invented place (place + body)."""
    while True:
        place = rng.choice(PLACE_HEAD) + rng.choice(PLACE_TAIL) + rng.choice("县市区")
        body = rng.choice(BODIES[kind])
        if kind in ("镇", "街道办事处"):
            body = rng.choice(PLACE_HEAD) + rng.choice(PLACE_TAIL) + body
        name = place + body
        if name not in used:
            used.add(name)
            return name


# pipe rows -------------------------------------------------------------------------------
def pipe_row(cells: list[str], tail: str = "") -> str:
    return "| " + " | ".join(cells) + " |" + tail


def cell_quote(row: str, k: int) -> str:
    """The row from its start to the end of cell k (0-based): a verbatim quote of that cell."""
    end = 0
    for _ in range(k + 2):
        end = row.index("|", end) + 1
    return row[:end - 1].rstrip()


# layout: a GB18030 pipe table of funding sources, amounts in 元 ------------------------------
def sources_pipe(r: Report, rng: random.Random, planted: bool) -> None:
    sources = rng.sample(SOURCES[:3], 2) + [SOURCES[3]] if rng.random() < 0.5 else list(SOURCES[:3])
    rows, totals = [], [Decimal(0)] * 3
    for name in sources:
        initial = money(rng, 300_000, 9_000_000)
        full = initial + money(rng, 0, 800_000)
        spent = share(rng, full)
        rows.append((name, initial, full, spent))
        totals = [totals[0] + initial, totals[1] + full, totals[2] + spent]
    rate = pct(totals[2], totals[1])
    stated = rate + Decimal("3.17") if planted else rate
    basic = share(rng, totals[2], 0.55, 0.8)
    header = pipe_row(["资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率"])
    body = [pipe_row([n, grouped(a), grouped(b), grouped(c), f"{pct(c, b)}%"]) for n, a, b, c in rows]
    total_row = pipe_row(["合计", *map(grouped, totals), f"{stated}%"])
    r.text = "\n".join([
        f"{r.province}{r.department[:3]}人民政府门户网站 > 信息公开 > 财政资金",
        f"{r.department}{r.year}年度部门整体支出绩效自评报告", "",
        "一、部门基本情况", f"{r.department}是本级人民政府主管相关工作的部门，下设综合科等科室。", "",
        "二、部门预算执行情况", f"{r.year}年度本部门资金来源及执行情况如下（单位：元）：",
        header, *body, total_row, "",
        f"全年执行数中，基本支出{basic}元，项目支出{totals[2] - basic}元。", ""])
    for (name, a, b, c), row in zip(rows, body, strict=True):
        r.add(f"资金来源预算数:{name}", a, "元", cell_quote(row, 1), which="年初预算数")
        r.add(f"资金来源预算数:{name}", b, "元", cell_quote(row, 2), which="全年预算数")
        r.add(f"资金来源执行数:{name}", c, "元", cell_quote(row, 3))
        r.add(f"资金来源执行率:{name}", pct(c, b), "%", cell_quote(row, 4))
    r.add("预算数", totals[0], "元", cell_quote(total_row, 1), which="年初预算数")
    r.add("预算数", totals[1], "元", cell_quote(total_row, 2), which="全年预算数")
    r.add("执行数", totals[2], "元", cell_quote(total_row, 3))
    r.add("执行率", stated, "%", cell_quote(total_row, 4))
    r.add("基本支出", basic, "元", f"基本支出{basic}元")
    r.add("项目支出", totals[2] - basic, "元", f"项目支出{totals[2] - basic}元")
    if planted:
        r.plant("rate", "合计执行率与全年执行数/全年预算数不符",
                (cell_quote(total_row, 4), cell_quote(total_row, 3)),
                {"budget": totals[1], "spent": totals[2], "rate": stated},
                f"执行率{stated}%", f"{grouped(totals[2])}/{grouped(totals[1])}={rate}%")


# layout: a project self-evaluation table, one cell per line ----------------------------------
INDICATORS = (("产出指标", "数量指标", "完成任务数量", "≥", "12", "项"),
              ("产出指标", "质量指标", "验收合格率", "=", "100", "%"),
              ("产出指标", "时效指标", "按时完成率", "≥", "95", "%"),
              ("效益指标", "社会效益指标", "服务对象覆盖率", "≥", "90", "%"),
              ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "85", "%"))


def indicator_scores(rng: random.Random, planted: bool) -> list[tuple[int, Decimal]]:
    """(weight, score) of each indicator; weights add up to 90; a planted score tops its weight."""
    weights = [20, 20, 15, 20, 15]
    scores = [Decimal(w) - (Decimal(rng.choice((0, 0, 1, 2))) / 2) for w in weights]
    if planted:
        k = rng.randrange(len(weights))
        scores[k] = Decimal(weights[k] + rng.choice((2, 5, 8)))
    return list(zip(weights, scores, strict=True))


def cell_lines(r: Report, rng: random.Random, planted: bool) -> None:
    project = rng.choice(PROJECTS)
    initial = money(rng, 20, 400)
    adjusted = initial + money(rng, 0, 30)
    spent = share(rng, adjusted, 0.9, 1.0)
    rate = pct(spent, adjusted)
    budget_score = q2(10 * spent / adjusted)
    scored = indicator_scores(rng, planted)
    lines = [f"报表编号:{rng.randint(100000, 999999)}_{rng.randint(1000, 9999)}zp |", "|", "|", "|",
             f"部门预算项目支出绩效自评表({r.year}年度) |", "项目名称 |",
             f"{rng.randint(10**19, 10**20 - 1)}-{project} |", "主管部门 |", f"{r.department} |",
             "实施单位 (盖章) |", f"{r.department} |", "预算执行情况(10分) |", "年度预算数(万元) |"]
    lines += [f"{h} |" for h in ("年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因")]
    total = ["总额 |", f"{initial} |", f"{adjusted} |", f"{spent} |", f"{rate}% |", "10 |",
             f"{budget_score} |"]
    lines += total + ["预算执行率=预算执行数/调整后预算数。 |", "其中:财政资金 |", f"{initial} |",
                      f"{adjusted} |", f"{spent} |", f"{rate}% |", "/ |", "/ |", "单位资金 |",
                      "0.00 |", "0.00 |", "0.00 |", "0.00% |", "/ |", "/ |", "绩效指标(90分) |"]
    lines += [f"{h} |" for h in ("一级指标", "二级指标", "三级指标", "指标性质", "指标值",
                                 "度量单位", "完成值", "权重", "得分", "未完成原因分析")]
    rows = []
    for (first, second, third, sign, target, unit), (weight, score) in zip(INDICATORS, scored, strict=True):
        row = [f"{first} |", f"{second} |", f"{third} |", f"{sign} |", f"{target} |", f"{unit} |",
               f"{target} |", f"{weight} |", f"{score} |", "|"]
        rows.append((third, row))
        lines += row
    overall = budget_score + sum(s for _, s in scored)
    lines += ["合计 |", "100 |", f"{overall} |", "评价结论 |", "项目按计划实施，资金使用规范。 |"]
    r.text = "\n".join(lines) + "\n"

    def upto(cells: list[str], k: int) -> str:
        return "\n".join(cells[:k + 1])

    r.add(f"项目预算数:{project}", initial, "万元", upto(total, 1), which="年初预算")
    r.add(f"项目预算数:{project}", adjusted, "万元", upto(total, 2), which="调整后预算数")
    r.add(f"项目执行数:{project}", spent, "万元", upto(total, 3))
    r.add(f"项目执行率:{project}", rate, "%", upto(total, 4))
    r.add("预算执行权重", 10, "分", upto(total, 5))
    r.add("预算执行得分", budget_score, "分", upto(total, 6))
    for (third, row), (weight, score) in zip(rows, scored, strict=True):
        r.add(f"指标分值:{third}", weight, "分", "\n".join(row[2:8]))
        r.add(f"指标得分:{third}", score, "分", "\n".join(row[2:9]))
        if score > weight:
            r.plant("score", f"“{third}”得分高于权重", ("\n".join(row[2:8]), "\n".join(row[2:9])),
                    {"weight": weight, "score": score}, f"得分{score}", f"权重{weight}")
    r.add("自评得分", overall, "分", f"合计 |\n100 |\n{overall} |")


# layout: markdown-style pipe rows with runs of empty cells -----------------------------------
def md_rows(r: Report, rng: random.Random, planted: bool) -> None:
    basic_b, project_b = money(rng, 300, 3000), money(rng, 50, 1500)
    basic_s, project_s = share(rng, basic_b, 0.95, 1.0), share(rng, project_b, 0.7, 0.98)
    budget, spent = basic_b + project_b, basic_s + project_s
    stated_spent = spent + Decimal("12.30") if planted else spent
    rate = pct(stated_spent, budget)
    classes = [("其中：基本支出", "基本支出", basic_b, basic_s), ("项目支出", "项目支出", project_b, project_s)]
    total_row = pipe_row(["部门整体支出", str(budget), str(stated_spent), f"{rate}%", "10",
                          str(q2(rate / 10))], " |")
    class_rows = [pipe_row([label, str(b), str(s), f"{pct(s, b)}%", "/", "/"], " |")
                  for label, _, b, s in classes]
    scored = indicator_scores(rng, False)
    ind_rows = [pipe_row([a, b, c, f"{sign}{t}{u}", f"{t}{u}", str(w), str(s)])
                for (a, b, c, sign, t, u), (w, s) in zip(INDICATORS, scored, strict=True)]
    overall = q2(rate / 10) + sum(s for _, s in scored)
    r.text = "\n".join([
        pipe_row([f"部门整体支出绩效自评表({r.year}年度)"], " ||||||"),
        pipe_row(["部门名称", r.department], " |||||"),
        pipe_row(["年度预算执行情况(万元)", "预算数", "执行数", "执行率", "分值", "得分"], " |"),
        total_row, *class_rows,
        pipe_row(["年度总体目标", "完成年初确定的各项工作任务，保障部门正常运转。"], " |||||"),
        pipe_row(["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"]),
        *ind_rows, pipe_row(["总分", "100", str(overall)], " ||||"), ""])
    r.add("预算数", budget, "万元", cell_quote(total_row, 1))
    r.add("执行数", stated_spent, "万元", cell_quote(total_row, 2))
    r.add("执行率", rate, "%", cell_quote(total_row, 3))
    for (_, metric, b, s), row in zip(classes, class_rows, strict=True):
        r.add(metric, b, "万元", cell_quote(row, 1), which="预算数")
        r.add(metric, s, "万元", cell_quote(row, 2), which="执行数")
        r.add(f"{metric}执行率", pct(s, b), "%", cell_quote(row, 3))
    for (_, _, third, *_), (w, s), row in zip(INDICATORS, scored, ind_rows, strict=True):
        r.add(f"指标分值:{third}", w, "分", cell_quote(row, 5))
        r.add(f"指标得分:{third}", s, "分", cell_quote(row, 6))
    r.add("自评得分", overall, "分", f"| 总分 | 100 | {overall}")
    if planted:
        r.plant("sum", "基本支出与项目支出的执行数之和不等于部门整体支出执行数",
                (class_rows[0] + "\n" + cell_quote(class_rows[1], 2),
                 cell_quote(total_row, 2)),
                {"parts": [float(basic_s), float(project_s)], "total": stated_spent},
                f"部门整体支出执行数{stated_spent}万元", f"{basic_s}+{project_s}={spent}万元")


# layout: a .docx with real tables ---------------------------------------------------------
def docx_tables(r: Report, rng: random.Random, planted: bool, path: Path) -> None:
    from docx import Document

    basic_b, project_b = money(rng, 300, 2500), money(rng, 80, 900)
    basic_s, project_s = share(rng, basic_b, 0.96, 1.0), share(rng, project_b, 0.8, 0.99)
    budget, spent = basic_b + project_b, basic_s + project_s
    prose_spent = spent - Decimal("25.60") if planted else spent
    doc = Document()
    doc.add_heading(f"{r.department}{r.year}年度部门整体支出绩效自评报告", 1)
    doc.add_heading("一、部门基本情况", 2)
    doc.add_paragraph(f"{r.department}主要承担本级相关公共服务职能。")
    doc.add_heading("二、预算执行情况", 2)
    sentence = f"{r.year}年度部门全年支出{prose_spent}万元，详见下表。"
    doc.add_paragraph(sentence)
    rows = [("项目", "预算数（万元）", "执行数（万元）", "执行率"),
            ("基本支出", str(basic_b), str(basic_s), f"{pct(basic_s, basic_b)}%"),
            ("项目支出", str(project_b), str(project_s), f"{pct(project_s, project_b)}%"),
            ("合计", str(budget), str(spent), f"{pct(spent, budget)}%")]
    _docx_table(doc, rows)
    doc.add_heading("三、绩效指标完成情况", 2)
    scored = indicator_scores(rng, False)
    _indicator_docx_table(doc, scored)
    doc.save(str(path))
    r.add("执行数", prose_spent, "万元", f"全年支出{prose_spent}万元")
    for label, b, s, rate in rows[1:3]:
        r.add(label, Decimal(b), "万元", b, which="预算数")
        r.add(label, Decimal(s), "万元", s, which="执行数")
        r.add(f"{label}执行率", Decimal(rate[:-1]), "%", rate)
    r.add("预算数", budget, "万元", str(budget))
    if planted:
        r.plant("conflict", "部门全年支出在正文与表中数值不同",
                (f"全年支出{prose_spent}万元", str(spent)), {"values": [float(prose_spent), float(spent)]},
                f"{prose_spent}万元；{spent}万元", f"相差{spent - prose_spent}万元")
    r.add("执行数", spent, "万元", str(spent), which="表中合计")
    r.add("执行率", pct(spent, budget), "%", f"{pct(spent, budget)}%")
    for (_, _, third, *_), (w, s) in zip(INDICATORS, scored, strict=True):
        r.add(f"指标分值:{third}", w, "分", str(w))
        r.add(f"指标得分:{third}", s, "分", str(s))


def _docx_table(doc, rows: list[tuple[str, ...]]):
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    return table


def _indicator_docx_table(doc, scored: list[tuple[int, Decimal]]) -> None:
    """一级/二级/三级指标/分值/得分, each 一级指标 one vertically merged cell."""
    rows = [("一级指标", "二级指标", "三级指标", "分值", "得分")]
    rows += [(a, b, c, str(w), str(s)) for (a, b, c, *_), (w, s) in zip(INDICATORS, scored, strict=True)]
    table = _docx_table(doc, rows)
    start = 1
    for i in range(2, len(rows) + 1):
        if i == len(rows) or rows[i][0] != rows[start][0]:
            if i - 1 > start:
                merged = table.cell(start, 0).merge(table.cell(i - 1, 0))
                merged.text = rows[start][0]
            start = i


# layout: a .pdf with ruled tables --------------------------------------------------------
def pdf_ruled(r: Report, rng: random.Random, planted: bool, path: Path) -> None:
    from pdf_writer import PdfDoc

    names = rng.sample(PROJECTS, 12)
    projects = []
    for k, name in enumerate(names, 1):
        b = money(rng, 50_000, 900_000)
        projects.append((f"{k}", name, b, share(rng, b, 0.8, 1.0)))
    budget, spent = sum(p[2] for p in projects), sum(p[3] for p in projects)
    doc = PdfDoc(size=11)
    doc.text(f"{r.department}{r.year}年度项目支出绩效自评报告", size=15, align="center")
    for _ in range(14):
        doc.text("本单位严格执行预算管理制度，按照年初确定的绩效目标组织实施各项目，"
                 "资金使用规范，项目管理有序。")
    doc.text(f"全年项目预算数{grouped(budget)}元，执行数{grouped(spent)}元，"
             f"执行率{pct(spent, budget)}%。")
    general = share(rng, budget, 0.6, 0.9)
    doc.text("项目资金来源", align="center").text("单位：元", align="right")
    doc.table([["资金来源", "预算数"], ["财政拨款", grouped(general)],
               ["其他资金", grouped(budget - general)], ["合计", grouped(budget)]],
              col_widths=[240, 150])
    doc.text("单位：元", align="right")
    rows = [["序号", "项目名称", "预算数", "执行数", "执行率"]]
    rows += [[k, n, grouped(b), grouped(s), f"{pct(s, b)}%"] for k, n, b, s in projects]
    rows.append(["合计", None, grouped(budget), grouped(spent), f"{pct(spent, budget)}%"])
    doc.table(rows, col_widths=[40, 200, 90, 90, 60], repeat_header=True)
    path.write_bytes(doc.to_bytes())
    r.add("项目支出", budget, "元", grouped(budget), which="预算数")
    r.add("项目支出", spent, "元", grouped(spent), which="执行数")
    r.add("项目支出执行率", pct(spent, budget), "%", f"{pct(spent, budget)}%")
    r.add("资金来源预算数:财政拨款", general, "元", grouped(general))
    r.add("资金来源预算数:其他资金", budget - general, "元", grouped(budget - general))
    for _, name, b, s in projects:
        r.add(f"项目预算数:{name}", b, "元", grouped(b))
        r.add(f"项目执行数:{name}", s, "元", grouped(s))
        r.add(f"项目执行率:{name}", pct(s, b), "%", f"{pct(s, b)}%")


# layout: prose in PDF-extraction style -------------------------------------------------
def wrapped(paragraph: str) -> str:
    return "\n".join(paragraph[i:i + WRAP] for i in range(0, len(paragraph), WRAP))


def wrapped_quote(paragraph: str, phrase: str) -> str:
    """The phrase as it reads once the paragraph is cut every WRAP characters."""
    s = paragraph.index(phrase)
    e = s + len(phrase)
    return wrapped(paragraph)[s + s // WRAP:(e - 1) + (e - 1) // WRAP + 1]


@dataclass
class ProseFigures:
    income: Decimal
    general: Decimal
    fund: Decimal
    carried: Decimal
    budget: Decimal
    spent: Decimal
    general_spent: Decimal
    basic: Decimal
    last_year: Decimal
    project: str
    project_budget: Decimal
    project_spent: Decimal
    three: Decimal
    reception: Decimal


def prose_figures(rng: random.Random) -> ProseFigures:
    general, fund, carried = money(rng, 500, 3000), money(rng, 20, 300), money(rng, 10, 200)
    income = general + fund + carried
    budget = income
    spent = share(rng, budget, 0.88, 0.99)
    pb = money(rng, 30, 200)
    three = money(rng, 3, 30)
    return ProseFigures(income, general, fund, carried, budget, spent, share(rng, spent, 0.6, 0.8),
                        share(rng, spent, 0.5, 0.7), share(rng, spent, 0.8, 1.1),
                        rng.choice(PROJECTS), pb, share(rng, pb, 0.85, 1.0), three,
                        share(rng, three, 0.2, 0.6))


def prose_mixed(r: Report, rng: random.Random, planted: bool) -> None:
    f = prose_figures(rng)
    rate = pct(f.spent, f.budget)
    people, standard = rng.choice((80, 120, 150, 240)), rng.choice((200, 300, 500))
    relief = Decimal(people * standard) / 10000
    paras: list[tuple[str, list[tuple[str, str, Decimal | int, str, str]]]] = [
        (f"{r.year}年度部门收入合计{f.income}万元，其中一般公共预算财政拨款收入{f.general}万元，"
         f"政府性基金预算财政拨款收入{f.fund}万元，上年结转{f.carried}万元。",
         [("收入", f"收入合计{f.income}万元", f.income, "万元", ""),
          ("资金来源收入:一般公共预算财政拨款", f"一般公共预算财政拨款收入{f.general}万元", f.general, "万元", ""),
          ("资金来源收入:政府性基金预算财政拨款", f"政府性基金预算财政拨款收入{f.fund}万元", f.fund, "万元", ""),
          ("资金来源收入:上年结转", f"上年结转{f.carried}万元", f.carried, "万元", "")]),
        (f"全年预算数{f.budget}万元，支出合计{f.spent}万元，预算执行率{rate}%；其中一般公共预算"
         f"财政拨款支出{f.general_spent}万元。上年（{r.year - 1}年）支出合计{f.last_year}万元。",
         [("预算数", f"全年预算数{f.budget}万元", f.budget, "万元", ""),
          ("执行数", f"支出合计{f.spent}万元", f.spent, "万元", ""),
          ("执行率", f"预算执行率{rate}%", rate, "%", ""),
          ("资金来源执行数:一般公共预算财政拨款", f"财政拨款支出{f.general_spent}万元", f.general_spent, "万元", ""),
          ("上年执行数", f"支出合计{f.last_year}万元", f.last_year, "万元", f"{r.year - 1}年")]),
        (f"按支出性质分，基本支出{f.basic}万元，项目支出{f.spent - f.basic}万元。",
         [("基本支出", f"基本支出{f.basic}万元", f.basic, "万元", ""),
          ("项目支出", f"项目支出{f.spent - f.basic}万元", f.spent - f.basic, "万元", "")]),
        (f"{f.project}项目年初预算{f.project_budget}万元，实际执行{f.project_spent}万元，"
         f"项目执行率{pct(f.project_spent, f.project_budget)}%。",
         [(f"项目预算数:{f.project}", f"年初预算{f.project_budget}万元", f.project_budget, "万元", ""),
          (f"项目执行数:{f.project}", f"实际执行{f.project_spent}万元", f.project_spent, "万元", ""),
          (f"项目执行率:{f.project}", f"项目执行率{pct(f.project_spent, f.project_budget)}%",
           pct(f.project_spent, f.project_budget), "%", "")]),
        (f"“三公”经费支出{f.three}万元，其中公务接待费{f.reception}万元。",
         [("三公经费支出", f"经费支出{f.three}万元", f.three, "万元", ""),
          ("三公经费支出:公务接待费", f"公务接待费{f.reception}万元", f.reception, "万元", "")]),
        ("“预算执行率”指标分值10分，得分9.5分。",
         [("指标分值:预算执行率", "指标分值10分", 10, "分", ""),
          ("指标得分:预算执行率", "得分9.5分", Decimal("9.5"), "分", "")]),
    ]
    if planted:
        paras.append((f"开展春节走访慰问，慰问对象{people}人，慰问标准{standard}元/人，"
                      f"本级配套慰问资金{relief}元，已全部发放。",
                      [("慰问对象人数", f"慰问对象{people}人", people, "人", ""),
                       ("慰问标准", f"慰问标准{standard}元", standard, "元", ""),
                       ("项目预算数:春节走访慰问", f"配套慰问资金{relief}元", relief, "元", "未说明")]))
    _write_prose(r, paras)
    if planted:
        p = paras[-1][0]
        r.plant("unit", "配套资金单位与人数×标准不符",
                (wrapped_quote(p, f"慰问对象{people}人，慰问标准{standard}元/人"),
                 wrapped_quote(p, f"配套慰问资金{relief}元")),
                {"people": people, "standard": standard, "stated": relief},
                f"{relief}元", f"{people}×{standard}={people * standard}（元）={relief}万元")


def _write_prose(r: Report, paras: list) -> None:
    title = f"{r.department}{r.year}年度部门整体支出绩效自评报告"
    blocks = [title, "", "一、部门基本情况", wrapped(f"{r.department}认真履行职责，"
                                                   "各项工作有序推进。"), "— 1 —", "二、预算执行情况"]
    for k, (text, figures) in enumerate(paras):
        blocks.append(wrapped(text))
        if k == 2:
            blocks += ["— 2 —", title[:WRAP]]
        for metric, phrase, value, unit, which in figures:
            note = "单位疑为万元" if which == "未说明" else ""
            r.add(metric, value, unit, wrapped_quote(text, phrase), which=which, note=note)
    r.text = "\n".join(blocks) + "\n"


# layout: a self-evaluation table flattened one cell per paragraph ---------------------------
SOURCE_ROWS = ("其中：财政拨款", "上年结转", "其他资金")


def cell_paragraphs(r: Report, rng: random.Random, planted: bool) -> None:
    """One cell a paragraph (blank lines between cells, no pipes): a funding table
    资金来源 × 年初预算数/全年预算数/全年执行数/分值/执行率/得分 in 万元 and an indicator table
    三级指标/指标值/完成值/分值/得分; a project's table or the department's."""
    project = rng.choice(PROJECTS) if rng.random() < 0.5 else ""
    rows = []
    for label in SOURCE_ROWS:
        initial = money(rng, 0, 20) if label == "其他资金" else money(rng, 60, 900)
        full = initial + money(rng, 0, 40)
        rows.append((label, initial, full, share(rng, full, 0.85, 0.97)))
    initial, full = sum(x[1] for x in rows), sum(x[2] for x in rows)
    spent = sum(x[3] for x in rows)
    stated = spent + money(rng, 8, 30) if planted else spent
    rate = pct(stated, full)
    budget_score = q2(min(rate, Decimal(100)) / 10)
    total = ["年度资金总额", str(initial), str(full), str(stated), "10", f"{rate}%", str(budget_score)]
    source_cells = [[label, str(a), str(b), str(c), "—", f"{pct(c, b)}%", "—"] for label, a, b, c in rows]
    scored = indicator_scores(rng, False)
    ind_rows = [[third, f"{sign}{t}{u}", f"{t}{u}", str(w), str(s)]
                for (_, _, third, sign, t, u), (w, s) in zip(INDICATORS, scored, strict=True)]
    overall = budget_score + sum(s for _, s in scored)
    kind = "项目支出" if project else "部门整体支出"
    cells = [f"{r.year}年度{kind}绩效自评表", *(["项目名称", project] if project else []),
             "主管部门", r.department, "实施单位", r.department, "年度预算执行情况（万元）",
             "资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
             *total, *[c for row in source_cells for c in row],
             "年度总体目标", "完成年度各项工作任务，保障单位正常运转，提升公共服务水平。", "绩效指标",
             "三级指标", "指标值", "完成值", "分值", "得分", *[c for row in ind_rows for c in row],
             "总分", "100", str(overall), "评价结论", "资金使用规范，绩效目标基本完成。"]
    r.text = "\n\n".join(cells) + "\n"

    def upto(row: list[str], k: int) -> str:
        return "\n\n".join(row[:k + 1])

    names = ("项目预算数", "项目执行数", "项目执行率") if project else ("预算数", "执行数", "执行率")
    subject = f":{project}" if project else ""
    r.add(names[0] + subject, initial, "万元", upto(total, 1), which="年初预算数")
    r.add(names[0] + subject, full, "万元", upto(total, 2), which="全年预算数")
    r.add(names[1] + subject, stated, "万元", upto(total, 3))
    r.add(names[2] + subject, rate, "%", upto(total, 5))
    r.add("预算执行权重", 10, "分", upto(total, 4))
    r.add("预算执行得分", budget_score, "分", upto(total, 6))
    for (label, _, b, c), row in zip(rows, source_cells, strict=True):
        name = label.removeprefix("其中：")
        r.add(f"资金来源预算数:{name}", b, "万元", upto(row, 2), which="全年预算数")
        r.add(f"资金来源执行数:{name}", c, "万元", upto(row, 3))
    for row in ind_rows:
        r.add(f"指标分值:{row[0]}", int(row[3]), "分", upto(row, 3))
        r.add(f"指标得分:{row[0]}", Decimal(row[4]), "分", upto(row, 4))
    r.add("自评得分", overall, "分", f"总分\n\n100\n\n{overall}")
    if planted:
        first = r.text.index(source_cells[0][0])
        last = upto(source_cells[-1], 3)
        sources_quote = r.text[first:r.text.index(last) + len(last)]
        r.plant("sum", "各资金来源的全年执行数之和不等于年度资金总额的全年执行数",
                (upto(total, 3), sources_quote),
                {"parts": [float(c) for *_, c in rows], "total": stated},
                f"全年执行数{stated}万元", f"{'+'.join(str(c) for *_, c in rows)}={spent}万元")


# layout: a web page's table pasted into text, the whole table on one line ------------------
def one_line_table(r: Report, rng: random.Random, planted: bool) -> None:
    """Prose around a funding-source table whose header and rows are all on ONE line, the cells
    separated by single spaces (amounts in 万元, the total row last)."""
    rows = []
    for name in rng.sample(SOURCES, 3):
        initial = money(rng, 40, 1500)
        full = initial + money(rng, 0, 120)
        rows.append((name, initial, full, share(rng, full, 0.82, 0.99)))
    initial, full = sum(x[1] for x in rows), sum(x[2] for x in rows)
    spent = sum(x[3] for x in rows)
    rate = pct(spent, full)
    stated = rate - Decimal("6.40") if planted else rate
    basic = share(rng, spent, 0.5, 0.8)
    cells = [["资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率"]]
    cells += [[n, str(a), str(b), str(c), f"{pct(c, b)}%"] for n, a, b, c in rows]
    cells.append(["合计", str(initial), str(full), str(spent), f"{stated}%"])
    line = " ".join(c for row in cells for c in row)
    r.text = "\n".join([
        f"首页 > 政务公开 > 预决算公开 > {r.department}", "",
        f"{r.department}{r.year}年度部门整体支出绩效自评报告", "", "一、部门概况",
        f"{r.department}内设办公室等{rng.randint(3, 9)}个股室，主要负责本行政区域内的相关工作。", "",
        "二、部门预算执行情况", "（一）资金来源及执行情况（单位：万元）", line, "",
        f"（二）支出结构。全年执行数中，基本支出{basic}万元，项目支出{spent - basic}万元。", ""])

    def cell(i: int, k: int) -> str:  # row i (0 the header) from its label to cell k
        return " ".join(cells[i][:k + 1])

    for i, (name, _, b, c) in enumerate(rows, 1):
        r.add(f"资金来源预算数:{name}", b, "万元", cell(i, 2), which="全年预算数")
        r.add(f"资金来源执行数:{name}", c, "万元", cell(i, 3))
        r.add(f"资金来源执行率:{name}", pct(c, b), "%", cell(i, 4))
    last = len(cells) - 1
    r.add("预算数", initial, "万元", cell(last, 1), which="年初预算数")
    r.add("预算数", full, "万元", cell(last, 2), which="全年预算数")
    r.add("执行数", spent, "万元", cell(last, 3))
    r.add("执行率", stated, "%", cell(last, 4))
    r.add("基本支出", basic, "万元", f"基本支出{basic}万元")
    r.add("项目支出", spent - basic, "万元", f"项目支出{spent - basic}万元")
    if planted:
        r.plant("rate", "合计执行率与全年执行数/全年预算数不符", (cell(last, 4), cell(last, 3)),
                {"budget": full, "spent": spent, "rate": stated},
                f"执行率{stated}%", f"{spent}/{full}={rate}%")


# layout: an indicator table run together by OCR ------------------------------------------
# (一级, 二级, 三级, 分值, 评价标准, 指标说明): weights add up to 100
OCR_ROWS = (
    ("投入", "预算配置", "在职人员控制率", 5, "以100%为标准。在职人员控制率≤100%,计满分;每超过一个百分点扣0.5分,扣完为止。",
     "在职人员控制率=(在职人员数/编制数)×100%"),
    ("投入", "预算配置", "“三公经费”变动率", 5, "“三公经费”变动率≤0,计满分;每超过一个百分点扣0.5分,扣完为止。",
     "“三公经费”变动率=(本年度“三公经费”预算数-上年度“三公经费”预算数)/上年度“三公经费”预算数×100%"),
    ("投入", "预算配置", "重点支出安排率", 5, "100%计满分,每低于5%扣1分,扣完为止。",
     "重点支出安排率=重点项目支出/项目总支出×100%。"),
    ("过程", "预算执行", "预算完成率", 5, "100%计满分,每低于5%扣2分,扣完为止。",
     "预算完成率=(预算完成数/预算数)×100%。"),
    ("过程", "预算执行", "预算控制率", 5, "预算控制率=0,计满分;0-10%(含),计4分;10-20%(含),计3分;大于30%不得分。",
     "预算控制率=(本年追加预算/年初预算)×100%"),
    ("过程", "预算执行", "结转结余率", 5, "结转结余率≤10%计满分,每超过1个百分点扣0.5分。",
     "结转结余率=结转结余总额/支出预算数×100%。"),
    ("过程", "财务管理", "管理制度健全性", 5, "已制定或具有预算资金管理办法、内部财务管理制度的,计满分;否则酌情扣分。",
     "反映部门为加强管理所制定的相关制度是否健全。"),
    ("过程", "财务管理", "资金使用合规性", 5, "资金使用符合国家财经法规和财务管理制度的,计满分;发现一处违规扣1分。",
     "反映部门资金使用是否符合相关制度规定。"),
    ("产出", "职责履行", "实际完成率", 10, "100%计满分,每低于5%扣2分,扣完为止。",
     "实际完成率=(实际完成工作数/计划工作数)×100%"),
    ("产出", "职责履行", "完成及时率", 10, "在规定时限内完成的,计满分;每延迟一项扣1分。",
     "反映部门按计划完成各项工作的及时程度。"),
    ("产出", "职责履行", "质量达标率", 10, "质量达标率达到100%的计满分,每低于1个百分点扣0.5分。",
     "质量达标率=(质量达标工作数/实际完成工作数)×100%"),
    ("效果", "履职效益", "社会效益", 10, "对照年度目标,效益明显的计满分,较明显的计6分。",
     "反映部门履行职责对社会发展带来的直接或间接影响。"),
    ("效果", "履职效益", "可持续影响", 10, "长效管理机制健全的计满分,基本健全的计6分。",
     "反映部门履职对可持续发展的影响。"),
    ("效果", "满意度", "服务对象满意度", 10, "满意度≥90%计满分,每低于1个百分点扣0.5分。",
     "服务对象满意度=满意人数/调查总人数×100%。"),
)
OCR_LINE = 320  # characters before OCR starts a new numbered line


@dataclass
class OcrRow:
    first: str
    second: str
    third: str
    weight: int
    body: str  # 评价标准 and 指标说明 as the OCR read them
    score: Decimal
    chain: str = ""  # the names glued to their weights that open the row
    opens: tuple[bool, bool] = (False, False)  # the row opens a new 一级, a new 二级 name


def ocr_rows(rng: random.Random, planted: bool) -> list[OcrRow]:
    """The rows with weights moved about (still 100 in all) and scores; one planted score tops
    its weight (a row whose criterion does not start with a figure)."""
    weights = [row[3] for row in OCR_ROWS]
    for _ in range(3):
        a, b = rng.sample(range(len(weights)), 2)
        if weights[a] > 3:
            weights[a], weights[b] = weights[a] - 1, weights[b] + 1
    scores = [Decimal(w) - Decimal(rng.choice((0, 0, 0, 1, 2))) / 2 for w in weights]
    if planted:
        k = rng.choice([i for i, row in enumerate(OCR_ROWS) if not row[4][0].isdigit()])
        scores[k] = Decimal(weights[k] + rng.choice((2, 3, 5)))
    return [OcrRow(f, s, t, w, ocr_glyphs(crit + note), sc)
            for (f, s, t, _, crit, note), w, sc in zip(OCR_ROWS, weights, scores, strict=True)]


def ocr_glyphs(text: str) -> str:
    """What OCR makes of the table's signs: ≤ read as W, × as X."""
    return text.replace("≤", "W").replace("×", "X")


def ocr_runon(r: Report, rng: random.Random, planted: bool) -> None:
    """A few prose sentences with the department's 预算数/执行数/执行率, then a 部门整体支出绩效评价
    指标表 run together by OCR: the header words glued, each row a chain of names glued to their
    weights (一级/二级 only where they change), its criteria, then its score glued to the next
    row's chain; the text cut into numbered lines (1、 2、 …) inside the criteria."""
    budget = money(rng, 300, 5000)
    spent = share(rng, budget, 0.86, 0.99)
    rate = pct(spent, budget)
    rows = ocr_rows(rng, planted)
    firsts = {f: sum(x.weight for x in rows if x.first == f) for f in dict.fromkeys(x.first for x in rows)}
    seconds = {s: sum(x.weight for x in rows if x.second == s) for s in dict.fromkeys(x.second for x in rows)}
    header = "部门整体支出绩效评价指标表" + ("级指标分值" if rng.random() < 0.5 else "一级指标分值") + \
        "二级指标分值三级指标分值评价标准指标说明得分"
    run = f"{r.year}年度部门(单位)整体支出绩效评价自评报告部门(单位)名称{r.department}" \
          f"预算编码{rng.randint(100000, 999999)}报告日期:{r.year + 1}年{rng.randint(3, 6)}月" \
          f"{rng.randint(1, 28)}日{header}"
    lines, prev = [], None
    for x in rows:
        x.opens = (prev is None or x.first != prev.first, prev is None or x.second != prev.second)
        if x.opens[0]:
            x.chain += f"{x.first}{firsts[x.first]}"
        if x.opens[1]:
            x.chain += f"{x.second}{seconds[x.second]}"
        x.chain += f"{x.third}{x.weight}"
        run += (str(prev.score) if prev else "") + x.chain
        cut = len(x.body) // 2
        while not ("\u4e00" <= x.body[cut - 1] <= "\u9fff" and "\u4e00" <= x.body[cut] <= "\u9fff"):
            cut += 1
        if len(run) + cut > OCR_LINE:
            lines.append(run + x.body[:cut])
            run = x.body[cut:]
        else:
            run += x.body
        prev = x
    overall = sum(x.score for x in rows)
    overall = overall.quantize(Decimal(1)) if overall == overall.to_integral_value() else overall
    lines.append(run + str(prev.score))
    r.text = "\n".join([
        f"{r.department}{r.year}年度部门整体支出绩效自评报告.pdf",
        f"一、部门预算执行情况。{r.year}年度{r.department}全年预算数{budget}万元，"
        f"全年执行数{spent}万元，预算执行率{rate}%，资金总体执行较好。",
        *[f"{k}、{line}" for k, line in enumerate(lines, 1)],
        f"经自评，{r.department}{r.year}年度部门整体支出绩效自评得分{overall}分。", ""])
    r.add("预算数", budget, "万元", f"全年预算数{budget}万元")
    r.add("执行数", spent, "万元", f"全年执行数{spent}万元")
    r.add("执行率", rate, "%", f"预算执行率{rate}%")
    _ocr_gold(r, rows, firsts, seconds)
    r.add("自评得分", overall, "分", f"自评得分{overall}分")


def _ocr_gold(r: Report, rows: list[OcrRow], firsts: dict, seconds: dict) -> None:
    """Each name's weight (quoted from its chain and the criterion's first words) and each row's
    score (from the end of its criteria to the start of the next row's chain)."""
    for k, x in enumerate(rows):
        weight_quote = x.chain + x.body[:6]
        second_at = len(x.first) + len(str(firsts[x.first])) if x.opens[0] else 0
        third_at = len(x.chain) - len(x.third) - len(str(x.weight))
        if x.opens[0]:
            r.add(f"一级指标分值:{x.first}", firsts[x.first], "分", x.chain[:second_at])
        if x.opens[1]:
            r.add(f"二级指标分值:{x.second}", seconds[x.second], "分", x.chain[:third_at])
        r.add(f"指标分值:{x.third}", x.weight, "分", weight_quote,
              note="分值与以100%起首的评价标准粘连" if x.body.startswith("100%") else "")
        after = rows[k + 1].chain if k + 1 < len(rows) else ""
        score_quote = x.body[-10:] + str(x.score) + after[:6]
        if score_quote not in r.text:
            raise ValueError(score_quote)
        r.add(f"指标得分:{x.third}", x.score, "分", score_quote,
              note="得分与下一行的指标名粘连" if after else "")
        if x.score > x.weight:
            r.plant("score", f"“{x.third}”得分高于分值", (weight_quote, score_quote),
                    {"weight": x.weight, "score": x.score}, f"得分{x.score}", f"分值{x.weight}")


# layout: a .pdf whose tables have no ruling lines ------------------------------------------
def _hundreds(rng: random.Random, low: int, high: int) -> Decimal:
    """An amount in 元 in whole hundreds (so that it reads in 万元 with two decimals)."""
    return Decimal(rng.randint(low // 100, high // 100) * 100).quantize(TWO)


def _unruled_row(doc, cells: list[str], rights: list[float], size: float) -> None:
    """One table row at the flow position: the first cell left at the margin, the others
    right-aligned at their column's right edge; no lines drawn."""
    from pdf_writer import text_width

    doc.space(size * 1.6)
    doc.text_at(doc.margin, doc.y, cells[0], size)
    for cell, right in zip(cells[1:], rights, strict=True):
        doc.text_at(right - text_width(cell, size), doc.y, cell, size)


def pdf_unruled(r: Report, rng: random.Random, planted: bool, path: Path) -> None:
    """Prose with the department's figures in 万元, then a funding-source table and a table of
    the main projects with no ruling lines, amounts in 元 under a caption 单位：元."""
    from pdf_writer import PdfDoc

    rows = []
    for name in rng.sample(SOURCES, 3):
        initial = _hundreds(rng, 200_000, 6_000_000)
        full = initial + _hundreds(rng, 0, 500_000)
        rows.append((name, initial, full, _hundreds(rng, int(full * Decimal("0.85")), int(full))))
    initial, full = sum(x[1] for x in rows), sum(x[2] for x in rows)
    spent = sum(x[3] for x in rows)
    wan_budget, wan_spent = q2(full / 10000), q2(spent / 10000)
    prose_spent = wan_spent - money(rng, 5, 40) if planted else wan_spent
    projects = []
    for name in rng.sample(PROJECTS, 4):
        b = money(rng, 30_000, 600_000)
        projects.append((name, b, share(rng, b, 0.8, 1.0)))
    doc = PdfDoc(size=11)
    doc.text(f"{r.department}{r.year}年度部门整体支出绩效自评报告", size=15, align="center")
    doc.text("一、部门基本情况").text(f"{r.department}严格执行预算管理制度，各项工作有序开展。")
    doc.text("二、预算执行情况")
    doc.text(f"{r.year}年度全年预算数{wan_budget}万元，全年执行数{prose_spent}万元，"
             "资金来源及执行情况见表1。")
    doc.text("表1 资金来源及执行情况", align="center").text("单位：元", align="right")
    size, rights = 10.0, [280.0, 380.0, 480.0, 539.0]
    table = [["资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率"]]
    table += [[n, grouped(a), grouped(b), grouped(c), f"{pct(c, b)}%"] for n, a, b, c in rows]
    table.append(["合计", grouped(initial), grouped(full), grouped(spent), f"{pct(spent, full)}%"])
    for cells in table:
        _unruled_row(doc, cells, rights, size)
    doc.space(size)
    doc.text("表2 主要项目支出情况", align="center").text("单位：元", align="right")
    project_rows = [["项目名称", "预算数", "执行数", "执行率"]]
    project_rows += [[n, grouped(b), grouped(s), f"{pct(s, b)}%"] for n, b, s in projects]
    for cells in project_rows:
        _unruled_row(doc, cells, rights[1:], size)
    path.write_bytes(doc.to_bytes())
    _unruled_gold(r, table, rows, projects, (wan_budget, wan_spent, prose_spent, spent, full))
    if planted:
        r.plant("conflict", "全年执行数在正文（万元）与表中合计（元）数值不同",
                (f"全年执行数{prose_spent}万元", " ".join(table[-1][:4])),
                {"values": [float(prose_spent), float(wan_spent)]},
                f"{prose_spent}万元；{grouped(spent)}元", f"相差{wan_spent - prose_spent}万元")


def _unruled_gold(r: Report, table: list[list[str]], rows: list, projects: list,
                  figures: tuple[Decimal, ...]) -> None:
    wan_budget, wan_spent, prose_spent, spent, full = figures
    r.add("预算数", wan_budget, "万元", f"全年预算数{wan_budget}万元", which="全年预算数")
    r.add("执行数", prose_spent, "万元", f"全年执行数{prose_spent}万元")
    total = table[-1]
    r.add("预算数", Decimal(total[1].replace(",", "")), "元", " ".join(total[:2]), which="年初预算数")
    r.add("执行数", spent, "元", " ".join(total[:4]), which="表中合计")
    r.add("执行率", pct(spent, full), "%", total[4])
    for (name, _, b, c), cells in zip(rows, table[1:-1], strict=True):
        r.add(f"资金来源预算数:{name}", b, "元", " ".join(cells[:3]), which="全年预算数")
        r.add(f"资金来源执行数:{name}", c, "元", " ".join(cells[:4]))
        r.add(f"资金来源执行率:{name}", pct(c, b), "%", " ".join(cells))
    for name, b, s in projects:
        r.add(f"项目预算数:{name}", b, "元", f"{name} {grouped(b)}")
        r.add(f"项目执行数:{name}", s, "元", f"{grouped(b)} {grouped(s)}")
        r.add(f"项目执行率:{name}", pct(s, b), "%", f"{grouped(s)} {pct(s, b)}%")


# the corpus ----------------------------------------------------------------------------
TEXT_WRITERS: dict[str, Callable[[Report, random.Random, bool], None]] = {
    "sources_pipe": sources_pipe, "cell_lines": cell_lines, "md_rows": md_rows,
    "prose_mixed": prose_mixed, "cell_paragraphs": cell_paragraphs,
    "one_line_table": one_line_table, "ocr_runon": ocr_runon}
FILE_WRITERS = {"docx_tables": (docx_tables, ".docx"), "pdf_ruled": (pdf_ruled, ".pdf"),
                "pdf_unruled": (pdf_unruled, ".pdf")}
PLAN = [("sources_pipe", True), ("sources_pipe", False), ("cell_lines", True),
        ("cell_lines", False), ("md_rows", True), ("md_rows", False), ("docx_tables", True),
        ("docx_tables", False), ("pdf_ruled", False), ("prose_mixed", True),
        ("prose_mixed", False), ("cell_paragraphs", True), ("cell_paragraphs", False),
        ("one_line_table", True), ("one_line_table", False), ("ocr_runon", True),
        ("ocr_runon", False), ("pdf_unruled", True), ("pdf_unruled", False)]


def _write(r: Report, rng: random.Random, planted: bool, out_dir: Path) -> None:
    if r.layout in TEXT_WRITERS:
        TEXT_WRITERS[r.layout](r, rng, planted)
        encoding = "gb18030" if r.layout == "sources_pipe" else "utf-8"
        (out_dir / r.file).write_bytes(r.text.encode(encoding))
        missing = [g["quote"] for g in r.gold if g["quote"] not in r.text]
        if missing:
            raise ValueError(f"{r.file}: quotes not in the text: {missing}")
    else:
        writer, _ = FILE_WRITERS[r.layout]
        writer(r, rng, planted, out_dir / r.file)


def generate(out_dir: Path | str, seed: int = 7) -> dict:
    """Write the reports, facts.json and inconsistencies.json; returns {"reports": [...],
    "facts": [...], "inconsistencies": [...]} (reports: file, layout, department, kind,
    province, year, planted)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # pdf_writer beside this file
    rng = random.Random(seed)
    kinds = list(BODIES)
    rng.shuffle(kinds)
    used: set[str] = set()
    manifest: dict = {"reports": [], "facts": [], "inconsistencies": []}
    for k, (layout, planted) in enumerate(PLAN):
        kind, province = kinds[k % len(kinds)], PROVINCES[(k + seed) % len(PROVINCES)]
        department = department_name(rng, kind, used)
        year = rng.choice((2021, 2022, 2023, 2024))
        suffix = FILE_WRITERS[layout][1] if layout in FILE_WRITERS else ".txt"
        r = Report(f"l{k + 1:02d}_{layout}_{year}{suffix}", layout, department, kind, province, year)
        _write(r, rng, planted, out_dir)
        manifest["reports"].append({"file": r.file, "layout": layout, "department": department,
                                    "kind": kind, "province": province, "year": year,
                                    "planted": [i["check"] for i in r.inconsistencies]})
        manifest["facts"] += r.gold
        manifest["inconsistencies"] += r.inconsistencies
    for name in ("facts", "inconsistencies", "reports"):
        (out_dir / f"{name}.json").write_text(
            json.dumps(manifest[name], ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    manifest = generate(args.out_dir, args.seed)
    print(f"{len(manifest['reports'])} reports, {len(manifest['facts'])} gold figures, "
          f"{len(manifest['inconsistencies'])} planted contradictions -> {args.out_dir}")


if __name__ == "__main__":
    main()
