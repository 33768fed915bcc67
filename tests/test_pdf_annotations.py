"""What a PDF's annotations print is read as part of its page (pdflayout.chars._printed_page):
a filled form's field values, typewriter text, stamps with an appearance of their own, as a
printed page and `pdftotext` show them; annotations that never print stay out. Test pages are
drawn with reportlab's AcroForm fields (each with its appearance stream)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

FILLED = "Maria Suarez Lopez of the Regional Office for Latin America"
NEVER_PRINTED = "Internal note never printed"


def _form(path: Path, *, body: bool) -> Path:
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 11)
    if body:
        page.drawString(72, 760, "The applicant fills in the form below and signs it before "
                                 "the deadline.")
        page.drawString(72, 700, "Name of the applicant:")
    for name, value, y, flags in (("name", FILLED, 694, "print"),
                                  ("note", NEVER_PRINTED, 640, "noview")):
        page.acroForm.textfield(name=name, value=value, x=72 + 150 * body, y=y, width=400,
                                height=18, borderWidth=0, fontName="Helvetica", fontSize=11,
                                annotationFlags=flags)
    page.showPage()
    page.save()
    return path


@pytest.mark.parametrize("body", [True, False])
def test_what_annotations_print_is_read(body: bool, tmp_path: Path) -> None:
    """A filled field's value is read (beside its label: one paragraph), a field that never
    prints is not; a page whose only text is in fields is read, not refused as a scan."""
    text = " ".join(p.text for p in read_document(_form(tmp_path / "form.pdf", body=body),
                                                  "en").paragraphs)
    assert FILLED in text and NEVER_PRINTED not in text
    if body:
        assert f"Name of the applicant: {FILLED}" in text
