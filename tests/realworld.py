"""The real-world PDF corpus: small PDFs with Chinese or English text chosen from public PDF
libraries' test files (pdf.js, PDFium, pdfminer.six, pypdf and its sample-files, PyMuPDF, mPDF's
examples), listed with their source, commit, sha256, licence and why chosen in
tests/data/realworld.tsv. The files are not in this repository: scripts/realworld_pdfs.py
assembles the folder from snapshots of those repositories. Tests over it run where the folder is
(`UNTM_REALWORLD_PDFS`, else `../realworld-pdfs` beside the checkout) and skip otherwise.

A second manifest, tests/data/realworld_un.tsv, lists real United Nations PDFs (UN documents as
the Organization issues them, from public repositories that hold copies), assembled by the same
script into the folder's `un/` subfolder. No test reads them. They were first measured as held
out (scripts/pdf_sweep.py's checks, `untm segment`), and rules were then made on the faults read
there (each commit says so), so they are development data now, looked at by eye: no gold.
"""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "tests" / "data" / "realworld.tsv"
UN_MANIFEST = REPO / "tests" / "data" / "realworld_un.tsv"
UN_SUBFOLDER = "un"  # where UN_MANIFEST's files go inside the corpus folder
DEFAULT_FOLDER = REPO.parent / "realworld-pdfs"
CORPUS = "realworld"


@dataclass(frozen=True)
class Entry:
    """One file of the corpus (a row of the manifest)."""

    name: str
    lang: str
    repository: str
    commit: str
    path: str
    sha256: str
    bytes: int
    pages: int
    producer: str
    licence: str
    why: str


def entries(manifest: Path = MANIFEST) -> list[Entry]:
    """The manifest's rows (the real-world corpus's by default)."""
    with manifest.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Entry(r["name"], r["lang"], r["repository"], r["commit"], r["path"], r["sha256"],
                  int(r["bytes"]), int(r["pages"] or 0), r["producer"], r["licence"], r["why"])
            for r in rows]


def folder_path() -> Path:
    """Where the corpus is (or would be) assembled."""
    return Path(os.environ.get("UNTM_REALWORLD_PDFS") or DEFAULT_FOLDER)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpus_folder() -> Path | None:
    """The assembled folder when every file of the manifest is there, else None."""
    folder = folder_path()
    if not all((folder / e.name).is_file() for e in entries()):
        return None
    return folder
