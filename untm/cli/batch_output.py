"""What `untm batch` shows while and after it runs: its two output modes.

- `run_quiet`: nothing but one stderr line per failed pair;
- `run_shown`: notes on ignored files, a progress bar on stderr, then the table of documents,
  one line per failure and the closing line on stdout.

The text of each part is a plain function of the result (`results_table`, `failure_lines`,
`closing_line`), so it can be checked without running a batch. Names and errors are shown
literally (rich markup in a file name is escaped).
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from untm.batch import BatchOptions, BatchPlan, BatchResult, Discovery, PairOutcome, run_batch


def results_table(result: BatchResult) -> Table:
    """One row per document: status, units, what was left unaligned, mean score, seconds."""
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
            escape(o.name),
            status,
            str(o.units) if o.ok else "",
            str(o.unaligned_zh) if o.ok else "",
            str(o.unaligned_en) if o.ok else "",
            f"{o.mean_score:.3f}" if o.ok else "",
            f"{o.seconds:.1f}",
            style=None if o.ok else "red",
        )
    return table


def failure_lines(result: BatchResult) -> list[str]:
    """One line per failed document, as rich markup: "[red]failed[/] NAME: ERROR"."""
    return [f"[red]failed[/] {escape(f'{o.name}: {o.error}')}" for o in result.outcomes if not o.ok]


def closing_line(result: BatchResult, discovery: Discovery) -> str:
    """"N ok, M failed; summary: PATH", with the merged TMX and the ignored files when any."""
    ok = len(result.outcomes) - result.failed
    line = f"{ok} ok, {result.failed} failed; summary: {result.summary_path}"
    if result.merged is not None:
        m = result.merged
        line += f"; merged: {m.path} ({m.units} units, {m.duplicates} duplicates folded)"
    if discovery.ignored:
        line += f"; {len(discovery.ignored)} other file(s) ignored"
    return line


class ProgressBar:
    """The progress bar of a shown run: its total from the plan, one step per finished pair
    (named in the bar); a note on stderr of the pairs kept as up to date."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            TextColumn("[bold]aligning[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
            transient=False,
        )
        self.task = self.progress.add_task("", total=None)

    def on_plan(self, plan: BatchPlan) -> None:
        self.progress.update(self.task, total=len(plan.jobs))
        if plan.skipped:
            self.console.print(f"{len(plan.skipped)} pair(s) up to date (use --force to redo)")

    def on_done(self, outcome: PairOutcome) -> None:
        mark = "ok" if outcome.ok else "FAILED"
        self.progress.update(self.task, advance=1, description=escape(f"{outcome.name}: {mark}"))

    def __enter__(self) -> Self:
        self.progress.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.progress.__exit__(kind, exc, tb)


def run_quiet(discovery: Discovery, options: BatchOptions) -> BatchResult:
    """Run the batch; print only "untm: failed: NAME: ERROR" on stderr per failed pair."""
    result = run_batch(discovery, options)
    for outcome in result.outcomes:
        if not outcome.ok:
            typer.echo(f"untm: failed: {outcome.name}: {outcome.error}", err=True)
    return result


def run_shown(discovery: Discovery, options: BatchOptions) -> BatchResult:
    """Run the batch with notes and a progress bar on stderr, then the table, the failures and
    the closing line on stdout."""
    err = Console(stderr=True)
    for name in discovery.ignored:
        err.print(f"untm: note: not a pair member, ignored: {name}", markup=False)
    with ProgressBar(err) as bar:
        result = run_batch(discovery, options, on_plan=bar.on_plan, on_done=bar.on_done)
    out = Console()
    out.print(results_table(result))
    for line in failure_lines(result):
        out.print(line, highlight=False)
    typer.echo(closing_line(result, discovery))
    return result
