"""Synthetic 部门整体支出绩效自评报告 with known facts, for benchmarks at scale.

Writes N reports in the genre — varied departments, years and layouts — and a manifest
(`manifest.jsonl`, one line per report) listing the figures each report states and the
inconsistencies planted in it. The manifest doubles as an extraction check at scale
(`check_extraction`): every stated headline figure should come back from the facts table
with the same value.

Layouts, spread evenly:
  pdf   .txt as text extracted from a PDF: lines cut every ~30 characters with blank lines
        between them, page marks (— 3 —) and a running header
  clean .txt with whole paragraphs (a third of them in GB18030)
  md    Markdown headings, the project table as a pipe table
  docx  Word paragraphs and a real table for the projects

Usage: python benchmarks/synth_corpus.py OUT_DIR --n 100 [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

PLACES = ("广州市", "深圳市", "佛山市", "东莞市", "珠海市", "江门市", "肇庆市", "惠州市", "韶关市",
          "湛江市", "茂名市", "清远市")
DISTRICTS = ("", "越秀区", "海珠区", "天河区", "黄埔区", "花都区", "南沙区", "从化区", "增城区",
             "南山区", "福田区", "宝安区", "龙岗区", "顺德区", "南海区", "禅城区", "香洲区",
             "新会区", "端州区", "惠城区", "浈江区", "赤坎区", "茂南区", "清城区")
BUREAUS = ("人民政府办公室", "发展和改革局", "财政局", "教育局", "科学技术局", "民政局", "司法局",
           "人力资源和社会保障局", "自然资源局", "住房和城乡建设局", "交通运输局", "水务局",
           "农业农村局", "商务局", "文化广电旅游体育局", "卫生健康局", "应急管理局", "审计局",
           "统计局", "市场监督管理局", "城市管理和综合执法局", "医疗保障局", "信访局", "档案馆")
PROJECT_WORDS = ("信息化系统运维", "业务用房维修改造", "专项课题研究", "档案数字化加工",
                 "政务服务平台建设", "宣传教育", "应急物资储备", "监督检查", "人才培训",
                 "公共设施维护", "第三方评估服务", "数据共享平台升级", "安全生产检查",
                 "统计调查", "法律顾问服务", "网络安全等级保护", "机关食堂运营", "会议保障")
DUTY_LINES = (
    "贯彻执行国家、省、市关于本领域工作的方针政策和法律法规，拟订并组织实施相关规划。",
    "负责本部门职责范围内的行政审批和公共服务事项，推进“放管服”改革。",
    "统筹协调本系统的综合性工作，承担重要会议和重大活动的组织保障。",
    "负责本部门预算编制、财务管理和国有资产管理工作，接受审计监督。",
    "组织开展调查研究，为上级决策提供参考意见和数据支持。",
    "完成上级党委、政府和相关部门交办的其他任务。",
)
PROBLEMS = ("预算编制的精准度有待提高，部分项目年中调整较大",
            "绩效目标设置不够细化，个别指标难以量化考核",
            "项目实施进度不均衡，下半年支出较为集中",
            "绩效评价结果运用不够充分，与预算安排衔接不紧",
            "财务人员业务能力有待加强，对绩效管理的理解不够深入")
MEASURES = ("加强预算编制的前期论证，提高预算编制的科学性和准确性",
            "细化量化绩效目标，建立健全绩效指标体系",
            "加快项目实施进度，按月跟踪预算执行情况",
            "强化绩效评价结果运用，将评价结果作为下年度预算安排的重要依据",
            "加强业务培训，提升财务人员的绩效管理能力")
ORDINALS = "一二三四五六七八九十"
LAYOUTS = ("pdf", "clean", "md", "docx")


def q2(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def rate(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Project:
    name: str
    budget: Decimal
    spent: Decimal
    stated_rate: Decimal


@dataclass
class Report:
    department: str
    year: int
    layout: str
    budget: Decimal
    spent: Decimal
    basic: Decimal
    project_total: Decimal
    stated_rate: Decimal
    score: Decimal
    staff: int
    units: int
    projects: list[Project]
    problems: list[str]
    measures: list[str]
    planted: list[dict] = field(default_factory=list)

    def facts(self) -> list[dict]:
        """The figures this report states, as the facts table should hold them."""
        out = [
            {"metric": "预算数", "scope": "department", "subject": "", "value": float(self.budget), "unit": "万元"},
            {"metric": "支出", "scope": "department", "subject": "", "value": float(self.spent), "unit": "万元"},
            {"metric": "执行率", "scope": "department", "subject": "", "value": float(self.stated_rate), "unit": "%"},
            {"metric": "基本支出", "scope": "department", "subject": "", "value": float(self.basic), "unit": "万元"},
            {"metric": "项目支出", "scope": "department", "subject": "", "value": float(self.project_total), "unit": "万元"},
            {"metric": "自评得分", "scope": "department", "subject": "", "value": float(self.score), "unit": "分"},
        ]
        for p in self.projects:
            out += [
                {"metric": "预算数", "scope": "project", "subject": p.name, "value": float(p.budget), "unit": "万元"},
                {"metric": "支出", "scope": "project", "subject": p.name, "value": float(p.spent), "unit": "万元"},
                {"metric": "执行率", "scope": "project", "subject": p.name, "value": float(p.stated_rate), "unit": "%"},
            ]
        return out


def department_names(rng: random.Random, n: int) -> list[str]:
    """n distinct department names (place + district + bureau)."""
    names: set[str] = set()
    while len(names) < n:
        names.add(rng.choice(PLACES) + rng.choice(DISTRICTS) + rng.choice(BUREAUS))
    return sorted(names)


def make_report(rng: random.Random, department: str, year: int, layout: str) -> Report:
    budget = q2(Decimal(rng.randint(30_000, 2_000_000)) / 100)
    spent = q2(budget * Decimal(rng.uniform(0.80, 1.0)))
    basic = q2(spent * Decimal(rng.uniform(0.5, 0.9)))
    project_total = spent - basic
    projects = []
    for word in rng.sample(PROJECT_WORDS, rng.randint(2, 4)):
        p_budget = q2(Decimal(rng.randint(500, 50_000)) / 100)
        p_spent = q2(p_budget * Decimal(rng.uniform(0.6, 1.0)))
        projects.append(Project(f"{word}项目", p_budget, p_spent, rate(p_spent, p_budget)))
    r = Report(department, year, layout, budget, spent, basic, project_total, rate(spent, budget),
               Decimal(rng.randint(8500, 9900)) / 100, rng.randint(15, 320), rng.randint(3, 18),
               projects, rng.sample(PROBLEMS, 3), rng.sample(MEASURES, 3))
    plant = rng.random()
    if plant < 0.10:  # a project whose stated rate disagrees with its own figures
        p = r.projects[0]
        p.stated_rate = Decimal(100)
        p.spent = q2(p.budget * Decimal("0.2"))
        r.planted.append({"kind": "rate", "subject": p.name, "stated": 100.0,
                          "computed": float(rate(p.spent, p.budget))})
    elif plant < 0.18:  # parts that do not add up to the total
        r.basic = q2(r.basic + Decimal("37.5"))
        r.planted.append({"kind": "sum", "total": float(r.spent),
                          "parts": float(r.basic + r.project_total)})
    return r


# ---- writing ----------------------------------------------------------------------------
def sections(r: Report, table_style: str) -> list[tuple[int, str, list]]:
    """(level, heading, paragraphs); a paragraph is a str or ("table", rows)."""
    y = r.year
    money = rngless_money
    income = (f"{y}年全年预算数 {money(r.budget)}万元，执行数 {money(r.spent)}万元，"
              f"完成预算的 {r.stated_rate}%。按支出性质看，基本支出 {money(r.basic)}万元，"
              f"项目支出 {money(r.project_total)}万元。")
    header = ["项目名称", "预算数（万元）", "执行数（万元）", "执行率"]
    rows = [[p.name, money(p.budget), money(p.spent), f"{p.stated_rate}%"] for p in r.projects]
    if table_style == "prose":
        project_paras = []
        for i, p in enumerate(r.projects, 1):
            project_paras.append(f"{i}．{p.name}")
            project_paras.append(f"{y}年该项目预算数为 {money(p.budget)}万元，实际支出 "
                                 f"{money(p.spent)}万元，执行率为 {p.stated_rate}%。项目按计划组织实施，"
                                 "资金使用符合相关管理规定。")
    else:
        project_paras = ["本年度重点任务项目支出情况如下表：", ("table", [header, *rows])]
    return [
        (1, "一、基本情况", []),
        (2, "（一）部门职能", [f"{i}. {line}" for i, line in enumerate(DUTY_LINES, 1)]),
        (2, "（二）机构设置及人员情况",
         [f"本部门内设机构 {r.units} 个，年末实有在职人员 {r.staff} 人。"]),
        (2, "（三）部门整体收支情况", [income]),
        (2, "（四）部门整体支出绩效目标",
         ["围绕年度重点工作任务，合理安排预算资金，提高资金使用效益，确保各项工作任务按期完成。"]),
        (1, "二、绩效自评情况", []),
        (2, "（一）自评结论综述",
         [f"根据部门整体支出绩效评价指标体系，经自评，本部门{y}年度部门整体支出绩效自评得分为 "
          f"{r.score} 分，评价等级为“优”。"]),
        (2, "（二）重点任务项目支出完成情况", project_paras),
        (1, "三、存在的主要问题", ["；".join(f"{ORDINALS[i]}是{t}" for i, t in enumerate(r.problems)) + "。"]),
        (1, "四、下一步改进措施", ["；".join(f"{ORDINALS[i]}是{t}" for i, t in enumerate(r.measures)) + "。"]),
    ]


def rngless_money(x: Decimal) -> str:
    """Thousands separators on large amounts, as some reports write them."""
    return f"{x:,.2f}" if x >= 10_000 else f"{x:.2f}"


def title(r: Report) -> str:
    return f"{r.year}年度{r.department}部门整体支出绩效自评报告"


def write_pdf_style(r: Report, path: Path) -> None:
    lines, width, page = [title(r)], 30, 1
    for _, heading, paras in sections(r, "prose"):
        lines.append(heading)
        for para in paras:
            text = para if isinstance(para, str) else ""
            lines += [text[i:i + width] for i in range(0, len(text), width)]
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i and i % 24 == 0:
            page += 1
            out += [f"— {page} —", f"{r.department}部门整体支出绩效自评报告"]
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")


def write_clean(r: Report, path: Path, encoding: str) -> None:
    out = [title(r), ""]
    for _, heading, paras in sections(r, "prose"):
        out.append(heading)
        out += [p for p in paras if isinstance(p, str)]
        out.append("")
    path.write_text("\n".join(out), encoding=encoding)


def write_md(r: Report, path: Path) -> None:
    out = [f"# {title(r)}", ""]
    for level, heading, paras in sections(r, "table"):
        out += ["#" * (level + 1) + " " + heading, ""]
        for p in paras:
            if isinstance(p, str):
                out += [p, ""]
            else:
                rows = p[1]
                out.append("| " + " | ".join(rows[0]) + " |")
                out.append("|" + "---|" * len(rows[0]))
                out += ["| " + " | ".join(row) + " |" for row in rows[1:]]
                out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def write_docx(r: Report, path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph(title(r))
    for _, heading, paras in sections(r, "table"):
        doc.add_paragraph(heading)
        for p in paras:
            if isinstance(p, str):
                doc.add_paragraph(p)
            else:
                rows = p[1]
                table = doc.add_table(rows=len(rows), cols=len(rows[0]))
                for i, row in enumerate(rows):
                    for j, cell in enumerate(row):
                        table.cell(i, j).text = cell
    doc.save(str(path))


def generate(out_dir: Path, n: int, seed: int = 7, first_year: int = 2019, years: int = 6) -> list[dict]:
    """Write n reports and manifest.jsonl into out_dir; returns the manifest rows."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    departments = department_names(rng, max(1, (n + years - 1) // years * 2))
    manifest, used = [], set()
    for i in range(n):
        while True:
            dept, year = rng.choice(departments), first_year + rng.randrange(years)
            if (dept, year) not in used:
                used.add((dept, year))
                break
        layout = LAYOUTS[i % len(LAYOUTS)]
        r = make_report(rng, dept, year, layout)
        stem = f"synth_{i:05d}"
        if layout == "pdf":
            path = out_dir / f"{stem}.txt"
            write_pdf_style(r, path)
        elif layout == "clean":
            path = out_dir / f"{stem}.txt"
            write_clean(r, path, "gb18030" if i % 3 == 0 else "utf-8")
        elif layout == "md":
            path = out_dir / f"{stem}.md"
            write_md(r, path)
        else:
            path = out_dir / f"{stem}.docx"
            write_docx(r, path)
        manifest.append({"file": path.name, "department": dept, "year": year, "layout": layout,
                         "facts": r.facts(), "planted": r.planted})
    with (out_dir / "manifest.jsonl").open("w", encoding="utf-8") as f:
        for row in manifest:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return manifest


