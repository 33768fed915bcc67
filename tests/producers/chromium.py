"""Producers `chromium` and `chromium-2col`: an HTML page (producers/html_build.py) printed by
Debian's `chromium --headless --print-to-pdf`, one page in one column or in two (CSS columns,
the title above and the table below at full width), with a private profile folder and
everything that would reach the network off."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from producers.base import Job
from producers.html_build import write_html
from producers.structure import structure

NAME = "chromium"
NAME_2COL = "chromium-2col"
JOB = "23-09876 (C)"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--no-pdf-header-footer",
         "--run-all-compositor-stages-before-draw")


def missing() -> str | None:
    """Why this producer cannot run here, or None."""
    return None if shutil.which("chromium") else "chromium not installed (Debian chromium)"


def _print(jobs: list[Job], work: Path, columns: int) -> None:
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as profile:
        for k, job in enumerate(jobs):
            page = work / f"{k:03d}.html"
            page.write_text(write_html(structure(job.doc.items(job.lang)), job.lang,
                                       job.doc.symbol, JOB, columns), encoding="utf-8")
            subprocess.run(
                ["chromium", *FLAGS, f"--user-data-dir={profile}",
                 f"--print-to-pdf={job.out}", page.resolve().as_uri()],
                check=True, capture_output=True, timeout=300, stdin=subprocess.DEVNULL,
            )


def make(jobs: list[Job], work: Path) -> None:
    """One column."""
    _print(jobs, work, 1)


def make_2col(jobs: list[Job], work: Path) -> None:
    """Two columns between a full-width title block and the table."""
    _print(jobs, work, 2)
