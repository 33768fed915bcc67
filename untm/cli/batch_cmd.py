"""`untm batch IN_DIR -o OUT_DIR`: align every document pair of a folder (or a manifest).

Thin over `untm.batch`: finds the pairs, runs them on local worker processes or on Dask, shows a
rich progress bar and a final table (`--quiet`: failures only), exits 1 when any pair failed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from untm.cli.common import cli_errors, fail, format_choices

if TYPE_CHECKING:
    from untm.batch import BatchResult


def _default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def _table(result: BatchResult) -> Table:
    table = Table(
        title=f"untm batch: {len(result.outcomes)} documents",
        title_justify="left",
        caption="zh/en left: sentences without a partner; kept: up to date, not redone",
        caption_justify="left",
    )
    table.add_column("document", overflow="fold")
    table.add_column("status", no_wrap=True)
    for column in ("units", "zh left", "en left", "score", "secs"):
        table.add_column(column, justify="right", no_wrap=True)
    for o in result.outcomes:
        status = "[green]ok[/]" if o.ok else "[red]failed[/]"
        if o.skipped:
            status = "[green]ok[/] (kept)"
        table.add_row(
            o.name,
            status,
            str(o.units) if o.ok else "",
            str(o.unaligned_zh) if o.ok else "",
            str(o.unaligned_en) if o.ok else "",
            f"{o.mean_score:.3f}" if o.ok else "",
            f"{o.seconds:.1f}",
            style=None if o.ok else "red",
        )
    return table


@cli_errors
def batch_command(
    out_dir: Annotated[Path, typer.Option("-o", "--out", help="Output folder (created).")],
    in_dir: Annotated[
        Path | None,
        typer.Argument(
            help="Folder of NAME.zh.EXT + NAME.en.EXT pairs (EXT: txt, docx, html, pdf)."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-j", min=1, help="Worker processes (default: CPUs)."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"Per-pair output: {format_choices()}.")
    ] = "tmx",
    manifest: Annotated[
        Path | None,
        typer.Option(
            "--manifest", help="TSV of pairs: name, zh path, en path (instead of IN_DIR)."
        ),
    ] = None,
    merged: Annotated[
        Path | None, typer.Option("--merged", help="Also write one merged TMX of all pairs.")
    ] = None,
    report_dir: Annotated[
        Path | None, typer.Option("--report-dir", help="Write a review page NAME.html per pair.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Redo pairs that are up to date.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or table; failures only.")
    ] = False,
    engine: Annotated[
        str, typer.Option("--engine", help="local (worker processes) or dask.")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address (default: a LocalCluster)."),
    ] = None,
    mode: Annotated[str, typer.Option("--mode", help="Aligner mode: best or fast.")] = "best",
) -> None:
    """Align every pair of a folder (or manifest) into OUT_DIR, with OUT_DIR/summary.json.

    Pairs are NAME.zh.EXT + NAME.en.EXT (EXT: txt, docx, html, pdf; mixed allowed). Pairs whose
    outputs are newer than their inputs are kept unless --force. Exit status 1 when any pair
    failed (unpaired files count as failed), 2 on a usage or input error.

    Example: untm batch reports/ -o tm/ --merged tm/all.tmx --report-dir review/
    """
    from untm.batch import BatchOptions, BatchPlan, PairOutcome, discover_pairs, read_manifest
    from untm.batch import run_batch as run
    from untm.batch.engines import ENGINES
    from untm.export import format_names
    from untm.pipeline import MODES

    for value, choices, option in (
        (fmt, format_names(), "--format"),
        (engine, ENGINES, "--engine"),
        (mode, MODES, "--mode"),
    ):
        if value not in choices:
            raise fail(f"{option} must be one of {', '.join(choices)} (got {value!r})")
    if scheduler is not None and engine != "dask":
        raise fail("--scheduler needs --engine dask")
    if (in_dir is None) == (manifest is None):
        raise fail("give either IN_DIR or --manifest (exactly one)")
    discovery = read_manifest(manifest) if manifest is not None else discover_pairs(in_dir or ".")
    options = BatchOptions(
        out_dir=out_dir,
        fmt=fmt,
        workers=workers or _default_workers(),
        engine=engine,
        scheduler=scheduler,
        merged=merged,
        report_dir=report_dir,
        force=force,
        mode=mode,
    )
    err = Console(stderr=True)
    for name in discovery.ignored:
        if not quiet:
            err.print(f"untm: note: not a pair member, ignored: {name}", markup=False)

    if quiet:
        result = run(discovery, options)
        for outcome in result.outcomes:
            if not outcome.ok:
                typer.echo(f"untm: failed: {outcome.name}: {outcome.error}", err=True)
    else:
        progress = Progress(
            TextColumn("[bold]aligning[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=err,
            transient=False,
        )
        task = progress.add_task("", total=None)

        def on_plan(plan: BatchPlan) -> None:
            progress.update(task, total=len(plan.jobs))
            if plan.skipped:
                err.print(f"{len(plan.skipped)} pair(s) up to date (use --force to redo)")

        def on_done(outcome: PairOutcome) -> None:
            mark = "ok" if outcome.ok else "FAILED"
            progress.update(task, advance=1, description=f"{outcome.name}: {mark}")

        with progress:
            result = run(discovery, options, on_plan=on_plan, on_done=on_done)
        out = Console()
        out.print(_table(result))
        for o in result.outcomes:
            if not o.ok:
                out.print(f"[red]failed[/] {o.name}: {o.error}", highlight=False)
        ok = len(result.outcomes) - result.failed
        line = f"{ok} ok, {result.failed} failed; summary: {result.summary_path}"
        if result.merged is not None:
            m = result.merged
            line += f"; merged: {m.path} ({m.units} units, {m.duplicates} duplicates folded)"
        if discovery.ignored:
            line += f"; {len(discovery.ignored)} other file(s) ignored"
        typer.echo(line)
    if result.exit_code:
        raise typer.Exit(result.exit_code)


def register(app: typer.Typer) -> None:
    """Add `untm batch` to the root app."""
    app.command("batch")(batch_command)
