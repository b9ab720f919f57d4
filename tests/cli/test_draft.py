"""`jixiao draft` and facts files: --json, --out .docx/.md, --instruction, bad input names
the problem and exits non-zero."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from assistant.cli.main import main
from assistant.drafting import FactsFileError, load_facts_file

FACTS_YAML = """\
department: 广州市海珠区人民政府办公室
year: 2024
figures:
  预算数: 1200.5万元
  执行数: 1100
  基本支出: {value: 900, unit: 万元}
  项目支出: 200
  自评得分: 95.5
problems:
  - 部分项目支付进度偏慢
measures:
  - 加强预算执行监控
"""


@pytest.fixture
def run(ingested, monkeypatch):
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(ingested.settings.data_dir))
    monkeypatch.setenv("JIXIAO_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("JIXIAO_LLM", "none")

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args))

    return invoke


def test_json_has_the_contract_fields(run) -> None:
    result = run("draft", "--department", "番禺区政府办", "--year", "2022", "--section", "收支情况", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"text", "facts_used", "placeholders", "flags", "exemplars"} <= data.keys()
    assert data["kind"] == "部门整体收支情况" and data["clean"] is True and data["flags"] == []
    assert "4,227.15万元" in data["text"]
    assert {"预算数", "支出", "执行率"} <= {f["name"] for f in data["facts_used"]}
    assert data["exemplars"] and all(e["file"] != "000_fc6c4babe23d131a.txt" for e in data["exemplars"])


def test_out_writes_docx_and_md(run, tmp_path: Path) -> None:
    docx_path, md_path = tmp_path / "s.docx", tmp_path / "s.md"
    result = run("draft", "-d", "白云区政府办", "-s", "存在的主要问题", "--out", str(docx_path))
    assert result.exit_code == 0, result.output
    assert f"已写入 {docx_path}" in result.output
    paras = [p.text for p in Document(str(docx_path)).paragraphs if p.text.strip()]
    assert paras[1] == "一、存在的主要问题" and paras[3].startswith("（一）预算执行进度不均衡")
    result = run("draft", "-d", "白云区政府办", "-s", "存在的主要问题", "--out", str(md_path),
                 "-i", "改成两点", "--json")
    data = json.loads(result.output)
    assert data["revisions"] == ["改成两点"] and data["out"] == str(md_path)
    assert md_path.read_text(encoding="utf-8").count("\n（") == 2


def test_facts_file_drafts_a_department_not_in_the_store(run, tmp_path: Path) -> None:
    path = tmp_path / "haizhu.yaml"
    path.write_text(FACTS_YAML, encoding="utf-8")
    result = run("draft", "--facts", str(path), "--section", "部门整体收支情况", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["department"] == "广州市海珠区人民政府办公室" and data["year"] == 2024
    assert "全年预算数1200.5万元，执行数1100万元，预算执行率为91.63%" in data["text"]
    assert data["clean"]
    assert len(data["exemplars"]) == 2


def test_bad_section_and_bad_out_name_the_problem(run, tmp_path: Path) -> None:
    result = run("draft", "-d", "荔湾区政府办", "-s", "乱写的章节")
    assert result.exit_code != 0
    assert "unknown section kind '乱写的章节'" in result.output and "存在的主要问题" in result.output
    result = run("draft", "-d", "荔湾区政府办", "-s", "问题", "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code != 0 and "must end in .docx or .md" in result.output
    result = run("draft", "-d", "不存在的部门", "-s", "问题")
    assert result.exit_code != 0 and "is not an indexed department" in result.output


def test_bad_facts_file_names_the_field(run, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(FACTS_YAML.replace("执行数: 1100", "执行数: 很多"), encoding="utf-8")
    result = run("draft", "--facts", str(path), "-s", "收支情况")
    assert result.exit_code != 0
    assert "bad.yaml: figures.执行数: value must be a number" in result.output


def test_list_sections(run) -> None:
    result = run("draft", "--list-sections")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 12 and lines[0].startswith("部门职能/机构设置概况")


@pytest.mark.parametrize("text, field", [
    ("year: 2024\n", "department"),
    ("department: X\nyear: 1900\n", "year"),
    ("department: X\nfigures: [1, 2]\n", "figures"),
    ("department: X\nindicators:\n  - target: 95%\n", "indicators[0].name"),
    ("department: X\nprojects:\n  - {name: A, budget: lots}\n", "projects[0].budget"),
    ("department: X\nstatements:\n  不存在的章节: [a]\n", "statements.不存在的章节"),
    ("department: X\nbudget: 5\n", "budget"),
])
def test_facts_file_errors_name_the_field(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FactsFileError) as err:
        load_facts_file(path)
    assert err.value.field == field
    assert str(err.value).startswith(f"f.yaml: {field}: ")


def test_json_facts_file_and_parse_error(tmp_path: Path) -> None:
    good = tmp_path / "f.json"
    good.write_text(json.dumps({"department": "某部门", "figures": {"支出": "10万元"}}, ensure_ascii=False),
                    encoding="utf-8")
    assert load_facts_file(good).figures["支出"]["value"] == 10.0
    bad = tmp_path / "g.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(FactsFileError, match="g.json: cannot be parsed"):
        load_facts_file(bad)


WHOLE_YAML = """\
department: 东湖区教育局
year: 2023
figures:
  预算数: 5600
  执行数: 5320
  自评得分: 90
