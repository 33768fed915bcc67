"""`untm batch IN_DIR -o OUT_DIR`: align every document pair of a folder (or a manifest).

Thin over `untm.batch`: the options are checked as `BatchOptions` is made and the pairs found by
`find_pairs` (both raise UsageError, exit 2, through `cli_errors`); the run is shown by
`untm.cli.batch_output` (a progress bar and a final table, or with `--quiet` failures only).
Exits 1 when any pair failed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from untm.cli.common import cli_errors, format_choices


def _default_workers() -> int:
    return max(1, os.cpu_count() or 1)


@cli_errors
def batch_command(
    out_dir: Annotated[Path, typer.Option("-o", "--out", help="Output folder (created).")],
    in_dir: Annotated[
        Path | None,
        typer.Argument(
            help="Folder of NAME.zh.EXT + NAME.en.EXT pairs (EXT: txt, docx, doc, odt, fodt, rtf, "
            "html, htm, xhtml, pdf)."
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

    Pairs are NAME.zh.EXT + NAME.en.EXT (EXT: txt, docx, doc, odt, rtf, html, pdf, …; mixed
    allowed; .doc needs LibreOffice). Pairs whose
    outputs are newer than their inputs are kept unless --force. Exit status 1 when any pair
    failed (unpaired files count as failed), 2 on a usage or input error.

    Example: untm batch reports/ -o tm/ --merged tm/all.tmx --report-dir review/
    """
    from untm.batch import BatchOptions, find_pairs
    from untm.cli.batch_output import run_quiet, run_shown

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
    discovery = find_pairs(in_dir, manifest)
    result = run_quiet(discovery, options) if quiet else run_shown(discovery, options)
    if result.exit_code:
        raise typer.Exit(result.exit_code)


def register(app: typer.Typer) -> None:
    """Add `untm batch` to the root app."""
    app.command("batch")(batch_command)
