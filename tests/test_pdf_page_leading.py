"""A report whose parts are set in one type size with different leading, read page by page.

A designed report (InDesign) sets its body 9.5 on 14 points and its bibliography, ten pages of
it, 9.5 on 10.25. The line spacing inside paragraphs was one for the document, the smallest
common step: the bibliography's. Every step between the body's lines was then wider than a
line spacing, a paragraph's gap, and each body line a paragraph; joined again by their words,
a line ending "... the child understands". The" left "The" a paragraph of its own and
"Committee further stipulates ..." the next. Found on a UNICEF Innocenti report (a real PDF,
Adobe PDF Library 15). Each page now has its own spacing where the steps below its full lines
show one (`pdflayout.blocks._page_pitches`).

The pages are drawn here (reportlab): two pages of body paragraphs on open leading, lines
ending at a sentence's end inside their paragraph; then three pages of a bibliography set
solid, entries apart by a gap. Guards: the bibliography's entries stay apart (its own spacing
is the document's); a page of one-line items spaced wider than the body's lines (no full line
on it: its steps show no line spacing) keeps them apart; a document in one leading reads as
before.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

FONT, SIZE = "Helvetica", 9.5
BODY_LEADING, SOLID = 14.0, 10.25
LEFT, WIDTH, TOP, BOTTOM = 72.0, 400.0, 760.0, 72.0
PAGE = (595.0, 842.0)

SENTENCES = (
    "The assessment should be carried out in a child-friendly and gender-sensitive manner.",
    "The Committee further stipulates that documents should be considered genuine.",
    "Benefit of the doubt should be given to the individual being assessed.",
    "The Committee advises that states should refrain from using medical methods.",
    "These have a wide margin of error and can be traumatic for the child.",
    "All states should ensure that their determinations can be reviewed.",
    "Border authorities also refer children to the child protection authority at once.",
    "Children aged fifteen years or older are referred to special care facilities.",
)


def _paragraph(k: int) -> str:
    """A paragraph of six sentences, from the k-th on."""
    return " ".join(SENTENCES[(k + j) % len(SENTENCES)] for j in range(6))


BODY = [_paragraph(k) for k in range(6)]
ENTRIES = [
    f"Author{k}, Name, 'A Study of Reception Conditions for Children, Part {k}', Publisher, "
    f"City, 201{k % 10}, pp. {k}-{k + 20}."
    for k in range(60)
]
ITEMS = ["Context.", "Asylum process.", "Education.", "Health.", "Child protection.",
         "Detention.", "Durable solutions.", "Missing children."]


def _lines(text: str) -> list[str]:
    return simpleSplit(text, FONT, SIZE, WIDTH)


def _draw(path: Path, pages: list[list[list[str]]], leading: list[float], gap: list[float]) -> Path:
    """Each page's paragraphs (their lines) at its leading, `gap` points between paragraphs."""
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    for number, paragraphs in enumerate(pages):
        c.setFont(FONT, SIZE)
        y = TOP
        for lines in paragraphs:
            for line in lines:
                c.drawString(LEFT, y, line)
                y -= leading[number]
            y -= gap[number]
        assert y > BOTTOM, "the page overflows"
        c.setFont(FONT, 8)
        c.drawString(PAGE[0] / 2, 40.0, str(number + 1))
        c.showPage()
    c.save()
    return path


def _texts(path: Path) -> list[str]:
    return [p.text for p in read_document(path, "en").paragraphs]


def _report(path: Path, *, body_leading: float) -> Path:
    body = [_lines(text) for text in BODY]
    # the test means something only where lines inside a paragraph end a sentence
    assert any(line.endswith(".") for lines in body for line in lines[:-1])
    refs = [_lines(text) for text in ENTRIES]
    pages = [body[:3], body[3:], refs[:20], refs[20:40], refs[40:]]
    return _draw(path, pages, [body_leading] * 2 + [SOLID] * 3,
                 [body_leading] * 2 + [6.0] * 3)


def test_body_on_open_leading_beside_a_bibliography_set_solid(tmp_path: Path) -> None:
    """The body's paragraphs stay whole on pages of 14-point leading, and the bibliography's
    entries (10.25) stay apart."""
    pdf = _report(tmp_path / "report.pdf", body_leading=BODY_LEADING)
    assert _texts(pdf) == [*BODY, *ENTRIES]


def test_one_leading_throughout(tmp_path: Path) -> None:
    """Guard: body and bibliography in one leading read as before."""
    pdf = _report(tmp_path / "solid.pdf", body_leading=SOLID)
    assert _texts(pdf) == [*BODY, *ENTRIES]


def test_one_line_items_spaced_wider_stay_apart(tmp_path: Path) -> None:
    """Guard: a page of one-line items, 16 points apart, before pages of paragraphs on 11.5:
    the items' page has no full line, so no spacing of its own; each item is a paragraph."""
    body = [_lines(text) for text in BODY]
    pages = [[[item] for item in ITEMS], body[:3], body[3:]]
    pdf = _draw(tmp_path / "items.pdf", pages, [16.0, 11.5, 11.5], [0.0, 11.5, 11.5])
    assert _texts(pdf) == [*ITEMS, *BODY]
