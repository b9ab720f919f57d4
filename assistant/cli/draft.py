"""`jixiao draft`: one report section from an ingested department-year or a facts file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from assistant.cli.context import assistant_of
from assistant.errors import JixiaoError
from assistant.factory import Assistant

JSON_KEYS = ("text", "facts_used", "placeholders", "flags", "exemplars", "clean", "kind",
             "department", "year", "derived", "notes", "revisions", "backend", "seconds")


def _list_sections() -> None:
    for name, aliases in Assistant.section_kinds():
        also = f"  （也可写：{'、'.join(aliases)}）" if aliases else ""
        click.echo(f"{name}{also}")


def _facts(ctx: click.Context, department: str | None, year: int | None, facts_file: Path | None):
    if facts_file is not None:
        facts = assistant_of(ctx).facts_file(facts_file)
        if year is not None and facts.year is None:
            facts.year = year
        return facts
    if not department:
        raise click.UsageError("give --department NAME (an indexed department or alias) or --facts FILE")
    return assistant_of(ctx).draft_facts(department, year)


def _summary(draft) -> None:
    click.echo()
    click.echo("✓ 核验通过：文中数字均来自给定或计算得出的事实。" if draft.clean
               else f"⚠ 核验未通过（{len(draft.flags)} 处）：")
    for flag in draft.flags:
        click.echo(f"  ⚠ {flag}")
    if draft.placeholders:
        click.echo(f"待补充（{len(draft.placeholders)}）：" + "；".join(draft.placeholders))
    if draft.facts_used:
        click.echo(f"使用的事实（{len(draft.facts_used)}）：" + "；".join(
            f"{f['name']} {f.get('text', '')}".strip() for f in draft.facts_used[:12])
            + ("…" if len(draft.facts_used) > 12 else ""))
    for note in draft.notes:
        click.echo(f"说明：{note}")
    for e in draft.exemplars:
        click.echo(f"参考范文：{e['file']} · {e['section']}")


@click.command("draft")
@click.option("--department", "-d", help="Department (full name or alias, e.g. 番禺区政府办).")
@click.option("--year", "-y", type=int, help="Report year (default: the latest indexed).")
@click.option("--section", "-s", help="Section kind (see --list-sections).")
@click.option("--facts", "facts_file", type=click.Path(path_type=Path),
              help="YAML/JSON facts file instead of an indexed report.")
@click.option("--out", "-o", type=click.Path(path_type=Path), help="Write FILE.docx or FILE.md.")
@click.option("--instruction", "-i", multiple=True, help="Revise the draft (repeatable, in order).")
@click.option("--json", "as_json", is_flag=True, help="Print the draft as JSON.")
@click.option("--list-sections", is_flag=True, help="List the section kinds and exit.")
@click.pass_context
def draft(ctx: click.Context, department, year, section, facts_file, out, instruction, as_json,
          list_sections) -> None:
    """Draft one section of a 部门整体支出绩效自评报告 from a department's facts.

    Every figure comes from the facts or is computed from them; missing facts become
    【待补充：…】; numbers that are neither are flagged (⚠). JIXIAO_LLM=none writes
    deterministic template drafts.
    """
    if list_sections:
        _list_sections()
        return
    if not section:
        raise click.UsageError("give --section KIND (see --list-sections)")
    if out is not None and out.suffix.lower() not in (".docx", ".md"):
        raise click.BadParameter(f"{out.name}: the output must end in .docx or .md", param_hint="--out")
    assistant = assistant_of(ctx)
    try:
        kind = assistant.section_kind(section)
        facts = _facts(ctx, department, year, facts_file)
        if not as_json and assistant.llm_backend != "none":
            click.echo("正在起草（使用大模型时需要数十秒）…", err=True)
        result = assistant.draft(kind, facts)
        for text in instruction:
            result = assistant.revise(result, text, facts)
    except JixiaoError as e:
        raise click.ClickException(str(e)) from None
    written = None
    if out is not None:
        written = assistant.export_draft(result, out)
    if as_json:
        data = result.to_dict()
        payload = {k: data[k] for k in JSON_KEYS}
        payload["out"] = str(written) if written else None
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(result.text)
    _summary(result)
    if written:
        click.echo(f"已写入 {written}")
