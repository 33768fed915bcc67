"""`.align`, one link a line as `[zh indices]:[en indices]` (`untm.aligner.alignfile`).

It holds links over segment indices, not texts: written from an alignment only.
"""

from __future__ import annotations

from pathlib import Path

from untm.export.model import AlignmentExport, OutputFormat, Written


def write_alignment(export: AlignmentExport, path: Path) -> Written:
    from untm.aligner.alignfile import write_align

    write_align(path, export.result.links)
    return Written()


FORMAT = OutputFormat("align", (".align",), "links as [zh]:[en] segment indices", write_alignment)
