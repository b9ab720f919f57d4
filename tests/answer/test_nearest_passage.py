"""Before 未找到: the asked report's sentence nearest to the question, scored by shared
character pairs with the asked unit required (evidence.nearest, text.asking); and the
report's page fields for who published it (evidence.document_fields, text.doc_fields)."""

from __future__ import annotations

from assistant.answer.evidence.document_fields import field_sentences
from assistant.answer.evidence.nearest import nearest, rows_of
from assistant.answer.evidence.passages import Sentence
from assistant.text.asking import asked_unit, content_runs
from assistant.text.doc_fields import asked_fields

NAMES = ("青松县园林绿化所", "园林绿化所")


def _s(text: str, start: int, section: str = "二、工作完成情况", quote: str | None = None) -> Sentence:
    return Sentence("r1", section, text, quote if quote is not None else text, start,
                    start + len(text), 0)


POOL = [
    _s("本所负责城区公园、道路绿地的养护管理。", 0, "一、基本情况"),
    _s("年末在岗职工27人，其中专业技术人员9人。", 30, "一、基本情况"),
    _s("全年支出512.30万元，执行率97.10%。", 60),
    _s("除行道树补植只完成300株（计划500株）外，其余任务均已完成。", 90),
    _s("补植工作受苗木供应影响有所推迟。", 130),
]


def test_question_words_and_the_department_are_not_what_is_asked():
    runs = content_runs("青松县园林绿化所的行道树补植完成了几成？", NAMES)
    assert runs == ["行道树补植完成"]


def test_the_asked_unit_is_required():
    people = asked_unit("绿化所有多少人？")
    assert people("在岗职工27人") and not people("支出512.30万元")
    money = asked_unit("养护花了多少钱")
    assert money("支出512.30万元") and not money("27人")
    share = asked_unit("补植完成了几成")
    assert share("完成300株（计划500株）") and share("完成率60%") and not share("补植300株")
    assert asked_unit("补植工作为什么推迟") is None


def test_a_sentence_in_other_words_answers_when_the_report_vouches_for_it():
    found = nearest("青松县园林绿化所的行道树补植完成了几成？", NAMES, POOL, figure=True)
    assert found is not None
    assert "300株" in found.sentence.text


def test_no_sentence_of_the_asked_unit_no_answer():
    # the report gives no amount for the nursery's seedlings: the best sentence scores, but
    # no sentence holds an amount
    assert nearest("园林绿化所苗木采购花了多少钱？", NAMES, POOL, figure=True) is None


def test_a_question_about_what_the_report_lacks_is_not_vouched_for():
    assert nearest("园林绿化所古树名木普查登记了多少株？", NAMES, POOL, figure=True) is None


def test_a_table_is_scored_row_by_row():
    quote = "指标\t计划\t完成\n行道树补植\t500株\t300株\n绿地巡查\t1200次\t1260次"
    table = _s(quote.replace("\t", "").replace("\n", ""), 200, quote=quote)
    rows = rows_of(table)
    assert [r.text for r in rows] == ["指标 计划 完成", "行道树补植 500株 300株", "绿地巡查 1200次 1260次"]
    assert rows[1].start == 200 + quote.index("行道树") and rows[1].quote == "行道树补植\t500株\t300株"
    found = nearest("绿地巡查完成了几成？", NAMES, [table], figure=True)
    assert found is not None and found.sentence.text.startswith("绿地巡查")


def test_publisher_and_owner_questions():
    assert asked_fields("这份材料是哪个单位发布的？")[0][0] == "发布机构"
    assert asked_fields("什么时候发布的")[0][0] == "发布日期"
    assert asked_fields("报告是谁的？")[1]
    assert asked_fields("补植完成了几成？") == ((), False)


def test_page_fields_and_title_answer_who_published_and_whose():
    title = "青松县园林绿化所2025年度部门整体支出绩效自评报告"
    text = f"发布机构：青松县住房和城乡建设局\n发布日期：2026-03-02\n{title}\n一、基本情况\n本所负责……"
    pool = [_s("发布机构：青松县住房和城乡建设局", 0, ""), _s("发布日期：2026-03-02", 17, ""), *POOL]
    chosen = field_sentences("这篇报告是谁发布的？是哪个单位的报告？", pool, title, text)
    assert [c.text for c in chosen] == ["发布机构：青松县住房和城乡建设局", title]
    assert chosen[1].start == text.index(title)
    assert [c.text for c in field_sentences("报告哪天发布的", pool, title, text)] == ["发布日期：2026-03-02"]
    # a page without a publisher line: the question is left to the other steps
    assert field_sentences("这篇报告是谁发布的？", POOL, title, text) == []


NURSERY = """发布机构：青松县住房和城乡建设局
发布日期：2026-03-02
青松县园林绿化所2025年度部门整体支出绩效自评报告
一、基本情况
本所负责城区公园、道路绿地的养护管理，年末在岗职工27人。
二、支出情况
全年预算530.00万元，执行512.30万元，执行率96.66%。
三、工作完成情况
除行道树补植只完成300株（计划500株）外，其余任务均已完成。
补植工作受苗木供应影响有所推迟。
"""


def test_the_chain_answers_from_the_nearest_sentence_and_the_page_fields(tmp_path, monkeypatch):
    from tests.answer.library import ingested

    assistant = ingested(tmp_path, monkeypatch, {"ys.txt": NURSERY})
    a = assistant.ask("青松县园林绿化所行道树补植完成了几成？")
    assert not a.abstained and "300株" in a.text and a.citations
    a = assistant.ask("青松县园林绿化所这篇报告是哪个单位发布的？报告是谁的？")
    assert not a.abstained and "青松县住房和城乡建设局" in a.text and "自评报告" in a.text
    a = assistant.ask("青松县园林绿化所古树名木普查登记了多少株？")
    assert a.abstained  # the report does not hold it: the decline stands


def test_money_rate_and_score_asked_by_their_words():
    money = asked_unit("给养护工人的补贴发了多少？")
    assert money("补贴共计3.6万元") and not money("为27名养护工人发放补贴")
    rate = asked_unit("补植任务的完成比重是多少")
    assert rate("完成60%") and not rate("完成300株")
    score = asked_unit("绿化所自评总分是多少")
    assert score("自评得分92.5分") and not score("支出512.30万元")


def test_an_amount_of_another_role_is_no_answer():
    from assistant.text.asking import asked_role

    assert asked_role("苗圃改造项目预算是多少") == ("预算", "安排", "下达")
    assert asked_role("苗圃改造项目预算执行了多少") == ("执行", "支出", "使用")
    assert asked_role("预算执行率是多少") == ()
    pool = [_s("苗圃改造项目登记面积120亩，合同金额46.00万元。", 0),
            _s("全年支出512.30万元，执行率97.10%。", 40)]
    # 合同金额 is no budget: the report does not give the project's budget
    assert nearest("青松县园林绿化所苗圃改造项目预算是多少？", NAMES, pool, figure=True) is None
    found = nearest("青松县园林绿化所苗圃改造项目合同金额是多少？", NAMES, pool, figure=True)
    assert found is not None and "46.00万元" in found.sentence.text
