"""Text wrapped around a picture (issue 16, `pdflayout.figures`): the lines beside an image end
short of the page's measure (picture on their right) or start far right of its left edge
(picture on their left); they are read against the measure they are set in, so a paragraph
that runs past the picture is one paragraph, a genuinely short last line beside the picture
still ends its paragraph, and the caption under the picture is a unit of its own (not a cell
of the row it shares with a line of text).

PDFs made here with reportlab: a drawn image (an image XObject) on the left or on the right
of the text column, with its caption under it on the baseline of a text line, and paragraphs
set around it, justified and ragged, with and without first-line indents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from producers.matrix import Matrix
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

LEFT, RIGHT, TOP = 72.0, 540.0, 720.0
FONT, SIZE, LEAD = "Times-Roman", 11.0, 14.0
GUTTER = 12.0
FIG_W, FIG_H = 170.0, 150.0
FIG_TOP_LINE = 3  # the picture's top is level with the top of this line (0: the first)
CAPTION = "Figure 1. The river crossing at dawn."
CAPTION_FONT, CAPTION_SIZE = "Times-Italic", 9.0
_WORDS = ("the", "council", "report", "noted", "that", "member", "states", "agreed", "to",
          "review", "progress", "on", "water", "energy", "and", "housing", "in", "cities",
          "where", "services", "remain", "uneven", "across", "regions", "while", "partners",
          "supported", "local", "plans", "with", "finance", "training", "data", "for",
          "better", "results", "over", "several", "years", "of", "careful", "work")


@dataclass(frozen=True)
class Case:
    side: str  # where the picture stands: "left" or "right" of the text beside it
    justified: bool
    indent: float  # the first line's indent (0: paragraphs told by their short last lines)
    short_end: bool  # the first paragraph ends beside the picture in a short line


CASES = {
    "right, justified": Case("right", True, 18.0, False),
    "right, ragged": Case("right", False, 18.0, False),
    "left, justified": Case("left", True, 18.0, False),
    "left, ragged": Case("left", False, 18.0, False),
    "right, justified, short last line beside it": Case("right", True, 0.0, True),
    "right, ragged, short last line beside it": Case("right", False, 0.0, True),
    "left, justified, short last line beside it": Case("left", True, 0.0, True),
    "left, ragged, short last line beside it": Case("left", False, 0.0, True),
}


@dataclass(frozen=True)
class _Placed:
    para: int
    words: tuple[str, ...]
    x0: float
    width: float  # the measure the line is set in
    y: float  # baseline
    last: bool  # the paragraph's last line
    beside: bool


def _figure(side: str) -> tuple[float, float, float, float]:
    """The picture's box (x0, y0, x1, y1)."""
    top = TOP - FIG_TOP_LINE * LEAD + SIZE
    x0 = LEFT if side == "left" else RIGHT - FIG_W
    return x0, top - FIG_H, x0 + FIG_W, top


def _caption_baseline(side: str) -> float:
    """The caption stands under the picture on the baseline of a text line beside it."""
    y0 = _figure(side)[1]
    k = next(k for k in range(60) if TOP - k * LEAD < y0 - 8)
    return TOP - k * LEAD


