"""A line set flush right above a line at the margin: the masthead's "Distr.: General" and
"Original: English" over the meeting's name, on a first page no large type marks as a cover.

AbiWord sets the matrix's .docx so (its header's "United Nations" in 14-point type, under the
1.3 body sizes of a masthead line, `furniture.COVER_SIZE`): "Distr.: General" and "Original:
English" flush right, then "UN-Habitat Assembly of the United Nations Human Settlements
Programme" at the margin, all at the body's line spacing. Only a cover's right-aligned lines
were items (`blocks._right_aligned`), so the three were one paragraph, "Distr.: General
Original: English UN-Habitat Assembly …", and the meeting's name was lost to the alignment.
The rule (`blocks._under_right_half`): a line starting far left (a quarter of the measure) of
the block's last line, which starts in the right half of its column on the same page, opens a
paragraph: a first-line indent is a few font sizes, never half the measure.

The page is drawn here (reportlab, Times). Guards: paragraphs opening with a first-line indent
go on at the margin as before, and a centred heading of two lines, the second wider, is one.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from seedprose import PARAGRAPHS

from untm.aligner.read import read_document

FONT, BOLD = "Times-Roman", "Times-Bold"
SIZE, LEADING, LEFT, RIGHT = 11.0, 14.0, 70.0, 523.0
INDENT = 2 * SIZE
MEETING = "UN-Habitat Assembly of the United Nations Human Settlements Programme"
TITLE = ("Activities of the United Nations Human Settlements", "Programme, including "
         "coordination matters and joint progress report")
BODY = PARAGRAPHS


def _lines(text: str, first: float) -> list[str]:
    """`text` broken to the measure, its first line `first` points narrower."""
    out: list[str] = [""]
    for word in text.split():
        room = RIGHT - LEFT - (first if len(out) == 1 else 0.0)
        if out[-1] and stringWidth(f"{out[-1]} {word}", FONT, SIZE) > room:
            out.append(word)
        else:
            out[-1] = f"{out[-1]} {word}".strip()
    return out


def _page(path: Path) -> Path:
    """A first page: the header, the masthead's fields flush right over the meeting's name at
    the margin (at the body's spacing), a centred title of two lines, paragraphs opening with a
    first-line indent, the page number."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(BOLD, 14.0)
    c.drawString(LEFT, 800.0, "United Nations")
    c.setFont(FONT, SIZE)
    y = 740.0
    for field in ("Distr.: General", "Original: English"):
        c.drawRightString(RIGHT, y, field)
        y -= LEADING
    c.drawString(LEFT, y, MEETING)
    y -= 2 * LEADING
    c.setFont(BOLD, SIZE)
    for part in TITLE:
        c.drawCentredString((LEFT + RIGHT) / 2, y, part)
        y -= LEADING
    y -= LEADING
    c.setFont(FONT, SIZE)
    for text in BODY:
        for k, line in enumerate(_lines(text, INDENT)):
            c.drawString(LEFT + (INDENT if k == 0 else 0.0), y, line)
            y -= LEADING
    c.drawString(RIGHT - 5.0, 50.0, "1")
    c.showPage()
    c.save()
    return path


def test_line_at_the_margin_under_flush_right_lines_opens_a_paragraph(tmp_path: Path) -> None:
    paragraphs = [p.text for p in read_document(_page(tmp_path / "masthead.pdf"), "en").paragraphs]
    assert MEETING in paragraphs, paragraphs[:4]


def test_indented_paragraphs_and_centred_title_read_whole(tmp_path: Path) -> None:
    """Guard: each paragraph opening with a first-line indent is one, and so is the title
    centred on two lines (its second line starting left of its first)."""
    paragraphs = [p.text for p in read_document(_page(tmp_path / "masthead.pdf"), "en").paragraphs]
    assert " ".join(TITLE) in paragraphs
    assert all(text in paragraphs for text in BODY), paragraphs
