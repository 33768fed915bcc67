"""Producer `reportlab`: tests/pdfgen.py's first layout (`un-times`: STSong-Light, a CID font
that is not embedded, and Times), as the rest of the test suite draws it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pdfgen import LAYOUTS, render_pdf

from producers.base import Job

NAME = "reportlab"


def missing() -> str | None:
    """Why this producer cannot run here, or None (reportlab's CID fonts are built in)."""
    return None


def make(jobs: list[Job], work: Path) -> None:
    """Draw each job's document."""
    for job in jobs:
        layout = replace(LAYOUTS[0], symbol=job.doc.symbol)
        render_pdf(job.doc.items(job.lang), job.lang, layout, job.out)
