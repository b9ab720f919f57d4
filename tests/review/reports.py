"""Short synthetic reports for the review's tests (written for them; fictional departments).

`report(year, **parts)` assembles a whole report from its parts; a test replaces one part (or
drops it with "") to plant one defect, so every rule is tested against an otherwise clean text.
"""

from __future__ import annotations

DEPARTMENT = "松溪县林业局"

PARTS = {
    "basic": "一、部门基本情况\n（一）部门职能\n县林业局负责全县森林资源保护、造林绿化、林业有害生物防治和森林防火等工作，"
             "内设股室5个，年末在职人员41人。\n",
    "money": "二、部门整体收支情况\n{year}年全年预算数为2,000.00万元，全年执行数为1,900.00万元，预算执行率为95.00%。\n"
             "按支出性质分，基本支出800.00万元，项目支出1,100.00万元。\n"
             "“三公”经费支出9.20万元，其中公务用车运行维护费7.40万元、公务接待费1.80万元。\n",
    "goal": "三、部门整体支出绩效目标\n全年完成人工造林1.2万亩，林业有害生物成灾率控制在千分之三以内，"
            "森林火灾受害率不高于0.9‰，群众满意度不低于90%。\n",
    "score": "四、绩效自评情况\n（一）自评结论\n经自评，部门整体支出绩效自评得分为{total}分，评价等级为“优”。\n"
             "（二）指标完成情况\n{indicators}",
    "problems": "五、存在的主要问题\n{problems}",
    "measures": "六、下一步改进措施\n{measures}",
    "results": "七、绩效评价结果应用\n自评结果在县政府网站公开，并与下一年度造林项目预算安排挂钩。\n",
}

INDICATORS = (
    "1.造林任务完成率：目标100%，实际为100%，权重30分，得30分。\n"
    "2.苗木成活率：目标不低于90%，实际为93.5%，权重30分，得30分。\n"
    "3.有害生物防治覆盖率：目标不低于95%，实际为91%，权重20分，得17分。\n"
    "4.群众满意度：目标不低于90%，实际为94%，权重20分，得20分。\n"
)
PROBLEMS = (
    "（一）有害生物防治覆盖率未达目标。2个乡镇的松材线虫病监测点位布设不足，全年防治覆盖率为91%，比目标低4个百分点。\n"
    "（二）造林项目资金支付偏慢。造林补助资金上半年支付比例仅为35.2%，大部分在第四季度集中拨付。\n"
)
MEASURES = (
    "（一）扩大有害生物防治覆盖面。由森林病虫害防治站牵头，{next}年5月底前在2个乡镇补设松材线虫病监测点位。\n"
    "（二）加快造林项目资金支付。由计划财务股负责，按季度通报造林补助资金支付进度，{next}年起每季度末完成一次核对。\n"
)


def report(year: int = 2023, total: str = "97.0", indicators: str = INDICATORS,
           problems: str = PROBLEMS, measures: str = MEASURES, **parts: str) -> str:
    body = dict(PARTS)
    body.update(parts)
    text = f"{DEPARTMENT}{year}年度部门整体支出绩效自评报告\n\n"
    for key in ("basic", "money", "goal", "score", "problems", "measures", "results"):
        part = body[key]
        if part:
            text += part.format(year=year, total=total, indicators=indicators, problems=problems,
                                measures=measures.format(next=year + 1)) + "\n"
    return text
