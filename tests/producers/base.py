"""What every producer of the matrix takes: jobs (a document in one language, to one file)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from producers.documents import Doc


@dataclass(frozen=True)
class Job:
    """Write `doc` in `lang` as a PDF at `out` (from `source`, for a producer that rewrites the
    PDFs of another)."""

    doc: Doc
    lang: str
    out: Path
    source: Path | None = None
