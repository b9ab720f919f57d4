"""What the review knows of the genre (部门整体支出绩效自评报告): the parts it requires, named
as reports name them, and the headline figures a report must state. Headings are matched by
similarity to these names (character bigrams), not by one exact wording."""

from __future__ import annotations

import re

from assistant.text.markers import CAUSE_WORDS

# (part, names reports give it); a heading similar to one of the names is the part
REQUIRED_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("基本情况", ("基本情况", "部门概况", "单位概况", "部门职能", "项目概况", "基本概况", "项目基本情况")),
    ("收支/预算执行", ("收支情况", "预算执行情况", "资金使用情况", "收入支出情况", "预算收支",
                  "资金投入和使用情况", "资金管理情况", "支出情况")),
    ("绩效目标", ("绩效目标", "整体支出绩效目标", "年度绩效目标", "项目绩效目标")),
    ("目标完成情况/自评结论", ("自评结论", "目标完成情况", "指标完成情况", "评价结论", "自评情况",
                        "自评综述", "绩效分析", "绩效自评", "综合评价")),
    ("存在的问题", ("存在的问题", "主要问题", "问题和不足", "存在问题", "不足之处", "问题及原因")),
    ("改进措施", ("改进措施", "下一步", "整改措施", "改进建议", "意见建议", "工作计划", "改进方向")),
    ("结果应用", ("结果应用", "评价结果应用", "自评结果应用", "结果运用", "结果公开")),
)
# a part the body of another section may carry in a sentence rather than under a heading
IN_BODY = {"结果应用": re.compile(r"结果(?:的)?(?:应用|运用)|结果.{0,6}(?:挂钩|公开)"),
           "绩效目标": re.compile(r"绩效目标"),
           "收支/预算执行": re.compile(r"预算执行情况|收支情况|资金(?:使用|到位)情况")}
# a part later templates added: its absence is a suggestion, not a must
OPTIONAL_PARTS = ("结果应用",)
# a text whose headings name fewer parts than this is not laid out as the genre (a form, an
# excerpt): its parts and headline figures are not judged
MIN_PARTS = 3
# a heading at least this similar to a part's name is that part
SIMILAR = 0.5
# a section with less body text than this (characters) is empty
EMPTY_BODY = 8

# headline figures: (label, metrics of the facts table that state it, words that state it in text)
HEADLINE: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("预算数", ("预算数", "全年预算数", "调整预算数"), r"预算(?:数|总额|金额)?"),
    ("执行数", ("支出", "决算数", "实际支出"), r"(?:支出|决算|执行数)"),
    ("执行率", ("执行率", "预算执行率"), r"执行率"),
    ("基本支出", ("基本支出",), r"基本支出"),
    ("项目支出", ("项目支出",), r"项目支出"),
    ("三公经费", ("三公经费", "因公出国费", "公务用车费", "公务接待费", "公务用车购置及运行费"),
     r"三公|因公出国|公务接待|公务用车"),
    ("自评得分", ("自评得分",), r"(?:自评|评价)?得分|总分|综合得分"),
    ("自评等级", ("绩效评级", "等级", "评价等级", "自评等级"),
     r"(?:评级|等级|等次|评价结果|自评结果|评定|评为|定为)(?:为|：|:)?\s*[“\"「]?(?:优|良|中|差|合格|不合格)"),
)
# figures a project's (not a department's) report need not state
DEPARTMENT_ONLY = ("基本支出", "项目支出", "三公经费")
PROJECT_REPORT = re.compile(r"项目(?:支出)?绩效(?:自评|评价)")
# a figure stated near its word (within a sentence)
FIGURE_NEAR = r"[^。；\n]{0,40}?\d"


