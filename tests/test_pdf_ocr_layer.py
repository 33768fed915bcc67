"""Text layers of scanned pages: an OCR engine's invisible words, each fitted to its box.

An OCR engine (tesseract's `pdf` output) lays an invisible text layer (render mode 3) over the
page's image: each line one text object at one `Tf` (the engine's estimate of the type size, in
whole points), each word placed at its box and stretched or condensed (`Tz`) so that its glyphs,
its trailing space among them, span the box: "Activities" of narrow letters condensed to 55 %,
"December" at 100 %. Three rules read such a layer as the text it covers:

- invisible text is sized by the height of its em (`chars._size`, `textframes.em_height`), not
  by the area scale that sizes visible text: the reader sized a line once, by its first word,
  so a line opening with a condensed word read at 5.9 points for 9-point type, its word gaps
  were wider than `lines.PIECE_GAP`, each word a piece, and two cover lines that start alike
  ("Activities of the United Nations ..." twice) were read as a table, one word a cell;
- a gap where the layer draws a space is measured from the space's advance (`lines._cut`): the
  OCR layer's space is as wide as its letters (half an em), so its word gaps came to an em and
  more; the space is a word space, what lies beyond it a gap;
- a line that fills the measure and ends without a stop goes on in the next line though that
  one is a little smaller (`blocks._runs_on_in_size`): the engine's sizes are a point apart from
  line to line (8 then 9), where type does not change size in mid-sentence.

Guards: invisible text at an even matrix (100 %, or 1 Tf under a scaled matrix) keeps its size;
visible condensed text (FPDF's cells set at 67 %) is sized as before, its cells stay apart; a
visible line's short word gaps stay one line.

Each case is a page drawn here with reportlab (Helvetica, Courier), and one case drawn with PIL
and read by tesseract itself (skipped where tesseract or its English data is missing).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from untm.aligner.pdflayout.chars import read_pdf_chars
from untm.aligner.pdflayout.lines import page_lines
from untm.aligner.read import read_document

LEFT = 72.0
# a word: its text, its horizontal scale (`Tz`, per cent) and the gap after its box (points)
Word = tuple[str, float, float]


def _words(text: str, gap: float, scales: dict[str, float] | None = None) -> list[Word]:
    return [(w, (scales or {}).get(w, 100.0), gap) for w in text.split()]


def _line(pdf: canvas.Canvas, words: list[Word], y: float, size: float, *, font: str,
          invisible: bool, x: float = LEFT) -> float:
    """One line as an OCR layer writes it: one text object, each word (with its trailing
    space) at its own place and horizontal scale; returns where the line ends."""
    text = pdf.beginText()
    text.setFont(font, size)
    if invisible:
        text.setTextRenderMode(3)
    for word, scale, gap in words:
        text.setTextOrigin(x, y)
        text.setHorizScale(scale)
        text.textOut(word + " ")
        x += stringWidth(word + " ", font, size) * scale / 100.0 + gap
    pdf.drawText(text)
    return x


def _rows(path: Path) -> list[list[str]]:
    page = read_pdf_chars(path.read_bytes(), str(path))[0]
    return [[ln.text for ln in row] for row in page_lines(page)]


# the seed's cover: two lines that start alike, the first word of each condensed to 55 %
COVER = "Activities of the United Nations Human Settlements Programme"
SCALES = {"Activities": 55.0, "of": 64.0, "the": 65.0, "United": 80.0, "Nations": 84.0,
          "Human": 107.0, "Settlements": 84.0, "Programme": 102.0, "Programme,": 102.0}


def test_ocr_cover_lines_that_start_alike_are_lines(tmp_path: Path) -> None:
    path = tmp_path / "cover.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595.0, 842.0))
    _line(pdf, _words(COVER[:-9] + "Programme, including coordination", 6.0, SCALES), 700.0,
          9.0, font="Helvetica", invisible=True)
    _line(pdf, _words("matters", 6.0), 688.0, 9.0, font="Helvetica", invisible=True)
    _line(pdf, _words(COVER, 6.0, SCALES), 664.0, 9.0, font="Helvetica", invisible=True)
    pdf.save()
    assert _rows(path) == [[COVER + ", including coordination"], ["matters"], [COVER]]
    sizes = {round(c.size, 2) for c in read_pdf_chars(path.read_bytes(), str(path))[0].chars}
    assert sizes == {9.0}  # the type's size, whatever each word's scale


def _spaced(pdf: canvas.Canvas, words: list[str], y: float, gaps: dict[int, float],
            *, invisible: bool = True) -> list[float]:
    """A line of Courier words (its space as wide as its letters, as an OCR layer's glyph-less
    font draws it) with `gaps[i]` points more after word `i`; returns each word's start."""
    starts: list[float] = []
    x = LEFT
    for i, word in enumerate(words):
        starts.append(x)
        text = pdf.beginText()
        text.setFont("Courier", 9.0)
        if invisible:
            text.setTextRenderMode(3)
        text.setTextOrigin(x, y)
        text.textOut(word + " ")
        pdf.drawText(text)
        x += stringWidth(word + " ", "Courier", 9.0) + gaps.get(i, 0.0)
    return starts


