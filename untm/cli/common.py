"""The CLI edge: the only place where untm errors become messages and exit codes.

Every command is wrapped with `@cli_errors`: an `UntmError` prints one line
`untm: error: <file>:<line>: <message>` on stderr and exits with the error's exit code (2 by
default); any other exception prints one line `untm: internal error: ...` and exits 70. With
`untm --debug ...` (or UNTM_DEBUG=1) the traceback is shown instead. Ctrl-C prints
`untm: error: interrupted` and exits 130; a closed pipe (`untm segment ... | head`) ends quietly
with 141. Usage errors of typer (click's exceptions, vendored by typer >= 0.17) pass through.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import typer

from untm.errors import UntmError

P = ParamSpec("P")
R = TypeVar("R")

EXIT_INTERNAL = 70
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports it


def _usage_error_base() -> type[Exception]:
    """The base of typer's usage errors (click's `ClickException`), without importing click:
    typer >= 0.17 ships its own copy of click and no longer installs click itself."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == "ClickException" and issubclass(cls, Exception):
            return cls
    raise ImportError("typer.BadParameter does not derive from a ClickException")


USAGE_ERROR: type[Exception] = _usage_error_base()

_PASS_THROUGH: tuple[type[BaseException], ...] = (typer.Exit, typer.Abort, USAGE_ERROR)


class _State:
    debug: bool = False


STATE = _State()


def debug_enabled() -> bool:
    return STATE.debug or os.environ.get("UNTM_DEBUG", "") not in ("", "0")


def one_line(message: str) -> str:
    """The message on one line: line breaks and other control characters (say, in a file name)
    are shown escaped, so an error is always exactly one line."""
    if message.isprintable():
        return message
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in message)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    typer.echo(f"untm: error: {one_line(message)}", err=True)
    return typer.Exit(code)


def cli_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Map library exceptions to a one-line message and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except _PASS_THROUGH:
            raise
        except UntmError as exc:
            if debug_enabled():
                raise
            raise fail(str(exc), exc.exit_code) from None
        except BrokenPipeError:
            # `untm segment ... | head`: the reader went away; stop quietly, no traceback
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
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
        f"untm: internal error: {one_line(message)} (run with --debug for the traceback)",
        err=True,
    )
    return typer.Exit(EXIT_INTERNAL)


def echo_json(data: Any) -> None:
    import json

    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def format_choices() -> str:
    """The output formats for a help text: "tmx, tsv, align, json, xliff or html"."""
    from untm.export import format_names

    *head, last = format_names()
    return f"{', '.join(head)} or {last}"


def format_extensions() -> str:
    """The output formats' extensions for a help text: ".tmx .tsv .align …"."""
    from untm.export import OUTPUT_FORMATS

    return " ".join(f.extension for f in OUTPUT_FORMATS)
