"""The root of the `untm` command line: the typer app, its commands, and `run` (the CLI edge)."""

from __future__ import annotations

from untm.threads import limit_native_threads

# One BLAS/OpenMP thread unless the user says otherwise, set before numpy is first imported: the
# encoder's matrix products are small, and a multi-thread pool spins on a shared 2-core machine
# (seed pair: 4.1 s with 1 thread, 7.5 s with the default, 36.7 s with 2 under load).
limit_native_threads()

from typing import Annotated  # noqa: E402

import typer  # noqa: E402

from untm.cli import align_cmd, batch_cmd, eval_cmd, glossary_cmd, review_cmd, tmx_cmd  # noqa: E402
from untm.cli.common import STATE, USAGE_ERROR  # noqa: E402

app = typer.Typer(
    name="untm",
    help="Chinese-English alignment and translation memory for United Nations documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from untm import __version__

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


for _module in (align_cmd, eval_cmd, tmx_cmd, glossary_cmd, batch_cmd, review_cmd):
    _module.register(app)


def run() -> None:
    """Run the command line of `sys.argv` (the console script, through `untm.cli.main`).

    Usage errors (a missing argument, an unknown option or command, a bad choice) print one line
    like every other error, naming the help to read, and exit 2; a group called without a
    command shows its help, as before.
    """
    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        typer.echo("untm: aborted", err=True)
        raise SystemExit(1) from None
    except USAGE_ERROR as exc:
        ctx = getattr(exc, "ctx", None)
        exit_code = int(getattr(exc, "exit_code", 2))
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            text = ctx.get_help()  # typer's rich help prints itself and returns ""
            if text:
                typer.echo(text)
            raise SystemExit(exit_code) from None
        format_message = getattr(exc, "format_message", None)
        message = format_message() if callable(format_message) else str(exc)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None and exit_code == 2 else ""
        typer.echo(f"untm: error: {' '.join(message.split())}{hint}", err=True)
        raise SystemExit(exit_code) from None
    raise SystemExit(code if isinstance(code, int) else 0)
