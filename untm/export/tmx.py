"""TMX 1.4b, what CAT tools import (`untm.tmx.tmx14`).

From an alignment: one unit per link with text on both sides (props x-score, x-document, x-link
and the link's extra props), the header's srclang and segtype from the alignment's options. From
units (`untm tmx convert`): the units under the given header.
"""

from __future__ import annotations

from pathlib import Path

from untm.export.model import AlignmentExport, OutputFormat, UnitsExport, Written


def write_units(export: UnitsExport, path: Path) -> Written:
    from untm.tmx.tmx14 import write_tmx_counted

    result = write_tmx_counted(path, export.units, export.header)
    return Written(units=result.units, removed_chars=result.removed_chars)


def write_alignment(export: AlignmentExport, path: Path) -> Written:
    from untm.tmx.header import TmxHeader

    options = export.options
    header = TmxHeader(srclang=options.src_locale, segtype=options.segtype)
    return write_units(UnitsExport(export.units(), header=header), path)


FORMAT = OutputFormat("tmx", (".tmx",), "TMX 1.4b", write_alignment, write_units)
