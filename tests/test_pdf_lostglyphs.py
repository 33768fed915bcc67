"""Glyphs whose character the text layer does not say, and codes PDFium's page text leaves out.

- A glyph mapped to a code PDFium's page text leaves out (U+0003, U+0093, … : its text buffer
  skips them) must not shift the characters after it onto the next glyph's box (a generated
  reportlab PDF whose ToUnicode map gives two glyphs such codes).
- A subset font whose map is gone (PDFium reads raw codes: controls, WinAnsi letters) or gives
  ASCII for its Chinese glyphs (generated with reportlab): its glyphs are read as U+FFFD, never
  as another character, and the rest of the text is what the intact PDF gives.
- `ghostscript-lo` (the producer matrix: LibreOffice's PDF rewritten by Ghostscript pdfwrite)
  has one CJK subset font whose ToUnicode map Ghostscript dropped; its glyphs are read as U+FFFD
  one for one where they stand, said in one reading note and counted as unmapped glyphs, and the
  units that hold one are kept out of the TM: every unit written is right.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import UNTM, run_untm
from pdfgen import render_pdf, seed_items
from producers.matrix import Matrix, MatrixPair
from producers.unmapped import LAYOUT
from reportlab.pdfbase import ttfonts

from untm.aligner.glyphforms import LOST
from untm.aligner.pdflayout.chars import PageChars, is_wide, read_pdf_chars
from untm.aligner.read import read_document
from untm.goldscore import score_units
from untm.pipeline import AlignOptions, align_files, summarize, to_units
from untm.report import count_for_review

SKIPPED = "\x03\x93"  # codes PDFium's page text (FPDFText_GetText) leaves out


Remap = Callable[[list[int]], list[int]]


@pytest.fixture(scope="module")
def clean_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed in Chinese as reportlab writes it (WenQuanYi Micro Hei, embedded TrueType
    subsets of 256 glyphs, each with its ToUnicode map)."""
    folder = tmp_path_factory.mktemp("clean")
    return render_pdf(seed_items("zh"), "zh", LAYOUT, folder / "clean.zh.pdf")


def _remapped(path: Path, remap: Remap) -> set[str]:
    """The seed written with the ToUnicode map of its second subset font changed by `remap`
    (code points in code order), and the characters whose codes `remap` changed."""
    original = ttfonts.makeToUnicodeCMap
    changed: set[str] = set()

    def make_cmap(fontname: str, subset: list[int]) -> str:
        if fontname.startswith("AAAAAB+"):  # the second subset
            new = remap(subset)
            changed.update(chr(a) for k, a in enumerate(subset) if k >= len(new) or new[k] != a)
            subset = new
        return str(original(fontname, subset))

    ttfonts.makeToUnicodeCMap = make_cmap
    try:
        render_pdf(seed_items("zh"), "zh", LAYOUT, path)
    finally:
        ttfonts.makeToUnicodeCMap = original
    assert changed
    return changed


def _read(path: Path) -> list[PageChars]:
    return read_pdf_chars(path.read_bytes(), path.name)


def test_skipped_codes_keep_every_glyph_on_its_own_box(clean_pdf: Path, tmp_path: Path) -> None:
    """Two glyphs mapped to codes PDFium's page text leaves out (a map that gives a code
    without meaning: the glyphs stand for nothing, left out and counted); every other glyph
    keeps its own box (before, each one after them took the box of the glyph after it)."""
    odd = tmp_path / "odd.zh.pdf"
    changed = _remapped(odd, lambda s: [*s[:10], ord(SKIPPED[0]), *s[11:30], ord(SKIPPED[1]),
                                        *s[31:]])
    assert len(changed) == 2
    for before, after in zip(_read(clean_pdf), _read(odd), strict=True):
        assert after.chars == tuple(c for c in before.chars if c.ch not in changed)
        assert after.unmapped == sum(c.ch in changed for c in before.chars)
        assert after.unplaced == 0 and LOST not in after.text
    assert sum(p.unmapped for p in _read(odd)) > 0


def _as_source(reading: str, source: str) -> bool:
    """Whether `reading` is `source` with some characters read as `LOST` (white space aside:
    a lost glyph may be a space of the font, or stand for two characters, as '——' does)."""
    pattern = "".join(".{0,2}" if ch == LOST else re.escape(ch) for ch in _ink(reading))
    return re.fullmatch(pattern, _ink(source)) is not None


# how a subset font's map goes wrong: none but for its first glyph (PDFium reads the others'
# raw codes, controls and the WinAnsi letters of the codes, flagged or not), or its Chinese
# glyphs mapped to ASCII letters, digits and marks (nothing flagged, nothing without meaning:
# only the glyphs' full-em advances tell)
REMAPS: dict[str, Remap] = {
    "no map": lambda s: s[:1],
    "ascii": lambda s: [0x21 + i % 94 for i in range(len(s))],
}