def test_a_wide_layer_space_is_a_word_space_not_a_gap(tmp_path: Path) -> None:
    """The resolution's justified lines: a space 0.6 em wide and 0.45 em more make a word gap
    of 1.05 em; on the next line a word starts where the first line's word after that gap
    does. Measured past the space, the gaps are 0.45 em: each line one piece, not a table whose
    cell takes in the word below."""
    path = tmp_path / "justified.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595.0, 842.0))
    first = ["Recalling", "its", "resolution", "of", "December", "1991", "and", "the", "principles"]
    starts = _spaced(pdf, first, 742.0, {4: 0.45 * 9.0})
    second = ["thereto,", "and", "its", "other"]
    widths = [stringWidth(w + " ", "Courier", 9.0) for w in second]
    # the second line's gaps spread so that its fourth word starts where "1991" does
    spread = (starts[5] - LEFT - sum(widths[:3])) / 3
    _spaced(pdf, [*second, "relevant", "texts"], 730.0, {0: spread, 1: spread, 2: spread})
    pdf.save()
    assert _rows(path) == [[" ".join(first)], ["thereto, and its other relevant texts"]]


def _justified(pdf: canvas.Canvas, text: str, y: float, size: float, right: float) -> None:
    """A visible Helvetica line whose word gaps spread it to end at `right`."""
    words = text.split()
    width = sum(stringWidth(w, "Helvetica", size) for w in words)
    gap = (right - LEFT - width) / (len(words) - 1)
    x = LEFT
    for word in words:
        pdf.setFont("Helvetica", size)
        pdf.drawString(x, y, word)
        x += stringWidth(word, "Helvetica", size) + gap


def test_a_paragraph_goes_on_in_a_line_a_point_smaller(tmp_path: Path) -> None:
    """The resolution's preamble as its OCR layer sizes it: each paragraph's last line,
    "humanitarian assistance,", at 8 points after full lines at 9. The line before fills the
    measure and ends without a stop: the paragraph goes on (it was read as a paragraph of its
    own, or as the opening of the next)."""
    path = tmp_path / "sizes.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595.0, 842.0))
    right = LEFT + 318.0  # the full lines' natural widths: 283 to 314 points
    paragraphs = [
        ["Recalling its resolution 46/182 of 19 December 1991 and the guiding principles",
         "contained in the annex thereto, and its other relevant resolutions on the new",
         "strengthening of the coordination of emergency assistance of the United Nations"],
        ["Reaffirming the principles of humanity, neutrality, impartiality and of the",
         "independence for the provision of humanitarian assistance in every crisis and"],
        ["Noting with concern that the number of people in need of humanitarian aid",
         "assistance continues to grow, and that the gap between needs and resources"],
    ]
    pdf.setFont("Helvetica", 13.0)
    pdf.drawString(LEFT + 120.0, 792.0, "E/RES/2023/99")
    pdf.setFont("Helvetica", 9.0)
    pdf.drawString(LEFT, 760.0, "The General Assembly,")
    y = 742.0
    for lines in paragraphs:
        for text in lines:
            _justified(pdf, text, y, 9.0, right)
            y -= 12.0
        pdf.setFont("Helvetica", 8.0)
        pdf.drawString(LEFT, y, "humanitarian assistance,")
        y -= 18.0
    operative = ["1. Welcomes the report of the Secretary-General on the strengthening of the",
                 "coordination of emergency humanitarian assistance of the United Nations;"]
    pdf.setFont("Helvetica", 9.0)
    pdf.drawString(LEFT - 27.0, y, operative[0])
    pdf.drawString(LEFT, y - 12.0, operative[1])
    pdf.save()
    read = [p.text for p in read_document(path, "en").paragraphs]
    assert read[1:-1] == [" ".join([*lines, "humanitarian assistance,"]) for lines in paragraphs]
    assert read[-1] == " ".join(operative)


# guards: read the same before and after the rules


