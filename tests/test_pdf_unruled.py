"""Blocks and table cells side by side without ruling lines: each read whole, not line by line
across.

- Two blocks of running text set side by side at a page's foot (an invoice's terms beside its
  bank details; two notes side by side), under text in one column: each block is read whole
  (its lines wrap: each but the last fills the block, the next goes on with a lower-case word
  or mid-sentence), where the reader took each row for a table row of two cells and read the
  blocks line by line across.
- An unruled table whose cells wrap over two or three lines (the cells beside a wrapped one
  stand empty on its next lines): each cell is read whole, row by row, cell by cell.
- Guards: a table of label/value rows of one line each (lower-case labels whose widest one is
  followed by another, as full as a wrapped line) stays row by row, a label and its value
  apart; the producer matrix's seed tables and footnotes are read as before (their readings
  are unchanged, tests/test_pdf_producers*.py).

Each case is a page drawn here (reportlab) and read through `read_document`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfgen import WQY
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

FONT, ZH_FONT = "Helvetica", "WQY"
LEFT, RIGHT, TOP = 72.0, 523.0, 770.0

BODY_EN = (
    "The secretariat has prepared the present note to inform the Committee of the terms on "
    "which the services described in the annex were provided during the period under review, "
    "and of the arrangements made for their payment.",
    "The Committee may wish to take note of the information provided and to give further "
    "guidance on the matters raised in the note, as it deems appropriate.",
)
BODY_ZH = (
    "秘书处编写本说明，向委员会通报在审查所涉期间按何种条件提供附件所述服务以及为支付这些服务所作的安排。"
    "委员会不妨注意到所提供的资料，并酌情就说明中提出的事项提供进一步指导。",
    "委员会还不妨请秘书处在下届会议上报告这些安排的执行情况，并提出必要的改进建议。",
)
TERMS = ("We kindly ask you to follow the instructions for installation and assembly that come "
         "with the goods. These instructions are provided on request, or you can find them on "
         "our website at any time.")
BANK = ("Deutsche Bank", "IBAN: NL67 DEUT 0265 1909 75", "SWIFT / BIC: DEUTNL2A")
NOTE = ("Goods that have not been paid for remain the property of the seller until the whole "
        "amount of the invoice has been received on the account named here.")
TERMS_ZH = ("请按照随货物提供的安装和装配说明操作。这些说明可应要求提供，"
            "也可随时在我们的网站上查阅，如有疑问请与客户服务部联系。")
NOTE_ZH = ("在收到发票全部金额之前，未付款的货物仍为卖方财产。付款时请注明发票编号和客户编号，"
           "以便及时入账。")


def _fonts() -> None:
    if ZH_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(ZH_FONT, str(WQY), subfontIndex=0))


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of `text` filling `width` (Chinese: broken between any two characters)."""
    if font != ZH_FONT:
        return list(simpleSplit(text, font, size, width))
    lines, cur = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(cur + ch, font, size) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return [*lines, cur] if cur else lines


def _body(c: canvas.Canvas, texts: tuple[str, ...], font: str) -> float:
    """Paragraphs of 10-point text across the page from the top; returns the last baseline."""
    y = TOP
    for text in texts:
        for line in _wrap(text, font, 10, RIGHT - LEFT):
            c.setFont(font, 10)
            c.drawString(LEFT, y, line)
            y -= 12
        y -= 12
    return y


def _block(c: canvas.Canvas, lines: list[str], x: float, y: float, font: str, size: float,
           leading: float) -> None:
    c.setFont(font, size)
    for k, line in enumerate(lines):
        c.drawString(x, y - k * leading, line)


def _texts(path: Path, lang: str) -> list[str]:
    return [p.text for p in read_document(path, lang).paragraphs]


def _joined(text: str, font: str, size: float, width: float) -> str:
    """`text` as a reader joins its wrapped lines (a space between Latin lines, none in
    Chinese)."""
    sep = "" if font == ZH_FONT else " "
    return sep.join(_wrap(text, font, size, width))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_two_blocks_of_text_side_by_side_at_a_page_foot_are_read_block_by_block(
    tmp_path: Path, lang: str
) -> None:
    _fonts()
    font = ZH_FONT if lang == "zh" else FONT
    left, right = (TERMS_ZH, NOTE_ZH) if lang == "zh" else (TERMS, NOTE)
    path = tmp_path / f"foot.{lang}.pdf"
    c = canvas.Canvas(str(path))
    _body(c, BODY_ZH if lang == "zh" else BODY_EN, font)
    left_lines = _wrap(left, font, 7, 230)
    right_lines = _wrap(right, font, 7, 180)
    assert 2 <= len(left_lines) <= 4 and 2 <= len(right_lines) <= 4
    _block(c, left_lines, LEFT, 90, font, 7, 8.5)
    _block(c, right_lines, LEFT + 260, 90, font, 7, 8.5)
    c.save()
    texts = _texts(path, lang)
    a, b = _joined(left, font, 7, 230), _joined(right, font, 7, 180)
    assert a in texts, texts
    assert b in texts, texts
    assert texts.index(a) < texts.index(b)


