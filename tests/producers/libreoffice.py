"""Producer `libreoffice`: a .docx written with python-docx (producers/docx_build.py), converted
by `soffice --headless --convert-to pdf` (Debian libreoffice-writer-nogui) in one call for every
file, with a private profile folder (never the user's)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from producers.base import Job
from producers.docx_build import write_docx
from producers.structure import structure

NAME = "libreoffice"
JOB = "23-08765 (C)"


def missing() -> str | None:
    """Why this producer cannot run here, or None."""
    return None if shutil.which("soffice") else "soffice not installed (libreoffice-writer-nogui)"


def make(jobs: list[Job], work: Path) -> None:
    """Write each job's .docx, convert them all in one soffice call, move the PDFs in place."""
    src = work / "docx"
    src.mkdir(parents=True, exist_ok=True)
    docs = []
    for k, job in enumerate(jobs):
        docs.append(write_docx(structure(job.doc.items(job.lang)), job.lang, job.doc.symbol, JOB,
                               src / f"{k:03d}.docx"))
    outdir = work / "pdf"
    profile = (work / "profile").resolve().as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docs)],
        check=True, capture_output=True, timeout=900,
    )
    for k, job in enumerate(jobs):
        shutil.move(outdir / f"{k:03d}.pdf", job.out)
