"""Text a PDF says only in marked content's `/ActualText` is read, never lost.

Skia (Chromium, Google Docs) draws a colour emoji or a flag as a picture glyph and says what it
is in an ActualText span; PDFium's text page leaves such a text object out when the ActualText
lies beyond the Basic Multilingual Plane (every emoji and flag), or when the glyph's box has no
width, and then nothing of it reaches the reader (`pdflayout.marked`). Pages drawn with
reportlab, the spans written into the content as such producers write them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from untm.aligner.pdflayout.marked import text_string
from untm.aligner.read import read_document

LEAD = "The delegation of Germany"
NEXT = "and the line below it."
FLAG = "\U0001f1e9\U0001f1ea"  # the flag of Germany: two regional indicators


def _span(actual: str, glyphs: str, x: float, y: float, *, objects: int = 1) -> str:
    """An ActualText span around `objects` text objects drawing `glyphs` (reportlab's first
    font, F1), as a producer writes it; the text string in UTF-16BE with its mark."""
    hexed = (b"\xfe\xff" + actual.encode("utf-16-be")).hex().upper()
    body = " ".join(f"BT /F1 12 Tf {x + 8 * k:.1f} {y:.1f} Td ({glyphs}) Tj ET"
                    for k in range(objects))
    return f"/Span <</ActualText <{hexed}>>> BDC {body} EMC"


def _page(path: Path, actual: str, glyphs: str, *, objects: int = 1, times: int = 1) -> Path:
    """The lead, the span (drawn `times` times at one place: an overprint), the next line."""
    c = canvas.Canvas(str(path), pagesize=(400, 200), invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(20, 100, LEAD)
    for _ in range(times):
        c._code.append(_span(actual, glyphs, 180, 100, objects=objects))  # raw operators
    c.drawString(20, 86, NEXT)
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize(
    ("actual", "glyphs", "objects", "times"),
    [
        (FLAG, "X", 1, 1),  # beyond the BMP: PDFium leaves the object out
        ("\U0001f600", "X", 2, 1),  # one span over two text objects: read once
        ("Deutschland", " ", 1, 1),  # a glyph whose box has no width
        ("Deutschland", "X", 1, 1),  # PDFium reads this one itself: not read twice
        (FLAG, "X", 1, 2),  # drawn twice at one place: read once
        ("Deutschland", "X", 1, 2),  # PDFium reads the first copy, leaves out the second
    ],
    ids=["flag", "two-objects", "no-box", "read-by-pdfium", "flag-twice", "read-twice"],
)
def test_actual_text_is_read_once(tmp_path: Path, actual: str, glyphs: str, objects: int,
                                  times: int) -> None:
    path = _page(tmp_path / "span.pdf", actual, glyphs, objects=objects, times=times)
    doc = read_document(path, "en")
    text = " ".join(p.text for p in doc.paragraphs)
    assert text == f"{LEAD} {actual} {NEXT}"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"\xfe\xff" + FLAG.encode("utf-16-be"), FLAG),
        (b"\xef\xbb\xbfcaf\xc3\xa9", "café"),
        (b"\x93rst \x80 \x8dOK\x8e \xa0", "ﬁrst • “OK” €"),  # PDFDocEncoding
        (b"caf\xe9", "café"),
    ],
)
def test_text_strings(raw: bytes, text: str) -> None:
    assert text_string(raw) == text
