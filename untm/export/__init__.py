"""Every output of untm behind one registry: TMX 1.4b, TSV, `.align`, JSON, XLIFF 1.2 and the
review page.

- `format_of(path, fmt)` picks a format by name or by the path's extension;
- `fmt.write_alignment(AlignmentExport(result, options, source_name), path)` writes an
  alignment (every format); `fmt.write_units(UnitsExport(units), path)` writes translation
  units (the formats that hold them: `fmt.holds_units`);
- each format is one thin module (`untm.export.tmx`, `.tsv`, `.xliff`, `.align`,
  `.alignment_json`, `.review_page`) over the serializers in `untm.tmx`, `untm.aligner.alignfile`
  and `untm.report`, loaded only when it writes.
"""

from untm.export.model import AlignmentExport, OutputFormat, UnitsExport, Written
from untm.export.registry import (
    OUTPUT_FORMATS,
    REVIEW_PAGE,
    format_names,
    format_of,
    get_format,
    units_format_of,
)

__all__ = [
    "OUTPUT_FORMATS",
    "REVIEW_PAGE",
    "AlignmentExport",
    "OutputFormat",
    "UnitsExport",
    "Written",
    "format_names",
    "format_of",
    "get_format",
    "units_format_of",
]
