"""`untm review`: correct an alignment in the browser, or export a review session.

- `untm review ZH EN [-o OUT.tmx]` aligns the pair, writes the session `OUT.review.json` beside
  the (first) output and serves the editor;
- `untm review SESSION [-o OUT.tmx]` reopens a session in the editor;
- `untm review SESSION --export OUT` writes the session's links in any format of `untm.export`
  (TMX, TSV, .align, JSON, XLIFF, a review page) and exits (`export_session_cmd`, no server).

The editor listens on 127.0.0.1 only, on a free port unless `--port`; its address (with a new
random token) is printed and opened in a browser unless `--no-browser`. It exports only to the
`-o` outputs (default: the session's name with .tmx). Ctrl-C stops it after saving.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from untm.cli.common import cli_errors, fail, format_choices, format_extensions
from untm.errors import OutputError
from untm.fileio import check_output_path

if TYPE_CHECKING:
    from untm.review.web.backend import Output


def export_session_cmd(
    session_path: Path,
    out: Path,
    fmt: str | None = None,
    *,
    confirmed_only: bool = False,
    as_json: bool = False,
    glossary: Path | None = None,
) -> None:
    """Load a session file and export it to `out`, printing the summary (raises UntmError); a
    review page marks the terms of the user glossary `glossary` (default: $UNTM_GLOSSARY's)."""
    from untm.export import format_of
    from untm.review.export import export_session
    from untm.review.sessionfile import load_session

    format_of(out, fmt)  # a bad format fails before anything is read
    check_output_path(out, inputs=(session_path,))
    session = load_session(session_path)
    summary = export_session(session, out, fmt, confirmed_only=confirmed_only, glossary=glossary)
    if as_json:
        from untm.cli.common import echo_json

        echo_json(summary.to_dict())
        return
    for line in summary.lines():
        typer.echo(line)


SESSION_SUFFIX = ".review.json"


def session_path_for(out: Path) -> Path:
    """The session file beside an output: `report.tmx` -> `report.review.json`."""
    return out.with_name(out.stem + SESSION_SUFFIX)  # without a suffix, the stem is the name


def default_output_for(session: Path) -> Path:
    """The export output of a reopened session: `report.review.json` -> `report.tmx`."""
    name = session.name
    stem = name[: -len(SESSION_SUFFIX)] if name.endswith(SESSION_SUFFIX) else session.stem
    return session.with_name(stem + ".tmx")


def _outputs(paths: list[Path], inputs: tuple[Path, ...]) -> list[Output]:
    from untm.export import format_of
    from untm.review.web.backend import Output

    chosen = []
    for path in paths:
        fmt = format_of(path, None).name
        check_output_path(path, inputs=inputs)
        chosen.append(Output(path, fmt))
    if len({o.path.resolve() for o in chosen}) < len(chosen):
        raise OutputError("the same output is given twice", path=paths[0])
    return chosen


@cli_errors
def review(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="ZH EN (align the pair, then review) or SESSION (reopen a .review.json).",
            metavar="ZH EN | SESSION",
            show_default=False,
        ),
    ],
    out: Annotated[
        list[Path] | None,
        typer.Option(
            "--out",
            "-o",
            help=f"Where the editor exports ({format_extensions()}; repeatable). With ZH EN the "
            "session is written beside the first, as NAME.review.json. Default: ZH's name .tmx "
            "in the current folder, or the session's name .tmx.",
        ),
    ] = None,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export", help=f"Export SESSION here ({format_extensions()}) and exit; no editor."
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help=f"{format_choices()} (default: from the extension)."),
    ] = None,
    confirmed_only: Annotated[
        bool, typer.Option("--confirmed-only", help="Export only the confirmed links.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    port: Annotated[
        int, typer.Option("--port", help="Port on 127.0.0.1 (default 0: a free one).")
    ] = 0,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Print the address only; open no browser.")
    ] = False,
    glossary: Annotated[
        Path | None,
        typer.Option("--glossary", help="User glossary (SQLite) the editor adds terms to and a "
                     "review page (.html) marks; default $UNTM_GLOSSARY or user data."),
    ] = None,
    mode: Annotated[str, typer.Option("--mode", help="Aligner mode for ZH EN: best or fast.")] = (
        "best"
    ),
) -> None:
    """Correct an alignment in the browser (keyboard-first editor), or export a session.

    TMX units exported from a session carry x-status (confirmed, edited, auto) and x-score.
    """
    if export is not None:
        if len(files) != 1:
            raise fail("--export works on one SESSION file (untm review SESSION --export OUT)")
        export_session_cmd(
            files[0], export, fmt, confirmed_only=confirmed_only, as_json=as_json, glossary=glossary
        )
        return
    if fmt is not None or confirmed_only or as_json:
        raise fail("--format, --confirmed-only and --json go with --export")
    from untm.review.web.backend import Backend
    from untm.review.web.serve import bind, serve

    if len(files) not in (1, 2):
        raise fail("give ZH EN (to align and review) or one SESSION file (to reopen it)")
    sock = bind(port)  # a taken port fails now, not after the alignment
    try:
        if len(files) == 2:
            session_path, outputs = _new_session(files[0], files[1], out or [], mode)
            backend = Backend(session_path, outputs=outputs, glossary=glossary)
        else:  # a bad session file is what to report first
            session_path = files[0]
            backend = Backend(session_path, glossary=glossary)
            backend.outputs = tuple(
                _outputs(out or [default_output_for(session_path)], (session_path,))
            )
    except BaseException:
        sock.close()
        raise
    serve(backend, sock=sock, open_browser=not no_browser, echo=typer.echo)


def _new_session(
    zh: Path, en: Path, out: list[Path], mode: str
) -> tuple[Path, list[Output]]:
    """Align ZH EN into a new session file beside the first output (never over an old one)."""
    from untm.pipeline import AlignOptions
    from untm.review.session import session_from_files
    from untm.review.sessionfile import save_session

    options = AlignOptions(mode=mode)
    outputs = _outputs(out or [Path(zh.name).with_suffix(".tmx")], (zh, en))
    session_path = session_path_for(outputs[0].path)
    check_output_path(session_path, inputs=(zh, en, *(o.path for o in outputs)))
    if session_path.exists():
        raise OutputError(
            f"a review session is already there; reopen it with 'untm review {session_path}' "
            "or remove it to align again",
            path=session_path,
        )
    session = session_from_files(zh, en, options)
    save_session(session, session_path)
    typer.echo(f"aligned {zh.name} and {en.name}: {len(session.links)} links; session "
               f"{session_path}")
    return session_path, outputs


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("review")(review)
