"""`untm align` (a document pair → any format of `untm.export`: TMX, TSV, .align, JSON, XLIFF, a
review page) and `untm segment` (one segment a line)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from untm.cli.common import cli_errors, format_choices, format_extensions
from untm.fileio import check_output_path


@cli_errors
def align(
    zh: Annotated[
        Path, typer.Argument(
            help="Chinese (source) document: .txt, .docx, .doc, .odt, .rtf, .html or .pdf."
        )
    ],
    en: Annotated[Path, typer.Argument(help="English (target) document.")],
    out: Annotated[Path, typer.Option("--out", "-o", help=f"Output file ({format_extensions()}).")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help=f"{format_choices()} (default: from OUT's extension)."),
    ] = None,
    presegmented: Annotated[
        bool, typer.Option("--presegmented", help="Each input line is one segment.")
    ] = False,
    src_lang: Annotated[str, typer.Option("--src-lang", help="Source language.")] = "zh",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="Target language.")] = "en",
    src_locale: Annotated[str, typer.Option("--src-locale", help="TMX source locale.")] = "zh-CN",
    tgt_locale: Annotated[str, typer.Option("--tgt-locale", help="TMX target locale.")] = "en-US",
    mode: Annotated[str, typer.Option("--mode", help="Aligner mode: best or fast.")] = "best",
    encoder: Annotated[
        str,
        typer.Option(
            "--encoder",
            help="Sentence encoder of mode best: use (bundled) or labse (needs the labse extra "
            "and the model already on this machine; never downloads).",
        ),
    ] = "use",
    segtype: Annotated[
        str, typer.Option("--segtype", help="sentence or paragraph units.")
    ] = "sentence",
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write an HTML review page here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Align a Chinese-English document pair and write translation memory."""
    from untm.export import REVIEW_PAGE, AlignmentExport, format_of
    from untm.pipeline import AlignOptions, align_files, summarize

    options = AlignOptions(
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        src_locale=src_locale,
        tgt_locale=tgt_locale,
        presegmented=presegmented,
        mode=mode,
        encoder=encoder,
        segtype=segtype,
    )
    output = format_of(out, fmt)  # fail on a bad format before the (slow) alignment
    check_output_path(out, inputs=(zh, en))
    if report is not None:
        check_output_path(report, inputs=(zh, en, out))
    with _block_progress() as progress:
        result = align_files(zh, en, options, progress=progress)
    export = AlignmentExport(result, options, zh.name, title=f"{zh.name} ↔ {en.name}")
    output.write_alignment(export, out)
    if report is not None:
        REVIEW_PAGE.write_alignment(export, report)
    summary = summarize(result)
    if as_json:
        from untm.cli.common import echo_json

        echo_json({"output": str(out), **summary.to_dict()})
        return
    typer.echo(f"wrote {out}")
    for line in summary.lines():
        typer.echo(line)


@contextlib.contextmanager
def _block_progress() -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar over aligned blocks on stderr, when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("aligning blocks", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


@cli_errors
def segment(
    file: Annotated[Path, typer.Argument(
            help="Document to segment (.txt, .docx, .doc, .odt, .rtf, .html, .pdf)."
        )],
    lang: Annotated[str, typer.Option("--lang", help="Language of the document: zh or en.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")
    ] = None,
) -> None:
    """Print one segment per line (cleaned, in reading order)."""
    from untm.aligner.read import read_document
    from untm.aligner.segment import segment_document

    if out is not None:
        check_output_path(out, inputs=(file,))
    doc = read_document(file, lang)
    for note in doc.notes:
        typer.echo(f"untm: note: {file.name}: {note}", err=True)
    text = "".join(f"{s.text}\n" for s in segment_document(doc))
    if out is None:
        typer.echo(text, nl=False)
        return
    from untm.fileio import write_text_atomic

    write_text_atomic(out, text)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("align")(align)
    app.command("segment")(segment)
