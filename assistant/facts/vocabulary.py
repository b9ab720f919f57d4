"""The metric vocabulary: the words reports use, mapped to canonical metrics.

A term maps to a canonical metric and the kind of unit it takes. The extractor picks, for
each number, the term nearest before it (longest term when several end at the same place),
so specific terms ("项目支出支付率") win over general ones ("支付率").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.markers import SUBJECT_MARK
from assistant.text.numbers import (  # units and their kinds are text conventions
    CANONICAL_UNIT,
    COUNT,
    MONEY,
    PEOPLE,
    RATE,
    SCORE,
    TO_WAN,
    UNIT_FIGURE,
    UNIT_KIND,
    to_canonical,
    unit_kind,
)

__all__ = ["CANONICAL_UNIT", "COUNT", "MONEY", "NUMBER", "PEOPLE", "RATE", "SCORE", "TERMS",
           "TO_WAN", "UNIT_KIND", "Term", "subject_key", "to_canonical", "unit_kind"]


@dataclass(frozen=True)
class Term:
    text: str
    metric: str
    kind: str


def _terms(kind: str, table: dict[str, tuple[str, ...]]) -> list[Term]:
    return [Term(t, metric, kind) for metric, words in table.items() for t in words]


_MONEY = {
    "预算数": ("预算数", "经费预算", "资金预算", "全年预算数", "预算收入指标", "预算总额", "预算金额", "调整预算数",
             "预算安排", "批复预算", "调整后预算", "调整后预算数", "全年预算", "专项预算数", "预算为",
             "预算总金额", "支出预算", "支出预算数", "全年支出预算"),
    # the budget first approved, before in-year adjustments: a different figure, not a conflict
    "年初预算数": ("年初预算数", "年初预算", "年初预算安排"),
    "收入": ("收入总额", "总收入", "财政资金收入", "部门收入", "收入合计", "本年收入", "全年收入"),
    "财政拨款收入": ("财政拨款收入",),
    "一般公共预算收入": ("一般公共预算收入", "一般公共预算财政拨款收入"),
    "其他收入": ("其他收入",),
    "政府性基金收入": ("政府性基金预算财政拨款收入", "政府性基金预算收入", "政府性基金收入"),
    "支出": ("执行数", "实际执行数", "实际执行", "已执行", "执行金额", "支出总额", "全年支出",
            "共支出", "总支出", "财政资金支出", "实际支出", "决算数", "支出合计", "本年支出", "支出数", "经费支出", "支出"),
    "基本支出": ("基本支出",),
    "项目支出": ("项目支出",),
    # the other classes of a 事业单位's spending, beside 基本支出 and 项目支出
    "经营支出": ("经营支出",),
    "上缴上级支出": ("上缴上级支出",),
    "对附属单位补助支出": ("对附属单位补助支出",),
    "财政拨款支出": ("一般公共预算财政拨款支出", "一般公共预算支出", "财政拨款支出"),
    "政府性基金支出": ("政府性基金预算财政拨款支出", "政府性基金预算支出", "政府性基金支出"),
    "国有资本经营支出": ("国有资本经营预算财政拨款支出", "国有资本经营预算支出"),
    "其他资金支出": ("其他资金支出",),
    "结转结余": ("年末结转和结余", "结转和结余", "结转结余", "年末结余", "结余资金"),
    "政府采购支出": ("政府采购支出总额", "政府采购支出", "政府采购金额", "采购支出总额"),
    "重点任务项目支出": ("重点任务项目经费支出", "重点任务项目支出", "重点项目支出"),
    "三公经费": ("三公经费", "“三公”经费", "\"三公\"经费", "三公经费支出"),
    "因公出国费": ("因公出国（境）费", "因公出国(境)费", "因公出国费", "出国（境）费"),
    "公务接待费": ("公务接待费",),
    "公务用车费": ("公务用车购置及运行费", "公务用车购置及运行维护费", "公务用车运行维护费",
               "公务用车购置费", "公务用车费"),
}
_RATE = {
    "执行率": ("执行率", "完成率", "支付率", "支出率", "完成预算的", "完成预算", "预算完成率",
            "预算执行率", "执行进度", "支出进度"),
    "项目支出执行率": ("项目支出支付率", "项目支出执行率", "项目支出完成率"),
    "基本支出执行率": ("基本支出支付率", "基本支出执行率", "基本支出完成率"),
    "收支比率": ("收支比率", "收支比"),
    "中小企业采购份额": ("预留采购份额", "采购份额", "中小企业份额"),
}
_SCORE = {
    "自评得分": ("自评得分", "绩效自评得分", "评价评分", "评价得分", "综合得分", "总得分", "自评分",
             "评分", "得分"),
    "分值": ("权重", "分值", "满分"),
    # a deduction is a change of the score, never a score: 扣2分
    "扣分": ("扣分", "扣减", "扣除", "扣"),
}
_PEOPLE = {
    "在职人员": ("在职在编人员", "在职人员", "在编人员", "在职职工", "实有人数", "在职在编"),
    "编制数": ("编制数", "核定编制", "编制人数", "人员编制"),
    "退休人员": ("退休干部", "离退休人员", "退休人员", "离退休干部"),
    "自聘合同人员": ("自聘合同人员", "自聘人员", "编外人员"),
    "租赁合同人员": ("租赁合同人员",),
    "劳务派遣人员": ("劳务派遣人员",),
}
_COUNT_BEFORE = {
    "内设机构数": ("内设机构", "内设科室", "内设处室"),
    "下属事业单位数": ("下属事业单位", "所属事业单位", "直属事业单位"),
    "独立编制机构数": ("独立编制机构数", "独立编制机构"),
    "行政单位数": ("行政单位",),
    "关键指标数": ("关键指标",),
    "二级单位数": ("二级单位", "二级预算单位"),
}
# "等9个科室", "10项关键指标": the noun after the count names it
_COUNT_AFTER = {
    "内设机构数": ("科室", "内设机构", "内设科室", "处室", "职能科室"),
    "下属事业单位数": ("下属事业单位", "事业单位"),
    "关键指标数": ("关键指标", "绩效指标"),
    "二级单位数": ("二级单位", "二级预算单位", "下属单位", "所属单位"),
    "项目数": ("项目",),
}

# a kind of office named right before its count (职能科室22个, 业务处室5个)
OFFICE_KIND = re.compile(
    r"(?P<noun>(?!设有|下设|共有|现有|共设|另有)[\u4e00-\u9fff]{2}(?:科室|处室|股室))\s*$")

TERMS: list[Term] = (
    _terms(MONEY, _MONEY)
    + _terms(RATE, _RATE)
    + _terms(SCORE, _SCORE)
    + _terms(PEOPLE, _PEOPLE)
    + _terms(COUNT, _COUNT_BEFORE)
)
COUNT_AFTER: list[Term] = _terms(COUNT, _COUNT_AFTER)
# a bare verb that is a metric only right before its amount ("全年预算520万元，执行498万元"):
# the extractor reads it there; a question's 执行情况 is not a 支出 (so not in TERMS)
BARE_TERMS = {"支出": re.compile(r"(?P<term>执行)(?:了|为)?\s*$"),
              # "X项目：预算3,200.00万元": a bare 预算 right before its amount, not a change of it
              # (after 追加/调增/调减 it is the budget an adjustment changes: ADJUSTED files it so)
              "预算数": re.compile(r"(?<!增加|减少|调整|新增)(?P<term>预算)(?:为|是)?\s*$")}

# an expenditure class whose figure a bare rate right after it belongs to:
# "项目支出1719355.94元,执行率达47.72%" is the 项目支出执行率, not the department's
CLASS_RATE = {"基本支出": "基本支出执行率", "项目支出": "项目支出执行率"}

# Subjects a clause may name before a figure (see facts/scope.py), longest first where one
# contains another. A figure of a generic metric after one of them is that subject's.
SOURCE_WORDS = (
    "一般公共预算财政拨款", "一般公共预算拨款", "一般公共预算资金", "一般公共预算",
    "政府性基金预算财政拨款", "政府性基金预算", "政府性基金", "国有资本经营预算财政拨款",
    "国有资本经营预算", "财政专户管理资金", "财政专户", "上年结转结余", "上年结转和结余",
    "年初结转结余", "年初结转和结余", "上年结转", "上年结余", "以前年度结转", "事业收入", "经营收入",
    "上级补助收入", "附属单位上缴收入", "其他收入", "单位资金", "自有资金", "自筹资金", "社会投入",
    "社会资金", "中央补助资金", "中央资金", "省级资金", "市级资金", "县级资金", "区级资金",
    "本级资金", "上级补助资金", "上级资金", "财政拨款",
)
CLASS_WORDS = ("基本支出", "项目支出", "人员经费", "公用经费", "日常公用经费", "人员支出",
               "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出")
ITEM_WORDS = (
    "三公经费", "“三公”经费", "\"三公\"经费", "因公出国（境）费用", "因公出国（境）费", "因公出国(境)费", "因公出国费",
    "出国（境）费", "公务接待费", "公务用车购置及运行维护费", "公务用车购置及运行费",
    "公务用车运行维护费", "公务用车运行费", "公务用车购置费", "会议费", "培训费", "差旅费",
    "办公费", "印刷费", "水电费", "物业管理费", "维修费", "维护费", "租赁费", "咨询费", "劳务费",
    "委托业务费", "工会经费", "福利费", "取暖费", "邮电费", "政府采购",
)
# the department speaking of itself (positive evidence of a department figure)
SELF_WORDS = (
    "本部门", "我部门", "本单位", "我单位", "本局", "我局", "本委", "我委", "本办", "我办",
    "本中心", "我中心", "本院", "我院", "本校", "我校", "本厅", "我厅", "本镇", "我镇", "本街道",
    "我街道", "本站", "我站", "本所", "我所", "本馆", "我馆", "本会", "我会", "我部", "本部",
    "部门整体", "单位整体", "部门（单位）整体", "部门(单位)整体", "整体支出", "部门预算",
    "部门决算", "部门收入", "部门支出", "部门收支", "全局", "全委", "全系统",
)
# a self word that names a kind of body (我局 → 局) and what a name of that kind contains
_SELF_ORGAN = re.compile(r"^[本我](局|委|办|中心|院|校|厅|镇|街道|站|所|馆|会)$")  # 本部 opens 本部门: no kind
_ORGAN_IN_NAME = {"校": ("校", "学")}


def self_words(names: tuple[str, ...]) -> tuple[str, ...]:
    """The SELF_WORDS a report about the body `names` name may speak as: a word of a kind of
    body (我局, 我委, 本院 …) only when the body is of that kind — a 中心's report that says
    我委 quotes its parent body, not itself."""
    if not any(names):
        return SELF_WORDS
    return tuple(w for w in SELF_WORDS if _fits(w, names))


def other_body_words(names: tuple[str, ...]) -> tuple[str, ...]:
    """Self words of another kind of body than `names` (see `self_words`)."""
    own = set(self_words(names))
    return tuple(w for w in SELF_WORDS if w not in own)


def _fits(word: str, names: tuple[str, ...]) -> bool:
    m = _SELF_ORGAN.match(word)
    if not m:
        return True
    organ = m.group(1)
    return any(o in n for n in names if n for o in _ORGAN_IN_NAME.get(organ, (organ,)))


# a sub-unit of the department, named before its figure
UNIT_MENTION = re.compile(
    r"(?:下属|所属|直属|局属|委属|二级)(?:(?!包括|等|有)[^，。；;：:、\s]){0,10}"
    r"(?:单位|机构|学校|医院|院|中心|站|所|馆)")
# a project or special fund named before its figure: 《…》, “…”项目, …项目 / …专项 / …经费 / …工程
# an indicator a sentence names before its weight or score: “预算执行率”指标分值10分, 群众满意度
# 指标得分9分
INDICATOR_MENTION = re.compile(
    r"“(?P<quoted>[^“”]{2,24})”\s*(?=指标|这一指标|这项指标|项指标)"
    r"|(?P<plain>[\u4e00-\u9fff]{2,16}?)(?=指标(?:分值|得分|权重|满分|值))")
# an indicator whose score is written right after its name (决策指标9分（满分10分）)
SCORED_INDICATOR = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,16}?)指标\s*(?=\d)")
# what ends one item of a list: a clause mark or the 、 between items
ITEM_BREAK = re.compile(r"[，,；;。、]")
PROJECT_MENTION = re.compile(
    r"《(?P<book>[^《》]{2,40})》"
    r"|“(?P<quoted>[^“”]{2,30})”(?P<qsuffix>[\u4e00-\u9fff]{0,6}?(?:项目|工程|专项资金|专项|经费))?"
    r"|(?P<plain>[\u4e00-\u9fffA-Za-z0-9（）()]{2,30}(?:项目(?!支出)|工程|专项资金|专项|经费))"
    r"(?!数|库)"
)
# a 《…》 that cites a document, not a project
DOCUMENT_ENDS = ("办法", "通知", "意见", "规定", "方案", "条例", "法", "细则", "决定", "报告",
                 "规划纲要", "指引", "指南", "标准", "制度", "批复", "函", "纪要")
# words that open a clause before a name and are not part of it
NAME_FILLERS = re.compile(
    r"^.*(?:其中|另外|此外|包括|主要|用于|安排|下达|拨付|追加|调减|调增|压减|核减|削减|实施|开展|完成|支付|投入|保障|落实|了|"
    r"[一二三四五六七八九十]是|以及|的|按照|根据|通过|情况|分析|如下)"
)
# one of those words anywhere (where a name may start after it)
FILLER_WORD = re.compile(NAME_FILLERS.pattern.removeprefix("^.*"))
GENERIC_PROJECTS = ("该项目", "本项目", "各项目", "项目", "重点项目", "所有项目", "其他项目",
                    "部分项目", "个别项目", "有关项目", "相关项目", "多数项目", "少数项目",
                    "专项", "经费", "工程", "该专项", "本专项")

# the period a figure holds: another year than the report's, or the initial budget
LAST_YEAR_WORDS = re.compile(r"上年度|上一年度|上年(?!结转|结余|末结)|上一年|去年|前一年")
INITIAL_WORDS = re.compile(r"年初(?!结转|结余)")
NAMED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?:度)?")
# a figure stated as a change from another period: 较上年增加, 同比下降, 比2022年减少
CHANGE = re.compile(
    r"(?:同比|环比|较|比|与[^，。；]{0,12}相比|相比)[^，。；]{0,16}?"
    r"(?P<verb>增加|增长|提高|上升|增|减少|下降|降低|减|节约|压减|缩减|持平)[了约达为]*\s*$"
)
# a comparison's period and 的 right before a figure: the figure is that period's level of the
# metric just stated (执行率96.38%，比2023年的92.47%提高…)
COMPARED_LEVEL = re.compile(
    r"(?:比|较|与)\s*(?:(?P<year>(?:19|20)\d{2})\s*年度?|上年度?|去年|上一年度?)(?:同期)?的?\s*$"
    # or a clause of its own that opens with the period (…，上年为6.95万元 / ；2023年为4.12万元)
    r"|(?:^|[，,；;（(])\s*(?:(?P<own>(?:19|20)\d{2})\s*年度?|上年度?|去年|上一年度?)(?:同期)?(?:为|是)\s*$")
# a change written as a signed figure, often in brackets, after a comparison or a word of
# change with no verb to give its direction: 较上年（-3.20%）, 较上年5.54万元变动（-6.32%）,
# 增减率+2.1%; the sign gives it (none after 变动/增减: an increase). A comparison needs the sign
# (较上年（2023年）… is a period in brackets, not a change)
SIGNED_CHANGE = re.compile(
    r"(?:(?:同比|环比|较|相比|与[^，。；]{0,12}相比|比(?!例|重|率))[^，。；（(]{0,16}?[为了是]?\s*[（(]?\s*"
    r"(?P<sign>[-－−+＋])"
    r"|(?:变动|增减|变化)(?:率|幅度|比例)?[为了是]?\s*[（(]?\s*(?P<own>[-－−+＋])?)\s*$")
# the particle of a comparison right before the year it compares with (比上年, 较2022年, 与上年)
COMPARED_WITH = re.compile(r"(?:较|比|同比|与|和|相比)\s*$")
CHANGE_UP = ("增加", "增长", "提高", "上升", "增", "调增", "追加")
# a change written right before its figure, with no comparison named: 调减45万元, 年中追加800万元
DIRECT_CHANGE = re.compile(
    r"(?P<verb>调减|调增|追加|压减|核减|削减|增加|减少|节约|节省|增长|下降|上升|降低)[了约达]*\s*$")
# an adjustment of a budget written with its object between the verb and the figure: 调减X等
# 项目预算312.40万元, 追加预算143.80万元 (a change of that money, not a level of it); what comes
# after the adjustment (追加调整后全年预算数…, 调减后预算…) is the level it reached
ADJUSTED = re.compile(r"(?P<verb>调减|调增|追加|压减|核减|削减)[^，,；;。\d后]{0,30}$")
# the level reached by the change just stated: 调减120.00万元后为380.00万元
LEVEL_AFTER_CHANGE = re.compile(r"^\s*后(?:为|是|达到?|至)\s*$")
# a name that groups several subjects (信用监管平台运维等项目): no one subject's name
GROUP_NAME = re.compile(r"等(?:\d+个|[一二两三四五六七八九十]+个)?(?:项目|工程|专项资金|专项|经费)$")
# a target, not an actual: the words before the figure in its clause (不低于95%, 力争达到100%,
# 目标为…, 计划…) or right after it (100%的目标, 5%以上的目标值)
TARGET_BEFORE = re.compile(
    r"不低于|不少于|不高于|不超过|不得低于|不得高于|力争|争取|目标|计划|预期|预计|指标值|控制在|确保")
TARGET_AFTER = re.compile(r"^\s*(?:以上|以下|以内)?的?(?:年度)?目标")
# the lead of a list of targets ("绩效目标为：A；B", "年度指标值如下：") says what every item is;
# a lead about results (目标完成情况：, 实际完成值：) introduces actuals
LIST_LEAD = re.compile(r"^(?P<lead>[^：:。；;\n]{0,80})[：:]")
# a lead that introduces what follows as the targets: it names them (目标, 指标值) and ends
# by listing them (…绩效目标为：, 年度指标值如下：, 绩效目标以…为核心，具体包括：)
TARGET_LEAD = re.compile(r"目标|指标值")
TARGET_LEAD_END = re.compile(
    r"(?:目标|指标值|为|是|如下|包括|主要有|主要是|设定为|分别为)\s*$")
RESULT_LEAD = re.compile(r"完成|实现|达成|结果|偏差|实际|自评|执行|情况")
# a heading over figures that are targets (部门整体支出绩效目标), not over their results
TARGET_HEADING = re.compile(r"目标")
RESULT_HEADING = re.compile(r"完成|实现|情况|自评|分析|结果|偏差")
# a heading that opens the scope of other subjects than the department: its figures are theirs
# unless a sentence names the department (重点项目绩效情况, 二级单位, 所属学校, 资金来源)
SCOPED_HEADING = re.compile(
    r"项目(?!支出)|(?:重点|主要|专项|具体|典型|各)项目支出|二级单位|下属单位|所属单位|直属单位|所属学校|下属学校|所属医院|资金来源|专项资金")
# a scoped heading whose subjects add up to the department's money (its 合计 is the department's)
WHOLE_SCOPE_HEADING = re.compile(r"资金来源|收入")
# a list item's lead that names a topic of the department's, not a subject (1.收入情况。2.预算管理。)
TOPIC_LEAD = re.compile(
    r"(?:情况|分析|管理|说明|方面|问题|措施|成效|效益|效果|影响|概况|举措|建设|工作|目标|结论)$")
# a list item's lead that names a project or fund: the item's figures are that project's
PROJECT_LEAD = re.compile(r"(?:项目|工程|专项|经费|资金|补助|补贴|专项资金)$")
# a heading that names projects in general (主要项目, 重点项目实施情况): a scope, no project of its own
GENERIC_PROJECT_HEADING = re.compile(
    r"^(?:主要|重点|专项|具体|典型|其他|其余|部分|各|本年|年度)?(?:任务|业务)?项目"
    r"(?:情况|实施情况|执行情况|绩效情况|支出情况|完成情况|开展情况)?$")
# a lead that counts or introduces the items after it (本年度实施的三个项目中：, 5个项目如下：,
# 主要支出包括：): the scope of the subjects its clauses name, never a subject itself
LIST_SCOPE_LEAD = re.compile(
    r"(?:\d+|[一二两三四五六七八九十]+)\s*(?:个|项|类|大|笔)[\u4e00-\u9fff]{0,6}(?:中|里|当中)?$"
    r"|(?:(?<!其)中|当中|之中|如下|包括|分别为?|分别是|主要有|具体为|具体如下)$")
# a list item's lead that names an indicator group or indicator (1.产出指标（权重50分…）)
INDICATOR_LEAD = re.compile(r"指标$")
# … and, under a heading about indicators or their scoring, a lead that names a measure
# (1.校舍安全隐患整改完成率。…扣1分)
MEASURE_LEAD = re.compile(r"(?:率|占比|度)$")
SCORING_HEADING = re.compile(r"指标|扣分|得分|评分")

# figures whose metric is not in the vocabulary but whose label is clear
# a per-person standard: 300元/人, 300/人, 500元/人·月
PER_PERSON = re.compile(r"(?<![\d.,])(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>元?/人(?:[·.]?(?:月|年|次|天))?)")
# a count written without its measure word before a noun of units: 3二级单位
BARE_COUNT = re.compile(r"(?<![\d.,年月日号第])(?P<num>\d{1,3})(?=二级单位|下属单位|所属单位|事业单位|科室)")
# the short noun phrase right before a figure (its label), and what may stand between them
LABEL_BEFORE = re.compile(
    r"(?P<label>[\u4e00-\u9fff]{2,14}?)(?:共计|合计|总计|共有|共|计|约|达到|达|为|是|：|:)?"
    r"(?:不低于|不少于|不高于|不超过|不得低于|不得高于|保持在|控制在|力争达到|达到|为)?\s*$")
# the words of a figure's role that may open its label: the indicator is named without them
# (力争抽检合格率达到98% and 实际合格率97.6% are both of 抽检合格率 / 合格率)
# (目标 only with 为/是 after it or as 目标值: 目标任务完成率 is a name; 计划 opens 计划免疫…)
ROLE_LEAD = re.compile(r"^.*(?:目标值(?:为|是)?|目标(?:为|是)|力争(?:达到)?|争取|预期|实际(?:完成)?)")
LABEL_VERBS = re.compile(r"^(?:开展|完成|组织|举办|召开|编发|新增|实现|累计|全年|共)(?=[\u4e00-\u9fff]{2})")
# the label of an amount must end like a name of money
MONEY_LABEL_ENDS = ("金额", "资金", "经费", "费", "款", "额", "补助", "补贴", "奖金", "奖励", "资助",
                    "投资", "投入", "标准")
# words before a rate term that keep it the department's (部门预算执行率, 资金支付率)
BUDGET_RATE_WORDS = ("预算", "资金", "支出", "部门", "整体", "总体", "财政", "年度", "全年", "经费",
                     "综合", "本年", "当年", "总", "均", "整体预算", "决算", "收入", "支付")

# Indicator columns and phrases
TARGET_WORDS = ("预期", "目标值", "目标", "计划", "指标值", "年度目标", "预计")
ACTUAL_WORDS = ("实际", "完成值", "实际值", "实际完成值", "全年实际", "完成情况")

# A number with its unit (what a figure looks like lives in text/numbers)
NUMBER = UNIT_FIGURE
GRADE = re.compile(
    r"(?:绩效评级|评价等级|自评等级|绩效等级|评价结果|评级|等级|自评为|评定为|评价为|自评结果为)"
    r"(?:为|是|：|:)?\s*[“\"「]?"
    r"(?P<grade>优秀|优|良好|良|中等|中|合格|及格|差|不合格)"
)


SUBJECT_SUFFIXES = ("工作", "项目", "专项", "经费", "支出", "资金")


def subject_key(subject: str) -> str:
    """A matching key for project/indicator names: drop markers, quotes and generic suffixes."""
    key = SUBJECT_MARK.sub("", subject)
    key = re.sub(r"[“”\"'《》\s]", "", key)
    changed = True
    while changed:
        changed = False
        for suffix in SUBJECT_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                key = key[: -len(suffix)]
                changed = True
    return key


# what one unit of the last digit of a money figure is worth in 万元, by the unit it is written in
_WAN_PER_UNIT = (("万元", 1.0), ("亿元", 10000.0), ("千元", 0.1), ("元", 0.0001))


def _half_digit(text_value: str) -> float:
    """Half the last written digit of a money figure, in 万元 (its rounding)."""
    text = str(text_value).strip()
    per = next((w for u, w in _WAN_PER_UNIT if text.endswith(u)), 1.0)
    digits = re.search(r"\d(?:[\d,，]|[ \u00a0\u2009\u202f](?=\d{3}))*(?:\.(\d+))?", text)
    decimals = len(digits.group(1) or "") if digits else 0
    return 0.5 * per * 10 ** -decimals


def same_value(a, b) -> bool:
    """Whether two facts (value, unit, text_value) state the same figure: money within the
    rounding of the coarser statement (the 元 row of a table and the text's 万元 figure are
    one statement), anything else exactly."""
    if a.value is None or b.value is None or a.unit != b.unit:
        return a.value == b.value and a.unit == b.unit
    if a.unit != "万元":
        return round(float(a.value), 4) == round(float(b.value), 4)
    tolerance = max(_half_digit(a.text_value), _half_digit(b.text_value)) + 1e-9
    return abs(float(a.value) - float(b.value)) <= tolerance


def clusters(facts: list) -> list[list]:
    """Facts grouped by the figure they state (same_value), each group in reading order and
    the groups in the order of their first statement. Sorted by value and swept once, so a
    report of many figures is grouped in n log n."""
    order = {id(f): k for k, f in enumerate(facts)}
    groups: list[list] = []
    for f in sorted(facts, key=lambda f: (float(f.value) if f.value is not None else float("-inf"))):
        if groups and same_value(groups[-1][0], f):
            groups[-1].append(f)
        else:
            groups.append([f])
    for g in groups:
        g.sort(key=lambda f: order[id(f)])
    return sorted(groups, key=lambda g: order[id(g[0])])
