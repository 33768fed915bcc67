"""Text drawn where no viewer shows it is not read as the page's text, and is reported.

A page shows its crop box (within its media box); a PDF can draw text outside it (a printer's
slug line beyond the trim, one content stream shown through several pages' windows). PDFium's
text page holds it all, in the page's own coordinates, which start where the crop box starts
only when it starts at the origin. The reader reads what the page shows, in the frame of the
visible box, and reports the rest (`outside-page`), never losing it silently. Pages drawn with
reportlab with a crop box away from the origin.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

CROP = (100.0, 200.0, 500.0, 700.0)  # x0, y0, x1, y1
SLUG = "K2309123 printed 12 June 2023 proof 3"
BODY = (
    "1. The Assembly welcomes the report of the Executive Director on the work of the "
    "Programme.",
    "2. The Assembly requests the Executive Director to report on the implementation of the "
    "present resolution at its next session.",
)


def _pages(path: Path, pages: int = 3) -> Path:
    c = canvas.Canvas(str(path), pagesize=(600, 800), invariant=1)
    x0, y0, x1, y1 = CROP
    for number in range(1, pages + 1):
        c.setCropBox(CROP)
        c.setFont("Helvetica", 9)
        c.drawString(x0 + 20, y1 - 20, "A/RES/78/1")  # a running header atop the visible page
        c.drawString(x0 + 20, y1 + 40, SLUG)  # beyond the crop box: no viewer shows it
        c.setFont("Helvetica", 11)
        y = y1 - 80
        for text in BODY:
            words, line = text.split(), ""
            for word in words:
                if c.stringWidth(f"{line} {word}", "Helvetica", 11) > x1 - x0 - 60:
                    c.drawString(x0 + 30, y, line)
                    y, line = y - 14, ""
                line = f"{line} {word}".strip()
            c.drawString(x0 + 30, y, line)
            y -= 28
        c.setFont("Helvetica", 9)
        c.drawCentredString((x0 + x1) / 2, y0 + 20, str(number))  # the page number at its foot
        c.showPage()
    c.save()
    return path


def test_text_outside_the_crop_box_is_reported_not_read(tmp_path: Path) -> None:
    doc = read_document(_pages(tmp_path / "cropped.pdf"), "en")
    text = "\n".join(p.text for p in doc.paragraphs)
    assert [p.text for p in doc.paragraphs] == [*BODY, *BODY, *BODY]
    assert "K2309123" not in text
    outside = [(f.text, f.line) for f in doc.furniture if f.kind == "outside-page"]
    assert outside == [(SLUG, 1), (SLUG, 2), (SLUG, 3)]


def test_a_cropped_page_keeps_its_furniture(tmp_path: Path) -> None:
    """The running header and the page numbers are where the visible page has them."""
    doc = read_document(_pages(tmp_path / "cropped.pdf"), "en")
    kept = {f.text for f in doc.furniture}
    assert {"A/RES/78/1", "1", "2", "3"} <= kept, sorted(kept)
