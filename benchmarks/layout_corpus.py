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

Each gold figure's quote is a verbatim substring of the report as loaded (the file's text
for .txt; the number as written for .docx and .pdf). Every inconsistency carries, besides
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
LAYOUTS = ("sources_pipe", "cell_lines", "md_rows", "docx_tables", "pdf_ruled", "prose_mixed")
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


# the corpus ----------------------------------------------------------------------------
TEXT_WRITERS: dict[str, Callable[[Report, random.Random, bool], None]] = {
    "sources_pipe": sources_pipe, "cell_lines": cell_lines, "md_rows": md_rows,
    "prose_mixed": prose_mixed}
FILE_WRITERS = {"docx_tables": (docx_tables, ".docx"), "pdf_ruled": (pdf_ruled, ".pdf")}
PLAN = [("sources_pipe", True), ("sources_pipe", False), ("cell_lines", True),
        ("cell_lines", False), ("md_rows", True), ("md_rows", False), ("docx_tables", True),
        ("docx_tables", False), ("pdf_ruled", False), ("prose_mixed", True),
        ("prose_mixed", False)]


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
