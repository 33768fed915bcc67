"""Producers `ghostscript` and `ghostscript-1tf`: the `reportlab` and `reportlab-1tf` producers'
PDFs rewritten by Ghostscript's `pdfwrite` device (Debian ghostscript), as print drivers and
"optimise PDF" tools do. Ghostscript keeps the text layer of embedded TrueType subsets with a
ToUnicode map (the 1 Tf files) but re-encodes the non-embedded STSong-Light CID font of the
`reportlab` files into a Type 1C font with a custom encoding and no ToUnicode: the Chinese of
those files has no Unicode mapping (the error path of issue 16); their English is kept."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from producers.base import Job

NAME = "ghostscript"
SOURCE = "reportlab"
NAME_1TF = "ghostscript-1tf"
SOURCE_1TF = "reportlab-1tf"


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
