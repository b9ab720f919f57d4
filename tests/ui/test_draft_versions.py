"""The 起草 tab's version history: drafts and revisions are versions, 撤销 goes back one,
a version can be picked again, and a revision that changed nothing adds none."""

from __future__ import annotations

import pytest

from assistant.drafting.types import Draft
from tests.ui import fakes as ui_fakes
from ui.draft_tab import DraftTab
from ui.draft_versions import FRESH, Versions


def draft(text: str, flags=()) -> Draft:
    return Draft("部门整体收支情况", "某局", 2024, text, flags=list(flags))


def test_versions_push_back_and_pick() -> None:
    v = Versions().push(FRESH, draft("甲。"))
    v = v.push("更简洁一些", draft("乙。"))
    assert v.current == 1 and v.draft.text == "乙。"
    assert v.push("语气更正式", draft("乙。")) is v  # the text did not change: no version
    back = v.back()
    assert back.draft.text == "甲。" and len(back.items) == 2  # the later version stays listed
    assert back.back() is None
    assert back.pick(1).draft.text == "乙。" and back.pick(5) is None
    assert [label for label, _ in back.choices()] == ["版本1 · 生成草稿 ✓", "版本2 · 更简洁一些 ✓"]
    assert "⚠" in Versions().push(FRESH, draft("丙。", ["数字“1”不在事实中"])).label(0)
    again = back.push(FRESH, draft("丁。"))  # a fresh draft starts a new history
    assert len(again.items) == 1 and again.current == 0


@pytest.fixture
def tab(ingested, tmp_path) -> DraftTab:
    return DraftTab(ui_fakes.FakeDrafting(ingested), tmp_path)


def last(steps):
    out = None
    for step in steps:
        out = step
    return out


def test_the_tab_keeps_versions_and_undoes_a_revision(tab) -> None:
    *form, source, _ = tab.load_report("002_cd3852ef0e2c6df8.txt")
    text, _, first, _, _, versions, picker = last(tab.generate_versions(None, "部门整体收支情况", *form, source))
    assert len(versions.items) == 1 and picker["choices"] == [("版本1 · 生成草稿 ✓", 0)]
    text2, _, second, _, _, versions, picker = last(
        tab.revise_versions("更简洁一些", first, versions, "部门整体收支情况", *form, source))
    assert text2 != text and len(versions.items) == 2 and picker["value"] == 1
    shown, checks, state, _, _, back, picker = tab.undo(versions)
    assert shown == text and state.text == first.text and checks.startswith("↶ 已撤销，回到版本1")
    assert picker["value"] == 0 and len(back.items) == 2
    _, checks, *_ = tab.undo(back)
    assert checks.startswith("⚠ 没有更早的版本")
    shown, checks, state, *_ = tab.pick_version(back, 1)
    assert shown == text2 and state.text == second.text and checks.startswith("已切换到版本2")
    # a revision of an earlier version starts from that version
    _, _, third, _, _, after, _ = last(tab.revise_versions("语气更正式", first, back, "部门整体收支情况",
                                                           *form, source))
    assert third.text.startswith("（已按要求修改：语气更正式）") and len(after.items) == 3


def test_the_revision_note_says_done_already_met_or_why_not() -> None:
    from ui.draft_tab import revision_markdown

    before = draft("（一）甲。\n（二）乙。")
    met = draft(before.text)
    met.notes = ["原稿已是2点，未改动（未调用大模型）。"]
    assert revision_markdown("改成两点", before, met).startswith("✓ 无需按“改成两点”修改：原稿已是2点")
    kept = draft(before.text)
    kept.notes = ["大模型的修改未被采用，保留原稿。"]
    assert revision_markdown("换一种写法", before, kept).startswith("⚠ 未能按“换一种写法”修改")
    done = draft("（一）甲乙。")
    done.revisions = ["改成一点"]
    assert revision_markdown("改成一点", before, done).startswith("✎ 已按“改成一点”修改")
