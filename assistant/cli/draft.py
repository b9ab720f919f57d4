"""`jixiao draft`: one report section, or with --all the whole report, from an ingested
department-year or a facts file."""

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


def _check_arguments(section, whole, instruction, out) -> None:
    if whole and section:
        raise click.UsageError("give either --section KIND or --all, not both")
    if whole and instruction:
        raise click.UsageError("--instruction revises one section; use it with --section, not --all")
    if not section and not whole:
        raise click.UsageError("give --section KIND (see --list-sections) or --all for the whole report")
    if out is not None and out.suffix.lower() not in (".docx", ".md"):
        raise click.BadParameter(f"{out.name}: the output must end in .docx or .md", param_hint="--out")


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


def _report_summary(report) -> None:
    click.echo()
    flagged = [d for d in report.sections if not d.clean]
    click.echo(f"✓ 核验通过：{len(report.sections)} 节的数字均来自给定或计算得出的事实。" if not flagged
               else f"⚠ 核验未通过（{len(flagged)} 节）：" + "、".join(d.kind for d in flagged))
    if report.placeholders:
        click.echo(f"待补充（{len(report.placeholders)}）：" + "；".join(p["text"] for p in report.placeholders))
    click.echo(f"用时 {report.seconds:.1f} 秒")


def _whole_report(assistant, facts, out: Path | None, as_json: bool) -> None:
    """Draft every section kind in report order; progress per section on stderr; without
    --out the sections are printed under their headings."""
    from assistant.drafting.types import ReportDraft

    if not as_json and assistant.llm_backend != "none":
        click.echo("正在起草整篇报告（使用大模型时每节需要数十秒）…", err=True)
    report, texts = None, []
    for part in assistant.stream_report(facts):
        if isinstance(part, ReportDraft):
            report = part
        elif part.done:
            texts.append(f"【{part.heading}】\n{part.draft.text}\n")
            if not as_json:
                mark = "✓" if part.draft.clean else f"⚠{len(part.draft.flags)}"
                click.echo(f"[{part.index}/{part.total}] {part.kind} {mark} "
                           f"（{part.draft.seconds:.1f} 秒）", err=True)
    written = assistant.export_report(report, out) if out is not None else None
    if as_json:
        payload = report.to_dict()
        payload["out"] = str(written) if written else None
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if written is None:
        click.echo(f"{report.title}\n\n" + "\n".join(texts))
    _report_summary(report)
    if written:
        click.echo(f"已写入 {written}")


@click.command("draft")
@click.option("--department", "-d", help="Department (full name or alias, e.g. 番禺区政府办).")
@click.option("--year", "-y", type=int, help="Report year (default: the latest indexed).")
@click.option("--section", "-s", help="Section kind (see --list-sections).")
@click.option("--all", "whole", is_flag=True,
              help="Draft the whole report: every section kind, in report order, into one file.")
@click.option("--facts", "facts_file", type=click.Path(path_type=Path),
              help="YAML/JSON facts file instead of an indexed report.")
@click.option("--out", "-o", type=click.Path(path_type=Path), help="Write FILE.docx or FILE.md.")
@click.option("--instruction", "-i", multiple=True,
              help="Revise the draft (repeatable, in order); each revision that changes the text is a "
                   "new version: 1 is the fresh draft, 2 after the first -i …")
@click.option("--revision", "-r", type=int,
              help="Output version N of the history built by -i (default: the last); "
                   "with --then, continue revising from version N.")
@click.option("--then", "-t", "then", multiple=True,
              help="Revise further from the version chosen by --revision (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the draft as JSON.")
@click.option("--list-sections", is_flag=True, help="List the section kinds and exit.")
@click.pass_context
def draft(ctx: click.Context, department, year, section, whole, facts_file, out, instruction, revision,
          then, as_json, list_sections) -> None:
    """Draft one section of a 部门整体支出绩效自评报告 from a department's facts, or with
    --all the whole report (cover title, key figures, every section, placeholders and
    verification notes) into one .docx or .md.

    Every figure comes from the facts or is computed from them; missing facts become
    【待补充：…】; numbers that are neither are flagged (⚠). JIXIAO_LLM=none writes
    deterministic template drafts.
    """
    if list_sections:
        _list_sections()
        return
    _check_arguments(section, whole, instruction + then, out)
    if then and revision is None and not instruction:
        raise click.UsageError("--then continues from a version: give --revision N (or -i first)")
    assistant = assistant_of(ctx)
    try:
        kind = assistant.section_kind(section) if section else None
        facts = _facts(ctx, department, year, facts_file)
        if kind is None:
            _whole_report(assistant, facts, out, as_json)
        else:
            _one_section(assistant, kind, facts, out, (instruction, revision, then), as_json)
    except JixiaoError as e:
        raise click.ClickException(str(e)) from None


def _history(assistant, kind: str, facts, instructions) -> list[tuple[str, object]]:
    """The versions (what made it, Draft): the fresh draft and each revision that changed
    the text, each revising the one before."""
    versions = [("生成草稿", assistant.draft(kind, facts))]
    return _revise_from(assistant, facts, versions, 0, instructions)


def _revise_from(assistant, facts, versions: list, index: int, instructions) -> list:
    """`versions` with the revisions of version `index` by `instructions` appended (a
    revision that left the text as it was adds no version; its notes say why)."""
    current = versions[index][1]
    for text in instructions:
        revised = assistant.revise(current, text, facts)
        if revised.text != current.text:
            versions.append((text, revised))
            current = revised
        else:
            click.echo(f"“{text}”未改动草稿：" + "；".join(revised.notes[-1:]), err=True)
    return versions


def _pick(versions: list, revision: int | None) -> int:
    """The index of version `revision` (1-based; negative counts from the end), or the last."""
    if revision is None:
        return len(versions) - 1
    index = revision - 1 if revision > 0 else len(versions) + revision
    if not 0 <= index < len(versions):
        raise click.BadParameter(f"there are {len(versions)} versions (1–{len(versions)})",
                                 param_hint="--revision")
    return index


def _version_lines(versions: list, shown: int) -> list[str]:
    return [f"{'→' if i == shown else ' '} 版本{i + 1} · {label} {'✓' if d.clean else '⚠'}"
            for i, (label, d) in enumerate(versions)]


def _one_section(assistant, kind: str, facts, out: Path | None, history, as_json: bool) -> None:
    instruction, revision, then = history
    if not as_json and assistant.llm_backend != "none":
        click.echo("正在起草（使用大模型时需要数十秒）…", err=True)
    versions = _history(assistant, kind, facts, instruction)
    shown = _pick(versions, revision)
    if then:
        before = len(versions)
        versions = _revise_from(assistant, facts, versions, shown, then)
        shown = len(versions) - 1 if len(versions) > before else shown
    result = versions[shown][1]
    written = None
    if out is not None:
        written = assistant.export_draft(result, out)
    if as_json:
        data = result.to_dict()
        payload = {k: data[k] for k in JSON_KEYS}
        payload["version"] = shown + 1
        payload["versions"] = [{"version": i + 1, "instruction": label, "clean": d.clean, "text": d.text}
                               for i, (label, d) in enumerate(versions)]
        payload["out"] = str(written) if written else None
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(result.text)
    _summary(result)
    if len(versions) > 1:
        click.echo("版本：")
        for line in _version_lines(versions, shown):
            click.echo(line)
    if written:
        click.echo(f"已写入 {written}")
