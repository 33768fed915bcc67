"""A header's or foot's slug set a tab away from other words on its row: the symbol after
"United Nations" in a first page's header, "Please recycle" after the job number at its foot.

A word processor that sets these rows by its default tab stops (AbiWord's .docx import, its PDF
through cairo: the tab stops of the document's own header and footer are not kept) puts them a
few font sizes apart: "United Nations", 1.3 font sizes, "HSP/HA.2/8/Add.2"; "23-09876 (C)", 3.6
font sizes, "Please recycle". Pieces of one style closer than `lines.MAX_JOIN_GAP` font sizes
were one line (a justified line's stretched word gaps), so "23-09876 (C) Please recycle" was
read as text, no job number nor recycling note by its form: a paragraph of a one-page
resolution, the last words of the footnote above it on a report's first page. The rule
(`lines._slug_apart`): pieces of which one is a slug or symbol by its form and the other holds a
word space of its own (narrower than the gap: a justified line stretches every word gap alike,
so its pieces are single words) are two lines.

The pages are drawn here (reportlab, Times): the header and foot as AbiWord sets them, justified
text between. Guards: a justified line stretched so loose that every word is a piece of its own,
a document symbol among them, is one line of its paragraph still; the foot's slug set far apart
(as LibreOffice sets it, past `MAX_JOIN_GAP`) is furniture as before; a value with a symbol's
form but no number ("N/A") a tab away from its label stays on the label's line.
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
SYMBOL = "HSP/HA.2/8/Add.2"
BODY = PARAGRAPHS[:2]
# a line stretched so loose that every word gap is wider than a font size (1.4), a symbol among its
# words (the last line of a paragraph is set so when justified with "distribute all lines")
LOOSE = "approved document HSP/HA.1/Res.1 on the strategic plan of the programme"


def _justified(c: canvas.Canvas, words: list[str], y: float, width: float) -> None:
    """One line of `words` set from LEFT to LEFT + width, its word gaps stretched alike."""
    ink = sum(stringWidth(w, FONT, SIZE) for w in words)
    gap = (width - ink) / max(len(words) - 1, 1)
    x = LEFT
    for word in words:
        c.setFont(FONT, SIZE)
        c.drawString(x, y, word)
        x += stringWidth(word, FONT, SIZE) + gap


def _paragraph(c: canvas.Canvas, text: str, y: float, *, last_justified: bool = False) -> float:
    """`text` justified to the measure (its last line set flush left); the y below it."""
    lines: list[list[str]] = [[]]
    for word in text.split():
        if stringWidth(" ".join([*lines[-1], word]), FONT, SIZE) > RIGHT - LEFT:
            lines.append([])
        lines[-1].append(word)
    for k, words in enumerate(lines):
        if k < len(lines) - 1 or last_justified:
            _justified(c, words, y, RIGHT - LEFT)
        else:
            c.setFont(FONT, SIZE)
            c.drawString(LEFT, y, " ".join(words))
        y -= LEADING
    return y - 10.0


def _row(c: canvas.Canvas, y: float, font: str, size: float, left: str, gap: float,
         right: str) -> None:
    """`left`, `gap` font sizes of white, `right`: a row set by a tab stop."""
    c.setFont(font, size)
    c.drawString(LEFT, y, left)
    c.drawString(LEFT + stringWidth(left, font, size) + gap * size, y, right)


def _page(path: Path, *, foot_gap: float = 3.6, loose: bool = False,
          value: bool = False) -> Path:
    """A report's first page and a second: the header's "United Nations" and symbol 1.3 font
    sizes apart, the job number and recycling note `foot_gap` font sizes apart at the first
    page's foot; page 2 under a running header (the symbol) with a page number."""
    c = canvas.Canvas(str(path), pagesize=A4)
    _row(c, 812.0, BOLD, 14.0, "United Nations", 1.3, SYMBOL)
    y = 700.0
    for text in BODY:
        y = _paragraph(c, text, y)
    if loose:
        _justified(c, LOOSE.split(), y, RIGHT - LEFT)
        y -= LEADING
        c.setFont(FONT, SIZE)
        c.drawString(LEFT, y, "for the period 2020-2023.")
    if value:
        _row(c, y - 2 * LEADING, FONT, SIZE, "Estimated cost of the second phase", 2.0, "N/A")
    _row(c, 66.0, FONT, 8.0, "23-09876 (C)", foot_gap, "Please recycle")
    c.showPage()
    c.setFont(BOLD, 10.0)
    c.drawString(LEFT, 800.0, SYMBOL)
    y = 740.0
    for text in reversed(BODY):
        y = _paragraph(c, text, y)
    c.setFont(FONT, 10.0)
    c.drawString(RIGHT - 5.0, 50.0, "2")
    c.showPage()
    c.save()
    return path


def _read(path: Path) -> tuple[list[str], dict[str, str]]:
    doc = read_document(path, "en")
    return [p.text for p in doc.paragraphs], {f.text: f.kind for f in doc.furniture}


def test_slugs_set_a_tab_away_are_furniture(tmp_path: Path) -> None:
    paragraphs, furniture = _read(_page(tmp_path / "tabs.pdf"))
    assert furniture.get("23-09876 (C)") == "job-number"
    assert furniture.get("Please recycle") == "recycle-note"
    assert furniture.get(SYMBOL) == "running-header"
    assert not any("recycle" in p or "23-09876" in p or SYMBOL in p for p in paragraphs)
    assert "United Nations" in paragraphs  # the header's own words stay, as a masthead's do
    assert paragraphs[-1] == BODY[0]  # page 2 ends with the first paragraph, read whole


def test_loose_justified_line_with_a_symbol_is_one_line(tmp_path: Path) -> None:
    """Guard: every word gap of the loose line is wider than a font size, so each word is a
    piece of its own; the symbol among them stays in its paragraph's line."""
    paragraphs, _ = _read(_page(tmp_path / "loose.pdf", loose=True))
    assert LOOSE + " for the period 2020-2023." in paragraphs


def test_slug_set_far_apart_is_furniture(tmp_path: Path) -> None:
    """Guard: the foot's slug set past `MAX_JOIN_GAP` font sizes apart, as LibreOffice sets it
    by the document's own tab stop, was furniture before and is still."""
    paragraphs, furniture = _read(_page(tmp_path / "far.pdf", foot_gap=25.0))
    assert furniture.get("23-09876 (C)") == "job-number"
    assert furniture.get("Please recycle") == "recycle-note"
    assert not any("recycle" in p for p in paragraphs)


def test_value_without_number_stays_on_its_line(tmp_path: Path) -> None:
    """Guard: "N/A" has a document symbol's form, but no number, as every symbol has: set two
    font sizes after its label, it stays on the label's line."""
    paragraphs, _ = _read(_page(tmp_path / "value.pdf", value=True))
    assert "Estimated cost of the second phase N/A" in paragraphs
