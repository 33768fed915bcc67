"""A justified Chinese line stretches its gaps alike: at each CJK character and at its spaces.
In a narrow column, a run of resolution numbers ("第2133 (2014)、2178 (2014)、2195 (2014)…", a
footnote of a UN resolution as Chromium prints it in two columns) is such a line, its one space
wider than a piece's gap allows; its numbers are as wide from line to line, so the lines' pieces
line up as a table's cells would. They are one paragraph's lines (`lines._stretched`); a table
whose cells stand that far apart, their words a space apart, stays a table.

The pages are drawn here (reportlab, WenQuanYi Micro Hei), each piece placed where a justifying
producer puts it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfgen import WQY
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

FONT, SIZE, LEADING, LEFT, TOP, MEASURE = "WQY", 10.5, 15.0, 60.0, 700.0, 174.0
# the paragraph's first lines, full: Han characters spaced out to the measure
LEAD = ["联合国毒品和犯罪问题办公室在反", "恐方面提供的技术援助参照大会第",
        "72/194、72/284、73/174、73/186"]
HEAD = [*"决议，以及安全理事会第", "2133"]  # stretched at each Han character
# each line: the pieces that a justifying producer stretches apart (a CJK character's sides
# and a space); the gap before a piece that starts with a space holds the space too
NUMBERS = [
    ["(2014)", "、", "2178", " (2014)", "、", "2195"],
    ["(2014)", "、", "2199", " (2015)", "、", "2253"],
    ["(2015)", "、", "2309", " (2016)", "、", "2322"],
    ["(2016)", "、", "2341", " (2017)", "、", "2347"],
    ["(2017)", "、", "2349", " (2017)", "、", "2368"],
]
TAIL = "号决议。"
OPENING = "反恐技术援助的各项决议："


pytestmark = pytest.mark.skipif(not WQY.exists(), reason="WenQuanYi Micro Hei not installed "
                                "(Debian fonts-wqy-microhei): an embedded CJK font of Latin digits")


def _font() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(WQY), subfontIndex=0))


def _justified(c: canvas.Canvas, pieces: list[str], y: float) -> None:
    """`pieces` spread over the measure, the gap between each two the same, a piece's leading
    space drawn as the gap's part (no glyph)."""
    widths = [stringWidth(p.strip(), FONT, SIZE) for p in pieces]
    spaces = [stringWidth(" ", FONT, SIZE) if p.startswith(" ") else 0.0 for p in pieces]
    stretch = (MEASURE - sum(widths) - sum(spaces)) / (len(pieces) - 1)
    x = LEFT
    for k, (piece, width) in enumerate(zip(pieces, widths, strict=True)):
        x += spaces[k] + (stretch if k else 0.0)
        c.setFont(FONT, SIZE)
        c.drawString(x, y, piece.strip())
        x += width


def _pdf(path: Path, rows: list[list[str]]) -> Path:
    _font()
    c = canvas.Canvas(str(path), pagesize=(320.0, 800.0), invariant=1)
    y = TOP
    c.setFont(FONT, SIZE)
    c.drawString(LEFT, y, OPENING)
    y -= 2 * LEADING
    for line in [*LEAD, HEAD]:
        _justified(c, list(line), y)
        y -= LEADING
    y += LEADING
    for row in rows:
        y -= LEADING
        _justified(c, row, y)
    y -= LEADING
    c.drawString(LEFT, y, TAIL)
    c.showPage()
    c.save()
    return path


def _squash(text: str) -> str:
    return "".join(text.split())


def test_stretched_lines_of_numbers_are_one_paragraph(tmp_path: Path) -> None:
    _font()
    stretch = (MEASURE - sum(stringWidth(p.strip(), FONT, SIZE) for p in NUMBERS[0])
               - stringWidth(" ", FONT, SIZE)) / 5
    assert 0.6 * SIZE < stretch < SIZE < stretch + stringWidth(" ", FONT, SIZE)  # as drawn
    paragraphs = read_document(_pdf(tmp_path / "n.zh.pdf", NUMBERS), "zh").paragraphs
    body = "".join(LEAD) + "".join(HEAD) + "".join("".join(row) for row in NUMBERS) + TAIL
    assert [_squash(p.text) for p in paragraphs] == [_squash(OPENING), _squash(body)]


