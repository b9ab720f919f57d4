"""The review's test reports, ingested once into one temporary library (fake embeddings)."""

from __future__ import annotations

import pytest

from assistant.factory import build_assistant
from assistant.settings import Settings
from tests.review import reports as r

VARIANTS = {
    "clean": r.report(),
    "goal_heading_reworded": r.report(goal="三、年度绩效目标设定情况\n全年完成人工造林1.2万亩，苗木成活率不低于90%。\n"),
    "no_results": r.report(results=""),
    "empty_goal": r.report(goal="三、部门整体支出绩效目标\n"),
    "no_sanggong": r.report(money=r.PARTS["money"].replace(
        "“三公”经费支出9.20万元，其中公务用车运行维护费7.40万元、公务接待费1.80万元。\n", "")),
    "rate_wrong": r.report(money=r.PARTS["money"].replace("95.00%", "98.00%")),
    "unmet_full": r.report(indicators=r.INDICATORS.replace("实际为93.5%，权重30分，得30分",
                                                           "实际为86.0%，权重30分，得30分")),
    "unmet_count": r.report(indicators=r.INDICATORS.replace(
        "4.群众满意度：目标不低于90%，实际为94%，权重20分，得20分。",
        "4.森林巡护里程：目标1,200公里，实际完成1,050公里，权重20分，得20分。")),
    "low_rate": r.report(money=r.PARTS["money"].replace("1,900.00万元", "1,600.00万元").replace(
        "95.00%", "80.00%").replace("项目支出1,100.00万元", "项目支出800.00万元")),
    "low_rate_explained": r.report(money=r.PARTS["money"].replace("1,900.00万元", "1,600.00万元").replace(
        "95.00%", "80.00%，主要原因是造林工程受持续降雨影响推迟验收").replace(
        "项目支出1,100.00万元", "项目支出800.00万元")),
    "table_total": r.report(total="97.0", indicators=(
        "\n| 一级指标 | 三级指标 | 指标值 | 完成值 | 分值 | 得分 |\n| --- | --- | --- | --- | --- | --- |\n"
        "| 产出指标 | 造林任务完成率 | 100% | 100% | 40 | 40 |\n"
        "| 效益指标 | 有害生物防治覆盖率 | ≥95% | 91% | 30 | 25 |\n"
        "| 满意度指标 | 群众满意度 | ≥90% | 94% | 30 | 30 |\n"
        "| 合计 |  |  |  | 100 | 95 |\n\n")),
    "low_rate_generic_problem": r.report(
        money=r.PARTS["money"].replace("1,900.00万元", "1,600.00万元").replace(
            "95.00%", "80.00%").replace("项目支出1,100.00万元", "项目支出800.00万元"),
        problems=r.PROBLEMS + "（三）预算执行管理还需加强，执行监控的手段比较单一，与业务工作结合不紧。\n"),
    "high_score": r.report(total="98.0", indicators=(
        "1.造林任务完成率：目标100%，实际为88%，权重30分，得30分。\n"
        "2.苗木成活率：目标不低于90%，实际为84%，权重30分，得30分。\n"
        "3.有害生物防治覆盖率：目标不低于95%，实际为96%，权重20分，得18分。\n"
        "4.群众满意度：目标不低于90%，实际为94%，权重20分，得20分。\n")),
    "unpaired": r.report(
        problems=r.PROBLEMS + "（三）林权档案数字化滞后。全县约3,400宗林权纸质档案尚未录入信息系统。\n",
        measures=r.MEASURES + "（三）开展森林防火宣传进校园活动。由防火办负责，{next}年春季防火期前覆盖全县中小学。\n"
                              "（四）更新护林员巡护终端。由资源管理股负责，{next}年8月底前完成全部终端更换。\n"),
    "paired_by_order": r.report(
        problems=r.PROBLEMS + "（三）林权档案数字化滞后。全县约3,400宗林权纸质档案尚未录入信息系统。\n",
        measures=r.MEASURES + "（三）推进不动产登记信息共享。由资源管理股负责，{next}年底前与县不动产登记中心完成数据对接。\n"),
    "results_measure": r.report(measures=r.MEASURES + "（三）强化评价结果运用。由计划财务股负责，{next}年起将自评结果与下一年度预算安排挂钩。\n"),
    "vague": r.report(measures="（一）扩大有害生物防治覆盖面，补设监测点位。\n（二）加快造林项目资金支付，提高资金使用效益。\n"),
    "boilerplate": r.report(problems=r.PROBLEMS + "（三）绩效管理的精细化程度有待进一步提高，各项工作还需加强。\n"),
    "prev_2022": r.report(year=2022),
    "prev_2023": r.report(year=2023, money=r.PARTS["money"].replace("项目支出1,100.00万元", "项目支出1,100.00万元")),
}


@pytest.fixture(scope="session")
def library(tmp_path_factory):
    base = tmp_path_factory.mktemp("review")
    folder = base / "in"
    folder.mkdir()
    for name, text in VARIANTS.items():
        if not name.startswith("prev_"):
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    settings = Settings(data_dir=base / "data", models_dir=base / "models", corpus_dir=folder,
                        embedding_model="fake", llm="none")
    assistant = build_assistant(settings)
    results = assistant.ingest([folder])
    assert all(x.status == "added" for x in results), [x.message for x in results]
    return assistant


def rules(review) -> list[str]:
    return [f.rule for f in review.findings]
