"""Marks set low on their line: a comma whose box hangs below the line's bottom further than it
rises above it stays on its line.

Where a font's descriptor gives no usable ascent and descent (a voucher's TrueType fonts say
`/Ascent 9.464 /Descent -2.73` in a 1000-unit space), PDFium gives each glyph its own box, not
one from the font's ascent to its descent: a comma's box is then a sliver about the baseline.
Arial's comma hangs 0.15 font sizes below the baseline and rises 0.1 above it, so less than half
of it overlaps a line without descenders: it was read as a line of its own (',') and the line
was cut at it ("69 Norman Street Everett" / "MA"; in a running paragraph the commas went to
the end of its line, or to the paragraph's end). The rule (`lines.low_mark`): a glyph of the
line's size, shorter than half the line, that reaches up over the line's bottom and down at most
`LOW_MARK` font sizes below it is on that line. Subscripts (smaller) and superscripts (raised,
smaller) are read as before, and the next line, however tight the leading, stays apart; a
comma after a descender ("dog,") was on its line before and still is.

Each case is a page drawn here (reportlab, DejaVu Sans embedded, its descriptor's ascent and
descent then made unusable as the voucher's are); a piece of a line may be set smaller and
raised or lowered (a text rise), as a comma set the way Arial sets it: DejaVu's comma lowered by
0.025 font sizes hangs as far below the baseline as Arial's. The cases check the page's lines
(`lines.page_lines`), the address also end to end.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from tests.glyphs import FALLBACK_FILES, fallback_missing
from untm.aligner.pdflayout.chars import read_pdf_chars
from untm.aligner.pdflayout.lines import page_lines
from untm.aligner.read import read_document

FONT = "DejaVuSans"
LEFT, TOP = 72.0, 700.0

# a piece of a line: its text, its size in the line's size and its rise in the line's size
Piece = tuple[str, float, float]
LOW = -0.025  # DejaVu Sans's comma lowered so: as low as Arial's (-0.14 to 0.1 font sizes)


def _text(text: str) -> Piece:
    return (text, 1.0, 0.0)


def _low_commas(text: str) -> tuple[Piece, ...]:
    """The text with each of its commas set low."""
    pieces: list[Piece] = []
    for k, part in enumerate(text.split(",")):
        if k:
            pieces.append((",", 1.0, LOW))
        if part:
            pieces.append(_text(part))
    return tuple(pieces)


Lines = tuple[tuple[Piece, ...], ...]
Case = tuple[Lines, float, list[str]]  # the page's lines, its leading, the lines read
CASES: dict[str, Case] = {
    # the voucher's address: no descender on the line to hold the comma
    "a low comma inside an address": (
        (_low_commas("69 Norman Street Everett, MA 02149"),),
        1.2,
        ["69 Norman Street Everett, MA 02149"],
    ),
    "low commas of a tight leading stay on their lines": (
        (_low_commas("Everett, MA 02149"), _low_commas("Boston, MA 02108"),
         _low_commas("Salem, MA 01970")),
        1.0,
        ["Everett, MA 02149", "Boston, MA 02108", "Salem, MA 01970"],
    ),
    "low commas in a running paragraph": (
        (_low_commas("The hall, the old bath, the Round Tower, the"),
         _low_commas("North Mill, and the Hall of Arts all close at 18:00.")),
        1.2,
        ["The hall, the old bath, the Round Tower, the",
         "North Mill, and the Hall of Arts all close at 18:00."],
    ),
}
# guards: read the same before and after the rule
GUARDS: dict[str, Case] = {
    "low commas after descenders": (
        (_low_commas("A dog, a pig, a gray jay, and a"),
         _low_commas("young puppy, play by the pond.")),
        1.2,
        ["A dog, a pig, a gray jay, and a", "young puppy, play by the pond."],
    ),
    "a subscript stays in its word": (
        ((_text("The water (H"), ("2", 0.7, -0.25), _text("O) in the tank at Everett")),),
        1.2,
        ["The water (H2O) in the tank at Everett"],
    ),
    "a superscript marker is taken out": (
        ((_text("The North Mill at Everett"), ("1", 0.6, 0.35), _text(" closed in 1980.")),),
        1.2,
        ["The North Mill at Everett closed in 1980."],
    ),
}


def _unusable_ascent(data: bytes) -> bytes:
    """The PDF with each font descriptor's ascent and descent made tiny (the same byte length,
    so that the cross-reference offsets hold): PDFium then boxes each glyph by its own outline."""

    def tiny(match: re.Match[bytes]) -> bytes:
        key, value = match.group(1), match.group(2)
        return b"/" + key + b" " + (b"9" if key == b"Ascent" else b"-2").ljust(len(value))

    return re.sub(rb"/(Ascent|Descent) (-?[\d.]+)", tiny, data)


def _draw(lines: Lines, size: float, leading: float, path: Path) -> Path:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FALLBACK_FILES[FONT])))
    pdf = canvas.Canvas(str(path), pagesize=(612.0, 792.0), pageCompression=0)
    y = TOP
    for line in lines:
        text = pdf.beginText(LEFT, y)
        for piece, scale, rise in line:
            text.setFont(FONT, scale * size)
            text.setRise(rise * size)
            text.textOut(piece)
        pdf.drawText(text)
        y -= leading * size
    pdf.showPage()
    pdf.save()
    path.write_bytes(_unusable_ascent(path.read_bytes()))
    return path


pytestmark = pytest.mark.skipif(fallback_missing() is not None, reason=str(fallback_missing()))


def _lines(path: Path) -> list[str]:
    page = read_pdf_chars(path.read_bytes(), str(path))[0]
    return [ln.text for row in page_lines(page) for ln in row]


def test_the_page_boxes_each_glyph_by_its_outline(tmp_path: Path) -> None:
    """The cases' premise: the comma's box is a sliver that hangs below the line's letters by
    about 0.15 font sizes (as the voucher's Arial comma: 1.4 points at 10 points)."""
    path = _draw((_low_commas("Everett, MA"),), 10.0, 1.2, tmp_path / "page.pdf")
    chars = {c.ch: c for c in read_pdf_chars(path.read_bytes(), str(path))[0].chars}
    comma, letter = chars[","], chars["E"]
    assert comma.y1 - comma.y0 < 3.0 < letter.y1 - letter.y0
    assert 1.2 < letter.y0 - comma.y0 < 1.7


@pytest.mark.parametrize("size", [8.0, 10.0, 12.0])
@pytest.mark.parametrize("name", list(CASES))
def test_a_low_comma_stays_on_its_line(name: str, size: float, tmp_path: Path) -> None:
    lines, leading, expected = CASES[name]
    assert _lines(_draw(lines, size, leading, tmp_path / "page.pdf")) == expected


def test_the_voucher_address_reads_whole(tmp_path: Path) -> None:
    """The voucher's fault, end to end: its address one paragraph, no ',' of its own."""
    lines, leading, expected = CASES["a low comma inside an address"]
    reading = read_document(_draw(lines, 10.0, leading, tmp_path / "page.pdf"), "en")
    assert [p.text for p in reading.paragraphs] == expected


@pytest.mark.parametrize("size", [8.0, 10.0, 12.0])
@pytest.mark.parametrize("name", list(GUARDS))
def test_sub_and_superscripts_and_descenders_read_as_before(
    name: str, size: float, tmp_path: Path
) -> None:
    lines, leading, expected = GUARDS[name]
    assert _lines(_draw(lines, size, leading, tmp_path / "page.pdf")) == expected
