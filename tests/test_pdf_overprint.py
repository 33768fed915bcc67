"""Text drawn again where it already stands (an overprint) is read once, and reported.

A page may draw the same text objects twice at the same place: a producer that writes a form's
footer block twice, a layer drawn again over itself, a shadow or fake bold (a second copy a
fraction of a point away). A viewer shows one text. PDFium's text page drops a copy only where it
follows its original within a few text objects; the reader drops every glyph that draws the
same character again over the same box (`pdflayout.overprint`: within `OVERPRINT` font sizes),
however far apart in the content stream the copies are, and reports the copies (`overprint`
furniture, their characters), never losing them silently. Text that differs is never dropped:
another character at the same place, the same words at another place.

Pages drawn with reportlab, one table row each: the text objects in content order; a page
written by hand for a ligature (one glyph that stands for two characters).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest
from onepage import helvetica_page
from pdfgen import WQY
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

FOOTER = ("Please write your name here", "and the date of your visit", "Thank you")
# other text objects between a block and its copy: more than PDFium's window of five
FILLERS = tuple(
    f"{n}. The Assembly takes note of item {n} of the report of the Executive Director."
    for n in range(1, 9)
)


class Draw(NamedTuple):
    """One text object: its text, where it starts (points), its font size and font."""

    text: str
    x: float
    y: float
    size: float = 11.0
    font: str = "Helvetica"


ZH_FILLERS = tuple(f"{n}. 大会注意到执行主任报告第{n}项。" for n in range(1, 9))


def _fillers(y: float = 700.0, texts: tuple[str, ...] = FILLERS, font: str = "Helvetica",
             ) -> list[Draw]:
    return [Draw(text, 72, y - 28 * k, 11, font) for k, text in enumerate(texts)]


def _footer(dx: float = 0.0, dy: float = 0.0) -> list[Draw]:
    return [Draw(text, 72 + dx, 120 + dy - 12 * k, 9) for k, text in enumerate(FOOTER)]


_ZH = "请在此处写下您的姓名。"


class Case(NamedTuple):
    draws: list[Draw]
    once: tuple[str, ...]  # each read exactly once
    twice: tuple[str, ...]  # each read exactly twice
    overprint: str  # the `overprint` furniture's text on page 1 ("" for none)
    lang: str = "en"


CASES: dict[str, Case] = {
    # the footer block (three text objects) drawn again after eight other objects
    "block-again-far": Case([*_footer(), *_fillers(), *_footer()], FOOTER, (),
                            " ".join(FOOTER)),
    # the same, the copy first and the body between: the first drawn is the one read
    "block-again-far-body-first": Case([*_fillers(), *_footer(), *_fillers(500), *_footer()],
                                       FOOTER, FILLERS, " ".join(FOOTER)),
    # one word of the block drawn again over its line, after the others
    "word-again-over-its-line": Case(
        [*_footer(), *_fillers(),
         Draw("here", 72 + pdfmetrics.stringWidth("Please write your name ", "Helvetica", 9),
              120, 9)],
        FOOTER, (), "here"),
    # drawn again at once: PDFium's text page drops the copy itself (nothing to report)
    "block-again-near": Case([*_footer(), *_footer(), *_fillers()], FOOTER, (), ""),
    # fake bold: a copy 0.3 pt to the right, at once (PDFium) or after other objects (here)
    "fake-bold-near": Case([Draw(FILLERS[0], 72, 750), Draw(FILLERS[0], 72.3, 750),
                            *_fillers()[1:]], FILLERS, (), ""),
    # fake bold drawn again on the same baseline, the copy 0.24 pt to the left with one more
    # character (a space), which PDFium's own check (the same characters) lets through: each
    # glyph of the copy is a copy, not only its first (pdfplumber's issue-842 example, Word)
    "fake-bold-same-baseline": Case([Draw(FILLERS[0], 72, 750), Draw(FILLERS[0] + " ", 71.76, 750),
                                     *_fillers()[1:]], FILLERS, (), FILLERS[0]),
    # Word's four copies, (0, 0), (-0.24, -0.24), (0, -0.24), (-0.24, 0), the last one longer
    "fake-bold-word": Case([Draw(FILLERS[0], 72, 750), Draw(FILLERS[0], 71.76, 749.76),
                            Draw(FILLERS[0], 72, 749.76), Draw(FILLERS[0] + " ", 71.76, 750),
                            *_fillers()[1:]], FILLERS, (), FILLERS[0]),
    "fake-bold-far": Case([*_footer(), *_fillers(), *_footer(0.3, 0.2)], FOOTER, (),
                          " ".join(FOOTER)),
    # a Chinese line drawn again after the others
    "chinese-again-far": Case(
        [Draw(_ZH, 72, 760, 12, "WQY"), *_fillers(texts=ZH_FILLERS, font="WQY"),
         Draw(_ZH, 72, 760, 12, "WQY")],
        (_ZH,), (), _ZH, "zh"),
    # the same words at other places are other text: the block again lower on the page, a
    # line again on the next baseline, a word again beside itself
    "block-elsewhere": Case([*_footer(), *_fillers(), *_footer(0, -60)], (), FOOTER, ""),
    "line-next-baseline": Case([Draw(FOOTER[0], 72, 780), *_fillers(),
                                Draw(FOOTER[0], 72, 767)], (), (FOOTER[0],), ""),
    "word-beside-itself": Case([Draw("Thank you", 72, 780), *_fillers(),
                                Draw("Thank you", 72 + 50, 780)], (), ("Thank you",), ""),
}


def _page(path: Path, draws: list[Draw]) -> Path:
    if any(d.font == "WQY" for d in draws):
        if not WQY.exists():
            pytest.skip("fonts-wqy-microhei not installed")
        pdfmetrics.registerFont(TTFont("WQY", str(WQY), subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    for d in draws:
        c.setFont(d.font, d.size)
        c.drawString(d.x, d.y, d.text)  # one text object each
    c.showPage()
    c.save()
    return path


def _ink(text: str) -> Counter[str]:
    return Counter("".join(text.split()))


@pytest.mark.parametrize("name", list(CASES))
def test_an_overprint_is_read_once_and_reported(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    doc = read_document(_page(tmp_path / f"{name}.pdf", case.draws), case.lang)
    text = "\n".join(p.text for p in doc.paragraphs)
    for phrase in case.once:
        assert text.count(phrase) == 1, (phrase, text)
    for phrase in case.twice:
        assert text.count(phrase) == 2, (phrase, text)
    overprint = [(f.text, f.line) for f in doc.furniture if f.kind == "overprint"]
    assert overprint == ([(case.overprint, 1)] if case.overprint else []), overprint
    # nothing lost: every glyph drawn is in the text, in the report or was dropped by PDFium
    read = _ink(text) + _ink(" ".join(f.text for f in doc.furniture))
    assert read <= _ink(" ".join(d.text for d in case.draws)), read


def test_other_text_at_the_same_place_is_kept(tmp_path: Path) -> None:
    """Another text over the same box (a form's value over its field's placeholder) is no
    copy: every character of both is read, nothing is reported as an overprint."""
    first, second = "Name of the delegation", "Permanent Mission of Kenya"
    draws = [Draw(first, 72, 780), *_fillers(), Draw(second, 72, 780)]
    doc = read_document(_page(tmp_path / "other.pdf", draws), "en")
    read = _ink(" ".join(p.text for p in doc.paragraphs))
    read += _ink(" ".join(f.text for f in doc.furniture))
    assert read == _ink(" ".join(d.text for d in draws))
    assert not [f for f in doc.furniture if f.kind == "overprint"]


# A ligature: one glyph that stands for two characters (Chromium's "ff" and Chinese "——" glyphs):
# PDFium's text page gives each character the glyph's box. Helvetica's "F" stands for "ff" here
# (its ToUnicode map), and the text maps as ASCII otherwise.
_CMAP = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Lig def "
         b"1 begincodespacerange <00> <FF> endcodespacerange "
         b"1 beginbfrange <20> <7E> <0020> endbfrange 1 beginbfchar <46> <00660066> endbfchar "
         b"endcmap CMapName currentdict /CMap defineresource pop end end")
LIGATED = "The eForts of the Committee"  # as drawn: read "The efforts of the Committee"


def _ligature_page(path: Path, lines: list[tuple[str, float]]) -> Path:
    stream = b" ".join(b"BT /F1 11 Tf 72 %.1f Td (%s) Tj ET" % (y, text.encode("ascii"))
                       for text, y in lines)
    path.write_bytes(helvetica_page(stream, b" /ToUnicode 6 0 R", {
        6: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_CMAP), _CMAP)}))
    return path


@pytest.mark.parametrize(
    ("times", "overprint"), [(1, []), (2, [("The efforts of the Committee", 1)])],
    ids=["once", "again-far"],
)
def test_a_ligature_is_read_whole(tmp_path: Path, times: int, overprint: list[tuple[str, int]],
                                  ) -> None:
    """The second character of a ligature shares its glyph's box: it is no copy of the first
    ("efforts", not "eforts"); a ligature drawn again is a copy as a whole."""
    fillers = [(text, 700 - 28 * k) for k, text in enumerate(FILLERS)]
    lines = [(LIGATED, 780.0), *fillers] + [(LIGATED, 780.0)] * (times - 1)
    doc = read_document(_ligature_page(tmp_path / "ligature.pdf", lines), "en")
    text = "\n".join(p.text for p in doc.paragraphs)
    assert text.count("The efforts of the Committee") == 1, text
    assert [(f.text, f.line) for f in doc.furniture if f.kind == "overprint"] == overprint
