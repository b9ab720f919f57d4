"""A report that evaluates one project (a 项目支出绩效自评表 and its 说明) files the figures its
prose states without a subject under that project: its unit gets no 部门整体 headline."""

from __future__ import annotations

from tests.facts.extracted import facts

FORM = "\n".join([
    "{title}",
    "项目名称\t乡村客运站运营补助项目",
    "主管部门\t某县交通运输局\t实施单位\t某县客运管理所",
    "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
    "\t年度资金总额\t50.00\t60.00\t57.00\t10\t95.00%\t9.5",
    "",
    "项目自评情况说明",
    "一、资金使用",
    "全年预算60.00万元，执行57.00万元，执行率95.00%。本所在职人员12人。",
    "二、自评结论",
    "自评得分93分，等级为优。",
    "",
])


def _whose(text: str) -> dict[str, set]:
    out: dict[str, set] = {}
    for f in facts(text):
        out.setdefault(f.metric, set()).add((f.scope, f.subject, f.value))
    return out


def test_a_one_project_report_files_its_prose_figures_under_the_project() -> None:
    found = _whose(FORM.format(title="项目支出绩效自评表\n（2024年度）"))
    project = ("project", "乡村客运站运营补助项目")
    assert (*project, 95.0) in found["执行率"]
    assert (*project, 57.0) in found["支出"]
    assert (*project, 93.0) in found["自评得分"]
    assert not [m for m, rows in found.items() if m in ("执行率", "支出", "预算数", "自评得分")
                and any(r[0] == "department" for r in rows)]
    assert ("department", "", 12.0) in found["在职人员"]  # the unit's head count stays its own


def test_a_whole_department_report_keeps_its_headline() -> None:
    found = _whose(FORM.format(title="某县客运管理所2024年度部门整体支出绩效自评报告\n附：项目支出绩效自评表"))
    assert ("department", "", 95.0) in found["执行率"]
