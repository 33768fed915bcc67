"""Small capitals: words set in capitals at 0.6-0.9 of the text's size inside a line of text
("identified in the FOR FURTHER INFORMATION", as the Federal Register and many legal and book
layouts set them). A line that holds more small capitals than text is still a line of the text's
size: the paragraph goes on across it, where reading it in the capitals' size made a change of
type, a paragraph end, on each side of it.

Each case is a page drawn here (reportlab): lines of (text, size, font) pieces, justified to one
measure (the widest line's; a paragraph's last line at its natural width), at one leading; the
case says which paragraphs the reader must give.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

SIZE, CAPS, LEADING, LEFT, TOP = 10.0, 8.0, 12.5, 72.0, 720.0
ROMAN, BOLD = "Times-Roman", "Times-Bold"

Piece = tuple[str, float, str]
Page = tuple[tuple[Piece, ...], ...]
END = ("", SIZE, ROMAN)  # a paragraph's last line: set at its natural width


def _text(text: str, *more: Piece) -> tuple[Piece, ...]:
    return ((text, SIZE, ROMAN), *more)


# a paragraph of five lines whose third line is mostly small capitals, then a second paragraph
RUNNING: Page = (
    _text("Comments on the proposal may be sent to the"),
    _text("address given in the section on addresses, or"),
    (("the officer in the ", SIZE, ROMAN), ("FOR FURTHER INFORMATION", CAPS, BOLD)),
    (("CONTACT", CAPS, BOLD), (" section of this notice, before the end", SIZE, ROMAN)),
    _text("of the comment period set out above.", END),
    _text("The agency will consider every comment.", END),
)
# a run-in heading in small capitals opens the second paragraph, on a line of its own text
RUN_IN: Page = (
    _text("The agency will consider every comment received by the closing"),
    _text("date for comments and may change the proposal in their light.", END),
    (("FOR FURTHER INFORMATION CONTACT", CAPS, BOLD), (": Jane Doe, Manager,", SIZE, ROMAN)),
    _text("Branch of Regulatory Affairs, telephone 555-0100.", END),
)
# a heading set wholly in small capitals has no lower-case text: it stays a heading of its size
HEADING: Page = (
    (("BACKGROUND OF THE PROPOSAL", CAPS, BOLD), END),
    _text("The agency will consider every comment received by the closing"),
    _text("date for comments and may change the proposal in their light.", END),
)
# capitals larger than the lower-case beside them are not small capitals
LARGER: Page = (
    (("ANNEX ONE", 12.0, BOLD), (" (continued)", SIZE, ROMAN), END),
    _text("The agency will consider every comment received by the closing"),
    _text("date for comments and may change the proposal in their light.", END),
)

LATER = ("The agency will consider every comment received by the closing date for comments "
         "and may change the proposal in their light.")
CASES = {
    "caps inside a paragraph": (RUNNING, [
        "Comments on the proposal may be sent to the address given in the section on addresses, "
        "or the officer in the FOR FURTHER INFORMATION CONTACT section of this notice, before "
        "the end of the comment period set out above.",
        "The agency will consider every comment.",
    ]),
    "run-in heading in caps": (RUN_IN, [
        LATER,
        "FOR FURTHER INFORMATION CONTACT: Jane Doe, Manager, Branch of Regulatory Affairs, "
        "telephone 555-0100.",
    ]),
    "heading in caps": (HEADING, ["BACKGROUND OF THE PROPOSAL", LATER]),
    "capitals larger than the text": (LARGER, ["ANNEX ONE (continued)", LATER]),
}


def _draw(page: Page, path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=(612.0, 792.0))
    measure = max(sum(stringWidth(text, font, size) for text, size, font in line)
                  for line in page)
    y = TOP
    for line in page:
        words = [(word, size, font) for text, size, font in line for word in text.split()]
        widths = [stringWidth(word, font, size) for word, size, font in words]
        natural = stringWidth(" ", ROMAN, SIZE)
        gap = natural if END in line else (measure - sum(widths)) / (len(words) - 1)
        x, joined = LEFT, False
        for (word, size, font), width, text_piece in zip(words, widths, _glued(line), strict=True):
            if joined and text_piece:  # a piece that starts without a space abuts the last
                x -= gap
            pdf.setFont(font, size)
            pdf.drawString(x, y, word)
            x += width + gap
            joined = True
        y -= LEADING
    pdf.showPage()
    pdf.save()
    return path


def _glued(line: tuple[Piece, ...]) -> list[bool]:
    """For each word of the line, whether it abuts the word before: the first word of a piece
    when neither that piece starts nor the piece before ends with a space ("CONTACT" ": Jane")."""
    out: list[bool] = []
    before = ""
    for text, _, _ in line:
        words = text.split()
        if words:
            glued = bool(out) and not before[-1:].isspace() and not text[:1].isspace()
            out += [glued] + [False] * (len(words) - 1)
            before = text
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_small_capitals_are_read_in_the_size_of_their_text(name: str, tmp_path: Path) -> None:
    page, expected = CASES[name]
    reading = read_document(_draw(page, tmp_path / "page.pdf"), "en")
    assert [p.text for p in reading.paragraphs] == expected
