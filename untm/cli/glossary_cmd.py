"""`untm glossary ...`: lookup, add, remove, import, export, check, extract.

The user glossary (SQLite) is `--glossary PATH`, else $UNTM_GLOSSARY, else `glossary.sqlite3`
in the user data folder. Exit codes: lookup 0 = found, 1 = not found (suggestions on stderr);
check 0 = consistent, 1 = issues found; errors 2 (see untm.cli.common).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from untm.cli.common import cli_errors, echo_json

if TYPE_CHECKING:
    from untm.glossary.termbase import Match

glossary_app = typer.Typer(
    name="glossary",
    help="The UN term base: look up, edit, exchange (TBX/TSV/CSV), check and mine terms.",
    no_args_is_help=True,
)

GlossaryOpt = Annotated[
    Path | None,
    typer.Option("--glossary", help="User glossary (SQLite); default $UNTM_GLOSSARY or user data."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _show(match: Match) -> None:
    concept = match.concept
    how = match.how if match.how != "fuzzy" else f"fuzzy match, similarity {match.score:.2f}"
    typer.echo(f"{match.term.text}  ({how})  [{concept.id} · {concept.domain or '-'}"
               f"{' · user' if concept.origin == 'user' else ''}]")
    typer.echo(f"  zh: {' | '.join(concept.zh) or '-'}")
    typer.echo(f"  en: {' | '.join(concept.en) or '-'}")
    if concept.note:
        typer.echo(f"  note: {concept.note}")


@glossary_app.command("lookup")
@cli_errors
def lookup(
    term: Annotated[str, typer.Argument(help="Chinese or English term or abbreviation.")],
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
    no_fuzzy: Annotated[bool, typer.Option("--no-fuzzy", help="Exact/normalized only.")] = False,
) -> None:
    """Look a term up in both directions: exact, normalized, composed, fuzzy (marked).

    Exit status 0 when something matched, 1 (with suggestions) when nothing did.
    """
    from untm.glossary import open_glossary

    result = open_glossary(glossary).lookup(term, fuzzy=not no_fuzzy)
    if as_json:
        echo_json(result.to_dict())
    elif result.matches:
        for match in result.matches:
            _show(match)
    elif result.composed:
        typer.echo(f"{term}  (composed of {len(result.composed)} known terms; no single entry)")
        for match in result.composed:
            _show(match)
    else:
        typer.echo(f"untm: no glossary entry for {term!r}", err=True)
        if result.suggestions:
            typer.echo("did you mean: " + "; ".join(result.suggestions), err=True)
    if not result.found:
        raise typer.Exit(1)


@glossary_app.command("add")
@cli_errors
def add(
    zh: Annotated[str, typer.Argument(help="Chinese term (full form).")],
    en: Annotated[str, typer.Argument(help="English term (full form).")],
    zh_variant: Annotated[
        list[str] | None, typer.Option("--zh-variant", help="Chinese short form (repeatable).")
    ] = None,
    en_variant: Annotated[
        list[str] | None,
        typer.Option("--en-variant", help="English abbreviation or variant (repeatable)."),
    ] = None,
    domain: Annotated[str, typer.Option("--domain", help="Subject field.")] = "",
    note: Annotated[str, typer.Option("--note", help="Usage note.")] = "",
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Add a concept to the user glossary (replaces one with the same zh/en pair)."""
    from untm.glossary import add_user_concept

    concept, summary, path = add_user_concept(
        zh, en, zh_variants=zh_variant or (), en_variants=en_variant or (), domain=domain,
        note=note, path=glossary,
    )
    if as_json:
        echo_json({"id": concept.id, "store": str(path), **summary.to_dict()})
    else:
        typer.echo(f"added {concept.id}: {zh} = {en}  ({path})")


