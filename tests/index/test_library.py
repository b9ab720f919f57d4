"""Ingest into a real SQLite store and a real Chroma collection (fake embeddings)."""


import pytest

from assistant.factory import build_assistant
from tests.conftest import SAMPLES


@pytest.fixture
def lib(settings):
    return build_assistant(settings).library


def test_ingest_samples_indexes_chunks_facts_and_vectors(lib, corpus) -> None:
    results = lib.ingest([corpus])
    assert [r.status for r in results] == ["added"] * 5
    reports = lib.store.reports()
    assert {r.year for r in reports} == {2022, 2023}
    assert sum(r.n_chunks for r in reports) == lib.vectors.count() == len(lib.bm25)
    assert all(r.n_facts > 0 for r in reports)
    assert lib.reconcile(fix=False)["orphan_vectors"] == 0


def test_reingesting_an_unchanged_file_changes_nothing(lib, corpus) -> None:
    lib.ingest([corpus])
    before = lib.store.facts()
    again = lib.ingest([corpus])
    assert {r.status for r in again} == {"unchanged"}
    assert lib.store.facts() == before


def test_changed_file_replaces_its_chunks_and_facts(lib, corpus) -> None:
    lib.ingest([corpus])
    target = corpus / SAMPLES[2].name
    text = target.read_text(encoding="utf-8").replace("3181.27", "3190.00")
    target.write_text(text, encoding="utf-8")
    [result] = [r for r in lib.ingest([corpus]) if r.file == target.name]
    assert result.status == "updated"
    budgets = [r.number for r in lib.store.facts(target.name) if r.metric == "预算数"]
    assert budgets == [3190.0]
    assert lib.reconcile(fix=False) | {"fixed": None} == {
        "chunks": lib.vectors.count(), "vectors": lib.vectors.count(), "orphan_vectors": 0,
        "missing_vectors": 0, "fixed": None}


def test_remove_deletes_a_report_everywhere(lib, corpus) -> None:
    lib.ingest([corpus])
    n = lib.vectors.count()
    chunks = len(lib.store.chunks(SAMPLES[0].name))
    assert lib.remove(SAMPLES[0].stem)  # by stem or file name
    assert lib.store.report(SAMPLES[0].name) is None
    assert lib.store.facts(SAMPLES[0].name) == []
    assert lib.vectors.count() == n - chunks
    assert not lib.remove("no-such-report")


def test_bad_files_fail_with_a_message_and_do_not_harm_the_index(lib, corpus, tmp_path) -> None:
    lib.ingest([corpus])
    facts_before = len(lib.store.facts())
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "junk.pdf").write_bytes(bytes(range(256)) * 40)
    (bad / "notes.xyz").write_text("预算数 100 万元", encoding="utf-8")
    (bad / "ok.txt").write_text("某某局2021年部门整体支出绩效自评报告\n一、基本情况\n全年预算数 100万元，执行数 90万元。\n",
                                encoding="utf-8")
    results = {r.file: r for r in lib.ingest([bad, bad / "notes.xyz"])}
    assert results["ok.txt"].status == "added"
    for name in ("empty.txt", "junk.pdf", "notes.xyz"):
        assert results[name].status == "failed"
        assert name in results[name].message
    assert len(lib.store.facts()) == facts_before + 2
    assert lib.reconcile(fix=False)["orphan_vectors"] == 0


def test_reconcile_drops_orphan_vectors_and_restores_missing_ones(lib, corpus) -> None:
    lib.ingest([corpus])
    some = sorted(lib.store.chunk_ids())[:3]
    lib.vectors.delete(some)
    lib.vectors.add(["ghost:1"], ["孤儿向量"], [{"report_id": "ghost"}])
    report = lib.reconcile()
    assert (report["orphan_vectors"], report["missing_vectors"]) == (1, 3)
    assert lib.vectors.all_ids() == lib.store.chunk_ids()


