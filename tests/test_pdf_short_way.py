"""The PDF reader's short ways (most glyphs of a line in `pdflayout.chars._read_page` and
`pdflayout.lines._runs` skip tests that cannot change their outcome) read exactly as the full
way: compared on every page of the producer matrix and of the real-world corpus (where it has
been assembled), and on made-up glyph runs (hypothesis), some of whose glyphs have boxes of their
own heights on one bottom, as a Chinese line's loose boxes have."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from producers.matrix import Matrix
from realworld import corpus_folder

from untm.aligner.pdflayout.chars import SPACE, Char, _read_page
from untm.aligner.pdflayout.lines import _runs


def _pages_both_ways(path: Path) -> int:
    """Read every page of `path` both ways and assert they are equal; the pages read."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                short = _read_page(page, index + 1, path.name)
                full = _read_page(page, index + 1, path.name, short_way=False)
            finally:
                page.close()
            assert short == full, f"{path.name} page {index + 1}"
            assert _runs(short.chars) == _runs(full.chars, short_way=False), path.name
        return len(pdf)
    finally:
        pdf.close()


def test_matrix_pages_read_the_same_both_ways(producer_matrix: Matrix) -> None:
    pages = sum(_pages_both_ways(path) for pair in producer_matrix.pairs
                for path in (pair.zh, pair.en))
    assert pages >= 100


def test_real_world_pages_read_the_same_both_ways() -> None:
    folder = corpus_folder()
    if folder is None:
        pytest.skip("the real-world corpus is not assembled (scripts/realworld_pdfs.py)")
    files = sorted(folder.glob("*.pdf"))
    assert sum(_pages_both_ways(path) for path in files) >= len(files) > 30


@st.composite
def _glyphs(draw: st.DrawFn) -> tuple[Char, ...]:
    """Glyphs as a text layer gives them: mostly on from the glyph before (its baseline, box
    and size), sometimes a space, a jump back or ahead, another baseline, size or box."""
    out: list[Char] = []
    x, y, size, height = 72.0, 700.0, 10.0, 12.0
    for _ in range(draw(st.integers(1, 60))):
        move = draw(st.sampled_from(["on", "on", "on", "space", "back", "ahead", "line",
                                     "size", "raised", "flat", "same", "top", "top"]))
        if move == "space" and out:
            last = out[-1]
            out.append(Char(SPACE, last.x1 - 0.05, last.x1, last.y0, last.y1, last.size, False))
            continue
        if move == "back":
            x -= draw(st.floats(0.0, 40.0))
        elif move == "ahead":
            x += draw(st.floats(0.0, 40.0))
        elif move == "line":
            y -= draw(st.floats(0.0, 20.0))
        elif move == "size":
            size = draw(st.sampled_from([0.5, 1.0, 8.0, 10.0, 14.0]))
        elif move == "raised":
            y += draw(st.floats(0.0, 6.0))
        elif move == "flat":
            height = draw(st.sampled_from([0.0, 6.0, 12.0, 30.0]))
        elif move == "top":  # a glyph's own box top on the same bottom (a CJK font's glyphs
            # without ascent and descent: PDFium's loose box is the glyph's box)
            height = draw(st.floats(0.0, 16.0))
        if move == "same" and out:  # a ligature's next letter: the same box
            last = out[-1]
            out.append(last._replace(ch="i"))
            continue
        width = draw(st.floats(0.0, 8.0))
        out.append(Char("a", x, x + width, y, y + height, size, False))
        x += width + draw(st.sampled_from([0.0, 0.0, 0.5, 3.0, 25.0]))
    return tuple(out)


@settings(max_examples=400, deadline=None)
@given(_glyphs())
def test_runs_are_the_same_both_ways(chars: tuple[Char, ...]) -> None:
    assert _runs(chars) == _runs(chars, short_way=False)
