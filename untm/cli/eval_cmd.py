"""`untm eval GOLD TEST`: score alignments (strict/lax P/R/F1, Vecalign's null-link rule)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from untm.cli.common import cli_errors, echo_json


@cli_errors
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold .align file, or a folder of them.")],
    test: Annotated[Path, typer.Argument(help="Test .align file, or a folder (matched by name).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score TEST against GOLD: strict and lax precision, recall and F1, micro-averaged."""
    from untm.aligner.evaluate import evaluate_paths

    score = evaluate_paths(gold, test)
    if as_json:
        echo_json(score.to_dict())
        return
    typer.echo(f"files {score.files}  gold links {score.gold_links}  test links {score.test_links}")
    typer.echo(f"{'':8}{'P':>7}{'R':>7}{'F1':>7}")
    typer.echo(
        f"{'strict':8}{score.precision_strict:7.3f}{score.recall_strict:7.3f}{score.f1_strict:7.3f}"
    )
    typer.echo(f"{'lax':8}{score.precision_lax:7.3f}{score.recall_lax:7.3f}{score.f1_lax:7.3f}")


def register(app: typer.Typer) -> None:
    """Add `untm eval` to the root app."""
    app.command("eval")(eval_command)
