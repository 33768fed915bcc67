"""Shared fixtures: paths to the seed pair, its gold and the real UN pairs in tests/data, and to
the large data of ../shared (MAC, all UN pairs) that only the full run has."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from producers.matrix import Matrix

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
DATA = REPO / "tests" / "data"
SEED_ZH = SEEDS / "000_a932ec9d51e334cb.txt"
SEED_EN = SEEDS / "000_a932ec9d51e334cb.en.txt"
# The seed pair's gold segmentation and alignment: a copy of ../shared/seeds/gold in the repository
# (tests/test_data_copies.py keeps the two equal), so a clone alone tests the seed end to end.
GOLD = DATA / "seed_gold"
UN_PAIRS = DATA / "un"  # UDHR and the SDG goals and targets, with their gold (see its README)
MAC = SHARED / "mac"
SHARED_UN = SHARED / "un"  # every UN pair, the 2023 ECOSOC documents too
UNTM = shutil.which("untm") or str(Path(sys.executable).parent / "untm")


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip a test when its part of ../shared (MAC, the ECOSOC documents) is not beside the repo."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not present (see README: Data)")


def run_untm(args: list[str], home: Path, *, timeout: float) -> subprocess.CompletedProcess[str]:
    """The installed `untm` script as a user runs it (no colour, no --debug tracebacks), with
    its glossary and data folders in `home`, never the user's own."""
    env = {**os.environ, "NO_COLOR": "1", "UNTM_GLOSSARY": str(home / "g.sqlite3"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache")}
    env.pop("UNTM_DEBUG", None)
    return subprocess.run([UNTM, *args], capture_output=True, text=True, timeout=timeout,
                          check=False, env=env)


@pytest.fixture(scope="session")
def seed_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """The seed pair as UN-style PDFs, one (zh, en) pair per layout of tests/pdfgen.py whose fonts
    are on this machine; generated once per test session."""
    from pdfgen import LAYOUTS, has_font, render_pdf, seed_items

    folder = tmp_path_factory.mktemp("seed-pdfs")
    out: dict[str, tuple[Path, Path]] = {}
    for layout in LAYOUTS:
        if not has_font(layout):
            continue
        zh = render_pdf(seed_items("zh"), "zh", layout, folder / f"{layout.name}.zh.pdf")
        en = render_pdf(seed_items("en"), "en", layout, folder / f"{layout.name}.en.pdf")
        out[layout.name] = (zh, en)
    return out


@pytest.fixture(scope="session")
def producer_matrix(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Matrix:
    """The development documents (`documents.DEV_DOCS`) written by every producer of
    tests/producers (LibreOffice, Chromium, cairo, Ghostscript, reportlab variants), built once
    and kept in pytest's cache folder (keyed by the sources and tool versions); the held-out UN
    texts are left to bench/bench_pdf_producers.py."""
    from producers.documents import DEV_DOCS
    from producers.matrix import build_matrix

    if not GOLD.exists():
        pytest.skip(f"{GOLD} not present (see README: Data)")
    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    root = cache.mkdir("pdf-matrix") if cache is not None else tmp_path_factory.mktemp("matrix")
    return build_matrix(Path(root), DEV_DOCS)


@pytest.fixture(scope="session")
def seed_word_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """The seed pair (with its numbered footnotes and a table) as a python-docx .docx pair (zh
    with literal "12." numbers, en with Word's automatic numbering; a running header and footer)
    and, when LibreOffice is on the PATH, its conversions to .doc, .odt, .fodt and .rtf; built
    once per test session (the conversions take a few seconds each)."""
    from docgen import convert, seed, soffice, write_docx

    folder = tmp_path_factory.mktemp("word-docs")
    out: dict[str, tuple[Path, Path]] = {}
    pair = []
    for lang in ("zh", "en"):
        pair.append(write_docx(seed(lang), lang, folder / f"seed.{lang}.docx",
                               auto_numbering=lang == "en", custom_marks=False))
    out["docx"] = (pair[0], pair[1])
    if soffice() is not None:
        for fmt in ("doc", "odt", "fodt", "rtf"):
            zh, en = (convert(p, fmt, folder / fmt) for p in pair)
            out[fmt] = (zh, en)
    return out
