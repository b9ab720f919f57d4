"""Every cue vocabulary of the question, once: the words that decide a question's `Intent`
(`intent_of`) and the further cues a skill answers by (`cues_of`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.understand.types import Cue, Intent
from assistant.text.numbers import cn_number

_COUNT = r"[两俩二三四五六七八九十几\d]+"
ALL_DEPARTMENTS = re.compile(
    r"这几份|这些报告|这些部门|这些单位|各部门|各单位|各区|各县|各个(?:部门|单位)|每个(?:部门|单位)"
    r"|所有(?:部门|单位|报告)|哪个部门|哪一个部门|哪个单位|哪家|几个部门|几个单位|全部"
    rf"|这{_COUNT}(?:个|家|份)(?:部门|单位|报告)?|{_COUNT}(?:个|家|份)[\u4e00-\u9fff]{{0,6}}?(?:部门|单位|报告)")
# words before a name that several departments answer to which mean all of them: 两个农业局,
# 这三家医院, 各卫生院, 市县两级 (a count, 各, or two levels of government side by side)
# (a level word may stand between: 两个镇卫生院, 各县教育局)
PLURAL_BEFORE = re.compile(rf"(?:(?:这|那)?{_COUNT}(?:个|家|所|级)?|各|这些|那些|(?:省市|市县|区县|县区|市区))"
                           r"(?:省|市|区|县|镇|乡|街道)?$")
# what is left of such a question once its department and year are taken out
FILLER = re.compile(r"[呢吗嘛吧啊呀的那么呃嗯了，。？！?!,.、\s（）()]|情况|怎么样|如何|介绍|一下|概况|主要|关键"
                    r"|数据|数字|指标|财务|请问|帮我|看看|说说|查询|查一下|查|年度|年|整体|部门|报告|绩效|自评")
ASK_CUE = re.compile(r"[？?]|吗|多少|哪|什么|是否|几|如何|怎么|请问|请|帮我|列出|比较|对比|分别|有没有")

GENRE = re.compile(r"(?:部门|单位)?整体支出(?:绩效(?:自评|评价)?|自评|评价)(?:报告)?")
# which of them is higher, in any wording (更高, 哪个高, 谁的…更多, 比…高还是低)
MAX_WORDS = re.compile(r"最高|最多|更高|更多|最大|更大|高于|多于|哪个(?:更)?[高多大]|哪一个(?:更)?[高多大]|从[高大多]到[低小少]"
                       r"|谁[^，。？?]{0,16}[高多大]|[高多大]还是(?:[低少小]|[^，。？?]{1,10}?[高多大])"
                       r"|哪(?:一)?个[^，。？?]{1,8}?(?<![提])[高大](?![于低小])")  # 哪个执行率高
MIN_WORDS = re.compile(r"最低|最少|更低|更少|最小|更小|低于|少于|哪个(?:更)?[低少小]|哪一个(?:更)?[低少小]|从[低小少]到[高大多]"
                       r"|谁[^，。？?]{0,16}[低少小](?!还是)"
                       r"|哪(?:一)?个[^，。？?]{1,8}?(?<![降减])[低小](?![于])")  # 哪个执行率低
# the words that ask which is higher (not what is compared): 谁的, 哪个多, 更高, 高还是低
COMPARE_CUE = re.compile(r"谁的|谁|哪(?:一)?个(?:更)?[高低多少大小]?|更[高低多少大小]|[高多大]还是[低少小]")
COMPARE = re.compile(r"哪个|哪一个|谁|比较|对比|更高|更低|更多|更少|最高|最低|最多|最少|排名|排序|分别")
DIFFERENCE = re.compile(r"多了多少|少了多少|差了多少|相差|差额|差距|高出|低了|多出|少出|差多少"
                        r"|(?:比|较)[^，。？?]{0,24}(?:多|少|高|低|增加|减少|增长|下降|提高|降低)"
                        r"[\u4e00-\u9fff]{0,3}?了?(?:多少|几)"
                        r"|调增|调减|调高|调低|增加了多少|减少了多少|增长了多少|下降了多少")
# this year against an earlier one: 比上年增加多少, 较2023年增长百分之几, 同比, 增长率
EARLIER = r"(?:上年|去年|上一年|前一年|上年度|(?:19|20)\d{2}年度?)"
CHANGE = r"(?:增长|增加|减少|下降|提高|降低|上升|涨|多|少|变化|变动)"
GROWTH = re.compile(rf"(?:比|较|相比|对比)[^，。？?]{{0,6}}?{EARLIER}[^，。？?]{{0,12}}?{CHANGE}"
                    rf"|{EARLIER}(?:相比|对比|比较|比)[^？?]{{0,30}}?{CHANGE}"  # 与2023年比，…增加多少
                    r"|增长率|增幅|涨幅|(?:增长|涨)(?:了)?百分之|增长(?:了)?多少|同比")
EXTREMES = re.compile(r"最(?:高|低|多|少|大|小)")
# an ordering asked: 从高到低怎么排, 排个队 (not 排名, the noun of an indicator's name)
RANKING = re.compile(r"从(?:高|大|多)到(?:低|小|少)|从(?:低|小|少)到(?:高|大|多)|排(?:个|一)?队|怎么排|排一下|排个序")
SUM = re.compile(r"合计|加起来|总和|一共|总共|共计")
SHARE = re.compile(r"占[^，。？?]{0,12}?(?:的)?(?:比重|比例|百分比|多少|百分之(?:几|多少)|几成)"
                   r"|在[^，。？?]{1,12}?中(?:的)?(?:比重|比例|占比|百分比)")  # 在支出总额中的比重
# one figure against another in any wording: 是…的多少倍, 相当于…的几倍, 完成了几成, 完成了百分之几,
# 完成比例 (a share of a whole is SHARE: 占…的比重)
TIMES = re.compile(r"(?:多少|几)倍")
RATIO = re.compile(r"(?:多少|几)倍|完成(?:了|得)?(?:几成|百分之(?:几|多少)|(?:的)?(?:比例|程度|进度))|完成度"
                   r"|(?:是|相当于|达到了?)[^，。？?]{0,16}?的(?:几成|百分之(?:几|多少)|几分之几)")
LIST = re.compile(r"哪些|什么问题|什么措施|怎么改进|如何改进|改进措施|存在的主要问题|主要问题|是什么|有什么|分别是")
PROBLEMS = re.compile(r"问题|不足")
MEASURES = re.compile(r"改进|措施|整改|下一步|接下来|今后|怎么改|如何改|打算")
# measures the report has taken (采取了哪些措施, 主要做法): its text, not its list of next steps
MEASURES_TAKEN = re.compile(r"采取了?[^。？?]{0,6}(?:措施|做法)|主要做法|(?:开展|做)了哪些")
# both lists asked in one question: "存在哪些问题，下一步怎么改进"
ASKS_BOTH = re.compile(r"问题[^。？?]{0,12}(?:[，,、；和及与]|以及)[^。？?]{0,8}(?:改进|措施|整改|下一步)")
SUMMARY = re.compile(r"总结|概括|概述|归纳|摘要|简要介绍|简单介绍|主要内容|报告讲了什么|报告说了什么")
AGREE = re.compile(r"对得上|对不上|一致吗|是否一致|一致不|相符|吻合|是否相等|相等吗|等于[^，。？?]{0,12}吗|对吗|对不对|算得对|准确吗|有没有出入|有出入"
                   r"|等不等于|是否等于|一样吗|一样不|是不是一样|相同吗|是否相同|对上(?:了)?吗|能对上|能否对上")
SHOULD = re.compile(r"应该|应为|应当|应是|实际(?:是|为|应)|到底")
RECOMPUTE = re.compile(r"计算|算出|算的|算下来|换算|推算|按[^，。？?]{0,16}算|除以|来算|算一下|算一算|算算|核算|验算")
TARGET = re.compile(r"达到(?:了)?(?:预期|年度|绩效)?目标|达标|完成(?:了)?(?:预期|年度|绩效)?目标|实现(?:了)?(?:预期|年度|绩效)?目标"
                    r"|完成了吗|完成没|完成了没|实现了吗|达到了吗|达到没|是否完成|是否达到|是否实现|有没有完成|有没有达到"
                    r"|够(?:没够|不够)?目标|目标[^，。？?]{0,3}(?:吗|没有|了没|没)")  # 够没够目标, 目标达到没有
REMAINING = re.compile(r"没有?执行|未执行|未支出|没支出|没花|没有?用完|未用完|剩余|剩下|还剩|[结节]余(?:了)?多少|尚未(?:执行|支出|使用)|未使用"
                       r"|省下(?:了)?多少|节省(?:了)?多少|省了多少|剩(?:了|下了)?多少")
WHY = re.compile(r"为什么|原因|为何")
ASKS_WHY = re.compile(r"为什么|原因|为何|咋(?!样|办)|怎么(?:没|不|会|这么|那么)|何故")  # the reason is asked
CARRIED = re.compile(r"结转")
NOT_PROJECT_METRIC = r"(?!支出|经费支出|资金支出|执行率|数量?|金额)"
TABLE_LISTS = (
    (re.compile(r"(?:哪些|各个?|每个|每一个|每一项|每项|所有|全部|具体)(?:重点|专项)?项目" + NOT_PROJECT_METRIC
                + r"|项目(?:有哪些|都有|分别是|清单|列表)"), "project"),
    (re.compile(r"(?:哪些|各个?|每个|每一?项|每种|所有|全部)资金来源|资金来源(?:有哪些|都有|分别)"), "source"),
    (re.compile(r"(?:哪些|各个?|每个|每一?项|所有|全部)(?:[一二三]级)?(?:绩效|考核|评价)?指标(?!数|体系)"
                r"|指标(?:有哪些|都有|分别是|清单)"), "indicator"),
)



def intent_of(text: str, metrics: tuple[str, ...], names: Sequence[tuple[int, int]] = ()
              ) -> tuple[Intent, str]:
    """(intent, list_kind) of a question; see `Query.intent`. `names`: where the question
    names its subjects (上年结转资金, 某某达标工程): the verbs that cue a computed shape (结转,
    达标, 剩余, 一致) are not read inside them; the nouns a list is asked by (指标, 项目) are."""
    kind, list_kind = _kind(text, metrics, _unnamed(text, names))
    return Intent(kind), list_kind


def _unnamed(text: str, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = ["□"] * (b - a)
    return "".join(chars)


def _kind(text: str, metrics: tuple[str, ...], unnamed: str = "") -> tuple[str, str]:
    special = _special_kind(text, metrics, unnamed or text)
    if special:
        return special
    if "绩效评级" in metrics and not PROBLEMS.search(text):
        return "figure", ""  # "自评等级是什么": the grade is a stated fact
    if EXTREMES.search(text) and re.search(r"哪", text) and not WHY.search(text):
        return "comparison", ""  # "执行率最高和最低的分别是哪个": a ranking, not a list
    if RANKING.search(text):
        return "comparison", ""  # "从高到低怎么排": a ranking, not a text question
    worded = _worded_kind(text)
    if worded:
        return worded
    against = _against_kind(text, metrics)
    if against:
        return against, ""
    if DIFFERENCE.search(text):
        return "difference", ""
    if SUM.search(text) and re.search(rf"合计|加起来|总和|共计|这.{{0,3}}[个家所]|{_COUNT}家|和|[两三几]年", text):
        return "sum", ""
    if COMPARE.search(text):
        return "comparison", ""
    return "figure", ""


def _against_kind(text: str, metrics: tuple[str, ...]) -> str:
    """One figure against another: a share of a whole (占…的比重), else a ratio in any wording
    (是…的多少倍, 完成了几成); "" for neither."""
    if SHARE.search(text) and len(metrics) >= 1:
        return "share"
    return "ratio" if RATIO.search(text) else ""


def _special_kind(text: str, metrics: tuple[str, ...], unnamed: str) -> tuple[str, str] | None:
    """A summary, a computed check, or a table of subjects (never for a why-question)."""
    if SUMMARY.search(text):
        return "summary", ""
    if WHY.search(text):
        return None
    if GROWTH.search(text):
        return "growth", ""
    computed, table = _computed_kind(unnamed, metrics), _table_kind(text)
    if computed:
        return computed, ""
    return ("list", table) if table else None


def _worded_kind(text: str) -> tuple[str, str] | None:
    """A list of the report's problems or measures, or a text question."""
    if LIST.search(text) and not re.search(r"多少|几个|几项|是多少", text):
        if MEASURES_TAKEN.search(text) and not PROBLEMS.search(text):
            return "text", ""
        if PROBLEMS.search(text) and MEASURES.search(text) and ASKS_BOTH.search(text):
            return "list", "problem+measure"
        if PROBLEMS.search(text):
            return "list", "problem"
        if MEASURES.search(text):
            return "list", "measure"
        return "text", ""
    if re.search(r"为什么|原因|如何|怎样|怎么", text):
        if MEASURES.search(text) and not re.search(r"多少", text):
            return "list", "measure"
        return "text", ""
    return None