def test_docx_with_an_indicator_table_and_a_gbk_text_file(lib, tmp_path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("某某区财政局2024年部门整体支出绩效自评报告")
    d.add_paragraph("一、部门整体收支情况")
    d.add_paragraph("全年预算数 1,200.50 万元，执行数 1,100.25 万元，预算执行率 91.65%。")
    d.add_paragraph("二、绩效指标完成情况")
    table = d.add_table(rows=3, cols=5)
    for i, header in enumerate(["三级指标", "年度指标值", "实际完成值", "分值", "得分"]):
        table.rows[0].cells[i].text = header
    for i, cell in enumerate(["资金拨付及时率", "≥95%", "98%", "10", "10"]):
        table.rows[1].cells[i].text = cell
    for i, cell in enumerate(["群众满意度", "90%", "93%", "10", "9.5"]):
        table.rows[2].cells[i].text = cell
    path = tmp_path / "caizheng.docx"
    d.save(path)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("某某街道办事处2021年部门整体支出绩效自评报告\n一、基本情况\n全年支出 88.8 万元。\n".encode("gb18030"))
    results = {r.file: r for r in lib.ingest([path, gbk])}
    assert results["caizheng.docx"].status == "added", results["caizheng.docx"].message
    assert results["caizheng.docx"].department == "某某区财政局" and results["caizheng.docx"].year == 2024
    facts = {(f.subject, f.metric): f.number for f in lib.store.facts("caizheng.docx")}
    assert facts[("", "预算数")] == 1200.5 and facts[("", "执行率")] == 91.65
    assert facts[("资金拨付及时率", "目标值")] == 95 and facts[("资金拨付及时率", "实际值")] == 98
    assert facts[("群众满意度", "得分")] == 9.5 and facts[("群众满意度", "分值")] == 10
    assert [f.number for f in lib.store.facts("gbk.txt") if f.metric == "支出"] == [88.8]


def test_same_file_name_from_another_folder_keeps_both_reports(lib, tmp_path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "自评报告.txt").write_text("某县林业局2023年部门整体支出绩效自评报告\n全年支出 120.5 万元。\n",
                                    encoding="utf-8")
    (b / "自评报告.txt").write_text("某县气象局2023年部门整体支出绩效自评报告\n全年支出 88.8 万元。\n",
                                    encoding="utf-8")
    first, second = lib.ingest([a / "自评报告.txt", b / "自评报告.txt"])
    assert (first.status, second.status) == ("added", "added")
    assert first.report_id == "自评报告.txt" and second.report_id != first.report_id
    spent = {r.department: [f.number for f in lib.store.facts(r.id) if f.metric == "支出"]
             for r in lib.store.reports()}
    assert spent == {"某县林业局": [120.5], "某县气象局": [88.8]}
    # each file ingested again is its own report, unchanged; a copy of one is that report
    again = lib.ingest([b / "自评报告.txt", a / "自评报告.txt"])
    assert [(r.report_id, r.status) for r in again] == [(second.report_id, "unchanged"),
                                                        (first.report_id, "unchanged")]
    copy = tmp_path / "c"
    copy.mkdir()
    (copy / "自评报告.txt").write_bytes((a / "自评报告.txt").read_bytes())
    assert lib.ingest([copy / "自评报告.txt"])[0].report_id == first.report_id
    assert len(lib.store.reports()) == 2


def test_a_fact_says_whose_figure_it_is(lib, tmp_path) -> None:
    path = tmp_path / "wh.txt"
    path.write_text("某县林业局2023年部门整体支出绩效自评报告\n"
                    "本年收入合计1200万元，其中：一般公共预算财政拨款1000万元，上年结转200万元。\n",
                    encoding="utf-8")
    lib.ingest([path])
    whose = {f.number: f.whose for f in lib.store.facts("wh.txt")}
    assert whose == {1200.0: "（部门整体）", 1000.0: "一般公共预算财政拨款（资金来源）",
                     200.0: "上年结转（资金来源）"}
