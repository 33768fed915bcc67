"""The CLI edge: the only place where untm errors become messages and exit codes.

Every command is wrapped with `@cli_errors`: an `UntmError` prints one line
`untm: error: <file>:<line>: <message>` on stderr and exits with the error's exit code (2 by
default); any other exception prints one line `untm: internal error: ...` and exits 70. With
`untm --debug ...` (or UNTM_DEBUG=1) the traceback is shown instead.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import click
import typer

from untm.errors import UntmError

P = ParamSpec("P")
R = TypeVar("R")

EXIT_INTERNAL = 70


class _State:
    debug: bool = False


STATE = _State()


def debug_enabled() -> bool:
    return STATE.debug or os.environ.get("UNTM_DEBUG", "") not in ("", "0")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    typer.echo(f"untm: error: {message}", err=True)
    return typer.Exit(code)


def cli_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Map library exceptions to a one-line message and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.ClickException):
            raise
        except UntmError as exc:
            if debug_enabled():
                raise
            raise fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except Exception as exc:
            if debug_enabled():
                raise
            text = str(exc).splitlines()[0] if str(exc) else ""
            raise fail_internal(f"{type(exc).__name__}: {text}") from None

    return wrapper


def fail_internal(message: str) -> typer.Exit:
    typer.echo(
        f"untm: internal error: {message} (run with --debug for the traceback)", err=True
    )
    return typer.Exit(EXIT_INTERNAL)


def echo_json(data: Any) -> None:
    import json

    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