def test_a_table_whose_cells_stand_as_far_apart_stays_a_table(tmp_path: Path) -> None:
    """The same rows as two cells each, "(2014)、2178" beside "(2014)、2195", set at their own
    width (no gap inside a cell stretched) as far apart as the stretched line's space: cells."""
    rows = [[f"{row[0]}{row[1]}{row[2]}", f"{row[3].strip()}{row[4]}{row[5]}"]
            for row in NUMBERS]
    _font()
    path = tmp_path / "t.zh.pdf"
    c = canvas.Canvas(str(path), pagesize=(320.0, 800.0), invariant=1)
    y = TOP
    c.setFont(FONT, SIZE)
    c.drawString(LEFT, y, OPENING)
    for left, right in rows:
        y -= LEADING
        c.drawString(LEFT, y, left)
        c.drawString(LEFT + stringWidth(left, FONT, SIZE) + 13.9, y, right)
    c.showPage()
    c.save()
    paragraphs = read_document(path, "zh").paragraphs
    cells = [cell for row in rows for cell in row]
    assert [_squash(p.text) for p in paragraphs] == [_squash(OPENING), *cells]


# An English justified line as Word + Acrobat Distiller draw it (each glyph at 1 Tf, the line's
# stretch in the words' positions, no stretched space in the text layer: tests/producers'
# reportlab-1tf): its word gaps cut it into its words, evenly apart. Where two paragraphs say the
# same (the SDG indicators 15.a.1 and 15.b.1), the two lines' words stand at the same places and
# were read as two rows of a table's cells, the paragraphs torn apart
# (`lines._evenly_spread`). A table's rows whose cells stand so stay cells.
INDICATOR = ("(a) Official development assistance on conservation and sustainable use of "
             "biodiversity; and (b) revenue generated and finance mobilized from "
             "biodiversity-relevant economic instruments")
AFTER = "Proportion of traded wildlife that was poached or illicitly trafficked"


def _distilled(path: Path, bodies: list[str]) -> Path:
    from dataclasses import replace

    from pdfgen import Item, render_pdf
    from producers.reportlab_scaled import LAYOUT, GlyphCanvas

    items = [Item("cover", "Global indicator framework"), *(Item("body", b) for b in bodies)]
    render_pdf(items, "en", replace(LAYOUT, symbol="A/RES/71/313"), path,
               canvas_class=GlyphCanvas)
    return path


def test_two_alike_justified_paragraphs_stay_paragraphs(tmp_path: Path) -> None:
    doc = read_document(_distilled(tmp_path / "i.en.pdf", [INDICATOR, INDICATOR, AFTER]), "en")
    assert [p.text for p in doc.paragraphs] == ["Global indicator framework", INDICATOR,
                                                INDICATOR, AFTER]


def test_one_justified_paragraph_so_drawn(tmp_path: Path) -> None:
    doc = read_document(_distilled(tmp_path / "o.en.pdf", [INDICATOR, AFTER]), "en")
    assert [p.text for p in doc.paragraphs] == ["Global indicator framework", INDICATOR, AFTER]


@pytest.mark.parametrize("cells", [
    ["12.5", "13.1", "14.2", "15.0", "16.3"],  # figures as wide, columns evenly apart
    ["Country", "Population", "Area", "Capital", "Currency"],  # words: gaps as uneven as they
])
def test_table_rows_at_one_places_stay_cells(tmp_path: Path, cells: list[str]) -> None:
    path = tmp_path / "c.en.pdf"
    c = canvas.Canvas(str(path), pagesize=(595.0, 842.0), invariant=1)
    c.setFont("Times-Roman", 10)
    c.drawString(72, 760, "The figures of the table below are given by year.")
    for row in range(2):
        for k, cell in enumerate(cells):
            c.drawString(72 + 90 * k, 730 - 14 * row, cell)
    c.drawString(72, 690, "The table ends here and the text goes on below it.")
    c.showPage()
    c.save()
    texts = [p.text for p in read_document(path, "en").paragraphs]
    assert texts == ["The figures of the table below are given by year.", *cells, *cells,
                     "The table ends here and the text goes on below it."]