def _computed_kind(text: str, metrics: tuple[str, ...]) -> str:
    """The kinds whose answer is computed and checked: a stated rate against the computed one
    (rate_check), parts against their total or two figures against each other (reconcile),
    target against actual (target), the budget not yet spent (remaining)."""
    if AGREE.search(text):
        if "执行率" in metrics and RECOMPUTE.search(text):
            return "rate_check"
        return "reconcile"
    if "执行率" in metrics and RECOMPUTE.search(text) and SHOULD.search(text):
        return "rate_check"  # "按执行数和预算数算应该是多少": the rate recomputed against the stated one
    if TARGET.search(text):
        return "target"
    if REMAINING.search(text) and not CARRIED.search(text):
        return "remaining"
    return ""


def _table_kind(text: str) -> str:
    """A list of the facts table's subjects with their figures: projects, funding sources or
    indicators ("有哪些项目，每个项目执行情况如何", "各资金来源的执行数分别是多少")."""
    for pattern, kind in TABLE_LISTS:
        if pattern.search(text):
            return kind
    return ""


# cues a skill answers by ----------------------------------------------------------------------
# which project ranks first (project ranking)
# which project: 哪个项目, 哪个重点项目, 哪一个专项 (up to four words qualifying it)
ASKS_PROJECT = re.compile(r"哪(?:一)?个[\u4e00-\u9fff]{0,4}?(?:项目|专项)|哪项|哪一项|的项目是|项目中|项目里")
MOST = re.compile(r"最多|最高|最大")
LEAST = re.compile(r"最少|最低|最小")
# what a project is ranked by, from the words of the question (the first that fits)
RANK_BY = ((re.compile(r"执行率|完成率|支出率"), "执行率"),
           (re.compile(r"年初预算"), "年初预算数"),
           (re.compile(r"预算"), "预算数"),
           (re.compile(r"花钱|花费|花了|用钱|支出|执行数|开支|金额|资金|钱"), "支出"))
