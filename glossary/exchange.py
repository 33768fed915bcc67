"""Glossary files by extension: .tbx (TBX v3/v2), .tsv/.txt/.utf8 (OmegaT or full layout), .csv."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from untm.errors import FormatError, InputError
from untm.glossary.tabular import read_table, write_table
from untm.glossary.tbx import read_tbx, write_tbx
from untm.glossary.term import Concept, GlossaryFile

TABLE_SUFFIXES = (".tsv", ".txt", ".utf8", ".tab", ".csv")
SUFFIXES = (".tbx", ".xml", *TABLE_SUFFIXES)


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"unknown glossary format {suffix or '(no extension)'!r}; use one of "
            + ", ".join(SUFFIXES),
            path=path,
        )
    return suffix


def read_glossary_file(path: str | Path) -> GlossaryFile:
    """Read concepts from a TBX, TSV or CSV file (format from the extension)."""
    p = Path(path)
    is_tbx = _suffix(p) in (".tbx", ".xml")
    read = read_tbx(p) if is_tbx else GlossaryFile(tuple(read_table(p)))
    if not read.concepts:
        raise FormatError("no glossary entries with a Chinese or English term", path=p)
    return read


def write_glossary_file(path: str | Path, concepts: Iterable[Concept]) -> int:
    """Write concepts atomically as TBX, TSV (OmegaT) or CSV; returns concepts written."""
    p = Path(path)
    if _suffix(p) in (".tbx", ".xml"):
        return write_tbx(p, concepts)
    return write_table(p, concepts)
