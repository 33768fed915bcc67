"""Producers `ghostscript`, `ghostscript-1tf` and `ghostscript-lo`: the `reportlab`,
`reportlab-1tf` and `libreoffice` producers' PDFs rewritten by Ghostscript's `pdfwrite` device
(Debian ghostscript 10.0), as print drivers and "optimise PDF" tools do. Ghostscript re-encodes
the non-embedded STSong-Light CID font of `reportlab` into a Type 1C font with a custom encoding,
and reportlab's embedded TrueType subsets (`reportlab-1tf`) as WinAnsi TrueType, both without
their ToUnicode maps: the Chinese of those files has no Unicode mapping (the error path of
issue 16) while their English keeps its text (the 1 Tf English is set at 10 Tf again).
`ghostscript-lo` is mostly readable: of LibreOffice's Type 1 subsets of Noto Serif CJK, those
whose ToUnicode map has an entry with two characters (the seed's "——", one glyph) lose the whole
map, and their glyphs keep only names of Noto's own CID order (`cid16867`): the reader reads
them as U+FFFD and keeps the units that hold them out of the TM (6.6% of the seed's glyphs)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from producers.base import Job

NAME = "ghostscript"
SOURCE = "reportlab"
NAME_1TF = "ghostscript-1tf"
SOURCE_1TF = "reportlab-1tf"
NAME_LO = "ghostscript-lo"
SOURCE_LO = "libreoffice"


def missing() -> str | None:
    """Why this producer cannot run here, or None."""
    return None if shutil.which("gs") else "gs not installed (ghostscript)"


def make(jobs: list[Job], work: Path) -> None:
    """Rewrite each job's source PDF (one gs process for each: pdfwrite writes one output)."""
    for job in jobs:
        assert job.source is not None
        subprocess.run(
            ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
             f"-sOutputFile={job.out}", str(job.source)],
            check=True, capture_output=True, timeout=300, stdin=subprocess.DEVNULL,
        )
