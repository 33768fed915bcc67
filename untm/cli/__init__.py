"""The `untm` command line: thin over the packages; see `untm --help`."""

from __future__ import annotations

from typing import Annotated

import typer

from untm import __version__
from untm.cli import align_cmd, batch_cmd, eval_cmd, glossary_cmd, tmx_cmd
from untm.cli.common import STATE

app = typer.Typer(
    name="untm",
    help="Chinese-English alignment and translation memory for United Nations documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"untm {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    STATE.debug = debug


for _module in (align_cmd, eval_cmd, tmx_cmd, glossary_cmd, batch_cmd):
    _module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
