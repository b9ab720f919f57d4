"""An older data dir keeps working: the store adds the columns a newer schema has (facts.period)
and the facts written before read back with the default."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.facts.model import Fact
from assistant.index.store import SCHEMA, NewReport, Store

OLD_SCHEMA = SCHEMA.replace(",\n    period TEXT NOT NULL DEFAULT ''", "")


def _old_store(path: Path) -> None:
    assert "period" not in OLD_SCHEMA
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.execute("INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                 ("r.txt", "r.txt", "/x/r.txt", "abc", "txt", "某县教育局2023年部门整体支出绩效自评报告",
                  "某县教育局", 2023, "[]", "全年预算数1200万元。", "[0]", "fake", 0.0))
    conn.execute("INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?)",
                 ("r.txt#0", "r.txt", 0, "", "全年预算数1200万元。", "", 0, 12, "全年 预算"))
    conn.execute(
        "INSERT INTO facts (report_id, department, year, metric, scope, subject, value, unit,"
        " text_value, raw, quote, start, \"end\", num_start, num_end, section, para, page)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        ("r.txt", "某县教育局", 2023, "预算数", "department", "", 1200.0, "万元", "1200万元",
         "1200万元", "全年预算数1200万元。", 0, 12, 5, 11, "", 0, 1))
    conn.commit()
    conn.close()


def test_old_sqlite_file_gets_the_period_column_and_its_facts_read_back(tmp_path: Path) -> None:
    path = tmp_path / "jixiao.sqlite3"
    _old_store(path)
    store = Store(path)
    columns = {r["name"] for r in store._conn.execute("PRAGMA table_info(facts)")}
    assert "period" in columns
    facts = store.facts()
    assert [(f.metric, f.scope, f.subject, f.period, float(f.value)) for f in facts] == [
        ("预算数", "department", "", "", 1200.0)]
    assert facts[0].to_dict()["period"] == ""
    assert store.integrity()["duplicate_facts"] == 0
    store.close()
    again = Store(path)  # opening twice adds nothing and loses nothing
    assert len(again.facts()) == 1
    again.close()


def test_new_facts_keep_their_period(tmp_path: Path) -> None:
    quote = "上年支出1000万元，本年支出1100万元。"
    facts = [
        Fact(metric=metric, scope="department", subject="", value=value, unit="万元",
             text_value=f"{value:g}万元", raw=f"{value:g}万元", quote=quote, start=0,
             end=len(quote), num_start=start, num_end=start + 7, section="", para=0,
             period=period)
        for metric, value, start, period in (("上年支出", 1000.0, 4, "上年"), ("支出", 1100.0, 16, ""))
    ]
    store = Store(tmp_path / "s.sqlite3")
    store.replace_report(NewReport(
        id="r.txt", file="r.txt", path="/x/r.txt", sha256="abc", kind="txt", title="t",
        department="某镇人民政府", year=2023, aliases=(), text=quote, page_starts=(0,),
        embed_model="fake", chunks=[], tokens=[], facts=facts, items=[]))
    got = [(f.metric, f.period, float(f.value)) for f in store.facts()]
    assert got == [("上年支出", "上年", 1000.0), ("支出", "", 1100.0)]
    assert [f.to_dict()["period"] for f in store.facts()] == ["上年", ""]
    store.close()