ASKS_CRITERIA = re.compile(r"评分标准|评价标准|计分(?:标准|方法|规则)|打分标准|考核标准|扣分标准|"
                           r"怎么(?:评分|打分|计分|扣分)|如何(?:评分|打分|计分|扣分)|指标说明|指标解释")
HOW_MANY = re.compile(r"多少|几[个项人名次家所分]?|是多少|比例|百分之")
CONVERT = re.compile(r"折合|换算|合多少万元|是多少万元|多少万元")
INITIAL_WORDS = re.compile(r"调增|调减|调高|调低|调整|年初")
ADJUSTED = re.compile(r"预算[^，。？?]{0,6}(?:调增|调减|调高|调低|调整)|(?:调增|调减|调高|调低)[^，。？?]{0,4}预算")
LAST_YEAR_WORDS = re.compile(r"上年|上一年|去年|前一年")
SUM_WORD = re.compile(r"加起来|加在一起|合计|总和|之和|相加|一共|总共|共计")
ASKS_DEPARTMENT = re.compile(r"部门整体|整体支出|单位整体|全部门")
WITHIN = re.compile(r"下设|下面|下属|之下|包括|包含|分为|有哪些.{0,4}(?:三级|二级)")
ASKS_WHICH = re.compile(r"哪些|有什么|是什么|分别")
ASKS_NAMES = re.compile(r"叫什么|哪几[个家所项]|哪些单位|名称是|分别是哪")  # the names of what is counted
# yes or no about what the report says (A不A, 是否…, 算…吗)
YES_NO_WORDS = re.compile(r"算不算|是不是|属不属于|归不归|计不计入|列不列入|是否(?:属于|算|计入|列入|由|是|为)"
                          r"|(?:算|属于|计入|列入|归)[^，。？?]{1,16}吗")
