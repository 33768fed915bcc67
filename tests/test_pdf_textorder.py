"""The text path's order follows the page's reading direction (`pdflayout.textorder`).

Where the layout reading fails its self-check, the reader takes the text path on PDFium's own
text, which follows the order the content stream draws. A producer that draws a page's lines
from the bottom of the page upward (a report's table set from its last row: PyMuPDF's
test_4699) made that reading the page upside down. The pages here are drawn with reportlab: a
table of label and figure rows without rules, drawn top-down, bottom-up, or with its header
drawn first and its rows bottom-up; plain paragraphs drawn bottom-up (which the layout reading
reads, by the glyphs' places); and PageChars made by hand for the rule's stretches. The
layout reading now reads such a table itself, row by row, cell by cell, by the glyphs' places
(`columns._unruled_table`; its cells are no segment explosion, as a ruled table's are not);
the text path is checked on it as the self-check took it before (`_text_path`: the table's
cells counted as segments).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from untm.aligner.pdflayout.chars import SPACE, Char, PageChars, read_pdf_pages
from untm.aligner.pdflayout.selfcheck import choose
from untm.aligner.pdflayout.textorder import top_down
from untm.aligner.readers.pdf import _layout_reading, read_pdf
from untm.fileio import read_bytes_checked

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

LABELS = {
    "zh": ["短期借款", "应付债券", "长期借款", "预计负债", "股本", "资本公积",
           "盈余公积", "未分配利润", "少数股东权益", "负债合计", "合同负债",
           "应交税费", "其他应付款", "递延所得税负债", "其他权益工具", "专项储备"],
    "en": ["Loans", "Bonds", "Borrowings", "Provisions", "Capital", "Reserve", "Surplus",
           "Earnings", "Minority", "Liabilities", "Contracts", "Taxes", "Payables", "Deferred",
           "Equity", "Special"],
}
TITLE = {"zh": "表 21：资产负债表（单位：百万元）", "en": "Table 21: Balance sheet (million yuan)"}
HEADER = {"zh": "公司深度报告", "en": "Company research report"}
FONT = {"zh": "STSong-Light", "en": "Helvetica"}
YEARS = ["2018", "2019", "2020", "2021E", "2022E", "2023E"]


def _table(path: Path, lang: str, *, upward: bool, header_first: bool = False) -> Path:
    """A page with a header line, a table's title, its years and 16 rows of a label and six
    figures (right-aligned, no rules), the table drawn top-down or from its last row up."""
    rnd = random.Random(7)
    rows: list[tuple[str, list[str]]] = [("", YEARS)]
    rows += [(label, [f"{rnd.randint(0, 20000):,}" for _ in YEARS]) for label in LABELS[lang]]
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(FONT[lang], 9)
    if header_first:
        c.drawString(60, 810, HEADER[lang])
    placed = [(780 - 16 * k, row) for k, row in enumerate([(TITLE[lang], []), *rows])]
    for y, (label, figures) in reversed(placed) if upward else placed:
        c.drawString(60, y, label)
        for j, figure in enumerate(figures):
            c.drawRightString(300 + 50 * j, y, figure)
    c.showPage()
    c.save()
    return path


def _reading(path: Path, lang: str) -> tuple[str, tuple[str, ...]]:
    read = read_pdf(path, lang)
    return "\n".join(p.text for p in read.cleaned.paragraphs), read.notes


def _text_path(path: Path, lang: str) -> tuple[str, tuple[str, ...]]:
    """The reading the self-check takes where it counts the layout reading's table cells as
    segments (an explosion: `choose` without `cells`): the text path, and its note."""
    pages = read_pdf_pages(read_bytes_checked(path), str(path)).pages
    layout, short, _ = _layout_reading(pages, lang)
    choice = choose(layout, [p.text for p in pages], lang, short_lines=short,
                    top_down=lambda: [top_down(p) for p in pages])
    return ("\n".join(p.text for p in choice.cleaned.paragraphs),
            (choice.note,) if choice.note else ())


def _in_order(text: str, *pieces: str) -> bool:
    places = [text.find(p) for p in pieces]
    return -1 not in places and places == sorted(places)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_drawn_bottom_up_read_top_down(tmp_path: Path, lang: str) -> None:
    """Where the layout reading fails its self-check (each figure a segment), the text path
    reads the rows top-down, as the page shows them, and the note says the lines were put
    top-down. The layout reading reads them top-down by their places, without a note."""
    path = _table(tmp_path / "t.pdf", lang, upward=True)
    text, notes = _text_path(path, lang)
    assert _in_order(text, TITLE[lang], "2018", LABELS[lang][0], LABELS[lang][8],
                     LABELS[lang][-1])
    assert len(notes) == 1
    assert notes[0].startswith("read in PDFium's text order through the text path (the lines "
                               "of page 1, drawn bottom-up, put top-down): the layout reading")
    text, notes = _reading(path, lang)
    assert _in_order(text, TITLE[lang], "2018", LABELS[lang][0], LABELS[lang][8],
                     LABELS[lang][-1])
    assert not notes


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_header_drawn_first_then_rows_bottom_up(tmp_path: Path, lang: str) -> None:
    """A header drawn first, at the top, then the table from its last row up: the header keeps
    its place, the rows are put top-down."""
    path = _table(tmp_path / "t.pdf", lang, upward=True, header_first=True)
    for text, _notes in (_text_path(path, lang), _reading(path, lang)):
        assert _in_order(text, TITLE[lang], "2018", LABELS[lang][0], LABELS[lang][-1])
        assert HEADER[lang] not in text or _in_order(text, HEADER[lang], TITLE[lang])
    assert "drawn bottom-up, put top-down" in _text_path(path, lang)[1][0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_drawn_top_down_unchanged(tmp_path: Path, lang: str) -> None:
    """Guard: the same table drawn top-down is read in PDFium's order by the text path, as
    before, without the words of the new note."""
    text, notes = _text_path(_table(tmp_path / "t.pdf", lang, upward=False), lang)
    assert _in_order(text, TITLE[lang], "2018", LABELS[lang][0], LABELS[lang][-1])
    assert notes and notes[0].startswith("read in PDFium's text order through the text path: ")


PARAGRAPHS = {
    "en": [
        "The Committee considered the report of the Secretary-General on the financing of the",
        "peacekeeping operations and decided to defer its consideration of the item to its",
        "resumed session, taking into account the views expressed by the delegations.",
        "The Committee also requested the Secretary-General to submit a further report on the",
        "question at its next session, including information on the measures taken.",
    ],
    "zh": [
        "委员会审议了秘书长关于维持和平行动经费筹措的报告，决定推迟至续会审议",
        "该项目，同时考虑到各代表团表达的意见。",
        "委员会还请秘书长在下届会议上就该问题提交进一步报告，其中包括关于所采",
        "取措施的资料。",
    ],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_paragraphs_drawn_bottom_up_read_by_layout(tmp_path: Path, lang: str) -> None:
    """Guard: plain paragraphs drawn from their last line up are read by the layout reading
    (by the glyphs' places), top-down, with no note."""
    path = tmp_path / "p.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(FONT[lang], 10)
    lines = PARAGRAPHS[lang]
    for k in reversed(range(len(lines))):
        c.drawString(72, 720 - 13 * k - (13 if k >= (3 if lang == "en" else 2) else 0), lines[k])
    c.showPage()
    c.save()
    read = read_pdf(path, lang)
    assert not read.notes
    texts = [p.text for p in read.cleaned.paragraphs]
    assert len(texts) == 2
    assert texts[0].startswith(lines[0][:10]) and texts[1].startswith(lines[3 if lang == "en"
                                                                             else 2][:10])


def _page(rows: list[tuple[str, float]]) -> PageChars:
    """A page whose layer draws `rows` (text, baseline) in that order, one layer line each."""
    chars: list[Char] = []
    for text, y in rows:
        x = 72.0
        for ch in text:
            chars.append(Char(SPACE if ch == " " else ch, x, x + 5, y, y + 10, 10.0, False))
            x += 5
    return PageChars(1, 595, 842, tuple(chars), "\n".join(t for t, _ in rows))


def test_stretches_drawn_upward_each_put_top_down() -> None:
    """A header drawn top-down, then two blocks each drawn from its last line up: each block is
    put top-down where it stands, the header stays first."""
    page = _page([("head", 800), ("sub", 785),
                  ("a4", 700), ("a3", 715), ("a2", 730), ("a1", 745),
                  ("b4", 500), ("b3", 515), ("b2", 530), ("b1", 545)])
    turned = top_down(page)
    assert turned is not None
    assert turned.text.split("\n") == ["head", "sub", "a1", "a2", "a3", "a4",
                                        "b1", "b2", "b3", "b4"]


def test_no_one_direction_untouched() -> None:
    """Guard: a page whose rows go up as often as down (a form's fields drawn in any order) is
    left in PDFium's order: fewer than `MOSTLY` of its steps go up."""
    page = _page([("f1", 700), ("f2", 730), ("f3", 715), ("f4", 760), ("f5", 600),
                  ("f6", 650), ("f7", 640)])
    assert top_down(page) is None


def test_cells_of_one_row_keep_their_order() -> None:
    """Lines PDFium broke on one baseline (a row's cells) stay in their order."""
    page = _page([("c1", 500), ("c2", 500), ("b1", 515), ("b2", 515), ("a1", 530)])
    turned = top_down(page)
    assert turned is not None
    assert turned.text.split("\n") == ["a1", "b1", "b2", "c1", "c2"]


def test_page_drawn_top_down_untouched() -> None:
    """Guard: two columns drawn top-down (one step up, to the second column's top) and a
    footnote marker raised on its line are no page drawn upward."""
    page = _page([("x1", 700), ("x2", 685), ("x3", 670), ("y1", 700), ("y2", 685),
                  ("y3", 670)])
    assert top_down(page) is None
    assert top_down(_page([("one", 700), ("two", 700 + 3), ("three", 685)])) is None
