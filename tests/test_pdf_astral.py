"""Characters outside the Basic Multilingual Plane (mathematical italic letters, Han characters
of CJK Extension B as Hong Kong names use them) are read whole: PDFium's text page holds each as
two indices, its UTF-16 surrogates, which were read one by one as codes without meaning and lost
(pdflayout.chars.join_surrogates). Test pages are printed by Debian's Chromium (reportlab writes
such characters' ToUnicode entries wrong)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from untm.aligner.pdflayout.chars import join_surrogates
from untm.aligner.read import read_document

_PAGES = {
    "en": ("Some inline mathematics: let 𝑥 and 𝑦 be two numbers that satisfy 𝑥 &gt; 𝑦 here.",
           "The second sentence of the test page is written in plain letters only."),
    "zh": ("香港的地名𠀋字和𡃁字都在扩展B区，这一行要读全。",
           "第二句话是普通的汉字，没有扩展区的字。"),
}


def _utf16_units(text: str) -> str:
    """`text` as PDFium's text page holds it: a character outside the BMP as two surrogates."""
    return "".join(
        chr(0xD800 + ((ord(c) - 0x10000) >> 10)) + chr(0xDC00 + ((ord(c) - 0x10000) & 0x3FF))
        if ord(c) > 0xFFFF else c
        for c in text
    )


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_each_pair_is_its_character_at_the_first_index(text: str) -> None:
    units = _utf16_units(text)
    joined, tails = join_surrogates(units)
    assert len(joined) == len(units)  # every index still names its glyph
    assert all(joined[i] == "\x00" for i in tails)
    assert "".join(c for i, c in enumerate(joined) if i not in tails) == text


def test_a_surrogate_without_its_partner_stays() -> None:
    assert join_surrogates("a\udc65\ud835b") == ("a\udc65\ud835b", frozenset())


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_characters_outside_the_bmp_are_read(lang: str, tmp_path: Path) -> None:
    from chromium_print import print_html

    pdf = print_html("<html><head><meta charset='utf-8'></head><body style='font-family:serif'>"
                     + "".join(f"<p>{p}</p>" for p in _PAGES[lang]) + "</body></html>",
                     tmp_path / f"{lang}.pdf")
    doc = read_document(pdf, lang)
    assert [p.text for p in doc.paragraphs] == [p.replace("&gt;", ">") for p in _PAGES[lang]]
    assert not any(f.text.startswith("U+D") for f in doc.furniture)
