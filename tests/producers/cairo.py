"""Producer `cairo`: the `reportlab` producer's PDFs rewritten by poppler's `pdftocairo -pdf`
(Debian poppler-utils). cairo draws each word as its own text object at font size 1 under a
scaled matrix, embeds the fonts poppler substituted (Nimbus Roman for Times, Noto Sans CJK for
the non-embedded STSong-Light) and writes ToUnicode maps from the substitute's cmap, where some
common Chinese characters come out as Kangxi radicals (用 as ⽤ U+2F64, 一 as ⼀ U+2F00)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from producers.base import Job

NAME = "cairo"
SOURCE = "reportlab"


def missing() -> str | None:
    """Why this producer cannot run here, or None."""
    return None if shutil.which("pdftocairo") else "pdftocairo not installed (poppler-utils)"


def make(jobs: list[Job], work: Path) -> None:
    """Rewrite each job's source PDF."""
    for job in jobs:
        assert job.source is not None
        subprocess.run(["pdftocairo", "-pdf", str(job.source), str(job.out)], check=True,
                       capture_output=True, timeout=300)
