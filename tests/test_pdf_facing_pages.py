"""Facing pages with mirrored margins (a book, a printed report): odd pages' text block stands
further right than even pages'. Each page's lines are measured against its own page's text
block, so a full line of an even page is not taken for a paragraph's last line, and a paragraph
that goes on at the next page is not taken for one that starts with an indent.

Pages drawn here (reportlab), Chinese and English, lines set flush left, paragraphs apart by a
gap, several of them going on across a page break.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

SIZE, LEADING, GAP, TOP, BOTTOM = 10.0, 14.0, 8.0, 780.0, 80.0
WIDTH = 300.0
INNER, OUTER = 110.0, 60.0  # left margins of odd and even pages
ZH = ("联合国人类住区规划署和联合国环境规划署多年来在城市环境方面开展合作，"
      "双方合作的范围和深度都有所扩大。")
EN = ("The United Nations Human Settlements Programme and the United Nations Environment "
      "Programme have worked together on the urban environment for many years, and their "
      "cooperation has grown in scope and depth.")


def _paragraphs(lang: str) -> list[str]:
    """Twenty-four paragraphs of one to four sentences (numbered apart by their wording)."""
    if lang == "zh":
        return [f"第{k + 1}段。" + ZH * (1 + k % 4) for k in range(24)]
    return [f"This is paragraph {k + 1}. " + " ".join([EN] * (1 + k % 4)) for k in range(24)]


def _lines(text: str, font: str) -> list[str]:
    if font != "Times-Roman":  # Chinese: every line full but the last
        per_line = int(WIDTH // SIZE)
        return [text[k : k + per_line] for k in range(0, len(text), per_line)]
    return list(simpleSplit(text, font, SIZE, WIDTH))


def _draw(path: Path, paragraphs: list[str], font: str) -> int:
    """The paragraphs on facing pages; the number of paragraphs a page break cut."""
    c = canvas.Canvas(str(path), invariant=1)
    page, y, cut = 1, TOP, 0
    for text in paragraphs:
        lines = _lines(text, font)
        for n, line in enumerate(lines):
            if y < BOTTOM:
                c.setFont("Times-Roman", 9)
                c.drawString(300.0, 40.0, str(page))
                c.showPage()
                page, y = page + 1, TOP
                cut += n > 0
            c.setFont(font, SIZE)
            c.drawString(INNER if page % 2 else OUTER, y, line)
            y -= LEADING
        y -= GAP
    c.setFont("Times-Roman", 9)
    c.drawString(300.0, 40.0, str(page))
    c.showPage()
    c.save()
    return cut


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_facing_pages_with_mirrored_margins_keep_their_paragraphs(lang: str,
                                                                  tmp_path: Path) -> None:
    font = "Times-Roman"
    if lang == "zh":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        font = "STSong-Light"
    paragraphs = _paragraphs(lang)
    cut = _draw(tmp_path / f"book.{lang}.pdf", paragraphs, font)
    assert cut >= 2  # paragraphs that go on across a page break, odd to even and even to odd
    read = read_document(tmp_path / f"book.{lang}.pdf", lang).paragraphs
    assert ["".join(p.text.split()) for p in read] == ["".join(p.split()) for p in paragraphs]
