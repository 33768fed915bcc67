"""A first page in two columns under a masthead: each column read top to bottom, the masthead
first, a table set inside a column read there, as a table.

LibreOffice's PDF of the seed report with its section in two columns (`docgen.set_columns`) puts its
whole first page in two columns: the first holds the cover's short lines, then the body and a
ruled table (too wide for its column: its last cell's words run past the table's right rule),
with the page's footnotes at the columns' feet, under a masthead in 14-point type (the report's
symbol, centred across the gutter). It was read in two stacked regions, each column cut in two
(`test_libreoffice_two_columns_first_page`, fails before the rules): the masthead's left edge
bounded a gutter left of the true one, open until the first full line of the first column; the
table's rows, standing between the second column's rows, were taken as tables across the page;
the overflowing cell and the centred footer closed or narrowed the gutter past the second
column's paragraph labels. The rules (`columns`): a row of large type across the gutter of the
columns below it is read apart, above them (`columns._over_gutter`); a ruled table's text
counts only up to its outer rules (`tables.Grid.extent`); a row across a label hanging in the
gutter ends the region; a ruled table with the other column's lines beside it is read in its
column (`tables.beside_text`).

Pages drawn here (reportlab, Helvetica and WenQuanYi Micro Hei at 10 points, two columns 215.5
points wide with a 20-point gutter): a 14-point masthead over a first column of short cover
lines on the second column's baselines (`test_masthead_over_short_lines`, fails before: the
rows were read across, as a table's); guards, read alike before and after: two columns under a
full-width title (`test_title_over_columns`), two sets of columns one above the other with a
full-width paragraph between them (`test_stacked_columns`), a ruled table across the page
under two columns (`test_table_across_the_page`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import convert, set_columns, soffice
from producers.documents import DOCS, SHARED
from producers.docx_build import write_docx
from producers.structure import structure
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from test_pdf_short_columns import (
    BODY,
    GUTTER,
    LEADING,
    SIZE,
    WIDTH,
    _font,
    _full_width,
    _indent,
    _joined,
    _lines,
    _paragraph,
)
from test_pdf_unruled import LEFT, RIGHT, TOP, ZH_FONT, _fonts

from untm.aligner.read import read_document

MASTHEAD = {"en": "Annual Meeting", "zh": "年度会议安排"}
COVER = {"en": ["Second session", "Nairobi, 5-9 June", "Item 7 of the agenda", "Addendum",
                "Progress report", "Secretariat note"],
         "zh": ["第二届会议", "6月5日至9日", "临时议程项目7", "增编", "进度报告", "秘书处的说明"]}
CELLS = {"en": [["Year", "Framework", "Theme"], ["2008", "First formal framework", "Planning"],
                ["2021", "Quarterly coordination", "Urban environment"]],
         "zh": [["年份", "合作框架", "主题"], ["2008", "第一个正式合作框架", "环境规划和管理"],
                ["2021", "季度协调会议", "城市环境"]]}


def _squash(text: str) -> str:
    return "".join(text.split())


def _texts(path: Path, lang: str) -> list[str]:
    return [_squash(p.text) for p in read_document(path, lang).paragraphs]


def _in_order(texts: list[str], expected: list[str]) -> bool:
    """Each expected text is one paragraph of the reading, in the expected order."""
    want = [_squash(t) for t in expected]
    if not all(t in texts for t in want):
        return False
    at = [texts.index(t) for t in want]
    return at == sorted(at)


def _columns(c: canvas.Canvas, lang: str, y: float, first: list[str],
             paragraphs: list[str], rows: int) -> list[str]:
    """Lines `first` (each one line) then `paragraphs` flowed down two columns of `rows` lines
    from baseline `y`; returns the paragraphs as a reader joins them."""
    c.setFont(_font(lang), SIZE)
    indent = _indent(lang)
    lines = [(line, 0.0) for line in first]
    for text in paragraphs:
        lines += [(line, indent if j == 0 else 0.0)
                  for j, line in enumerate(_lines(text, lang, indent))]
    assert len(lines) <= 2 * rows, "the text does not fit the columns"
    for at, (line, shift) in enumerate(lines):
        column, row = divmod(at, rows)
        c.drawString(LEFT + column * (WIDTH + GUTTER) + shift, y - row * LEADING, line)
    return [_joined(text, lang, indent) for text in paragraphs]


def _heading(c: canvas.Canvas, lang: str, y: float, text: str) -> None:
    c.setFont("Helvetica-Bold" if lang == "en" else ZH_FONT, 14)
    c.drawCentredString((LEFT + RIGHT) / 2, y, text)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_masthead_over_short_lines(lang: str, tmp_path: Path) -> None:
    """A 14-point masthead centred across the gutter over a first column that opens with a
    cover's short lines (each under half the column's width) on the second column's baselines:
    the masthead, then the first column's paragraphs, then the second's (before, the masthead's
    edge bounded a gutter of its own and the rows were read across, as a table's)."""
    _fonts()
    assert all(stringWidth(t, _font(lang), SIZE) < 0.45 * WIDTH for t in COVER[lang])
    _heading_over_columns(tmp_path / f"masthead.{lang}.pdf", lang, COVER[lang], (8, 9, 10, 9),
                          21)


def _heading_over_columns(path: Path, lang: str, cover: list[str], lines: tuple[int, ...],
                          rows: int) -> None:
    """A 14-point heading across the page, then `cover`'s lines and paragraphs of `lines` lines
    in two columns of `rows` rows: the heading is read first, the columns in order."""
    c = canvas.Canvas(str(path))
    _heading(c, lang, TOP, MASTHEAD[lang])
    paragraphs = [_paragraph(lang, k, n, _indent(lang)) for k, n in enumerate(lines)]
    expected = _columns(c, lang, TOP - 2 * LEADING, cover, paragraphs, rows)
    c.save()
    texts = _texts(path, lang)
    assert texts[0] == _squash(MASTHEAD[lang]), texts[:3]
    assert _in_order(texts, expected), texts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_title_over_columns(lang: str, tmp_path: Path) -> None:
    """Guard: a 14-point title centred across the gutter over two columns of paragraphs."""
    _heading_over_columns(tmp_path / f"title.{lang}.pdf", lang, [], (7, 8, 9, 6), 15)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_stacked_columns(lang: str, tmp_path: Path) -> None:
    """Guard: two columns, a full-width paragraph, two columns again: the first set's columns,
    the paragraph, the second set's columns."""
    path = tmp_path / f"stacked.{lang}.pdf"
    c = canvas.Canvas(str(path))
    first = [_paragraph(lang, k, n, _indent(lang)) for k, n in enumerate((6, 7, 5))]
    expected = _columns(c, lang, TOP, [], first, 9)
    y = _full_width(c, lang, TOP - 10 * LEADING)
    expected.append(BODY[lang])
    second = [_paragraph(lang, k, n, _indent(lang)) for k, n in enumerate((5, 6, 5), 3)]
    expected += _columns(c, lang, y, [], second, 8)
    c.save()
    assert _in_order(_texts(path, lang), expected)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_across_the_page(lang: str, tmp_path: Path) -> None:
    """Guard: two columns, then a ruled table across the page (three cells a row): the
    columns, then the table's cells row by row."""
    path = tmp_path / f"table.{lang}.pdf"
    c = canvas.Canvas(str(path))
    paragraphs = [_paragraph(lang, k, n, _indent(lang)) for k, n in enumerate((6, 7, 5))]
    expected = _columns(c, lang, TOP, [], paragraphs, 9)
    top, height = TOP - 10 * LEADING, 20.0
    edges = [LEFT, LEFT + 100, LEFT + 300, RIGHT]
    c.setFont(_font(lang), SIZE)
    for r, row in enumerate(CELLS[lang]):
        for x, text in zip(edges, row, strict=False):
            c.drawString(x + 5, top - r * height - 14, text)
    for r in range(len(CELLS[lang]) + 1):
        c.line(LEFT, top - r * height, RIGHT, top - r * height)
    for x in edges:
        c.line(x, top, x, top - len(CELLS[lang]) * height)
    c.save()
    expected += [cell for row in CELLS[lang] for cell in row]
    assert _in_order(_texts(path, lang), expected)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.skipif(not SHARED.exists(), reason=f"{SHARED} not present (see README: Data)")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_two_columns_first_page(lang: str, tmp_path: Path) -> None:
    """The seed report written by LibreOffice in two columns: its first page's numbered
    paragraphs (1 to 8, both columns) each read whole and in order, the table's cells in its
    column each read apart, the page's first footnote a footnote (before, paragraphs were cut
    in two and interleaved, the cells joined to the other column's text)."""
    doc = next(d for d in DOCS if d.name == "seed")
    items = doc.items(lang)
    docx = write_docx(structure(items), lang, doc.symbol, "23-08765 (C)",
                      tmp_path / f"seed.{lang}.docx")
    set_columns(docx, 2)
    pdf = convert(docx, "pdf", tmp_path)
    paragraphs = read_document(pdf, lang).paragraphs
    texts = [_squash(p.text) for p in paragraphs]
    body = [item.text for item in items if item.kind == "body"][:9]  # 1. to 8. and one more
    assert _in_order(texts, body), texts[:30]
    cells = [cell for row in CELLS[lang][1:] for cell in row[1:]]  # (the year cells run off)
    if lang == "en":
        cells[1] = "Environmental planning"
    assert all(_squash(cell) in texts for cell in cells), texts[:30]
    notes = [_squash(p.text) for p in paragraphs if p.kind == "footnote"]
    assert _squash("* HSP/HA.2/1。" if lang == "zh" else "* HSP/HA.2/1.") in notes, notes
