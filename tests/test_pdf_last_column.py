"""A page whose text fills only the first of the document's columns (the last page of a report in
two columns, its text ending in the first column) is read as that column: its lines are measured
to the gutter, where they end, not to the page's right edge.

LibreOffice's two-column PDF of a 2023 working paper (../shared ecosoc_07, justified, its body
set in 1 cm from the margin) ends on a page whose two paragraphs stand in the first column:
the Chinese was read line by line, each line ending half-way across the page as a paragraph's
last line does (`test_libreoffice_two_columns_last_page`, fails before the rule). The rule
(`readers.pdf._before_gutter`, `columns._plain_frames`): a page read without columns whose
lines, but a running header or a page number, all stand in one column of the columns found on
the document's other pages, and reach that column's edge, is read as that column.

Guards, read alike before and after (`test_a_last_page_in_the_first_column`): pages drawn here
(reportlab, Helvetica and WenQuanYi Micro Hei at 10 points, justified, two columns 215.5 points
wide with a 20-point gutter, after a first page of full-width paragraphs; a page number at each
page's foot), whose last page holds one paragraph in the first column, one across the page, or
a signature block's short lines in the first column (they reach no column edge: each stays a
line of its own).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from docgen import convert, set_columns, soffice
from producers.documents import DOCS, SHARED
from producers.docx_build import write_docx
from producers.structure import structure
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from test_pdf_short_columns import LEADING, SIZE, WIDTH, WORDS, _font, _lines
from test_pdf_unruled import FONT, LEFT, RIGHT, TOP, _fonts

from untm.aligner.read import read_document

GUTTER = 20.0
ROWS = 30  # lines a column holds
SIGNATURE = {"en": ["Ms. Maria Ortiz", "Chair of the Committee", "New York, 5 June 2023"],
             "zh": ["玛丽亚·奥尔蒂斯女士", "委员会主席", "2023 年 6 月 5 日，纽约"]}


# Chinese with its punctuation: a line may end at a comma, and the next line's first phrase
# is short (`blocks._ended_early` measures the next line's first phrase against the room left)
CLAUSES = ("委员会审议了各成员国提交的报告", "请秘书处为下届会议编写摘要",
           "并就如何简化报告提出建议", "委员会感谢协助秘书处的专家", "各国在国家一级取得了成果",
           "报告应当更加简单有用")


def _punctuated(k: int, chars: int) -> str:
    """A Chinese paragraph of `chars` characters of clauses, ending a sentence."""
    text = "，".join(CLAUSES[(k + i) % len(CLAUSES)] for i in range(chars // 10 + 2))
    return text[: chars - 1] + "。"


def _para(lang: str, k: int, rows: int, width: float) -> list[str]:
    """The lines of a paragraph of `rows` lines at `width`, its last line less than full."""
    if lang == "en":  # words in an order of its own (no two paragraphs share a line)
        words = random.Random(k).sample(WORDS * 3, 3 * len(WORDS))
        for n in range(4, len(words)):
            text = " ".join(words[:n]).capitalize() + "."
            lines = _lines(text, lang, 0.0, width)
            if len(lines) == rows and stringWidth(lines[-1], FONT, SIZE) < 0.7 * width:
                return lines
        raise AssertionError(f"no paragraph of {rows} lines")
    per = int(width // SIZE)
    for chars in range((rows - 1) * per + per // 3, rows * per):
        lines = _lines(_punctuated(k, chars), lang, 0.0, width)
        if len(lines) == rows and len(lines[-1]) < per - 2:
            return lines
    raise AssertionError(f"no paragraph of {rows} lines")


def _joined(lang: str, lines: list[str]) -> str:
    return ("" if lang == "zh" else " ").join(lines)


def _draw_lines(c: canvas.Canvas, lang: str, x: float, y: float, lines: list[str],
                width: float) -> float:
    """A paragraph's lines justified to `width` (its last line flush left), as a word processor
    sets them; `width` 0: each line at its own width."""
    font = _font(lang)
    for n, line in enumerate(lines):
        text = c.beginText(x, y)
        text.setFont(font, SIZE)
        gaps = line.count(" ") if lang == "en" else len(line) - 1
        room = 0.0  # the spacing is the graphics state's: set on every line
        if width and gaps and n < len(lines) - 1:
            room = (width - stringWidth(line, font, SIZE)) / gaps
        text.setWordSpace(room) if lang == "en" else text.setCharSpace(room)
        text.textLine(line)
        c.drawText(text)
        y -= LEADING
    return y


def _document(path: Path, lang: str, last: str) -> tuple[list[str], list[str]]:
    """A page of full-width paragraphs, two pages in two columns of paragraphs (a blank line
    between them), then a last page
    (`last`: "column", one paragraph in the first column; "across", one full-width paragraph;
    "signature", three short lines in the first column). Returns the paragraphs of the first
    three pages and of the last page, as a reader joins their lines."""
    _fonts()
    c = canvas.Canvas(str(path))
    body: list[str] = []
    y = TOP
    for k in range(3):  # the first page's text runs across it
        lines = _para(lang, 50 + k, 5, RIGHT - LEFT)
        y = _draw_lines(c, lang, LEFT, y, lines, RIGHT - LEFT) - LEADING
        body.append(_joined(lang, lines))
    c.setFont(_font(lang), SIZE)
    c.drawRightString(RIGHT, 50, "1")
    c.showPage()
    k = 0
    for page in (2, 3):
        for x in (LEFT, LEFT + WIDTH + GUTTER):
            rows = 0
            y = TOP
            while rows + 7 <= ROWS:
                lines = _para(lang, k, 6, WIDTH)
                k += 1
                y = _draw_lines(c, lang, x, y, lines, WIDTH) - LEADING
                rows += len(lines) + 1
                body.append(_joined(lang, lines))
        c.setFont(_font(lang), SIZE)
        c.drawRightString(RIGHT, 50, str(page))
        c.showPage()
    if last == "signature":
        lines, width = SIGNATURE[lang], 0.0
        ends = list(lines)
    else:
        width = WIDTH if last == "column" else RIGHT - LEFT
        lines = _para(lang, 99, 5, width)
        ends = [_joined(lang, lines)]
    _draw_lines(c, lang, LEFT, TOP, lines, width)
    c.setFont(_font(lang), SIZE)
    c.drawRightString(RIGHT, 50, "4")
    c.showPage()
    c.save()
    return body, ends


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("last", ["column", "across", "signature"])
def test_a_last_page_in_the_first_column(lang: str, last: str,
                                                                 tmp_path: Path) -> None:
    body, ends = _document(tmp_path / f"report.{lang}.pdf", lang, last)
    paragraphs = [p.text for p in read_document(tmp_path / f"report.{lang}.pdf", lang).paragraphs]
    assert paragraphs == body + ends


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.skipif(not SHARED.exists(), reason=f"{SHARED} not present (see README: Data)")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_two_columns_last_page(lang: str, tmp_path: Path) -> None:
    """The 2023 working paper (../shared ecosoc_07) written by LibreOffice in two columns: its
    last page holds its last two paragraphs in the first column, justified. Each is read whole
    (the Chinese was read line by line before: eight paragraphs of one line; the English held)."""
    doc = next(d for d in DOCS if d.name == "ecosoc_07")
    items = doc.items(lang)
    docx = write_docx(structure(items), lang, doc.symbol, "23-08765 (C)",
                      tmp_path / f"paper.{lang}.docx")
    pdf = convert(set_columns(docx, 2), "pdf", tmp_path)
    texts = {"".join(p.text.split()) for p in read_document(pdf, lang).paragraphs}
    last = ["".join(item.text.split()) for item in items[-2:]]
    assert all(text in texts for text in last), last