def check_extraction(assistant, manifest: list[dict]) -> dict:
    """Compare the facts table with the manifest: recall of stated figures and wrong values
    (a fact for the same metric and subject whose value is none of the stated ones)."""
    found = missing = wrong = 0
    by_layout: dict[str, list[int]] = {}
    examples: list[dict] = []
    for row in manifest:
        rows = assistant.facts(row["file"])
        have: dict[tuple, set[float]] = {}
        for f in rows:
            if f.value is not None:
                have.setdefault((f.metric, f.scope, f.subject), set()).add(round(f.number, 2))
        stated: dict[tuple, set[float]] = {}
        for fact in row["facts"]:
            stated.setdefault((fact["metric"], fact["scope"], fact["subject"]), set()).add(round(fact["value"], 2))
        counts = by_layout.setdefault(row["layout"], [0, 0])
        for key, values in stated.items():
            for v in values:
                ok = v in have.get(key, set())
                found += ok
                missing += not ok
                counts[0] += ok
                counts[1] += 1
                if not ok and len(examples) < 10:
                    examples.append({"file": row["file"], "fact": key, "value": v,
                                     "got": sorted(have.get(key, set()))})
            wrong += len(have.get(key, set()) - values)
    total = found + missing
    return {"stated": total, "recovered": found, "recall": round(found / total, 4) if total else None,
            "wrong_values": wrong,
            "recall_by_layout": {k: round(a / b, 4) for k, (a, b) in by_layout.items() if b},
            "missed_examples": examples}


def check_findings(assistant, manifest: list[dict]) -> dict:
    """How many planted inconsistencies `jixiao check` finds, and how many findings it
    raises on reports where nothing was planted (false alarms)."""
    planted = found = false_alarms = 0
    for row in manifest:
        kinds = {f.kind for f in assistant.findings(row["file"])}
        for p in row["planted"]:
            planted += 1
            found += p["kind"] in kinds
        if not row["planted"]:
            false_alarms += bool(kinds)
    return {"planted": planted, "found": found, "reports_with_false_alarms": false_alarms}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    manifest = generate(args.out_dir, args.n, args.seed)
    planted = sum(len(m["planted"]) for m in manifest)
    print(f"wrote {len(manifest)} reports ({planted} planted inconsistencies) to {args.out_dir}")


if __name__ == "__main__":
    main()
