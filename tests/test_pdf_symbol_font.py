"""A font that draws glyphs the Adobe Glyph List names in the private-use area (the Symbol
font's tall bracket pieces, as formulas use them) is not a font whose codes mean nothing: its
Greek letters and signs are read, the bracket pieces alone left out and counted
(pdflayout.chars._unmapped, `_NAMED_PRIVATE`). The page is drawn with reportlab's standard
Symbol font, as PDF producers of formulas do."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

_BRACKETS = "\uf8eb\uf8ed\uf8f6\uf8f8"  # parenleft/right top and bottom pieces


def _page(path: Path, formula: str) -> Path:
    page = canvas.Canvas(str(path))
    page.setFont("Helvetica", 11)
    page.drawString(72, 760, "The angle between the two vectors is written as follows in the "
                             "report:")
    page.setFont("Symbol", 11)
    page.drawString(72, 740, formula)
    page.setFont("Helvetica", 11)
    page.drawString(72, 720, "and the remaining sentences of the page are set in the usual "
                             "type.")
    page.showPage()
    page.save()
    return path


def test_greek_letters_beside_bracket_pieces_are_read(tmp_path: Path) -> None:
    formula = f"{_BRACKETS[0]} \u2265 \u03b1\u03b2\u03b3 \u00b1 \u03b4 {_BRACKETS[2]}"
    doc = read_document(_page(tmp_path / "formula.pdf", formula), "en")
    text = " ".join(p.text for p in doc.paragraphs).replace(" ", "")
    assert "≥αβγ±δ" in text
    assert not any(ch in text for ch in _BRACKETS)
    assert "2 glyphs without a Unicode mapping" in [f.text for f in doc.furniture]


def test_a_line_of_symbol_glyphs_alone_reads_as_before(tmp_path: Path) -> None:
    """Guard: without the bracket pieces, the letters were read before too."""
    doc = read_document(_page(tmp_path / "plain.pdf", "\u2265 \u03b1\u03b2\u03b3 \u00b1 \u03b4"),
                        "en")
    assert "≥αβγ±δ" in " ".join(p.text for p in doc.paragraphs).replace(" ", "")
