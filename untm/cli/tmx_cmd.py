"""`untm tmx validate|stats|merge|convert` and `untm tm lookup`: thin over the `tmx` package.

- `untm tmx validate FILE`: DTD + CAT-tool checks; prints one problem per line, exit 1 if any.
- `untm tmx stats FILE [--json]`: units, languages, characters, props, score distribution.
- `untm tmx merge A B … -o OUT`: identical units kept once (best `x-score`, props kept).
- `untm tmx convert FILE -o OUT`: TMX to TSV, XLIFF 1.2 or TMX (format from OUT's extension).
- `untm tm lookup TEXT --tm FILE.tmx [--top N] [--json]`: closest units with a 0–100 match.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from untm.cli.common import cli_errors, echo_json, fail

tmx_app = typer.Typer(help="Validate, inspect, merge and convert TMX files.", no_args_is_help=True)
tm_app = typer.Typer(help="Use a translation memory (fuzzy lookup).", no_args_is_help=True)

SrcLang = Annotated[
    str | None,
    typer.Option("--src-lang", help="Source language of a multilingual TMX (default: srclang)."),
]
TgtLang = Annotated[
    str | None,
    typer.Option("--tgt-lang", help="Target language of a multilingual TMX (default: 2nd)."),
]


def _note_left_out(count: int) -> None:
    if count:
        typer.echo(
            f"untm: note: {count} <tuv>(s) in other languages left out "
            "(choose with --src-lang/--tgt-lang)",
            err=True,
        )


@tmx_app.command("validate")
@cli_errors
def validate_command(
    file: Annotated[Path, typer.Argument(help="TMX file to check.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON report.")] = False,
) -> None:
    """Check FILE against the TMX 1.4b DTD and what CAT tools need (exit 1 when invalid)."""
    from untm.tmx.validate import validate_tmx

    problems = validate_tmx(file)
    if as_json:
        echo_json({"file": str(file), "valid": not problems, "problems": problems})
    else:
        for problem in problems:
            typer.echo(f"{file}: {problem}")
        if not problems:
            typer.echo(f"{file}: valid TMX 1.4b")
    if problems:
        if not as_json:
            typer.echo(f"untm: {file}: {len(problems)} problem(s)", err=True)
        raise typer.Exit(1)


@tmx_app.command("stats")
@cli_errors
def stats_command(
    file: Annotated[Path, typer.Argument(help="TMX file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    src_lang: SrcLang = None,
    tgt_lang: TgtLang = None,
) -> None:
    """Units, languages, characters, props and the x-score distribution of FILE."""
    from untm.tmx.stats import tm_stats

    stats = tm_stats(file, src_lang=src_lang, tgt_lang=tgt_lang)
    if as_json:
        echo_json({"file": str(file), **stats.to_dict()})
        return
    typer.echo(f"file: {file}")
    typer.echo(f"units: {stats.units}")
    for pair, count in stats.language_pairs.items():
        typer.echo(f"  {pair}: {count}")
    typer.echo(f"source chars: {stats.source_chars}  target chars: {stats.target_chars}")
    typer.echo(f"empty source: {stats.empty_source}  empty target: {stats.empty_target}")
    if stats.props:
        typer.echo("props: " + ", ".join(f"{k} ({v})" for k, v in stats.props.items()))
    s = stats.scores
    if s.scored:
        typer.echo(
            f"x-score: {s.scored} scored, min {s.minimum}, mean {s.mean}, median {s.median}, "
            f"max {s.maximum}, unreadable {s.unreadable}, outside [0,1] {s.out_of_range}"
        )
        peak = max(s.histogram) or 1
        for i, count in enumerate(s.histogram):
            bar = "#" * round(30 * count / peak)
            typer.echo(f"  {i / 10:.1f}-{(i + 1) / 10:.1f} {count:>7} {bar}")
    else:
        typer.echo("x-score: none")


@tmx_app.command("merge")
@cli_errors
def merge_command(
    files: Annotated[list[Path], typer.Argument(help="TMX files to merge.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Merged TMX to write.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
    src_lang: SrcLang = None,
    tgt_lang: TgtLang = None,
) -> None:
    """Merge TMX files; identical units are kept once (best x-score, props kept)."""
    from untm.fileio import check_output_path
    from untm.tmx.merge import merge_counted
    from untm.tmx.tmx14 import TmxHeader, read_tmx, write_tmx

    check_output_path(out, inputs=files)
    memories = [read_tmx(f, src_lang=src_lang, tgt_lang=tgt_lang) for f in files]
    _note_left_out(sum(tm.other_language_tuvs for tm in memories))
    result = merge_counted([tm.units for tm in memories])
    srclang = memories[0].header.srclang if memories else TmxHeader().srclang
    written = write_tmx(out, result.units, TmxHeader(srclang=srclang))
    summary = {
        "inputs": [str(f) for f in files],
        "input_units": result.input_units,
        "duplicates_removed": result.duplicates,
        "units": written,
        "output": str(out),
    }
    if as_json:
        echo_json(summary)
    else:
        typer.echo(
            f"{out}: {written} units from {len(files)} files "
            f"({result.input_units} read, {result.duplicates} duplicates removed)"
        )


@tmx_app.command("convert")
@cli_errors
def convert_command(
    file: Annotated[Path, typer.Argument(help="TMX file to convert.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output: .tsv, .xlf/.xliff or .tmx.")],
    src_lang: SrcLang = None,
    tgt_lang: TgtLang = None,
) -> None:
    """Convert a TMX file to TSV or XLIFF 1.2 (format from the output's extension)."""
    from untm.export import UnitsExport, units_format_of
    from untm.tmx.tmx14 import read_tmx

    fmt = units_format_of(out)
    tm = read_tmx(file, src_lang=src_lang, tgt_lang=tgt_lang)
    _note_left_out(tm.other_language_tuvs)
    written = fmt.write_units(UnitsExport(tm.units, header=tm.header, original=file.name), out)
    removed = written.removed_chars
    extra = f", {removed} XML-illegal characters removed" if removed else ""
    typer.echo(f"{out}: {written.units} units ({fmt.name}){extra}")


@tm_app.command("lookup")
@cli_errors
def lookup_command(
    text: Annotated[str, typer.Argument(help="Text to look up (source language).")],
    tm: Annotated[Path, typer.Option("--tm", help="TMX file to search.")],
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="Number of matches.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
    cache: Annotated[
        bool,
        typer.Option(
            "--cache/--no-cache",
            help="Keep the index of a large TM (5,000+ units) in a hidden file beside the TMX.",
        ),
    ] = True,
    src_lang: SrcLang = None,
    tgt_lang: TgtLang = None,
) -> None:
    """The units of the TM closest to TEXT, best first, with a fuzzy-match percentage."""
    from untm.tmx.lookup import TmIndex

    if not text.strip():
        raise fail("empty lookup text")
    index = TmIndex.from_tmx(tm, cache=cache, src_lang=src_lang, tgt_lang=tgt_lang)
    matches = index.lookup(text, top=top)
    if as_json:
        echo_json([m.to_dict() for m in matches])
        return
    if not matches:
        typer.echo("no match")
    for m in matches:
        typer.echo(f"{m.score:6.2f}%  {m.source}\n         {m.target}")


def register(app: typer.Typer) -> None:
    """Add `untm tmx …` and `untm tm …` to the root app."""
    app.add_typer(tmx_app, name="tmx")
    app.add_typer(tm_app, name="tm")