INDICATOR_METRICS = (("实际", "实际值"), ("预期", "目标值"), ("目标", "目标值"),
                     ("得了多少分|得了几分|得分|多少分|几分", "得分"), ("分值|权重", "分值"),
                     ("指标值", "目标值"), ("完成值", "实际值"))
SEVERAL_YEARS = re.compile(r"[两二三几]年|历年|各年|逐年|每年|[两二三几各]个?年度|近年")
# a change asked with no earlier period named: 多了还是少了, 有什么变化, 增还是减
CHANGE_ASKED = re.compile(r"[多少增减升降高低涨跌]了还是[多少增减升降高低涨跌]了|[增升涨]还是[减降跌]"
                          r"|有(?:什么|何|哪些|没有)?变化|变化(?:了)?(?:多少|大不大|情况|如何)|增减(?:情况|变化)")
# the listed projects taken together: 几个项目, 五个重点项目, 这四个项目; the projects averaged
COUNTED_ROWS = re.compile(rf"(?:这|那)?({_COUNT})(?:个|项)(?:重点|专项)?项目")
AVERAGE = re.compile(r"平均|均值")
ROWS_AVERAGED = re.compile(r"项目[^，。？?]{0,8}平均|平均[^，。？?]{0,4}每个项目|各项目[^，。？?]{0,8}平均"
                           # the projects as a whole, named by no name: 2024年项目一共花了多少
                           r"|(?:^|[年的，,各])(?:重点|专项)?项目(?:都|全部)?(?:一共|总共|合计|加起来|加总)")