problems:
  - 部分学校项目资金支付进度偏慢
measures:
  - 建立项目资金支付月度通报机制
"""
CHAPTERS = ["一、基本情况", "二、综合评价分析", "三、存在的主要问题", "四、下一步改进措施"]


def test_all_writes_the_whole_report_to_one_docx(run, tmp_path: Path) -> None:
    path = tmp_path / "dongfu.yaml"
    path.write_text(WHOLE_YAML, encoding="utf-8")
    out = tmp_path / "report.docx"
    result = run("draft", "--all", "--facts", str(path), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"已写入 {out}" in result.output and "✓ 核验通过：12 节" in result.output
    assert "[1/12] 部门职能/机构设置概况 ✓" in result.output  # progress (stderr, mixed in here)
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "东湖区教育局2023年度部门整体支出绩效自评报告"
    level1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    level2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert level1[:4] == CHAPTERS
    assert level2[:10] == [f"（{n}）{h}" for n, h in zip("一二三四五一二三四五", (
        "部门概况", "年度总体工作和重点工作任务", "部门整体收支情况", "部门整体支出绩效目标",
        "部门整体绩效管理情况", "自评结论综述", "各项工作任务绩效目标完成情况",
        "重点任务项目支出完成情况", "管理效率分析", "主要工作成效"), strict=True)]
    table = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert table["全年预算数"] == "5600万元" and table["预算执行率"] == "95.00%"


def test_all_json_lists_sections_and_placeholders(run, ingested) -> None:
    department = ingested.reports()[0].department
    result = run("draft", "--all", "-d", department, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["department"] == department and data["out"] is None
    assert [s["kind"] for s in data["sections"]][0] == "部门职能/机构设置概况"
    assert len(data["sections"]) == 12 and data["title"].endswith("年度部门整体支出绩效自评报告")
    assert all(p["text"].startswith("【待补充") and p["sections"] for p in data["placeholders"])
    assert {"name", "text", "source", "missing"} <= data["key_figures"][0].keys()


def test_all_excludes_section_and_instruction(run) -> None:
    result = run("draft", "--all", "-s", "问题", "-d", "x")
    assert result.exit_code != 0 and "either --section KIND or --all" in result.output
    result = run("draft", "--all", "-i", "更简洁一些", "-d", "x")
    assert result.exit_code != 0 and "use it with --section, not --all" in result.output
    result = run("draft", "-d", "x")
    assert result.exit_code != 0 and "--all for the whole report" in result.output


def test_revisions_are_versions_to_pick_and_continue_from(run) -> None:
    args = ("draft", "-d", "白云区政府办", "-s", "存在的主要问题", "-i", "改成两点", "-i", "删除第二点")
    last = run(*args, "--json")
    assert last.exit_code == 0, last.output
    data = json.loads(last.output)
    assert data["version"] == 3 and [v["instruction"] for v in data["versions"]] == \
        ["生成草稿", "改成两点", "删除第二点"]
    first = json.loads(run(*args, "--revision", "1", "--json").output)
    assert first["version"] == 1 and first["text"] == data["versions"][0]["text"]
    assert "（三）" in first["text"]
    on = json.loads(run(*args, "-r", "2", "--then", "加一条关于预算编制的问题", "--json").output)
    assert on["version"] == 4 and "预算编制" in on["text"] and "（二）" in on["text"]
    assert "（三）预算编制方面" in on["text"]  # revised from version 2 (two points), not version 3
    shown = run(*args, "-r", "2")
    assert "→ 版本2 · 改成两点 ✓" in shown.output and "  版本3 · 删除第二点 ✓" in shown.output
    bad = run(*args, "-r", "9")
    assert bad.exit_code != 0 and "there are 3 versions" in bad.output
    alone = run("draft", "-d", "白云区政府办", "-s", "存在的主要问题", "--then", "改成两点")
    assert alone.exit_code != 0 and "--revision" in alone.output
