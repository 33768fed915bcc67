"""Build the producer matrix once and keep it: `build_matrix(root, docs)`.

Files are cached under `root/<key>/<producer>/<doc>.<lang>.pdf`, where the key hashes the
sources that make them (tests/producers, tests/pdfgen.py, tests/glyphs.py, the seed and
../shared texts) and the versions of the tools (reportlab, python-docx, soffice, chromium, gs,
pdftocairo), so a change to any of them builds afresh. A producer's document is marked done
(`<doc>.done`, with the seconds it took) only once both languages are written. A producer whose
tool is missing is skipped with the reason. Producers that rewrite another's PDFs (cairo,
ghostscript) come after it; LibreOffice converts all its documents in one soffice call.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from producers import (
    cairo,
    chromium,
    ghostscript,
    libreoffice,
    reportlab_columns,
    reportlab_plain,
    reportlab_scaled,
    unmapped,
)
from producers.base import Job
from producers.documents import DOCS, REPO, SHARED, Doc

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Producer:
    """A way of writing PDFs; `zh_unmapped`: its Chinese files have no Unicode text layer (the
    reader must say so and stop)."""

    name: str
    make: Callable[[list[Job], Path], None]
    missing: Callable[[], str | None]
    source: str | None = None  # the producer whose PDFs this one rewrites
    dev_only: bool = False  # only the development documents (documents.DEV_DOCS)
    zh_unmapped: bool = False


PRODUCERS: tuple[Producer, ...] = (
    Producer(reportlab_plain.NAME, reportlab_plain.make, reportlab_plain.missing),
    Producer(reportlab_scaled.NAME, reportlab_scaled.make, reportlab_scaled.missing),
    Producer(libreoffice.NAME, libreoffice.make, libreoffice.missing),
    Producer(chromium.NAME, chromium.make, chromium.missing),
    Producer(chromium.NAME_2COL, chromium.make_2col, chromium.missing),
    Producer(reportlab_columns.NAME, reportlab_columns.make, reportlab_columns.missing),
    Producer(cairo.NAME, cairo.make, cairo.missing, source=cairo.SOURCE),
    Producer(ghostscript.NAME, ghostscript.make, ghostscript.missing,
             source=ghostscript.SOURCE, zh_unmapped=True),
    Producer(ghostscript.NAME_1TF, ghostscript.make, ghostscript.missing,
             source=ghostscript.SOURCE_1TF, zh_unmapped=True),
    Producer(ghostscript.NAME_LO, ghostscript.make, ghostscript.missing,
             source=ghostscript.SOURCE_LO),
    Producer(unmapped.NAME_PUA, unmapped.make_pua, unmapped.missing, dev_only=True,
             zh_unmapped=True),
    Producer(unmapped.NAME_COMPAT, unmapped.make_compat, unmapped.missing, dev_only=True),
)
BY_NAME = {p.name: p for p in PRODUCERS}


@dataclass(frozen=True)
class MatrixPair:
    """One document written by one producer, in both languages."""

    producer: Producer
    doc: Doc
    zh: Path
    en: Path

    @property
    def name(self) -> str:
        return f"{self.producer.name}/{self.doc.name}"

    def files(self) -> tuple[tuple[str, Path], tuple[str, Path]]:
        return (("zh", self.zh), ("en", self.en))


@dataclass
class Matrix:
    """What was built (or found in the cache), what was skipped and why, build seconds."""

    folder: Path
    pairs: list[MatrixPair] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # producer -> seconds (this run)


def _version(args: Sequence[str]) -> str:
    """The tool's version line: the first line it writes to its output, else to its errors
    (pdftocairo -v writes there); never the warnings a tool adds to the errors now and then
    (LibreOffice's about a profile or Java), which made a new key, and a new build, at times."""
    try:
        done = subprocess.run(list(args), capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "absent"
    lines = [ln.strip() for ln in (done.stdout or done.stderr).splitlines() if ln.strip()]
    return lines[0][:200] if lines else ""


def _font_families() -> str:
    """The font families fontconfig knows: which are installed decides how LibreOffice and
    Chromium set the documents (Liberation Serif for Times New Roman where it is)."""
    try:
        done = subprocess.run(["fc-list", "--format", "%{family}\\n"], capture_output=True,
                              text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "absent"
    return "\n".join(sorted(set(done.stdout.splitlines())))


@cache
def cache_key() -> str:
    """A hash of everything the files are made from."""
    from importlib.metadata import version

    h = hashlib.sha256()
    sources = [*sorted((REPO / "tests" / "producers").glob("*.py")),
               REPO / "tests" / "pdfgen.py", REPO / "tests" / "extracted_text.py",
               REPO / "tests" / "glyphs.py",
               *sorted((REPO / "seeds").glob("*.txt"))]
    for path in sources:
        h.update(path.name.encode() + path.read_bytes())
    for doc in DOCS:
        if doc.from_shared and SHARED.exists():
            for lang in LANGS:
                h.update(repr(doc.items(lang)).encode())
    for pkg in ("reportlab", "python-docx"):
        h.update(version(pkg).encode())
    for tool in (["soffice", "--version"], ["chromium", "--version"], ["gs", "--version"],
                 ["pdftocairo", "-v"]):
        h.update(_version(tool).encode())
    h.update(_font_families().encode())
    return h.hexdigest()[:16]


def _docs_for(producer: Producer, docs: Sequence[Doc]) -> list[Doc]:
    return [d for d in docs if not (producer.dev_only and d.heldout)]


def build_matrix(root: Path, docs: Sequence[Doc] = DOCS,
                 producers: Sequence[Producer] = PRODUCERS) -> Matrix:
    """Every producer × document of `docs` (both languages), built where not cached yet; one
    process at a time builds a cache folder (a lock file beside it: two test or benchmark runs
    building the same key at once collided in LibreOffice's numbered work files)."""
    folder = root / cache_key()
    folder.mkdir(parents=True, exist_ok=True)
    with (root / f"{folder.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        return _build(folder, docs, producers)


def _build(folder: Path, docs: Sequence[Doc], producers: Sequence[Producer]) -> Matrix:
    matrix = Matrix(folder)
    wanted = {p.name for p in producers}
    for producer in PRODUCERS:  # in order: sources before the producers that rewrite them
        if producer.name not in wanted and not any(
            q.source == producer.name for q in producers
        ):
            continue
        reason = producer.missing()
        if reason is None and producer.source is not None and producer.source in matrix.skipped:
            reason = f"its source {producer.source} was skipped"
        if reason is not None:
            matrix.skipped[producer.name] = reason
            continue
        out = folder / producer.name
        out.mkdir(parents=True, exist_ok=True)
        todo = [d for d in _docs_for(producer, docs) if not (out / f"{d.name}.done").exists()]
        jobs = [Job(d, lang, out / f"{d.name}.{lang}.pdf",
                    folder / producer.source / f"{d.name}.{lang}.pdf" if producer.source else None)
                for d in todo for lang in LANGS]
        if jobs:
            start = time.perf_counter()
            producer.make(jobs, out / "work")
            seconds = time.perf_counter() - start
            matrix.seconds[producer.name] = round(seconds, 2)
            for d in todo:
                (out / f"{d.name}.done").write_text(json.dumps(
                    {"seconds": round(seconds / len(todo), 2)}) + "\n", encoding="utf-8")
        if producer.name in wanted:
            matrix.pairs += [MatrixPair(producer, d, out / f"{d.name}.zh.pdf",
                                        out / f"{d.name}.en.pdf")
                             for d in _docs_for(producer, docs)]
    return matrix


def main() -> int:
    """`python tests/producers/matrix.py [--heldout] DIR`: build into DIR, print where."""
    import argparse

    parser = argparse.ArgumentParser(description="Build the PDF producer matrix.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--heldout", action="store_true", help="also the held-out UN texts")
    args = parser.parse_args()
    docs = DOCS if args.heldout else tuple(d for d in DOCS if not d.heldout)
    matrix = build_matrix(args.root, docs)
    for pair in matrix.pairs:
        print(pair.name, pair.zh, pair.en)
    for name, reason in matrix.skipped.items():
        print(f"skipped {name}: {reason}")
    print("seconds:", matrix.seconds)
    return 0