@glossary_app.command("remove")
@cli_errors
def remove(
    term: Annotated[str, typer.Argument(help="A term or concept id to remove.")],
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Remove user entries with this term or id; hide built-in entries with it."""
    from untm.glossary import writable_store_path
    from untm.glossary.builtin import builtin_concepts
    from untm.glossary.store import UserStore

    path = writable_store_path(glossary)
    with UserStore(path) as store:
        summary = store.remove(term, builtin_concepts())
    if as_json:
        echo_json({"store": str(path), **summary.to_dict()})
    elif summary.removed or summary.hidden:
        typer.echo(f"removed {summary.removed} user entr{'y' if summary.removed == 1 else 'ies'},"
                   f" hid {summary.hidden} built-in ({path})")
    else:
        typer.echo(f"untm: no glossary entry for {term!r}", err=True)
        raise typer.Exit(1)


@glossary_app.command("import")
@cli_errors
def import_(
    file: Annotated[Path, typer.Argument(help="Glossary file: .tbx, .tsv, .csv.")],
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Import a TBX/TSV/CSV glossary into the user glossary (one transaction)."""
    from untm.glossary import writable_store_path
    from untm.glossary.exchange import read_glossary_file
    from untm.glossary.store import UserStore

    read = read_glossary_file(file)
    path = writable_store_path(glossary)
    with UserStore(path) as store:
        summary = store.add(read.concepts)
    data = {"file": str(file), "store": str(path), "concepts": len(read.concepts),
            "skipped_entries": read.skipped_entries, "skipped_terms": read.skipped_terms,
            **summary.to_dict()}
    if as_json:
        echo_json(data)
    else:
        typer.echo(f"imported {len(read.concepts)} concepts from {file} "
                   f"({summary.added} new, {summary.replaced} replaced; skipped "
                   f"{read.skipped_entries} entries, {read.skipped_terms} terms) into {path}")


@glossary_app.command("export")
@cli_errors
def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output: .tbx, .tsv (OmegaT), .csv.")],
    glossary: GlossaryOpt = None,
    user_only: Annotated[bool, typer.Option("--user-only", help="Only user entries.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Export the glossary (built-in + user) as TBX-Basic, OmegaT TSV or CSV."""
    from untm.glossary import open_glossary
    from untm.glossary.exchange import write_glossary_file

    concepts = open_glossary(glossary, builtin=not user_only).concepts
    written = write_glossary_file(out, concepts)
    if as_json:
        echo_json({"out": str(out), "concepts": written, "total": len(concepts)})
    else:
        typer.echo(f"wrote {written} concepts to {out}")


@glossary_app.command("check")
@cli_errors
def check(
    tmx: Annotated[Path, typer.Argument(help="TMX file to check.")],
    glossary: GlossaryOpt = None,
    all_domains: Annotated[
        bool, typer.Option("--all-domains", help="Also check generic vocabulary entries.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Units where a glossary term has none of its renderings on the other side.

    Exit status 0 when the TMX is consistent with the glossary, 1 when issues were found.
    """
    from untm.glossary import open_glossary
    from untm.glossary.check import check_tmx

    report = check_tmx(str(tmx), open_glossary(glossary), all_domains=all_domains)
    if as_json:
        echo_json(report.to_dict())
    else:
        for issue in report.issues:
            where = issue.tuid or f"unit {issue.unit + 1}"
            typer.echo(f"{tmx}:{where}: {issue.direction} {issue.term!r} expects "
                       + " | ".join(issue.expected[:4]))
            typer.echo(f"  zh: {issue.zh}")
            typer.echo(f"  en: {issue.en}")
        typer.echo(f"{report.units} units, {report.checked} term occurrences checked, "
                   f"{len(report.issues)} issues")
    if report.issues:
        raise typer.Exit(1)


@glossary_app.command("extract")
@cli_errors
def extract(
    tmx: Annotated[Path, typer.Argument(help="Aligned TMX to mine.")],
    top: Annotated[int, typer.Option("--top", min=1, help="How many pairs to show.")] = 30,
    min_count: Annotated[
        int, typer.Option("--min-count", min=1, help="Units a candidate must occur in.")
    ] = 2,
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Mine candidate term pairs the glossary lacks (SentencePiece + association scores)."""
    from untm.glossary import open_glossary
    from untm.glossary.extract import extract_terms
    from untm.tmx.tmx14 import read_tmx

    units = read_tmx(tmx).units
    result = extract_terms(units, open_glossary(glossary), top=top, min_count=min_count)
    if as_json:
        echo_json({"units": result.units, "zh_candidates": result.zh_candidates,
                   "en_candidates": result.en_candidates, "masked_terms": result.masked_terms,
                   "pairs": [c.to_dict() for c in result.candidates]})
        return
    for rank, cand in enumerate(result.candidates, start=1):
        typer.echo(f"{rank:3}. {cand.zh}  =  {cand.en}   dice {cand.dice:.2f}  "
                   f"G² {cand.llr:.1f}  together {cand.together} "
                   f"(zh {cand.zh_count}, en {cand.en_count})")
        unit = units[cand.examples[0]]
        typer.echo(f"       e.g. {unit.source[:60]}  |  {unit.target[:80]}")
    typer.echo(f"{result.units} units; {result.zh_candidates} Chinese and "
               f"{result.en_candidates} English recurring candidates; "
               f"{result.masked_terms} known glossary terms masked")


@glossary_app.command("info")
@cli_errors
def info(glossary: GlossaryOpt = None, as_json: JsonOpt = False) -> None:
    """Where the user glossary is and how many entries each layer has."""
    from untm.glossary import open_glossary, store_path
    from untm.glossary.builtin import builtin_concepts
    from untm.glossary.store import UserStore

    path = store_path(glossary)
    user = hidden = 0
    if path.exists():
        with UserStore(path) as store:
            user, hidden = store.count(), len(store.hidden_ids())
    merged = open_glossary(glossary)
    data = {"store": str(path), "store_exists": path.exists(),
            "builtin": len(builtin_concepts()), "user": user, "hidden_builtin": hidden,
            "total": len(merged), "term_pairs": len(merged.term_pairs())}
    if as_json:
        echo_json(data)
    else:
        for key, value in data.items():
            typer.echo(f"{key}: {value}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(glossary_app, name="glossary")
