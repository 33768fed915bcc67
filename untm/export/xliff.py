"""XLIFF 1.2, one `<trans-unit>` per unit, props as notes (`untm.tmx.xliff`).

From an alignment the `<file>` carries the alignment's locales (also when no link made a unit)
and the document's name as `original`.
"""

from __future__ import annotations

from pathlib import Path

from untm.export.model import AlignmentExport, OutputFormat, UnitsExport, Written


def write_units(export: UnitsExport, path: Path) -> Written:
    from untm.tmx.xliff import write_xliff_counted

    result = write_xliff_counted(
        path,
        export.units,
        original=export.original,
        src_lang=export.src_lang,
        tgt_lang=export.tgt_lang,
    )
    return Written(units=result.units, removed_chars=result.removed_chars)


def write_alignment(export: AlignmentExport, path: Path) -> Written:
    options = export.options
    units = UnitsExport(
        export.units(),
        original=export.source_name,
        src_lang=options.src_locale,
        tgt_lang=options.tgt_locale,
    )
    return write_units(units, path)


FORMAT = OutputFormat("xliff", (".xlf", ".xliff"), "XLIFF 1.2", write_alignment, write_units)