@pytest.mark.parametrize("how", sorted(REMAPS))
def test_a_subset_without_its_map_is_read_as_lost_glyphs(
    how: str, clean_pdf: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "lost.zh.pdf"
    changed = _remapped(pdf, REMAPS[how])
    source = read_document(clean_pdf, "zh")
    doc = read_document(pdf, "zh")
    text = "".join(p.text for p in doc.paragraphs)
    lost = text.count(LOST)
    assert lost >= 0.9 * sum("".join(p.text for p in source.paragraphs).count(c)
                             for c in changed)
    assert not set(text) & {c for c in changed if is_wide(c)}  # drawn by the subset alone
    assert len(doc.paragraphs) == len(source.paragraphs)
    for ours, theirs in zip(doc.paragraphs, source.paragraphs, strict=True):
        assert _as_source(ours.text, theirs.text), (ours.text, theirs.text)
    [note] = [n for n in doc.notes if "no Unicode mapping" in n]
    assert "WenQuanYiMicroHei" in note and "read as U+FFFD" in note


def _pair(matrix: Matrix, producer: str, doc: str = "seed") -> MatrixPair:
    if producer in matrix.skipped:
        pytest.skip(f"{producer}: {matrix.skipped[producer]}")
    return next(p for p in matrix.pairs if p.producer.name == producer and p.doc.name == doc)


def _ink(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_font_without_its_map_is_read_as_lost_glyphs(producer_matrix: Matrix) -> None:
    """Ghostscript's rewrite reads as LibreOffice's PDF it came from, each glyph of the font
    that lost its map a U+FFFD in its place (one glyph, '——', stood for two characters)."""
    source = read_document(_pair(producer_matrix, "libreoffice").zh, "zh")
    doc = read_document(_pair(producer_matrix, "ghostscript-lo").zh, "zh")
    lost = sum(p.text.count(LOST) for p in doc.paragraphs)
    assert lost > 200
    assert len(doc.paragraphs) == len(source.paragraphs)
    for theirs, ours in zip(source.paragraphs, doc.paragraphs, strict=True):
        assert _as_source(ours.text, theirs.text), (theirs.text, ours.text)
    counted = sum(int(f.text.split()[0]) for f in doc.furniture if f.kind == "unmapped-glyphs")
    assert counted == lost
    [note] = [n for n in doc.notes if "no Unicode mapping" in n]
    assert f"{lost} glyphs" in note and "read as U+FFFD" in note and "left out of the TM" in note


def test_units_with_lost_glyphs_stay_out_of_the_tm(producer_matrix: Matrix) -> None:
    pair = _pair(producer_matrix, "ghostscript-lo")
    result = align_files(pair.zh, pair.en, AlignOptions(mode="fast"))
    units = to_units(result, source_name=pair.zh.name)
    assert units and not any(LOST in u.source or LOST in u.target for u in units)
    score = score_units([(u.source, u.target) for u in units], pair.doc.gold())
    assert score.matched >= 0.98 * score.produced, score  # what is written is right
    summary = summarize(result)
    assert summary.units == len(units) and summary.units_lost > 20
    assert summary.to_dict()["units_lost"] == summary.units_lost
    assert any(f"(U+FFFD) {summary.units_lost}" in line for line in summary.lines())
    assert sum(line.startswith("reading: zh:") and "U+FFFD" in line
               for line in summary.lines()) == 1
    assert count_for_review(result) >= summary.units_lost  # the review page lists them


@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
def test_batch_counts_the_units_left_out(producer_matrix: Matrix, tmp_path: Path) -> None:
    """Through the installed `untm batch`: the pair is done, its summary.json record says how
    many units were left out and why (the reading note), and its TMX holds no U+FFFD."""
    pair = _pair(producer_matrix, "ghostscript-lo")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(pair.zh, folder / "seed.zh.pdf")
    shutil.copy(pair.en, folder / "seed.en.pdf")
    out = tmp_path / "out"
    proc = run_untm(["batch", str(folder), "-o", str(out), "--mode", "fast", "--quiet"],
                    tmp_path, timeout=600)
    assert proc.returncode == 0, proc.stderr
    [doc] = json.loads((out / "summary.json").read_text(encoding="utf-8"))["documents"]
    assert doc["status"] == "ok" and doc["units_lost"] > 20 and doc["units"] > 40
    assert any("read as U+FFFD" in note for note in doc["reading"])
    tmx = (out / "seed.tmx").read_text(encoding="utf-8")
    assert tmx.count("<tu ") == doc["units"] and LOST not in tmx
    assert "units_lost" not in summarize(
        align_files(*(p for _, p in _pair(producer_matrix, "libreoffice").files()),
                    AlignOptions(mode="fast"))
    ).to_dict()


def test_quotes_of_a_subset_without_its_map_are_lost_not_dropped(producer_matrix: Matrix) -> None:
    """Ghostscript's rewrite of the 1 Tf English: the curly quotes and dashes of DejaVu Serif's
    second subset lost their map and read as U+0001-U+0004; each is a U+FFFD where it stands
    (before, "2020–2023" was written to the TM as "20202023")."""
    source = read_document(_pair(producer_matrix, "reportlab-1tf").en, "en")
    doc = read_document(_pair(producer_matrix, "ghostscript-1tf").en, "en")
    text = "".join(p.text for p in doc.paragraphs)
    assert text.count(LOST) >= 10 and not re.search("[\x01-\x04]", text)
    stood_for: set[str] = set()
    for ours in (p.text for p in doc.paragraphs if LOST in p.text):
        [theirs] = [p.text for p in source.paragraphs if _as_source(ours, p.text)]
        if len(ours) == len(theirs):
            stood_for.update(theirs[k] for k, ch in enumerate(ours) if ch == LOST)
    assert stood_for and stood_for <= set("‘’“”–—"), stood_for
