"""The one list of output formats, and how a name or a file's extension picks one.

A new format is one module with a `FORMAT` record and one line in `OUTPUT_FORMATS`; `untm align`,
`untm batch`, `untm review --export`, the review editor and `untm tmx convert` (formats that
hold units) all pick their format here.
"""

from __future__ import annotations

from pathlib import Path

from untm.errors import OutputError
from untm.export import align, alignment_json, review_page, tmx, tsv, xliff
from untm.export.model import OutputFormat

#: every output format, in the order messages and help list them
OUTPUT_FORMATS: tuple[OutputFormat, ...] = (
    tmx.FORMAT,
    tsv.FORMAT,
    align.FORMAT,
    alignment_json.FORMAT,
    xliff.FORMAT,
    review_page.FORMAT,
)

#: the review page, also written beside another output (`untm align --report`, batch)
REVIEW_PAGE = review_page.FORMAT

_BY_KEY: dict[str, OutputFormat] = {
    key: f for f in OUTPUT_FORMATS for key in (f.name, *(e.lstrip(".") for e in f.extensions))
}


def format_names() -> tuple[str, ...]:
    """The names of every format (what `--format` takes), in registry order."""
    return tuple(f.name for f in OUTPUT_FORMATS)


def get_format(name: str) -> OutputFormat:
    """The format called `name` (KeyError for none)."""
    for f in OUTPUT_FORMATS:
        if f.name == name:
            return f
    raise KeyError(name)


def format_of(out_path: str | Path, fmt: str | None = None) -> OutputFormat:
    """The format of an output: `fmt` (a name or an extension) when given, else the path's
    extension; OutputError naming the formats when neither is known."""
    key = fmt.lower().lstrip(".") if fmt else Path(out_path).suffix.lower().lstrip(".")
    found = _BY_KEY.get(key)
    if found is None:
        raise OutputError(
            f"unknown output format {key or '(no extension)'!r}; use one of: "
            f"{', '.join(format_names())} (or --format)",
            path=str(out_path),
        )
    return found


def units_format_of(out_path: str | Path) -> OutputFormat:
    """The format that writes translation units to `out_path`, by its extension (what a TM
    converts to); OutputError naming the extensions when none does."""
    suffix = Path(out_path).suffix.lower()
    for f in OUTPUT_FORMATS:
        if f.holds_units and suffix in f.extensions:
            return f
    known = sorted(e for f in OUTPUT_FORMATS if f.holds_units for e in f.extensions)
    raise OutputError(
        f"unknown output format {Path(out_path).suffix!r} (use {', '.join(known)})",
        path=str(out_path),
    )
