"""A large glyph that begins a line (a section number, a roman numeral, a bullet, a figure
letter, a quotation mark set large) beside two lines of smaller text: the lines are read one
after the other, each word whole. Its band spans both lines, and the second line's run was put
into the first (`lines._absorb`: a run drawn inside an earlier run's band), their glyphs
sorted together by x ("1 Iunntrdoedrurcetviioenw: tahnedwthoerkreopfothrtes …"); the host's
band is now its glyphs of its most common size (`lines._main_band`), and the large glyph hangs
before the text as a label does (`Line.text_x0`), so the lines join as one paragraph. Pages
are test_pdf_dropcaps's guard pages (reportlab)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from test_pdf_dropcaps import CAPTION, GUARDS, HEADING, QUOTE

from untm.aligner.read import read_document

_BESIDE = {
    "a large section number beside a heading of two lines": HEADING,
    "a large roman numeral beside a bold heading of two lines": HEADING,
    "a large bullet beside an item": HEADING,
    "a figure label beside a smaller caption": CAPTION,
    "a large quotation mark beside a quotation": QUOTE,
    "a large page number beside the text": QUOTE,
}


@pytest.mark.parametrize("name", list(_BESIDE))
def test_lines_beside_a_large_glyph_are_read_in_order(name: str, tmp_path: Path) -> None:
    draw, big = GUARDS[name]
    path = tmp_path / "page.pdf"
    pdf = canvas.Canvas(str(path))
    draw(pdf)
    pdf.showPage()
    pdf.save()
    paragraphs = [p.text for p in read_document(path, "en").paragraphs]
    assert paragraphs[0] == f"{big} {' '.join(_BESIDE[name])}", paragraphs