def test_terms_beside_bank_details_are_read_block_by_block(tmp_path: Path) -> None:
    """Running text beside a block of short lines (an invoice's foot): the text whole, then
    the short lines, each its own."""
    path = tmp_path / "invoice.pdf"
    c = canvas.Canvas(str(path))
    _body(c, BODY_EN, FONT)
    terms = _wrap(TERMS, FONT, 6, 220)
    assert len(terms) == 3
    _block(c, terms, LEFT, 90, FONT, 6, 7.2)
    _block(c, list(BANK), LEFT + 250, 90, FONT, 6, 7.2)
    c.save()
    texts = _texts(path, "en")
    whole = " ".join(terms)
    assert whole in texts, texts
    at = texts.index(whole)
    assert texts[at + 1: at + 4] == list(BANK), texts


# an unruled table: status, project (wrapping over two or three lines), capacity, holding company
PROJECTS = (
    ("Planned", "Ordos Jungar Banner Narisong Photovoltaic Hydrogen Industry Demonstration "
                "Project", "10,000", "Three Gorges Corporation & Manshi Investment Group"),
    ("Built", "Ejin Horo Banner Shengyuan Energy Wind-Solar Hydrogen Integration Project "
              "Phase 1", "500", "Inner Mongolia Shengyuan Energy Group"),
    ("Planned", "Envision Zero Carbon Technology (Chifeng) Million Tons/Year Zero Carbon "
                "Hydrogen Ammonia Project", "320,000", "Envision Group"),
)
HEAD = ("Status", "Project name", "Capacity", "Owner")
COLUMNS = ((LEFT, 50.0), (LEFT + 55, 150.0), (LEFT + 215, 50.0), (LEFT + 275, 150.0))
# the same without its owner column: a wrapped column between two narrow ones
PAIRS = tuple(row[:3] for row in PROJECTS)
PAIR_HEAD = HEAD[:3]
PAIR_COLUMNS = COLUMNS[:3]


def _table(path: Path, head: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
           columns: tuple[tuple[float, float], ...], spacing: float) -> list[str]:
    """A page of text, then an unruled table in 8-point type whose cells wrap in their
    column's width (`spacing`: points between two rows); returns the cells' texts."""
    c = canvas.Canvas(str(path))
    y = _body(c, BODY_EN, FONT)
    c.setFont(FONT, 8)
    for (x, _), name in zip(columns, head, strict=True):
        c.drawString(x, y, name)
    y -= 10 + spacing
    expected: list[str] = []
    for row in rows:
        cells = [_wrap(text, FONT, 8, width) for text, (_, width) in zip(row, columns,
                                                                          strict=True)]
        for (x, _), lines in zip(columns, cells, strict=True):
            _block(c, lines, x, y, FONT, 8, 10)
        expected.extend(" ".join(lines) for lines in cells)
        y -= 10 * max(len(lines) for lines in cells) + spacing
    assert max(len(lines) for row in rows for lines in
               (_wrap(t, FONT, 8, w) for t, (_, w) in zip(row, columns, strict=True))) == 3
    c.save()
    return expected


@pytest.mark.parametrize("spacing", [4.0, 0.0], ids=["apart", "tight"])
@pytest.mark.parametrize("table", [
    pytest.param((PAIR_HEAD, PAIRS, PAIR_COLUMNS), id="pairs"),
    # a gutter between its capacity and owner columns stays open over its rows: read as a
    # table, not as two columns (columns._unruled_table, tests/test_pdf_unruled_tables.py)
    pytest.param((HEAD, PROJECTS, COLUMNS), id="wide"),
])
def test_an_unruled_tables_wrapped_cells_are_read_whole_row_by_row(
    tmp_path: Path, spacing: float, table: tuple[tuple[str, ...], tuple[tuple[str, ...], ...],
                                                  tuple[tuple[float, float], ...]],
) -> None:
    head, rows, columns = table
    path = tmp_path / "table.pdf"
    expected = _table(path, head, rows, columns, spacing)
    texts = _texts(path, "en")
    at = texts.index(head[-1]) + 1
    assert texts[at: at + len(expected)] == expected, texts


# a table of label/value rows, one line each; lower-case labels, the widest one followed by
# another whose first word would not fit after it
SPECS = (
    ("motor type", "13.751.65.5.2.0"), ("nominal power rating", "0,18 kW"),
    ("nominal torque", "1,27 Nm"), ("nominal speed of rotation", "1350 r/min"),
    ("nominal voltage", "230/400 V AC"), ("connection", "star"),
    ("nominal current drawn", "1,20/0,70 A"), ("gear ratio", "10"),
)


def test_a_table_of_one_line_label_value_rows_stays_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "specs.pdf"
    c = canvas.Canvas(str(path))
    y = _body(c, BODY_EN, FONT)
    c.setFont(FONT, 10)
    for label, value in SPECS:
        c.drawString(LEFT + 30, y, label)
        c.drawString(LEFT + 200, y, value)
        y -= 11
    c.save()
    texts = _texts(path, "en")
    at = texts.index(SPECS[0][0])
    assert texts[at: at + 2 * len(SPECS)] == [t for pair in SPECS for t in pair], texts
