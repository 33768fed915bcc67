"""`untm review SESSION --export OUT`: write a review session's links as TMX, TSV, .align or JSON.

The editor itself (serving the page) is added on top of this module by the web part; the export
is a plain function, `export_session_cmd`, that the serving command can call as well.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from untm.cli.common import cli_errors, fail
from untm.fileio import check_output_path


def export_session_cmd(
    session_path: Path,
    out: Path,
    fmt: str | None = None,
    *,
    confirmed_only: bool = False,
    as_json: bool = False,
) -> None:
    """Load a session file and export it to `out`, printing the summary (raises UntmError)."""
    from untm.pipeline import format_of
    from untm.review.export import export_session
    from untm.review.sessionfile import load_session

    format_of(out, fmt)  # a bad format fails before anything is read
    check_output_path(out, inputs=(session_path,))
    session = load_session(session_path)
    summary = export_session(session, out, fmt, confirmed_only=confirmed_only)
    if as_json:
        from untm.cli.common import echo_json

        echo_json(summary.to_dict())
        return
    for line in summary.lines():
        typer.echo(line)


@cli_errors
def review(
    session: Annotated[Path, typer.Argument(help="Review session file.")],
    export: Annotated[
        Path | None,
        typer.Option("--export", help="Write the links here (.tmx .tsv .align .json)."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="tmx, tsv, align or json (default: from the extension)."),
    ] = None,
    confirmed_only: Annotated[
        bool, typer.Option("--confirmed-only", help="Export only the confirmed links.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Export a review session (TMX units carry x-status and x-score)."""
    if export is None:
        raise fail("give --export OUT (serving the editor is not in this build yet)")
    export_session_cmd(session, export, fmt, confirmed_only=confirmed_only, as_json=as_json)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("review")(review)
