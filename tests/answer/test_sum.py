"""Sums name each item once."""

from assistant.answer.skills.sum import distinct


def test_one_item_written_three_ways_is_added_once() -> None:
    assert distinct(("三公经费", "“三公”经费", "三公”经费")) == ("三公经费",)
    assert distinct(("办公费", "印刷费")) == ("办公费", "印刷费")


def test_an_unread_item_finds_the_project_it_names_with_a_typo_or_short_form() -> None:
    from assistant.answer.skills.sum import nearest_subject

    held = ["乡村道路养护工程", "河道保洁服务", "老旧小区改造工作"]
    # a mistyped character and trailing question words: still the report's project
    assert nearest_subject("乡村道路养互工程这几项的预算合计", held) == "乡村道路养护工程"
    # a short form of the project's name
    assert nearest_subject("老旧小区改造", held) == "老旧小区改造工作"
    # nothing like any project: stays unread (named as missing)
    assert nearest_subject("图书采购", held) is None


def test_two_equally_near_projects_resolve_nothing() -> None:
    from assistant.answer.skills.sum import nearest_subject

    assert nearest_subject("绿化管护", ["东片绿化管护", "西片绿化管护"]) is None


class _Facts:
    """A stand-in for the facts lookup: the project rows of one report."""

    def __init__(self, subjects: list[str]) -> None:
        from types import SimpleNamespace

        self.rows = [SimpleNamespace(subject=s, scope="project") for s in subjects]

    def facts(self, report_id: str):
        return self.rows


def _query(*phrases: str, metrics: tuple[str, ...] = ()):
    from assistant.answer.understand.items import Asked
    from assistant.answer.understand.types import Query

    return Query(text="", metrics=metrics, asked=tuple(Asked(p, (), {}, "") for p in phrases))


def test_items_named_only_in_short_forms_are_summed_as_the_reports_projects() -> None:
    from types import SimpleNamespace

    from assistant.answer.skills.sum import _projects_plan

    read = _Facts(["乡村道路养护工程", "河道保洁服务项目", "老旧小区改造工作"])
    report = SimpleNamespace(id="r")
    plan = _projects_plan(read, _query("道路养护", "老旧小区改造这两项的执行数"), report)
    assert [p[2] for p in plan] == ["乡村道路养护工程", "老旧小区改造工作"]
    assert _projects_plan(read, _query("道路养护", "老旧小区改造"), report)[0][1] == "预算数"
    # one item that is no project of the report: no sum of projects is guessed
    assert _projects_plan(read, _query("道路养护", "人员经费"), report) is None
