"""Drafts built on the department's own items: a list is given to the model whole and its
polish must keep every point (else the template, which keeps them all, stands); a list too
long to give whole is not sent at all; a phrase copied from another department's exemplar
is rejected; the report's own statements are not judged as mislabelled figures."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.drafting.chain import DraftChain, borrowed, lost_points, too_long_to_polish, verify
from assistant.drafting.derived import derive
from assistant.drafting.facts_file import facts_from_mapping
from assistant.drafting.templates import template_text

KIND = "主要工作成效"
DONE = ["完成全县12所乡村学校校舍维修", "组织教师业务培训共计8期", "建成智慧课堂示范点3个",
        "推动城乡学校结对帮扶全覆盖"]


def facts(items=DONE):
    return facts_from_mapping({"department": "某县教育局", "year": 2024,
                               "statements": {KIND: list(items)}})


class NoCall(FakeListChatModel):
    def _stream(self, *args, **kwargs):
        raise AssertionError("the model was called")


def test_a_polish_that_drops_points_of_the_list_is_not_taken() -> None:
    f = facts()
    base = template_text(KIND, f, derive(f))
    short = "2024年，本局主要工作成效如下：\n（一）完成全县12所乡村学校校舍维修。\n（二）组织教师业务培训共计8期。"
    assert lost_points(KIND, base, short) == ["润色稿只有2点，原有4点"]
    draft = DraftChain(llm=FakeListChatModel(responses=[short])).invoke({"kind": KIND, "facts": f})
    assert draft.text == base and all(item in draft.text for item in DONE)
    assert any("润色稿只有2点" in n for n in draft.notes)


def test_a_list_too_long_to_give_whole_is_kept_without_the_model() -> None:
    many = [f"第{i}项重点工作按期推进，完成了年度计划中的各项节点任务并通过了验收" for i in range(1, 21)]
    f = facts(many)
    base = template_text(KIND, f, derive(f))
    assert too_long_to_polish(KIND, base)
    draft = DraftChain(llm=NoCall(responses=["x"])).invoke({"kind": KIND, "facts": f})
    assert draft.text == base and any("逐条保留" in n for n in draft.notes)


def test_a_phrase_copied_from_an_exemplar_is_found() -> None:
    exemplar = [{"text": "坚持以人民为中心的发展思想，全力打造群众满意的现代化教育体系，预算执行率达98%"}]
    own = "本局完成全县12所乡村学校校舍维修。"
    copied = own + "本局坚持以人民为中心的发展思想，全力打造群众满意的现代化教育体系。"
    assert borrowed(copied, exemplar, own) and "照抄了其他部门范文的句子" in borrowed(copied, exemplar, own)[0]
    assert borrowed(own, exemplar, own) == []
    # words the department's own material holds are its own
    assert borrowed(copied, exemplar, copied) == []


def test_the_reports_own_statements_are_not_judged_as_mislabelled() -> None:
    f = facts_from_mapping({"department": "某县教育局", "year": 2024,
                            "figures": {"执行率": "100%"},
                            "statements": {"各项工作任务绩效目标完成情况": ["校舍维修完成率100%，验收合格"]}})
    text = template_text("各项工作任务绩效目标完成情况", f, derive(f))
    assert "校舍维修完成率100%" in text
    assert verify("各项工作任务绩效目标完成情况", f, derive(f), text).clean


def test_a_draft_that_invents_instead_of_using_the_departments_goal_is_not_taken() -> None:
    from assistant.drafting.chain import own_items_missing

    goal = "围绕乡村教育振兴，改善农村学校办学条件，提升教师队伍素质，促进城乡教育均衡发展"
    f = facts_from_mapping({"department": "某县教育局", "year": 2024,
                            "statements": {"部门整体支出绩效目标": [goal]}})
    invented = "2024年，本局整体支出绩效目标是：提高资金使用效益，推动各项工作高质量发展。"
    polished = "2024年，本局整体支出绩效目标是：围绕乡村教育振兴，改善农村学校办学条件，提升教师素质，促进城乡教育均衡发展。"
    assert own_items_missing("部门整体支出绩效目标", f, invented)
    assert own_items_missing("部门整体支出绩效目标", f, polished) == []
    draft = DraftChain(llm=FakeListChatModel(responses=[invented])).invoke(
        {"kind": "部门整体支出绩效目标", "facts": f})
    assert goal in draft.text and "提高资金使用效益" not in draft.text


def test_duties_keep_their_sentences_without_figures() -> None:
    from assistant.drafting.from_store import _without_figures

    item = ("本局是县政府主管教育工作的组成部门，负责统筹全县各级各类教育发展。"
            "内设股室8个，在职人员56人。")
    assert _without_figures(item) == "本局是县政府主管教育工作的组成部门，负责统筹全县各级各类教育发展。"
    assert _without_figures("在职人员56人。") == ""


def test_a_facts_file_for_next_year_starts_from_the_departments_indexed_report(ingested) -> None:
    from assistant.drafting import Drafter
    from assistant.drafting.from_store import ground_in_own_report, own_report

    store = ingested.library.store
    liwan = next(r for r in store.reports() if "荔湾" in r.department)
    f = facts_from_mapping({"department": liwan.department, "year": (liwan.year or 2023) + 1})
    assert own_report(store, f).id == liwan.id  # the latest report before the year drafted
    grounded, notes = ground_in_own_report(store, f)
    duties = grounded.statements["部门职能/机构设置概况"]
    assert len(duties) >= 5 and not any(ch.isdigit() for d in duties for ch in d)  # no figure, no year
    assert "核实更新" in notes["部门职能/机构设置概况"]
    draft = Drafter(ingested.library.store).draft("部门职能/机构设置概况", f)
    assert duties[0][:15] in draft.text and "【待补充：部门主要职能" not in draft.text
    assert any("本节内容取自本部门" in n for n in draft.notes)
    # a department given under another name, or a year before any report, gets nothing
    assert own_report(store, facts_from_mapping({"department": "某县教育局", "year": 2024})) is None
    assert own_report(store, facts_from_mapping({"department": liwan.department, "year": 2000})) is None
    # what the facts give stays theirs
    own = facts_from_mapping({"department": liwan.department, "year": 2024,
                              "statements": {"部门职能/机构设置概况": ["负责全区政务服务工作"]}})
    assert ground_in_own_report(store, own)[0].statements["部门职能/机构设置概况"] == ["负责全区政务服务工作"]
    assert "部门职能/机构设置概况" not in f.statements  # the facts given are not changed


def test_the_summary_starts_from_the_reports_own_conclusion(liwan) -> None:
    # the 自评结论综述 of the department's report is its overall evaluation; its figures are written
    # from the facts table, so the statements keep only the sentences that state none
    summary = liwan.statements.get("自评结论综述")
    assert summary and "稳步推进" in "".join(summary)
    text = template_text("自评结论综述", liwan, derive(liwan))
    assert "稳步推进" in text and "对年度履职和绩效目标完成情况的总体评价" not in text
    assert verify("自评结论综述", liwan, derive(liwan), text).clean