BARE_REST = 4  # characters left once the filler words go: the question says little more

CUES = ((ASKS_PROJECT, Cue.ASKS_PROJECT), (MOST, Cue.MOST), (LEAST, Cue.LEAST),
        (ASKS_CRITERIA, Cue.CRITERIA), (HOW_MANY, Cue.HOW_MANY), (CONVERT, Cue.CONVERT),
        (ADJUSTED, Cue.ADJUSTED), (LAST_YEAR_WORDS, Cue.LAST_YEAR), (INITIAL_WORDS, Cue.INITIAL),
        (SUM_WORD, Cue.SUM_WORD), (ASKS_DEPARTMENT, Cue.DEPARTMENT_WIDE),
        (re.compile("指标"), Cue.INDICATOR_WORD), (WITHIN, Cue.WITHIN),
        (re.compile("三级"), Cue.LEAVES_ONLY), (ASKS_WHICH, Cue.POINTS), (re.compile("率"), Cue.RATE_WORD),
        (ASKS_WHY, Cue.WHY), (ASKS_NAMES, Cue.NAMES), (YES_NO_WORDS, Cue.YES_NO),
        (SEVERAL_YEARS, Cue.SEVERAL_YEARS), (CHANGE_ASKED, Cue.CHANGE),
        (COUNTED_ROWS, Cue.ROWS), (ROWS_AVERAGED, Cue.ROWS), (AVERAGE, Cue.AVERAGE), (TIMES, Cue.TIMES))


def cues_of(text: str) -> frozenset[Cue]:
    """The cues the question's words give (see `Cue`)."""
    found = {cue for pattern, cue in CUES if pattern.search(text)}
    if "权重" in text and "分值" not in text:
        found.add(Cue.WEIGHT_WORD)
    if len(FILLER.sub("", text)) <= BARE_REST:
        found.add(Cue.BARE)
    return frozenset(found)


def row_count(text: str) -> int:
    """How many projects the question counts ("五个项目" 5, "12个项目" 12); 0 for 几 or none."""
    m = COUNTED_ROWS.search(text)
    if m is None or "几" in m.group(1):
        return 0
    n = m.group(1)
    return int(n) if n.isdigit() else int(cn_number(n) or 0)


def order_of(text: str) -> str:
    """"min" when the question asks which is lower, "max" which is higher, else ""."""
    return "min" if MIN_WORDS.search(text) else "max" if MAX_WORDS.search(text) else ""


def rank_by(text: str) -> str:
    """The figure a ranking of projects is by (支出 when the words name none)."""
    return next((m for pattern, m in RANK_BY if pattern.search(text)), "支出")


def indicator_metric(text: str) -> str:
    """What the question asks of an indicator (实际值, 目标值, 得分, 分值), or ""."""
    for pattern, metric in INDICATOR_METRICS:
        if re.search(pattern, text):
            return metric
    return ""
