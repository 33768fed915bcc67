"""Text set vertically with upright glyphs: letters or Han characters one under another, each
upright (signage, a narrow table header, Chinese vertical writing), is one line read top to
bottom (`pdflayout.stacks`), where each glyph was read as a line of its own ("t", "e", "s", "t":
pdfjs__rotated.pdf of the real-world corpus).

Each case is a page drawn here (reportlab): a paragraph, and a word stacked beside or under it.
The stacked cases fail on the old reader, which read each glyph as a line of its own. The guards
are columns of one-character lines that are no stack: a table's column of digits, of one-letter
cells ("Y", "N") and of one-character Chinese cells ("男", "女"), bullets, superscript note
letters, drop capitals, and a stacked header inside a ruled table's cell (left to the table);
they read as before (they pass on the old reader too).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
SIZE, LEADING, LEFT, TOP = 10.0, 12.5, 72.0, 720.0
FONT, ZH = "Helvetica", "WQY"
PARA = ("The committee met three times during the period under review and",
        "considered the reports submitted to it by the secretariat, together",
        "with the comments received from the member States on the draft text.")
ZPARA = ("委员会在本报告所述期间举行了三次会议，审议了秘书处提交的各项报告，",
         "以及各成员国对草案提出的意见。")
TEXT = " ".join(PARA)
ZTEXT = "".join(ZPARA)

Draw = Callable[[canvas.Canvas], None]


def _lines(pdf: canvas.Canvas, texts: tuple[str, ...], x: float, y: float,
           font: str = FONT) -> float:
    """Lines of text at one leading from baseline `y`; returns the baseline after the last."""
    pdf.setFont(font, SIZE)
    for text in texts:
        pdf.drawString(x, y, text)
        y -= LEADING
    return y


def _stack(pdf: canvas.Canvas, text: str, x: float, y: float, size: float, font: str,
           pitch: float, *, centred: bool = True) -> None:
    """Glyphs one under another from baseline `y`, each centred on `x` (or starting at it),
    `pitch` apart; a space leaves one slot empty."""
    pdf.setFont(font, size)
    for ch in text:
        if ch != " ":
            if centred:
                pdf.drawCentredString(x, y, ch)
            else:
                pdf.drawString(x, y, ch)
        y -= pitch


def _page(path: Path, draw: Draw) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=(612.0, 792.0))
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return path


def _read(draw: Draw, lang: str, path: Path) -> list[str]:
    if lang == "zh":
        if not WQY.exists():
            pytest.skip("wqy-microhei (a Debian package) is not installed")
        pdfmetrics.registerFont(TTFont(ZH, str(WQY), subfontIndex=0))
    return [p.text for p in read_document(_page(path, draw), lang).paragraphs]


def _hotel(pdf: canvas.Canvas) -> None:  # a sign's word under the text, letters centred
    y = _lines(pdf, PARA, LEFT, TOP)
    _stack(pdf, "HOTEL", 300.0, y - 40.0, 14.0, FONT, 14.0 * 1.15)


def _tested(pdf: canvas.Canvas) -> None:  # letters set from one left edge, boxes abutting
    y = _lines(pdf, PARA, LEFT, TOP)
    _stack(pdf, "Tested", 300.0, y - 40.0, 10.0, FONT, 11.2, centred=False)


def _no_exit(pdf: canvas.Canvas) -> None:  # two words, one slot apart
    y = _lines(pdf, PARA, LEFT, TOP)
    _stack(pdf, "NO EXIT", 300.0, y - 40.0, 14.0, FONT, 14.0 * 1.15)


def _chinese(pdf: canvas.Canvas) -> None:  # a column of Chinese under the text
    y = _lines(pdf, ZPARA, LEFT, TOP, ZH)
    _stack(pdf, "联合国大会", 300.0, y - 40.0, 14.0, ZH, 14.0)


def _margin(pdf: canvas.Canvas) -> None:  # a word in the margin beside the paragraph's lines
    _lines(pdf, PARA + PARA, LEFT, TOP)
    _stack(pdf, "DRAFT", 48.0, TOP + 2.0, SIZE, FONT, 11.5)


def _margin_middle(pdf: canvas.Canvas) -> None:  # the same beside the paragraph's middle
    _lines(pdf, PARA + PARA, LEFT, TOP)
    _stack(pdf, "DRAFT", 48.0, TOP - 30.0, SIZE, FONT, 11.5)


def _margin_plain(pdf: canvas.Canvas) -> None:
    _lines(pdf, PARA + PARA, LEFT, TOP)


def _zh_margin(pdf: canvas.Canvas) -> None:  # two Han characters in the margin
    _lines(pdf, ZPARA + ZPARA, LEFT, TOP, ZH)
    _stack(pdf, "附件", 50.0, TOP - 3.0, SIZE, ZH, SIZE)


def _zh_margin_plain(pdf: canvas.Canvas) -> None:
    _lines(pdf, ZPARA + ZPARA, LEFT, TOP, ZH)


STACKED: dict[str, tuple[Draw, str, list[str]]] = {
    "a Latin word, letters centred": (_hotel, "en", [TEXT, "HOTEL"]),
    "a Latin word, letters from one left edge": (_tested, "en", [TEXT, "Tested"]),
    "two Latin words a slot apart": (_no_exit, "en", [TEXT, "NO EXIT"]),
    "a Chinese column": (_chinese, "zh", [ZTEXT, "联合国大会"]),
}


@pytest.mark.parametrize("name", list(STACKED))
def test_a_stack_of_upright_glyphs_is_one_line(name: str, tmp_path: Path) -> None:
    draw, lang, expected = STACKED[name]
    assert _read(draw, lang, tmp_path / "page.pdf") == expected


@pytest.mark.parametrize(("draw", "plain", "lang", "word", "first"), [
    (_margin, _margin_plain, "en", "DRAFT", True),
    (_margin_middle, _margin_plain, "en", "DRAFT", False),
    (_zh_margin, _zh_margin_plain, "zh", "附件", True),
], ids=["en", "en-middle", "zh"])
def test_a_stack_beside_text_leaves_the_text_as_it_reads_without_it(
    draw: Draw, plain: Draw, lang: str, word: str, first: bool, tmp_path: Path
) -> None:
    """A stack in the margin is a paragraph of its own: before the paragraph whose first line
    it stands beside, after the paragraph whose middle it stands beside (never inside it)."""
    without = _read(plain, lang, tmp_path / "plain.pdf")
    expected = [word, *without] if first else [*without, word]
    assert _read(draw, lang, tmp_path / "page.pdf") == expected


def _digits(pdf: canvas.Canvas) -> None:  # a table's first column of one digit a row
    y = _lines(pdf, PARA, LEFT, TOP) - 20.0
    pdf.setFont(FONT, SIZE)
    for a, b, c in (("1", "Apples", "12.50"), ("2", "Pears", "8.00"), ("3", "Plums", "4.25"),
                    ("4", "Figs", "30.00")):
        pdf.drawString(LEFT, y, a)
        pdf.drawString(LEFT + 40.0, y, b)
        pdf.drawRightString(LEFT + 200.0, y, c)
        y -= 12.0


def _letters(pdf: canvas.Canvas) -> None:  # a column of one-letter cells, rows a glyph apart
    y = _lines(pdf, PARA, LEFT, TOP) - 20.0
    pdf.setFont(FONT, SIZE)
    for a, b in (("Apples", "Y"), ("Pears", "N"), ("Plums", "Y"), ("Figs", "Y")):
        pdf.drawString(LEFT, y, a)
        pdf.drawCentredString(LEFT + 150.0, y, b)
        y -= 11.5


def _zh_cells(pdf: canvas.Canvas) -> None:  # a column of one-character Chinese cells
    y = _lines(pdf, ZPARA, LEFT, TOP, ZH) - 20.0
    pdf.setFont(ZH, SIZE)
    for a, b, c in (("张三", "男", "北京"), ("李四", "女", "上海"), ("王五", "男", "广州")):
        pdf.drawString(LEFT, y, a)
        pdf.drawString(LEFT + 60.0, y, b)
        pdf.drawString(LEFT + 120.0, y, c)
        y -= 12.0


def _bullets(pdf: canvas.Canvas) -> None:
    y = _lines(pdf, PARA, LEFT, TOP) - 20.0
    for text in ("apples from the north", "pears from the south", "plums from the east"):
        pdf.setFont(FONT, SIZE)
        pdf.drawString(LEFT, y, "\u2022")
        pdf.drawString(LEFT + 20.0, y, text)
        y -= 12.0


def _notes(pdf: canvas.Canvas) -> None:  # superscript note letters, each before its note
    y = _lines(pdf, PARA, LEFT, TOP) - 20.0
    for marker, text in (("a", "Figures for the first half of the year."),
                         ("b", "Provisional."), ("c", "Estimate.")):
        pdf.setFont(FONT, 5.0)
        pdf.drawString(LEFT, y + 3.0, marker)
        pdf.setFont(FONT, 8.0)
        pdf.drawString(LEFT + 20.0, y, text)
        y -= 9.6


def _drop_caps(pdf: canvas.Canvas) -> None:  # three short paragraphs, each with a drop capital
    y = TOP
    for cap, lines in zip("TAI", (
        ("he committee met three times during the period",
         "under review and considered the reports."),
        ("fter the debate, the committee adopted the draft",
         "resolution without a vote, as orally revised."),
        ("n closing, the Chair thanked the delegations for",
         "their work and declared the session closed."),
    ), strict=True):
        _lines(pdf, lines, LEFT + 22.0, y)
        pdf.setFont("Times-Bold", 30.0)
        pdf.drawString(LEFT, y - LEADING, cap)
        y -= 2 * LEADING


GUARDS: dict[str, tuple[Draw, str, list[str]]] = {
    "a table column of digits": (_digits, "en", ["1", "2", "3", "4"]),
    "a table column of one-letter cells": (_letters, "en", ["Y", "N", "Y", "Y"]),
    "a table column of one-character Chinese cells": (_zh_cells, "zh", ["男", "女", "男"]),
    "bullets": (_bullets, "en", ["\u2022"] * 3),
    "superscript note letters": (_notes, "en", ["a", "b", "c"]),
    "drop capitals": (_drop_caps, "en", ["T", "A", "I"]),
}


@pytest.mark.parametrize("name", list(GUARDS))
def test_a_column_of_one_character_lines_is_no_stack(name: str, tmp_path: Path) -> None:
    """Each of the column's characters is read where it stands: none joined to the one above
    or below it."""
    draw, lang, column = GUARDS[name]
    reading = _read(draw, lang, tmp_path / "page.pdf")
    words = [w for p in reading for w in p.split()]
    for a, b in pairwise(column):
        if lang == "zh":
            assert not any(a + b in p for p in reading), (a + b, reading)
        else:
            assert a + b not in words, (a + b, reading)
    ink = "".join("".join(reading).split())
    assert all(ink.count(ch) >= column.count(ch) for ch in column), reading


def _ruled(pdf: canvas.Canvas) -> None:  # a ruled table whose narrow first header is stacked
    y = _lines(pdf, PARA, LEFT, TOP) - 30.0
    xs = (LEFT, LEFT + 20.0, LEFT + 160.0, LEFT + 240.0)
    top, middle, bottom = y, y - 50.0, y - 70.0
    pdf.setLineWidth(0.5)
    for x in xs:
        pdf.line(x, top, x, bottom)
    for rule in (top, middle, bottom):
        pdf.line(xs[0], rule, xs[-1], rule)
    _stack(pdf, "Qty", xs[0] + 10.0, top - 12.0, SIZE, FONT, 11.2)
    pdf.setFont(FONT, SIZE)
    rows = ((top - 12.0, ("", "Item", "Price")), (middle - 13.0, ("4", "Apples", "12.50")))
    for y, cells in rows:
        for x, cell in zip(xs, cells, strict=False):
            pdf.drawString(x + 4.0, y, cell)


def test_a_stack_in_a_ruled_cell_is_read_in_its_cell(tmp_path: Path) -> None:
    """A stack inside a ruled table's cell is left to the table (`tables`: the cell's lines),
    so the table reads in its order, the header first."""
    reading = _read(_ruled, "en", tmp_path / "page.pdf")
    assert reading[0] == TEXT
    assert reading[1].replace(" ", "") == "Qty"
    assert reading[2:] == ["Item Price", "4 Apples 12.50"]


def test_the_guards_read_their_cells_as_table_rows(tmp_path: Path) -> None:
    """Where the old reader reads a guard's rows whole, they stay so."""
    assert _read(_letters, "en", tmp_path / "letters.pdf") == [
        TEXT, "Apples Y", "Pears N", "Plums Y", "Figs Y"]
    assert _read(_notes, "en", tmp_path / "notes.pdf")[1:] == ["b Provisional.", "c Estimate."]