@pytest.mark.parametrize("scale", [100.0, 120.0])
def test_guard_invisible_text_at_an_even_matrix(tmp_path: Path, scale: float) -> None:
    """Invisible text at 100 % keeps its `Tf`; drawn at 1 Tf under a matrix that enlarges
    both ways alike it is sized by the matrix, as visible text is."""
    path = tmp_path / "even.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595.0, 842.0))
    _line(pdf, _words("United Nations", 3.0), 700.0, 10.0, font="Helvetica", invisible=True)
    pdf.saveState()
    pdf.translate(LEFT, 650.0)
    pdf.scale(scale / 10.0, scale / 10.0)
    text = pdf.beginText()
    text.setFont("Helvetica", 1.0)
    text.setTextRenderMode(3)
    text.setTextOrigin(0.0, 0.0)
    text.textOut("Human Settlements")
    pdf.drawText(text)
    pdf.restoreState()
    pdf.save()
    chars = read_pdf_chars(path.read_bytes(), str(path))[0].chars
    assert {round(c.size, 2) for c in chars if c.y0 > 690} == {10.0}
    assert {round(c.size, 2) for c in chars if c.y0 < 690} == {scale / 10.0}
    assert _rows(path) == [["United Nations"], ["Human Settlements"]]


def test_guard_visible_condensed_cells_stay_apart(tmp_path: Path) -> None:
    """FPDF's condensed cells (a festival's timetable: names set at 67 % to fit their cells,
    9 points apart at 12 Tf): visible text is sized by its area scale as before (9.8
    points), so the cells' gaps stay gaps between pieces, and the rows a table."""
    path = tmp_path / "cells.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595.0, 842.0))
    for y, names in ((700.0, ("Ripper", "The Crave")), (686.0, ("Hollywood", "Steadlur")),
                     (672.0, ("In Case", "Facecage"))):
        x = LEFT
        for name in names:
            text = pdf.beginText()
            text.setFont("Helvetica", 12.0)
            text.setHorizScale(67.0)
            text.setTextOrigin(x, y)
            text.textOut(name)
            pdf.drawText(text)
            x += 70.0
        pdf.drawString(x, y, "12:55")
    pdf.save()
    sizes = {round(c.size, 1) for c in read_pdf_chars(path.read_bytes(), str(path))[0].chars
             if c.x0 < LEFT + 130}
    assert sizes == {9.8}  # 12 x sqrt(0.67)
    rows = _rows(path)
    assert [len(row) for row in rows] == [3, 3, 3]


def test_guard_visible_word_gaps_stay_one_line(tmp_path: Path) -> None:
    """Helvetica's narrow space (0.28 em) with 0.5 em more: a justified line's wide gaps, read
    as one line before and after."""
    path = tmp_path / "visible.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595.0, 842.0))
    _line(pdf, _words("the principles of humanity, neutrality and", 4.5), 700.0, 9.0,
          font="Helvetica", invisible=False)
    pdf.save()
    assert _rows(path) == [["the principles of humanity, neutrality and"]]


def _tesseract_ready() -> bool:
    if shutil.which("tesseract") is None:
        return False
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return "eng" in langs.stdout.split()


@pytest.mark.skipif(not _tesseract_ready(), reason="tesseract (with English data) not installed")
def test_tesseract_layer_of_cover_lines(tmp_path: Path) -> None:
    """The cover lines drawn (PIL, DejaVu Serif, 300 dpi) and read by tesseract into its PDF
    with a text layer: each line read whole."""
    from PIL import Image, ImageDraw, ImageFont

    from tests.glyphs import FALLBACK_FILES

    font_file = Path(FALLBACK_FILES["DejaVuSans"]).with_name("DejaVuSerif.ttf")
    if not font_file.exists():
        pytest.skip("DejaVu Serif not installed")
    font = ImageFont.truetype(str(font_file), 38)  # 9 points at 300 dpi
    image = Image.new("L", (2480, 700), 255)
    draw = ImageDraw.Draw(image)
    lines = [COVER + ", including coordination", "matters", "", COVER]
    for k, text in enumerate(lines):
        draw.text((300, 100 + 50 * k), text, font=font, fill=0)
    png = tmp_path / "cover.png"
    image.save(png, dpi=(300, 300))
    subprocess.run(["tesseract", str(png), str(tmp_path / "cover"), "-l", "eng", "pdf"],
                   check=True, capture_output=True)
    rows = _rows(tmp_path / "cover.pdf")
    assert [len(row) for row in rows] == [1, 1, 1]
    assert rows[0][0].startswith("Activities of the United Nations")
