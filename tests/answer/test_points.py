"""Questions about what was done ("采取了哪些措施") are answered with the numbered points the
report lists under the sentence that introduces them, quoted in order."""

from __future__ import annotations

from pathlib import Path

from assistant.answer.evidence.binding import mark_once
from assistant.answer.evidence.enumerated import MAX_POINTS, all_points_after, points_after
from assistant.answer.evidence.passages import Sentence
from tests.answer.test_facts_route_subjects import _assistant

REPORT = """某县林业局2023年度部门整体支出绩效自评报告
一、绩效管理工作开展情况
为做好森林防火资金的绩效管理，我局主要做了以下工作：
1.健全内控制度。修订财务报销办法，明确审批权限。
2.压实目标责任。将绩效目标分解到各股室。
3.开展绩效监控。每季度对照目标检查进度。
二、部门整体支出情况
全年预算数 1,200.00万元，执行数 1,150.00万元，预算执行率 95.83%。
"""


def _s(start: int, text: str) -> Sentence:
    return Sentence("r", "", text, text, start, start + len(text), 0)


def test_the_points_after_an_introduction_count_up_and_skip_their_bodies() -> None:
    intro = _s(0, "我局主要做了以下工作：")
    later = [_s(20, "1.健全内控制度。"), _s(30, "修订财务报销办法。"), _s(40, "2.压实目标责任。"),
             _s(50, "3.开展绩效监控。"), _s(60, "5.另一份清单的第五点。")]
    assert [p.text for p in points_after(intro, later)] == [
        "1.健全内控制度。", "2.压实目标责任。", "3.开展绩效监控。"]
    assert points_after(_s(0, "我局主要做了以下工作。"), later) == []  # introduces nothing


def test_an_introduction_running_on_into_its_first_point_counts_it() -> None:
    intro = _s(0, "对项目开展全过程绩效管理:1.加强制度建设。")
    later = [_s(30, "2.加强培训。"), _s(40, "3.公开评价结果。")]
    assert [p.text for p in points_after(intro, later)] == ["2.加强培训。", "3.公开评价结果。"]


def test_a_list_longer_than_the_quote_is_counted_whole() -> None:
    intro = _s(0, "我局主要做了以下工作：")
    later = [_s(20 + 10 * n, f"{n}.第{n}项工作。") for n in range(1, MAX_POINTS + 4)]
    assert len(all_points_after(intro, later)) == MAX_POINTS + 3
    assert len(points_after(intro, later)) == MAX_POINTS


def test_a_cut_list_says_how_many_points_the_report_gives(tmp_path: Path, monkeypatch) -> None:
    many = "".join(f"{n}.落实第{n}项管理制度并按季度检查执行情况。\n" for n in range(1, MAX_POINTS + 3))
    a = _assistant(tmp_path, monkeypatch, {"ly.txt": REPORT.replace(
        "1.健全内控制度。修订财务报销办法，明确审批权限。\n2.压实目标责任。将绩效目标分解到各股室。\n"
        "3.开展绩效监控。每季度对照目标检查进度。\n", many)})
    answer = a.ask("某县林业局2023年在绩效管理上采取了哪些措施？")
    assert f"原文共列{MAX_POINTS + 2}点，以上为前{MAX_POINTS}点" in answer.text


def test_measures_taken_are_the_reports_numbered_points(tmp_path: Path, monkeypatch) -> None:
    a = _assistant(tmp_path, monkeypatch, {"ly.txt": REPORT})
    answer = a.ask("某县林业局2023年在绩效管理上采取了哪些措施？")
    assert not answer.abstained
    for point in ("健全内控制度", "压实目标责任", "开展绩效监控"):
        assert point in answer.text
    assert "预算执行率" not in answer.text
    assert all(c.quote.strip() for c in answer.citations) and len(answer.citations) >= 3


def test_no_inconsistency_note_is_put_after_a_list_marker() -> None:
    text = "1.健全内控制度。共有1个项目"
    assert mark_once(text, "1", "（⚠）") == "1.健全内控制度。共有1个（⚠）项目"