def _paragraphs(sizes: list[int], seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for n in sizes:
        words = [rng.choice(_WORDS) for _ in range(n)]
        out.append(" ".join(words).capitalize() + ".")
    return out


def _layout(paragraphs: list[str], case: Case) -> list[_Placed]:
    fx0, _, fx1, ftop = _figure(case.side)
    low = _caption_baseline(case.side) - 4  # the picture and its caption
    out: list[_Placed] = []
    y = TOP
    for p, text in enumerate(paragraphs):
        words = text.split()
        first = True
        while words:
            beside = y - 3 < ftop and y + SIZE > low
            x0, x1 = LEFT, RIGHT
            if beside and case.side == "right":
                x1 = fx0 - GUTTER
            elif beside:
                x0 = fx1 + GUTTER
            x0 += case.indent if first else 0.0
            line = [words.pop(0)]
            while words and stringWidth(" ".join([*line, words[0]]), FONT, SIZE) <= x1 - x0:
                line.append(words.pop(0))
            out.append(_Placed(p, tuple(line), x0, x1 - x0, y, not words, beside))
            first = False
            y -= LEAD
    return out


def _text_of(case: Case) -> list[str]:
    """The paragraphs: one starting above the picture and running past it, the others
    around it; with `short_end`, the first ends beside the picture in a line of at most a
    third of its measure (the number of its words searched)."""
    if not case.short_end:
        return _paragraphs([150, 90, 70], 1)
    for n in range(40, 200):
        paragraphs = _paragraphs([n, 90, 70], 2)
        ends = [ln for ln in _layout(paragraphs, case) if ln.para == 0 and ln.last]
        width = stringWidth(" ".join(ends[0].words), FONT, SIZE)
        if ends[0].beside and width < ends[0].width / 3:
            return paragraphs
    raise AssertionError("no paragraph length ends beside the picture")


def _picture() -> ImageReader:
    image = Image.new("RGB", (85, 75), (200, 200, 200))
    for x in range(85):
        image.putpixel((x, (x * 75) // 85), (40, 40, 120))
    return ImageReader(image)


def _draw(path: Path, case: Case, paragraphs: list[str]) -> Path:
    c = canvas.Canvas(str(path), pagesize=letter)
    x0, y0, x1, y1 = _figure(case.side)
    c.drawImage(_picture(), x0, y0, x1 - x0, y1 - y0)
    c.setFont(CAPTION_FONT, CAPTION_SIZE)
    c.drawCentredString((x0 + x1) / 2, _caption_baseline(case.side), CAPTION)
    _set(c, case, paragraphs)
    c.showPage()
    c.save()
    return path


def _set(c: canvas.Canvas, case: Case, paragraphs: list[str]) -> None:
    """Draw the paragraphs' lines (justified: words spread to the measure, not on a
    paragraph's last line)."""
    c.setFont(FONT, SIZE)
    for line in _layout(paragraphs, case):
        if not case.justified or line.last or len(line.words) == 1:
            c.drawString(line.x0, line.y, " ".join(line.words))
            continue
        widths = [stringWidth(w, FONT, SIZE) for w in line.words]
        gap = (line.width - sum(widths)) / (len(line.words) - 1)
        x = line.x0
        for word, w in zip(line.words, widths, strict=True):
            c.drawString(x, line.y, word)
            x += w + gap


@pytest.mark.parametrize("name", list(CASES))
def test_text_wrapped_around_a_picture_is_read_as_its_paragraphs(name: str,
                                                                 tmp_path: Path) -> None:
    case = CASES[name]
    paragraphs = _text_of(case)
    lines = _layout(paragraphs, case)
    assert sum(ln.beside for ln in lines) >= 8  # the text does wrap around the picture
    assert any(ln.beside and ln.para == 0 for ln in lines)  # the first runs past it
    pdf = _draw(tmp_path / "figure.pdf", case, paragraphs)
    texts = [p.text for p in read_document(pdf, "en").paragraphs]
    assert [t for t in texts if t != CAPTION] == paragraphs
    assert texts.count(CAPTION) == 1  # the caption is a unit of its own


def test_a_picture_the_text_layer_does_not_draw(tmp_path: Path) -> None:
    """A scanned page's OCR layer: the picture is part of the page's scan, no image object of
    its own. Justified lines beside it end at one place short of the measure: that is their
    measure. (Ragged lines there cannot be told from short lines by the text alone.)"""
    case = Case("right", True, 18.0, False)
    paragraphs = _text_of(case)
    pdf = tmp_path / "ocr.pdf"
    c = canvas.Canvas(str(pdf), pagesize=letter)
    c.drawImage(_picture(), 0, 0, *letter)  # the scan, under the whole page
    _set(c, case, paragraphs)
    c.showPage()
    c.save()
    assert [p.text for p in read_document(pdf, "en").paragraphs] == paragraphs


def test_short_lines_that_end_apart_are_paragraphs(tmp_path: Path) -> None:
    """Short lines of text (items, each a paragraph) are no text beside a picture."""
    pdf = tmp_path / "items.pdf"
    c = canvas.Canvas(str(pdf), pagesize=letter)
    c.setFont(FONT, SIZE)
    full = _paragraphs([60], 3)[0]
    lines = _layout([full], Case("right", False, 0.0, False))
    items = ["First item of the list.", "A second item.", "The third and last item here.",
             "Fourth.", "A fifth item of it."]
    y = TOP
    for line in lines:
        c.drawString(LEFT, y, " ".join(line.words))
        y -= LEAD
    for item in items:
        c.drawString(LEFT, y, item)
        y -= LEAD
    c.showPage()
    c.save()
    assert [p.text for p in read_document(pdf, "en").paragraphs] == [full, *items]


@pytest.mark.parametrize("producer", ["reportlab", "libreoffice", "chromium"])
@pytest.mark.parametrize(("where", "x", "y", "width"),
                         [("left of the masthead", 30.0, 740.0, 36.0),
                          ("amid the masthead", 260.0, 745.0, 40.0)])
def test_an_emblem_on_a_cover_page_changes_no_reading(
    producer: str, where: str, x: float, y: float, width: float,
    producer_matrix: Matrix, tmp_path: Path,
) -> None:
    """The UN emblem beside a cover's masthead lines is no picture text wraps around: the cover
    lines keep their own rules (a right-aligned 'Original: English' beside an emblem amid the
    masthead was measured from its own edge, and the line under it joined to it)."""
    import pypdfium2 as pdfium

    if producer in producer_matrix.skipped:
        pytest.skip(f"{producer}: {producer_matrix.skipped[producer]}")
    pair = next(p for p in producer_matrix.pairs
                if p.producer.name == producer and p.doc.name == "seed")
    for lang, path in (("zh", pair.zh), ("en", pair.en)):
        pdf = pdfium.PdfDocument(path)
        emblem = pdfium.PdfImage.new(pdf)
        emblem.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (64, 64), (0, 90, 160))))
        emblem.set_matrix(pdfium.PdfMatrix().scale(width, width).translate(x, y))
        page = pdf[0]
        page.insert_obj(emblem)
        page.gen_content()
        marked = tmp_path / f"{where}.{lang}.pdf"
        pdf.save(marked)
        pdf.close()
        before = [(p.kind, p.text) for p in read_document(path, lang).paragraphs]
        assert [(p.kind, p.text) for p in read_document(marked, lang).paragraphs] == before