def bigrams(text: str) -> set[str]:
    text = re.sub(r"[\s\d\W_]+", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams (0..1)."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def part_of(heading: str) -> str:
    """The required part a heading names: the part with a name the heading contains (the
    longest such name: 绩效目标完成情况 is 目标完成情况, not 绩效目标), else the part whose name
    the heading's bigrams cover most (自评结果 covers 自评结论 more than 自评结果应用), at least
    SIMILAR; or ""."""
    best, score = "", 0.0
    for part, names in REQUIRED_PARTS:
        for name in names:
            s = 1.0 + len(name) / 100 if name in heading else coverage(name, heading)
            if s > score:
                best, score = part, s
    return best if score >= SIMILAR else ""


def parts_of(heading: str) -> list[str]:
    """The required parts a heading names: its own, and those of the pieces a joined heading
    puts together (绩效目标及完成情况 names 绩效目标 and 目标完成情况; 问题和改进措施 both)."""
    pieces = [heading, *re.split(r"及|和|与|、|以及|暨", heading)]
    return list(dict.fromkeys(p for p in map(part_of, pieces) if p))


def named_part(text: str) -> str:
    """The required part whose name a text holds word for word (the longest name), or ""."""
    found = [(len(name), part) for part, names in REQUIRED_PARTS for name in names if name in text]
    return max(found)[1] if found else ""


def coverage(name: str, text: str) -> float:
    """The share of a name's bigrams that a text holds (0..1)."""
    x = bigrams(name)
    return len(x & bigrams(text)) / len(x) if x else 0.0

# a target a smaller actual meets (差错率不高于0.5%, 全省前10名): words before the target figure
LOWER_IS_BETTER = re.compile(r"(?:不高于|不超过|不大于|(?<!不)低于|(?<!不)小于|以下|以内|控制在|≤|<=|＜|<|前|下降)\s*$")
# a weight and a score written in prose: 权重 10 分，得 8.6 分
WEIGHT = re.compile(r"(?:权重|分值|满分)(?:为)?\s*(\d+(?:\.\d+)?)\s*分")
SCORE = re.compile(r"(?<![权总])得(?:分)?(?:为)?\s*(\d+(?:\.\d+)?)\s*分")
# an overall score at least this high beside two or more targets missed with full marks kept
# (or a full 100 beside any missed target) is a score that does not fit the results
HIGH_SCORE = 90.0
# an indicator sentence: 名称：目标（不低于）N单位，实际（完成）M单位，权重W分，得S分
_NUM = r"\d[\d,]*(?:\.\d+)?"
INDICATOR_SENTENCE = re.compile(
    rf"(?P<name>[^：:，。；\n]{{2,30}})[：:]\s*(?:年度)?目标(?:值)?(?:为)?(?P<dir>[^\d，。；]{{0,6}}?)\s*(?P<t>{_NUM})\s*"
    rf"(?P<tu>[^\d\s，。；,]{{0,4}}?)[，,；;]\s*实际(?:完成|为|值|达到|办理)?[^\d，。；]{{0,6}}?\s*(?P<a>{_NUM})\s*"
    rf"(?P<au>[^\d\s，。；,]{{0,4}}?)[，,；;].{{0,40}}?(?:权重|分值)(?:为)?\s*(?P<w>{_NUM})\s*分"
    rf"[，,；;]?\s*得(?:分)?(?:为)?\s*(?P<s>{_NUM})\s*分")
# an execution rate below this needs a reason next to it
LOW_RATE = 90.0
# a reason given for a figure: the markers' cause words plus the words of a change explained
EXPLAINED = re.compile(rf"{CAUSE_WORDS.pattern}|主要(?:是|系|用于)|因(?!公)|增加|减少|增长|下降|上升|减幅|"
                       r"增幅|压减|调减|调增|追加|结转|缓拨|延期|未能|尚未")
# a measure's time and owner
TIME = re.compile(r"\d{1,2}\s*月|年底|年末|年内|年前|季度|月底|月前|半年|\d{4}\s*年|每年|每季|每月|"
                  r"限期|时限|前完成|日前|之前|期间|周期|年度内")
OWNER = re.compile(r"牵头|负责|责任(?:单位|人|科室|部门|处室)|由[^，。；]{1,14}(?:科|股|处|室|局|中心|办|组)|"
                   r"(?:科|股|处|室|中心|办公室)(?:具体)?(?:负责|落实|承担)")
# a problem that names something: a figure, a quoted name, a project, a time
SPECIFIC = re.compile(r"\d|[０-９]|《|“|\"|[一二两三四五六七八九十百千半]+(?:个|项|家|次|笔|名|人|成|倍)")
# a problem shorter than this (characters, no figure, no name) is boilerplate
BOILERPLATE_LEN = 45
# generic words of problems and measures: they match any pair, so they never make a match
GENERIC = re.compile(r"进一步|加强|强化|提高|提升|完善|健全|推进|推动|持续|不断|有待|不够|不足|存在|部分|"
                     r"个别|工作|管理|绩效|问题|方面|情况|相关|有关|单位|部门|我局|我单位|本单位|积极|"
                     r"认真|切实|有效|确保|做好|建立|落实|严格|规范|开展|实施|加大|力度|水平|能力|意识|"
                     r"机制|制度|体系|措施|改进|整改|下一步|一是|二是|三是|四是|五是|主要|仍然|需要|"
                     r"较为|比较|还|的|了|和|与|及|等|在|对|将|把|为|是")
# a problem and a measure sharing at least this share of their content bigrams, or this many
# bigrams (a word of four characters, two of two), are a pair
PAIRED = 0.12
PAIRED_SHARED = 3
# …or sharing a phrase of this many characters, generic words included (绩效管理意识)
PAIRED_PHRASE = 5
# a problem this similar to one of last year's is the same problem again
REPEATED = 0.7
# a headline figure that moved by more than this share from last year needs a reason
SHARP_CHANGE = 0.3
CHANGE_METRICS = ("预算数", "支出", "基本支出", "项目支出", "三公经费")


def content_bigrams(text: str) -> set[str]:
    """The bigrams of a text once generic words, figures and punctuation are gone."""
    return bigrams(GENERIC.sub(" ", re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]", "", text)))


def overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def longest_common(a: str, b: str) -> int:
    """The length of the longest stretch of characters two texts share (punctuation, spaces
    and ordinals dropped)."""
    from difflib import SequenceMatcher

    x, y = (re.sub(r"[\s\d\W_]+", "", t) for t in (a, b))
    m = SequenceMatcher(None, x, y, autojunk=False).find_longest_match(0, len(x), 0, len(y))
    return m.size
