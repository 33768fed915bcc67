"""TSV, one `source<TAB>target` line per unit (`untm.tmx.tsv`: escaping, no header, no props)."""

from __future__ import annotations

from pathlib import Path

from untm.export.model import AlignmentExport, OutputFormat, UnitsExport, Written


def write_units(export: UnitsExport, path: Path) -> Written:
    from untm.tmx.tsv import write_tsv

    return Written(units=write_tsv(path, export.units))


def write_alignment(export: AlignmentExport, path: Path) -> Written:
    return write_units(UnitsExport(export.units()), path)


FORMAT = OutputFormat("tsv", (".tsv",), "tab-separated text", write_alignment, write_units)
